using System.Collections.Immutable;
using Rasdl.Collections;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>
/// Builds the semantic model of a compilation: declares every name of every file in one
/// namespace, resolves references and vocabulary words, and checks kinds. It works on
/// whatever parsed, so a syntax error in one declaration never hides problems in another.
/// </summary>
internal sealed partial class Binder
{
    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly List<Diagnostic> _diagnostics = [];
    // Values, not objects, and in chunks: growing never copies, and the model reads them where they are.
    private readonly ChunkedList<SymbolReference> _references = new();

    // The files something is referred to in from another file (an import is used), and the
    // blocks some route names, even a route with an error (a block is used): noted as the
    // references are made, for the style checks.
    private readonly HashSet<string> _referredFromElsewhere = new(StringComparer.Ordinal);
    private readonly HashSet<BlockSymbol> _onRoutes = [];
    private readonly ChunkedList<WordReference> _words = new();
    private readonly Dictionary<string, Symbol> _globals;
    private readonly List<PlatformSymbol> _platforms = [];
    private readonly ImmutableArray<BlockSymbol>.Builder _blocks;
    private readonly ImmutableArray<EndpointSymbol>.Builder _endpoints;
    private readonly List<HypervisorSymbol> _hypervisors = [];
    private readonly List<ProfileSymbol> _profiles = [];
    private readonly ImmutableArray<Route>.Builder _routes;
    private readonly ImmutableArray<Assignment>.Builder _assignments;
    private readonly Dictionary<RegionSymbol, Assignment> _assignmentOf = [];
    // Each endpoint's regions by name: an endpoint may declare thousands, and each assignment looks
    // one up. One table for all of them (a table per endpoint costs more than its regions); a
    // symbol is equal only to itself and a string compares ordinally, so the key's own equality serves.
    private readonly Dictionary<(EndpointSymbol Endpoint, string Name), RegionSymbol> _regions;
    // Where this version's declarations are: the places of symbols bound from other declarations.
    private readonly Placement _placement;
    // The top-level declaration being bound, its file, and where it starts there: node spans are
    // relative to it (SyntaxNode). What the binder makes keeps places in _owner (Place); its
    // diagnostics are placed in _tree at once.
    private DeclarationSyntax _owner = null!;
    private SyntaxTree _tree = null!;
    private int _origin;
    // What declaring each declaration made, by index in binding order: its symbol (null: none,
    // or a duplicate) and the references declaring it added (its names).
    private readonly ChunkedList<Declared> _declared = new();

    private readonly record struct Declared(Symbol? Symbol, int References, int ReferencesEnd);
    // One inheritance chain at a time (ResolveInheritedRules): reused, not made per block.
    private readonly List<BlockSymbol> _chain = [];
    private readonly HashSet<BlockSymbol> _inChain = [];

    private Binder(ImmutableArray<SyntaxTree> trees, KeptBinding? kept)
    {
        _trees = trees;
        _kept = kept;
        _placement = new Placement(trees);
        if (kept is not null)
        {
            // The same names in the same places: the earlier version's tables of names, copied
            // whole (a copy of their entries), and its counts. Declaring replaces what an edit made again.
            var earlier = kept.Earlier;
            _globals = new Dictionary<string, Symbol>(kept.Record.Globals, kept.Record.Globals.Comparer);
            _regions = new Dictionary<(EndpointSymbol Endpoint, string Name), RegionSymbol>(kept.Record.Regions, kept.Record.Regions.Comparer);
            _blocks = ImmutableArray.CreateBuilder<BlockSymbol>(earlier.Blocks.Length);
            _endpoints = ImmutableArray.CreateBuilder<EndpointSymbol>(earlier.Endpoints.Length);
            _routes = ImmutableArray.CreateBuilder<Route>(earlier.Routes.Length);
            _assignments = ImmutableArray.CreateBuilder<Assignment>(earlier.Assignments.Length);
            _assignmentOf.EnsureCapacity(earlier.Assignments.Length);
            return;
        }

        _globals = new(StringComparer.Ordinal);
        _regions = [];

        // Every table and list sized once from a count of the declarations: growing them step by
        // step left a trail of copies, a fair part of what binding a large description allocated.
        int blocks = 0, endpoints = 0, regions = 0, routes = 0, assignments = 0, named = 0;
        foreach (var tree in trees)
        {
            foreach (var declaration in tree.Root.Declarations)
            {
                named += declaration is NamedDeclarationSyntax ? 1 : 0;
                switch (declaration)
                {
                    case BlockDeclarationSyntax:
                        blocks++;
                        break;
                    case EndpointDeclarationSyntax endpoint:
                        endpoints++;
                        foreach (var member in endpoint.Body)
                        {
                            regions += member is RegionDeclarationSyntax ? 1 : 0;
                        }

                        break;
                    case RouteDeclarationSyntax:
                        routes++;
                        break;
                    case AssignDeclarationSyntax:
                        assignments++;
                        break;
                }
            }
        }

        _blocks = ImmutableArray.CreateBuilder<BlockSymbol>(blocks);
        _endpoints = ImmutableArray.CreateBuilder<EndpointSymbol>(endpoints);
        _routes = ImmutableArray.CreateBuilder<Route>(routes);
        _assignments = ImmutableArray.CreateBuilder<Assignment>(assignments);
        _globals.EnsureCapacity(named);
        _regions.EnsureCapacity(regions);
        _assignmentOf.EnsureCapacity(assignments);
    }

    /// <param name="earlier">
    /// The model of an earlier version of the same files (an editor's previous one), if any:
    /// what it made for the declarations an edit did not touch is kept (Binder.Incremental.cs).
    /// The model is the one a binding of the files alone gives.
    /// </param>
    public static SemanticModel Bind(
        ImmutableArray<SyntaxTree> trees,
        ImmutableArray<SyntaxTree> rootTrees,
        IReadOnlyDictionary<ImportDeclarationSyntax, string> resolvedImports,
        SemanticModel? earlier = null)
    {
        var kept = PlanKeeping(earlier, trees, out var whole);
        var binder = new Binder(trees, kept);
        binder.DeclareAll();
        binder.BindAll();
        var model = new SemanticModel(
            trees,
            binder._platforms.FirstOrDefault(),
            binder._blocks.DrainToImmutable(),
            binder._endpoints.DrainToImmutable(),
            [.. binder._hypervisors],
            [.. binder._profiles],
            binder._routes.DrainToImmutable(),
            binder._assignments.DrainToImmutable(),
            binder._references.Freeze(),
            binder._words.Freeze(),
            binder._globals)
        {
            Placement = binder._placement,
            Binding = kept is null ? $"whole: {whole}" : $"kept {kept.KeptCount} of {kept.Kept.Length} declarations",
        };
        binder.CheckStyle(model, rootTrees, resolvedImports);
        return model with { Diagnostics = [.. binder._diagnostics], Record = binder.Record() };
    }

    // ------------------------------------------------------------------ declaring

