using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Intermediate;

/// <summary>Lowers a semantic model to the engine's <see cref="PlatformIr"/>, leaving out what did not bind.</summary>
public static class Lowering
{
    // Loops over arrays sized up front rather than LINQ: an editor lowers a version per
    // keystroke that changes what the text says, and every object made lives until the next.
    public static PlatformIr Lower(SemanticModel model)
    {
        var ruleCount = 0;
        foreach (var block in model.Blocks)
        {
            ruleCount += block.Rules.Length;
        }

        // A rule is lowered once per block kind that tries it (a base block's rules are shared
        // through `extends`): whether it sees speculation depends on the block trying it.
        // Keyed by the rule object: a record's value equality would hash its whole syntax.
        var rules = new Dictionary<(ErrorConversionRule, bool), IrRule>(ruleCount, RuleIdentity.Instance);
        var blocks = new Dictionary<BlockSymbol, IrBlock>(model.Blocks.Length);
        IrBlock? firmware = null;
        foreach (var block in model.Blocks)
        {
            if (block.BlockKind is BlockKind.Firmware)
            {
                firmware ??= new IrBlock(block.Name, BlockKind.Firmware, [], model.LocationOf(block), block);
            }
            else if (block.BlockKind is { } kind)
            {
                // DOMAIN: only the core knows that a read is speculative.
                var seesSpeculation = kind == BlockKind.Cpu;
                var lowered = new IrRule[block.Rules.Length];
                for (var i = 0; i < lowered.Length; i++)
                {
                    var rule = block.Rules[i];
                    ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(rules, (rule, seesSpeculation), out _);
                    lowered[i] = known ??= new IrRule(rule.Block.Name, rule.Error, rule.Accesses, rule.MemoryTypes, rule.Outcome, model.LocationOf(rule.Place))
                    {
                        Outcomes = rule.Outcomes,
                        SeesSpeculation = seesSpeculation,
                    };
                }

                blocks[block] = new IrBlock(block.Name, kind, ImmutableCollectionsMarshal.AsImmutableArray(lowered), model.LocationOf(block), block);
            }
        }

        var regionCount = 0;
        foreach (var endpoint in model.Endpoints)
        {
            regionCount += endpoint.Regions.Length;
        }

        var endpoints = new Dictionary<EndpointSymbol, IrEndpoint>(model.Endpoints.Length);
        var regions = new Dictionary<RegionSymbol, IrRegion>(regionCount);
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.Parent is { } parent && blocks.TryGetValue(parent, out var parentIr))
            {
                var lowered = new IrRegion[endpoint.Regions.Length];
                for (var i = 0; i < lowered.Length; i++)
                {
                    var region = endpoint.Regions[i];
                    lowered[i] = regions[region] = new IrRegion(region.QualifiedName, model.LocationOf(region), region);
                }

                endpoints[endpoint] = new IrEndpoint(endpoint.Name, parentIr, endpoint.Faults, ImmutableCollectionsMarshal.AsImmutableArray(lowered), model.LocationOf(endpoint))
                {
                    FaultsDeclared = endpoint.FaultsDeclared,
                };
            }
        }

        var routes = ImmutableArray.CreateBuilder<IrRoute>(model.Routes.Length);
        foreach (var route in model.Routes)
        {
            if (Hops(route, blocks) is { } hops)
            {
                routes.Add(new IrRoute(hops, model.LocationOf(route.Place)));
            }
        }

        var hypervisors = new Dictionary<HypervisorSymbol, IrHypervisor>(model.Hypervisors.Length);
        foreach (var hypervisor in model.Hypervisors)
        {
            hypervisors.Add(hypervisor, new IrHypervisor(hypervisor.Name, hypervisor.Stage2Policies, hypervisor.Treatments, model.LocationOf(hypervisor), hypervisor));
        }

        var assignments = ImmutableArray.CreateBuilder<IrAssignment>(model.Assignments.Length);
        foreach (var assignment in model.Assignments)
        {
            if (regions.TryGetValue(assignment.Region, out var region) && endpoints.TryGetValue(assignment.Region.Endpoint, out var endpoint))
            {
                assignments.Add(new IrAssignment(region, endpoint, assignment.Driver, model.LocationOf(assignment.Place), assignment));
            }
        }

        var profiles = ImmutableArray.CreateBuilder<IrProfile>(model.Profiles.Length);
        foreach (var profile in model.Profiles)
        {
            if (profile.Hypervisor is { } hypervisor && hypervisors.TryGetValue(hypervisor, out var lowered))
            {
                profiles.Add(new IrProfile(profile.Name, lowered, model.LocationOf(profile), profile));
            }
        }

        var loweredAssignments = assignments.DrainToImmutable();
        return new PlatformIr(
            model.Platform?.Features ?? [],
            [.. blocks.Values],
            [.. endpoints.Values],
            routes.DrainToImmutable(),
            loweredAssignments,
            [.. hypervisors.Values],
            profiles.DrainToImmutable())
        {
            Firmware = firmware,
            Placement = model.Placement,
            UnloweredAssignments = Unlowered(model, loweredAssignments),
        };
    }

    // The route's blocks, or null when it has none or one of them was not lowered.
    private static ImmutableArray<IrBlock>? Hops(Route route, Dictionary<BlockSymbol, IrBlock> blocks)
    {
        if (route.Hops.Length == 0)
        {
            return null;
        }

        var hops = new IrBlock[route.Hops.Length];
        for (var i = 0; i < hops.Length; i++)
        {
            if (!blocks.TryGetValue(route.Hops[i], out var hop))
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

    private sealed class RuleIdentity : IEqualityComparer<(ErrorConversionRule Rule, bool SeesSpeculation)>
    {
        public static readonly RuleIdentity Instance = new();

        public bool Equals((ErrorConversionRule Rule, bool SeesSpeculation) x, (ErrorConversionRule Rule, bool SeesSpeculation) y) =>
            ReferenceEquals(x.Rule, y.Rule) && x.SeesSpeculation == y.SeesSpeculation;

        // A rule is its block's rule at its index: no two rules share both (the runtime's identity hash is slower to get).
        public int GetHashCode((ErrorConversionRule Rule, bool SeesSpeculation) key) =>
            HashCode.Combine(key.Rule.Block, key.Rule.Index, key.SeesSpeculation);
    }
}
