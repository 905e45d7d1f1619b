using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// The containment engine's answer for a description: for every profile and assigned region,
/// the effective memory types a guest reaches, the verdict, the NORMAL_NC/DEVICE_nGnRE
/// differential and the witnesses; and the 2xxx diagnostics.
/// </summary>
public sealed class ContainmentAnalysis
{
    private ContainmentAnalysis(PlatformIr platform, ImmutableArray<ProfileResult> profiles, ImmutableArray<Diagnostic> diagnostics, int walks, ImmutableArray<ContainmentEngine> engines)
    {
        Walks = walks;
        SharedSteps = engines.Sum(e => e.Walker.SharedSteps);
        RunsWalked = engines.Sum(e => e.RunsMade.Walked);
        RunsKept = engines.Sum(e => e.RunsMade.Kept);
        Platform = platform;
        Profiles = profiles;
        Diagnostics = diagnostics;
        _resultsByRegion = new Lazy<ILookup<RegionSymbol, RegionResult>>(
            () => Profiles.SelectMany(p => p.Regions).ToLookup(r => r.Region, ReferenceEqualityComparer.Instance as IEqualityComparer<RegionSymbol>));
        KeptRuns = new KeptRuns(platform, engines);
    }

    private readonly Lazy<ILookup<RegionSymbol, RegionResult>> _resultsByRegion;

    public PlatformIr Platform { get; }

    /// <summary>Distinct (route position, error, access, type) places the analysed endpoints' errors reached (see <see cref="Arrivals"/>): a measure of the work.</summary>
    public int Walks { get; }

    /// <summary>Walk steps computed once for every set of alike route positions (see <see cref="PathWalker"/>).</summary>
    public int SharedSteps { get; }

    /// <summary>Runs (an endpoint under one stage-2 attribute and hypervisor) whose verdict was worked out by walking their paths.</summary>
    public int RunsWalked { get; }

    /// <summary>Runs whose verdict was kept from an earlier version's analysis, unwalked, because nothing it depends on changed (<see cref="KeptRuns"/>).</summary>
    public int RunsKept { get; }

    /// <summary>The verdicts of this analysis's runs, for the analysis of a later version to keep where nothing they depend on changed.</summary>
    internal KeptRuns KeptRuns { get; }

