using Rasdl.Diagnostics;
using Rasdl.Syntax;

namespace Rasdl.Semantics;

internal sealed partial class Binder
{
    /// <summary>Style checks (RASDL3xxx) for the files being checked; imported files and the standard library are not judged.</summary>
    private void CheckStyle(SemanticModel model, IReadOnlyCollection<SyntaxTree> rootTrees)
    {
        // A block named in any route, even one with errors, is not "unused": that route's own diagnostics say what is wrong.
        var named = model.Trees.SelectMany(t => t.Root.Declarations.OfType<RouteDeclarationSyntax>()).SelectMany(r => r.Hops).Select(h => h.Text).ToHashSet();
        foreach (var block in model.Blocks.Where(b => rootTrees.Contains(b.Tree) && !named.Contains(b.Name)))
        {
            _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.UnusedBlock, block.Location, block.Name));
        }

        foreach (var symbol in model.Globals.Values.Where(s => rootTrees.Contains(s.Tree)).Concat(
                     model.Endpoints.Where(e => rootTrees.Contains(e.Tree)).SelectMany(e => e.Regions)))
        {
            if (!IsSnakeCase(symbol.Name))
            {
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.NameStyle, symbol.Location, symbol.Name));
            }

            if (symbol.Kind is SymbolKind.Block or SymbolKind.Endpoint or SymbolKind.Hypervisor or SymbolKind.Profile
                && symbol.Documentation is null)
            {
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.MissingDoc, symbol.Location, Symbol.KindNoun(symbol.Kind), symbol.Name));
            }
        }
    }

    private static bool IsSnakeCase(string name) =>
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
