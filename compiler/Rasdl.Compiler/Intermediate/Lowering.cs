using System.Collections.Immutable;
using Rasdl.Semantics;

namespace Rasdl.Intermediate;

/// <summary>Lowers a semantic model to the engine's <see cref="PlatformIr"/>, leaving out what did not bind.</summary>
public static class Lowering
{
    public static PlatformIr Lower(SemanticModel model)
    {
        var rules = new Dictionary<ErrorConversionRule, IrRule>(ReferenceEqualityComparer.Instance);
        IrRule LowerRule(ErrorConversionRule rule) =>
            rules.TryGetValue(rule, out var lowered) ? lowered
            : rules[rule] = new IrRule(rule.Block.Name, rule.Error, rule.Accesses, rule.MemoryTypes, rule.Outcome, rule.Location);

        var blocks = new Dictionary<BlockSymbol, IrBlock>(ReferenceEqualityComparer.Instance);
        foreach (var block in model.Blocks)
        {
            if (block.BlockKind is { } kind)
            {
                blocks[block] = new IrBlock(block.Name, kind, [.. block.Rules.Select(LowerRule)], block.Location, block);
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
                    endpoint.Location);
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
            profiles);
    }
}
