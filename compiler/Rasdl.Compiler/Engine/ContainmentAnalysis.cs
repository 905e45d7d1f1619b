using System.Collections.Immutable;
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
    private ContainmentAnalysis(PlatformIr platform, ImmutableArray<ProfileResult> profiles, ImmutableArray<Diagnostic> diagnostics, int walks)
    {
        Walks = walks;
        Platform = platform;
        Profiles = profiles;
        Diagnostics = diagnostics;
    }

    public PlatformIr Platform { get; }

    /// <summary>Distinct walks the engine computed (memoised): a measure of its work.</summary>
    public int Walks { get; }

    public ImmutableArray<ProfileResult> Profiles { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The region's result under each profile, in profile order.</summary>
    public IEnumerable<RegionResult> ResultsFor(RegionSymbol region) =>
        Profiles.SelectMany(p => p.Regions).Where(r => ReferenceEquals(r.Region, region));

    public ContainmentVerdict Verdict => Profiles.IsEmpty ? ContainmentVerdict.ContainedInDevice : Profiles.Max(p => p.Verdict);

    public static ContainmentAnalysis Analyze(SemanticModel model) => Analyze(Lowering.Lower(model));

    public static ContainmentAnalysis Analyze(PlatformIr platform)
    {
        var engine = new ContainmentEngine(platform);
        var profiles = platform.Profiles.Select(engine.Analyze).ToImmutableArray();
        var diagnostics = new ContainmentDiagnostics(platform, engine.Walker, profiles).Collect();
        return new ContainmentAnalysis(platform, profiles, diagnostics, engine.Walker.Walks);
    }
}

/// <summary>Runs every assigned region of a profile under its stage-2 attribute and the two the differential compares.</summary>
internal sealed class ContainmentEngine(PlatformIr platform)
{
    private readonly Dictionary<(IrEndpoint, Stage2Attribute, IrHypervisor), Stage2Run> _runs = [];
    private readonly Dictionary<(IrHypervisor, OutcomeKind, SErrorSeverity?), OutcomeTreatment?> _treatments = [];
    private readonly Dictionary<IrBlock, ImmutableArray<IrRoute>> _routesTo = platform.Routes
        .GroupBy(r => r.Last)
        .ToDictionary(g => g.Key, g => g.ToImmutableArray());

    public PathWalker Walker { get; } = new();

    private bool Fwb => platform.Has(Feature.Fwb);

    public ProfileResult Analyze(IrProfile profile)
    {
        var hypervisor = profile.Hypervisor;
        var regions = ImmutableArray.CreateBuilder<RegionResult>();
        foreach (var assignment in platform.Assignments)
        {
            // No policy (RASDL1016) or no encoding in this FWB mode (RASDL1017): the binder has said so.
            if (hypervisor.PolicyFor(assignment.Driver) is not { } policy
                || Stage2Table.ForPlatform(policy.Attribute, Fwb) is not { } stage2
                || !_routesTo.ContainsKey(assignment.Endpoint.Parent))
            {
                continue;
            }

            // The seed's question: KVM's two choices for device memory (Linux KVM_S2_MEMATTR
            // picks the FWB encoding when FWB is in use).
            var normalNc = Stage2Table.ForPlatform(Stage2Attribute.NormalNC, Fwb)!.Value;
            var device = Stage2Table.ForPlatform(Stage2Attribute.DeviceNGnRE, Fwb)!.Value;
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

    private Stage2Run Run(IrEndpoint endpoint, Stage2Attribute stage2, IrHypervisor hypervisor)
    {
        var key = (endpoint, stage2, hypervisor);
        if (_runs.TryGetValue(key, out var known))
        {
            return known;
        }

        var reachable = Stage2Table.Reachable(stage2);
        var verdict = ContainmentVerdict.ContainedInDevice;
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
                        var treatment = walk.End == PathEnd.CpuException ? Treat(hypervisor, walk.FinalOutcome!) : null;
                        var pathVerdict = Judge(walk, treatment);
                        if (pathVerdict > verdict)
                        {
                            verdict = pathVerdict;
                        }

                        if (pathVerdict != ContainmentVerdict.ContainedInDevice)
                        {
                            paths.Add(new Witness(stage1, effective, access, fault, route, walk, treatment, pathVerdict));
                        }
                    }
                }
            }
        }

        return _runs[key] = new Stage2Run(stage2, reachable, verdict, paths.ToImmutable());
    }

    private static ContainmentVerdict Judge(PathWalk walk, OutcomeTreatment? treatment) => walk.End switch
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
    private OutcomeTreatment? Treat(IrHypervisor hypervisor, Outcome outcome)
    {
        var key = (hypervisor, outcome.Kind, outcome.Severity);
        if (!_treatments.TryGetValue(key, out var treatment))
        {
            treatment = hypervisor.Treatments.FirstOrDefault(t => t.Matches(outcome.Kind, outcome.Severity, platform.Features));
            _treatments[key] = treatment;
        }

        return treatment;
    }
}
