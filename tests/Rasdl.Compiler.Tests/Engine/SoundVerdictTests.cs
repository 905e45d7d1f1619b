using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Engine;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// What the engine must not call contained (DOMAIN sections 4-6): each expected verdict is
/// worked out by hand from the sources named in the comment, not read off the engine.
/// </summary>
public class SoundVerdictTests
{
    [Fact]
    public void AnSeaForAnErrorResponseToASpeculativeReadIsADescriptionErrorAndUnknown()
    {
        // Under NORMAL_NC the guest can make speculative reads; rc0 answers every read with
        // SLVERR; the core's only rule for it is `(read) -> sea`, but a read that is never
        // executed cannot take a synchronous abort (Arm ARM IsExternalAbortTakenSynchronously()).
        var compilation = TempWorkspace.CompileText(Platforms.With("on slverr (read) -> sea;", Platforms.BusErrorRootPort, faults: "ur"));

        var production = compilation.Analysis.Profiles.Single(p => p.Name == "production").Regions.Single();
        var legacy = compilation.Analysis.Profiles.Single(p => p.Name == "legacy").Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, production.Verdict);
        Assert.Equal(ContainmentVerdict.ContainedInVm, legacy.Verdict); // Device: no speculative reads
        var error = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL2008");
        Assert.Equal(4, error.Location.Range.Start.Line + 1);
        Assert.Contains(production.Witnesses, w => w.Access.Speculative && w.Walk.End == PathEnd.Impossible);
    }

    [Fact]
    public void PoisonOnASpeculativeReadMayStillBeASynchronousAbort()
    {
        // Poisoned data is deferred to the load that consumes it (DOMAIN 5): `poison -> sea` is valid.
        var compilation = TempWorkspace.CompileText(Platforms.With("on poison (read) -> sea;", """
                on poison (read) -> poison;
                on any (read)    -> all_ones;
                on any (write)   -> drop;
            """, faults: "poison"));

        Assert.Equal(ContainmentVerdict.ContainedInVm, compilation.Analysis.Verdict);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code == "RASDL2008");
    }

    [Fact]
    public void PostedWritesMeetNoCompletionTimeoutAndTheirUnsupportedRequestsDoNotComeBack()
    {
        // PCIe: a posted write has no completion, so no timeout; its UR ends at the root port,
        // even where a rule would pass it on as a bus error.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, """
                on any (read)  -> all_ones;
                on any (write) -> slverr;
            """, faults: "ur, cto"));

        Assert.Equal(ContainmentVerdict.ContainedInDevice, compilation.Analysis.Verdict);
        Assert.True(AccessModel.Meets(ErrorKind.Ur, GuestAccess.Write));
        Assert.False(AccessModel.Meets(ErrorKind.Cto, GuestAccess.Write));
        Assert.False(AccessModel.Meets(ErrorKind.Poison, GuestAccess.GatheredWrite));
        Assert.True(AccessModel.Meets(ErrorKind.Cto, GuestAccess.Atomic));
        Assert.False(AccessModel.ComesBack(ErrorKind.Ur, GuestAccess.Write));
        Assert.True(AccessModel.ComesBack(ErrorKind.Ur, GuestAccess.Atomic));
        Assert.True(AccessModel.ComesBack(ErrorKind.Malformed, GuestAccess.Write));
    }

    [Fact]
    public void ASwitchForwardsAPostedWritesErrorMessageToTheRootPortWhereItEnds()
    {
        // PCIe: the completer's error message for a posted write travels upstream through the
        // switch to the root port, whose AER signals it; the write itself is long done.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read)  -> all_ones;
                on ur (write)  -> slverr, irq(eri);
            """, faults: "ur", extra: """
            block sw0 : pcie_switch { on ur -> ur; }
            endpoint far : pcie_endpoint under sw0 { region bar mmio size 4K; faults ur; }
            route core -> mesh -> rc0 -> sw0;
            assign far.bar to guest via vfio_pci;
            """));

        var far = compilation.Analysis.Profiles.Single(p => p.Name == "legacy").Regions.Single(r => r.QualifiedName == "far.bar");
        Assert.Equal(ContainmentVerdict.Uncontained, far.Verdict); // irq(eri) has no OS-first treatment
        var witness = Assert.Single(far.Witnesses);
        Assert.Equal(["sw0", "rc0"], witness.Steps.Select(s => s.Block.Name));
        Assert.Equal(PathEnd.Answered, witness.Walk.End); // slverr does not come back for a write
    }

    [Fact]
    public void AnAtomicIsNonPostedSoAWriteRuleThatOnlySignalsLeavesItWaiting()
    {
        // An atomic reads and writes: `(write)` matches it, and it waits for a response.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (write) -> irq(aer);
                on any (read)  -> all_ones;
            """, faults: "ur"));

        var region = compilation.Analysis.Profiles.Single(p => p.Name == "legacy").Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Contains(region.Witnesses, w => w.Access == GuestAccess.Atomic && w.Walk.End == PathEnd.NeverCompletes);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2007" && d.Message.Contains("answers a atomic", StringComparison.Ordinal));
    }

    [Fact]
    public void AFirmwareFirstPlatformThatSaysNothingOfItsFirmwareIsUncontained()
    {
        // kvm_handle_guest_sea() -> apei_claim_sea(): on a firmware-first platform the firmware's
        // CPER severity decides; with no firmware block it is unknown, so unsafe.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, features: "ras, firmware_first", faults: "ur"));

        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
        var silent = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL2009" && d.Message.Contains("for sea", StringComparison.Ordinal));
        Assert.Contains("no `firmware` block", silent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAerSignalBesideAllOnesIsRecoveredOsFirst()
    {
        // aer_isr() -> pcie_do_recovery(): the device is lost to the guest, the host survives.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read)  -> all_ones, irq(aer);
                on any (write) -> drop;
            """, faults: "ur, cto"));

        Assert.Equal(ContainmentVerdict.ContainedInVm, compilation.Analysis.Verdict);
        var witness = compilation.Analysis.Profiles[0].Regions.Single().Witnesses.First();
        var signal = Assert.Single(witness.Judgements);
        Assert.Equal(HypervisorAction.Recover, signal.Treatment!.Action);
    }

    [Fact]
    public void AnErrorRecordInterruptOnAnOsFirstHostIsUnknown()
    {
        // std/kvm.rasdl names no OS-first handler for RAS error-record interrupts.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read)  -> all_ones, irq(eri);
                on any (write) -> drop;
            """, faults: "ur"));

        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2004" && d.Message.Contains("irq(eri)", StringComparison.Ordinal));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2001" && d.Message.Contains("makes rc0 signal irq(eri)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnroutedAssignedEndpointMakesTheProfileIncomplete()
    {
        var text = Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, faults: "ur", extra: """
            block rc9 : root_port { on any (read) -> all_ones; on any -> drop; }
            endpoint lost : pcie_endpoint under rc9 { region bar mmio size 4K; faults ur; }
            assign lost.bar to guest via vfio_pci;
            """);
        var compilation = TempWorkspace.CompileText(text);

        var profile = compilation.Analysis.Profiles.Single(p => p.Name == "legacy");
        Assert.Equal(ContainmentVerdict.Incomplete, profile.Verdict);
        var left = Assert.Single(profile.LeftOut);
        Assert.Equal("lost.bar", left.Name);
        Assert.Contains("no route reaches rc9", left.Reason, StringComparison.Ordinal);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2011" && d.Message.StartsWith("lost.bar was not analysed under profile legacy", StringComparison.Ordinal));
    }

    [Fact]
    public void AProfileWithNoAssignedRegionProvesNothing()
    {
        var text = Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, faults: "ur")
            .Replace("assign nic.bar0 to guest via vfio_pci;", "", StringComparison.Ordinal);
        var compilation = TempWorkspace.CompileText(text);

        Assert.Equal(2, compilation.GetDiagnostics().Count(d => d.Code == "RASDL2010"));
    }

    [Fact]
    public void TheDifferentialTakesTheProfilesOwnAttributeAndHasNoDeviceOnly()
    {
        // fwb_use_s1 lets the guest pick Normal-WB: write-backs of dirty lines reach the bus.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read)      -> all_ones;
                on any (writeback) -> hang;
                on any (write)     -> drop;
            """, features: "ras, fwb", faults: "malformed", extra: """
            hypervisor use_s1 { stage2 default -> fwb_use_s1; on sea -> inject; on serror(any) -> panic; }
            profile cacheable { hypervisor use_s1; }
            """));

        var region = compilation.Analysis.Profiles.Single(p => p.Name == "cacheable").Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Equal(Differential.CacheableOnly, region.Differential);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2006" && d.Message.Contains("cacheable memory types", StringComparison.Ordinal));
        Assert.DoesNotContain(Enum.GetNames<Differential>(), n => n.Contains("Device", StringComparison.Ordinal));
    }

    [Fact]
    public void ACompletionTimeoutAnsweredWithAllOnesIsExplainedAsAStall()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.MasterAbortRootPort, faults: "cto"));

        var region = compilation.Analysis.Profiles[0].Regions.Single();
        Assert.Contains(Rasdl.Emit.RegionNotes.For(region), n => n.Contains("the vCPU stalls until then", StringComparison.Ordinal));
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.IsError || d.Code == "RASDL2004");
    }

    [Fact]
    public void NoNormalNcNoteForARegionKvmNeverMapsNormalNc()
    {
        // vfio-platform stays DEVICE_nGnRE under every KVM (no VM_ALLOW_ANY_UNCACHED).
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "ur", driver: "vfio_platform")
            .Replace("pcie_endpoint", "platform_device", StringComparison.Ordinal));

        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code == "RASDL2006");
    }
}
