using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>What a region's explanation needs, chosen from the verdict memo instead of from every path.</summary>
internal sealed partial class ContainmentEngine
{
    /// <summary>
    /// For <see cref="RegionExplanation"/>: per fault, in the order the paths first meet it, the
    /// first of its worst paths (in route, effective type, access order), explained; per route,
    /// the worst verdict of its paths. The same choice as taking every path of
    /// <see cref="AllPaths"/> in order, but a path's verdict comes from the memo the run filled
    /// (per route entry, effective type and fault), so it costs a few lookups per route and type,
    /// and a witness is built only for each fault's chosen path. The words are made once for
    /// every endpoint alike below one block (see <see cref="ChoiceKey"/>): they depend on the
    /// paths' walks, never on which endpoint's `faults` line a fault is on; the choice once for
    /// every block whose routes are alike (see <see cref="RouteShape"/>).
    /// </summary>
    public (ImmutableArray<FaultExplanation> Faults, ImmutableArray<RouteResult> Routes) Explanation(
        IrEndpoint endpoint, Stage2Attribute stage2, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor, string hypervisorName)
    {
        if (!endpoint.FaultsDeclared || reachable.IsEmpty)
        {
            return ([], []);
        }

        lock (_gate)
        {
            var choice = WorstChoice(endpoint, stage2, reachable, hypervisor);
            if (choice.Faults is { } known && choice.HypervisorName == hypervisorName)
            {
                return (known, choice.Routes);
            }

            // A path's explanation is kept per walk, access, fault, cpu and hypervisor, which decide
            // every word of it (the endpoints below one block share their walks): a witness is
            // built only for a path not yet explained.
            var routes = _routesTo[endpoint.Parent];
            var faults = ImmutableArray.CreateBuilder<FaultExplanation>(choice.Paths.Length);
            foreach (var path in choice.Paths)
            {
                var route = routes[path.Route];
                var (effective, stage1) = reachable[path.Type];
                var fault = endpoint.Faults[path.Fault];
                var entry = Walker.Entry(route);
                var key = (Walker.Walk(entry, fault.Error, path.Access, effective), path.Access, fault.Error, route.Cpu, hypervisor, hypervisorName);
                if (!_explained.TryGetValue(key, out var explained))
                {
                    _explained[key] = explained = RegionExplanation.Explain(MakeWitness(entry, route, stage1, effective, path.Access, fault, hypervisor), hypervisorName);
                }

                faults.Add(explained);
            }

            (choice.Faults, choice.HypervisorName) = (faults.MoveToImmutable(), hypervisorName);
            return (choice.Faults.Value, choice.Routes);
        }
    }

    /// <summary>The paths <see cref="Explanation"/> explains, in its order, each with the endpoint's own declared fault.</summary>
    public ImmutableArray<Witness> WorstPaths(
        IrEndpoint endpoint, Stage2Attribute stage2, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor)
    {
        if (!endpoint.FaultsDeclared || reachable.IsEmpty)
        {
            return [];
        }

        lock (_gate)
        {
            return Build(endpoint, reachable, hypervisor, WorstChoice(endpoint, stage2, reachable, hypervisor).Paths);
        }
    }

    private WorstPathChoice WorstChoice(IrEndpoint endpoint, Stage2Attribute stage2, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor)
    {
        // The paths and the routes' verdicts are the same below every block whose routes are
        // alike (RouteShape); the routes they name and the explanations' words are the block's own.
        var key = ChoiceKey.For(endpoint, stage2, hypervisor);
        if (key is null || !_worstChoices.TryGetValue(key.Value, out var choice))
        {
            var shared = SharedChoiceKey(endpoint, stage2, hypervisor);
            if (shared is null || !_worstPaths.TryGetValue(shared.Value, out var worst))
            {
                worst = ChooseWorst(endpoint, reachable, hypervisor);
                if (shared is not null)
                {
                    _worstPaths[shared.Value] = worst;
                }
            }

            var routes = worst.RouteVerdicts.Length == 0 ? [] : _routesTo[endpoint.Parent];
            var results = ImmutableArray.CreateBuilder<RouteResult>(worst.RouteVerdicts.Length);
            for (var r = 0; r < worst.RouteVerdicts.Length; r++)
            {
                results.Add(new RouteResult(routes[r], worst.RouteVerdicts[r], platform.LocationOf(routes[r].Place)));
            }

            choice = new WorstPathChoice(worst.Paths, results.MoveToImmutable());
            if (key is not null)
            {
                _worstChoices[key.Value] = choice;
            }
        }

        return choice;
    }

