using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>Everything one run found for a region under one stage-2 attribute: the worst verdict and every path that reached the CPU or worse.</summary>
public sealed class Stage2Run
{
    // The paths and witnesses are built on first use, by the engine that ran this: a large
    // description has millions of paths, and a check that finds every region contained never
    // needs them; the witnesses need only a few of them. (Two threads asking at once both get
    // the same answer: the engine builds them one at a time from its memo.)
    private readonly ContainmentEngine _engine;
    private readonly IrEndpoint _endpoint;
    private readonly IrHypervisor _hypervisor;
    // Made once, read without a lock: default until made (a single reference, so another
    // thread sees it made or not, never half written).
    private ImmutableArray<Witness> _paths;
    private ImmutableArray<Witness> _witnesses;

    internal Stage2Run(
        Stage2Attribute stage2,
        ImmutableArray<(MemoryType Effective, MemoryType Stage1)> reachable,
        ContainmentVerdict verdict,
        ContainmentEngine engine,
        IrEndpoint endpoint,
        IrHypervisor hypervisor)
    {
        Stage2 = stage2;
        Reachable = reachable;
        Verdict = verdict;
        _engine = engine;
        _endpoint = endpoint;
        _hypervisor = hypervisor;
    }

    public Stage2Attribute Stage2 { get; }

    /// <summary>The engine that ran this (a large description is split between several): where its witnesses are made.</summary>
    internal ContainmentEngine Engine => _engine;

    public ImmutableArray<(MemoryType Effective, MemoryType Stage1)> Reachable { get; }

    public ContainmentVerdict Verdict { get; }

    /// <summary>Every path that reached the CPU or worse, in route, effective type, access and fault order.</summary>
    public ImmutableArray<Witness> Paths => _paths.IsDefault ? _paths = _engine.Paths(_endpoint, Reachable, _hypervisor) : _paths;

    /// <summary>Every path the engine walked, contained ones included (for `rasdl paths`): built on demand.</summary>
    public IEnumerable<Witness> AllPaths => _engine.AllPaths(_endpoint, Reachable, _hypervisor);

    /// <summary>
    /// Per fault (in the order the paths first meet it) where its worst path stopped, and per
    /// route the worst verdict: what <see cref="RegionExplanation"/> shows, without a witness per path.
    /// </summary>
    internal (ImmutableArray<FaultExplanation> Faults, ImmutableArray<RouteResult> Routes) Explanation(string hypervisor) =>
        _engine.Explanation(_endpoint, Stage2, Reachable, _hypervisor, hypervisor);

    /// <summary>The paths <see cref="Explanation"/> explains, in its order.</summary>
    internal ImmutableArray<Witness> WorstPaths => _engine.WorstPaths(_endpoint, Stage2, Reachable, _hypervisor);

    /// <summary>The endpoint has no `faults` line: nothing is known of what it produces, so the run is uncontained with no path.</summary>
    public bool FaultsUnknown => !_endpoint.FaultsDeclared && !Reachable.IsEmpty;

    /// <summary>The hypervisor refuses to map the region: no guest access reaches it.</summary>
    public bool Refused => Stage2 == Stage2Attribute.Refused;

    /// <summary>
    /// Whether some read that meets a completion timeout is answered with all-ones data: it is
    /// contained, but the vCPU still stalls until the root port's timer expires (PCIe allows
    /// up to about 64 s; DOMAIN 5). Said in the region's explanation, not as a warning.
    /// </summary>
    public bool CompletionTimeoutStalls
    {
        get
        {
            if (_stalls == 0)
            {
                _stalls = _engine.CompletionTimeoutAnsweredWithAllOnes(_endpoint, Stage2, Reachable) ? 2 : 1;
            }

            return _stalls == 2;
        }
    }

    private int _stalls; // 0: not yet asked; 1: no; 2: yes

    public IEnumerable<Witness> Uncontained =>
        Verdict == ContainmentVerdict.Uncontained ? Paths.Where(p => p.Verdict == ContainmentVerdict.Uncontained) : [];

    /// <summary>
    /// <see cref="Uncontained"/>, in the same order, without a witness for each path: what the
    /// diagnostics count and group (<see cref="WitnessOf"/> makes the one a diagnostic shows).
    /// Endpoints alike share one array.
    /// </summary>
    internal ImmutableArray<JudgedPath> UncontainedPaths =>
        _uncontainedPaths.IsDefault ? _uncontainedPaths = _engine.UncontainedPaths(_endpoint, this, _hypervisor) : _uncontainedPaths;

    // Made once, read without a lock, like _paths.
    private ImmutableArray<JudgedPath> _uncontainedPaths;

    /// <summary>The witness of one of <see cref="UncontainedPaths"/>.</summary>
    internal Witness WitnessOf(in JudgedPath path) => _engine.WitnessOf(_endpoint, this, _hypervisor, path);