    private void DeclareAll()
    {
        var index = 0;
        foreach (var tree in _trees)
        {
            _tree = tree;
            var declarations = tree.Root.Declarations;
            for (var i = 0; i < declarations.Length; i++, index++)
            {
                var references = _references.Count;
                Symbol? symbol = null;
                if (_kept?.Kept[index] == true)
                {
                    symbol = KeepDeclared(index);
                }
                else if (declarations[i] is NamedDeclarationSyntax named)
                {
                    (_owner, _origin) = (named, tree.Root.Starts[i]);
                    symbol = Declare(named, index);
                }

                _declared.Add(new Declared(symbol, references, _references.Count));
            }
        }

        _declareDiagnostics = _diagnostics.Count;
    }

    /// <summary>The symbol the declaration introduced, or null if its name was missing or a duplicate.</summary>
    /// <param name="index">The declaration's index in binding order.</param>
    private Symbol? Declare(NamedDeclarationSyntax declaration, int index)
    {
        if (declaration.Name is not { } name)
        {
            return null;
        }

        Symbol symbol = declaration switch
        {
            PlatformDeclarationSyntax p => new PlatformSymbol(name.Text, _tree.Path, p, name.RelativeSpan),
            BlockDeclarationSyntax b => new BlockSymbol(name.Text, _tree.Path, b, name.RelativeSpan),
            EndpointDeclarationSyntax e => new EndpointSymbol(name.Text, _tree.Path, e, name.RelativeSpan),
            HypervisorDeclarationSyntax h => new HypervisorSymbol(name.Text, _tree.Path, h, name.RelativeSpan),
            ProfileDeclarationSyntax p => new ProfileSymbol(name.Text, _tree.Path, p, name.RelativeSpan),
            _ => throw new InvalidOperationException($"unexpected declaration {declaration.GetType().Name}"),
        };
        symbol.Documentation = declaration.Documentation;
        _references.Add(new SymbolReference(symbol));

        if (_kept is not null)
        {
            // The same name as the earlier version's declaration in this place, which no other declares.
            Replace(index, symbol);
        }
        else if (symbol is PlatformSymbol platform && _platforms.Count > 0)
        {
            Report(DiagnosticCatalogue.DuplicatePlatform, name, name.Text, LocationOf(_platforms[0]));
        }
        else if (!_globals.TryAdd(name.Text, symbol))
        {
            var existing = _globals[name.Text];
            if (symbol.IsInStandardLibrary && !existing.IsInStandardLibrary)
            {
                // The user's name clashes with the standard library's: say so where the user can rename.
                _diagnostics.Add(Diagnostic.Create(
                    DiagnosticCatalogue.DuplicateName, LocationOf(existing), name.Text, Symbol.KindName(symbol.Kind), FormatArgument(LocationOf(symbol))));
            }
            else
            {
                Report(DiagnosticCatalogue.DuplicateName, name, name.Text, Symbol.KindName(existing.Kind), LocationOf(existing));
            }

            return null;
        }

        if (_kept is not null && symbol is BlockSymbol made)
        {
            _madeBlocks.Add(made); // while keeping, the others keep their inherited rules
        }

        switch (symbol)
        {
            case PlatformSymbol p: _platforms.Add(p); break;
            case BlockSymbol b: _blocks.Add(b); break;
            case EndpointSymbol e: _endpoints.Add(e); DeclareRegions(e, (EndpointDeclarationSyntax)declaration); break;
            case HypervisorSymbol h: _hypervisors.Add(h); break;
            case ProfileSymbol p: _profiles.Add(p); break;
        }

        return symbol;
    }

    private void DeclareRegions(EndpointSymbol endpoint, EndpointDeclarationSyntax declaration)
    {
        var written = 0;
        foreach (var member in declaration.Body)
        {
            written += member is RegionDeclarationSyntax { Name: not null } ? 1 : 0;
        }

        // Sized for every region written: unless a name is written twice, the builder gives up its array.
        var regions = ImmutableArray.CreateBuilder<RegionSymbol>(written);
        foreach (var member in declaration.Body)
        {
            if (member is not RegionDeclarationSyntax { Name: { } name } region)
            {
                continue;
            }

            var symbol = new RegionSymbol(name.Text, region, name.RelativeSpan, endpoint) { Documentation = region.Doc?.Value };
            if (!_regions.TryAdd((endpoint, name.Text), symbol))
            {
                Report(DiagnosticCatalogue.DuplicateName, name, name.Text, "a region", LocationOf(_regions[(endpoint, name.Text)]));
                continue;
            }

            regions.Add(symbol);
            _references.Add(new SymbolReference(symbol));
        }

        endpoint.Regions = regions.DrainToImmutable();
    }

    // ------------------------------------------------------------------ binding

    private void BindAll()
    {
        var index = 0;
        foreach (var tree in _trees)
        {
            _tree = tree;
            var declarations = tree.Root.Declarations;
            for (var i = 0; i < declarations.Length; i++, index++)
            {
                var declared = _declared[index];
                if (_kept?.Kept[index] == true)
                {
                    _bound.Add(KeepBound(index, i, declared));
                    continue;
                }

                var declaration = declarations[i];
                (_owner, _origin) = (declaration, tree.Root.Starts[i]);
                var (references, words, diagnostics) = (_references.Count, _words.Count, _diagnostics.Count);
                (_citedPlace, _refersElsewhere) = (false, false);
                var facts = DeclarationFacts.None;
                if (declaration is RouteDeclarationSyntax or AssignDeclarationSyntax)
                {
                    // Bound once every block and endpoint is (below): what it gives is recorded there.
                    facts = DeclarationFacts.BoundLater;
                }
                else
                {
                    BindBody(declaration, declared.Symbol);
                    facts |= declared.Symbol is BlockSymbol { BlockKind: BlockKind.Firmware } ? DeclarationFacts.Firmware : 0;
                }

                facts |= Facts();
                _bound.Add(new BoundDeclaration(
                    declared.References, declared.ReferencesEnd, references, _references.Count, words, _words.Count, diagnostics, _diagnostics.Count, facts, declared.Symbol?.Kind, declared.Symbol));
            }
        }

        // Routes, assignments and an endpoint's parent refer to blocks' kinds and endpoints'
        // parents, which any declaration may give, before or after: bind them last.
        index = 0;
        foreach (var tree in _trees)
        {
            _tree = tree;
            var declarations = tree.Root.Declarations;
            for (var i = 0; i < declarations.Length; i++, index++)
            {
                // A kept declaration is told by its record, without reading its syntax: a kept
                // endpoint's parent is the same block, of the same kind.
                var facts = _kept?.Kept[index] == true ? _kept.Record.Bound[index].Facts : (DeclarationFacts?)null;
                if (facts is { } kept && (kept & (DeclarationFacts.BoundLater | DeclarationFacts.ParentIsFirmware)) == 0)
                {
                    continue;
                }

                (_owner, _origin) = (declarations[i], tree.Root.Starts[i]);
                switch (declarations[i])
                {
                    case EndpointDeclarationSyntax e when CheckEndpointParent(e):
                        _bound[index] = _bound[index] with { Facts = _bound[index].Facts | DeclarationFacts.ParentIsFirmware };
                        break;
                    case RouteDeclarationSyntax or AssignDeclarationSyntax:
                        BindRouteOrAssignment(index, declarations[i]);
                        break;
                }
            }
        }

        ResolveInheritedRules();
        CheckRoutesReachEndpoints();
        CheckAssignedEndpointsDeclareFaults();
        CheckStage2Policies();
    }

