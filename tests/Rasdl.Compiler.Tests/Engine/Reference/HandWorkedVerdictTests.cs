using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Diagnostics;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>
/// Verdicts worked out by hand from DOMAIN.md sections 4-6 and the sound-verdict semantics (each
/// test's comment is the derivation), never copied from the engine's output. The engine must give
/// them, and the reference walker must agree with the engine on each platform.
/// </summary>
public class HandWorkedVerdictTests
{
    /// <summary>One core, one root port, one endpoint (nic.bar0) under profile p.</summary>
    private static string Platform(
        string core,
        string rootPort,
        string features = "ras",
        string faults = "faults cto;",
        string hypervisor = "kvm_6_7",
        string driver = "vfio_pci",
        string extra = "") => $$"""
        import "std/kvm.rasdl";
        platform board {{{(features.Length == 0 ? "" : $" features {features};")}} }
        block core : cpu {
        {{core}}
        }
        block rc0 : root_port {
        {{rootPort}}
        }
        endpoint nic : pcie_endpoint under rc0 {
            region bar0 mmio size 64K;
            {{faults}}
        }
        route core -> rc0;
        assign nic.bar0 to guest via {{driver}};
        profile p { hypervisor {{hypervisor}}; }
        {{extra}}
        """;

    private static (RegionResult Region, Compilation Compilation) Analyse(string text)
    {
        var compilation = TempWorkspace.CompileText(text);
        var differences = EngineComparison.Differences(compilation.Analysis);
        Assert.True(differences.IsEmpty, $"the engine and the reference walker disagree:\n{string.Join('\n', differences)}");
        return (compilation.Analysis.Profiles.Single(p => p.Name == "p").Regions.Single(), compilation);
    }

    private static ContainmentVerdict Verdict(string text) => Analyse(text).Region.Verdict;

    [Fact]
    public void ADroppedReadNeverCompletes()
    {
        var (region, compilation) = Analyse(Platform(core: "on any -> sea;", rootPort: "on cto (read) -> drop;"));

        // cto meets only non-posted accesses (read, exclusive read, atomic); each is dropped, so the vCPU waits forever: a hang (DOMAIN.md 5).
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2007" && d.Location.Range.Start.Line == 6);
    }

    [Fact]
    public void ADroppedWriteIsContainedInTheDevice()
    {
        // malformed meets every access; reads get all-ones, the posted writes are dropped (no completion is awaited).
        Assert.Equal(
            ContainmentVerdict.ContainedInDevice,
            Verdict(Platform(core: "on any -> serror(uc);", rootPort: "on malformed (read) -> all_ones;\non malformed (write) -> drop;", faults: "faults malformed;")));
    }

    [Fact]
    public void AnEndpointThatDeclaresNoFaultsIsContainedInTheDevice()
    {
        // `faults none;`: nothing fails, so no path starts; the fatal core rule is never reached.
        Assert.Equal(ContainmentVerdict.ContainedInDevice, Verdict(Platform(core: "on any -> serror(uc);", rootPort: "on any -> slverr;", faults: "faults none;")));
    }

