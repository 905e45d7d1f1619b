using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Syntax;
using Rasdl.Intermediate;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Which paths a run's witnesses and explanation show depends only on the block the endpoint
/// sits under (its routes), the stage-2 attribute, the hypervisor and the errors the endpoint
/// declares, never on the endpoint itself: the choice is made once for every endpoint alike
/// (the eight functions below one root port), and each endpoint's witnesses are then built from
/// it with its own declared faults.
/// </summary>
internal sealed partial class ContainmentEngine
{
    private readonly Dictionary<ChoiceKey, PathChoice[]> _witnessChoices = [];

    /// <summary>One path of a run: the route's and effective type's places in their lists, the access, and the fault's place in the endpoint's `faults`.</summary>
    internal readonly record struct PathChoice(int Route, int Type, GuestAccess Access, int Fault);

    private readonly Dictionary<(WalkSummary, GuestAccess, IrBlock, IrHypervisor), ImmutableArray<Judgement>> _judgements = new(JudgementKey.Instance);

    /// <summary>
    /// <see cref="Judgements"/> of a walk, kept per walk summary (how it ended, what its last rule
    /// answered, the error that reached it, the signals raised), access, cpu and hypervisor,
    /// which decide them: a report builds a witness for every fault of every region, and the
    /// walks of alike blocks end alike.
    /// </summary>
    private ImmutableArray<Judgement> JudgementsOf(in WalkSummary summary, GuestAccess access, IrBlock cpu, IrHypervisor hypervisor)
    {
        var key = (summary, access, cpu, hypervisor);
        if (!_judgements.TryGetValue(key, out var known))
        {
            _judgements[key] = known = Judgements(summary, access, cpu, hypervisor);
        }

        return known;
    }

    // The summary by value; accesses, blocks and hypervisors by reference (they are unique objects).
    private sealed class JudgementKey : IEqualityComparer<(WalkSummary Summary, GuestAccess Access, IrBlock Cpu, IrHypervisor Hypervisor)>
    {
        public static readonly JudgementKey Instance = new();

        public bool Equals((WalkSummary Summary, GuestAccess Access, IrBlock Cpu, IrHypervisor Hypervisor) x, (WalkSummary Summary, GuestAccess Access, IrBlock Cpu, IrHypervisor Hypervisor) y) =>
            x.Summary == y.Summary && ReferenceEquals(x.Access, y.Access) && ReferenceEquals(x.Cpu, y.Cpu) && ReferenceEquals(x.Hypervisor, y.Hypervisor);

        public int GetHashCode((WalkSummary Summary, GuestAccess Access, IrBlock Cpu, IrHypervisor Hypervisor) key) =>
            HashCode.Combine(key.Summary, RuntimeHelpers.GetHashCode(key.Access), RuntimeHelpers.GetHashCode(key.Cpu), RuntimeHelpers.GetHashCode(key.Hypervisor));
    }

    private readonly Dictionary<ChoiceKey, ImmutableArray<Witness>> _alikeWitnesses = [];