    // A route or an assignment, kept when it may be (KeepRouteOrAssignment); what it gave is
    // recorded as a declaration's body is, with the route or assignment it made.
    private void BindRouteOrAssignment(int index, DeclarationSyntax declaration)
    {
        var (references, words, diagnostics) = (_references.Count, _words.Count, _diagnostics.Count);
        var (routes, assignments) = (_routes.Count, _assignments.Count);
        (_citedPlace, _refersElsewhere) = (false, false);
        if (_kept?.Kept[index] != true || !KeepRouteOrAssignment(index))
        {
            switch (declaration)
            {
                case RouteDeclarationSyntax route:
                    BindRoute(route);
                    break;
                case AssignDeclarationSyntax assign:
                    BindAssignment(assign);
                    break;
            }
        }

        object? made = _routes.Count > routes ? _routes[^1] : _assignments.Count > assignments ? _assignments[^1] : null;
        _bound[index] = new BoundDeclaration(
            references, references, references, _references.Count, words, _words.Count, diagnostics, _diagnostics.Count, DeclarationFacts.BoundLater | Facts(), null, made);
    }

    /// <summary>Binds a declaration by itself (its body), the symbol it declared given.</summary>
    private void BindBody(DeclarationSyntax declaration, Symbol? declared)
    {
        switch (declaration)
        {
            case PlatformDeclarationSyntax p when declared is PlatformSymbol platform:
                platform.Features = [.. p.Features.Select(f => Word(f, Words.Features)).OfType<Feature>()];
                break;
            case PlatformDeclarationSyntax p:
                foreach (var feature in p.Features)
                {
                    Word(feature, Words.Features);
                }

                break;
            case BlockDeclarationSyntax b:
                BindBlock(b, declared as BlockSymbol);
                break;
            case EndpointDeclarationSyntax e:
                BindEndpoint(e, declared as EndpointSymbol);
                break;
            case HypervisorDeclarationSyntax h:
                BindHypervisor(h, declared as HypervisorSymbol);
                break;
            case ProfileDeclarationSyntax p:
                BindProfile(p, declared as ProfileSymbol);
                break;
        }
    }

    private void BindBlock(BlockDeclarationSyntax syntax, BlockSymbol? block)
    {
        var kind = syntax.Kind is { } k ? Word(k, Words.BlockKinds) : null;
        var rules = ImmutableArray.CreateBuilder<ErrorConversionRule>();
        if (kind == BlockKind.Firmware)
        {
            BindFirmwareBlock(syntax, block);
        }
        else
        {
            foreach (var member in syntax.Body)
            {
                if (member is not ConversionRuleSyntax rule)
                {
                    continue;
                }

                var bound = BindRule(rule, block, kind, rules.Count);
                if (bound is not null)
                {
                    rules.Add(bound);
                }
            }
        }

        var claims = BindClaims(syntax, block, kind);
        if (block is not null)
        {
            block.BlockKind = kind;
            block.OwnRules = rules.ToImmutable();
            block.OwnClaims = claims;
            block.Base = syntax.Base is { } b ? Resolve<BlockSymbol>(b, SymbolKind.Block) : null;
        }
    }

    /// <summary>
    /// How many blocks an inheritance chain may hold. Real chains are two or three deep; the cap
    /// keeps each block's rule list (and the work to build it) bounded, whatever a file declares.
    /// </summary>
    internal const int MaxInheritanceDepth = 64;

    /// <summary>Each block's rules in the order tried: its own, then its base's (a chain, checked for cycles, depth and kinds).</summary>
    private void ResolveInheritedRules()
    {
        foreach (var block in _blocks)
        {
            // A kept block's chain is kept too (a block extending one made again is made again).
            if (_kept is not null && !_madeBlocks.Contains(block))
            {
                continue;
            }

            // Most blocks extend none: their rules are their own, and no chain need be walked.
            if (block.Base is null)
            {
                block.Rules = block.OwnRules;
                block.Claims = block.OwnClaims;
                block.FirmwareRules = block.OwnFirmwareRules;
                continue;
            }

            var chain = _chain;
            var inChain = _inChain;
            chain.Clear();
            inChain.Clear();
            chain.Add(block);
            inChain.Add(block);
            for (var b = block.Base; b is not null; b = b.Base)
            {
                if (inChain.Contains(b))
                {
                    Enter(block.Owner);
                    Report(DiagnosticCatalogue.InvalidBase, ((BlockDeclarationSyntax)block.Declaration).Base!,
                        $"'{block.Name}' extends itself through {string.Join(" -> ", chain.Select(c => c.Name).Append(b.Name))}");
                    block.Base = null;
                    chain.RemoveRange(1, chain.Count - 1);
                    break;
                }

                if (chain.Count == MaxInheritanceDepth)
                {
                    Enter(block.Owner);
                    Report(DiagnosticCatalogue.InvalidBase, ((BlockDeclarationSyntax)block.Declaration).Base!,
                        $"'{block.Name}' extends a chain of more than {MaxInheritanceDepth} blocks; only the rules of the first {MaxInheritanceDepth} are used");
                    break;
                }

                chain.Add(b);
                inChain.Add(b);
            }

            if (block.Base is { BlockKind: { } baseKind } && block.BlockKind is { } kind && baseKind != kind)
            {
                Enter(block.Owner);
                Report(DiagnosticCatalogue.InvalidBase, ((BlockDeclarationSyntax)block.Declaration).Base!,
                    $"'{block.Name}' is {English.WithArticle(Words.BlockKinds.TextOf(kind))} but its base '{block.Base.Name}' is {English.WithArticle(Words.BlockKinds.TextOf(baseKind))}");
            }

            block.Rules = Chained(chain, static b => b.OwnRules);
            block.Claims = Chained(chain, static b => b.OwnClaims);
            block.FirmwareRules = Chained(chain, static b => b.OwnFirmwareRules);
        }
    }

    /// <summary>
    /// The items of each block of a chain, in the chain's order. When one block alone has any
    /// (a block that adds nothing to its base), its own array serves: the common case makes none.
    /// </summary>
    private static ImmutableArray<T> Chained<T>(List<BlockSymbol> chain, Func<BlockSymbol, ImmutableArray<T>> of)
    {
        var count = 0;
        ImmutableArray<T> only = [];
        for (var i = 0; i < chain.Count; i++)
        {
            var items = of(chain[i]);
            if (!items.IsEmpty)
            {
                count += items.Length;
                only = items;
            }
        }

        if (count == only.Length)
        {
            return only;
        }

        var all = ImmutableArray.CreateBuilder<T>(count);
        for (var i = 0; i < chain.Count; i++)
        {
            all.AddRange(of(chain[i]));
        }

        return all.MoveToImmutable();
    }

