using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Text;
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
    // The step memo: each route node keeps a table from (error, access, type) to a step's place
    // in one chunked store, so a large description pays neither hashing nor a hash table's
    // spare capacity; keys outside the dense table (an access the model does not list) go to
    // the dictionary.
    private readonly StepStore _store = new();
    private readonly Dictionary<WalkKey, WalkStep> _otherSteps = [];
    private readonly Dictionary<WalkKey, PathWalk> _walks = [];

    // Reused by every Step: most walks miss the memo at their first block and stop at the next.
    private readonly Stack<(RouteNode Node, ErrorKind Error, IrRule Rule)> _pendingSteps = new();
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

        /// <summary>Place + 1 in the store of the step memoised for each (error, access, type) slot; 0: none yet.</summary>
        internal int[]? Steps { get; set; }
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
    public int Walks => _store.Count + _otherSteps.Count;

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

    /// <summary>
    /// How many steps a walk has and where its culprit is (<see cref="PathWalk.Culprit"/>),
    /// without building its trace: what choosing witnesses needs.
    /// </summary>
    public (int Steps, SourceLocation Culprit) WalkShape(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var step = Step(node, error, access, type);
        return (step.Count, step.Culprit);
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
            if (step.Count == 1)
            {
                tail = _walks[currentKey] = new PathWalk([witnessStep], step.End);
                break;
            }

            pending.Push((currentKey, witnessStep));
            currentError = NextError(step.Rule!, currentError);
            current = current.TowardCpu;
        }

        while (pending.TryPop(out var entry))
        {
            tail = _walks[entry.Key] = new PathWalk(entry.Step, tail!);
        }

        return tail!;
    }

    /// <summary>
    /// The rule a block applies to one error, and how the walk from there ends, memoised per
    /// route position. Each position's rule is looked up once, in the order the engine first
    /// asks, which is the order the dead-rule check's "shadowed by" relies on.
    /// </summary>
    private WalkStep Step(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        if (TryGetStep(node, error, access, type, out var known))
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
            if (TryGetStep(current, currentError, access, type, out var memo))
            {
                last = memo;
                break;
            }

            var rule = Apply(current.Block, currentError, access, type);
            if (rule is null)
            {
                last = SetStep(current, currentError, access, type, WalkStep.Last(current.Block, null, PathEnd.NoRule));
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
                last = SetStep(current, currentError, access, type, WalkStep.Last(current.Block, rule, ended));
                break;
            }

            pending.Push((current, currentError, rule));
            currentError = NextError(rule, currentError);
            current = current.TowardCpu!;
        }

        // A step that passes the error on ends where the rest of the walk ends; its final outcome is the last rule's.
        while (pending.TryPop(out var entry))
        {
            last = SetStep(entry.Node, entry.Error, access, type, WalkStep.Before(entry.Node.Block, entry.Error, entry.Rule, last));
        }

        return last;
    }

    private static ErrorKind NextError(IrRule rule, ErrorKind error) =>
        rule.Outcome.PassedError is { } passed && passed != ErrorKind.Any ? passed : error;

    private bool TryGetStep(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type, out WalkStep step)
    {
        var slot = Slot(error, access, type);
        if (slot < 0)
        {
            return _otherSteps.TryGetValue(new WalkKey(node, error, access, type), out step);
        }

        var place = node.Steps?[slot] ?? 0;
        step = place > 0 ? _store[place - 1] : default;
        return place > 0;
    }

    private WalkStep SetStep(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type, WalkStep step)
    {
        var slot = Slot(error, access, type);
        if (slot < 0)
        {
            _otherSteps[new WalkKey(node, error, access, type)] = step;
        }
        else
        {
            node.Steps ??= new int[SlotCount];
            node.Steps[slot] = _store.Add(step) + 1;
        }

        return step;
    }

    private const int ErrorCount = (int)ErrorKind.Any + 1;
    private const int TypeCount = (int)MemoryType.NormalWB + 1;
    private static readonly int AccessCount = AccessModel.All.Length;
    private static readonly int SlotCount = ErrorCount * AccessCount * TypeCount;

    // The dense index of each access the access model lists, by GuestAccess.Code; -1 for others.
    private static readonly int[] AccessIndex = BuildAccessIndex();

    private static int[] BuildAccessIndex()
    {
        var index = Enumerable.Repeat(-1, 64).ToArray();
        for (var i = 0; i < AccessModel.All.Length; i++)
        {
            index[AccessModel.All[i].Code] = i;
        }

        return index;
    }

    private static int Slot(ErrorKind error, GuestAccess access, MemoryType type)
    {
        var code = access.Code;
        var accessIndex = code < AccessIndex.Length ? AccessIndex[code] : -1;
        return accessIndex < 0 || (uint)error >= ErrorCount || (uint)type >= TypeCount
            ? -1
            : ((((int)error * AccessCount) + accessIndex) * TypeCount) + (int)type;
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
    /// One block's part of a walk: the rule it applied (null: none matched), and how the whole
    /// walk from here ends: its end, the last rule's outcome, its length and its culprit.
    /// </summary>
    private readonly record struct WalkStep(IrRule? Rule, PathEnd End, Outcome? FinalOutcome)
    {
        /// <summary>Steps from here to the end of the walk (1: this block ends it).</summary>
        public int Count { get; init; }

        /// <summary>The culprit of the walk from here (<see cref="PathWalk.Culprit"/>), kept so that witnesses can be chosen without building traces.</summary>
        public required SourceLocation Culprit { get; init; }

        /// <summary>From here on: the converting non-CPU step closest to the CPU, and the first non-CPU step.</summary>
        private SourceLocation? LastConverting { get; init; }

        private SourceLocation? FirstNonCpu { get; init; }

        /// <summary>A step that ends the walk.</summary>
        public static WalkStep Last(IrBlock block, IrRule? rule, PathEnd end)
        {
            var location = rule?.Location ?? block.Location;
            var firstNonCpu = block.IsCpu ? null : location;
            return new WalkStep(rule, end, rule?.Outcome)
            {
                Count = 1,
                Culprit = end is PathEnd.Answered or PathEnd.CpuException ? firstNonCpu ?? location : location,
                FirstNonCpu = firstNonCpu,
            };
        }

        /// <summary>A step that passes the error on to the rest of the walk.</summary>
        public static WalkStep Before(IrBlock block, ErrorKind error, IrRule rule, WalkStep rest)
        {
            var location = rule.Location;
            var converts = !block.IsCpu && rule.Outcome is { Kind: OutcomeKind.PassOn, PassedError: { } passed } && passed != error && passed != ErrorKind.Any;
            var lastConverting = rest.LastConverting ?? (converts ? location : null);
            var firstNonCpu = block.IsCpu ? rest.FirstNonCpu : location;
            return new WalkStep(rule, rest.End, rest.FinalOutcome)
            {
                Count = rest.Count + 1,
                Culprit = rest.End is PathEnd.Answered or PathEnd.CpuException ? lastConverting ?? firstNonCpu ?? location : rest.Culprit,
                LastConverting = lastConverting,
                FirstNonCpu = firstNonCpu,
            };
        }
    }

    /// <summary>Steps in fixed-size chunks: growing never copies, and no chunk is a large object.</summary>
    private sealed class StepStore
    {
        private const int ChunkBits = 10; // 1,024 steps: under the large-object threshold
        private const int ChunkSize = 1 << ChunkBits;
        private readonly List<WalkStep[]> _chunks = [];

        public int Count { get; private set; }

        public WalkStep this[int index] => _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

        /// <summary>Appends a step and returns its place.</summary>
        public int Add(WalkStep step)
        {
            if ((Count & (ChunkSize - 1)) == 0)
            {
                _chunks.Add(new WalkStep[ChunkSize]);
            }

            _chunks[Count >> ChunkBits][Count & (ChunkSize - 1)] = step;
            return Count++;
        }
    }
}
