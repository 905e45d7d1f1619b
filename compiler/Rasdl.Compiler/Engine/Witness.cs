using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>One block on a path: the error that reached it and the rule that applied (null: no rule matched).</summary>
public sealed record WitnessStep(IrBlock Block, ErrorKind Error, IrRule? Rule)
{
    public SourceLocation Location => Rule?.Location ?? Block.Location;

    /// <summary>"rc0 turns cto into slverr", "mesh passes slverr on", "rc0 has no rule for cto".</summary>
    public string Describe()
    {
        var error = Words.Errors.TextOf(Error);
        if (Rule is null)
        {
            return $"{Block.Name} has no rule for {error}";
        }

        var outcome = Rule.Outcome;
        return outcome.Kind switch
        {
            OutcomeKind.PassOn when outcome.PassedError is ErrorKind.Any || outcome.PassedError == Error => $"{Block.Name} passes {error} on",
            OutcomeKind.PassOn => $"{Block.Name} turns {error} into {outcome}",
            OutcomeKind.AllOnes => $"{Block.Name} answers {error} with all-ones data",
            OutcomeKind.Drop => $"{Block.Name} drops {error}",
            OutcomeKind.Irq => $"{Block.Name} reports {error} out of band ({outcome})",
            OutcomeKind.Hang => $"{Block.Name} hangs on {error}",
            OutcomeKind.Reset => $"{Block.Name} resets the platform on {error}",
            _ => $"{Block.Name} takes {error} as {Phrases.CpuOutcome(outcome)}",
        };
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

    public PathEnd End { get; }

    public Outcome? FinalOutcome => Last.Rule?.Outcome;

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
            case PathEnd.NoRule or PathEnd.Hang or PathEnd.Reset or PathEnd.PassedBeyondCpu:
                return Last;
            default:
                var steps = Steps;
                for (var i = steps.Length - 1; i >= 0; i--)
                {
                    var step = steps[i];
                    if (!step.Block.IsCpu && step.Rule?.Outcome is { Kind: OutcomeKind.PassOn, PassedError: { } passed } && passed != step.Error && passed != ErrorKind.Any)
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
    OutcomeTreatment? Treatment,
    ContainmentVerdict Verdict)
{
    public ImmutableArray<WitnessStep> Steps => Walk.Steps;

    /// <summary>The step the diagnostic sits on (<see cref="PathWalk.Culprit"/>).</summary>
    public WitnessStep Culprit => Walk.Culprit;

    /// <summary>"a guest Normal-NC read that meets a completion timeout becomes SError(UC) at core and panics the host".</summary>
    public string Story(IEnumerable<Feature> platformFeatures, string hypervisor)
    {
        var start = $"a guest {Effective.ArmName()} {Access.Name} that meets {Phrases.Fault(Fault.Error)}";
        var last = Steps[^1];
        return Walk.End switch
        {
            PathEnd.Answered => $"{start} ends at {last.Block.Name}: {last.Describe()}",
            PathEnd.Hang => $"{start} makes {last.Block.Name} hang, which stalls the host",
            PathEnd.Reset => $"{start} makes {last.Block.Name} reset the platform",
            PathEnd.NoRule => $"{start} reaches {last.Block.Name} as {Words.Errors.TextOf(last.Error)}, and {last.Block.Name} has no rule for it (unknown is unsafe)",
            PathEnd.PassedBeyondCpu => $"{start} reaches {last.Block.Name}, which passes it on to nothing beyond the CPU (unknown is unsafe)",
            _ => $"{start} becomes {Phrases.CpuOutcome(Walk.FinalOutcome!)} at {last.Block.Name} and {Phrases.Treatment(Treatment, hypervisor)}",
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
            output.Write(step.Rule.Outcome.ToString());
        }

        if (Treatment is not null)
        {
            output.Write(" -> ");
            output.Write(Words.HypervisorActions.TextOf(Treatment.Action));
        }
        else if (Walk.End == PathEnd.CpuException)
        {
            output.Write(" -> (no treatment)");
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
        _ => $"{hypervisor} does not say what happens then (unknown is unsafe)",
    };
}
