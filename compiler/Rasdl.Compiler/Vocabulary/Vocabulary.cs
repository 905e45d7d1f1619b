namespace Rasdl.Vocabulary;

/// <summary>
/// RASDL's closed vocabulary: every block kind, error, access kind, memory type, outcome,
/// severity, feature, driver, stage-2 attribute and hypervisor action, each with its meaning
/// and where that meaning comes from. The binder, hover, completion, the language reference
/// and the editor grammar all read this one table.
/// </summary>
public static partial class Vocabulary
{
    public static readonly WordSet<BlockKind> BlockKinds = new("block kind",
        new("cpu", BlockKind.Cpu,
            "An application core (or cluster): turns a bus error response or poisoned data into a CPU exception.",
            "The end of every route. Only a `cpu` block may produce `sea` or `serror(...)`. How a core turns an error response into a synchronous external abort or an SError is IMPLEMENTATION DEFINED per core and access (Arm ARM: external aborts), so each cpu block describes it with its own rules."),
        new("interconnect", BlockKind.Interconnect,
            "A coherent or non-coherent interconnect (mesh, ring, crossbar) between cores and I/O.",
            "Interconnects may pass an error response through unchanged, convert it (e.g. AXI SLVERR to CHI DERR), or poison data. A rule of its own says which, for each error that reaches it."),
        new("root_port", BlockKind.RootPort,
            "A PCIe root port or host bridge: where a failed PCIe transaction becomes a bus response.",
            "A root port turns a failed non-posted request (UR, CA, completion timeout, poisoned TLP) into all-ones data with an OK response (the x86 \"master abort\" behaviour), or into a bus error response (AXI SLVERR/DECERR, CHI DERR/NDERR). Posted writes get no completion: their failures are only logged through AER. Which of these a root port does is IMPLEMENTATION DEFINED, so it is described here."),
        new("pcie_switch", BlockKind.PcieSwitch,
            "A PCIe switch between a root port and endpoints.",
            "A switch forwards requests downstream and completions upstream; it can also originate UR or completion errors and supports Downstream Port Containment (DPC)."),
        new("bridge", BlockKind.Bridge,
            "Any other bridge on the path (e.g. to a peripheral bus for platform devices).",
            "A bridge may pass, convert or absorb error responses; describe what it does with rules."));

    public static readonly WordSet<EndpointKind> EndpointKinds = new("endpoint kind",
        new("pcie_endpoint", EndpointKind.PcieEndpoint,
            "A PCIe function whose BARs can be assigned to a guest (normally through vfio-pci).",
            "Its regions are memory BARs. Failures come back as PCIe errors: `ur`, `ca`, `cto`, `poison`, `malformed`."),
        new("platform_device", EndpointKind.PlatformDevice,
            "A non-PCIe device on a bus, assignable through vfio-platform.",
            "Its regions are MMIO windows described by firmware (DT or ACPI). Failures come back as bus responses, e.g. `slverr` or `decerr`."));

    public static readonly WordSet<ErrorKind> Errors = new("error",
        new("ur", ErrorKind.Ur,
            "PCIe Unsupported Request: the completer does not support the request (e.g. the function is gone or disabled).",
            "PCIe Base Specification, \"Unsupported Request\". After Downstream Port Containment stops a link, later requests fail as UR too.") { OtherNames = ["unsupported_request"] },
        new("ca", ErrorKind.Ca,
            "PCIe Completer Abort: the completer could not complete a request it should support.",
            "PCIe Base Specification, \"Completer Abort\".") { OtherNames = ["completer_abort"] },
        new("cto", ErrorKind.Cto,
            "PCIe completion timeout: no completion arrived for a non-posted request (e.g. the link is down or the device hung).",
            "Only non-posted requests (reads, and atomics) wait for a completion. A root port without a completion timeout would wait forever: describe that as `hang`.") { OtherNames = ["timeout", "completion_timeout", "ct"] },
        new("poison", ErrorKind.Poison,
            "Poisoned data: a TLP or bus beat whose data is marked corrupt.",
            "A poisoned TLP (EP bit) or poisoned data on the interconnect. Consuming poison in a core is an error; deferring it is a platform choice.") { OtherNames = ["poisoned", "poisoned_tlp"] },
        new("malformed", ErrorKind.Malformed,
            "A malformed TLP or ECRC error on the link.",
            "PCIe Base Specification, \"Malformed TLP\" and \"ECRC Check Failed\": uncorrectable errors reported through AER.") { OtherNames = ["ecrc", "mtlp", "malformed_tlp", "ecrc_error"] },
        new("slverr", ErrorKind.Slverr,
            "AXI SLVERR: the subordinate signalled an error response.",
            "AMBA AXI: RRESP/BRESP = SLVERR."),
        new("decerr", ErrorKind.Decerr,
            "AXI DECERR: no subordinate at the address (decode error).",
            "AMBA AXI: RRESP/BRESP = DECERR."),
        new("derr", ErrorKind.Derr,
            "CHI DERR: data error in the response (the data is corrupt).",
            "AMBA CHI: RespErr = DERR."),
        new("nderr", ErrorKind.Nderr,
            "CHI NDERR: non-data error (e.g. the address could not be accessed).",
            "AMBA CHI: RespErr = NDERR."),
        new("any", ErrorKind.Any,
            "Any error: as the error of a rule, matches every error that reaches the block.",
            "Rules are tried in the order written and the first match wins, so `on any ...` is a catch-all that belongs last."));