    [Fact]
    public void AnEndpointWithoutAFaultsLineIsNotContained()
    {
        var (region, compilation) = Analyse(Platform(core: "on any -> sea;", rootPort: "on any -> all_ones;", faults: ""));

        // No `faults` line: what the device produces is unknown, and unknown is unsafe (SPEC 6), though every rule here is benign.
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void ASpeculativeSlverrTakenAsSeaUnderNormalNcIsUnknown()
    {
        var text = Platform(core: "on slverr (read) -> sea;", rootPort: "on cto -> slverr;", hypervisor: "kvm_6_8");
        var (region, compilation) = Analyse(text);

        // kvm_6_8 maps vfio_pci NORMAL_NC: a speculative read's cto becomes slverr, and `(read) -> sea` claims an SEA
        // that an access never architecturally executed cannot take (Arm ARM IsExternalAbortTakenSynchronously): unknown, so uncontained.
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2008" && d.Location.Range.Start.Line == 3);
        // Under DEVICE_nGnRE there is no speculative read; the reads' SEA is injected (kvm_inject_vabt()): contained in the VM.
        Assert.Equal(ContainmentVerdict.ContainedInVm, region.DeviceRun.Verdict);
        Assert.Equal(Differential.NormalNcOnly, region.Differential);
    }

    [Fact]
    public void AnSErrorFromAReadIsTheGuestsWithRasAndWithoutIesb()
    {
        // Device-nGnRE: cto meets read, exclusive read, atomic, all of which the vCPU waits for: the SError is pending as the guest
        // exits (__guest_exit: esb + DISR_EL1, no IESB needed); kvm_handle_guest_serror() injects UER: contained in the VM.
        Assert.Equal(ContainmentVerdict.ContainedInVm, Verdict(Platform(core: "on slverr -> serror(uer);", rootPort: "on cto -> slverr;", features: "ras")));
    }

    [Fact]
    public void AnSErrorFromAWriteMayBeTakenInHostContext()
    {
        const string core = "on slverr (read) -> sea;\non slverr (write) -> serror(uer);";

        // A posted write's SError may become pending after the guest left: do_serror() panics for UER (DOMAIN.md 5), the worse context wins.
        Assert.Equal(ContainmentVerdict.Uncontained, Verdict(Platform(core, rootPort: "on malformed -> slverr;", faults: "faults malformed;")));
        // The platform's claim that its cores' SErrors from writes are pending before the guest exits leaves only guest context: injected.
        Assert.Equal(
            ContainmentVerdict.ContainedInVm,
            Verdict(Platform("claim serror_in_guest (write);\n" + core, rootPort: "on malformed -> slverr;", faults: "faults malformed;")));
    }

    [Fact]
    public void APoisonedWriteResponseMayStillBeTakenInHostContext()
    {
        // A write gets no data back, so no load of the guest consumes the poison (DOMAIN.md 5): its SError(UER) may be
        // taken in host context, where do_serror() panics.
        Assert.Equal(
            ContainmentVerdict.Uncontained,
            Verdict(Platform(core: "on poison -> serror(uer);", rootPort: "on malformed -> poison;", faults: "faults malformed;")));
    }

    [Fact]
    public void APoisonedReadIsTheGuestsEvenWhenSpeculative()
    {
        // Under NORMAL_NC a speculative read's poisoned data is reported only when the guest's own load consumes it (DOMAIN.md 5):
        // guest context, where kvm_handle_guest_serror() injects UER. Reads of every other kind are guest-only anyway.
        Assert.Equal(
            ContainmentVerdict.ContainedInVm,
            Verdict(Platform(core: "on poison -> serror(uer);", rootPort: "on poison -> poison;", faults: "faults poison;", hypervisor: "kvm_6_8")));
    }

    [Fact]
    public void AnUnroutedAssignedEndpointLeavesTheProfileIncomplete()
    {
        var compilation = TempWorkspace.CompileText(Platform(
            core: "on any -> sea;",
            rootPort: "on any -> all_ones;",
            extra: "block island : root_port { on any -> all_ones; }\nendpoint lost : pcie_endpoint under island { region bar0 mmio size 4K; faults ur; }\nassign lost.bar0 to guest via vfio_pci;"));

        // nic.bar0 is contained in the device (all-ones), but no route reaches island, so lost.bar0 was never analysed:
        // unknown is unsafe, the profile is incomplete, not contained, and it names the region it left out.
        var profile = compilation.Analysis.Profiles.Single();
        Assert.Equal(ContainmentVerdict.ContainedInDevice, profile.Regions.Single().Verdict);
        Assert.Equal(ContainmentVerdict.Incomplete, profile.Verdict);
        Assert.Equal(["lost.bar0"], profile.LeftOut.Select(r => r.Name));
        Assert.Empty(EngineComparison.Differences(compilation.Analysis));
    }

    [Fact]
    public void ANonRasSErrorFromAReadIsInjected()
    {
        // No FEAT_RAS: the syndrome is not a RAS one whatever severity the rule writes; reads are guest-only, and
        // kvm_handle_guest_serror() injects a non-RAS SError: contained in the VM.
        Assert.Equal(ContainmentVerdict.ContainedInVm, Verdict(Platform(core: "on slverr -> serror(uc);", rootPort: "on cto -> slverr;", features: "")));
    }

    [Fact]
    public void AFirmwareFirstPlatformThatSaysNothingAboutItsFirmwareIsNotContained()
    {
        const string features = "ras, firmware_first";

        // apei_claim_sea() asks the firmware first; with no firmware block its severity is unknown: uncontained (RASDL2009).
        var (silent, compilation) = Analyse(Platform(core: "on slverr -> sea;", rootPort: "on cto -> slverr;", features: features));
        Assert.Equal(ContainmentVerdict.Uncontained, silent.Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2009");
        // A firmware that reports the SEA recoverable: GHES does not panic, KVM injects (std: `on recoverable -> continue`): the VM's.
        Assert.Equal(
            ContainmentVerdict.ContainedInVm,
            Verdict(Platform(core: "on slverr -> sea;", rootPort: "on cto -> slverr;", features: features, extra: "block el3 : firmware { on sea -> recoverable; }")));
        // A firmware that reports it fatal: __ghes_panic().
        Assert.Equal(
            ContainmentVerdict.Uncontained,
            Verdict(Platform(core: "on slverr -> sea;", rootPort: "on cto -> slverr;", features: features, extra: "block el3 : firmware { on sea -> fatal; }")));
    }

    [Fact]
    public void CacheableDeviceMemoryUnderKvm617IsMappedOnlyWithFwb()
    {
        const string core = "on slverr (read) -> sea;\non slverr (write) -> serror(uer);";

        // With FEAT_S2FWB, kvm_6_17 maps vfio_pci_cacheable Normal-WB (fwb_force_wb): a write-back of a dirty line whose
        // malformed TLP becomes SError(UER) may be taken in host context, where do_serror() panics.
        var (cacheable, _) = Analyse(Platform(core, "on malformed -> slverr;", features: "ras, fwb", faults: "faults malformed;", hypervisor: "kvm_6_17", driver: "vfio_pci_cacheable"));
        Assert.Equal(ContainmentVerdict.Uncontained, cacheable.Verdict);
        Assert.Equal(Rasdl.Vocabulary.Stage2Attribute.FwbForceWB, cacheable.Stage2);
        // Without FWB KVM refuses the cacheable mapping: no guest access reaches the region.
        Assert.Equal(
            ContainmentVerdict.ContainedInDevice,
            Verdict(Platform(core, "on malformed -> slverr;", features: "ras", faults: "faults malformed;", hypervisor: "kvm_6_17", driver: "vfio_pci_cacheable")));
    }

    [Fact]
    public void AllOnesWithAFatalAerErrorIsJudgedByWhoHandlesTheAerInterrupt()
    {
        const string rootPort = "on cto (read) -> all_ones, irq(aer);";

        // Firmware-first: the AER interrupt goes to the firmware, which calls it fatal: __ghes_panic(); the all-ones read does not help.
        Assert.Equal(
            ContainmentVerdict.Uncontained,
            Verdict(Platform("on any -> sea;", rootPort, features: "ras, firmware_first", extra: "block el3 : firmware { on irq(aer) -> fatal; }")));
        // OS-first: aer_isr() -> pcie_do_recovery() resets the link; the device is lost to the guest, the host survives: the VM's.
        Assert.Equal(ContainmentVerdict.ContainedInVm, Verdict(Platform("on any -> sea;", rootPort, features: "ras")));
    }
}