    private readonly Dictionary<ChoiceKey, WorstPathChoice> _worstChoices = [];
    private readonly Dictionary<ChoiceKey, (PathChoice[] Paths, ContainmentVerdict[] RouteVerdicts)> _worstPaths = [];

    /// <summary>Per fault its worst path, per route its verdict, and (once asked for) the faults' explanations.</summary>
    private sealed class WorstPathChoice(PathChoice[] paths, ImmutableArray<RouteResult> routes)
    {
        public PathChoice[] Paths { get; } = paths;

        public ImmutableArray<RouteResult> Routes { get; } = routes;

        public ImmutableArray<FaultExplanation>? Faults { get; set; }

        public string? HypervisorName { get; set; }
    }

    private (PathChoice[] Paths, ContainmentVerdict[] RouteVerdicts) ChooseWorst(
        IrEndpoint endpoint, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor)
    {
        var routes = _routesTo[endpoint.Parent];
        var faults = endpoint.Faults;

        // Each distinct error (its first declaration) and where the path order first meets it:
        // the first effective type, then the first access, that it can meet.
        var order = new List<(int Type, int Access, int Fault)>();
        for (var f = 0; f < faults.Length; f++)
        {
            var error = faults[f].Error;
            if (faults.IndexOf(faults[f], 0, f, FaultError.Instance) >= 0)
            {
                continue;
            }

            var first = FirstMeeting(reachable, error);
            if (first is { } at)
            {
                order.Add((at.Type, at.Access, f));
            }
        }

        if (order.Count == 0 || routes.IsEmpty)
        {
            return ([], []);
        }

        order.Sort();
        var worst = new List<PathChoice>(order.Count);
        foreach (var (_, _, f) in order)
        {
            var fault = faults[f];
            var verdict = ContainmentVerdict.ContainedInDevice;
            (int Route, int Type)? chosen = null;
            for (var r = 0; r < routes.Length; r++)
            {
                var entry = Walker.Entry(routes[r]);
                for (var t = 0; t < reachable.Length; t++)
                {
                    if (!MeetsAny(reachable[t].Effective, fault.Error))
                    {
                        continue;
                    }

                    var typeVerdict = FaultVerdict(entry, routes[r].Cpu, reachable[t].Effective, fault.Error, hypervisor);
                    if (chosen is null || typeVerdict > verdict)
                    {
                        (verdict, chosen) = (typeVerdict, (r, t));
                    }
                }
            }

            // Within the chosen route and type, the first access whose path has that verdict.
            var (route, type) = chosen!.Value;
            var effective = reachable[type].Effective;
            var node = Walker.Entry(routes[route]);
            foreach (var access in AccessModel.For(effective))
            {
                if (AccessModel.Meets(fault.Error, access)
                    && Judge(Walker.WalkEnd(node, fault.Error, access, effective), access, routes[route].Cpu, hypervisor) == verdict)
                {
                    worst.Add(new PathChoice(route, type, access, f));
                    break;
                }
            }
        }

        var routeVerdicts = new ContainmentVerdict[routes.Length];
        for (var r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            var entry = Walker.Entry(route);
            var verdict = ContainmentVerdict.ContainedInDevice;
            foreach (var (effective, _) in reachable)
            {
                foreach (var (_, _, f) in order)
                {
                    if (MeetsAny(effective, faults[f].Error))
                    {
                        var faultVerdict = FaultVerdict(entry, route.Cpu, effective, faults[f].Error, hypervisor);
                        verdict = faultVerdict > verdict ? faultVerdict : verdict;
                    }
                }
            }

            routeVerdicts[r] = verdict;
        }

        return ([.. worst], routeVerdicts);
    }