    public static readonly WordSet<AccessWord> Accesses = new("access kind",
        new("read", AccessWord.Read,
            "Any read: ordinary, speculative, unaligned, exclusive or atomic.",
            "Reads are non-posted: they need a completion, so a failure is answered (with data, all-ones, an error response or poison)."),
        new("write", AccessWord.Write,
            "Any write: ordinary, gathered, unaligned, exclusive, atomic, or DC ZVA.",
            "Memory writes are posted on PCIe: there is no completion, so a failure is only logged (AER) unless a block answers it with an error response."),
        new("speculative", AccessWord.Speculative,
            "A speculative read: one the program never executed. Normal memory only.",
            "Arm ARM, \"Normal memory\": the CPU may read Normal memory speculatively; Device memory is never read speculatively."),
        new("gathered", AccessWord.Gathered,
            "A gathered (write-combined) write: several writes merged into one larger transaction.",
            "Permitted for Normal memory and for Device-GRE (the G in GRE: gathering). Write-combining is why guests want Normal-NC for BARs (larger PCIe write TLPs)."),
        new("unaligned", AccessWord.Unaligned,
            "An unaligned read or write. Normal memory only.",
            "Arm ARM: an unaligned access to Device memory takes an alignment fault (no bus access); to Normal memory it is performed, possibly as several transactions."),
        new("exclusive", AccessWord.Exclusive,
            "A load- or store-exclusive (LDXR/STXR).",
            "Arm ARM: whether exclusives to Device or Non-cacheable memory work or return an error response is IMPLEMENTATION DEFINED: describe it with rules."),
        new("atomic", AccessWord.Atomic,
            "An atomic memory operation (FEAT_LSE: LDADD, CAS, SWP…).",
            "Arm ARM: whether atomics to Device or Non-cacheable memory work or return an error response is IMPLEMENTATION DEFINED: describe it with rules."),
        new("zva", AccessWord.Zva,
            "DC ZVA: zero a block of memory. Normal memory only; it is a write.",
            "Arm ARM, DC ZVA: on Device memory it takes an alignment fault (no bus access); on Normal-NC it writes a block of zeros."));

    public static readonly WordSet<MemoryTypeSet> MemoryTypes = new("memory type",
        new("device_nGnRnE", MemoryTypeSet.DeviceNGnRnE,
            "Device-nGnRnE: no gathering, no reordering, no early write acknowledgement.",
            "The most restrictive Device type (Arm ARM, \"Device memory\")."),
        new("device_nGnRE", MemoryTypeSet.DeviceNGnRE,
            "Device-nGnRE: no gathering, no reordering, early write acknowledgement allowed.",
            "What Linux's ioremap() and pgprot_device() map, and what KVM uses at stage 2 for device memory (MT_S2_DEVICE_nGnRE)."),
        new("device_nGRE", MemoryTypeSet.DeviceNGRE,
            "Device-nGRE: no gathering, reordering and early write acknowledgement allowed.",
            "Arm ARM, \"Device memory\"."),
        new("device_GRE", MemoryTypeSet.DeviceGRE,
            "Device-GRE: gathering, reordering and early write acknowledgement allowed.",
            "The least restrictive Device type; the only one that permits gathering (Arm ARM, \"Device memory\")."),
        new("normal_nc", MemoryTypeSet.NormalNC,
            "Normal Non-cacheable: what Linux's pgprot_writecombine() maps.",
            "Normal memory: speculative reads, gathering and merging of writes, reordering, unaligned accesses and DC ZVA are all permitted (Arm ARM, \"Normal memory\")."),
        new("normal_wt", MemoryTypeSet.NormalWT,
            "Normal Write-Through cacheable (inner = outer).",
            "Reachable by a guest only where stage 2 lets stage 1 choose cacheability."),
        new("normal_wb", MemoryTypeSet.NormalWB,
            "Normal Write-Back cacheable (inner = outer).",
            "Reachable by a guest only where stage 2 lets stage 1 choose cacheability, or is forced by FEAT_S2FWB's force-WB encoding."),
        new("device", MemoryTypeSet.Device,
            "Any Device type (nGnRnE, nGnRE, nGRE, GRE); in filters only.",
            "A filter shorthand for the four Device types."),
        new("normal", MemoryTypeSet.Normal,
            "Any Normal type (NC, WT, WB); in filters only.",
            "A filter shorthand for the three Normal types."));

