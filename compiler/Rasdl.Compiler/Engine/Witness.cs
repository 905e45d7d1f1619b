using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>One block on a path: the error that reached it and the rule that applied (null: no rule matched).</summary>
public sealed record WitnessStep(IrBlock Block, ErrorKind Error, IrRule? Rule)
{
    public Place Place => Rule?.Place ?? Block.Place;

    /// <summary>"rc0 turns cto into slverr", "mesh passes slverr on", "rc0 has no rule for cto".</summary>
    public string Describe()
    {
        var error = Words.Errors.TextOf(Error);
        if (Rule is null)
        {
            return $"{Block.Name} has no rule for {error}";
        }

        var signals = Rule.Signals == 0 ? "" : $" and signals {string.Join(", ", Rule.Outcomes.Where(o => o.Kind == OutcomeKind.Irq))}";
        if (Rule.Response is not { } outcome)
        {
            return $"{Block.Name} only signals {error} ({Rule.OutcomesText}): no response";
        }

        return outcome.Kind switch
        {
            OutcomeKind.PassOn when outcome.PassedError is ErrorKind.Any || outcome.PassedError == Error => $"{Block.Name} passes {error} on",
            OutcomeKind.PassOn => $"{Block.Name} turns {error} into {outcome}",
            OutcomeKind.AllOnes => $"{Block.Name} answers {error} with all-ones data",
            OutcomeKind.Drop => $"{Block.Name} drops {error}",
            OutcomeKind.Irq => $"{Block.Name} reports {error} out of band ({outcome})",
            OutcomeKind.Hang => $"{Block.Name} hangs on {error}",
            OutcomeKind.Reset => $"{Block.Name} resets the platform on {error}",
            OutcomeKind.Sea or OutcomeKind.SError => $"{Block.Name} takes {error} as {Phrases.CpuOutcome(outcome)}",
            _ => $"{Block.Name} answers {error} with {outcome}",
        } + signals;
    }
}

/// <summary>How a walk from the device toward the CPU ended, before the hypervisor is asked.</summary>
public enum PathEnd
{
    /// <summary>A block answered, dropped or reported the error out of band.</summary>
    Answered,

    /// <summary>A block (a cpu) took it as an SEA or SError: the hypervisor decides.</summary>
    CpuException,

    Hang,
    Reset,

    /// <summary>A block had no matching rule: unknown, so unsafe.</summary>
    NoRule,

    /// <summary>The cpu passed the error on, but nothing lies beyond a CPU.</summary>
    PassedBeyondCpu,

    /// <summary>A non-posted access (a read, an atomic) was dropped or only signalled: it never completes, the core hangs.</summary>
    NeverCompletes,

    /// <summary>The rule describes what cannot happen (an SEA for an error response to a speculative read): unknown, so unsafe.</summary>
    Impossible,
}

/// <summary>A walk from the block an endpoint sits under toward the CPU; it does not depend on the hypervisor.</summary>
public sealed class PathWalk
{
    private readonly WitnessStep _first;
    private readonly PathWalk? _rest;
    private ImmutableArray<WitnessStep> _steps;

    public PathWalk(ImmutableArray<WitnessStep> steps, PathEnd end)
    {
        _steps = steps;
        _first = steps[0];
        Last = steps[^1];
        End = end;
    }

    /// <summary>
    /// One step, then an existing walk, shared rather than copied: the walks memoised along a
    /// route of N blocks then cost N, not N²/2 copied steps. The array is built when first asked for.
    /// </summary>
    public PathWalk(WitnessStep first, PathWalk rest)
    {
        _first = first;
        _rest = rest;
        Last = rest.Last;
        End = rest.End;
    }

    public ImmutableArray<WitnessStep> Steps
    {
        get
        {
            if (_steps.IsDefault)
            {
                var steps = ImmutableArray.CreateBuilder<WitnessStep>();
                var walk = this;
                for (; walk._steps.IsDefault; walk = walk._rest!)
                {
                    steps.Add(walk._first);
                }

                steps.AddRange(walk._steps);
                _steps = steps.ToImmutable();
            }

            return _steps;
        }
    }

    public WitnessStep Last { get; }

