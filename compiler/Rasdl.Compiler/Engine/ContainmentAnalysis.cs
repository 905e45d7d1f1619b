using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    private ContainmentAnalysis(PlatformIr platform, ImmutableArray<ProfileResult> profiles, ImmutableArray<Diagnostic> diagnostics, int walks, int sharedSteps)
    {
        Walks = walks;
        SharedSteps = sharedSteps;
        Platform = platform;
        Profiles = profiles;
        Diagnostics = diagnostics;
        _resultsByRegion = new Lazy<ILookup<RegionSymbol, RegionResult>>(
            () => Profiles.SelectMany(p => p.Regions).ToLookup(r => r.Region, ReferenceEqualityComparer.Instance as IEqualityComparer<RegionSymbol>));
    }

    private readonly Lazy<ILookup<RegionSymbol, RegionResult>> _resultsByRegion;

    public PlatformIr Platform { get; }

    /// <summary>Distinct (route position, error, access, type) places the engine's walks reached: a measure of its work.</summary>
    public int Walks { get; }

    /// <summary>Walk steps computed once for every set of alike route positions (see <see cref="PathWalker"/>).</summary>
    public int SharedSteps { get; }

    public ImmutableArray<ProfileResult> Profiles { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The region's result under each profile, in profile order.</summary>
    public IEnumerable<RegionResult> ResultsFor(RegionSymbol region) => _resultsByRegion.Value[region];

    public ContainmentVerdict Verdict => Profiles.IsEmpty ? ContainmentVerdict.ContainedInDevice : Profiles.Max(p => p.Verdict);

    public static ContainmentAnalysis Analyze(SemanticModel model) => Analyze(Lowering.Lower(model));

    public static ContainmentAnalysis Analyze(PlatformIr platform)
    {
        var engine = new ContainmentEngine(platform);
        var profiles = platform.Profiles.Select(engine.Analyze).ToImmutableArray();
        var diagnostics = new ContainmentDiagnostics(platform, engine.Walker, profiles).Collect();
        return new ContainmentAnalysis(platform, profiles, diagnostics, engine.Walker.Walks, engine.Walker.SharedSteps);
    }
}

/// <summary>Runs every assigned region of a profile under its stage-2 attribute and the two the differential compares.</summary>
internal sealed class ContainmentEngine(PlatformIr platform)
{
    // IR elements are unique objects: every memo is keyed by reference, never by a record's deep value.
    private readonly Dictionary<RunKey, Stage2Run> _runs = [];
    private readonly Dictionary<IrHypervisor, int> _hypervisorIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Stage2Attribute, ImmutableArray<(MemoryType Effective, MemoryType Stage1)>> _reachable = [];
    private readonly Dictionary<IrHypervisor, Treatments> _treatments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrBlock, ImmutableArray<IrRoute>> _routesTo = platform.Routes
        .GroupBy(r => r.Last, BlockIdentity)
        .ToDictionary(g => g.Key, g => g.ToImmutableArray(), BlockIdentity);

    private static readonly IEqualityComparer<IrBlock> BlockIdentity = ReferenceEqualityComparer.Instance;

    // Witnesses are built on first use, after every walk they need is memoised; the lock keeps
    // two threads (a language server's handlers) from touching the memo tables at once.
    private readonly object _gate = new();

    public PathWalker Walker { get; } = new();

    private bool Fwb => platform.Has(Feature.Fwb);

    public ProfileResult Analyze(IrProfile profile)
    {
        var hypervisor = profile.Hypervisor;
        var regions = ImmutableArray.CreateBuilder<RegionResult>();
        // The seed's question: KVM's two choices for device memory (Linux KVM_S2_MEMATTR
        // picks the FWB encoding when FWB is in use).
        var normalNc = Stage2Table.ForPlatform(Stage2Attribute.NormalNC, Fwb)!.Value;
        var device = Stage2Table.ForPlatform(Stage2Attribute.DeviceNGnRE, Fwb)!.Value;
        foreach (var assignment in platform.Assignments)
        {
            // No policy (RASDL1016) or no encoding in this FWB mode (RASDL1017): the binder has said so.
            if (hypervisor.PolicyFor(assignment.Driver) is not { } policy
                || Stage2Table.ForPlatform(policy.Attribute, Fwb) is not { } stage2
                || !_routesTo.ContainsKey(assignment.Endpoint.Parent))
            {
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

        return new ProfileResult(profile, regions.ToImmutable());
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

        var verdict = ContainmentVerdict.ContainedInDevice;
        foreach (var route in _routesTo[endpoint.Parent])
        {
            var entry = Walker.Entry(route);
            foreach (var (effective, _) in reachable)
            {
                var pathVerdict = Verdict(entry, effective, endpoint.Faults, hypervisor);
                if (pathVerdict > verdict)
                {
                    verdict = pathVerdict;
                }
            }
        }

        return _runs[key] = new Stage2Run(stage2, reachable, verdict, this, endpoint, hypervisor);
    }

    /// <summary>The worst verdict of any access to memory of one effective type failing with any of the faults.</summary>
    private ContainmentVerdict Verdict(PathWalker.RouteNode entry, MemoryType effective, ImmutableArray<DeclaredFault> faults, IrHypervisor hypervisor)
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
                var (end, kind, severity) = Walker.WalkEnd(entry, faults[i].Error, access, effective);
                var treatment = end == PathEnd.CpuException ? Treat(hypervisor, kind!.Value, severity) : null;
                var pathVerdict = Judge(end, treatment);
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
            foreach (var route in _routesTo[endpoint.Parent])
            {
                var entry = Walker.Entry(route);
                foreach (var (effective, stage1) in reachable)
                {
                    foreach (var access in AccessModel.For(effective))
                    {
                        foreach (var fault in endpoint.Faults)
                        {
                            var walk = Walker.Walk(entry, fault.Error, access, effective);
                            var treatment = walk.End == PathEnd.CpuException ? Treat(hypervisor, walk.FinalOutcome!.Kind, walk.FinalOutcome.Severity) : null;
                            var pathVerdict = Judge(walk.End, treatment);
                            if (pathVerdict != ContainmentVerdict.ContainedInDevice)
                            {
                                paths.Add(new Witness(stage1, effective, access, fault, route, walk, treatment, pathVerdict));
                            }
                        }
                    }
                }
            }

            return paths.ToImmutable();
        }
    }