    public static readonly WordSet<OutcomeKind> Outcomes = new("outcome",
        new("all_ones", OutcomeKind.AllOnes,
            "The access completes with all-ones data and an OK response: contained in the device.",
            "The \"master abort\" behaviour copied from x86: the failed read returns 0xFF…F and the CPU sees no error. For a write: the write is discarded and acknowledged."),
        new("drop", OutcomeKind.Drop,
            "The failed access is discarded (a posted write that goes nowhere): contained in the device.",
            "The failure may be logged (AER) but nothing reaches the CPU."),
        new("sea", OutcomeKind.Sea,
            "Synchronous External Abort on the CPU that made the access. Only a cpu block produces it.",
            "Linux/KVM: kvm_handle_guest_abort() -> kvm_handle_guest_sea(); the hypervisor declaration says what follows (KVM injects an abort into the guest)."),
        new("serror", OutcomeKind.SError,
            "An SError (asynchronous external abort) of the given severity: `serror(uc|ueu|uer|ueo|ce|impdef)`. Only a cpu block produces it.",
            "Linux/KVM: handle_exit_early() and kvm_handle_guest_serror(), then arm64_is_fatal_ras_serror() decide by severity; the hypervisor declaration says what follows."),
        new("irq", OutcomeKind.Irq,
            "The access completes and the error is reported out of band by an interrupt: `irq(aer|fhi|eri)`. Contained in the device.",
            "The host's handler (e.g. the PCIe AER driver) deals with the error; the access itself does not fault."),
        new("hang", OutcomeKind.Hang,
            "The access never completes (e.g. no completion timeout): uncontained, the whole host is affected.",
            "A core waiting forever on a load cannot be recovered by the hypervisor."),
        new("reset", OutcomeKind.Reset,
            "The platform resets or signals a fatal error to firmware: uncontained.",
            "Affects every guest and the host."));

    public static readonly WordSet<SErrorSeverity> SErrorSeverities = new("SError severity",
        new("uc", SErrorSeverity.Uc,
            "Uncontainable: the error may have propagated silently. The host panics.",
            "Arm ARM: ESR_ELx.AET = UC. Linux: arm64_is_fatal_ras_serror() calls arm64_serror_panic()."),
        new("ueu", SErrorSeverity.Ueu,
            "Unrecoverable: the error is contained but execution cannot continue.",
            "Arm ARM: ESR_ELx.AET = UEU. Linux: fatal in host context; KVM injects a virtual SError into the guest that caused it."),
        new("uer", SErrorSeverity.Uer,
            "Recoverable: the error is contained and software can recover.",
            "Arm ARM: ESR_ELx.AET = UER. Linux: fatal in host context; KVM injects a virtual SError into the guest that caused it."),
        new("ueo", SErrorSeverity.Ueo,
            "Restartable: the error has not been consumed; execution can continue.",
            "Arm ARM: ESR_ELx.AET = UEO. Linux: arm64_is_fatal_ras_serror() returns false; the host carries on."),
        new("ce", SErrorSeverity.Ce,
            "Corrected: nothing was lost.",
            "Arm ARM: ESR_ELx.AET = CE. Linux: arm64_is_fatal_ras_serror() returns false; the host carries on."),
        new("impdef", SErrorSeverity.Impdef,
            "An IMPLEMENTATION DEFINED syndrome (ESR_ELx.IDS = 1): not a RAS syndrome.",
            "Linux: arm64_is_ras_serror() is false; KVM injects a virtual SError into the guest; in host context do_serror() panics."),
        new("any", SErrorSeverity.Any,
            "Any severity; in hypervisor treatments only.",
            "A catch-all pattern for `on serror(any) -> ...`."));

    public static readonly WordSet<IrqKind> IrqKinds = new("interrupt kind",
        new("aer", IrqKind.Aer,
            "PCIe Advanced Error Reporting: the root port raises an interrupt and logs the error.",
            "Linux: the AER driver (drivers/pci/pcie/aer.c) handles it and may reset the link."),
        new("fhi", IrqKind.Fhi,
            "RAS fault handling interrupt from an error record.",
            "Arm RAS extension: ERR<n>CTLR.FI."),
        new("eri", IrqKind.Eri,
            "RAS error recovery interrupt from an error record.",
            "Arm RAS extension: ERR<n>CTLR.UI."));