    public ImmutableArray<ProfileResult> Profiles { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The region's result under each profile, in profile order.</summary>
    public IEnumerable<RegionResult> ResultsFor(RegionSymbol region) => _resultsByRegion.Value[region];

    public ContainmentVerdict Verdict => Profiles.IsEmpty ? ContainmentVerdict.ContainedInDevice : Profiles.Max(p => p.Verdict);

    public static ContainmentAnalysis Analyze(SemanticModel model) => Analyze(Lowering.Lower(model));

    /// <summary>
    /// The diagnostics of profiles left incomplete (RASDL2011), without walking a path: while
    /// the description has a syntax or binding error they are the only containment
    /// diagnostics reported (see <see cref="KnockOnDiagnostics"/>), so an editor need not
    /// analyse a description that is being typed.
    /// </summary>
    public static ImmutableArray<Diagnostic> IncompleteProfiles(PlatformIr platform)
    {
        var engine = new ContainmentEngine(platform);
        return [.. platform.Profiles.SelectMany(p => engine.LeftOut(p).Select(left => ContainmentDiagnostics.Incomplete(left, p.Name)))];
    }

    /// <summary>
    /// Analyses every profile; a cancelled token stops it between regions (the engines are this
    /// call's own, so nothing half made is kept). A large description is split by assignment
    /// between engines that run at once (see <see cref="EnginesFor"/>).
    /// </summary>
    public static ContainmentAnalysis Analyze(PlatformIr platform, CancellationToken cancellationToken = default) =>
        Analyze(platform, EnginesFor(platform), null, cancellationToken);

    /// <summary>
    /// The analysis, walking only the runs whose verdict <paramref name="kept"/> (an earlier
    /// version's) cannot give: the answer is the one a whole analysis gives (see <see cref="KeptRuns"/>).
    /// </summary>
    internal static ContainmentAnalysis Analyze(PlatformIr platform, KeptRuns? kept, CancellationToken cancellationToken = default) =>
        Analyze(platform, EnginesFor(platform), kept, cancellationToken);

    /// <summary>
    /// Assignments from which a description is split between two engines, each on its own core
    /// and with its own memo: below it, starting a thread costs more than the half it saves.
    /// </summary>
    internal const int SplitFrom = 512;

    /// <summary>
    /// Two engines on a machine with two or more cores for a description of <see cref="SplitFrom"/>
    /// assignments or more, else one. Not more: each engine walks the routes toward the CPU
    /// again and keeps its own memo, so each adds memory.
    /// </summary>
    internal static int EnginesFor(PlatformIr platform) =>
        Environment.ProcessorCount > 1 && platform.Assignments.Length >= SplitFrom ? 2 : 1;

    /// <summary>
    /// Two engines' share of the assignments, decided as they go: the first takes chunks from
    /// the front, the second from the back, until they meet. Each engine's assignments stay
    /// consecutive (the text report's other core relies on that, see <see cref="OtherCores"/>),
    /// and an engine whose half holds the harder endpoints does fewer of them.
    /// </summary>
    private sealed class TwoEnded(int count)
    {
        // Small enough that the two finish within a chunk's time of each other, large enough
        // that taking one is rare (a lock each).
        private const int Chunk = 16;
        private readonly Lock _gate = new();
        private int _front;
        private int _back = count;

        public (ImmutableArray<RegionResult> Regions, ImmutableArray<LeftOutRegion> LeftOut)[] Analyze(
            ContainmentEngine engine, ImmutableArray<IrProfile> profiles, bool fromFront, CancellationToken cancellationToken)
        {
            // Per chunk taken, per profile; put back in assignment order at the end.
            var chunks = new List<(ImmutableArray<RegionResult> Regions, ImmutableArray<LeftOutRegion> LeftOut)[]>();
            while (Take(fromFront) is var (from, to) && from < to)
            {
                chunks.Add([.. profiles.Select(p => engine.Analyze(p, from, to, cancellationToken))]);
            }

            if (!fromFront)
            {
                chunks.Reverse();
            }

            return [.. profiles.Select((_, p) => (
                chunks.SelectMany(c => c[p].Regions).ToImmutableArray(),
                chunks.SelectMany(c => c[p].LeftOut).ToImmutableArray()))];
        }

        private (int From, int To) Take(bool fromFront)
        {
            lock (_gate)
            {
                if (fromFront)
                {
                    var to = Math.Min(_front + Chunk, _back);
                    var taken = (_front, to);
                    _front = to;
                    return taken;
                }
                else
                {
                    var from = Math.Max(_back - Chunk, _front);
                    var taken = (from, _back);
                    _back = from;
                    return taken;
                }
            }
        }
    }

    /// <summary>
    /// The analysis with the assignments split into <paramref name="engines"/> runs of
    /// consecutive assignments, each analysed for every profile by an engine of its own, at
    /// once. The answer is the one engine's: a region's result depends only on its own
    /// endpoint's walks, the regions are put back in assignment order, and the dead-rule check
    /// takes what every region's runs bring to each block (see <see cref="Arrivals"/>). Two
    /// engines take the assignments in chunks, one from the front and one from the back, until
    /// they meet (<see cref="TwoEnded"/>), so neither waits for the other when its half is the
    /// harder one; more than two (tests) split them evenly.
    /// </summary>
    internal static ContainmentAnalysis Analyze(PlatformIr platform, int engines, CancellationToken cancellationToken) =>
        Analyze(platform, engines, null, cancellationToken);

    private static ContainmentAnalysis Analyze(PlatformIr platform, int engines, KeptRuns? kept, CancellationToken cancellationToken)
    {
        var parts = Math.Clamp(engines, 1, Math.Max(1, platform.Assignments.Length));
        var runs = new ContainmentEngine[parts];
        var found = new (ImmutableArray<RegionResult> Regions, ImmutableArray<LeftOutRegion> LeftOut)[parts][];
        var twoEnded = parts == 2 ? new TwoEnded(platform.Assignments.Length) : null;
        var routesTo = ContainmentEngine.RoutesToBlocks(platform);
        void Part(int part)
        {
            var engine = runs[part] = new ContainmentEngine(platform, kept, routesTo);
            if (twoEnded is not null)
            {
                found[part] = twoEnded.Analyze(engine, platform.Profiles, fromFront: part == 0, cancellationToken);
                return;
            }

            var (from, to) = (platform.Assignments.Length * part / parts, platform.Assignments.Length * (part + 1) / parts);
            found[part] = [.. platform.Profiles.Select(p => engine.Analyze(p, from, to, cancellationToken))];
        }

        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, Part);
        }
        catch (AggregateException failed)
        {
            // What went wrong, not the wrapper: a fault before a cancellation (which every part sees).
            ExceptionDispatchInfo.Throw(failed.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failed.InnerExceptions[0]);
        }

        foreach (var engine in runs)
        {
            engine.LetGoOfKeptRuns();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var unlowered = runs[0].Unlowered().ToImmutableArray();
        var profiles = platform.Profiles.Select((profile, p) => new ProfileResult(profile, [.. found.SelectMany(part => part[p].Regions)])
        {
            LeftOut = [.. unlowered, .. found.SelectMany(part => part[p].LeftOut)],
        }).ToImmutableArray();
        var arrivals = Arrivals.Of(platform, profiles);
        var diagnostics = new ContainmentDiagnostics(platform, arrivals, profiles, cancellationToken).Collect();
        return new ContainmentAnalysis(platform, profiles, diagnostics, arrivals.Walks, ImmutableCollectionsMarshal.AsImmutableArray(runs));
    }
}