    /// <summary>
    /// A run's witnesses (see <see cref="Stage2Run.Witnesses"/>), chosen in one pass over the
    /// paths without building a witness for every one: only each group's best becomes one.
    /// </summary>
    public ImmutableArray<Witness> Witnesses(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        lock (_gate)
        {
            var natural = run.NaturalType;
            var best = new List<(ErrorKind Error, Text.SourceLocation Culprit, int Steps, bool Unnatural, Witness Path)>();
            foreach (var route in _routesTo[endpoint.Parent])
            {
                var entry = Walker.Entry(route);
                foreach (var (effective, stage1) in run.Reachable)
                {
                    foreach (var access in AccessModel.For(effective))
                    {
                        foreach (var fault in endpoint.Faults)
                        {
                            var (end, kind, severity) = Walker.WalkEnd(entry, fault.Error, access, effective);
                            var treatment = end == PathEnd.CpuException ? Treat(hypervisor, kind!.Value, severity) : null;
                            if (Judge(end, treatment) != run.Verdict)
                            {
                                continue;
                            }

                            var (steps, culprit) = Walker.WalkShape(entry, fault.Error, access, effective);
                            var unnatural = effective != natural;
                            var group = -1;
                            for (var i = 0; i < best.Count && group < 0; i++)
                            {
                                if (best[i].Error == fault.Error && (ReferenceEquals(best[i].Culprit, culprit) || best[i].Culprit.Equals(culprit)))
                                {
                                    group = i;
                                }
                            }

                            if (group < 0 || steps < best[group].Steps || (steps == best[group].Steps && !unnatural && best[group].Unnatural))
                            {
                                // Only a group's best so far gets its trace built (walks are memoised and shared).
                                var walk = Walker.Walk(entry, fault.Error, access, effective);
                                var witness = (fault.Error, culprit, steps, unnatural, new Witness(stage1, effective, access, fault, route, walk, treatment, run.Verdict));
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
                }
            }

            return [.. best.Select(b => b.Path)];
        }
    }

    private static ContainmentVerdict Judge(PathEnd end, OutcomeTreatment? treatment) => end switch
    {
        PathEnd.Answered => ContainmentVerdict.ContainedInDevice,
        // What the hypervisor declaration says (std/kvm.rasdl writes Linux KVM's rules); no treatment is unknown, so unsafe.
        PathEnd.CpuException => treatment?.Action is HypervisorAction.Inject or HypervisorAction.Continue
            ? ContainmentVerdict.ContainedInVm
            : ContainmentVerdict.Uncontained,
        // A hang, a reset, no rule, or an error passed beyond the CPU.
        _ => ContainmentVerdict.Uncontained,
    };

    // The hypervisor's first treatment whose outcome, severity and feature conditions match.
    private OutcomeTreatment? Treat(IrHypervisor hypervisor, OutcomeKind kind, SErrorSeverity? severity)
    {
        // Memoised per hypervisor in a small table by outcome and severity: asked once per walk that reaches a CPU.
        if (!_treatments.TryGetValue(hypervisor, out var table))
        {
            _treatments[hypervisor] = table = new Treatments();
        }

        var slot = ((int)kind * SeverityCount) + (severity is { } known ? (int)known + 1 : 0);
        if ((uint)slot >= (uint)table.Found.Length || (uint)kind >= KindCount)
        {
            return FirstTreatment(hypervisor, kind, severity);
        }

        if (!table.Found[slot])
        {
            table.Treatment[slot] = FirstTreatment(hypervisor, kind, severity);
            table.Found[slot] = true;
        }

        return table.Treatment[slot];
    }

    // Not FirstOrDefault(lambda) in Treat: the lambda's captures would cost an allocation on every call, memo hit or not.
    private OutcomeTreatment? FirstTreatment(IrHypervisor hypervisor, OutcomeKind kind, SErrorSeverity? severity)
    {
        foreach (var treatment in hypervisor.Treatments)
        {
            if (treatment.Matches(kind, severity, null, null, platform.Features))
            {
                return treatment;
            }
        }

        return null;
    }

    private readonly record struct RunKey(IrEndpoint Endpoint, Stage2Attribute Stage2, IrHypervisor Hypervisor)
    {
        public bool Equals(RunKey other) =>
            ReferenceEquals(Endpoint, other.Endpoint) && Stage2 == other.Stage2 && ReferenceEquals(Hypervisor, other.Hypervisor);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Endpoint), Stage2, RuntimeHelpers.GetHashCode(Hypervisor));
    }

    private const int KindCount = (int)OutcomeKind.Reset + 1;
    private const int SeverityCount = (int)SErrorSeverity.Any + 2; // every severity, and none

    private sealed class Treatments
    {
        public bool[] Found { get; } = new bool[KindCount * SeverityCount];

        public OutcomeTreatment?[] Treatment { get; } = new OutcomeTreatment?[KindCount * SeverityCount];
    }
}
