using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Vocabulary;

namespace Rasdl.Intermediate;

/// <summary>
/// Lowers a semantic model to the engine's <see cref="PlatformIr"/>, leaving out what did not bind.
/// A block, rule, endpoint, region, hypervisor or profile is lowered once per symbol and kept
/// on it (<see cref="Symbol.Lowered"/>): a later version whose binding kept the symbol gets the
/// same element, so an editor lowers only what an edit made again, and two versions' platforms
/// share every element the edit did not touch (see <see cref="IrShape.SameShape"/>).
/// </summary>
public static class Lowering
{
    /// <param name="earlier">
    /// A platform lowered from an earlier version of the model (an editor's last analysed one):
    /// a route or an `assign` that says what it said there is that platform's element again. The
    /// binding makes routes and assignments anew for each version, so they cannot be kept on a
    /// symbol; they are found in the earlier platform in the order written.
    /// </param>
    // Loops over arrays sized up front rather than LINQ: an editor lowers a version per
    // keystroke that changes what the text says, and every object made lives until the next.
    public static PlatformIr Lower(SemanticModel model, PlatformIr? earlier = null)
    {
        var blocks = new IrBlock[model.Blocks.Length];
        var blockCount = 0;
        IrBlock? firmware = null;
        foreach (var block in model.Blocks)
        {
            if (block.BlockKind is BlockKind.Firmware)
            {
                firmware ??= BlockOf(block);
            }
            else if (BlockOf(block) is { } lowered)
            {
                blocks[blockCount++] = lowered;
            }
        }

        var endpoints = new IrEndpoint[model.Endpoints.Length];
        var endpointCount = 0;
        foreach (var endpoint in model.Endpoints)
        {
            if (EndpointOf(endpoint) is { } lowered)
            {
                endpoints[endpointCount++] = lowered;
            }
        }

        var routes = ImmutableArray.CreateBuilder<IrRoute>(model.Routes.Length);
        var earlierRoutes = new InOrder<IrRoute>(earlier?.Routes ?? [], r => r.Place);
        foreach (var route in model.Routes)
        {
            if (Hops(route) is { } hops)
            {
                routes.Add(earlierRoutes.Find(route.Place) is { } same && same.Hops.AsSpan().SequenceEqual(hops.AsSpan(), ReferenceEqualityComparer.Instance)
                    ? same
                    : new IrRoute(hops, route.Place));
            }
        }

        var hypervisors = new IrHypervisor[model.Hypervisors.Length];
        for (var i = 0; i < hypervisors.Length; i++)
        {
            hypervisors[i] = HypervisorOf(model.Hypervisors[i]);
        }

        var assignments = ImmutableArray.CreateBuilder<IrAssignment>(model.Assignments.Length);
        var earlierAssignments = new InOrder<IrAssignment>(earlier?.Assignments ?? [], a => a.Place);
        foreach (var assignment in model.Assignments)
        {
            // A region is lowered with its endpoint, so the one is there when the other is.
            if (EndpointOf(assignment.Region.Endpoint) is { } endpoint && assignment.Region.Lowered is IrRegion region)
            {
                // The same region, guest, driver and declaration: the same assignment (its region's
                // element is the region symbol's, so the same too).
                assignments.Add(earlierAssignments.Find(assignment.Place) is { } same && same.Symbol == assignment && ReferenceEquals(same.Endpoint, endpoint)
                    ? same
                    : new IrAssignment(region, endpoint, assignment.Driver, assignment.Place, assignment));
            }
        }

        var profiles = ImmutableArray.CreateBuilder<IrProfile>(model.Profiles.Length);
        foreach (var profile in model.Profiles)
        {
            if (ProfileOf(profile) is { } lowered)
            {
                profiles.Add(lowered);
            }
        }

        var loweredAssignments = assignments.DrainToImmutable();
        return new PlatformIr(
            model.Platform?.Features ?? [],
            Trimmed(blocks, blockCount),
            Trimmed(endpoints, endpointCount),
            routes.DrainToImmutable(),
            loweredAssignments,
            ImmutableCollectionsMarshal.AsImmutableArray(hypervisors),
            profiles.DrainToImmutable())
        {
            Firmware = firmware,
            Placement = model.Placement,
            UnloweredAssignments = Unlowered(model, loweredAssignments),
        };
    }