/// <summary>Runs every assigned region of a profile under its stage-2 attribute and the two the differential compares.</summary>
internal sealed partial class ContainmentEngine(PlatformIr platform, KeptRuns? kept = null, Dictionary<IrBlock, ImmutableArray<IrRoute>>? routesTo = null)
{
    /// <summary>The platform analysed: its <see cref="PlatformIr.Placement"/> places what the engine found.</summary>
    internal PlatformIr Platform => platform;

    // IR elements are unique objects: every memo is keyed by reference, never by a record's deep value.
    private readonly Dictionary<RunKey, Stage2Run> _runs = [];
    private readonly Dictionary<IrHypervisor, int> _hypervisorIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Stage2Attribute, ImmutableArray<(MemoryType Effective, MemoryType Stage1)>> _reachable = [];
    private readonly Dictionary<IrHypervisor, Dictionary<int, Judgement>> _treatments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrBlock, ImmutableArray<IrRoute>> _routesTo = routesTo ?? RoutesToBlocks(platform);

    /// <summary>The routes to each block that endpoints sit under, in the order written: the same for every engine of an analysis, so made once for them.</summary>
    internal static Dictionary<IrBlock, ImmutableArray<IrRoute>> RoutesToBlocks(PlatformIr platform)
    {
        var routesTo = new Dictionary<IrBlock, ImmutableArray<IrRoute>>(platform.Routes.Length, BlockIdentity);
        foreach (var route in platform.Routes)
        {
            // Most blocks have one route: a second is added by a copy.
            ref var routes = ref CollectionsMarshal.GetValueRefOrAddDefault(routesTo, route.Last, out var known);
            routes = known ? routes.Add(route) : [route];
        }

        return routesTo;
    }

    private static readonly IEqualityComparer<IrBlock> BlockIdentity = ReferenceEqualityComparer.Instance;

    // Witnesses are built on first use, after every walk they need is memoised; the lock keeps
    // two threads (a language server's handlers) from touching the memo tables at once.
    private readonly object _gate = new();

    public PathWalker Walker { get; } = new();

    // An earlier version's verdicts, when they were found on a platform with the same features
    // and firmware: a run whose endpoint, attribute, hypervisor and routes are the ones it had
    // keeps its verdict, unwalked. Let go of once the analysis is made (LetGoOfKeptRuns).
    private KeptRuns? _kept = kept is not null && kept.Fits(platform) ? kept : null;

    /// <summary>Runs whose verdict was worked out by walking, and runs kept from an earlier version without walking.</summary>
    public (int Walked, int Kept) RunsMade => (_walkedRuns, _keptRuns);

    private int _walkedRuns;
    private int _keptRuns;

    /// <summary>
    /// The verdict of a run this engine made, if it made it: for a later version's analysis to
    /// keep (see <see cref="KeptRuns"/>). Read without a lock: runs are made only while the
    /// engine analyses (<see cref="Analyze"/>), and a later version's analysis asks after this
    /// one's is made.
    /// </summary>
    internal ContainmentVerdict? VerdictOf(RunKey run) => _runs.TryGetValue(run, out var made) ? made.Verdict : null;

    /// <summary>Lets go of the earlier version's runs once this analysis is made: each version would otherwise keep the one before.</summary>
    internal void LetGoOfKeptRuns() => _kept = null;

    /// <summary>The routes to each block that endpoints sit under, in the order written.</summary>
    internal IReadOnlyDictionary<IrBlock, ImmutableArray<IrRoute>> RoutesTo => _routesTo;

    private bool Fwb => platform.Has(Feature.Fwb);

    /// <summary>The regions of assignments [from, to) under the profile, and those it could not analyse (the unlowered ones aside: see <see cref="Unlowered"/>).</summary>
    public (ImmutableArray<RegionResult> Regions, ImmutableArray<LeftOutRegion> LeftOut) Analyze(IrProfile profile, int from, int to, CancellationToken cancellationToken = default)
    {
        var hypervisor = profile.Hypervisor;
        var regions = ImmutableArray.CreateBuilder<RegionResult>();
        var leftOut = ImmutableArray.CreateBuilder<LeftOutRegion>();

        // The seed's question: KVM's two choices for device memory (Linux KVM_S2_MEMATTR
        // picks the FWB encoding when FWB is in use).
        var normalNc = Stage2Table.ForPlatform(Stage2Attribute.NormalNC, Fwb)!.Value;
        var device = Stage2Table.ForPlatform(Stage2Attribute.DeviceNGnRE, Fwb)!.Value;
        for (var i = from; i < to; i++)
        {
            var assignment = platform.Assignments[i];
            cancellationToken.ThrowIfCancellationRequested();
            if (LeftOut(assignment, hypervisor, out var stage2) is { } left)
            {
                leftOut.Add(left);
                continue;
            }

            regions.Add(new RegionResult(
                assignment,
                profile.Name,
                hypervisor.Name,
                Fwb,
                Run(assignment.Endpoint, stage2, hypervisor),
                Run(assignment.Endpoint, normalNc, hypervisor),
                Run(assignment.Endpoint, device, hypervisor)));
        }

        return (regions.ToImmutable(), leftOut.ToImmutable());
    }