    private ErrorConversionRule? BindRule(ConversionRuleSyntax rule, BlockSymbol? block, BlockKind? kind, int index)
    {
        var error = rule.Error is { } e ? BindRuleError(e) : null;
        var (accesses, types) = BindFilter(rule.Filter);
        if (kind is { } filterKind && filterKind != BlockKind.Cpu)
        {
            CheckNoSpeculation(rule.Filter, block, filterKind);
        }

        var outcomes = ImmutableArray.CreateBuilder<Outcome>(rule.Outcomes.Length);
        var allBound = !rule.Outcomes.IsEmpty;
        OutcomeSyntax? response = null;
        foreach (var syntax in rule.Outcomes)
        {
            var outcome = BindRuleOutcome(syntax, block, kind);
            if (outcome is null)
            {
                allBound = false;
                continue;
            }

            if (outcome.Kind != OutcomeKind.Irq)
            {
                if (response is not null)
                {
                    Report(DiagnosticCatalogue.TwoResponses, syntax, syntax.Name.Text, response.Name.Text);
                    allBound = false;
                }

                response ??= syntax;
            }

            outcomes.Add(outcome);
        }

        if (block is null || error is null || !allBound)
        {
            return null;
        }

        // Every outcome bound: the builder is full, and gives up its array.
        return new ErrorConversionRule(block, index, error.Value, accesses, types, outcomes[0], rule, Here(rule)) { Outcomes = outcomes.MoveToImmutable() };
    }

    /// <summary>The error a rule matches; a CPU outcome there (<c>on sea</c>) belongs to a firmware block.</summary>
    private ErrorKind? BindRuleError(IdentifierSyntax error)
    {
        if (Words.Outcomes.TryGet(error.Text, out var outcome) && outcome.Value is OutcomeKind.Sea or OutcomeKind.SError or OutcomeKind.Irq)
        {
            RecordWord(outcome, error);
            Report(DiagnosticCatalogue.InvalidFirmwareRule, error,
                $"'{error.Text}' is what a core or a root port produces, not an error a block receives: only a firmware block takes it (`block el3 : firmware {{ on {error.Text} -> fatal; }}`)");
            return null;
        }

        return Word(error, Words.Errors);
    }

    private Outcome? BindRuleOutcome(OutcomeSyntax syntax, BlockSymbol? block, BlockKind? kind)
    {
        var outcome = BindOutcome(syntax, allowAnySeverity: false);
        if (outcome is { Kind: OutcomeKind.Sea or OutcomeKind.SError } && kind is { } blockKind && blockKind != BlockKind.Cpu)
        {
            Report(DiagnosticCatalogue.CpuOutcomeOutsideCpu, syntax.Name, syntax.Name.Text, block?.Name ?? "this block",
                English.WithArticle(Words.BlockKinds.TextOf(blockKind)));
        }

        if (outcome is { Kind: OutcomeKind.Fatal or OutcomeKind.Recoverable or OutcomeKind.Corrected })
        {
            Report(DiagnosticCatalogue.InvalidFirmwareRule, syntax.Name,
                $"'{syntax.Name.Text}' is a CPER severity: only a firmware block reports one (`block el3 : firmware {{ on sea -> {syntax.Name.Text}; }}`)");
            return null;
        }

        if (outcome is { Kind: OutcomeKind.PassOn, PassedError: ErrorKind.Any })
        {
            Report(DiagnosticCatalogue.InvalidOutcomeArguments, syntax.Name,
                "'any' matches errors but is not one: the outcome must name the error passed on (e.g. slverr)");
            return null;
        }

        return outcome;
    }

    /// <summary>DOMAIN, what a block can see of an access: a bus request carries no speculation mark.</summary>
    private void CheckNoSpeculation(FilterSyntax? filter, BlockSymbol? block, BlockKind kind)
    {
        foreach (var word in filter?.Words ?? [])
        {
            if (Words.Accesses.TryGet(word.Text, out var access) && access.Value == AccessWord.Speculative)
            {
                Report(DiagnosticCatalogue.SpeculativeOutsideCpu, word, block?.Name ?? "this block", English.WithArticle(Words.BlockKinds.TextOf(kind)));
            }
        }
    }

    private (ImmutableArray<AccessWord> Accesses, MemoryTypeSet Types) BindFilter(FilterSyntax? filter)
    {
        if (filter is null)
        {
            return ([], MemoryTypeSet.All);
        }

        var accesses = _filterAccesses;
        accesses.Clear();
        var types = MemoryTypeSet.None;
        foreach (var word in filter.Words)
        {
            if (Words.Accesses.TryGet(word.Text, out var access))
            {
                RecordWord(access, word);
                if (accesses.Contains(access.Value) || Covers(accesses, access.Value))
                {
                    ReportRedundant(word, accesses.Contains(access.Value) ? "it is already listed" : "'read' or 'write' already covers it");
                }

                accesses.Add(access.Value);
            }
            else if (Words.MemoryTypes.TryGet(word.Text, out var type))
            {
                RecordWord(type, word);
                if ((types & type.Value) == type.Value)
                {
                    ReportRedundant(word, "the memory types listed before already cover it");
                }

                types |= type.Value;
            }
            else
            {
                var suggestion = NameSuggestions.Closest(word.Text, Words.Accesses.Texts.Concat(Words.MemoryTypes.Texts));
                Report(DiagnosticCatalogue.InvalidFilter, word, word.Text, NameSuggestions.Hint(suggestion), suggestion);
            }
        }

        return (Shared(accesses), types == MemoryTypeSet.None ? MemoryTypeSet.All : types);
    }

    // One builder for every filter of this binding.
    private readonly ImmutableArray<AccessWord>.Builder _filterAccesses = ImmutableArray.CreateBuilder<AccessWord>();

    // Every rule that lists the same accesses in the same order shares one array (most list one
    // or two words): four bits a word, after four bits of count.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, ImmutableArray<AccessWord>> AccessLists = new();

    private static ImmutableArray<AccessWord> Shared(ImmutableArray<AccessWord>.Builder accesses)
    {
        if (accesses.Count > 15)
        {
            return accesses.ToImmutable();
        }

        var key = (ulong)accesses.Count;
        for (var i = 0; i < accesses.Count; i++)
        {
            if ((uint)accesses[i] >= 16)
            {
                return accesses.ToImmutable();
            }

            key |= (ulong)accesses[i] << (4 * (i + 1));
        }

        if (!AccessLists.TryGetValue(key, out var shared))
        {
            shared = AccessLists.GetOrAdd(key, accesses.ToImmutable());
        }

        return shared;
    }

    // `read` matches every read and `write` every write, so a refinement next to its direction adds nothing.
    private static bool Covers(IEnumerable<AccessWord> listed, AccessWord word) => word switch
    {
        AccessWord.Speculative => listed.Contains(AccessWord.Read),
        AccessWord.Gathered or AccessWord.Zva => listed.Contains(AccessWord.Write),
        AccessWord.Unaligned or AccessWord.Exclusive or AccessWord.Atomic =>
            listed.Contains(AccessWord.Read) && listed.Contains(AccessWord.Write),
        _ => false,
    };

