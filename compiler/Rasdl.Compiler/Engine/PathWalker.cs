using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Syntax;
using Rasdl.Collections;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Walks errors from a block toward the CPU along the routes, applying each block's first
/// matching rule. Blocks that behave alike (the same rules, in the same order, ignoring where
/// they are written) and lead to alike blocks toward the CPU share one memo of walk steps, so
/// the 3,000 root ports of a large server that are written four ways cost four walks, not
/// 3,000; each walk is memoised per (place, error, access, memory type), so the work grows with
/// the distinct behaviours, never with the number of paths. A walk answers with the real
/// blocks' rules and source locations. What reached each block, for the dead-rule check, is
/// worked out apart from the walks, once per analysis (<see cref="Arrivals"/>).
/// </summary>
public sealed class PathWalker
{
    // The shared step memo: each shared node keeps a table from (error, access, type) to a
    // step's place in one chunked store, so a large description pays neither hashing nor a hash
    // table's spare capacity; keys outside the dense table (an access the model does not list)
    // go to the dictionaries.
    private readonly ChunkedList<SharedStep> _store = new();
    private readonly Dictionary<WalkKey<SharedNode>, SharedStep> _otherSteps = [];
    private readonly Dictionary<WalkKey<RouteNode>, PathWalk> _walks = [];

    // Reused by every step: most walks miss the memo at their first block and stop at the next.
    private readonly Stack<(SharedNode Node, ErrorKind Error, int Rule)> _pendingSteps = new();
    private readonly Stack<(WalkKey<RouteNode> Key, WitnessStep Step)> _pendingWalks = new();
    private readonly Dictionary<NodeKey, RouteNode> _nodes = [];
    private readonly Dictionary<IrBlock, Behaviour> _behaviourOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrBlock, Behaviour> _behaviours = new(BehaviourComparer.Instance);
    private readonly Dictionary<(Behaviour Behaviour, SharedNode? TowardCpu), SharedNode> _sharedNodes = [];

    /// <summary>A block on a route together with the rest of the way to the CPU; equal suffixes of different routes share a node.</summary>
    public sealed class RouteNode
    {
        internal RouteNode(IrBlock block, RouteNode? towardCpu, SharedNode shared)
        {
            Block = block;
            TowardCpu = towardCpu;
            Shared = shared;
        }

        public IrBlock Block { get; }

        public RouteNode? TowardCpu { get; }

        /// <summary>The node of every route suffix that behaves like this one: where the steps are memoised.</summary>
        internal SharedNode Shared { get; }

        /// <summary>For an entry node: the engine's verdict memo (per hypervisor, effective type and fault).</summary>
        internal byte[]?[]? Verdicts { get; set; }
    }

    /// <summary>Route suffixes that behave alike: alike blocks, leading to alike suffixes.</summary>
    internal sealed class SharedNode(Behaviour behaviour, SharedNode? towardCpu)
    {
        public Behaviour Behaviour { get; } = behaviour;

        public SharedNode? TowardCpu { get; } = towardCpu;

        /// <summary>Place + 1 in the store of the step memoised for each (error, access, type) slot; 0: none yet.</summary>
        public int[]? Steps { get; set; }
    }

    /// <summary>Blocks with the same rules in the same order (what each matches and produces), cpu or not.</summary>
    internal sealed class Behaviour(IrBlock representative)
    {
        /// <summary>The first such block: its rules stand for every alike block's, index for index.</summary>
        public IrBlock Representative { get; } = representative;

        /// <summary>Per slot: the winning rule's index + 2 (1: no rule matched; 0: not looked up yet).</summary>
        public short[]? Winners { get; set; }
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
                var sharedKey = (BehaviourOf(hop), node?.Shared);
                if (!_sharedNodes.TryGetValue(sharedKey, out var shared))
                {
                    _sharedNodes[sharedKey] = shared = new SharedNode(sharedKey.Item1, sharedKey.Item2);
                }

                existing = new RouteNode(hop, node, shared);
                _nodes[key] = existing;
            }