    /// <summary>The first step whose rule raises one of the signals (a bit per <see cref="IrqKind"/>), without building <see cref="Steps"/>.</summary>
    internal WitnessStep? FirstSignalling(int signals)
    {
        if (signals == 0)
        {
            return null;
        }

        var walk = this;
        for (; walk._steps.IsDefault; walk = walk._rest!)
        {
            if (((walk._first.Rule?.Signals ?? 0) & signals) != 0)
            {
                return walk._first;
            }
        }

        foreach (var step in walk._steps)
        {
            if (((step.Rule?.Signals ?? 0) & signals) != 0)
            {
                return step;
            }
        }

        return null;
    }

    public PathEnd End { get; }

    /// <summary>What the last rule answered (its response, not its signals).</summary>
    public Outcome? FinalOutcome => Last.Rule?.Response;

    /// <summary>The interrupts raised along the walk, one bit per kind.</summary>
    public int Signals => _signals >= 0 ? _signals : _signals = Steps.Aggregate(0, (bits, step) => bits | (step.Rule?.Signals ?? 0));

    // -1 until made; one int, so a thread reading it without a lock (a report's writer while
    // another core makes witnesses) sees it made or not, never half written.
    private int _signals = -1;

    /// <summary>
    /// The step a diagnostic sits on: the rule that hangs or resets, the block with no rule,
    /// or, when the CPU takes the error, the last block before it that converted the error
    /// (where it could have been answered instead), else the first block. Computed once: walks
    /// are shared by every endpoint below the same block.
    /// </summary>
    public WitnessStep Culprit => _culprit ??= FindCulprit();

    private WitnessStep? _culprit;

    private WitnessStep FindCulprit()
    {
        switch (End)
        {
            case PathEnd.NoRule or PathEnd.Hang or PathEnd.Reset or PathEnd.PassedBeyondCpu or PathEnd.NeverCompletes or PathEnd.Impossible:
                return Last;
            default:
                var steps = Steps;
                for (var i = steps.Length - 1; i >= 0; i--)
                {
                    var step = steps[i];
                    if (!step.Block.IsCpu && step.Rule?.Response is { Kind: OutcomeKind.PassOn, PassedError: { } passed } && passed != step.Error && passed != ErrorKind.Any)
                    {
                        return step;
                    }
                }

                return steps.FirstOrDefault(s => !s.Block.IsCpu) ?? steps[0];
        }
    }
}