    private void ReportRedundant(IdentifierSyntax word, string reason) =>
        Report(DiagnosticCatalogue.RedundantFilterWord, word, word.Text, reason);

    private Outcome? BindOutcome(OutcomeSyntax syntax, bool allowAnySeverity)
    {
        var name = syntax.Name;
        var place = Here(syntax);
        if (Words.Errors.TryGet(name.Text, out var passed))
        {
            RecordWord(passed, name);
            ExpectNoArguments(syntax);
            return new Outcome(OutcomeKind.PassOn, passed.Value, null, null, place);
        }

        if (!Words.Outcomes.TryGet(name.Text, out var outcome))
        {
            var suggestion = NameSuggestions.Closest(name.Text, Words.Outcomes.Texts.Concat(Words.Errors.Texts.Where(e => e != "any")));
            Report(DiagnosticCatalogue.UnknownWord, name, name.Text, "an outcome", NameSuggestions.Hint(suggestion), suggestion);
            return null;
        }

        RecordWord(outcome, name);
        switch (outcome.Value)
        {
            case OutcomeKind.SError:
                var severity = SingleArgument(syntax, Words.SErrorSeverities, "serror takes one severity: serror(uc|ueu|uer|ueo|ce|impdef)");
                if (severity == SErrorSeverity.Any && !allowAnySeverity)
                {
                    Report(DiagnosticCatalogue.InvalidOutcomeArguments, syntax.Arguments[0],
                        "a core raises an SError of one severity: 'any' only matches severities in a hypervisor treatment");
                    return null;
                }

                return severity is null ? null : new Outcome(OutcomeKind.SError, null, severity, null, place);
            case OutcomeKind.Irq:
                var irq = SingleArgument(syntax, Words.IrqKinds, "irq takes one interrupt kind: irq(aer|fhi|eri)");
                return irq is null ? null : new Outcome(OutcomeKind.Irq, null, null, irq, place);
            default:
                ExpectNoArguments(syntax);
                return new Outcome(outcome.Value, null, null, null, place);
        }
    }

    private T? SingleArgument<T>(OutcomeSyntax syntax, WordSet<T> words, string usage) where T : struct
    {
        if (!syntax.HasArgumentList || syntax.Arguments.Length != 1)
        {
            Report(DiagnosticCatalogue.InvalidOutcomeArguments, syntax, usage);
            return null;
        }

        return Word(syntax.Arguments[0], words);
    }

    private void ExpectNoArguments(OutcomeSyntax syntax)
    {
        if (syntax.HasArgumentList)
        {
            Report(DiagnosticCatalogue.InvalidOutcomeArguments, syntax, $"'{syntax.Name.Text}' takes no arguments");
        }
    }

    // Loops, not LINQ with lambdas: these run for every endpoint and region of a large description.
    // (By index: a builder's enumerator is an object of its own.)
    private static bool Listed(ImmutableArray<DeclaredFault>.Builder faults, ErrorKind error)
    {
        for (var i = 0; i < faults.Count; i++)
        {
            if (faults[i].Error == error)
            {
                return true;
            }
        }

        return false;
    }

    // Every region shares one set per combination of attributes: most regions have none or the same few.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, ImmutableHashSet<RegionAttribute>> AttributeSets = new();

    private ImmutableHashSet<RegionAttribute> BindRegionAttributes(RegionDeclarationSyntax region)
    {
        if (region.Attributes.IsDefaultOrEmpty)
        {
            return [];
        }

        var bits = 0UL;
        foreach (var attribute in region.Attributes)
        {
            if (!IsSizeSuffix(region, attribute) && Word(attribute, Words.RegionAttributes) is { } bound)
            {
                bits |= 1UL << (int)bound;
            }
        }

        return AttributeSets.GetOrAdd(bits, static bits =>
            [.. Enum.GetValues<RegionAttribute>().Where(a => (bits & (1UL << (int)a)) != 0)]);
    }

    /// <summary><c>faults none;</c>: the endpoint produces no faults (which is not the same as saying nothing).</summary>
    internal const string NoFaults = "none";

    /// <summary>An endpoint sits under a block its accesses pass through, never under the firmware (written before or after it).</summary>
    /// <returns>Whether the endpoint sits under the firmware (reported).</returns>
    private bool CheckEndpointParent(EndpointDeclarationSyntax syntax)
    {
        // Looked up, not resolved again: BindEndpoint resolved the name and reported it if unknown.
        if (syntax.Parent is { } reference && _globals.TryGetValue(reference.Text, out var symbol) && symbol is BlockSymbol { BlockKind: BlockKind.Firmware } parent)
        {
            ReportFirmwareOnPath(reference, parent, "an endpoint sits under the root port or bridge its accesses reach");
            return true;
        }

        return false;
    }

    private void BindEndpoint(EndpointDeclarationSyntax syntax, EndpointSymbol? endpoint)
    {
        var kind = syntax.Kind is { } k ? Word(k, Words.EndpointKinds) : null;
        // Whether the parent is the firmware is checked once every block has its kind (CheckEndpointParent).
        var parent = syntax.Parent is { } p ? Resolve<BlockSymbol>(p, SymbolKind.Block) : null;
        var faultsDeclared = false;
        var written = 0;
        foreach (var member in syntax.Body)
        {
            if (member is FaultsClauseSyntax clause)
            {
                faultsDeclared = true;
                written += clause.Faults.Length;
            }
        }

        // Sized for every fault written: when each binds, the builder gives up its array.
        var faults = ImmutableArray.CreateBuilder<DeclaredFault>(written);

        foreach (var member in syntax.Body)
        {
            if (member is FaultsClauseSyntax clause)
            {
                foreach (var fault in clause.Faults)
                {
                    BindFault(fault, written, faults);
                }
            }
        }

        var nextRegion = 0;
        foreach (var member in syntax.Body)
        {
            if (member is not RegionDeclarationSyntax region)
            {
                continue;
            }

            // The endpoint's regions were declared in the order written, less those without a name
            // or with a name written twice: walked alongside, not looked up.
            RegionSymbol? symbol = null;
            if (endpoint is not null && nextRegion < endpoint.Regions.Length && ReferenceEquals(endpoint.Regions[nextRegion].Declaration, region))
            {
                symbol = endpoint.Regions[nextRegion++];
            }

            var space = region.Space is { } s ? Word(s, Words.RegionSpaces) : null;
            var attributes = BindRegionAttributes(region);
            if (symbol is not null)
            {
                symbol.Space = space;
                symbol.Size = region.Size?.Value;
                symbol.Base = region.Base?.Value;
                symbol.Attributes = attributes;
            }
        }

        if (endpoint is not null)
        {
            endpoint.EndpointKind = kind;
            endpoint.Parent = parent;
            endpoint.Faults = faults.Count == faults.Capacity ? faults.MoveToImmutable() : faults.ToImmutable();
            endpoint.FaultsDeclared = faultsDeclared;
        }
    }

