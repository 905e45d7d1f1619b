using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Turns the engine's results into diagnostics: uncontained paths (on the rule that let the
/// error escape), incomplete descriptions, dead rules, silent hypervisors and the stage-2
/// differential. A place inside the standard library is reported at the assignment instead,
/// where the user can act, with the library place as a related location.
/// </summary>
internal sealed class ContainmentDiagnostics(PlatformIr platform, Arrivals arrivals, ImmutableArray<ProfileResult> profiles, CancellationToken cancellationToken = default)
{
    private readonly List<Diagnostic> _diagnostics = [];
    private HashSet<Driver>? _driversMappedNormalNc;

    public ImmutableArray<Diagnostic> Collect()
    {
        ReportProfiles();
        cancellationToken.ThrowIfCancellationRequested();
        ReportUncontainedPaths();
        cancellationToken.ThrowIfCancellationRequested();
        ReportIncompleteness();
        cancellationToken.ThrowIfCancellationRequested();
        ReportDeadRules();
        cancellationToken.ThrowIfCancellationRequested();
        ReportDifferentials();
        return [.. _diagnostics];
    }

    // Profiles that prove nothing, and assigned regions a profile could not analyse.
    private void ReportProfiles()
    {
        foreach (var profile in profiles)
        {
            if (profile.Regions.IsEmpty && profile.LeftOut.IsEmpty && !profile.Profile.Symbol.IsInStandardLibrary)
            {
                Add(Diagnostic.Create(DiagnosticCatalogue.ProfileProvesNothing, At(profile.Profile.Place), profile.Name));
            }

            foreach (var left in profile.LeftOut)
            {
                Add(Incomplete(left, profile.Name));
            }
        }
    }

    /// <summary>RASDL2011: an assigned region the profile could not analyse.</summary>
    public static Diagnostic Incomplete(LeftOutRegion left, string profile) =>
        Diagnostic.Create(DiagnosticCatalogue.ProfileIncomplete, left.Location, left.Name, profile, left.Reason);