    /// <summary>
    /// A run's witnesses as built for the first endpoint alike (see <see cref="ChoiceKey"/>):
    /// the same as <see cref="Witnesses"/> in everything but which endpoint's `faults` line each
    /// <see cref="Witness.Fault"/> is on, for outputs that show only the error (the text report
    /// writes one per region, and regions alike would otherwise each build their own).
    /// </summary>
    public ImmutableArray<Witness> AlikeWitnesses(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            var key = ChoiceKey.For(endpoint, run.Stage2, hypervisor);
            if (key is null)
            {
                return run.Witnesses;
            }

            if (!_alikeWitnesses.TryGetValue(key.Value, out var witnesses))
            {
                _alikeWitnesses[key.Value] = witnesses = run.Witnesses;
            }

            return witnesses;
        }
    }

    private readonly Dictionary<ChoiceKey, Witness?> _firstAlikeWitness = [];

    /// <summary>The first of <see cref="AlikeWitnesses"/> (null when there is none), building only it.</summary>
    public Witness? FirstAlikeWitness(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            var key = ChoiceKey.For(endpoint, run.Stage2, hypervisor);
            if (key is null)
            {
                return run.Witnesses.FirstOrDefault();
            }

            if (_alikeWitnesses.TryGetValue(key.Value, out var all))
            {
                return all.FirstOrDefault();
            }

            if (!_firstAlikeWitness.TryGetValue(key.Value, out var first))
            {
                var choice = ChosenWitnessPaths(endpoint, run, hypervisor);
                _firstAlikeWitness[key.Value] = first = choice.Length == 0 ? null : Build(endpoint, run.Reachable, hypervisor, choice.AsSpan(0, 1))[0];
            }

            return first;
        }
    }

    /// <summary>
    /// <see cref="Witness.Culprit"/> of a path whose verdict comes from a signal (its response
    /// alone is judged better), without building the witness: the first step, from the device
    /// toward the CPU, whose rule raises a signal the hypervisor judges as badly as the path.
    /// Witnesses are chosen among every path of a run, and on a platform whose root ports
    /// signal AER nearly every path's verdict comes from a signal.
    /// </summary>
    private Place SignalCulprit(PathWalker.RouteNode entry, in WalkSummary summary, ErrorKind error, GuestAccess access, MemoryType effective, IrHypervisor hypervisor, ContainmentVerdict verdict)
    {
        var deciding = 0;
        for (var signals = summary.Signals; signals != 0; signals &= signals - 1)
        {
            var irq = (IrqKind)System.Numerics.BitOperations.TrailingZeroCount(signals);
            if (Resolve(hypervisor, OutcomeKind.Irq, null, irq, null).Verdict == verdict)
            {
                deciding |= IrRule.SignalBit(irq);
            }
        }

        var walk = Walker.Walk(entry, error, access, effective);
        return (walk.FirstSignalling(deciding) ?? walk.Culprit).Place;
    }

    private ImmutableArray<Witness> Build(IrEndpoint endpoint, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor, ReadOnlySpan<PathChoice> choice)
    {
        var routes = _routesTo[endpoint.Parent];
        var witnesses = ImmutableArray.CreateBuilder<Witness>(choice.Length);
        foreach (var path in choice)
        {
            var route = routes[path.Route];
            var (effective, stage1) = reachable[path.Type];
            witnesses.Add(MakeWitness(Walker.Entry(route), route, stage1, effective, path.Access, endpoint.Faults[path.Fault], hypervisor));
        }

        return witnesses.MoveToImmutable();
    }

    /// <summary>
    /// The endpoint's parent block (or, for the choices alike blocks share, its
    /// <see cref="RouteShape"/>), stage 2, hypervisor and declared errors in order (packed); null
    /// when they do not fit the packing.
    /// </summary>
    internal readonly struct ChoiceKey : IEquatable<ChoiceKey>
    {
        private readonly object _owner;
        private readonly IrHypervisor _hypervisor;
        private readonly Stage2Attribute _stage2;
        private readonly ulong _errors;

        private ChoiceKey(object owner, IrHypervisor hypervisor, Stage2Attribute stage2, ulong errors) =>
            (_owner, _hypervisor, _stage2, _errors) = (owner, hypervisor, stage2, errors);

        /// <summary>Keyed by the block itself: for what is built from the block's own routes, rules and places (witnesses, route results, explanations).</summary>
        public static ChoiceKey? For(IrEndpoint endpoint, Stage2Attribute stage2, IrHypervisor hypervisor) => For(endpoint.Parent, endpoint, stage2, hypervisor);

        public static ChoiceKey? For(object owner, IrEndpoint endpoint, Stage2Attribute stage2, IrHypervisor hypervisor)
        {
            // Four bits an error, after four bits of count: fifteen faults at most.
            var faults = endpoint.Faults;
            if (!endpoint.FaultsDeclared || faults.Length > 15)
            {
                return null;
            }

            var errors = (ulong)faults.Length;
            for (var i = 0; i < faults.Length; i++)
            {
                if ((uint)faults[i].Error >= 16)
                {
                    return null;
                }

                errors |= (ulong)faults[i].Error << (4 * (i + 1));
            }

            return new ChoiceKey(owner, hypervisor, stage2, errors);
        }

        public bool Equals(ChoiceKey other) =>
            ReferenceEquals(_owner, other._owner) && ReferenceEquals(_hypervisor, other._hypervisor) && _stage2 == other._stage2 && _errors == other._errors;

        public override bool Equals(object? obj) => obj is ChoiceKey other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(_owner), RuntimeHelpers.GetHashCode(_hypervisor), _stage2, _errors);
    }

    private readonly Dictionary<IrBlock, object> _shapeOf = new(BlockIdentity);
    private readonly Dictionary<RouteShape, RouteShape> _shapes = [];
    private readonly Dictionary<Place, int> _placeIndex = [];

    /// <summary>
    /// The key under which blocks whose routes are alike share a choice of paths
    /// (<see cref="Witnesses"/>, <see cref="WorstChoice"/>): see <see cref="ShapeOf"/>.
    /// </summary>
    private ChoiceKey? SharedChoiceKey(IrEndpoint endpoint, Stage2Attribute stage2, IrHypervisor hypervisor) =>
        ChoiceKey.For(ShapeOf(endpoint.Parent), endpoint, stage2, hypervisor);

    /// <summary>
    /// What blocks whose routes are alike share their choices under (the choices above and
    /// <see cref="CompletionTimeoutAnsweredWithAllOnes"/>), compared by reference: one
    /// <see cref="RouteShape"/> for every block with the same shape, or the block itself when no
    /// route reaches it.
    /// </summary>
    private object ShapeOf(IrBlock parent)
    {
        if (_shapeOf.TryGetValue(parent, out var known))
        {
            return known;
        }

        object shape = parent;
        if (_routesTo.TryGetValue(parent, out var routes))
        {
            var nodes = new object[routes.Length * 2];
            var places = new List<int>();
            _placeIndex.Clear();
            for (var r = 0; r < routes.Length; r++)
            {
                var entry = Walker.Entry(routes[r]);
                (nodes[2 * r], nodes[(2 * r) + 1]) = (entry.Shared, routes[r].Cpu);
                for (var node = entry; node is not null; node = node.TowardCpu)
                {
                    places.Add(IndexOf(node.Block.Place));
                    foreach (var rule in node.Block.Rules)
                    {
                        places.Add(IndexOf(rule.Place));
                    }
                }
            }

            var made = new RouteShape(nodes, [.. places]);
            if (!_shapes.TryGetValue(made, out var existing))
            {
                _shapes[made] = existing = made;
            }

            shape = existing;
        }

        return _shapeOf[parent] = shape;

        // The first place equal to this one: culprits are told apart by place.
        int IndexOf(Place place)
        {
            if (!_placeIndex.TryGetValue(place, out var index))
            {
                _placeIndex[place] = index = _placeIndex.Count;
            }

            return index;
        }
    }

    /// <summary>
    /// What the choice of a run's witnesses and worst paths sees of the routes to an endpoint's
    /// block. Per route, in order: the shared node its errors enter (<see cref="PathWalker.SharedNode"/>:
    /// alike behaviours all the way to the CPU, so every walk ends alike and takes the same rules,
    /// index for index) and its cpu (whose claims the host's judgement reads). Then, for every
    /// place a culprit can be (each block from the entry toward the CPU, then each of its rules),
    /// the first place with the same source location: the witness choice groups paths by their
    /// culprit's location, and a rule a block inherits from its base has the base's location,
    /// shared with every other block of that base. Blocks with equal shapes get the same choice,
    /// index for index (each then builds its witnesses with its own routes, blocks and faults).
    /// </summary>
    private sealed class RouteShape : IEquatable<RouteShape>
    {
        private readonly object[] _nodes;
        private readonly int[] _places;
        private readonly int _hash;

        public RouteShape(object[] nodes, int[] places)
        {
            (_nodes, _places) = (nodes, places);
            var hash = new HashCode();
            foreach (var node in nodes)
            {
                hash.Add(RuntimeHelpers.GetHashCode(node));
            }

            foreach (var place in places)
            {
                hash.Add(place);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(RouteShape? other)
        {
            if (other is null || other._hash != _hash || other._nodes.Length != _nodes.Length || !other._places.AsSpan().SequenceEqual(_places))
            {
                return false;
            }

            for (var i = 0; i < _nodes.Length; i++)
            {
                if (!ReferenceEquals(_nodes[i], other._nodes[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as RouteShape);

        public override int GetHashCode() => _hash;
    }
}