    /// <summary>The assigned regions a profile cannot analyse, and why, without analysing the others: what an incomplete profile's diagnostics need.</summary>
    public ImmutableArray<LeftOutRegion> LeftOut(IrProfile profile)
    {
        var leftOut = ImmutableArray.CreateBuilder<LeftOutRegion>();
        leftOut.AddRange(Unlowered());
        foreach (var assignment in platform.Assignments)
        {
            if (LeftOut(assignment, profile.Hypervisor, out _) is { } left)
            {
                leftOut.Add(left);
            }
        }

        return leftOut.ToImmutable();
    }

    /// <summary>The assignments lowering could not resolve: left out of every profile, before the others.</summary>
    public IEnumerable<LeftOutRegion> Unlowered() =>
        platform.UnloweredAssignments.Select(a => new LeftOutRegion(a.Name, a.Location, "its endpoint, region or the block the endpoint sits under did not resolve"));

    /// <summary>Whether <see cref="Analyze"/> gives a result for the assignment under the hypervisor (else it is left out), without walking a path.</summary>
    public bool Analyses(IrAssignment assignment, IrHypervisor hypervisor) => LeftOut(assignment, hypervisor, out _) is null;

    // No policy (RASDL1016), no encoding in this FWB mode (RASDL1017) or no route: not
    // analysed, and the profile says so (unknown is unsafe). Null when the region is analysed
    // under the stage-2 attribute given.
    private LeftOutRegion? LeftOut(IrAssignment assignment, IrHypervisor hypervisor, out Stage2Attribute stage2)
    {
        var policy = hypervisor.PolicyFor(assignment.Driver, platform.Features);
        var encoded = policy is null ? null : Stage2Table.ForPlatform(policy.Attribute, Fwb);
        stage2 = encoded ?? default;
        var reason = policy is null
            ? $"{hypervisor.Name} has no stage-2 policy for {Rasdl.Vocabulary.Vocabulary.Drivers.TextOf(assignment.Driver)}"
            : encoded is null
                ? $"{hypervisor.Name} maps it {Stage2Table.Name(policy.Attribute)}, which has no encoding {(Fwb ? "with" : "without")} FEAT_S2FWB"
                : !_routesTo.ContainsKey(assignment.Endpoint.Parent)
                    ? $"no route reaches {assignment.Endpoint.Parent.Name}, the block {assignment.Endpoint.Name} sits under"
                    : null;
        return reason is null ? null : new LeftOutRegion(assignment.Region.QualifiedName, platform.LocationOf(assignment.Place), reason);
    }

    /// <summary>
    /// The endpoint's worst verdict under one stage-2 attribute. Endpoints below the same block
    /// share the work: the verdict is memoised per route entry, effective type, hypervisor and
    /// fault, and the walks beneath it per route position.
    /// </summary>
    private Stage2Run Run(IrEndpoint endpoint, Stage2Attribute stage2, IrHypervisor hypervisor)
    {
        var key = new RunKey(endpoint, stage2, hypervisor);
        if (_runs.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_reachable.TryGetValue(stage2, out var reachable))
        {
            _reachable[stage2] = reachable = Stage2Table.Reachable(stage2);
        }

        if (_kept?.VerdictOf(key, _routesTo) is { } keptVerdict)
        {
            _keptRuns++;
            return _runs[key] = new Stage2Run(stage2, reachable, keptVerdict, this, endpoint, hypervisor);
        }

        _walkedRuns++;

        // An endpoint that does not say what it can produce: nothing is known, so unsafe.
        var verdict = endpoint.FaultsDeclared || reachable.IsEmpty ? ContainmentVerdict.ContainedInDevice : ContainmentVerdict.Uncontained;
        foreach (var route in endpoint.FaultsDeclared ? _routesTo[endpoint.Parent] : [])
        {
            var entry = Walker.Entry(route);
            foreach (var (effective, _) in reachable)
            {
                var pathVerdict = Verdict(entry, route.Cpu, effective, endpoint.Faults, hypervisor);
                if (pathVerdict > verdict)
                {
                    verdict = pathVerdict;
                }
            }
        }

        return _runs[key] = new Stage2Run(stage2, reachable, verdict, this, endpoint, hypervisor);
    }

