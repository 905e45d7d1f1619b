using System.Collections.Immutable;
using Rasdl.Collections;
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

    // What binding each declaration by itself made in this version, in binding order (in chunks:
    // a version's garbage must stay out of the large-object heap, see ChunkedList): the next
    // version's binder keeps from it.
    private readonly ChunkedList<BoundDeclaration> _bound = new();
    private int _declareDiagnostics;

    // The blocks declared afresh while keeping: the others keep their inherited rules.
    private readonly HashSet<BlockSymbol> _madeBlocks = [];

    // Set when a diagnostic's message cites a place (FormatArgument): such a message names a
    // line, which an edit above may move, so the declaration that gave it is bound again.
    private bool _citedPlace;

    /// <summary>
    /// What binding one declaration by itself added to the model's references, words and
    /// diagnostics (ranges of them), and whether one of those diagnostics cites a place; for a
    /// route or an assignment, which are bound after the rest, what binding it added then and the
    /// route or assignment it made (<paramref name="Made"/>, null if none).
    /// </summary>
    internal readonly record struct BoundDeclaration(int References, int ReferencesEnd, int Words, int WordsEnd, int Diagnostics, int DiagnosticsEnd, bool CitesPlace, object? Made = null);

    /// <summary>What a version's binding made for each declaration (in binding order), kept with its model for the next version.</summary>
    internal sealed class BindingRecord(ChunkedArray<BoundDeclaration> bound, int declareDiagnostics)
    {
        public ChunkedArray<BoundDeclaration> Bound { get; } = bound;

        /// <summary>How many diagnostics declaring gave (duplicate names): with any, nothing is kept.</summary>
        public int DeclareDiagnostics { get; } = declareDiagnostics;
    }

    private sealed class KeptBinding(SemanticModel earlier, BindingRecord record, bool[] kept, int keptCount)
    {
        public SemanticModel Earlier { get; } = earlier;

        public BindingRecord Record { get; } = record;

        /// <summary>By index in binding order: whether the declaration keeps the earlier version's binding.</summary>
        public bool[] Kept { get; } = kept;

        public int KeptCount { get; } = keptCount;
    }

    /// <summary>
    /// Which declarations of <paramref name="trees"/> can keep what binding <paramref name="earlier"/>
    /// made, or null when the model must be bound whole (<paramref name="whole"/> says why): the
    /// files are other files, a declaration was added or removed, a name was declared, removed or
    /// renamed, an import changed, the earlier version declared a name twice or had an
    /// inheritance error, or the edit touches so much that keeping would save little.
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

        var count = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            if (t >= earlier.Trees.Length || trees[t].Path != earlier.Trees[t].Path)
            {
                whole = "other files";
                return null;
            }

            if (trees[t].Root.Declarations.Length != earlier.Trees[t].Root.Declarations.Length)
            {
                whole = "a declaration was added or removed";
                return null;
            }

            count += trees[t].Root.Declarations.Length;
        }

        if (earlier.Trees.Length != trees.Length)
        {
            whole = "other files";
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
        var changed = 0;
        var index = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var (now, was) = (trees[t].Root.Declarations, earlier.Trees[t].Root.Declarations);
            for (var i = 0; i < now.Length; i++, index++)
            {
                if (ReferenceEquals(was[i], now[i]))
                {
                    kept[index] = !record.Bound[index].CitesPlace;
                    continue;
                }

                // The same name of the same kind at the same place in the order, or no name: the
                // table of names is the earlier version's, with the same symbols but for this one.
                var sameSlot = (was[i], now[i]) switch
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

                firmwareTouched |= IsFirmware(was[i]) || IsFirmware(now[i]);
                if (++changed * 4 > count)
                {
                    // Files parsed afresh (not spliced) have no declaration in common with the earlier version.
                    whole = $"more than a quarter of {count} declarations changed";
                    return null;
                }
            }
        }

        // One firmware per platform, the first declared: when one is touched, all are bound again.
        // Every declaration not kept makes its symbols again: the earlier ones are made again.
        index = 0;
        foreach (var tree in earlier.Trees)
        {
            foreach (var declaration in tree.Root.Declarations)
            {
                if (kept[index] && firmwareTouched && IsFirmware(declaration))
                {
                    kept[index] = false;
                }

                if (!kept[index++])
                {
                    madeAgain.Add(declaration);
                }
            }
        }

        // A declaration whose body refers to a symbol made again is made again (an endpoint under
        // a block, a block extending one, a profile's hypervisor), and so on.
        var references = earlier.References;
        for (var grew = true; grew;)
        {
            grew = false;
            index = 0;
            foreach (var tree in earlier.Trees)
            {
                foreach (var declaration in tree.Root.Declarations)
                {
                    var bound = record.Bound[index];
                    if (!kept[index++])
                    {
                        continue;
                    }

                    for (var r = bound.References; r < bound.ReferencesEnd; r++)
                    {
                        if (madeAgain.Contains(references[r].Symbol.Owner))
                        {
                            kept[index - 1] = false;
                            madeAgain.Add(declaration);
                            grew = true;
                            break;
                        }
                    }
                }
            }
        }

        var keptCount = kept.Count(k => k);

        // Keeping most of the model is what pays; an edit to a block every route passes binds whole.
        whole = $"only {keptCount} of {count} declarations could be kept";
        return keptCount * 4 < count * 3 ? null : new KeptBinding(earlier, record, kept, keptCount);
    }

    private static bool IsFirmware(DeclarationSyntax declaration) =>
        declaration is BlockDeclarationSyntax { Kind.Text: "firmware" };

    /// <summary>Declares a kept declaration: its symbols are the earlier version's.</summary>
    private Symbol? KeepDeclared(NamedDeclarationSyntax declaration)
    {
        if (declaration.Name is not { } name)
        {
            return null;
        }

        // The earlier version declared no name twice: its symbol of that name is this declaration's.
        var symbol = _kept!.Earlier.Globals[name.Text];
        if (!ReferenceEquals(symbol.Declaration, declaration))
        {
            throw new InvalidOperationException($"the earlier version's '{name.Text}' is another declaration's");
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
    private void KeepBound(int index, DeclarationSyntax declaration, Symbol? declared)
    {
        var (earlier, bound) = (_kept!.Earlier, _kept.Record.Bound[index]);
        CopyReferencesAndWords(bound);

        if (bound.DiagnosticsEnd > bound.Diagnostics)
        {
            var moved = _origin - earlier.Placement.StartOf(declaration);
            for (var d = bound.Diagnostics; d < bound.DiagnosticsEnd; d++)
            {
                var diagnostic = earlier.Diagnostics[d];
                _diagnostics.Add(diagnostic with { Location = _tree.GetLocation(diagnostic.Location.Span.MovedBy(moved)) });
            }
        }

        if (declared is BlockSymbol { BlockKind: BlockKind.Firmware } firmware)
        {
            _firmware ??= firmware;
        }
    }

    /// <summary>
    /// Keeps a kept route or assignment that the earlier version bound without a diagnostic: its
    /// route or assignment is the earlier one (it refers to the same symbols), its references and
    /// words are copied. False, to bind it, when it had a diagnostic or made nothing, or when an
    /// assignment before it in this version now assigns the same region (it is then a duplicate:
    /// assignments are order-dependent).
    /// </summary>
    private bool KeepRouteOrAssignment(int index)
    {
        var bound = _kept!.Record.Bound[index];
        if (bound.DiagnosticsEnd > bound.Diagnostics)
        {
            return false;
        }

        switch (bound.Made)
        {
            case Route route:
                _routes.Add(route);
                foreach (var hop in route.Hops)
                {
                    _onRoutes.Add(hop);
                }

                break;
            case Assignment assignment when _assignmentOf.TryAdd(assignment.Region, assignment):
                _assignments.Add(assignment);
                break;
            default:
                return false;
        }

        CopyReferencesAndWords(bound);
        return true;
    }

    // What a kept declaration referred to and which words it used, as the earlier version recorded them.
    private void CopyReferencesAndWords(BoundDeclaration bound)
    {
        var earlier = _kept!.Earlier;
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
    }

    private BindingRecord Record() => new(_bound.Freeze(), _declareDiagnostics);
}
