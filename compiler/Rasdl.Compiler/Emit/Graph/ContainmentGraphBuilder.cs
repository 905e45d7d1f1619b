using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Text;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit.Graph;

/// <summary>
/// Builds the <see cref="ContainmentGraph"/> of one profile from the engine's results: the
/// routes' blocks and the endpoints under them, edges labelled from the rules, and every node
/// and edge coloured by the worst path of the selection that passes through it.
/// </summary>
public static class ContainmentGraphBuilder
{
    /// <summary>
    /// The graph of <paramref name="profileName"/> (default: the first profile with the worst
    /// verdict), narrowed to the routes of one region when <paramref name="regionName"/>
    /// ("gpu0.bar0") is given. Returns an error message instead when either name is unknown.
    /// </summary>
    public static (ContainmentGraph? Graph, string? Error) Build(ContainmentAnalysis analysis, string? profileName = null, string? regionName = null)
    {
        var platform = analysis.Platform;
        ProfileResult? profile = null;
        if (profileName is not null)
        {
            profile = analysis.Profiles.FirstOrDefault(p => p.Name == profileName);
            if (profile is null)
            {
                var names = analysis.Profiles.Select(p => p.Name).ToList();
                return (null, $"no profile '{profileName}'{Semantics.NameSuggestions.Hint(Semantics.NameSuggestions.Closest(profileName, names))} (profiles: {NameList(names)})");
            }
        }
        else if (!analysis.Profiles.IsEmpty)
        {
            // The first profile with the worst verdict: the picture a reader most needs.
            profile = analysis.Profiles.First(p => p.Verdict == analysis.Verdict);
        }

        IrAssignment? assignment = null;
        if (regionName is not null)
        {
            var lookup = RegionLookup.Find(platform, regionName);
            if (lookup.Error is not null)
            {
                return (null, lookup.Error);
            }

            assignment = lookup.Assignments.FirstOrDefault();
            if (assignment is null)
            {
                return (null, $"region '{regionName}' is assigned, but its endpoint, its region or the block the endpoint sits under did not resolve: there is nothing to draw (run 'rasdl check')");
            }
        }

        var regions = profile?.Regions.Where(r => assignment is null || ReferenceEquals(r.Assignment, assignment)).ToImmutableArray() ?? [];
        return (new Builder(platform, profile, assignment, regions).Build(), null);
    }

    private static string NameList(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }

    private sealed class Builder(PlatformIr platform, ProfileResult? profile, IrAssignment? assignment, ImmutableArray<RegionResult> regions)
    {
        private SourceLocation At(Syntax.Place place) => platform.LocationOf(place);

        private readonly Dictionary<object, NodeDraft> _nodes = new(ReferenceEqualityComparer.Instance);
        private readonly List<NodeDraft> _nodeOrder = [];
        private readonly Dictionary<(string From, string To), EdgeDraft> _edges = [];
        private readonly HashSet<string> _ids = [];

