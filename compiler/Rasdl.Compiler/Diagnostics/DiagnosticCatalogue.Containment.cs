namespace Rasdl.Diagnostics;

public static partial class DiagnosticCatalogue
{
    public static readonly DiagnosticDescriptor UncontainedPath = new(
        "RASDL2001", DiagnosticSeverity.Error, "Uncontained error path",
        "{0} (profile {1}, stage 2 {2}): {3}{4}",
        """
        A guest that owns the region can cause an error that takes the host down: the path
        ends in a host panic, a hang or a reset, or somewhere the description does not say
        what happens (unknown is unsafe). The diagnostic sits on the rule that let the error
        escape: the last block before the CPU that converted it (where it could have been
        answered, e.g. with all-ones data), the rule that hangs or resets, or the block with no
        rule. Related locations give the rest of the witness: the assignment, the fault, each
        block's step and the hypervisor's treatment.

        The guest picks its stage-1 memory type freely, so every effective type the stage-2
        attribute allows is tried, with every access that type admits. Fix the platform's
        rules (answer failed reads at the root port), or, if the hardware really behaves so,
        do not assign the region to a guest on this platform.
        """);

    public static readonly DiagnosticDescriptor IncompleteDescription = new(
        "RASDL2002", DiagnosticSeverity.Warning, "No rule for an error that reaches the block",
        "'{0}' has no rule for {1} on a {2} of {3} memory ({4}); the engine treats it as uncontained",
        """
        An error reaches this block and none of its rules matches it, so the description does
        not say what the hardware does. The engine never guesses: unknown is unsafe, and the
        path counts as uncontained. Add a rule, most specific first, e.g.
        `on cto (read) -> all_ones;` or a catch-all `on any -> ...;` at the end.
        """);

    public static readonly DiagnosticDescriptor DeadRule = new(
        "RASDL2003", DiagnosticSeverity.Warning, "Rule never applies",
        "this rule never applies: {0}",
        """
        No guest access under any profile brings a matching error to this block with a
        matching access and memory type, or an earlier rule of the block always matches first.
        A dead rule usually means a typo in the error or filter, or rules in the wrong order.
        The analysis tries NORMAL_NC and DEVICE_nGnRE at stage 2 for every region, so rules for
        Normal-NC-only accesses are alive even under a profile that maps Device.
        """);

    public static readonly DiagnosticDescriptor HypervisorSilent = new(
        "RASDL2004", DiagnosticSeverity.Warning, "Hypervisor does not treat a CPU outcome",
        "hypervisor '{0}' does not say what happens to {1} on this platform; the engine treats it as a host panic",
        """
        A guest access can end in this CPU outcome, and none of the hypervisor's `on ...`
        treatments matches it (with the platform's features). Add a treatment, e.g.
        `on serror(any) -> panic;` as the last line, so the verdict is written down rather
        than assumed.
        """);

    public static readonly DiagnosticDescriptor ErrorPassesBeyondCpu = new(
        "RASDL2005", DiagnosticSeverity.Warning, "A cpu passes an error on",
        "'{0}' is a cpu, the end of every route, but this rule passes {1} on; the engine treats it as uncontained",
        """
        A core turns a bus error response into an exception (`sea`, `serror(...)`), answers it
        or hangs; there is no block beyond it to pass an error to. Write the CPU outcome the
        core really produces.
        """);

    public static readonly DiagnosticDescriptor StageTwoDifferential = new(
        "RASDL2006", DiagnosticSeverity.Info, "NORMAL_NC against DEVICE_nGnRE",
        "{0}: {1}",
        """
        For each assigned region the engine runs both stage-2 choices KVM makes for device
        memory, NORMAL_NC (Linux 6.8 and later for vfio-pci) and DEVICE_nGnRE (before), and
        compares the uncontained paths:

        - `both`: uncontained either way. The memory type is not the problem; the platform's
          error handling is (the point of the 2023 discussion that led to Linux 6.8).
        - `normal_nc-only`: the Normal-NC relaxation itself adds uncontained paths, through
          accesses only Normal memory allows (speculative reads, gathered, unaligned or DC ZVA
          writes) or the Device types a guest can then pick.
        - `device-only`: uncontained only under DEVICE_nGnRE.
        """);
}
