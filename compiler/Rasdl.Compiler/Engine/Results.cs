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
    private ImmutableArray<Witness>? _paths;
    private ImmutableArray<Witness>? _witnesses;

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

    public ImmutableArray<(MemoryType Effective, MemoryType Stage1)> Reachable { get; }

    public ContainmentVerdict Verdict { get; }

    /// <summary>Every path that reached the CPU or worse, in route, effective type, access and fault order.</summary>
    public ImmutableArray<Witness> Paths => _paths ??= _engine.Paths(_endpoint, Reachable, _hypervisor);

    public IEnumerable<Witness> Uncontained =>
        Verdict == ContainmentVerdict.Uncontained ? Paths.Where(p => p.Verdict == ContainmentVerdict.Uncontained) : [];

    /// <summary>The type a guest gets when it asks for the most permissive one (Normal-NC under NORMAL_NC): witnesses prefer it.</summary>
    public MemoryType NaturalType => Stage2Table.Combine(MemoryType.NormalWB, Stage2);

    /// <summary>
    /// The shortest trace for each distinct way the run reaches its verdict (per fault and
    /// culprit), when that verdict is worse than contained-in-device: of the paths with the
    /// run's verdict, grouped by fault and culprit in the order first met, each group's path
    /// with the fewest steps, preferring <see cref="NaturalType"/>, then the first.
    /// </summary>
    public ImmutableArray<Witness> Witnesses => _witnesses ??= Verdict == ContainmentVerdict.ContainedInDevice ? [] : _engine.Witnesses(_endpoint, this, _hypervisor);
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

    public string QualifiedName => Assignment.Region.QualifiedName;

    public Driver Driver => Assignment.Driver;

    public Stage2Attribute Stage2 => Run.Stage2;

    public ImmutableArray<MemoryType> Effective => [.. Run.Reachable.Select(r => r.Effective)];

    public ContainmentVerdict Verdict => Run.Verdict;

    public Differential Differential => (NormalNcRun.Verdict == ContainmentVerdict.Uncontained, DeviceRun.Verdict == ContainmentVerdict.Uncontained) switch
    {
        (true, true) => Differential.Both,
        (true, false) => Differential.NormalNcOnly,
        (false, true) => Differential.DeviceOnly,
        _ => Differential.None,
    };

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

    public ContainmentVerdict Verdict => Regions.IsEmpty ? ContainmentVerdict.ContainedInDevice : Regions.Max(r => r.Verdict);
}
