using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>What one line of a trace is about.</summary>
public enum TraceLineKind
{
    /// <summary>The `assign` and the guest's stage-1 choice.</summary>
    Assignment,

    /// <summary>The route declaration the path followed.</summary>
    Route,

    /// <summary>The endpoint's `faults` line.</summary>
    Fault,

    /// <summary>A block's step: the rule that applied, or the block with no rule.</summary>
    Step,

    /// <summary>A cpu block's claim that put an SError in guest context.</summary>
    Claim,

    /// <summary>The hypervisor's treatment of a CPU outcome or a signal.</summary>
    Hypervisor,

    /// <summary>The firmware's rule (firmware-first platforms).</summary>
    Firmware,
}

/// <summary>One line of a trace: a place in the description and what happened there.</summary>
/// <param name="Step">The block's step, for <see cref="TraceLineKind.Step"/> lines.</param>
public sealed record TraceLine(TraceLineKind Kind, SourceLocation Location, string Text, WitnessStep? Step = null);

/// <summary>
/// A path told as the places it went through, from the `assign` to the hypervisor's decision:
/// the notes under an uncontained-path diagnostic and the entries of <c>rasdl paths</c> read the
/// same lines.
/// </summary>
public static class WitnessTrace
{
    public static IEnumerable<TraceLine> For(RegionResult region, Witness path)
    {
        yield return new TraceLine(TraceLineKind.Assignment, path.LocationOf(region.Assignment.Place),
            $"{region.QualifiedName} is assigned via {Words.Drivers.TextOf(region.Driver)}: stage 2 {Stage2Table.Name(region.Stage2)} (MemAttr {Stage2Table.MemAttr(region.Stage2)}), the guest maps it {path.Stage1.ArmName()} at stage 1, effective {path.Effective.ArmName()}");
        yield return new TraceLine(TraceLineKind.Route, path.LocationOf(path.Route.Place), $"route {string.Join(" -> ", path.Route.Hops.Select(h => h.Name))} (cpu {path.Route.Cpu.Name})");
        yield return new TraceLine(TraceLineKind.Fault, path.LocationOf(path.Fault.Place), $"{region.Assignment.Endpoint.Name} can produce {Words.Errors.TextOf(path.Fault.Error)}");
        foreach (var step in path.Steps)
        {
            yield return new TraceLine(TraceLineKind.Step, path.LocationOf(step.Place), step.Describe(), step);
        }

        foreach (var judgement in path.Judgements)
        {
            if (judgement.Claim is { } claim)
            {
                yield return new TraceLine(TraceLineKind.Claim, path.LocationOf(claim.Place), $"{path.Route.Cpu.Name} claims an SError from a {path.Access.Name} is pending before the guest exits (the platform team's claim)");
            }

            var subject = judgement.Outcome.Kind == OutcomeKind.Irq ? judgement.Outcome.ToString() : Phrases.CpuOutcome(judgement.Outcome);
            if (judgement.Treatment is { } treatment)
            {
                var signal = judgement.Outcome.Kind == OutcomeKind.Irq ? $"{subject}: " : "";
                yield return new TraceLine(TraceLineKind.Hypervisor, path.LocationOf(treatment.Place), $"{region.Hypervisor}: {signal}{Phrases.Judged(judgement, region.Hypervisor)}");
            }

            if (judgement.Firmware is { } firmware)
            {
                yield return new TraceLine(TraceLineKind.Firmware, path.LocationOf(firmware.Place), $"the firmware reports {subject} {Words.Outcomes.TextOf(firmware.Reports)}");
            }

            if (judgement.AfterFirmware is { } after)
            {
                yield return new TraceLine(TraceLineKind.Hypervisor, path.LocationOf(after.Place), $"{region.Hypervisor}: {Words.Outcomes.TextOf(judgement.Firmware!.Reports)} {Phrases.Treatment(after, region.Hypervisor)}");
            }
        }
    }
}
