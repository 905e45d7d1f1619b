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
    public static List<SymbolReference> Find(RasdlWorkspace workspace, Symbol symbol, CancellationToken cancellationToken)
    {
        var declaration = symbol.Location;
        var seen = new HashSet<(string, TextSpan)>();
        var found = new List<SymbolReference>();
        foreach (var compilation in workspace.AllCompilations(cancellationToken))
        {
            foreach (var reference in compilation.Model.References)
            {
                if (reference.Symbol.Location.Path == declaration.Path && reference.Symbol.Location.Span == declaration.Span
                    && seen.Add((reference.Path, reference.Span)))
                {
                    found.Add(reference);
                }
            }
        }

        return [.. found.OrderBy(r => !r.IsDeclaration).ThenBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Span.Start)];
    }
}
