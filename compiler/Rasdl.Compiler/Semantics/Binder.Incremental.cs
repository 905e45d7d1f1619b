using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

// Binding a later version of the files while keeping what an earlier version's binding made for
// the declarations an edit did not touch (docs/incremental-binding.md, stage 2b).
//
// Binding runs in three parts: declaring each named declaration (its symbols), binding each
// declaration by itself (its body: kinds, rules, faults, regions, policies, and the names it
// refers to), then the parts that read across declarations (endpoints' parents, routes,
// assignments, inherited rules, the checks over the whole model and the style checks). The
// third part always runs whole. The first two are kept for a declaration that is the same
// object in both versions (the incremental parser keeps every declaration outside an edit) and
// whose symbols refer to no symbol made again: its symbols are the earlier version's objects,
// and the references, words and diagnostics its body gave are copied, the diagnostics placed
// where the declaration now is. Symbols are never changed once a model is published.
internal sealed partial class Binder
{
    // For a later version: which declarations keep what the earlier version made (by index in
    // binding order), and that version's model and record. Null: bind every declaration.
    private readonly KeptBinding? _kept;

    // What binding each declaration by itself made in this version, by index in binding order:
    // the next version's binder keeps from it.
    private DeclarationSyntax[] _order = [];
    private Symbol?[] _symbolAt = [];
    private BoundDeclaration[] _bound = [];
    private int _declareDiagnostics;

    // Set when a diagnostic's message cites a place (FormatArgument): such a message names a
    // line, which an edit above may move, so the declaration that gave it is bound again.
    private bool _citedPlace;

    /// <summary>
    /// What binding one declaration by itself added to the model's references, words and
    /// diagnostics (ranges of them), and whether one of those diagnostics cites a place.
    /// </summary>
    internal readonly record struct BoundDeclaration(int References, int ReferencesEnd, int Words, int WordsEnd, int Diagnostics, int DiagnosticsEnd, bool CitesPlace);

    /// <summary>What a version's binding made for each declaration, kept with its model for the next version.</summary>
    internal sealed class BindingRecord(DeclarationSyntax[] order, Symbol?[] symbols, BoundDeclaration[] bound, int declareDiagnostics)
    {
        /// <summary>Every top-level declaration of every file, in binding order.</summary>
        public DeclarationSyntax[] Order { get; } = order;

        /// <summary>The symbol each named declaration declared (null: no name, a duplicate, or not a named declaration).</summary>
        public Symbol?[] Symbols { get; } = symbols;

        public BoundDeclaration[] Bound { get; } = bound;

        /// <summary>How many diagnostics declaring gave (duplicate names): with any, nothing is kept.</summary>
        public int DeclareDiagnostics { get; } = declareDiagnostics;
    }

    private sealed class KeptBinding(SemanticModel earlier, BindingRecord record, bool[] kept, int keptCount, HashSet<BlockSymbol> keptBlocks)
    {
        public SemanticModel Earlier { get; } = earlier;

        public BindingRecord Record { get; } = record;

        /// <summary>By index in binding order: whether the declaration keeps the earlier version's binding.</summary>
        public bool[] Kept { get; } = kept;

        public int KeptCount { get; } = keptCount;

        /// <summary>The blocks kept: their inherited rules are the earlier version's too.</summary>
        public HashSet<BlockSymbol> KeptBlocks { get; } = keptBlocks;
    }

    /// <summary>
    /// Which declarations of <paramref name="trees"/> can keep what binding <paramref name="earlier"/>
    /// made, or null when the model must be bound whole: the files are other files, a name was
    /// declared, removed or renamed, an import changed, the earlier version declared a name twice
    /// or had an inheritance error, or the edit touches so much that keeping would save little.
    /// </summary>
    private static KeptBinding? PlanKeeping(SemanticModel? earlier, ImmutableArray<SyntaxTree> trees, out string whole)
    {
        if (earlier?.Record is not { } record)
        {
            whole = "no earlier version";
            return null;
        }

        if (record.DeclareDiagnostics != 0)
        {
            whole = "the earlier version declared a name twice";
            return null;
        }

        if (earlier.Trees.Length != trees.Length)
        {
            whole = "other files";
            return null;
        }

        var count = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            if (trees[t].Path != earlier.Trees[t].Path)
            {
                whole = "other files";
                return null;
            }

            count += trees[t].Root.Declarations.Length;
        }

        var old = record.Order;
        if (count != old.Length)
        {
            whole = "a declaration was added or removed";
            return null;
        }

        if (earlier.Diagnostics.Any(d => d.Descriptor == DiagnosticCatalogue.InvalidBase))
        {
            whole = "the earlier version had an inheritance error";
            return null;
        }

