using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Features.References;

/// <summary>
/// Every place a symbol is written, across the workspace: each compilation (of every open
/// document and every workspace file) has its own symbol objects, so a symbol is identified by
/// where it is declared.
/// </summary>
public static class SymbolOccurrences
{
    /// <summary>A place the symbol is written, placed in its file by the compilation that found it.</summary>
    public readonly record struct Occurrence(SourceLocation Location, bool IsDeclaration);

    /// <param name="model">The model <paramref name="symbol"/> is from.</param>
    public static List<Occurrence> Find(RasdlWorkspace workspace, SemanticModel model, Symbol symbol, CancellationToken cancellationToken)
    {
        var declaration = model.LocationOf(symbol);
        var seen = new HashSet<(string, TextSpan)>();
        var found = new List<Occurrence>();
        foreach (var compilation in workspace.AllCompilations(cancellationToken))
        {
            var other = compilation.Model;
            foreach (var reference in other.References)
            {
                // The name first: placing every reference of a large file would cost more than the scan.
                if (reference.Symbol.Name != symbol.Name || reference.Symbol.Kind != symbol.Kind)
                {
                    continue;
                }

                var declared = other.LocationOf(reference.Symbol);
                if (declared.Path == declaration.Path && declared.Span == declaration.Span
                    && other.LocationOf(reference.Place) is var location && seen.Add((location.Path, location.Span)))
                {
                    found.Add(new Occurrence(location, reference.IsDeclaration));
                }
            }
        }

        return [.. found.OrderBy(o => !o.IsDeclaration).ThenBy(o => o.Location.Path, StringComparer.Ordinal).ThenBy(o => o.Location.Span.Start)];
    }
}