    /// <summary>
    /// An earlier platform's routes or assignments, looked for in the order the later version
    /// writes its own: an edit adds or removes a few, so the next one sought is the next one
    /// there or a few after it.
    /// </summary>
    private struct InOrder<T>(ImmutableArray<T> items, Func<T, Place> placeOf)
        where T : class
    {
        private const int LookAhead = 8;
        private int _next;

        public T? Find(Place place)
        {
            for (var i = _next; i < items.Length && i < _next + LookAhead; i++)
            {
                if (placeOf(items[i]) == place)
                {
                    _next = i + 1;
                    return items[i];
                }
            }

            return null;
        }
    }

    private static ImmutableArray<T> Trimmed<T>(T[] items, int count) =>
        ImmutableCollectionsMarshal.AsImmutableArray(count == items.Length ? items : items[..count]);

    // What was lowered of a symbol: made by the first lowering that asks, kept by every other
    // (two lowerings at once may both make one; the first kept wins, so the element a symbol
    // stands for is one object in every platform).
    private static T Kept<T>(Symbol symbol, T lowered)
        where T : class =>
        (T)(Interlocked.CompareExchange(ref symbol.Lowered, lowered, null) ?? lowered);

    /// <summary>The block, or null when its kind is misspelled (not lowered).</summary>
    private static IrBlock? BlockOf(BlockSymbol block)
    {
        if (block.Lowered is LoweredBlock { Block: { } known })
        {
            return known;
        }

        if (block.BlockKind is not { } kind)
        {
            return null;
        }

        var lowered = LoweredBlock.Of(block);
        if (kind == BlockKind.Firmware)
        {
            return lowered.Publish(new IrBlock(block.Name, BlockKind.Firmware, [], block.NamePlace, block));
        }

        // DOMAIN: only the core knows that a read is speculative.
        var seesSpeculation = kind == BlockKind.Cpu;
        var rules = new IrRule[block.Rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = RuleOf(block.Rules[i], seesSpeculation);
        }

        return lowered.Publish(new IrBlock(block.Name, kind, ImmutableCollectionsMarshal.AsImmutableArray(rules), block.NamePlace, block));
    }

    // A rule is lowered once per block kind that tries it (a base block's rules are shared through
    // `extends`, and whether a rule sees speculation depends on the block trying it), and kept on
    // the block that declares it, whether or not that block is lowered itself.
    private static IrRule RuleOf(ErrorConversionRule rule, bool seesSpeculation)
    {
        var slots = LoweredBlock.Of(rule.Block).RulesSeeing(seesSpeculation);
        if (Volatile.Read(ref slots[rule.Index]) is { } known)
        {
            return known;
        }

        var lowered = new IrRule(rule.Block.Name, rule.Error, rule.Accesses, rule.MemoryTypes, rule.Outcome, rule.Place, rule.Block.IsInStandardLibrary)
        {
            Outcomes = rule.Outcomes,
            SeesSpeculation = seesSpeculation,
        };
        return Interlocked.CompareExchange(ref slots[rule.Index], lowered, null) ?? lowered;
    }

    /// <summary>The endpoint and its regions, or null when the block it sits under was not lowered.</summary>
    private static IrEndpoint? EndpointOf(EndpointSymbol endpoint)
    {
        if (endpoint.Lowered is IrEndpoint known)
        {
            return known;
        }

        if (endpoint.Parent is not { } parent || parent.BlockKind is BlockKind.Firmware || BlockOf(parent) is not { } parentIr)
        {
            return null;
        }

        var regions = new IrRegion[endpoint.Regions.Length];
        for (var i = 0; i < regions.Length; i++)
        {
            var region = endpoint.Regions[i];
            regions[i] = Kept(region, new IrRegion(region.QualifiedName, region.NamePlace, region));
        }

        return Kept(endpoint, new IrEndpoint(endpoint.Name, parentIr, endpoint.Faults, ImmutableCollectionsMarshal.AsImmutableArray(regions), endpoint.NamePlace)
        {
            FaultsDeclared = endpoint.FaultsDeclared,
        });
    }

