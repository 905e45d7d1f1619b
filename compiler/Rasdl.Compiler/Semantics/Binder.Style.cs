using Rasdl.Diagnostics;
using Rasdl.Syntax;

namespace Rasdl.Semantics;

internal sealed partial class Binder
{
    // The files the style checks judged: kept with the record.
    private HashSet<string> _styled = [];

    /// <summary>Style checks (RASDL3xxx) for the files being checked; imported files and the standard library are not judged.</summary>
    private void CheckStyle(SemanticModel model, IReadOnlyCollection<SyntaxTree> rootTrees, IReadOnlyDictionary<ImportDeclarationSyntax, string> resolvedImports)
    {
        CheckUnusedImports(model, rootTrees, resolvedImports);
        var rootPaths = _styled = rootTrees.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        // A block named in any route, even one with errors, is not "unused": that route's own
        // diagnostics say what is wrong. The firmware block is on no route by design: the
        // hypervisor's `firmware` action asks it.
        foreach (var block in model.Blocks.Where(b => rootPaths.Contains(b.Path) && !_onRoutes.Contains(b) && b.BlockKind != Vocabulary.BlockKind.Firmware))
        {
            _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.UnusedBlock, LocationOf(block), block.Name));
        }

        // Every declared name, in the order declared (the table of names' order), then every
        // region's. A kept declaration whose names the earlier version found nothing to say
        // about has nothing now (a name's style is its own): it is passed over unread.
        CheckStyleOfDeclarations(rootPaths, DeclarationFacts.StyleOfName, symbol => CheckStyle(symbol));
        CheckStyleOfDeclarations(rootPaths, DeclarationFacts.StyleOfRegions, symbol =>
        {
            if (symbol is EndpointSymbol endpoint)
            {
                foreach (var region in endpoint.Regions)
                {
                    CheckStyle(region);
                }
            }
        });
    }

    private void CheckStyleOfDeclarations(HashSet<string> rootPaths, DeclarationFacts found, Action<Symbol> check)
    {
        // What the earlier version found holds only if it judged the same files.
        var kept = _kept is { } earlier && earlier.Record.Styled.SetEquals(rootPaths) ? earlier : null;
        var index = 0;
        foreach (var tree in _trees)
        {
            var count = tree.Root.Declarations.Length;
            if (!rootPaths.Contains(tree.Path))
            {
                index += count;
                continue;
            }

            for (var end = index + count; index < end; index++)
            {
                if (_declared[index].Symbol is not { } symbol
                    || (kept?.Kept[index] == true && (kept.Record.Bound[index].Facts & found) == 0))
                {
                    continue;
                }

                var before = _diagnostics.Count;
                check(symbol);
                if (_diagnostics.Count > before)
                {
                    _bound[index] = _bound[index] with { Facts = _bound[index].Facts | found };
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
