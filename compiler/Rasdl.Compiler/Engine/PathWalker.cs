using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Intermediate;
using Rasdl.Semantics;
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
    private readonly Dictionary<WalkKey, WalkStep> _steps = [];
    private readonly Dictionary<WalkKey, PathWalk> _walks = [];

    // Reused by every Step: most walks miss the memo at their first block and stop at the next.
    private readonly Stack<(WalkKey Key, IrRule Rule, RouteNode Next, ErrorKind NextError)> _pendingSteps = new();
    private readonly Stack<(WalkKey Key, WitnessStep Step)> _pendingWalks = new();
    private readonly Dictionary<NodeKey, RouteNode> _nodes = [];
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
            var key = new NodeKey(hop, node);
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
    public int Walks => _steps.Count;

    public bool Applied(IrRule rule) => _applied.Contains(rule);

    public bool Visited(IrBlock block) => _visited.Contains(block);

    /// <summary>The earlier rule that took every error this rule would have matched, if any did.</summary>
    public IrRule? ShadowedBy(IrRule rule) => _shadowedBy.GetValueOrDefault(rule);

    /// <summary>How a walk ends (and the last rule's outcome), without building its trace: what a verdict needs.</summary>
    public (PathEnd End, Outcome? FinalOutcome) WalkEnd(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var step = Step(node, error, access, type);
        return (step.End, step.FinalOutcome);
    }

    /// <summary>The full walk with every step, for witnesses: built from the memoised steps, sharing tails.</summary>
    public PathWalk Walk(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var key = new WalkKey(node, error, access, type);
        if (_walks.TryGetValue(key, out var known))
        {
            return known;
        }

        // Iterative: a route is short, but nothing here trusts that.
        var pending = _pendingWalks;
        pending.Clear();
        RouteNode? current = node;
        var currentError = error;
        PathWalk? tail = null;
        while (current is not null)
        {
            var currentKey = new WalkKey(current, currentError, access, type);
            if (_walks.TryGetValue(currentKey, out var memo))
            {
                tail = memo;
                break;
            }

            var step = Step(current, currentError, access, type);
            var witnessStep = new WitnessStep(current.Block, currentError, step.Rule);
            if (step.Next is null)
            {
                tail = _walks[currentKey] = new PathWalk([witnessStep], step.End);
                break;
            }

            pending.Push((currentKey, witnessStep));
            currentError = step.NextError;
            current = step.Next;
        }

        while (pending.TryPop(out var entry))
        {
            tail = _walks[entry.Key] = new PathWalk([entry.Step, .. tail!.Steps], tail.End);
        }

        return tail!;
    }

    /// <summary>
    /// The rule a block applies to one error, and where the error goes next, memoised per route
    /// position. Each position's rule is looked up once, in the order the engine first asks,
    /// which is the order the dead-rule check's "shadowed by" relies on.
    /// </summary>
    private WalkStep Step(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var key = new WalkKey(node, error, access, type);
        if (_steps.TryGetValue(key, out var known))
        {
            return known;
        }

        var pending = _pendingSteps;
        pending.Clear();
        RouteNode? current = node;
        var currentError = error;
        WalkStep last;
        while (true)
        {
            var currentKey = new WalkKey(current, currentError, access, type);
            if (_steps.TryGetValue(currentKey, out var memo))
            {
                last = memo;
                break;
            }

            var rule = Apply(current.Block, currentError, access, type);
            if (rule is null)
            {
                last = _steps[currentKey] = new WalkStep(null, PathEnd.NoRule, null, currentError, null);
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
                last = _steps[currentKey] = new WalkStep(rule, ended, null, currentError, outcome);
                break;
            }

            var nextError = outcome.PassedError is { } passed && passed != ErrorKind.Any ? passed : currentError;
            pending.Push((currentKey, rule, current.TowardCpu!, nextError));
            currentError = nextError;
            current = current.TowardCpu!;
        }

        // A step that passes the error on ends where the rest of the walk ends; its final outcome is the last rule's.
        var final = last;
        while (pending.TryPop(out var entry))
        {
            last = _steps[entry.Key] = new WalkStep(entry.Rule, final.End, entry.Next, entry.NextError, final.FinalOutcome);
        }

        return last;
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

    // Memo keys compare route nodes and blocks by reference (each is one object) and pack the
    // error, access and memory type into one number: hashing the records' values would cost
    // more than the walk step it saves.
    private readonly record struct NodeKey(IrBlock Block, RouteNode? TowardCpu)
    {
        public bool Equals(NodeKey other) => ReferenceEquals(Block, other.Block) && ReferenceEquals(TowardCpu, other.TowardCpu);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Block), TowardCpu is null ? 0 : RuntimeHelpers.GetHashCode(TowardCpu));
    }

    private readonly record struct WalkKey
    {
        private readonly RouteNode _node;
        private readonly int _rest;

        public WalkKey(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
        {
            _node = node;
            _rest = ((((int)error * 64) + access.Code) * 16) + (int)type;
        }

        public bool Equals(WalkKey other) => ReferenceEquals(_node, other._node) && _rest == other._rest;

        public override int GetHashCode() => (RuntimeHelpers.GetHashCode(_node) * 31) ^ _rest;
    }

    /// <summary>
    /// One block's part of a walk: the rule it applied (null: none matched), how the whole walk
    /// from here ends with the last rule's outcome, and where the error goes next (null when
    /// this block ends the walk).
    /// </summary>
    private readonly record struct WalkStep(IrRule? Rule, PathEnd End, RouteNode? Next, ErrorKind NextError, Outcome? FinalOutcome);
}