    /// <summary>The type a guest gets when it asks for the most permissive one (Normal-NC under NORMAL_NC): witnesses prefer it.</summary>
    public MemoryType NaturalType => Stage2Table.Combine(MemoryType.NormalWB, Stage2);

    /// <summary>
    /// The shortest trace for each distinct way the run reaches its verdict (per fault and
    /// culprit), when that verdict is worse than contained-in-device: of the paths with the
    /// run's verdict, grouped by fault and culprit in the order first met, each group's path
    /// with the fewest steps, preferring <see cref="NaturalType"/>, then the first.
    /// </summary>
    public ImmutableArray<Witness> Witnesses => !_witnesses.IsDefault ? _witnesses
        : _witnesses = Verdict == ContainmentVerdict.ContainedInDevice ? [] : _engine.Witnesses(_endpoint, this, _hypervisor);

    /// <summary>
    /// <see cref="Witnesses"/> as built for the first endpoint alike (below the same block, with
    /// the same faults): for outputs that show a witness's error but not its `faults` line.
    /// </summary>
    internal ImmutableArray<Witness> AlikeWitnesses => Verdict == ContainmentVerdict.ContainedInDevice ? [] : _engine.AlikeWitnesses(_endpoint, this, _hypervisor);

    /// <summary>
    /// The first of <see cref="AlikeWitnesses"/> (null when there is none) without building the
    /// others: the one example a report shows of a region that is not uncontained.
    /// </summary>
    internal Witness? FirstAlikeWitness => Verdict == ContainmentVerdict.ContainedInDevice ? null : _engine.FirstAlikeWitness(_endpoint, this, _hypervisor);
}

/// <summary>A region under one profile: its stage-2 attribute, the effective types a guest reaches, the verdict, the differential and the witnesses.</summary>
public sealed record RegionResult(
    IrAssignment Assignment,
    string Profile,
    string Hypervisor,
    bool Fwb,
    Stage2Run Run,
    Stage2Run NormalNcRun,
    Stage2Run DeviceRun)
{
    public RegionSymbol Region => Assignment.Region.Symbol;

    /// <summary>Where an element of the platform analysed is written (the platform's elements hold places in their declarations).</summary>
    public Rasdl.Text.SourceLocation LocationOf(Rasdl.Syntax.Place place) => Run.Engine.Platform.LocationOf(place);

    public string QualifiedName => Assignment.Region.QualifiedName;

    public Driver Driver => Assignment.Driver;

    public Stage2Attribute Stage2 => Run.Stage2;

    public ImmutableArray<MemoryType> Effective => [.. Run.Reachable.Select(r => r.Effective)];

    public ContainmentVerdict Verdict => Run.Verdict;

    /// <summary>
    /// The seed's question, with the profile's own attribute taken into account: DEVICE_nGnRE's
    /// reachable types are a subset of NORMAL_NC's, so uncontained under the first means
    /// uncontained under the second; the profile's own attribute can reach more (cacheable types).
    /// </summary>
    public Differential Differential =>
        DeviceRun.Verdict == ContainmentVerdict.Uncontained ? Differential.Both
        : NormalNcRun.Verdict == ContainmentVerdict.Uncontained ? Differential.NormalNcOnly
        : Run.Verdict == ContainmentVerdict.Uncontained && !Run.FaultsUnknown ? Differential.CacheableOnly
        : Differential.None;

    /// <summary>
    /// The shortest trace for each distinct way the region reaches its verdict (per fault and
    /// culprit), when that verdict is worse than contained-in-device.
    /// </summary>
    public ImmutableArray<Witness> Witnesses => Run.Witnesses;
}

/// <summary>One profile: its hypervisor and the result for every assigned region.</summary>
public sealed record ProfileResult(IrProfile Profile, ImmutableArray<RegionResult> Regions)
{
    public string Name => Profile.Name;

    public ProfileSymbol Symbol => Profile.Symbol;

    public string Hypervisor => Profile.Hypervisor.Name;

    /// <summary>Assigned regions the profile could not analyse, with the reason: the profile is then at best incomplete.</summary>
    public ImmutableArray<LeftOutRegion> LeftOut { get; init; } = [];

    /// <summary>The worst region's verdict; incomplete when regions were left out and none is uncontained.</summary>
    public ContainmentVerdict Verdict
    {
        get
        {
            var worst = Regions.IsEmpty ? ContainmentVerdict.ContainedInDevice : Regions.Max(r => r.Verdict);
            return worst != ContainmentVerdict.Uncontained && !LeftOut.IsEmpty ? ContainmentVerdict.Incomplete : worst;
        }
    }
}

/// <summary>An `assign` a profile did not analyse, and why.</summary>
public sealed record LeftOutRegion(string Name, Rasdl.Text.SourceLocation Location, string Reason);