    public static readonly WordSet<Feature> Features = new("feature",
        new("fwb", Feature.Fwb,
            "FEAT_S2FWB: stage 2 can force cacheability (HCR_EL2.FWB); the stage-2 MemAttr encoding changes.",
            "Arm ARM: \"stage 2 memory type and Cacheability attributes when FEAT_S2FWB is enabled\". Linux uses the FWB encodings through KVM_S2_MEMATTR() when FWB is in use."),
        new("ras", Feature.Ras,
            "FEAT_RAS: SErrors carry a syndrome with a severity (ESR_ELx.AET).",
            "Linux: with RAS, kvm_handle_guest_serror() decides by severity; without it KVM injects every SError into the guest and the host panics on any SError it takes itself."),
        new("iesb", Feature.Iesb,
            "FEAT_IESB: errors are synchronised at every exception entry (SCTLR_ELx.IESB).",
            "With RAS and IESB, an SError caused by a guest is taken before KVM leaves guest context, so it is attributed to the guest; without them it can be taken in host context, where do_serror() panics."));

    public static readonly WordSet<Driver> Drivers = new("driver",
        new("vfio_pci", Driver.VfioPci,
            "vfio-pci: a PCIe function's BARs mapped into a guest.",
            "Linux: vfio_pci_core_mmap() sets VM_ALLOW_ANY_UNCACHED on BAR mappings from 6.8, which lets KVM map them NORMAL_NC at stage 2."),
        new("vfio_platform", Driver.VfioPlatform,
            "vfio-platform: a platform device's MMIO mapped into a guest.",
            "Linux: does not set VM_ALLOW_ANY_UNCACHED, so KVM keeps DEVICE_nGnRE at stage 2."),
        new("io", Driver.Io,
            "Any other I/O mapping a VMM gives a guest (e.g. a /dev/mem-style mapping).",
            "Linux: no VM_ALLOW_ANY_UNCACHED, so KVM keeps DEVICE_nGnRE at stage 2."),
        new("default", Driver.Default,
            "In a hypervisor: the stage-2 policy for every driver without one of its own.",
            "Only valid in `stage2 default -> ATTRIBUTE;`."));

    public static readonly WordSet<HypervisorAction> HypervisorActions = new("hypervisor action",
        new("inject", HypervisorAction.Inject,
            "The hypervisor delivers the error to the guest that caused it: contained in the VM.",
            "KVM: kvm_inject_dabt()/kvm_inject_vabt() (an abort or a virtual SError for the guest)."),
        new("continue", HypervisorAction.Continue,
            "The host logs the error and carries on; the guest runs on: contained in the VM.",
            "Linux: arm64_is_fatal_ras_serror() returns false for CE and UEO."),
        new("panic", HypervisorAction.Panic,
            "The host panics: uncontained.",
            "Linux: arm64_serror_panic()."));

    public static readonly WordSet<RegionSpace> RegionSpaces = new("address space",
        new Word<RegionSpace>("mmio", RegionSpace.Mmio,
            "Memory-mapped I/O: a BAR or MMIO window the guest reaches with loads and stores.",
            "The region is mapped at stage 2 with the attribute the hypervisor picks for its driver."));

    public static readonly WordSet<RegionAttribute> RegionAttributes = new("region attribute",
        new Word<RegionAttribute>("prefetchable", RegionAttribute.Prefetchable,
            "The BAR is prefetchable: reads have no side effects and may be merged.",
            "PCIe: the Prefetchable bit of a memory BAR. It says what the device tolerates; the stage-2 attribute still decides what a guest can issue."));

    /// <summary>Every vocabulary word of every category, for hover and the language reference.</summary>
    public static IEnumerable<IVocabularyWord> AllWords =>
        BlockKinds.Words.Cast<IVocabularyWord>()
            .Concat(EndpointKinds.Words).Concat(Errors.Words).Concat(Accesses.Words)
            .Concat(MemoryTypes.Words).Concat(Outcomes.Words).Concat(SErrorSeverities.Words)
            .Concat(IrqKinds.Words).Concat(Features.Words).Concat(Drivers.Words)
            .Concat(Stage2Attributes.Words).Concat(HypervisorActions.Words)
            .Concat(RegionSpaces.Words).Concat(RegionAttributes.Words);

    /// <summary>All words spelled like <paramref name="text"/> (one word can be in several categories, e.g. `any`).</summary>
    public static IEnumerable<IVocabularyWord> Lookup(string text) => AllWords.Where(w => w.Text == text);
}