    private static IrHypervisor HypervisorOf(HypervisorSymbol hypervisor) =>
        hypervisor.Lowered as IrHypervisor
        ?? Kept(hypervisor, new IrHypervisor(hypervisor.Name, hypervisor.Stage2Policies, hypervisor.Treatments, hypervisor.NamePlace, hypervisor));

    private static IrProfile? ProfileOf(ProfileSymbol profile) =>
        profile.Lowered as IrProfile
        ?? (profile.Hypervisor is { } hypervisor ? Kept(profile, new IrProfile(profile.Name, HypervisorOf(hypervisor), profile.NamePlace, profile)) : null);

    /// <summary>What was lowered of a block: the block itself, once, and each of its own rules per block kind that tries it.</summary>
    private sealed class LoweredBlock(int rules)
    {
        private IrRule?[]? _speculating;
        private IrRule?[]? _plain;

        public IrBlock? Block { get; private set; }

        public static LoweredBlock Of(BlockSymbol block) => block.Lowered as LoweredBlock ?? Kept(block, new LoweredBlock(block.OwnRules.Length));

        public IrRule?[] RulesSeeing(bool speculation) => speculation
            ? LazyInitializer.EnsureInitialized(ref _speculating, () => new IrRule?[rules])
            : LazyInitializer.EnsureInitialized(ref _plain, () => new IrRule?[rules]);

        public IrBlock Publish(IrBlock block)
        {
            lock (this)
            {
                return Block ??= block;
            }
        }
    }

    // The route's blocks, or null when it has none or one of them was not lowered.
    private static ImmutableArray<IrBlock>? Hops(Route route)
    {
        if (route.Hops.Length == 0)
        {
            return null;
        }

        var hops = new IrBlock[route.Hops.Length];
        for (var i = 0; i < hops.Length; i++)
        {
            // The firmware is no hop: a route names blocks data passes through.
            if (route.Hops[i].BlockKind is BlockKind.Firmware || BlockOf(route.Hops[i]) is not { } hop)
            {
                return null;
            }

            hops[i] = hop;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(hops);
    }

    private static ImmutableArray<(string Name, Text.SourceLocation Location)> Unlowered(SemanticModel model, ImmutableArray<IrAssignment> lowered)
    {
        // The lowered assignments are in the order their declarations are written (the model's
        // order, file by file), so one walk alongside them tells which `assign` was not lowered.
        var next = 0;
        // The region names analysed, made only when an `assign` was not (most versions have none).
        HashSet<string>? names = null;
        var result = ImmutableArray.CreateBuilder<(string, Text.SourceLocation)>();
        foreach (var tree in model.Trees)
        {
            var declarations = tree.Root.Declarations;
            for (var i = 0; i < declarations.Length; i++)
            {
                if (declarations[i] is not Syntax.AssignDeclarationSyntax assign)
                {
                    continue;
                }

                if (next < lowered.Length && ReferenceEquals(lowered[next].Symbol.Syntax, assign))
                {
                    next++;
                    continue;
                }

                names ??= [.. lowered.Select(a => a.Region.QualifiedName)];
                // A second `assign` of an analysed region is a duplicate (reported), not a gap.
                var name = $"{assign.Endpoint?.Text}.{assign.Region?.Text}";
                if (!names.Contains(name))
                {
                    result.Add((name, tree.GetLocation(tree.Root.SpanOf(i))));
                }
            }
        }

        return result.DrainToImmutable();
    }
}
