using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>Where an SError is taken (placeholder until the vocabulary has it).</summary>
public enum ExecutionContext
{
    Guest,
    Host,
}

/// <summary>A firmware block's rule: which CPU outcome or signal it claims, and the CPER severity it gives.</summary>
internal sealed record FirmwareRule(OutcomeKind Outcome, ImmutableArray<SErrorSeverity> Severities, IrqKind? Irq, OutcomeKind Severity)
{
    public bool Matches(OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq) =>
        Outcome == kind
        && (kind != OutcomeKind.SError || Severities.IsDefaultOrEmpty || (severity is { } s && Severities.Contains(s)))
        && (kind != OutcomeKind.Irq || Irq is null || Irq == irq);
}

/// <summary>
/// How the reference walker reads the parts of the IR it needs, in one place: what a rule
/// responds and signals, a cpu's claims, the firmware block, treatment conditions.
/// </summary>
internal static class ReferenceIr
{
    public static IEnumerable<string> UnboundAssignments(PlatformIr platform) => [];

    public static IEnumerable<Feature> PolicyConditions(Stage2Policy policy) => [];

    public static bool IsRefused(Stage2Attribute attribute) => false;

    public static bool FaultsDeclared(IrEndpoint endpoint) => true;

    /// <summary>The rule's one response (null: signals only).</summary>
    public static Outcome? Response(IrRule rule) => rule.Outcome.Kind == OutcomeKind.Irq ? null : rule.Outcome;

    public static IEnumerable<Outcome> Signals(IrRule rule) => rule.Outcome.Kind == OutcomeKind.Irq ? [rule.Outcome] : [];

    public static bool IsWriteBackWord(AccessWord word) => false;

    public static IEnumerable<ImmutableArray<AccessWord>> SErrorInGuestClaims(IrBlock cpu) => [];

    public static bool IsFirmware(HypervisorAction action) => false;

    public static bool IsRecover(HypervisorAction action) => false;

    public static IrqKind? TreatmentIrq(OutcomeTreatment treatment) => null;

    public static IEnumerable<Feature> TreatmentFeatures(OutcomeTreatment treatment) => treatment.Conditions;

    public static IEnumerable<ExecutionContext> TreatmentContexts(OutcomeTreatment treatment) => [];

    public static IrBlock? FirmwareBlock(PlatformIr platform) => null;

    public static IEnumerable<FirmwareRule> FirmwareRules(IrBlock firmware) => [];
}
