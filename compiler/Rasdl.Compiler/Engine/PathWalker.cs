using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Walks errors from a block toward the CPU along the routes, applying each block's first
/// matching rule. Every walk is memoised per (position on the route graph, error, access,
/// memory type), so the work grows with blocks, rules and regions, never with the number of
/// paths. Also records which rules ever applied and which were shadowed by an earlier rule,
/// for the dead-rule check.
/// </summary>
public sealed class PathWalker
{
    private readonly Dictionary<(RouteNode, ErrorKind, GuestAccess, MemoryType), PathWalk> _walks = [];
    private readonly Dictionary<(IrBlock, RouteNode?), RouteNode> _nodes = [];
    private readonly HashSet<IrRule> _applied = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrRule, IrRule> _shadowedBy = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IrBlock> _visited = new(ReferenceEqualityComparer.Instance);

    /// <summary>A block on a route together with the rest of the way to the CPU; equal suffixes of different routes share a node.</summary>
    public sealed class RouteNode(IrBlock block, RouteNode? towardCpu)
    {
        public IrBlock Block { get; } = block;

        public RouteNode? TowardCpu { get; } = towardCpu;
    }

    /// <summary>The node where an endpoint's errors enter a route: the route's last block.</summary>
    public RouteNode Entry(IrRoute route)
    {
        RouteNode? node = null;
        foreach (var hop in route.Hops)
        {
            var key = (hop, node);
            if (!_nodes.TryGetValue(key, out var existing))
            {
                existing = new RouteNode(hop, node);
                _nodes[key] = existing;
            }

            node = existing;
        }

        return node!;
    }

    /// <summary>How many (route position, error, access, type) walks were computed: linear in the description's size.</summary>
    public int Walks => _walks.Count;

    public bool Applied(IrRule rule) => _applied.Contains(rule);

    public bool Visited(IrBlock block) => _visited.Contains(block);

    /// <summary>The earlier rule that took every error this rule would have matched, if any did.</summary>
    public IrRule? ShadowedBy(IrRule rule) => _shadowedBy.GetValueOrDefault(rule);

    public PathWalk Walk(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        // Iterative: a route is short, but nothing here trusts that.
        var key = (node, error, access, type);
        if (_walks.TryGetValue(key, out var known))
        {
            return known;
        }

        var pending = new Stack<(RouteNode Node, ErrorKind Error, WitnessStep Step)>();
        RouteNode? current = node;
        var currentError = error;
        PathWalk? tail = null;
        while (current is not null)
        {
            if (_walks.TryGetValue((current, currentError, access, type), out var memo))
            {
                tail = memo;
                break;
            }

            var rule = Apply(current.Block, currentError, access, type);
            var step = new WitnessStep(current.Block, currentError, rule);
            if (rule is null)
            {
                tail = Remember(current, currentError, access, type, new PathWalk([step], PathEnd.NoRule));
                break;
            }

            var outcome = rule.Outcome;
            var end = outcome.Kind switch
            {
                OutcomeKind.AllOnes or OutcomeKind.Drop or OutcomeKind.Irq => PathEnd.Answered,
                OutcomeKind.Hang => PathEnd.Hang,
                OutcomeKind.Reset => PathEnd.Reset,
                OutcomeKind.Sea or OutcomeKind.SError => PathEnd.CpuException,
                _ => current.TowardCpu is null ? PathEnd.PassedBeyondCpu : (PathEnd?)null,
            };
            if (end is { } ended)
            {
                tail = Remember(current, currentError, access, type, new PathWalk([step], ended));
                break;
            }

            pending.Push((current, currentError, step));
            currentError = outcome.PassedError is { } passed && passed != ErrorKind.Any ? passed : currentError;
            current = current.TowardCpu;
        }

        while (pending.TryPop(out var entry))
        {
            tail = Remember(entry.Node, entry.Error, access, type, new PathWalk(entry.Step, tail!));
        }

        return tail!;
    }

    private PathWalk Remember(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type, PathWalk walk)
    {
        _walks[(node, error, access, type)] = walk;
        return walk;
    }

    // The first matching rule wins; later rules that would also have matched are shadowed by it.
    private IrRule? Apply(IrBlock block, ErrorKind error, GuestAccess access, MemoryType type)
    {
        _visited.Add(block);
        IrRule? winner = null;
        foreach (var rule in block.Rules)
        {
            if (!rule.Matches(error, access, type))
            {
                continue;
            }

            if (winner is null)
            {
                winner = rule;
                _applied.Add(rule);
            }
            else
            {
                _shadowedBy.TryAdd(rule, winner);
            }
        }

        return winner;
    }
}
