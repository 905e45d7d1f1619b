using System.Collections.Immutable;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Intermediate;

/// <summary>Lowers a semantic model to the engine's <see cref="PlatformIr"/>, leaving out what did not bind.</summary>
public static class Lowering
{
    public static PlatformIr Lower(SemanticModel model)
    {
        // A rule is lowered once per block kind that tries it (a base block's rules are shared
        // through `extends`): whether it sees speculation depends on the block trying it.
        // Keyed by the rule object: a record's value equality would hash its whole syntax.
        var rules = new Dictionary<(ErrorConversionRule, bool), IrRule>(RuleIdentity.Instance);
        IrRule LowerRule(ErrorConversionRule rule, bool seesSpeculation) =>
            rules.TryGetValue((rule, seesSpeculation), out var lowered) ? lowered
            : rules[(rule, seesSpeculation)] = new IrRule(rule.Block.Name, rule.Error, rule.Accesses, rule.MemoryTypes, rule.Outcome, rule.Location)
            {
                Outcomes = rule.Outcomes,
                SeesSpeculation = seesSpeculation,
            };

        var blocks = new Dictionary<BlockSymbol, IrBlock>(ReferenceEqualityComparer.Instance);
        IrBlock? firmware = null;
        foreach (var block in model.Blocks)
        {
            if (block.BlockKind is BlockKind.Firmware)
            {
                firmware ??= new IrBlock(block.Name, BlockKind.Firmware, [], block.Location, block);
            }
            else if (block.BlockKind is { } kind)
            {
                // DOMAIN: only the core knows that a read is speculative.
                var seesSpeculation = kind == BlockKind.Cpu;
                blocks[block] = new IrBlock(block.Name, kind, [.. block.Rules.Select(r => LowerRule(r, seesSpeculation))], block.Location, block);
            }
        }

        var endpoints = new Dictionary<EndpointSymbol, IrEndpoint>(ReferenceEqualityComparer.Instance);
        var regions = new Dictionary<RegionSymbol, IrRegion>(ReferenceEqualityComparer.Instance);
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.Parent is { } parent && blocks.TryGetValue(parent, out var parentIr))
            {
                var lowered = new IrEndpoint(
                    endpoint.Name,
                    parentIr,
                    endpoint.Faults,
                    [.. endpoint.Regions.Select(r => regions[r] = new IrRegion(r.QualifiedName, r.Location, r))],
                    endpoint.Location)
                {
                    FaultsDeclared = endpoint.FaultsDeclared,
                };
                endpoints[endpoint] = lowered;
            }
        }

        var routes = model.Routes
            .Where(r => r.Hops.Length > 0 && r.Hops.All(blocks.ContainsKey))
            .Select(r => new IrRoute([.. r.Hops.Select(h => blocks[h])], r.Location))
            .ToImmutableArray();

        var hypervisors = model.Hypervisors.ToDictionary(
            h => h,
            h => new IrHypervisor(h.Name, h.Stage2Policies, h.Treatments, h.Location, h),
            (IEqualityComparer<HypervisorSymbol>)ReferenceEqualityComparer.Instance);

        var assignments = model.Assignments
            .Where(a => regions.ContainsKey(a.Region) && endpoints.ContainsKey(a.Region.Endpoint))
            .Select(a => new IrAssignment(regions[a.Region], endpoints[a.Region.Endpoint], a.Driver, a.Location, a))
            .ToImmutableArray();

        var profiles = model.Profiles
            .Where(p => p.Hypervisor is not null && hypervisors.ContainsKey(p.Hypervisor))
            .Select(p => new IrProfile(p.Name, hypervisors[p.Hypervisor!], p.Location, p))
            .ToImmutableArray();

        return new PlatformIr(
            model.Platform?.Features ?? [],
            [.. blocks.Values],
            [.. endpoints.Values],
            routes,
            assignments,
            [.. hypervisors.Values],
            profiles)
        {
            Firmware = firmware,
            UnloweredAssignments = Unlowered(model, assignments),
        };
    }

    private static ImmutableArray<(string Name, Text.SourceLocation Location)> Unlowered(SemanticModel model, ImmutableArray<IrAssignment> lowered)
    {
        var analysed = lowered.Select(a => a.Symbol.Syntax).ToHashSet(ReferenceEqualityComparer.Instance);
        var names = lowered.Select(a => a.Region.QualifiedName).ToHashSet();
        var result = ImmutableArray.CreateBuilder<(string, Text.SourceLocation)>();
        foreach (var tree in model.Trees)
        {
            foreach (var declaration in tree.Root.Declarations)
            {
                // A second `assign` of an analysed region is a duplicate (reported), not a gap.
                if (declaration is Syntax.AssignDeclarationSyntax assign && !analysed.Contains(assign)
                    && $"{assign.Endpoint?.Text}.{assign.Region?.Text}" is var name && !names.Contains(name))
                {
                    result.Add((name, tree.GetLocation(assign.Span)));
                }
            }
        }

        return result.ToImmutable();
    }

    private sealed class RuleIdentity : IEqualityComparer<(ErrorConversionRule Rule, bool SeesSpeculation)>
    {
        public static readonly RuleIdentity Instance = new();

        public bool Equals((ErrorConversionRule Rule, bool SeesSpeculation) x, (ErrorConversionRule Rule, bool SeesSpeculation) y) =>
            ReferenceEquals(x.Rule, y.Rule) && x.SeesSpeculation == y.SeesSpeculation;

        public int GetHashCode((ErrorConversionRule Rule, bool SeesSpeculation) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Rule), key.SeesSpeculation);
    }
}
