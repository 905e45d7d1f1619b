using System.Collections.Immutable;
using Rasdl.Collections;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>
/// What a compilation's files mean: every symbol, route and assignment, every reference to a
/// name or vocabulary word with its location, and the binding diagnostics. Immutable; the
/// engine lowers it, and the language server answers from it.
/// </summary>
public sealed record SemanticModel(
    ImmutableArray<SyntaxTree> Trees,
    PlatformSymbol? Platform,
    ImmutableArray<BlockSymbol> Blocks,
    ImmutableArray<EndpointSymbol> Endpoints,
    ImmutableArray<HypervisorSymbol> Hypervisors,
    ImmutableArray<ProfileSymbol> Profiles,
    ImmutableArray<Route> Routes,
    ImmutableArray<Assignment> Assignments,
    ChunkedArray<SymbolReference> References,
    ChunkedArray<WordReference> WordReferences,
    IReadOnlyDictionary<string, Symbol> Globals)
{
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    public IEnumerable<RegionSymbol> Regions => Endpoints.SelectMany(e => e.Regions);

    public Symbol? Lookup(string name) => Globals.GetValueOrDefault(name);

    /// <summary>The name reference (declaration or use) at a position of a file, if any.</summary>
    public SymbolReference? FindReference(string path, int position)
    {
        foreach (var reference in References)
        {
            if (reference.Span.Touches(position) && reference.Path == path)
            {
                return reference;
            }
        }

        return null;
    }

    /// <summary>The vocabulary word at a position of a file, if any.</summary>
    public WordReference? FindWord(string path, int position)
    {
        foreach (var word in WordReferences)
        {
            if (word.Span.Touches(position) && word.Path == path)
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>Every place the symbol is written: its declaration first, then its uses in file and position order.</summary>
    public IEnumerable<SymbolReference> ReferencesTo(Symbol symbol) =>
        References.Where(r => r.Symbol == symbol)
            .OrderBy(r => !r.IsDeclaration)
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start);

    public SyntaxTree? GetTree(string path) => Trees.FirstOrDefault(t => t.Path == path);

    /// <summary>The routes an endpoint's errors travel back to a CPU along (those ending at its parent block).</summary>
    public IEnumerable<Route> RoutesTo(EndpointSymbol endpoint) =>
        Routes.Where(r => r.Last == endpoint.Parent);

    public SourceLocation? LocationOf(Symbol symbol) => symbol.Location;
}