        var kept = new bool[count];
        var madeAgain = new HashSet<DeclarationSyntax>(ReferenceEqualityComparer.Instance);
        var firmwareTouched = false;
        var index = 0;
        foreach (var tree in trees)
        {
            foreach (var declaration in tree.Root.Declarations)
            {
                var was = old[index];
                if (ReferenceEquals(was, declaration))
                {
                    kept[index] = !record.Bound[index].CitesPlace;
                    index++;
                    continue;
                }

                // The same name of the same kind at the same place in the order, or no name: the
                // table of names is the earlier version's, with the same symbols but for this one.
                var sameSlot = (was, declaration) switch
                {
                    (ImportDeclarationSyntax, _) or (_, ImportDeclarationSyntax) => false,
                    (NamedDeclarationSyntax a, NamedDeclarationSyntax b) => a.GetType() == b.GetType() && a.Name?.Text == b.Name?.Text,
                    (NamedDeclarationSyntax, _) or (_, NamedDeclarationSyntax) => false,
                    _ => true,
                };
                if (!sameSlot)
                {
                    whole = "a name was declared, removed or renamed, or an import changed";
                    return null;
                }

                firmwareTouched |= IsFirmware(was) || IsFirmware(declaration);
                madeAgain.Add(was);
                index++;
            }
        }

        // One firmware per platform, the first declared: when one is touched, all are bound again.
        for (var i = 0; i < count && firmwareTouched; i++)
        {
            if (kept[i] && IsFirmware(old[i]))
            {
                kept[i] = false;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (!kept[i])
            {
                madeAgain.Add(old[i]);
            }
        }

        // A declaration whose body refers to a symbol made again is made again (an endpoint under
        // a block, a block extending one, a profile's hypervisor), and so on.
        var references = earlier.References;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < count; i++)
            {
                var bound = record.Bound[i];
                if (!kept[i])
                {
                    continue;
                }

                for (var r = bound.References; r < bound.ReferencesEnd; r++)
                {
                    if (madeAgain.Contains(references[r].Symbol.Owner))
                    {
                        kept[i] = false;
                        madeAgain.Add(old[i]);
                        changed = true;
                        break;
                    }
                }
            }
        }

        var keptCount = 0;
        var keptBlocks = new HashSet<BlockSymbol>();
        for (var i = 0; i < count; i++)
        {
            if (kept[i])
            {
                keptCount++;
                if (record.Symbols[i] is BlockSymbol block)
                {
                    keptBlocks.Add(block);
                }
            }
        }

        // Keeping most of the model is what pays; an edit to a block every route passes binds whole.
        whole = $"only {keptCount} of {count} declarations could be kept";
        return keptCount * 4 < count * 3 ? null : new KeptBinding(earlier, record, kept, keptCount, keptBlocks);
    }

    private static bool IsFirmware(DeclarationSyntax declaration) =>
        declaration is BlockDeclarationSyntax { Kind.Text: "firmware" };

    /// <summary>Declares a kept declaration: its symbols are the earlier version's.</summary>
    private Symbol? KeepDeclared(int index)
    {
        var symbol = _kept!.Record.Symbols[index];
        if (symbol is null)
        {
            return null;
        }

        _references.Add(new SymbolReference(symbol));
        _globals.Add(symbol.Name, symbol);
        switch (symbol)
        {
            case PlatformSymbol p: _platforms.Add(p); break;
            case BlockSymbol b: _blocks.Add(b); break;
            case EndpointSymbol e:
                _endpoints.Add(e);
                foreach (var region in e.Regions)
                {
                    _regions.Add((e, region.Name), region);
                    _references.Add(new SymbolReference(region));
                }

                break;
            case HypervisorSymbol h: _hypervisors.Add(h); break;
            case ProfileSymbol p: _profiles.Add(p); break;
        }

        return symbol;
    }

    /// <summary>Binds a kept declaration by itself: what its body gave in the earlier version, its diagnostics placed where it now is.</summary>
    private void KeepBound(int index, DeclarationSyntax declaration)
    {
        var (earlier, bound) = (_kept!.Earlier, _kept.Record.Bound[index]);
        for (var r = bound.References; r < bound.ReferencesEnd; r++)
        {
            var reference = earlier.References[r];
            _references.Add(reference);
            if (reference.Symbol.Path != _tree.Path)
            {
                _referredFromElsewhere.Add(reference.Symbol.Path);
            }
        }

        for (var w = bound.Words; w < bound.WordsEnd; w++)
        {
            _words.Add(earlier.WordReferences[w]);
        }

        if (bound.DiagnosticsEnd > bound.Diagnostics)
        {
            var moved = _origin - earlier.Placement.StartOf(declaration);
            for (var d = bound.Diagnostics; d < bound.DiagnosticsEnd; d++)
            {
                var diagnostic = earlier.Diagnostics[d];
                _diagnostics.Add(diagnostic with { Location = _tree.GetLocation(diagnostic.Location.Span.MovedBy(moved)) });
            }
        }

        if (_kept.Record.Symbols[index] is BlockSymbol { BlockKind: BlockKind.Firmware } firmware)
        {
            _firmware ??= firmware;
        }
    }

    private BindingRecord Record() => new(_order, _symbolAt, _bound, _declareDiagnostics);
}
