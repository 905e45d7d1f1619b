using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>
/// How the reference walker reads the parts of the IR it needs, in one place: what a rule
/// responds and signals, a cpu's claims, the firmware block, an endpoint's faults line.
/// </summary>
internal static class ReferenceIr
{
    /// <summary>Assigned regions the lowering left out (their endpoint or region did not bind).</summary>
    public static IEnumerable<string> UnboundAssignments(PlatformIr platform) => [];

    /// <summary>Whether the endpoint has a `faults` line (`faults none;` is one).</summary>
    public static bool FaultsDeclared(IrEndpoint endpoint) =>
        endpoint.Regions.IsEmpty || endpoint.Regions[0].Symbol.Endpoint.FaultsDeclared;

    /// <summary>Every outcome the rule writes, in order.</summary>
    public static ImmutableArray<Outcome> Outcomes(IrBlock block, IrRule rule) => block.Symbol.Rules[block.Rules.IndexOf(rule)].Outcomes;

    /// <summary>The rule's one response (null: signals only).</summary>
    public static Outcome? Response(IrBlock block, IrRule rule) => Outcomes(block, rule).FirstOrDefault(o => o.Kind != OutcomeKind.Irq);

    /// <summary>The interrupts the rule raises.</summary>
    public static IEnumerable<Outcome> Signals(IrBlock block, IrRule rule) => Outcomes(block, rule).Where(o => o.Kind == OutcomeKind.Irq);

    /// <summary>The access filters of the cpu's `claim serror_in_guest` lines (empty: every access).</summary>
    public static IEnumerable<ImmutableArray<AccessWord>> SErrorInGuestClaims(IrBlock cpu) =>
        cpu.Symbol.Claims.Where(c => c.Kind == ClaimKind.SErrorInGuest).Select(c => c.Accesses);

    /// <summary>The platform's firmware block (at most one; the first if the binder let more through).</summary>
    public static IrBlock? FirmwareBlock(PlatformIr platform) => platform.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Firmware);

    public static IEnumerable<FirmwareRule> FirmwareRules(IrBlock firmware) => firmware.Symbol.FirmwareRules;
}
