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
        - `cacheable-only`: uncontained only under the profile's own stage-2 attribute, which
          lets the guest reach cacheable types (Normal-WT/WB: line fills, prefetch and
          write-backs) that NORMAL_NC does not.

        There is no "uncontained only under DEVICE_nGnRE": every type a guest reaches under
        DEVICE_nGnRE it reaches under NORMAL_NC too. The note is given only for regions whose
        driver some profile's hypervisor maps NORMAL_NC (vfio-pci from Linux 6.8); a region
        KVM never maps NORMAL_NC gets no NORMAL_NC comparison.
        """);

    public static readonly DiagnosticDescriptor AccessNeverCompletes = new(
        "RASDL2007", DiagnosticSeverity.Error, "A read that never completes",
        "{0} (profile {1}): this rule answers a {2} with {3}, but a {2} waits for a response: it never completes and the core hangs",
        """
        Reads, atomics and exclusive loads are non-posted: the core waits for data or an
        error response. `drop` (no response) means something only for posted writes, and an
        interrupt (`irq(...)`) is reported out of band, not to the access. A rule that answers a
        non-posted access with only these leaves the core waiting forever: a hang, which takes
        the host down. Give the access a response as well, e.g.
        `on cto (read) -> all_ones, irq(aer);`, or narrow the rule to writes:
        `on any (write) -> drop;`.
        """);

    public static readonly DiagnosticDescriptor SpeculativeSynchronousAbort = new(
        "RASDL2008", DiagnosticSeverity.Error, "A speculative read cannot take a synchronous abort",
        "this rule turns {0} on a speculative read into a synchronous external abort, which cannot happen: a speculative read is never architecturally executed; the engine treats the path as unknown, so uncontained",
        """
        A speculative read is one the program never executed, so the core cannot take a
        synchronous external abort for its error response (Arm ARM: whether an external abort
        is taken synchronously is IMPLEMENTATION DEFINED per access,
        IsExternalAbortTakenSynchronously(); an access that is not architecturally executed
        takes none). Its error is dropped or reported asynchronously (an SError, an
        error-record interrupt). Say which, before the rule that gives `sea`:
        `on any (speculative) -> serror(uc);`. Poisoned data is different: it is deferred to
        the load that consumes it, so `on poison (read) -> sea;` is valid for speculative reads.
        """);

    public static readonly DiagnosticDescriptor FirmwareSilent = new(
        "RASDL2009", DiagnosticSeverity.Warning, "Firmware-first platform does not say what its firmware reports",
        "the platform handles errors firmware-first, but {0} for {1}; the engine treats it as uncontained",
        """
        On a firmware-first platform (`features firmware_first;`: external aborts and error
        interrupts go to EL3, SCR_EL3.EA = 1) Linux asks the firmware first: KVM's
        kvm_handle_guest_sea() calls apei_claim_sea(), and the CPER severity the firmware
        reports through GHES decides (a fatal one ends in __ghes_panic(), drivers/acpi/apei/ghes.c).
        Describe the firmware with a `firmware` block, e.g.
        `block el3 : firmware { on sea -> recoverable; on irq (aer) -> fatal; }`.
        Where it says nothing, the outcome is unknown, so unsafe.
        """);

    public static readonly DiagnosticDescriptor ProfileProvesNothing = new(
        "RASDL2010", DiagnosticSeverity.Warning, "Profile with no assigned region",
        "profile '{0}' analyses no assigned region, so it proves nothing: assign a region to a guest (`assign ENDPOINT.REGION to guest via vfio_pci;`)",
        """
        A profile compiles the platform under one hypervisor and judges every assigned region.
        Without an `assign`, there is nothing to judge, and the profile's verdict
        (contained-in-device) says nothing about the platform.
        """);

    public static readonly DiagnosticDescriptor ProfileIncomplete = new(
        "RASDL2011", DiagnosticSeverity.Error, "Assigned region not analysed",
        "{0} was not analysed under profile {1}: {2}; the profile is incomplete, not contained",
        """
        A region is assigned to a guest, but the profile could not analyse it: its endpoint or
        region did not resolve, no route reaches the block its endpoint sits under, or the
        profile's hypervisor has no stage-2 policy (or no encoding) for its driver. Unknown is
        unsafe: the profile's verdict is `incomplete`, `rasdl build` fails, and the region is
        named in every output. Fix the description so the region can be analysed.
        """);
}