    /// <param name="written">How many faults the endpoint's `faults` lines list in all.</param>
    private void BindFault(IdentifierSyntax fault, int written, ImmutableArray<DeclaredFault>.Builder faults)
    {
        if (fault.Text == NoFaults)
        {
            if (written > 1)
            {
                Report(DiagnosticCatalogue.InvalidFault, fault, "'none' says the endpoint produces no faults: it cannot stand beside other faults");
            }

            return;
        }

        if (Word(fault, Words.Errors) is not { } error)
        {
            return;
        }

        if (error == ErrorKind.Any)
        {
            Report(DiagnosticCatalogue.InvalidFault, fault, "'any' is a rule pattern, not an error: list the errors the endpoint can produce");
        }
        else if (Listed(faults, error))
        {
            Report(DiagnosticCatalogue.InvalidFault, fault, $"'{fault.Text}' is listed twice");
        }
        else
        {
            faults.Add(new DeclaredFault(error, Here(fault)));
        }
    }

    private void BindHypervisor(HypervisorDeclarationSyntax syntax, HypervisorSymbol? hypervisor)
    {
        var policies = ImmutableArray.CreateBuilder<Stage2Policy>();
        var treatments = ImmutableArray.CreateBuilder<OutcomeTreatment>();
        foreach (var member in syntax.Body)
        {
            switch (member)
            {
                case Stage2PolicySyntax policy:
                    var driver = policy.Driver is { } d ? Word(d, Words.Drivers) : null;
                    var conditions = policy.Conditions.Select(c => Word(c, Words.Features)).OfType<Feature>().ToImmutableHashSet();
                    var attribute = policy.Attribute is { } a ? Word(a, Words.Stage2Attributes) : null;
                    // First match wins: a policy with the same driver and conditions as an earlier one never applies.
                    var earlier = policies.FirstOrDefault(p => p.Driver == driver && p.Conditions.SetEquals(conditions));
                    if (driver is not null && earlier is not null)
                    {
                        Report(DiagnosticCatalogue.DuplicateName, policy.Driver!, policy.Driver!.Text,
                            conditions.IsEmpty ? "a stage-2 policy" : "a stage-2 policy with the same conditions", _placement.LocationOf(earlier.Place));
                    }
                    else if (driver is not null && attribute is not null)
                    {
                        policies.Add(new Stage2Policy(driver.Value, attribute.Value, Here(policy)) { Conditions = conditions });
                    }

                    break;
                case OutcomeTreatmentSyntax treatment:
                    if (BindTreatment(treatment) is { } bound)
                    {
                        treatments.Add(bound);
                    }

                    break;
            }
        }

        if (hypervisor is not null)
        {
            hypervisor.Stage2Policies = policies.ToImmutable();
            hypervisor.Treatments = treatments.ToImmutable();
        }
    }

    private OutcomeTreatment? BindTreatment(OutcomeTreatmentSyntax syntax)
    {
        var outcome = syntax.Outcome is { } o ? BindOutcome(o, allowAnySeverity: true) : null;
        var (conditions, context) = BindConditions(syntax);
        var action = syntax.Action is { } a ? Word(a, Words.HypervisorActions) : null;
        if (outcome is not null && outcome.Kind is not (OutcomeKind.Sea or OutcomeKind.SError or OutcomeKind.Irq
            or OutcomeKind.Fatal or OutcomeKind.Recoverable or OutcomeKind.Corrected))
        {
            Report(DiagnosticCatalogue.InvalidTreatment, syntax.Outcome!,
                $"a hypervisor treats CPU outcomes (sea, serror), signals (irq) and the firmware's CPER severities (fatal, recoverable, corrected); '{outcome}' {(outcome.Kind is OutcomeKind.Hang or OutcomeKind.Reset ? "is uncontained whatever a hypervisor does" : "never reaches the hypervisor")}");
            return null;
        }

        if (outcome is not null && context is not null && outcome.Kind != OutcomeKind.SError)
        {
            var contextWord = syntax.Conditions.First(c => Words.Contexts.TryGet(c.Text, out _));
            Report(DiagnosticCatalogue.InvalidTreatment, contextWord,
                $"'{contextWord.Text}' tells apart where an SError is taken; {(outcome.Kind == OutcomeKind.Sea ? "an SEA is synchronous, always in guest context" : $"'{outcome}' has no context")}, so this treatment would {(outcome.Kind == OutcomeKind.Sea && context == ErrorContext.Guest ? "say nothing more" : "never apply")}");
            return null;
        }

        if (outcome is { Kind: OutcomeKind.Fatal or OutcomeKind.Recoverable or OutcomeKind.Corrected } && action == HypervisorAction.Firmware)
        {
            Report(DiagnosticCatalogue.InvalidTreatment, syntax.Action!,
                $"'{outcome}' is what the firmware reported: asking the firmware again says nothing more; treat it with inject, continue, recover or panic");
            return null;
        }

        return outcome is null || action is null
            ? null
            : new OutcomeTreatment(outcome.Kind, outcome.Severity, conditions, action.Value, Here(syntax)) { Irq = outcome.Irq, Context = context };
    }

    /// <summary>A treatment's `when` list: platform features, and at most one context (guest or host).</summary>
    private (ImmutableHashSet<Feature> Features, ErrorContext? Context) BindConditions(OutcomeTreatmentSyntax syntax)
    {
        var features = ImmutableHashSet.CreateBuilder<Feature>();
        ErrorContext? context = null;
        foreach (var condition in syntax.Conditions)
        {
            if (Words.Features.TryGet(condition.Text, out var feature))
            {
                RecordWord(feature, condition);
                features.Add(feature.Value);
            }
            else if (Words.Contexts.TryGet(condition.Text, out var found))
            {
                RecordWord(found, condition);
                if (context is not null && context != found.Value)
                {
                    Report(DiagnosticCatalogue.InvalidTreatment, condition,
                        "an SError is taken in one context: a treatment names 'guest' or 'host', not both (write two treatments)");
                }

                context ??= found.Value;
            }
            else
            {
                var suggestion = NameSuggestions.Closest(condition.Text, Words.Features.Texts.Concat(Words.Contexts.Texts));
                Report(DiagnosticCatalogue.UnknownWord, condition, condition.Text, "a feature or a context (guest, host)", NameSuggestions.Hint(suggestion), suggestion);
            }
        }

        return (features.ToImmutable(), context);
    }

    private void BindProfile(ProfileDeclarationSyntax syntax, ProfileSymbol? profile)
    {
        var hypervisors = syntax.Hypervisors.Select(h => Resolve<HypervisorSymbol>(h, SymbolKind.Hypervisor)).ToList();
        if (profile is null)
        {
            return;
        }

        var declared = syntax.Body.OfType<ProfileHypervisorSyntax>().ToList();
        if (declared.Count == 0)
        {
            Report(DiagnosticCatalogue.ProfileHypervisorCount, syntax.Name!, profile.Name, "names no hypervisor: add 'hypervisor kvm_6_8;' (or another)");
        }
        else if (declared.Count > 1)
        {
            Report(DiagnosticCatalogue.ProfileHypervisorCount, declared[1], profile.Name, "names more than one hypervisor: a profile compiles under one");
        }

        profile.Hypervisor = hypervisors.FirstOrDefault();
    }