            node = existing;
        }

        return node!;
    }

    /// <summary>How many walk steps were computed for shared (alike) route positions: grows with distinct behaviours, not blocks.</summary>
    public int SharedSteps => _store.Count + _otherSteps.Count;

    /// <summary>How a walk ends, what its last rule answers (kind and severity), the error that reached its last block and the signals raised on the way, without building its trace: what a verdict needs.</summary>
    public WalkSummary WalkEnd(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var step = Step(node.Shared, error, access, type);
        return new WalkSummary(step.End, step.FinalKind, step.FinalSeverity, step.FinalError, step.Signals);
    }

    /// <summary>
    /// How a rule's response ends a walk at this block, or null when it passes the error on to
    /// the next block toward the CPU (DOMAIN sections 5 and 6).
    /// </summary>
    internal static PathEnd? EndOf(IrRule rule, ErrorKind error, GuestAccess access, BlockKind kind, bool lastHop) => rule.Response switch
    {
        // No response, or a dropped access: a posted write is done; a non-posted access waits
        // for a completion that never comes: the core hangs.
        null or { Kind: OutcomeKind.Drop } => access.NonPosted ? PathEnd.NeverCompletes : PathEnd.Answered,
        { Kind: OutcomeKind.AllOnes } => PathEnd.Answered,
        { Kind: OutcomeKind.Hang } => PathEnd.Hang,
        { Kind: OutcomeKind.Reset } => PathEnd.Reset,
        // Arm ARM IsExternalAbortTakenSynchronously(): a read that is never architecturally
        // executed cannot take a synchronous abort; its error response is dropped or reported
        // asynchronously. Poisoned data is deferred to the load that consumes it (DOMAIN 5).
        { Kind: OutcomeKind.Sea } when kind == BlockKind.Cpu && access.Speculative && error != ErrorKind.Poison => PathEnd.Impossible,
        { Kind: OutcomeKind.Sea or OutcomeKind.SError } => PathEnd.CpuException,
        // A posted write's UR, CA or timeout is not a response but an error message: a switch
        // forwards it upstream, and it ends at the root port (or any other block) it reaches.
        { Kind: OutcomeKind.PassOn } when !AccessModel.ComesBack(error, access) && kind != BlockKind.PcieSwitch => PathEnd.Answered,
        { Kind: OutcomeKind.PassOn } => lastHop ? PathEnd.PassedBeyondCpu : null,
        // A CPER severity outside a firmware block: the binder has said so; nothing is known.
        _ => PathEnd.Impossible,
    };

    /// <summary>
    /// How many steps a walk has and where its culprit is (<see cref="PathWalk.Culprit"/>),
    /// without building its trace: what choosing witnesses needs.
    /// </summary>
    public (int Steps, Place Culprit) WalkShape(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var step = Step(node.Shared, error, access, type);

        // The culprit's place is counted in steps from here: find that step's real block and rule.
        var current = node;
        var currentError = error;
        for (var i = 0; i < step.Culprit; i++)
        {
            currentError = NextError(RuleAt(current, currentError, access, type)!, currentError);
            current = current.TowardCpu!;
        }

        return (step.Count, RuleAt(current, currentError, access, type)?.Place ?? current.Block.Place);
    }

    /// <summary>The full walk with every step, for witnesses: built from the memoised steps, sharing tails.</summary>
    public PathWalk Walk(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var key = new WalkKey<RouteNode>(node, error, access, type);
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
            var currentKey = new WalkKey<RouteNode>(current, currentError, access, type);
            if (_walks.TryGetValue(currentKey, out var memo))
            {
                tail = memo;
                break;
            }

            var step = Step(current.Shared, currentError, access, type);
            var rule = step.Rule < 0 ? null : current.Block.Rules[step.Rule];
            var witnessStep = new WitnessStep(current.Block, currentError, rule);
            if (step.Count == 1)
            {
                tail = _walks[currentKey] = new PathWalk([witnessStep], step.End);
                break;
            }

            pending.Push((currentKey, witnessStep));
            currentError = NextError(rule!, currentError);
            current = current.TowardCpu;
        }

        while (pending.TryPop(out var entry))
        {
            tail = _walks[entry.Key] = new PathWalk(entry.Step, tail!);
        }

        return tail!;
    }

    private IrRule? RuleAt(RouteNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var winner = Winner(node.Shared.Behaviour, error, access, type);
        return winner < 0 ? null : node.Block.Rules[winner];
    }

    /// <summary>
    /// The rule a behaviour applies to one error, and how the walk from there ends, memoised per
    /// shared route position.
    /// </summary>
    private SharedStep Step(SharedNode node, ErrorKind error, GuestAccess access, MemoryType type)
    {
        if (TryGetStep(node, error, access, type, out var known))
        {
            return known;
        }

        var pending = _pendingSteps;
        pending.Clear();
        SharedNode? current = node;
        var currentError = error;
        SharedStep last;
        while (true)
        {
            if (TryGetStep(current, currentError, access, type, out var memo))
            {
                last = memo;
                break;
            }

            var behaviour = current.Behaviour;
            var winner = Winner(behaviour, currentError, access, type);
            if (winner < 0)
            {
                last = SetStep(current, currentError, access, type, SharedStep.Last(behaviour.Representative, currentError, -1, PathEnd.NoRule));
                break;
            }

            var rule = behaviour.Representative.Rules[winner];
            if (EndOf(rule, currentError, access, behaviour.Representative.Kind, current.TowardCpu is null) is { } ended)
            {
                last = SetStep(current, currentError, access, type, SharedStep.Last(behaviour.Representative, currentError, winner, ended));
                break;
            }

            pending.Push((current, currentError, winner));
            currentError = NextError(rule, currentError);
            current = current.TowardCpu!;
        }

        // A step that passes the error on ends where the rest of the walk ends; its final outcome is the last rule's.
        while (pending.TryPop(out var entry))
        {
            last = SetStep(entry.Node, entry.Error, access, type, SharedStep.Before(entry.Node.Behaviour.Representative, entry.Error, entry.Rule, last));
        }

        return last;
    }

    /// <summary>The index of the first of a block's rules that matches (-1: none does): the rule that decides.</summary>
    internal static int FirstMatching(ImmutableArray<IrRule> rules, ErrorKind error, GuestAccess access, MemoryType type)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Matches(error, access, type))
            {
                return i;
            }
        }

        return -1;
    }

    // The first matching rule wins (its index; -1: none matches). Memoised per behaviour: the
    // winner's index + 2 (0: not looked up yet).
    private static int Winner(Behaviour behaviour, ErrorKind error, GuestAccess access, MemoryType type)
    {
        var slot = Slot(error, access, type);
        if (slot >= 0 && behaviour.Winners?[slot] is > 0 and var known)
        {
            return known - 2;
        }

        var rules = behaviour.Representative.Rules;
        var winner = FirstMatching(rules, error, access, type);
        if (slot >= 0 && rules.Length < short.MaxValue - 2)
        {
            behaviour.Winners ??= new short[SlotCount];
            behaviour.Winners[slot] = (short)(winner + 2);
        }

        return winner;
    }

    private Behaviour BehaviourOf(IrBlock block)
    {
        if (!_behaviourOf.TryGetValue(block, out var behaviour))
        {
            if (!_behaviours.TryGetValue(block, out behaviour))
            {
                _behaviours[block] = behaviour = new Behaviour(block);
            }

            _behaviourOf[block] = behaviour;
        }

        return behaviour;
    }

    internal static ErrorKind NextError(IrRule rule, ErrorKind error) =>
        rule.Response?.PassedError is { } passed && passed != ErrorKind.Any ? passed : error;

    private bool TryGetStep(SharedNode node, ErrorKind error, GuestAccess access, MemoryType type, out SharedStep step)
    {
        var slot = Slot(error, access, type);
        if (slot < 0)
        {
            return _otherSteps.TryGetValue(new WalkKey<SharedNode>(node, error, access, type), out step);
        }

        var place = node.Steps?[slot] ?? 0;
        step = place > 0 ? _store[place - 1] : default;
        return place > 0;
    }

    private SharedStep SetStep(SharedNode node, ErrorKind error, GuestAccess access, MemoryType type, SharedStep step)
    {
        var slot = Slot(error, access, type);
        if (slot < 0)
        {
            _otherSteps[new WalkKey<SharedNode>(node, error, access, type)] = step;
        }
        else
        {
            node.Steps ??= new int[SlotCount];
            node.Steps[slot] = _store.Add(step) + 1;
        }

        return step;
    }

    internal const int ErrorCount = (int)ErrorKind.Any + 1;
    internal const int TypeCount = (int)MemoryType.NormalWB + 1;
    private static readonly int AccessCount = AccessModel.All.Length;
    internal static readonly int SlotCount = ErrorCount * AccessCount * TypeCount;

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

    /// <summary>The dense index of (error, access, type) in a memo table; -1 for an access the model does not list.</summary>
    internal static int Slot(ErrorKind error, GuestAccess access, MemoryType type)
    {
        var code = access.Code;
        var accessIndex = code < AccessIndex.Length ? AccessIndex[code] : -1;
        return accessIndex < 0 || (uint)error >= ErrorCount || (uint)type >= TypeCount
            ? -1
            : ((((int)error * AccessCount) + accessIndex) * TypeCount) + (int)type;
    }

    /// <summary>The (error, access, type) of a slot (<see cref="Slot"/>).</summary>
    internal static (ErrorKind Error, GuestAccess Access, MemoryType Type) Unslot(int slot)
    {
        var (rest, type) = Math.DivRem(slot, TypeCount);
        var (error, access) = Math.DivRem(rest, AccessCount);
        return ((ErrorKind)error, AccessModel.All[access], (MemoryType)type);
    }

    // Memo keys compare route nodes and blocks by reference (each is one object) and pack the
    // error, access and memory type into one number: hashing the records' values would cost
    // more than the walk step it saves.
    private readonly record struct NodeKey(IrBlock Block, RouteNode? TowardCpu)
    {
        public bool Equals(NodeKey other) => ReferenceEquals(Block, other.Block) && ReferenceEquals(TowardCpu, other.TowardCpu);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Block), TowardCpu is null ? 0 : RuntimeHelpers.GetHashCode(TowardCpu));
    }

    // A place on the real routes (RouteNode) or on the shared ones (SharedNode), with the error,
    // access and memory type packed into one number.
    private readonly record struct WalkKey<TNode>
        where TNode : class
    {
        private readonly TNode _node;
        private readonly int _rest;

        public WalkKey(TNode node, ErrorKind error, GuestAccess access, MemoryType type)
        {
            _node = node;
            _rest = Pack(error, access, type);
        }

        public bool Equals(WalkKey<TNode> other) => ReferenceEquals(_node, other._node) && _rest == other._rest;

        public override int GetHashCode() => (RuntimeHelpers.GetHashCode(_node) * 31) ^ _rest;
    }

    private static int Pack(ErrorKind error, GuestAccess access, MemoryType type) => ((((int)error * 64) + access.Code) * 16) + (int)type;

    /// <summary>
    /// One behaviour's part of a walk: the index of the rule it applied (-1: none matched), and
    /// how the whole walk from here ends: its end, what the last rule produces, its length, and
    /// its culprit as a number of steps from here, so that alike walks through different blocks
    /// share it and each finds its own block's rule there. No references: the collector never
    /// scans the store.
    /// </summary>
    private readonly record struct SharedStep(int Rule, PathEnd End, OutcomeKind? FinalKind, SErrorSeverity? FinalSeverity, ErrorKind FinalError)
    {
        /// <summary>The interrupts raised from here to the end of the walk, one bit per kind.</summary>
        public int Signals { get; init; }

        /// <summary>Steps from here to the end of the walk (1: this block ends it).</summary>
        public int Count { get; init; }

        /// <summary>Steps from here to the walk's culprit (<see cref="PathWalk.Culprit"/>), kept so that witnesses can be chosen without building traces.</summary>
        public int Culprit { get; init; }

        /// <summary>From here on, in steps from here (-1: none): the converting non-CPU step closest to the CPU, and the first non-CPU step.</summary>
        private int LastConverting { get; init; }

        private int FirstNonCpu { get; init; }

        /// <summary>A step that ends the walk (rule -1: no rule matched).</summary>
        public static SharedStep Last(IrBlock block, ErrorKind error, int rule, PathEnd end)
        {
            var outcome = rule < 0 ? null : block.Rules[rule].Response;
            return new SharedStep(rule, end, outcome?.Kind, outcome?.Severity, error)
            {
                Signals = rule < 0 ? 0 : block.Rules[rule].Signals,
                Count = 1,
                Culprit = 0,
                LastConverting = -1,
                FirstNonCpu = block.IsCpu ? -1 : 0,
            };
        }

        /// <summary>A step that passes the error on to the rest of the walk.</summary>
        public static SharedStep Before(IrBlock block, ErrorKind error, int rule, SharedStep rest)
        {
            var outcome = block.Rules[rule].Response;
            var converts = !block.IsCpu && outcome is { Kind: OutcomeKind.PassOn, PassedError: { } passed } && passed != error && passed != ErrorKind.Any;
            var lastConverting = rest.LastConverting >= 0 ? rest.LastConverting + 1 : converts ? 0 : -1;
            var firstNonCpu = block.IsCpu ? (rest.FirstNonCpu >= 0 ? rest.FirstNonCpu + 1 : -1) : 0;
            return rest with
            {
                Rule = rule,
                Signals = rest.Signals | block.Rules[rule].Signals,
                Count = rest.Count + 1,
                Culprit = rest.End is PathEnd.Answered or PathEnd.CpuException
                    ? lastConverting >= 0 ? lastConverting : firstNonCpu >= 0 ? firstNonCpu : 0
                    : rest.Culprit + 1,
                LastConverting = lastConverting,
                FirstNonCpu = firstNonCpu,
            };
        }
    }

    /// <summary>Blocks alike for the engine: of one kind (a cpu sees speculation, a switch forwards error messages), with rules that match and produce the same, in the same order.</summary>
    internal sealed class BehaviourComparer : IEqualityComparer<IrBlock>
    {
        public static readonly BehaviourComparer Instance = new();

        public bool Equals(IrBlock? x, IrBlock? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Kind != y.Kind || x.Rules.Length != y.Rules.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Rules.Length; i++)
            {
                var (a, b) = (x.Rules[i], y.Rules[i]);
                if (!ReferenceEquals(a, b)
                    && (a.Error != b.Error || a.MemoryTypes != b.MemoryTypes || !a.Accesses.AsSpan().SequenceEqual(b.Accesses.AsSpan())
                        || a.SeesSpeculation != b.SeesSpeculation || a.Signals != b.Signals || !SameResponse(a.Response, b.Response)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameResponse(Outcome? a, Outcome? b) =>
            ReferenceEquals(a, b)
            || (a is not null && b is not null && a.Kind == b.Kind && a.PassedError == b.PassedError && a.Severity == b.Severity && a.Irq == b.Irq);

        public int GetHashCode(IrBlock block)
        {
            var hash = new HashCode();
            hash.Add(block.Kind);
            foreach (var rule in block.Rules)
            {
                hash.Add(rule.Error);
                hash.Add(rule.MemoryTypes);
                hash.Add(rule.Response?.Kind);
                hash.Add(rule.Response?.PassedError);
                hash.Add(rule.Signals);
                hash.Add(rule.Accesses.Length);
            }

            return hash.ToHashCode();
        }
    }
}

/// <summary>What a verdict needs of a walk: how it ends, what its last rule answers, the error that reached the last block, and the signals raised on the way.</summary>
public readonly record struct WalkSummary(PathEnd End, OutcomeKind? Kind, SErrorSeverity? Severity, ErrorKind FinalError, int Signals);