/// <summary>
/// A complete trace for one guest behaviour: its stage-1 choice, the effective type, the access,
/// the fault, each block's step, the CPU outcome and what the hypervisor did.
/// </summary>
public sealed record Witness(
    MemoryType Stage1,
    MemoryType Effective,
    GuestAccess Access,
    DeclaredFault Fault,
    IrRoute Route,
    PathWalk Walk,
    ImmutableArray<Judgement> Judgements,
    ContainmentVerdict Verdict)
{
    public ImmutableArray<WitnessStep> Steps => Walk.Steps;

    /// <summary>Where the declarations of the version it was found in are (<see cref="PlatformIr.Placement"/>): the fault, claims, firmware rules and treatments hold places in theirs.</summary>
    public required Placement Placement { get; init; }

    /// <summary>Where a place of this witness's version is written.</summary>
    public SourceLocation LocationOf(Place place) => Placement.LocationOf(place);

    /// <summary>How the host judged the CPU outcome the walk ended in (null: it ended before the CPU).</summary>
    public Judgement? CpuJudgement => Walk.End == PathEnd.CpuException && !Judgements.IsEmpty ? Judgements[0] : null;

    /// <summary>The hypervisor treatment that decided the CPU outcome (after the firmware's, when it asked the firmware).</summary>
    public OutcomeTreatment? Treatment => CpuJudgement?.Deciding;

    /// <summary>The judgements of the signals raised on the way.</summary>
    public IEnumerable<Judgement> SignalJudgements => Judgements.Where(j => j.Outcome.Kind == OutcomeKind.Irq);

    /// <summary>
    /// When a signal makes the path worse than its response does: the first step (from the
    /// device toward the CPU) whose rule raises a signal judged as badly as the path, and that
    /// signal's judgement.
    /// </summary>
    public (WitnessStep Step, Judgement Signal)? DecidingSignalStep
    {
        get
        {
            if (ResponseVerdict >= Verdict)
            {
                return null;
            }

            foreach (var step in Steps)
            {
                foreach (var judgement in SignalJudgements)
                {
                    if (judgement.Verdict == Verdict && ((step.Rule?.Signals ?? 0) & IrRule.SignalBit(judgement.Outcome.Irq!.Value)) != 0)
                    {
                        return (step, judgement);
                    }
                }
            }

            return null;
        }
    }

    /// <summary>The signal judgement that makes the path worse than its response does, if any.</summary>
    public Judgement? DecidingSignal => DecidingSignalStep?.Signal;

    /// <summary>The verdict of the response alone (without signals).</summary>
    public ContainmentVerdict ResponseVerdict => Walk.End switch
    {
        PathEnd.Answered => ContainmentVerdict.ContainedInDevice,
        PathEnd.CpuException => CpuJudgement?.Verdict ?? ContainmentVerdict.Uncontained,
        _ => ContainmentVerdict.Uncontained,
    };

    /// <summary>
    /// The step the diagnostic sits on: where the response went wrong (<see cref="PathWalk.Culprit"/>),
    /// or, when a signal makes the path worse, the first rule that raised it.
    /// </summary>
    public WitnessStep Culprit => DecidingSignalStep?.Step ?? Walk.Culprit;

    /// <summary>"a guest Normal-NC read that meets a completion timeout becomes SError(UC) at core and panics the host".</summary>
    public string Story(IEnumerable<Feature> platformFeatures, string hypervisor)
    {
        var start = $"a guest {Effective.ArmName()} {Access.Name} that meets {Phrases.Fault(Fault.Error)}";
        var last = Steps[^1];
        if (DecidingSignal is { } signal)
        {
            return $"{start} makes {Culprit.Block.Name} signal {signal.Outcome}, and {Phrases.Judged(signal, hypervisor)}";
        }

        return Walk.End switch
        {
            PathEnd.Answered => $"{start} ends at {last.Block.Name}: {last.Describe()}",
            PathEnd.NeverCompletes => $"{start} never completes: {last.Describe()}, and a {Access.Name} waits for a response, so the core hangs",
            PathEnd.Impossible when last.Rule?.Response?.Kind == OutcomeKind.Sea => $"{start} is answered with {Words.Errors.TextOf(last.Error)}, which {last.Block.Name} takes as a synchronous external abort, but a speculative read is never executed and cannot take one (unknown is unsafe)",
            PathEnd.Impossible => $"{start} reaches {last.Block.Name}, whose rule '{last.Rule}' cannot apply there (unknown is unsafe)",
            PathEnd.Hang => $"{start} makes {last.Block.Name} hang, which stalls the host",
            PathEnd.Reset => $"{start} makes {last.Block.Name} reset the platform",
            PathEnd.NoRule => $"{start} reaches {last.Block.Name} as {Words.Errors.TextOf(last.Error)}, and {last.Block.Name} has no rule for it (unknown is unsafe)",
            PathEnd.PassedBeyondCpu => $"{start} reaches {last.Block.Name}, which passes it on to nothing beyond the CPU (unknown is unsafe)",
            _ => $"{start} becomes {Phrases.CpuOutcome(Walk.FinalOutcome!)} at {last.Block.Name} and {Phrases.Judged(CpuJudgement!, hypervisor)}",
        };
    }

    /// <summary>One line: "normal_nc speculative read, cto: rc0 cto -> slverr, mesh, core -> serror(uc) -> panic".</summary>
    public string Short()
    {
        using var text = new StringWriter();
        WriteShort(text);
        return text.ToString();
    }

    /// <summary>Writes <see cref="Short"/> without building it: a report writes one per region.</summary>
    public void WriteShort(TextWriter output)
    {
        output.Write(Effective.Word());
        output.Write(' ');
        output.Write(Access.Name);
        output.Write(", ");
        output.Write(Words.Errors.TextOf(Fault.Error));
        output.Write(": ");
        var steps = Steps;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            output.Write(i == 0 ? "" : ", ");
            output.Write(step.Block.Name);
            if (step.Rule is null)
            {
                output.Write(": no rule");
                continue;
            }

            output.Write(' ');
            output.Write(Words.Errors.TextOf(step.Error));
            output.Write(" -> ");
            // IrRule.OutcomesText, without joining it first.
            var outcomes = step.Rule.Outcomes;
            for (var o = 0; o < outcomes.Length; o++)
            {
                output.Write(o == 0 ? "" : ", ");
                output.Write(outcomes[o].ToString());
            }
        }

        if (Walk.End == PathEnd.NeverCompletes)
        {
            output.Write(" -> never completes");
        }

        foreach (var judgement in Judgements)
        {
            if (judgement.Outcome.Kind == OutcomeKind.Irq)
            {
                output.Write("; ");
                output.Write(judgement.Outcome.ToString());
            }

            // The context is shown where it matters: host context, or guest context by the core's claim.
            output.Write(judgement.Context == ErrorContext.Host ? " -> (host) " : judgement.Claim is not null ? " -> (guest, claimed) " : " -> ");
            output.Write(judgement.Short());
        }
    }
}