    /// <summary>The worst verdict of any access to memory of one effective type failing with any of the faults.</summary>
    private ContainmentVerdict Verdict(PathWalker.RouteNode entry, IrBlock cpu, MemoryType effective, ImmutableArray<DeclaredFault> faults, IrHypervisor hypervisor)
    {
        // Memoised on the entry node, per hypervisor, effective type and fault: verdict + 1 (0: not yet).
        if (!_hypervisorIndex.TryGetValue(hypervisor, out var index))
        {
            _hypervisorIndex[hypervisor] = index = _hypervisorIndex.Count;
        }

        var all = entry.Verdicts ??= new byte[_hypervisorIndex.Count][];
        if (index >= all.Length)
        {
            Array.Resize(ref all, _hypervisorIndex.Count);
            entry.Verdicts = all;
        }

        var verdicts = all[index] ??= new byte[PathWalker.TypeCount * PathWalker.ErrorCount];
        var first = (int)effective * PathWalker.ErrorCount;
        var verdict = ContainmentVerdict.ContainedInDevice;
        var known = true;
        foreach (var fault in faults)
        {
            var memo = (uint)fault.Error < PathWalker.ErrorCount ? verdicts[first + (int)fault.Error] : 0;
            if (memo == 0)
            {
                known = false;
                break;
            }

            var faultVerdict = (ContainmentVerdict)(memo - 1);
            verdict = faultVerdict > verdict ? faultVerdict : verdict;
        }

        if (known)
        {
            return verdict;
        }

        // Walk in the order the witnesses list the paths (access, then fault): the first walk
        // through a block decides which earlier rule the dead-rule check names as shadowing.
        Span<ContainmentVerdict> perFault = faults.Length <= 16 ? stackalloc ContainmentVerdict[faults.Length] : new ContainmentVerdict[faults.Length];
        perFault.Clear();
        foreach (var access in AccessModel.For(effective))
        {
            for (var i = 0; i < faults.Length; i++)
            {
                if (!AccessModel.Meets(faults[i].Error, access))
                {
                    continue;
                }

                var pathVerdict = Judge(Walker.WalkEnd(entry, faults[i].Error, access, effective), access, cpu, hypervisor);
                if (pathVerdict > perFault[i])
                {
                    perFault[i] = pathVerdict;
                }
            }
        }

        verdict = ContainmentVerdict.ContainedInDevice;
        for (var i = 0; i < faults.Length; i++)
        {
            if ((uint)faults[i].Error < PathWalker.ErrorCount)
            {
                verdicts[first + (int)faults[i].Error] = (byte)(perFault[i] + 1);
            }

            verdict = perFault[i] > verdict ? perFault[i] : verdict;
        }

        return verdict;
    }