    private void BindRoute(RouteDeclarationSyntax syntax)
    {
        // Sized for every hop: a valid route's builder gives up its array.
        var hops = ImmutableArray.CreateBuilder<BlockSymbol>(syntax.Hops.Length);
        var valid = syntax.Hops.Length >= 1;
        foreach (var hop in syntax.Hops)
        {
            var block = Resolve<BlockSymbol>(hop, SymbolKind.Block);
            if (block is null)
            {
                valid = false;
                continue;
            }

            _onRoutes.Add(block);

            if (hops.Contains(block))
            {
                Report(DiagnosticCatalogue.RouteRepeatsBlock, hop, hop.Text);
                valid = false;
                continue;
            }

            var isFirst = hop == syntax.Hops[0];
            if (block.BlockKind == BlockKind.Firmware)
            {
                ReportFirmwareOnPath(hop, block, "a route lists the blocks an access passes through, from the cpu toward the device");
                valid = false;
            }
            else if (block.BlockKind is { } kind && (kind == BlockKind.Cpu) != isFirst)
            {
                Report(DiagnosticCatalogue.RouteMustStartAtCpu, hop, hop.Text,
                    isFirst ? English.WithArticle(Words.BlockKinds.TextOf(kind)) : "a cpu too (only the first block of a route is a cpu)");
                valid = false;
            }

            hops.Add(block);
        }

        if (valid && hops.Count == syntax.Hops.Length)
        {
            _routes.Add(new Route(hops.MoveToImmutable(), syntax, Here(syntax)));
        }
        else if (syntax.Hops.Length > 0)
        {
            // A route with an error already reported: its last word may be where it was meant to end.
            _brokenRouteEnds.Add(syntax.Hops[^1].Text);
        }
    }

    /// <summary>The last word of each route that had an error, so that "no route reaches the endpoint" is not said about it too.</summary>
    private readonly HashSet<string> _brokenRouteEnds = new(StringComparer.Ordinal);

    private void BindAssignment(AssignDeclarationSyntax syntax)
    {
        var endpoint = syntax.Endpoint is { } e ? Resolve<EndpointSymbol>(e, SymbolKind.Endpoint) : null;
        var driver = syntax.Driver is { } d ? Word(d, Words.Drivers) : null;
        RegionSymbol? region = null;
        if (endpoint is not null && syntax.Region is { } r)
        {
            region = _regions.GetValueOrDefault((endpoint, r.Text));
            if (region is null)
            {
                var suggestion = NameSuggestions.Closest(r.Text, endpoint.Regions.Select(x => x.Name));
                Report(DiagnosticCatalogue.UnknownRegion, r, endpoint.Name, r.Text, NameSuggestions.Hint(suggestion), suggestion);
            }
            else
            {
                Refer(region, Here(r));
            }
        }

        if (driver == Driver.Default)
        {
            Report(DiagnosticCatalogue.UnknownWord, syntax.Driver!, "default", "a driver here ('default' is only a hypervisor's fallback policy)", "", null);
            driver = null;
        }

        if (region is null || driver is null)
        {
            return;
        }

        if (_assignmentOf.TryGetValue(region, out var earlier))
        {
            Report(DiagnosticCatalogue.DuplicateAssignment, syntax, region.QualifiedName, _placement.LocationOf(earlier.Place));
            return;
        }

        CheckDriverFits(syntax, region, driver.Value);
        var assignment = new Assignment(region, syntax.Target?.Text ?? "guest", driver.Value, syntax, Here(syntax));
        _assignments.Add(assignment);
        _assignmentOf[region] = assignment;
    }

    private void CheckDriverFits(AssignDeclarationSyntax syntax, RegionSymbol region, Driver driver)
    {
        var expected = driver switch
        {
            Driver.VfioPci => EndpointKind.PcieEndpoint,
            Driver.VfioPlatform => EndpointKind.PlatformDevice,
            _ => (EndpointKind?)null,
        };
        if (expected is { } kind && region.Endpoint.EndpointKind is { } actual && actual != kind)
        {
            Report(DiagnosticCatalogue.DriverDoesNotFitEndpoint, syntax.Driver!, syntax.Driver!.Text,
                kind == EndpointKind.PcieEndpoint ? "PCIe functions' BARs" : "platform devices' MMIO",
                region.Endpoint.Name, English.WithArticle(Words.EndpointKinds.TextOf(actual)));
        }
    }

    /// <summary>A use of the symbol at a place of the declaration being bound.</summary>
    private void Refer(Symbol symbol, Place place)
    {
        _references.Add(new SymbolReference(symbol, place));
        if (symbol.Path != _tree.Path)
        {
            _referredFromElsewhere.Add(symbol.Path);
            _refersElsewhere = true;
        }
    }

    private void CheckRoutesReachEndpoints()
    {
        var parents = _endpoints.Select(e => e.Parent).OfType<BlockSymbol>().ToHashSet();
        foreach (var route in _routes.Where(r => !parents.Contains(r.Last)))
        {
            Enter(route.Place.Owner);
            Report(DiagnosticCatalogue.RouteEndsAwayFromEndpoints, route.Syntax.Hops[^1], route.Last.Name);
        }

        var routeEnds = _routes.Select(r => r.Last).ToHashSet();
        // A broken route that ends at a name nothing declares may have been meant for any endpoint.
        var brokenToUnknown = _brokenRouteEnds.Any(end => !_globals.ContainsKey(end));
        var checkedEndpoints = new HashSet<EndpointSymbol>();
        foreach (var assignment in _assignments)
        {
            var endpoint = assignment.Region.Endpoint;
            // Only an endpoint no route reaches goes into the set: there are few, if any.
            if (endpoint.Parent is not { } parent || routeEnds.Contains(parent) || !checkedEndpoints.Add(endpoint))
            {
                continue;
            }

            var meantToReach = brokenToUnknown || _brokenRouteEnds.Contains(parent.Name);
            if (!meantToReach)
            {
                Enter(endpoint.Owner);
                var syntax = (EndpointDeclarationSyntax)endpoint.Declaration;
                Report(DiagnosticCatalogue.NoRouteToEndpoint, syntax.Parent!, parent.Name, endpoint.Name);
            }
        }
    }

    private void CheckStage2Policies()
    {
        if (_profiles.Count == 0)
        {
            return;
        }

        // The first assignment of each driver, in the order the drivers first appear: found once for every profile.
        var firstOfEachDriver = new List<Assignment>();
        foreach (var assignment in _assignments)
        {
            if (!HasDriver(firstOfEachDriver, assignment.Driver))
            {
                firstOfEachDriver.Add(assignment);
            }
        }

        foreach (var profile in _profiles)
        {
            if (profile.Hypervisor is not { } hypervisor)
            {
                continue;
            }

            CheckFwbEncodings(hypervisor);
            foreach (var first in firstOfEachDriver)
            {
                if (hypervisor.PolicyFor(first.Driver, _platforms.FirstOrDefault()?.Features ?? []) is null)
                {
                    Enter(first.Place.Owner);
                    Report(DiagnosticCatalogue.NoStage2Policy, first.Syntax.Driver!, hypervisor.Name, Words.Drivers.TextOf(first.Driver));
                }
            }
        }
    }