        public ContainmentGraph Build()
        {
            var routes = assignment is null
                ? platform.Routes
                : [.. platform.Routes.Where(r => ReferenceEquals(r.Last, assignment.Endpoint.Parent))];
            var endpoints = assignment is null ? platform.Endpoints : [assignment.Endpoint];
            var hypervisor = profile?.Profile.Hypervisor;

            // The top first, then the routes from the CPU down, then the endpoints: the order a reader scans.
            if (hypervisor is not null)
            {
                Node(hypervisor, "hypervisor", hypervisor.Name, GraphNodeKind.Hypervisor, "hypervisor", At(hypervisor.Place));
            }

            foreach (var route in routes)
            {
                foreach (var hop in route.Hops)
                {
                    BlockNode(hop);
                }
            }

            foreach (var endpoint in endpoints)
            {
                BlockNode(endpoint.Parent);
                var node = Node(endpoint, "endpoint", endpoint.Name, GraphNodeKind.Endpoint, "endpoint", At(endpoint.Place));
                var faults = endpoint.Faults.Select(f => Words.Errors.TextOf(f.Error)).Distinct().ToList();
                Edge(node, BlockNode(endpoint.Parent), faults.Count == 0 ? ["no faults declared"] : [string.Join(", ", faults)], endpoint.Faults.FirstOrDefault() is { } fault ? platform.LocationOf(fault.Place) : At(endpoint.Place));
            }

            foreach (var route in routes)
            {
                // Errors travel from the route's last block toward its cpu (hops[0]).
                for (var i = route.Hops.Length - 1; i > 0; i--)
                {
                    var block = route.Hops[i];
                    var passOn = block.Rules.Where(r => r.Outcomes.Any(o => o.Kind == Vocabulary.OutcomeKind.PassOn)).ToList();
                    Edge(BlockNode(block), BlockNode(route.Hops[i - 1]), [.. passOn.Select(Conversion)], At(passOn.FirstOrDefault()?.Place ?? route.Place));
                }

                if (hypervisor is not null)
                {
                    var cpu = route.Cpu;
                    var exceptions = cpu.Rules.Where(RaisesException).ToList();
                    Edge(BlockNode(cpu), _nodes[hypervisor], [], At(exceptions.FirstOrDefault()?.Place ?? hypervisor.Place));
                }
            }

            Colour(routes, hypervisor);
            var worst = regions.Where(r => !r.Witnesses.IsEmpty).OrderByDescending(r => r.Verdict).FirstOrDefault();
            var worstPath = worst?.Witnesses[0];
            if (worstPath is not null)
            {
                Highlight(worst!, worstPath, hypervisor);
            }

            return new ContainmentGraph(
                profile?.Name,
                profile?.Hypervisor,
                assignment?.Region.QualifiedName,
                profile is null ? null : regions.IsEmpty ? null : regions.Max(r => r.Verdict),
                [.. _nodeOrder.Select(n => new GraphNode(n.Id, n.Name, n.Kind, n.KindWord, n.Location, n.Verdict, n.OnWorstPath))],
                [.. _edges.Values.Select((e, i) => new GraphEdge($"edge{i}", e.From.Id, e.To.Id, [.. e.Conversions], e.Location, e.Verdict, e.OnWorstPath))],
                worstPath,
                worst?.QualifiedName);
        }

        // Worst verdict through each node and edge, from the paths the engine walked for the
        // selected regions (every path that reached the CPU or worse). A block on a selected
        // region's route that no such path reaches is contained-in-device: nothing worse passes.
        private void Colour(ImmutableArray<IrRoute> routes, IrHypervisor? hypervisor)
        {
            foreach (var region in regions)
            {
                var endpoint = _nodes[region.Assignment.Endpoint];
                endpoint.Raise(region.Verdict);
                foreach (var route in routes.Where(r => ReferenceEquals(r.Last, region.Assignment.Endpoint.Parent)))
                {
                    foreach (var hop in route.Hops)
                    {
                        _nodes[hop].Raise(Engine.ContainmentVerdict.ContainedInDevice);
                    }
                }

                foreach (var path in region.Run.Paths)
                {
                    ForEachOnPath(region.Assignment.Endpoint, path, hypervisor, node => node.Raise(path.Verdict), edge =>
                    {
                        edge.Raise(path.Verdict);
                        if (edge.To.Kind == GraphNodeKind.Hypervisor)
                        {
                            edge.Add(CpuConversion(path));
                        }
                    });
                }
            }

            // A cpu edge no selected path reaches still says what the cpu raises.
            foreach (var edge in _edges.Values.Where(e => e.To.Kind == GraphNodeKind.Hypervisor && e.Conversions.Count == 0))
            {
                var cpu = (IrBlock)edge.From.Source;
                foreach (var outcome in cpu.Rules.SelectMany(r => r.Outcomes).Where(o => o.Kind is Vocabulary.OutcomeKind.Sea or Vocabulary.OutcomeKind.SError))
                {
                    edge.Add(outcome.ToString());
                }
            }
        }

        private void Highlight(RegionResult region, Witness path, IrHypervisor? hypervisor) =>
            ForEachOnPath(region.Assignment.Endpoint, path, hypervisor, node => node.OnWorstPath = true, edge => edge.OnWorstPath = true);