    private readonly Dictionary<(PathWalk, GuestAccess, ErrorKind, IrBlock, IrHypervisor, string), FaultExplanation> _explained = new(ExplainedKey.Instance);

    // By reference: walks, accesses and blocks are unique objects (a record's value equality would hash whole rule lists).
    private sealed class ExplainedKey : IEqualityComparer<(PathWalk Walk, GuestAccess Access, ErrorKind Error, IrBlock Cpu, IrHypervisor Hypervisor, string Name)>
    {
        public static readonly ExplainedKey Instance = new();

        public bool Equals((PathWalk Walk, GuestAccess Access, ErrorKind Error, IrBlock Cpu, IrHypervisor Hypervisor, string Name) x, (PathWalk Walk, GuestAccess Access, ErrorKind Error, IrBlock Cpu, IrHypervisor Hypervisor, string Name) y) =>
            ReferenceEquals(x.Walk, y.Walk) && ReferenceEquals(x.Access, y.Access) && x.Error == y.Error && ReferenceEquals(x.Cpu, y.Cpu) && ReferenceEquals(x.Hypervisor, y.Hypervisor) && x.Name == y.Name;

        // The name goes with the hypervisor (a profile's): left out of the hash, which would read all of it.
        public int GetHashCode((PathWalk Walk, GuestAccess Access, ErrorKind Error, IrBlock Cpu, IrHypervisor Hypervisor, string Name) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Walk), RuntimeHelpers.GetHashCode(key.Access), key.Error, RuntimeHelpers.GetHashCode(key.Cpu), RuntimeHelpers.GetHashCode(key.Hypervisor));
    }

    // The worst verdict of any access to memory of one effective type that meets the fault:
    // from the run's memo when it has it (see Verdict), else walked the same way.
    private ContainmentVerdict FaultVerdict(PathWalker.RouteNode entry, IrBlock cpu, MemoryType effective, ErrorKind error, IrHypervisor hypervisor)
    {
        if ((uint)error < PathWalker.ErrorCount
            && _hypervisorIndex.TryGetValue(hypervisor, out var index)
            && entry.Verdicts is { } all && index < all.Length && all[index] is { } verdicts
            && verdicts[((int)effective * PathWalker.ErrorCount) + (int)error] is > 0 and var memo)
        {
            return (ContainmentVerdict)(memo - 1);
        }

        var verdict = ContainmentVerdict.ContainedInDevice;
        foreach (var access in AccessModel.For(effective))
        {
            if (AccessModel.Meets(error, access))
            {
                var pathVerdict = Judge(Walker.WalkEnd(entry, error, access, effective), access, cpu, hypervisor);
                verdict = pathVerdict > verdict ? pathVerdict : verdict;
            }
        }

        return verdict;
    }

    private static (int Type, int Access)? FirstMeeting(ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, ErrorKind error)
    {
        for (var t = 0; t < reachable.Length; t++)
        {
            var accesses = AccessModel.For(reachable[t].Effective);
            for (var a = 0; a < accesses.Length; a++)
            {
                if (AccessModel.Meets(error, accesses[a]))
                {
                    return (t, a);
                }
            }
        }

        return null;
    }

    private static bool MeetsAny(MemoryType effective, ErrorKind error)
    {
        foreach (var access in AccessModel.For(effective))
        {
            if (AccessModel.Meets(error, access))
            {
                return true;
            }
        }

        return false;
    }

    // Declared faults compared by their error alone: the paths of a second `ur` are the first's.
    private sealed class FaultError : IEqualityComparer<DeclaredFault>
    {
        public static readonly FaultError Instance = new();

        public bool Equals(DeclaredFault? x, DeclaredFault? y) => x?.Error == y?.Error;

        public int GetHashCode(DeclaredFault obj) => (int)obj.Error;
    }
}