    private static bool HasDriver(List<Assignment> assignments, Driver driver)
    {
        foreach (var assignment in assignments)
        {
            if (assignment.Driver == driver)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A profile's hypervisor must use encodings the platform has: the fwb_* encodings exist
    /// only with FEAT_S2FWB, and Normal Write-Through has no FEAT_S2FWB encoding (Arm ARM:
    /// stage 2 memory type and Cacheability attributes when FEAT_S2FWB is enabled).
    /// </summary>
    private void CheckFwbEncodings(HypervisorSymbol hypervisor)
    {
        var features = _platforms.FirstOrDefault()?.Features ?? [];
        var fwb = features.Contains(Feature.Fwb);
        // A conditional policy that does not hold on this platform is never used (`stage2 d when fwb -> fwb_force_wb;`).
        foreach (var policy in hypervisor.Stage2Policies.Where(p => p.Holds(features)))
        {
            var isFwbEncoding = policy.Attribute is >= Stage2Attribute.FwbDeviceNGnRnE and <= Stage2Attribute.FwbUseS1;
            var problem = isFwbEncoding && !fwb
                ? $"'{Words.Stage2Attributes.TextOf(policy.Attribute)}' is a FEAT_S2FWB encoding, but the platform does not have 'features fwb;'"
                : !isFwbEncoding && fwb && policy.Attribute == Stage2Attribute.NormalWT
                    ? "Normal Write-Through has no stage-2 encoding when FEAT_S2FWB is in use, and the platform has 'features fwb;'"
                    : null;
            if (problem is not null && _reportedPolicies.Add(policy))
            {
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.Stage2AttributeNeedsFwb, _placement.LocationOf(policy.Place), problem));
            }
        }
    }

    private readonly HashSet<Stage2Policy> _reportedPolicies = [];

    /// <summary>
    /// A word written onto the size with no space (the B of <c>64MB</c>, the iB of <c>64MiB</c>):
    /// a size that is not one, reported as such rather than as an unknown region attribute.
    /// </summary>
    private bool IsSizeSuffix(RegionDeclarationSyntax region, IdentifierSyntax attribute)
    {
        if (region.Size is not { } size || attribute.RelativeSpan.Start != size.RelativeSpan.End)
        {
            return false;
        }

        var written = _tree.Text.ToString(TextSpan.FromBounds(Absolute(size).Start, Absolute(attribute).End));
        Report(DiagnosticCatalogue.InvalidNumber, attribute,
            $"'{written}' is not a size: write a number with one of the binary suffixes K, M, G or T (64M is 64 MiB)");
        return true;
    }

    // ------------------------------------------------------------------ resolution helpers

    private T? Resolve<T>(IdentifierSyntax name, SymbolKind expected) where T : Symbol
    {
        if (!_globals.TryGetValue(name.Text, out var symbol))
        {
            ReportUnknownName(name, expected);
            return null;
        }

        Refer(symbol, Here(name));
        if (symbol is T typed)
        {
            return typed;
        }

        Report(DiagnosticCatalogue.WrongSymbolKind, name, name.Text, Symbol.KindName(symbol.Kind), Symbol.KindName(expected));
        return null;
    }

    // Apart from Resolve: its lambda would otherwise make a closure on every call, found or not.
    private void ReportUnknownName(IdentifierSyntax name, SymbolKind expected)
    {
        // Declared in a standard-library file this description does not import: say which (kvm_6_8 without `import "std/kvm.rasdl";`).
        if (StandardLibrary.FileDeclaring(name.Text) is { } file)
        {
            Report(DiagnosticCatalogue.UnknownName, name, Symbol.KindNoun(expected), name.Text,
                $"; the standard library declares it in '{file}': add `import \"{file}\";`", null);
            return;
        }

        var suggestion = NameSuggestions.Closest(name.Text, _globals.Values.Where(s => s.Kind == expected).Select(s => s.Name));
        Report(DiagnosticCatalogue.UnknownName, name, Symbol.KindNoun(expected), name.Text,
            NameSuggestions.Hint(suggestion), suggestion);
    }

    private T? Word<T>(IdentifierSyntax word, WordSet<T> words) where T : struct
    {
        if (words.TryGet(word.Text, out var found))
        {
            RecordWord(found, word);
            return found.Value;
        }

        var suggestion = words.Suggest(word.Text);
        Report(DiagnosticCatalogue.UnknownWord, word, word.Text, English.WithArticle(words.Category), NameSuggestions.Hint(suggestion), suggestion);
        return null;
    }

    private void RecordWord(IVocabularyWord word, IdentifierSyntax syntax) => _words.Add(new WordReference(word, Here(syntax)));

    /// <summary>Where a node of the declaration being bound is written in its file.</summary>
    private TextSpan Absolute(SyntaxNode node) => node.RelativeSpan.MovedBy(_origin);

    private SourceLocation Location(SyntaxNode node) => _tree.GetLocation(Absolute(node));

    /// <summary>Where a node of the declaration being bound is written, as a place in that declaration (what the model keeps).</summary>
    private Place Here(SyntaxNode node) => new(_owner, node.RelativeSpan);

    /// <summary>Where a symbol's name is written (a symbol of any declaration of this version).</summary>
    private SourceLocation LocationOf(Symbol symbol) => _placement.LocationOf(symbol.NamePlace);

    /// <summary>Binds on in another declaration of this version (a check that reports at a symbol made earlier).</summary>
    private void Enter(DeclarationSyntax owner) =>
        (_owner, _tree, _origin) = (owner, _placement.TreeOf(owner), _placement.StartOf(owner));

    /// <summary>Reports at a node; the last argument of a "did you mean" message is the suggestion, kept for quick fixes.</summary>
    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params object?[] arguments)
    {
        var isSuggestion = descriptor == DiagnosticCatalogue.UnknownName || descriptor == DiagnosticCatalogue.UnknownWord
            || descriptor == DiagnosticCatalogue.InvalidFilter || descriptor == DiagnosticCatalogue.UnknownRegion;
        var formatArguments = isSuggestion ? arguments[..^1] : arguments;
        var diagnostic = Diagnostic.Create(descriptor, Location(node), formatArguments.Select(FormatArgument).ToArray());
        if (isSuggestion && arguments[^1] is string suggestion)
        {
            diagnostic = diagnostic.WithData("suggestion", suggestion);
        }

        _diagnostics.Add(diagnostic);
    }

    private object? FormatArgument(object? argument)
    {
        if (argument is SourceLocation location)
        {
            _citedPlace = true;
            return $"{Path.GetFileName(location.Path)}:{location.Range.Start}";
        }

        return argument;
    }
}