        private void ForEachOnPath(IrEndpoint endpoint, Witness path, IrHypervisor? hypervisor, Action<NodeDraft> onNode, Action<EdgeDraft> onEdge)
        {
            var previous = _nodes[endpoint];
            onNode(previous);
            foreach (var step in path.Steps)
            {
                var node = BlockNode(step.Block);
                onNode(node);
                if (_edges.TryGetValue((previous.Id, node.Id), out var edge))
                {
                    onEdge(edge);
                }

                previous = node;
            }

            if (path.Walk.End == PathEnd.CpuException && hypervisor is not null && _nodes.TryGetValue(hypervisor, out var top))
            {
                onNode(top);
                if (_edges.TryGetValue((previous.Id, top.Id), out var edge))
                {
                    onEdge(edge);
                }
            }
        }

        // "slverr -> sea -> inject": what the cpu made of the error and what the hypervisor did.
        private static string CpuConversion(Witness path)
        {
            var action = path.Treatment is { } treatment ? Words.HypervisorActions.TextOf(treatment.Action) : "no treatment";
            return $"{path.Walk.FinalOutcome} -> {action}";
        }

        private static bool RaisesException(IrRule rule) => rule.Outcomes.Any(o => o.Kind is Vocabulary.OutcomeKind.Sea or Vocabulary.OutcomeKind.SError);

        // "cto (read) -> slverr": the rule as written, without its "on".
        private static string Conversion(IrRule rule) => rule.ToString()["on ".Length..];

        private NodeDraft BlockNode(IrBlock block) =>
            Node(block, "block", block.Name, GraphNodeKind.Block, Words.BlockKinds.TextOf(block.Kind), At(block.Place));

        private NodeDraft Node(object key, string prefix, string name, GraphNodeKind kind, string kindWord, SourceLocation location)
        {
            if (_nodes.TryGetValue(key, out var known))
            {
                return known;
            }

            // Names are unique per kind in a bound description; a duplicate (already an error) still gets its own id.
            var id = $"{prefix}:{name}";
            for (var n = 2; !_ids.Add(id); n++)
            {
                id = $"{prefix}:{name}#{n}";
            }

            var node = new NodeDraft(key, id, name, kind, kindWord, location);
            _nodes[key] = node;
            _nodeOrder.Add(node);
            return node;
        }

        private void Edge(NodeDraft from, NodeDraft to, IEnumerable<string> conversions, SourceLocation location)
        {
            if (!_edges.TryGetValue((from.Id, to.Id), out var edge))
            {
                _edges[(from.Id, to.Id)] = edge = new EdgeDraft(from, to, location);
            }

            foreach (var conversion in conversions)
            {
                edge.Add(conversion);
            }
        }
    }

    private sealed class NodeDraft(object source, string id, string name, GraphNodeKind kind, string kindWord, SourceLocation location)
    {
        /// <summary>The IR element the node stands for.</summary>
        public object Source { get; } = source;

        public string Id { get; } = id;
        public string Name { get; } = name;
        public GraphNodeKind Kind { get; } = kind;
        public string KindWord { get; } = kindWord;
        public SourceLocation Location { get; } = location;
        public ContainmentVerdict? Verdict { get; private set; }
        public bool OnWorstPath { get; set; }

        public void Raise(ContainmentVerdict verdict) => Verdict = Verdict is { } known && known >= verdict ? known : verdict;
    }

    private sealed class EdgeDraft(NodeDraft from, NodeDraft to, SourceLocation location)
    {
        public NodeDraft From { get; } = from;
        public NodeDraft To { get; } = to;
        public SourceLocation Location { get; } = location;

        // In first-met order, each once: many paths make the same conversion.
        public List<string> Conversions { get; } = [];
        public ContainmentVerdict? Verdict { get; private set; }
        public bool OnWorstPath { get; set; }

        public void Raise(ContainmentVerdict verdict) => Verdict = Verdict is { } known && known >= verdict ? known : verdict;

        public void Add(string conversion)
        {
            if (!Conversions.Contains(conversion))
            {
                Conversions.Add(conversion);
            }
        }
    }
}