/// <summary>How messages say faults, CPU outcomes and hypervisor treatments.</summary>
public static class Phrases
{
    public static string Fault(ErrorKind error) => error switch
    {
        ErrorKind.Ur => "an unsupported request (UR)",
        ErrorKind.Ca => "a completer abort (CA)",
        ErrorKind.Cto => "a completion timeout",
        ErrorKind.Poison => "poisoned data",
        ErrorKind.Malformed => "a malformed TLP",
        ErrorKind.Slverr => "a slave error (SLVERR)",
        ErrorKind.Decerr => "a decode error (DECERR)",
        ErrorKind.Derr => "a data error (DERR)",
        ErrorKind.Nderr => "a non-data error (NDERR)",
        _ => "an error",
    };

    /// <summary>"a synchronous external abort", "SError(UC)".</summary>
    public static string CpuOutcome(Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Sea => "a synchronous external abort",
        OutcomeKind.SError => $"SError({Words.SErrorSeverities.TextOf(outcome.Severity ?? SErrorSeverity.Any).ToUpperInvariant()})",
        _ => outcome.ToString(),
    };

    public static string Treatment(OutcomeTreatment? treatment, string hypervisor) => treatment?.Action switch
    {
        HypervisorAction.Panic => "panics the host",
        HypervisorAction.Inject => "is injected into the guest",
        HypervisorAction.Continue => "the host carries on",
        HypervisorAction.Recover => "the host recovers (the device is lost to the guest)",
        HypervisorAction.Firmware => "goes to the platform's firmware",
        _ => $"{hypervisor} does not say what happens then (unknown is unsafe)",
    };

    /// <summary>"is injected into the guest", "in host context panics the host", "goes to the firmware, which reports it fatal, and panics the host".</summary>
    public static string Judged(Judgement judgement, string hypervisor)
    {
        var context = judgement.Context switch
        {
            ErrorContext.Host => "if taken in host context (after the guest has exited) ",
            ErrorContext.Guest when judgement.Claim is not null => "in guest context, as the core claims, ",
            _ => "",
        };
        if (judgement.Treatment?.Action != HypervisorAction.Firmware)
        {
            return context + Treatment(judgement.Treatment, hypervisor);
        }

        return judgement.Firmware is not { } firmware
            ? $"{context}goes to the platform's firmware, which does not say what it reports for it (unknown is unsafe)"
            : $"{context}goes to the platform's firmware, which reports it {Words.Outcomes.TextOf(firmware.Reports)}, and {Treatment(judgement.AfterFirmware, hypervisor)}";
    }
}

/// <summary>
/// One decision the host makes about a path: a CPU outcome (in the context it is taken in) or a
/// signal, the hypervisor treatment that applied, and, when it asked the platform's firmware,
/// the firmware's rule and the treatment of the severity it reported.
/// </summary>
public sealed record Judgement(
    Outcome Outcome,
    ErrorContext? Context,
    OutcomeTreatment? Treatment,
    FirmwareRule? Firmware,
    OutcomeTreatment? AfterFirmware,
    ContainmentVerdict Verdict)
{
    /// <summary>The core's claim that put an SError in guest context, if one did.</summary>
    public Claim? Claim { get; init; }

    /// <summary>The treatment whose action decided: the one after the firmware's report, when the firmware was asked.</summary>
    public OutcomeTreatment? Deciding => Treatment?.Action == HypervisorAction.Firmware ? AfterFirmware : Treatment;

    /// <summary>"inject", "firmware: fatal -> panic", "(no treatment)".</summary>
    public string Short() => Treatment is null ? "(no treatment)"
        : Treatment.Action != HypervisorAction.Firmware ? Words.HypervisorActions.TextOf(Treatment.Action)
        : Firmware is null ? "firmware: (no rule)"
        : $"firmware: {Words.Outcomes.TextOf(Firmware.Reports)} -> {(AfterFirmware is null ? "(no treatment)" : Words.HypervisorActions.TextOf(AfterFirmware.Action))}";
}