    /// <summary>Every path of a run that reached the CPU or worse, in route, type, access and fault order.</summary>
    public ImmutableArray<Witness> Paths(IrEndpoint endpoint, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            var paths = ImmutableArray.CreateBuilder<Witness>();
            foreach (var path in AllPaths(endpoint, reachable, hypervisor))
            {
                if (path.Verdict != ContainmentVerdict.ContainedInDevice)
                {
                    paths.Add(path);
                }
            }

            return paths.ToImmutable();
        }
    }

    /// <summary>Every path of a run, contained or not, in route, type, access and fault order (faults an access cannot meet are left out).</summary>
    public IEnumerable<Witness> AllPaths(IrEndpoint endpoint, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor)
    {
        foreach (var route in endpoint.FaultsDeclared ? _routesTo[endpoint.Parent] : [])
        {
            var entry = Walker.Entry(route);
            foreach (var (effective, stage1) in reachable)
            {
                foreach (var access in AccessModel.For(effective))
                {
                    foreach (var fault in endpoint.Faults)
                    {
                        if (AccessModel.Meets(fault.Error, access))
                        {
                            yield return MakeWitness(entry, route, stage1, effective, access, fault, hypervisor);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether some non-posted access that meets a completion timeout is answered with all-ones
    /// data (it stalls until the timer expires). The same for every block whose routes are alike
    /// (<see cref="RouteShape"/>): asked once for them per stage-2 attribute.
    /// </summary>
    public bool CompletionTimeoutAnsweredWithAllOnes(IrEndpoint endpoint, Stage2Attribute stage2, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable)
    {
        if (!endpoint.FaultsDeclared || !endpoint.Faults.Any(f => f.Error == ErrorKind.Cto))
        {
            return false;
        }

        lock (_gate)
        {
            var key = (ShapeOf(endpoint.Parent), stage2);
            if (!_stalls.TryGetValue(key, out var stalls))
            {
                _stalls[key] = stalls = AnsweredWithAllOnes(_routesTo[endpoint.Parent]);
            }

            return stalls;
        }

        bool AnsweredWithAllOnes(ImmutableArray<IrRoute> routes)
        {
            foreach (var route in routes)
            {
                var entry = Walker.Entry(route);
                foreach (var (effective, _) in reachable)
                {
                    foreach (var access in AccessModel.For(effective))
                    {
                        if (AccessModel.Meets(ErrorKind.Cto, access)
                            && Walker.WalkEnd(entry, ErrorKind.Cto, access, effective) is { End: PathEnd.Answered, Kind: OutcomeKind.AllOnes })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }

    private readonly Dictionary<(object Shape, Stage2Attribute Stage2), bool> _stalls = new(StallKey.Instance);

    // By reference: shapes are one object each, and blocks unique.
    private sealed class StallKey : IEqualityComparer<(object Shape, Stage2Attribute Stage2)>
    {
        public static readonly StallKey Instance = new();

        public bool Equals((object Shape, Stage2Attribute Stage2) x, (object Shape, Stage2Attribute Stage2) y) => ReferenceEquals(x.Shape, y.Shape) && x.Stage2 == y.Stage2;

        public int GetHashCode((object Shape, Stage2Attribute Stage2) key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Shape), key.Stage2);
    }

    private Witness MakeWitness(PathWalker.RouteNode entry, IrRoute route, MemoryType stage1, MemoryType effective, GuestAccess access, DeclaredFault fault, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            var walk = Walker.Walk(entry, fault.Error, access, effective);
            var judgements = JudgementsOf(Walker.WalkEnd(entry, fault.Error, access, effective), access, route.Cpu, hypervisor);
            var verdict = Combine(walk.End, judgements);
            return new Witness(stage1, effective, access, fault, route, walk, judgements, verdict) { Placement = platform.Placement };
        }
    }

    /// <summary>
    /// A run's witnesses (see <see cref="Stage2Run.Witnesses"/>), chosen in one pass over the
    /// paths without building a witness for every one: only each group's best becomes one. The
    /// choice is the same for every endpoint with the same faults below a block whose routes are
    /// alike (<see cref="RouteShape"/>), and is made once for them.
    /// </summary>
    public ImmutableArray<Witness> Witnesses(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            return Build(endpoint, run.Reachable, hypervisor, ChosenWitnessPaths(endpoint, run, hypervisor));
        }
    }

    // The paths Witnesses builds, chosen once for every block whose routes are alike.
    private PathChoice[] ChosenWitnessPaths(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        var key = SharedChoiceKey(endpoint, run.Stage2, hypervisor);
        if (key is null || !_witnessChoices.TryGetValue(key.Value, out var choice))
        {
            choice = ChooseWitnesses(endpoint, run, hypervisor);
            if (key is not null)
            {
                _witnessChoices[key.Value] = choice;
            }
        }

        return choice;
    }

    private PathChoice[] ChooseWitnesses(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        var choice = new WitnessChoice(run.NaturalType);
        PathsJudged(endpoint, run.Reachable, hypervisor, run.Verdict, ref choice);
        return [.. choice.Best.Select(b => b.Path)];
    }

    /// <summary>Of the paths given, grouped by error and culprit in the order first met, each group's with the fewest steps, preferring the natural type, then the first.</summary>
    private readonly struct WitnessChoice(MemoryType natural) : IJudgedPaths
    {
        public List<(ErrorKind Error, Syntax.Place Culprit, int Steps, bool Unnatural, PathChoice Path)> Best { get; } = [];

        public void Add(in JudgedPath path)
        {
            var best = Best;
            var unnatural = path.Effective != natural;
            var group = -1;
            for (var i = 0; i < best.Count && group < 0; i++)
            {
                if (best[i].Error == path.Error && best[i].Culprit == path.Culprit)
                {
                    group = i;
                }
            }

            if (group < 0 || JudgedPath.Replaces(path.Steps, unnatural, best[group].Steps, best[group].Unnatural))
            {
                var witness = (path.Error, path.Culprit, path.Steps, unnatural, path.Path);
                if (group < 0)
                {
                    best.Add(witness);
                }
                else
                {
                    best[group] = witness;
                }
            }
        }
    }

    /// <summary>Takes the paths <see cref="PathsJudged"/> finds, one at a time (a struct: no call through an interface).</summary>
    internal interface IJudgedPaths
    {
        void Add(in JudgedPath path);
    }

    /// <summary>
    /// The paths of a run whose verdict is <paramref name="verdict"/>, in route, type, access and
    /// fault order (the order of <see cref="AllPaths"/>), each with its length and culprit
    /// (<see cref="Witness.Culprit"/>), without building a witness: from the walk memo's summaries.
    /// </summary>
    private void PathsJudged<TPaths>(IrEndpoint endpoint, ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable, IrHypervisor hypervisor, ContainmentVerdict verdict, ref TPaths paths)
        where TPaths : struct, IJudgedPaths
    {
        var routes = _routesTo[endpoint.Parent];
        for (var r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            var entry = Walker.Entry(route);
            for (var t = 0; t < reachable.Length; t++)
            {
                var effective = reachable[t].Effective;
                foreach (var access in AccessModel.For(effective))
                {
                    for (var f = 0; f < endpoint.Faults.Length; f++)
                    {
                        var fault = endpoint.Faults[f];
                        if (!AccessModel.Meets(fault.Error, access))
                        {
                            continue;
                        }

                        var summary = Walker.WalkEnd(entry, fault.Error, access, effective);
                        if (Judge(summary, access, route.Cpu, hypervisor) != verdict)
                        {
                            continue;
                        }

                        var (steps, culprit) = Walker.WalkShape(entry, fault.Error, access, effective);
                        if (ResponseVerdict(summary, access, route.Cpu, hypervisor) != verdict)
                        {
                            // The verdict comes from a signal: its culprit is the rule that raised it.
                            culprit = SignalCulprit(entry, summary, fault.Error, access, effective, hypervisor, verdict);
                        }

                        paths.Add(new JudgedPath(new PathChoice(r, t, access, f), effective, fault.Error, steps, culprit, route, entry, summary));
                    }
                }
            }
        }
    }

    /// <summary>A path's verdict: the worst of its response's and of every signal it raised.</summary>
    private ContainmentVerdict Judge(in WalkSummary walk, GuestAccess access, IrBlock cpu, IrHypervisor hypervisor)
    {
        var verdict = ResponseVerdict(walk, access, cpu, hypervisor);
        for (var signals = walk.Signals; signals != 0 && verdict != ContainmentVerdict.Uncontained; signals &= signals - 1)
        {
            var irq = (IrqKind)System.Numerics.BitOperations.TrailingZeroCount(signals);
            var signal = Resolve(hypervisor, OutcomeKind.Irq, null, irq, null).Verdict;
            verdict = signal > verdict ? signal : verdict;
        }

        return verdict;
    }

    /// <summary>The verdict of what the access got back: answered in the device, a CPU outcome the host judges, or uncontained.</summary>
    private ContainmentVerdict ResponseVerdict(in WalkSummary walk, GuestAccess access, IrBlock cpu, IrHypervisor hypervisor) => walk.End switch
    {
        PathEnd.Answered => ContainmentVerdict.ContainedInDevice,
        PathEnd.CpuException => CpuOutcome(walk, access, cpu, hypervisor).Verdict,
        // A hang (written, or a non-posted access that never completes), a reset, no rule, an
        // error passed beyond the CPU, or a description error: uncontained.
        _ => ContainmentVerdict.Uncontained,
    };

    /// <summary>Every decision the host makes about a path: its CPU outcome (if it reached one) and each signal, for witnesses.</summary>
    private ImmutableArray<Judgement> Judgements(in WalkSummary walk, GuestAccess access, IrBlock cpu, IrHypervisor hypervisor)
    {
        var judgements = ImmutableArray.CreateBuilder<Judgement>();
        if (walk.End == PathEnd.CpuException)
        {
            judgements.Add(CpuOutcome(walk, access, cpu, hypervisor));
        }

        for (var signals = walk.Signals; signals != 0; signals &= signals - 1)
        {
            var irq = (IrqKind)System.Numerics.BitOperations.TrailingZeroCount(signals);
            judgements.Add(Resolve(hypervisor, OutcomeKind.Irq, null, irq, null));
        }

        return judgements.ToImmutable();
    }

    private static ContainmentVerdict Combine(PathEnd end, ImmutableArray<Judgement> judgements)
    {
        var verdict = end switch
        {
            PathEnd.Answered or PathEnd.CpuException => ContainmentVerdict.ContainedInDevice,
            _ => ContainmentVerdict.Uncontained,
        };
        foreach (var judgement in judgements)
        {
            verdict = judgement.Verdict > verdict ? judgement.Verdict : verdict;
        }

        return verdict;
    }

    /// <summary>
    /// How the host treats the CPU outcome a walk ended in. An SEA is synchronous. An SError is
    /// judged in guest context when the access is one the vCPU waits for, when the core claims
    /// it, or when it comes from poisoned data (deferred to the load that consumes it); otherwise
    /// it may be taken in host context too, and the worse of the two treatments applies
    /// (DOMAIN 5: arch/arm64/kvm/hyp/entry.S __guest_exit, handle_exit.c
    /// kvm_handle_guest_serror(), traps.c do_serror()).
    /// </summary>
    private Judgement CpuOutcome(in WalkSummary walk, GuestAccess access, IrBlock cpu, IrHypervisor hypervisor)
    {
        if (walk.Kind != OutcomeKind.SError)
        {
            // An SEA is synchronous: taken on the guest's own instruction.
            return Resolve(hypervisor, walk.Kind!.Value, walk.Severity, null, ErrorContext.Guest);
        }

        var inGuest = Resolve(hypervisor, OutcomeKind.SError, walk.Severity, null, ErrorContext.Guest);
        // Poisoned data that reaches the core on a read waits for the load that consumes it:
        // the guest's. (Poison on a write's response is an error response like any other.)
        if ((walk.FinalError == ErrorKind.Poison && access.Reads) || access.SErrorBeforeGuestExit)
        {
            return inGuest;
        }

        if (cpu.SErrorInGuestClaim(access) is { } claim)
        {
            return inGuest with { Claim = claim };
        }

        var inHost = Resolve(hypervisor, OutcomeKind.SError, walk.Severity, null, ErrorContext.Host);
        return inHost.Verdict > inGuest.Verdict ? inHost : inGuest;
    }

    /// <summary>
    /// The hypervisor's first treatment of an outcome that matches, and, when it hands the
    /// outcome to the platform's firmware (firmware-first: apei_claim_sea(), GHES), the
    /// firmware's rule and the hypervisor's treatment of the CPER severity it reports. Anything
    /// not said is unknown, so uncontained. Memoised per hypervisor.
    /// </summary>
    private Judgement Resolve(IrHypervisor hypervisor, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq, ErrorContext? context)
    {
        var key = ((((((int)kind * 8) + (severity is { } s ? (int)s + 1 : 0)) * 4) + (irq is { } i ? (int)i + 1 : 0)) * 3) + (context is { } c ? (int)c + 1 : 0);
        if (!_treatments.TryGetValue(hypervisor, out var table))
        {
            _treatments[hypervisor] = table = [];
        }

        if (table.TryGetValue(key, out var known))
        {
            return known;
        }

        var outcome = new Outcome(kind, null, severity, irq, hypervisor.Symbol.NamePlace);
        var treatment = FirstTreatment(hypervisor, kind, severity, irq, context);
        Judgement judgement;
        if (treatment?.Action != HypervisorAction.Firmware)
        {
            judgement = new Judgement(outcome, context, treatment, null, null, Verdict(treatment));
        }
        else if (FirstFirmwareRule(kind, severity, irq) is not { } firmware)
        {
            judgement = new Judgement(outcome, context, treatment, null, null, ContainmentVerdict.Uncontained);
        }
        else
        {
            var after = FirstTreatment(hypervisor, firmware.Reports, null, null, null);
            // The firmware's severity is final: a treatment that asks the firmware again decides nothing.
            judgement = new Judgement(outcome, context, treatment, firmware, after,
                after?.Action == HypervisorAction.Firmware ? ContainmentVerdict.Uncontained : Verdict(after));
        }

        return table[key] = judgement;
    }

    // What the hypervisor declaration says (std/kvm.rasdl writes Linux KVM's rules); no treatment is unknown, so unsafe.
    private static ContainmentVerdict Verdict(OutcomeTreatment? treatment) => treatment?.Action switch
    {
        HypervisorAction.Inject or HypervisorAction.Continue or HypervisorAction.Recover => ContainmentVerdict.ContainedInVm,
        _ => ContainmentVerdict.Uncontained,
    };

    // Not FirstOrDefault(lambda): the lambda's captures would cost an allocation on every call.
    private OutcomeTreatment? FirstTreatment(IrHypervisor hypervisor, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq, ErrorContext? context)
    {
        foreach (var treatment in hypervisor.Treatments)
        {
            if (treatment.Matches(kind, severity, irq, context, platform.Features))
            {
                return treatment;
            }
        }

        return null;
    }

    private FirmwareRule? FirstFirmwareRule(OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq)
    {
        foreach (var rule in platform.Firmware?.FirmwareRules ?? [])
        {
            if (rule.Matches(kind, severity, irq))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>A run: an endpoint's regions under one stage-2 attribute and hypervisor (each element by reference).</summary>
    internal readonly record struct RunKey(IrEndpoint Endpoint, Stage2Attribute Stage2, IrHypervisor Hypervisor)
    {
        public bool Equals(RunKey other) =>
            ReferenceEquals(Endpoint, other.Endpoint) && Stage2 == other.Stage2 && ReferenceEquals(Hypervisor, other.Hypervisor);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Endpoint), Stage2, RuntimeHelpers.GetHashCode(Hypervisor));
    }

}
