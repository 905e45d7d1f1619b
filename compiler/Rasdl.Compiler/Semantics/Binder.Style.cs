using Rasdl.Diagnostics;
using Rasdl.Syntax;

namespace Rasdl.Semantics;

internal sealed partial class Binder
{
    /// <summary>Style checks (RASDL3xxx) for the files being checked; imported files and the standard library are not judged.</summary>
    private void CheckStyle(SemanticModel model, IReadOnlyCollection<SyntaxTree> rootTrees, IReadOnlyDictionary<ImportDeclarationSyntax, string> resolvedImports)
    {
        CheckUnusedImports(model, rootTrees, resolvedImports);
        var rootPaths = rootTrees.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        // A block named in any route, even one with errors, is not "unused": that route's own
        // diagnostics say what is wrong. The firmware block is on no route by design: the
        // hypervisor's `firmware` action asks it.
        foreach (var block in model.Blocks.Where(b => rootPaths.Contains(b.Path) && !_onRoutes.Contains(b) && b.BlockKind != Vocabulary.BlockKind.Firmware))
        {
            _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.UnusedBlock, LocationOf(block), block.Name));
        }

        foreach (var symbol in model.Globals.Values)
        {
            if (rootPaths.Contains(symbol.Path))
            {
                CheckStyle(symbol);
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            if (rootPaths.Contains(endpoint.Path))
            {
                foreach (var region in endpoint.Regions)
                {
                    CheckStyle(region);
                }
            }
        }
    }

    private void CheckStyle(Symbol symbol)
    {
        if (!IsSnakeCase(symbol.Name))
        {
            _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.NameStyle, LocationOf(symbol), symbol.Name));
        }

        if (symbol.Kind is SymbolKind.Block or SymbolKind.Endpoint or SymbolKind.Hypervisor or SymbolKind.Profile
            && symbol.Documentation is null)
        {
            _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.MissingDoc, LocationOf(symbol), Symbol.KindNoun(symbol.Kind), symbol.Name));
        }
    }

    /// <summary>
    /// An import is unused when nothing it declares is referred to from another file. A file
    /// that itself imports others may be a bundle of them, so it is never reported.
    /// </summary>
    private void CheckUnusedImports(SemanticModel model, IReadOnlyCollection<SyntaxTree> rootTrees, IReadOnlyDictionary<ImportDeclarationSyntax, string> resolvedImports)
    {
        // Nothing resolved, nothing to judge: spares a pass over every declaration of a large file.
        if (resolvedImports.Count == 0)
        {
            return;
        }

        foreach (var tree in rootTrees)
        {
            foreach (var (import, origin) in tree.Root.PlacedImports)
            {
                if (resolvedImports.TryGetValue(import, out var path) && model.GetTree(path) is { } imported
                    && !_referredFromElsewhere.Contains(path) && !imported.Root.Imports.Any())
                {
                    _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.UnusedImport, tree.GetLocation(origin, import), import.Path!.Value));
                }
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> SnakeCase = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    private static bool IsSnakeCase(string name) => !name.AsSpan().ContainsAnyExcept(SnakeCase);
}
