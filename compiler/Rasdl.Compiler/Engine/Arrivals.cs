using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// What reached each block on the platform's routes in one analysis: every (error, access,
/// memory type) an analysed endpoint's errors bring there, each block passing on what its
/// first matching rule passes on (as the walks do, <see cref="PathWalker"/>), and which rules
/// applied on the way. What the dead-rule check reads (<see cref="DeadRules"/>).
/// <para>
/// Worked out once per analysis from where the walks of its runs start (<see cref="Seeds"/>),
/// not recorded by the walks themselves: a run whose verdict an analysis keeps from an earlier
/// version (<see cref="KeptRuns"/>) is not walked again, yet its errors reach the blocks all
/// the same, so what reached a block is the whole analysis's whatever was walked, and in no
/// order.
/// </para>
/// <para>
/// The routes make a tree toward the CPU: equal route suffixes are one node, as in the walker.
/// A node's arrivals are its own endpoints' plus what the nodes below it pass on, worked out
/// deepest first. What a node passes on depends only on its block's behaviour and its
/// arrivals, so the thousands of alike root ports with the same arrivals are worked out once.
/// </para>
/// </summary>
internal sealed class Arrivals
{
    private static readonly int Words = (PathWalker.SlotCount + 63) / 64;

    // What reached each block, one bit per (error, access, type) slot (PathWalker.Slot).
    private readonly Dictionary<IrBlock, SharedBits> _byBlock = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IrRule> _applied = new(ReferenceEqualityComparer.Instance);

    private Arrivals()
    {
    }

    /// <summary>Distinct (route position, error, access, type) places errors reached: a measure of the analysis's work, linear in the description's size.</summary>
    public int Walks { get; private set; }

    /// <summary>Whether anything reached the block.</summary>
    public bool Visited(IrBlock block) => _byBlock.ContainsKey(block);

    /// <summary>Whether the rule was the first to match something that reached a block trying it.</summary>
    public bool Applied(IrRule rule) => _applied.Contains(rule);

    /// <summary>Every (error, access, memory type) that reached the block, each once, in slot order.</summary>
    public IEnumerable<(ErrorKind Error, GuestAccess Access, MemoryType Type)> ArrivalsAt(IrBlock block)
    {
        if (_byBlock.GetValueOrDefault(block).Bits is not { } bits)
        {
            yield break;
        }

        for (var word = 0; word < bits.Length; word++)
        {
            for (var rest = bits[word]; rest != 0; rest &= rest - 1)
            {
                yield return PathWalker.Unslot((word * 64) + BitOperations.TrailingZeroCount(rest));
            }
        }
    }

    /// <summary>What reached every block, from the runs of every region the analysis analysed (each region's three).</summary>
    public static Arrivals Of(PlatformIr platform, ImmutableArray<ProfileResult> profiles)
    {
        var seeds = new Seeds();
        foreach (var profile in profiles)
        {
            foreach (var region in profile.Regions)
            {
                seeds.Add(region);
            }
        }

        var arrivals = new Arrivals();
        var nodes = new Dictionary<(IrBlock Block, Node? TowardCpu), Node>(NodeIdentity.Instance);
        var byDepth = new List<List<Node>>();
        foreach (var route in platform.Routes)
        {
            if (!seeds.ByBlock.TryGetValue(route.Last, out var entering))
            {
                continue; // no analysed endpoint's errors enter here
            }

            Node? node = null;
            for (var depth = 0; depth < route.Hops.Length; depth++)
            {
                var key = (route.Hops[depth], node);
                if (!nodes.TryGetValue(key, out var existing))
                {
                    nodes[key] = existing = new Node(route.Hops[depth], node);
                    if (byDepth.Count <= depth)
                    {
                        byDepth.Add([]);
                    }

                    byDepth[depth].Add(existing);
                }

                node = existing;
            }

            // Every route to the block takes the errors of every endpoint under it (ContainmentEngine.Run).
            node!.Reached.Or(entering.Bits!);
        }

        var passes = new Passes();
        for (var depth = byDepth.Count - 1; depth >= 0; depth--)
        {
            foreach (var node in byDepth[depth])
            {
                if (node.Reached.Bits is not { } reached)
                {
                    continue;
                }

                foreach (var word in reached)
                {
                    arrivals.Walks += BitOperations.PopCount(word);
                }

                CollectionsMarshal.GetValueRefOrAddDefault(arrivals._byBlock, node.Block, out _).Or(reached);
                var (passed, winners) = passes.Of(node.Block, lastHop: node.TowardCpu is null, reached);
                foreach (var winner in winners)
                {
                    arrivals._applied.Add(node.Block.Rules[winner]);
                }

                if (passed is not null)
                {
                    node.TowardCpu!.Reached.Or(passed);
                }
            }
        }

        return arrivals;
    }

