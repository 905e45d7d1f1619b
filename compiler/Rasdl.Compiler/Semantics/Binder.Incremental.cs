using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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

    // Set when the declaration being bound refers to a symbol of another file (an import is used).
    private bool _refersElsewhere;

    /// <summary>What the record of a declaration says of it beyond its ranges: what keeping it needs to know without reading its syntax.</summary>
    [Flags]
    internal enum DeclarationFacts : byte
    {
        None = 0,

        /// <summary>A diagnostic's message cites a place: the declaration is bound again.</summary>
        CitesPlace = 1,

        /// <summary>It refers to a symbol of another file: keeping it notes that the file is used.</summary>
        RefersElsewhere = 2,

        /// <summary>A route or an assignment: bound after the rest.</summary>
        BoundLater = 4,

        /// <summary>It declares a firmware block.</summary>
        Firmware = 8,

        /// <summary>An endpoint under the firmware: reported after the rest, as every version must.</summary>
        ParentIsFirmware = 16,

        /// <summary>Its symbol's name or documentation has a style diagnostic (checked after the rest).</summary>
        StyleOfName = 32,

        /// <summary>An endpoint one of whose regions' names has a style diagnostic.</summary>
        StyleOfRegions = 64,
    }

    /// <summary>
    /// What binding one declaration added to the model's references (declaring it, then binding
    /// it), words and diagnostics (ranges of them), what else keeping it needs to know, and what
    /// it made: the symbol it declared (of <paramref name="Kind"/>), or a route or an assignment.
    /// </summary>
    internal readonly record struct BoundDeclaration(
        int Declared,
        int DeclaredEnd,
        int References,
        int ReferencesEnd,
        int Words,
        int WordsEnd,
        int Diagnostics,
        int DiagnosticsEnd,
        DeclarationFacts Facts,
        SymbolKind? Kind,
        object? Made)
    {
        public bool CitesPlace => (Facts & DeclarationFacts.CitesPlace) != 0;
    }

    /// <summary>
    /// What a version's binding made for each declaration (in binding order), and its tables of
    /// names, kept with its model for the next version.
    /// </summary>
    internal sealed class BindingRecord(
        ChunkedArray<BoundDeclaration> bound,
        int declareDiagnostics,
        Dictionary<string, Symbol> globals,
        Dictionary<(EndpointSymbol Endpoint, string Name), RegionSymbol> regions,
        HashSet<string> styled)
    {
        /// <summary>The files whose names the style checks judged (the files being checked).</summary>
        public HashSet<string> Styled { get; } = styled;

        public ChunkedArray<BoundDeclaration> Bound { get; } = bound;

        /// <summary>How many diagnostics declaring gave (duplicate names): with any, nothing is kept.</summary>
        public int DeclareDiagnostics { get; } = declareDiagnostics;

        /// <summary>Every name declared (the model's <see cref="SemanticModel.Globals"/>); never changed.</summary>
        public Dictionary<string, Symbol> Globals { get; } = globals;

        /// <summary>Every region by its endpoint and name; never changed.</summary>
        public Dictionary<(EndpointSymbol Endpoint, string Name), RegionSymbol> Regions { get; } = regions;
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
        var madeAgain = new SymbolsMadeAgain();
        for (index = 0; index < count; index++)
        {
            if (kept[index] && firmwareTouched && (record.Bound[index].Facts & DeclarationFacts.Firmware) != 0)
            {
                kept[index] = false;
            }

            if (!kept[index])
            {
                madeAgain.Add(record.Bound[index]);
            }
        }

        // A declaration whose body refers to a symbol made again is made again (an endpoint under
        // a block, a block extending one, a profile's hypervisor, a route's blocks), and so on
        // while that makes symbols again (most such declarations, routes and assignments, make none).
        var references = earlier.References;
        for (var grew = true; grew;)
        {
            grew = false;
            for (index = 0; index < count; index++)
            {
                if (!kept[index])
                {
                    continue;
                }

                var bound = record.Bound[index];
                if (madeAgain.AnyIn(references, bound.References, bound.ReferencesEnd))
                {
                    kept[index] = false;
                    grew |= madeAgain.Add(bound);
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

    /// <summary>
    /// Declares a kept declaration from its record, without reading its syntax or its symbols
    /// (a large description's are scattered over the heap: reading each costs more than all the
    /// rest of keeping it): its symbols are the earlier version's, already in the tables of
    /// names copied from it, and its names' references are copied.
    /// </summary>
    private Symbol? KeepDeclared(int index)
    {
        var bound = _kept!.Record.Bound[index];
        _references.AddRange(_kept.Earlier.References, bound.Declared, bound.DeclaredEnd);
        if (bound.Kind is not { } kind)
        {
            return null;
        }

        // The record says which kind of symbol it made.
        var symbol = bound.Made!;
        switch (kind)
        {
            case SymbolKind.Platform: _platforms.Add(Unsafe.As<PlatformSymbol>(symbol)); break;
            case SymbolKind.Block: _blocks.Add(Unsafe.As<BlockSymbol>(symbol)); break;
            case SymbolKind.Endpoint: _endpoints.Add(Unsafe.As<EndpointSymbol>(symbol)); break;
            case SymbolKind.Hypervisor: _hypervisors.Add(Unsafe.As<HypervisorSymbol>(symbol)); break;
            case SymbolKind.Profile: _profiles.Add(Unsafe.As<ProfileSymbol>(symbol)); break;
        }

        return Unsafe.As<Symbol>(symbol);
    }

    /// <summary>
    /// Puts a symbol declared afresh while keeping in the tables of names copied from the earlier
    /// version, in place of the one the earlier version's declaration here made (of the same
    /// name, which no other declaration has: the earlier version declared no name twice).
    /// </summary>
    private void Replace(int index, Symbol symbol)
    {
        if (_kept!.Record.Bound[index].Made is EndpointSymbol earlier)
        {
            foreach (var region in earlier.Regions)
            {
                _regions.Remove((earlier, region.Name));
            }
        }

        _globals[symbol.Name] = symbol;
    }

    /// <summary>
    /// Binds a kept declaration by itself: what its body gave in the earlier version, its
    /// diagnostics placed where it now is, read from its record (its syntax only when it has
    /// diagnostics to place). A route or an assignment is kept later (KeepRouteOrAssignment).
    /// </summary>
    private BoundDeclaration KeepBound(int index, int position, Declared declared)
    {
        var (earlier, bound) = (_kept!.Earlier, _kept.Record.Bound[index]);
        var (references, words, diagnostics) = (_references.Count, _words.Count, _diagnostics.Count);
        // A route or an assignment gives what it gives later (KeepRouteOrAssignment).
        if ((bound.Facts & DeclarationFacts.BoundLater) == 0)
        {
            CopyReferencesAndWords(bound);
            if (bound.DiagnosticsEnd > bound.Diagnostics)
            {
                var (declaration, start) = (_tree.Root.Declarations[position], _tree.Root.Starts[position]);
                var moved = start - earlier.Placement.StartOf(declaration);
                for (var d = bound.Diagnostics; d < bound.DiagnosticsEnd; d++)
                {
                    var diagnostic = earlier.Diagnostics[d];
                    _diagnostics.Add(diagnostic with { Location = _tree.GetLocation(diagnostic.Location.Span.MovedBy(moved)) });
                }
            }
        }

        if ((bound.Facts & DeclarationFacts.Firmware) != 0)
        {
            _firmware ??= Unsafe.As<BlockSymbol>(bound.Made!);
        }

        return bound with
        {
            Declared = declared.References,
            DeclaredEnd = declared.ReferencesEnd,
            References = references,
            ReferencesEnd = _references.Count,
            Words = words,
            WordsEnd = _words.Count,
            Diagnostics = diagnostics,
            DiagnosticsEnd = _diagnostics.Count,
        };
    }

    // What the record says of the declaration just bound.
    private DeclarationFacts Facts() =>
        (_citedPlace ? DeclarationFacts.CitesPlace : 0) | (_refersElsewhere ? DeclarationFacts.RefersElsewhere : 0);

    /// <summary>
    /// The symbols of the declarations made again, which a kept declaration must not refer to:
    /// compared by reference, without reading the symbols (a few, looked through; many, hashed).
    /// </summary>
    private sealed class SymbolsMadeAgain
    {
        private const int Few = 16;
        private readonly List<Symbol> _few = [];
        private HashSet<Symbol>? _many;

        /// <summary>Adds the symbols the declaration made; false if it made none.</summary>
        public bool Add(BoundDeclaration bound)
        {
            if (bound.Kind is null)
            {
                return false;
            }

            var symbol = Unsafe.As<Symbol>(bound.Made!);
            Add(symbol);
            if (bound.Kind == SymbolKind.Endpoint)
            {
                foreach (var region in Unsafe.As<EndpointSymbol>(symbol).Regions)
                {
                    Add(region);
                }
            }

            return true;
        }

        /// <summary>Whether one of the references from <paramref name="start"/> to <paramref name="end"/> is to a symbol made again (read a chunk at a time).</summary>
        public bool AnyIn(ChunkedArray<SymbolReference> references, int start, int end)
        {
            while (start < end)
            {
                var span = references.Span(start, end);
                foreach (var reference in span)
                {
                    if (Contains(reference.Symbol))
                    {
                        return true;
                    }
                }

                start += span.Length;
            }

            return false;
        }

        public bool Contains(Symbol symbol)
        {
            if (_many is not null)
            {
                return _many.Contains(symbol);
            }

            foreach (var made in _few)
            {
                if (ReferenceEquals(made, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private void Add(Symbol symbol)
        {
            if (_many is not null)
            {
                _many.Add(symbol);
            }
            else if (_few.Count < Few)
            {
                _few.Add(symbol);
            }
            else
            {
                _many = new HashSet<Symbol>(_few, ReferenceEqualityComparer.Instance) { symbol };
            }
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

    // What a kept declaration referred to and which words it used, as the earlier version
    // recorded them (ranges put together, their whole chunks shared: see ChunkedList.AddRange);
    // the files it refers to when it refers elsewhere.
    private void CopyReferencesAndWords(BoundDeclaration bound)
    {
        var earlier = _kept!.Earlier;
        _references.AddRange(earlier.References, bound.References, bound.ReferencesEnd);
        _words.AddRange(earlier.WordReferences, bound.Words, bound.WordsEnd);
        if ((bound.Facts & DeclarationFacts.RefersElsewhere) != 0)
        {
            _refersElsewhere = true;
            for (var r = bound.References; r < bound.ReferencesEnd; r++)
            {
                if (earlier.References[r].Symbol.Path != _tree.Path)
                {
                    _referredFromElsewhere.Add(earlier.References[r].Symbol.Path);
                }
            }
        }
    }

    private BindingRecord Record() => new(_bound.Freeze(), _declareDiagnostics, _globals, _regions, _styled);
}
