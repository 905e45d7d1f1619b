using System.Collections.Immutable;
using Rasdl.Collections;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>
/// What a compilation's files mean: every symbol, route and assignment, every reference to a
/// name or vocabulary word with its place, and the binding diagnostics. Immutable; the engine
/// lowers it, and the language server answers from it. What it holds keeps places in
/// declarations (<see cref="Place"/>), placed in the files through <see cref="Placement"/>, so
/// a later version's model can share the symbols of the declarations an edit did not touch.
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

    /// <summary>
    /// Where this version's declarations are: what turns the model's places (<see cref="Place"/>)
    /// into places in a file. The binder hands over the one it used.
    /// </summary>
    public Placement Placement
    {
        get => field ??= new Placement(Trees);
        init;
    }

    /// <summary>What binding made for each declaration, for the next version's binding to keep (<see cref="Binder"/>).</summary>
    internal Binder.BindingRecord? Record { get; init; }

    /// <summary>
    /// How the model was bound: "kept 30455 of 30458 declarations" of an earlier version's
    /// binding, or "whole" and why ("whole: a name was declared, removed or renamed").
    /// </summary>
    public string Binding { get; init; } = "whole";

    /// <summary>Where a place is written in its file.</summary>
    public SourceLocation LocationOf(Place place) => Placement.LocationOf(place);

    /// <summary>Where a symbol's name is written.</summary>
    public SourceLocation LocationOf(Symbol symbol) => Placement.LocationOf(symbol.NamePlace);

    /// <summary>The text written at a place.</summary>
    public string TextOf(Place place)
    {
        var (tree, start) = Placement.Find(place.Owner);
        return tree.Text.ToString(place.Span.MovedBy(start));
    }

    /// <summary>Where a place is written, as a span of its file.</summary>
    public TextSpan SpanOf(Place place) => Placement.SpanOf(place);

    /// <summary>The path of the file a place is in.</summary>
    public string PathOf(Place place) => Placement.PathOf(place);

    /// <summary>The file of this version that declares a symbol.</summary>
    public SyntaxTree TreeOf(Symbol symbol) => Placement.TreeOf(symbol.Owner);

    /// <summary>The name reference (declaration or use) at a position of a file, if any.</summary>
    public SymbolReference? FindReference(string path, int position)
    {
        if (PlaceAt(path, position) is not { } at)
        {
            return null;
        }

        foreach (var reference in References)
        {
            if (ReferenceEquals(reference.Place.Owner, at.Owner) && reference.Place.Span.Touches(at.Span.Start))
            {
                return reference;
            }
        }

        return null;
    }

    /// <summary>The vocabulary word at a position of a file, if any.</summary>
    public WordReference? FindWord(string path, int position)
    {
        if (PlaceAt(path, position) is not { } at)
        {
            return null;
        }

        foreach (var word in WordReferences)
        {
            if (ReferenceEquals(word.Place.Owner, at.Owner) && word.Place.Span.Touches(at.Span.Start))
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
            .ThenBy(r => Placement.PathOf(r.Place), StringComparer.Ordinal)
            .ThenBy(r => Placement.SpanOf(r.Place).Start);

    public SyntaxTree? GetTree(string path) => Trees.FirstOrDefault(t => t.Path == path);

    /// <summary>The routes an endpoint's errors travel back to a CPU along (those ending at its parent block).</summary>
    public IEnumerable<Route> RoutesTo(EndpointSymbol endpoint) =>
        Routes.Where(r => r.Last == endpoint.Parent);

    // A position as a place in the last declaration that starts at or before it. A name never
    // ends where the next declaration starts: a declaration starts with a keyword or a doc
    // string, and written right after a name, the one would join the name and the other the
    // declaration before (a test shows the latter).
    private Place? PlaceAt(string path, int position)
    {
        if (GetTree(path)?.Root is not { } root || root.LastStartingAtOrBefore(position) is var index && index < 0)
        {
            return null;
        }

        return new Place(root.Declarations[index], new TextSpan(position - root.Starts[index], 0));
    }
}