    private static void Or(ulong[] into, ulong[] bits)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] |= bits[i];
        }
    }

    /// <summary>
    /// A set of slots that others' sets are ORed into, copied only when a second is: most hold
    /// one (an endpoint's block with one kind of endpoint under it, a route node with one route
    /// or one alike block below it), shared with where it came from, which never changes.
    /// </summary>
    private struct SharedBits
    {
        private bool _owned;

        public ulong[]? Bits { get; private set; }

        public void Or(ulong[] more)
        {
            if (Bits is null)
            {
                Bits = more;
            }
            else if (!ReferenceEquals(Bits, more))
            {
                if (!_owned)
                {
                    (Bits, _owned) = ((ulong[])Bits.Clone(), true);
                }

                Arrivals.Or(Bits, more);
            }
        }
    }

    /// <summary>
    /// Where the walks of runs start: per block that endpoints sit under, every (fault, access,
    /// effective type) of their runs (<see cref="ContainmentEngine.Run"/> walks those, from every route to the block).
    /// </summary>
    private sealed class Seeds
    {
        private readonly Dictionary<IrBlock, SharedBits> _byBlock = new(ReferenceEqualityComparer.Instance);

        // A region's three runs start alike for endpoints that declare the same errors, under the
        // same attributes: one set for them. The last set added to a block is not added again.
        private readonly Dictionary<(int Errors, Stage2Attribute Run, Stage2Attribute NormalNc, Stage2Attribute Device), ulong[]?> _ofRegion = [];
        private (IrBlock? Block, ulong[]? Bits) _last;
        private ((int, Stage2Attribute, Stage2Attribute, Stage2Attribute) Key, ulong[]? Bits) _lastKey = ((-1, default, default, default), null);

        public IReadOnlyDictionary<IrBlock, SharedBits> ByBlock => _byBlock;

        /// <summary>
        /// The walks of a region's runs start at every route to its endpoint's block, with every
        /// fault it declares that an access to a type reachable under the run's attribute can meet.
        /// </summary>
        public void Add(RegionResult region)
        {
            var endpoint = region.Assignment.Endpoint;
            if (!endpoint.FaultsDeclared)
            {
                return; // nothing is walked: the runs' verdicts need no path
            }

            var errors = 0;
            foreach (var fault in endpoint.Faults)
            {
                errors |= 1 << (int)fault.Error;
            }

            var key = (errors, region.Run.Stage2, region.NormalNcRun.Stage2, region.DeviceRun.Stage2);
            if (key != _lastKey.Key)
            {
                if (!_ofRegion.TryGetValue(key, out var made))
                {
                    _ofRegion[key] = made = Start(endpoint.Faults, [region.Run, region.NormalNcRun, region.DeviceRun]);
                }

                _lastKey = (key, made);
            }

            var bits = _lastKey.Bits;
            if (bits is null || (ReferenceEquals(_last.Block, endpoint.Parent) && ReferenceEquals(_last.Bits, bits)))
            {
                return;
            }

            _last = (endpoint.Parent, bits);
            CollectionsMarshal.GetValueRefOrAddDefault(_byBlock, endpoint.Parent, out _).Or(bits);
        }

        // Null when no access to a reachable type meets a fault: nothing is walked.
        private static ulong[]? Start(ImmutableArray<DeclaredFault> faults, Stage2Run[] runs)
        {
            var bits = new ulong[Words];
            foreach (var run in runs)
            {
                foreach (var (effective, _) in run.Reachable)
                {
                    foreach (var access in AccessModel.For(effective))
                    {
                        foreach (var fault in faults)
                        {
                            if (AccessModel.Meets(fault.Error, access))
                            {
                                Set(bits, PathWalker.Slot(fault.Error, access, effective));
                            }
                        }
                    }
                }
            }

            return bits.AsSpan().IndexOfAnyExcept(0UL) < 0 ? null : bits;
        }
    }

    private static void Set(ulong[] bits, int slot)
    {
        // Every access the model lists has a slot (PathWalker.Slot): an error of a fault, or one
        // a rule passes on, is never `any`.
        bits[slot >> 6] |= 1UL << (slot & 63);
    }

    /// <summary>A block on a route with the rest of the way to the CPU, and what reached it.</summary>
    private sealed class Node(IrBlock block, Node? towardCpu)
    {
        public IrBlock Block { get; } = block;

        public Node? TowardCpu { get; } = towardCpu;

        // A field, so that ORing into it changes this node's set, not a copy.
        public SharedBits Reached;
    }

    // Nodes by block and the node toward the CPU, both by reference.
    private sealed class NodeIdentity : IEqualityComparer<(IrBlock Block, Node? TowardCpu)>
    {
        public static readonly NodeIdentity Instance = new();

        public bool Equals((IrBlock Block, Node? TowardCpu) x, (IrBlock Block, Node? TowardCpu) y) =>
            ReferenceEquals(x.Block, y.Block) && ReferenceEquals(x.TowardCpu, y.TowardCpu);

        public int GetHashCode((IrBlock Block, Node? TowardCpu) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Block), key.TowardCpu is null ? 0 : RuntimeHelpers.GetHashCode(key.TowardCpu));
    }

    /// <summary>
    /// What a block passes on toward the CPU of what reached it, and the rules that took it: the
    /// same for alike blocks (<see cref="PathWalker.BehaviourComparer"/>) with the same arrivals
    /// at the same end of a route, so worked out once for them.
    /// </summary>
    private sealed class Passes
    {
        private readonly Dictionary<IrBlock, IrBlock> _behaviourOf = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<IrBlock, IrBlock> _behaviours = new(PathWalker.BehaviourComparer.Instance);
        private readonly Dictionary<Key, (ulong[]? Passed, int[] Winners)> _known = [];
        private readonly Dictionary<(IrBlock, bool, ulong[]), (ulong[]? Passed, int[] Winners)> _bySet = new(SetIdentity.Instance);

        public (ulong[]? Passed, int[] Winners) Of(IrBlock block, bool lastHop, ulong[] reached)
        {
            if (!_behaviourOf.TryGetValue(block, out var behaviour))
            {
                if (!_behaviours.TryGetValue(block, out behaviour))
                {
                    _behaviours[block] = behaviour = block;
                }

                _behaviourOf[block] = behaviour;
            }

            // Arrivals are often the very set another node had (shared, see SharedBits): found by
            // reference before they are compared by value.
            if (!_bySet.TryGetValue((behaviour, lastHop, reached), out var known))
            {
                var key = new Key(behaviour, lastHop, reached);
                if (!_known.TryGetValue(key, out known))
                {
                    _known[key] = known = Work(behaviour, lastHop, reached);
                }

                _bySet[(behaviour, lastHop, reached)] = known;
            }

            return known;
        }

        // The rules are the behaviour's first block's: an alike block's rules match and produce
        // the same, index for index, so the winners' indices are its own rules' too.
        private static (ulong[]? Passed, int[] Winners) Work(IrBlock block, bool lastHop, ulong[] reached)
        {
            ulong[]? passed = null;
            var winners = new List<int>();
            for (var word = 0; word < reached.Length; word++)
            {
                for (var rest = reached[word]; rest != 0; rest &= rest - 1)
                {
                    var (error, access, type) = PathWalker.Unslot((word * 64) + BitOperations.TrailingZeroCount(rest));
                    var winner = PathWalker.FirstMatching(block.Rules, error, access, type);
                    if (winner < 0)
                    {
                        continue; // no rule: the walk ends here (RASDL2002)
                    }

                    if (!winners.Contains(winner))
                    {
                        winners.Add(winner);
                    }

                    var rule = block.Rules[winner];
                    if (PathWalker.EndOf(rule, error, access, block.Kind, lastHop) is null)
                    {
                        Set(passed ??= new ulong[Words], PathWalker.Slot(PathWalker.NextError(rule, error), access, type));
                    }
                }
            }

            return (passed, [.. winners]);
        }

        private sealed class SetIdentity : IEqualityComparer<(IrBlock, bool, ulong[])>
        {
            public static readonly SetIdentity Instance = new();

            public bool Equals((IrBlock, bool, ulong[]) x, (IrBlock, bool, ulong[]) y) =>
                ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2 && ReferenceEquals(x.Item3, y.Item3);

            public int GetHashCode((IrBlock, bool, ulong[]) key) =>
                HashCode.Combine(RuntimeHelpers.GetHashCode(key.Item1), key.Item2, RuntimeHelpers.GetHashCode(key.Item3));
        }

        // A behaviour, the end of a route or not, and the arrivals, by value.
        private readonly struct Key(IrBlock behaviour, bool lastHop, ulong[] reached) : IEquatable<Key>
        {
            private readonly IrBlock _behaviour = behaviour;
            private readonly bool _lastHop = lastHop;
            private readonly ulong[] _reached = reached;

            public bool Equals(Key other) =>
                ReferenceEquals(_behaviour, other._behaviour) && _lastHop == other._lastHop && _reached.AsSpan().SequenceEqual(other._reached);

            public override bool Equals(object? obj) => obj is Key other && Equals(other);

            public override int GetHashCode()
            {
                var hash = new HashCode();
                hash.Add(RuntimeHelpers.GetHashCode(_behaviour));
                hash.Add(_lastHop);
                foreach (var word in _reached)
                {
                    hash.Add(word);
                }

                return hash.ToHashCode();
            }
        }
    }
}