    // One warning per place an uncontained path goes wrong (its culprit), in the order first
    // met, showing the path with the fewest steps (preferring the type the guest asks for, then
    // the first) and counting the others: from the paths' summaries, with one witness per warning.
    private void ReportUncontainedPaths()
    {
        foreach (var profile in profiles)
        {
            var groups = new List<CulpritGroup>();
            var byCulprit = new Dictionary<Place, CulpritGroup>();
            foreach (var region in profile.Regions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var path in region.Run.UncontainedPaths)
                {
                    if (!byCulprit.TryGetValue(path.Culprit, out var group))
                    {
                        byCulprit[path.Culprit] = group = new CulpritGroup(region, path);
                        groups.Add(group);
                    }

                    group.Add(region, path);
                }
            }

            foreach (var group in groups)
            {
                var region = group.Region;
                var path = region.Run.WitnessOf(group.Path);
                var more = group.Paths - 1;
                var regions = group.Regions.Count;
                var suffix = more == 0 ? "" : regions > 1 ? $" (and {more} more paths, {regions} regions in all)" : $" (and {more} more paths)";
                var culprit = path.Culprit;
                var story = path.Story(platform.Features, profile.Hypervisor) + UnmetConditions(profile.Profile.Hypervisor, path)
                    + (path.Walk.End == PathEnd.CpuException && path.DecidingSignal is null && culprit.Rule is not null && !culprit.Block.IsCpu ? $"; {culprit.Describe()} here" : "");
                var location = AtUserSite(At(culprit.Place), region.Assignment);
                Add(Diagnostic.Create(
                        DiagnosticCatalogue.UncontainedPath, location,
                        region.QualifiedName, profile.Name, Stage2Table.KernelName(region.Stage2), story, suffix)
                    .WithRelated(Related(region, path)));
            }
        }
    }

    /// <summary>The uncontained paths with one culprit: how many, in how many regions, and the one shown.</summary>
    private sealed class CulpritGroup(RegionResult region, JudgedPath path)
    {
        private RegionResult? _last;

        public RegionResult Region { get; private set; } = region;

        public JudgedPath Path { get; private set; } = path;

        public int Paths { get; private set; }

        public HashSet<string> Regions { get; } = [];

        public void Add(RegionResult region, in JudgedPath path)
        {
            Paths++;
            if (!ReferenceEquals(region, _last))
            {
                _last = region;
                Regions.Add(region.QualifiedName);
            }

            if (JudgedPath.Replaces(path.Steps, path.Effective != region.Run.NaturalType, Path.Steps, Path.Effective != Region.Run.NaturalType))
            {
                (Region, Path) = (region, path);
            }
        }
    }

    // The trace as notes, from the assignment through the route (and so the cpu) the path took to
    // the host's decision: on a platform with several routes to one endpoint, the error alone then
    // says which of them fails.
    private static IEnumerable<RelatedLocation> Related(RegionResult region, Witness path) =>
        WitnessTrace.For(region, path).Select(l => new RelatedLocation(l.Location, l.Text));

    // Missing rules, CPUs that pass errors on and silent hypervisors: one warning per place and error.
    private void ReportIncompleteness()
    {
        var seen = new HashSet<string>();
        // Every warning below is decided by the path and the region's hypervisor alone: a list of
        // paths (shared by endpoints alike) already looked at with that hypervisor adds nothing,
        // nor does a walk (route entry, error, access, type) or, where the walk's last step is
        // not what is reported, its ending and judgements (how it ended, the access and the cpu,
        // with the hypervisor); those are not made into witnesses again.
        var listsDone = new HashSet<(ImmutableArray<JudgedPath>, string)>();
        var walksDone = new HashSet<(PathWalker.RouteNode, ErrorKind, GuestAccess, MemoryType, string)>();
        var endingsDone = new HashSet<(WalkSummary, GuestAccess, IrBlock, string)>();
        var mappedNormalNc = DriversMappedNormalNc;
        foreach (var region in profiles.SelectMany(p => p.Regions))
        {
            if (region.Run.Verdict != ContainmentVerdict.Uncontained && region.Differential == Differential.None)
            {
                continue; // nothing uncontained under any of the three stage-2 attributes
            }

            // The two comparison runs count only for regions some profile maps NORMAL_NC: for
            // the others they describe a mapping KVM never makes.
            Stage2Run[] runs = mappedNormalNc.Contains(region.Driver) ? [region.Run, region.NormalNcRun, region.DeviceRun] : [region.Run];
            foreach (var run in runs)
            {
                var paths = run.UncontainedPaths;
                if (!listsDone.Add((paths, region.Hypervisor)))
                {
                    continue;
                }

                foreach (var judged in paths)
                {
                    var lastStepReported = judged.Summary.End is PathEnd.NoRule or PathEnd.PassedBeyondCpu or PathEnd.NeverCompletes or PathEnd.Impossible;
                    if (lastStepReported
                        ? !walksDone.Add((judged.Entry, judged.Error, judged.Path.Access, judged.Effective, region.Hypervisor))
                        : !endingsDone.Add((judged.Summary, judged.Path.Access, judged.Route.Cpu, region.Hypervisor)))
                    {
                        continue;
                    }

                    var path = run.WitnessOf(judged);
                    var last = path.Steps[^1];
                    switch (path.Walk.End)
                    {
                        case PathEnd.NoRule when seen.Add($"norule:{last.Block.Name}:{last.Error}"):
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.IncompleteDescription, AtUserSite(At(last.Block.Place), region.Assignment),
                                last.Block.Name, Words.Errors.TextOf(last.Error), path.Access.Name, path.Effective.ArmName(), $"first reached from {region.QualifiedName}")
                                .WithData("block", last.Block.Name)
                                .WithData("error", Words.Errors.TextOf(last.Error)));
                            break;
                        case PathEnd.PassedBeyondCpu when seen.Add($"beyond:{At(last.Rule!.Place)}"):
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.ErrorPassesBeyondCpu, AtUserSite(At(last.Rule.Place), region.Assignment),
                                last.Block.Name, Words.Errors.TextOf(last.Error)));
                            break;
                        case PathEnd.NeverCompletes when seen.Add($"never:{At(last.Rule!.Place)}:{path.Access.Name}"):
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.AccessNeverCompletes, AtUserSite(At(last.Rule.Place), region.Assignment),
                                region.QualifiedName, region.Profile, path.Access.Name, last.Rule.Response is null ? "only a signal (" + last.Rule.OutcomesText + ")" : "drop"));
                            break;
                        case PathEnd.Impossible when last.Rule?.Response?.Kind == OutcomeKind.Sea && seen.Add($"speculative:{At(last.Rule.Place)}"):
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.SpeculativeSynchronousAbort, AtUserSite(At(last.Rule.Place), region.Assignment), Words.Errors.TextOf(last.Error)));
                            break;
                    }

                    foreach (var judgement in path.Judgements)
                    {
                        var subject = judgement.Outcome.ToString();
                        var hypervisor = platform.Hypervisors.First(h => h.Name == region.Hypervisor);
                        if (judgement.Treatment is null && seen.Add($"silent:{region.Hypervisor}:{subject}"))
                        {
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.HypervisorSilent, AtUserSite(At(hypervisor.Place), region.Assignment), hypervisor.Name, subject));
                        }
                        else if (judgement.Treatment?.Action == HypervisorAction.Firmware && judgement.Firmware is null && seen.Add($"firmware:{subject}"))
                        {
                            var place = At(platform.Firmware?.Place ?? region.Assignment.Place);
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.FirmwareSilent, AtUserSite(place, region.Assignment),
                                platform.Firmware is null ? "it has no `firmware` block to say what the firmware reports" : $"firmware block '{platform.Firmware.Name}' has no rule",
                                subject));
                        }
                        else if (judgement is { Firmware: { } firmware, AfterFirmware: null } && seen.Add($"silent:{region.Hypervisor}:{Words.Outcomes.TextOf(firmware.Reports)}"))
                        {
                            Add(Diagnostic.Create(
                                DiagnosticCatalogue.HypervisorSilent, AtUserSite(At(hypervisor.Place), region.Assignment), hypervisor.Name, Words.Outcomes.TextOf(firmware.Reports)));
                        }
                    }
                }
            }
        }
    }

    private void ReportDeadRules() => _diagnostics.AddRange(DeadRules.Find(platform, arrivals));

    private void ReportDifferentials()
    {
        // The NORMAL_NC comparison is the seed's question for regions KVM can map NORMAL_NC; a
        // region whose driver no profile's hypervisor maps NORMAL_NC gets no such note.
        var mappedNormalNc = DriversMappedNormalNc;
        var groups = profiles.SelectMany(p => p.Regions)
            .Where(r => r.Differential == Differential.CacheableOnly || (r.Differential != Differential.None && mappedNormalNc.Contains(r.Driver)))
            .GroupBy(r => (r.Assignment, r.Differential));
        foreach (var group in groups)
        {
            var region = group.First();
            var hypervisors = string.Join(" and ", group.Select(r => r.Hypervisor).Distinct());
            var message = region.Differential switch
            {
                Differential.Both => $"uncontained under both NORMAL_NC and DEVICE_nGnRE at stage 2 with {hypervisors}: the memory type is not the problem, the platform's error handling is",
                Differential.NormalNcOnly => $"uncontained only under NORMAL_NC at stage 2 with {hypervisors}: the Normal-NC relaxation adds {Paths(region.NormalNcRun)}",
                _ => $"uncontained only under stage 2 {Stage2Table.KernelName(region.Stage2)} with {hypervisors}, which lets the guest reach cacheable memory types that NORMAL_NC does not: {Paths(region.Run)}",
            };
            Add(Diagnostic.Create(DiagnosticCatalogue.StageTwoDifferential, At(region.Assignment.Place), region.QualifiedName, message)
                .WithData("differential", region.Differential.Name()));
        }
    }

    // "kvm_6_8 would inject it into the guest with iesb, which the platform lacks": the treatment that did not apply.
    private string UnmetConditions(IrHypervisor hypervisor, Witness path)
    {
        if (path.CpuJudgement is not { Treatment: { Action: HypervisorAction.Panic } panic } judgement || path.DecidingSignal is not null)
        {
            return "";
        }

        var outcome = judgement.Outcome;
        var wanted = hypervisor.Treatments
            .TakeWhile(t => t != panic)
            .FirstOrDefault(t => t.Action is not (HypervisorAction.Panic or HypervisorAction.Firmware)
                && t.Matches(outcome.Kind, outcome.Severity, outcome.Irq, judgement.Context, t.Conditions)
                && t.Conditions.Any(f => !platform.Has(f)));
        if (wanted is null)
        {
            return "";
        }

        var missing = wanted.Conditions.Where(f => !platform.Has(f)).Select(Words.Features.TextOf).Order().ToList();
        return $" ({hypervisor.Name} would {(wanted.Action == HypervisorAction.Inject ? "inject it into the guest" : "carry on")} with {string.Join(" and ", missing)}, which the platform lacks)";
    }

    // Asked by two reports: every region of every profile looked at once.
    private HashSet<Driver> DriversMappedNormalNc => _driversMappedNormalNc ??= profiles
        .SelectMany(p => p.Regions)
        .Where(r => r.Stage2 is Stage2Attribute.NormalNC or Stage2Attribute.FwbNormalNC)
        .Select(r => r.Driver)
        .ToHashSet();

    private static string Paths(Stage2Run worse)
    {
        var extra = worse.UncontainedPaths
            .Select(p => $"{p.Effective.ArmName()} {p.Path.Access.Name}")
            .Distinct()
            .ToList();
        var shown = string.Join(", ", extra.Take(4)) + (extra.Count > 4 ? $" and {extra.Count - 4} more" : "");
        return $"uncontained paths through {shown}";
    }

    private SourceLocation AtUserSite(SourceLocation location, IrAssignment assignment) =>
        location.IsInStandardLibrary ? At(assignment.Place) : location;

    private SourceLocation At(Place place) => platform.LocationOf(place);

    private void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
}
