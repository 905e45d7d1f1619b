using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Engine;
using Rasdl.Semantics;
using Rasdl.Testing;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine;

public class ContainmentTests
{
    [Fact]
    public void TheDesignExampleIsContainedInTheVmUnderBothProfiles()
    {
        var compilation = TempWorkspace.CompileText(Samples.DesignExample);

        Assert.Empty(compilation.GetDiagnostics());
        var profiles = compilation.Analysis.Profiles;
        Assert.Equal(["production", "legacy"], profiles.Select(p => p.Name));
        var production = Assert.Single(profiles[0].Regions);
        Assert.Equal("gpu0.bar0", production.QualifiedName);
        Assert.Equal(Stage2Attribute.FwbNormalNC, production.Stage2);
        Assert.True(production.Fwb);
        Assert.Equal("device_nGnRnE device_nGnRE device_nGRE device_GRE normal_nc", Words(production.Effective));
        Assert.Equal(ContainmentVerdict.ContainedInVm, production.Verdict);
        Assert.Equal(Differential.None, production.Differential);
        var legacy = Assert.Single(profiles[1].Regions);
        Assert.Equal(Stage2Attribute.FwbDeviceNGnRE, legacy.Stage2);
        Assert.Equal("device_nGnRnE device_nGnRE", Words(legacy.Effective));
        Assert.Equal(ContainmentVerdict.ContainedInVm, legacy.Verdict);
    }

    [Fact]
    public void ARootPortThatTurnsATimeoutIntoABusErrorPanicsTheHostUnderBothChoices()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, """
                on ur  (read)  -> all_ones;
                on ca  (read)  -> all_ones;
                on cto (read)  -> slverr;
                on poison      -> poison;
                on any (write) -> drop;
            """));

        var region = compilation.Analysis.Profiles[0].Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        Assert.Equal(Differential.Both, region.Differential);
        var errors = compilation.GetDiagnostics().Where(d => d.Code == "RASDL2001").ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(
            "nic.bar0 (profile production, stage 2 NORMAL_NC): a guest Normal-NC read that meets a completion timeout becomes SError(UC) at core and panics the host; rc0 turns cto into slverr here (and 16 more paths)",
            errors.Single(e => e.Message.Contains("production", StringComparison.Ordinal)).Message);
        Assert.All(errors, e => Assert.Equal(15, e.Location.Range.Start.Line + 1));
    }

    [Fact]
    public void TheDiagnosticCarriesTheWholeWitnessAsRelatedLocations()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto"));

        var error = compilation.GetDiagnostics().First(d => d.Code == "RASDL2001" && d.Message.Contains("legacy", StringComparison.Ordinal));
        Assert.Equal(
            [
                "21:1 nic.bar0 is assigned via vfio_pci: stage 2 device_nGnRE (MemAttr 0b0001), the guest maps it Device-nGnRE at stage 1, effective Device-nGnRE",
                "20:1 route core -> mesh -> rc0 (cpu core)",
                "18:12 nic can produce cto",
                "13:5 rc0 turns cto into slverr",
                "9:5 mesh passes slverr on",
                "4:5 core takes slverr as SError(UC)",
                $"{UcPanicLine}:5 kvm_6_7: panics the host",
            ],
            error.Related.Select(r => $"{r.Location.Range.Start.Line + 1}:{r.Location.Range.Start.Character + 1} {r.Message}"));
        Assert.Equal("std/kvm.rasdl", error.Related[^1].Location.Path);
    }

    // std/kvm.rasdl: the line of kvm_6_7's `on serror(uc) when ras -> panic;` (arm64_serror_panic()).
    private static int UcPanicLine =>
        Array.FindIndex(File.ReadAllLines(Repository.PathOf("compiler/Rasdl.Compiler/Std/kvm.rasdl")), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"on serror\(uc\)\s+when ras\s+-> panic;")) + 1;

    [Fact]
    public void WitnessesRecordStage1ChoiceEffectiveTypeAccessFaultStepsAndAction()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto"));

        var region = compilation.Analysis.Profiles[0].Regions.Single();
        var witness = Assert.Single(region.Witnesses);
        Assert.Equal(MemoryType.NormalNC, witness.Stage1);
        Assert.Equal(MemoryType.NormalNC, witness.Effective);
        Assert.Equal("read", witness.Access.Name);
        Assert.Equal(ErrorKind.Cto, witness.Fault.Error);
        Assert.Equal(["rc0", "mesh", "core"], witness.Steps.Select(s => s.Block.Name));
        Assert.Equal(HypervisorAction.Panic, witness.Treatment!.Action);
        Assert.Equal("normal_nc read, cto: rc0 cto -> slverr, mesh slverr -> slverr, core slverr -> serror(uc) -> panic", witness.Short());
    }

    [Fact]
    public void AccessesOnlyNormalMemoryAllowsMakeARegionUnsafeOnlyUnderNormalNc()
    {
        // A root port sees a request's memory attributes (Device or Normal), not whether a read is speculative.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read, normal_nc) -> hang;
                on any (read)            -> all_ones;
                on any (write)           -> drop;
            """));

        var production = compilation.Analysis.Profiles[0].Regions.Single();
        var legacy = compilation.Analysis.Profiles[1].Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, production.Verdict);
        Assert.Equal(ContainmentVerdict.ContainedInDevice, legacy.Verdict);
        Assert.Equal(Differential.NormalNcOnly, production.Differential);
        Assert.Equal(Differential.NormalNcOnly, legacy.Differential);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2006" && d.Message.Contains("uncontained only under NORMAL_NC", StringComparison.Ordinal));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2001" && d.Message.Contains("Normal-NC read that meets an unsupported request (UR) makes rc0 hang", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("device_GRE", "gathered", true)]
    [InlineData("device_nGRE", "gathered", false)]
    [InlineData("normal_nc", "zva", true)]
    [InlineData("device_nGnRE", "unaligned", false)]
    [InlineData("device_nGnRnE", "atomic", true)]
    [InlineData("device_nGnRnE", "exclusive", true)]
    public void TheAccessEngineAdmitsWhatEachTypeAllows(string type, string access, bool reachable)
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, $$"""
                on any ({{access}}, {{type}}) -> hang;
                on any (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "ur"));

        Assert.Equal(reachable, compilation.Analysis.Profiles[0].Regions.Single().Verdict == ContainmentVerdict.Uncontained);
    }

    [Fact]
    public void AnErrorWithNoRuleIsUncontainedAndTheDescriptionIncomplete()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on ur (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "ur, cto"));

        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Profiles[0].Regions.Single().Verdict);
        var incomplete = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL2002");
        Assert.Equal("'rc0' has no rule for cto on a read of Device-nGnRnE memory (first reached from nic.bar0); the engine treats it as uncontained", incomplete.Message);
        Assert.Equal(14, incomplete.Location.Range.Start.Line + 1);
    }

    [Fact]
    public void EachErrorWithNoRuleIsReportedOnceThoughTheyTakeOneRouteWithOneAccess()
    {
        // The diagnostics look at each walk once: the walk is the route, the error, the access
        // and the type, and two errors on one route and access are two walks, two warnings.
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on ur (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "ur, cto, ca"));

        var incomplete = compilation.GetDiagnostics().Where(d => d.Code == "RASDL2002").Select(d => d.Message).ToList();
        Assert.Equal(
            [
                "'rc0' has no rule for ca on a read of Device-nGnRnE memory (first reached from nic.bar0); the engine treats it as uncontained",
                "'rc0' has no rule for cto on a read of Device-nGnRnE memory (first reached from nic.bar0); the engine treats it as uncontained",
            ],
            incomplete);
    }

    [Theory]
    // An SError from a Device read (the legacy profile: no speculative reads) is pending as the
    // guest exits, so it is judged in guest context (arch/arm64/kvm/hyp/entry.S __guest_exit),
    // with or without FEAT_IESB. kvm_handle_guest_serror(): a non-RAS syndrome (no FEAT_RAS:
    // whatever the core's severity, or impdef), UER and UEU are injected; arm64_is_fatal_ras_serror():
    // CE and UEO carry on, UC panics.
    [InlineData("ras, iesb", "uer", ContainmentVerdict.ContainedInVm)]
    [InlineData("ras", "uer", ContainmentVerdict.ContainedInVm)]
    [InlineData("iesb", "uer", ContainmentVerdict.ContainedInVm)]
    [InlineData("ras", "ce", ContainmentVerdict.ContainedInVm)]
    [InlineData("iesb", "ce", ContainmentVerdict.ContainedInVm)]
    [InlineData("ras, iesb", "uc", ContainmentVerdict.Uncontained)]
    [InlineData("iesb", "uc", ContainmentVerdict.ContainedInVm)]
    [InlineData("ras, iesb", "impdef", ContainmentVerdict.ContainedInVm)]
    public void SErrorsFromReadsAreJudgedInGuestContext(string features, string severity, ContainmentVerdict expected)
    {
        var compilation = TempWorkspace.CompileText(Platforms.With($"on slverr -> serror({severity});", Platforms.BusErrorRootPort, features: features, faults: "ur"));

        Assert.Equal(expected, compilation.Analysis.Profiles.Single(p => p.Name == "legacy").Regions.Single().Verdict);
    }

    [Theory]
    // An SError from a write may be taken after the guest has exited: do_serror() panics for
    // anything but CE/UEO (with RAS), so the worse of the two contexts decides.
    [InlineData("ras", "uer", ContainmentVerdict.Uncontained)]
    [InlineData("ras", "ueo", ContainmentVerdict.ContainedInVm)]
    [InlineData("ras", "ce", ContainmentVerdict.ContainedInVm)]
    [InlineData("iesb", "ce", ContainmentVerdict.Uncontained)]
    [InlineData("ras, iesb", "impdef", ContainmentVerdict.Uncontained)]
    public void SErrorsFromWritesAreJudgedInTheWorseContext(string features, string severity, ContainmentVerdict expected)
    {
        // A bus error on a write comes back (slverr meets every access); reads are answered.
        var compilation = TempWorkspace.CompileText(Platforms.With($"on slverr (write) -> serror({severity}); on slverr -> sea;", """
                on any (read)  -> all_ones;
                on any (write) -> slverr;
            """, features: features, faults: "malformed"));

        Assert.Equal(expected, compilation.Analysis.Profiles.Single(p => p.Name == "legacy").Regions.Single().Verdict);
    }

    [Fact]
    public void APanicThatAMissingFeatureCausesSaysWhichFeature()
    {
        // A corrected SError from a write, without FEAT_RAS: in host context do_serror() panics.
        var compilation = TempWorkspace.CompileText(Platforms.With("on slverr (write) -> serror(ce); on slverr -> sea;", """
                on any (read)  -> all_ones;
                on any (write) -> slverr;
            """, features: "iesb", faults: "malformed"));

        Assert.Contains(compilation.GetDiagnostics(), d => d.Message.Contains("if taken in host context (after the guest has exited) panics the host (kvm_6_8 would carry on with ras, which the platform lacks)", StringComparison.Ordinal));
    }

    [Fact]
    public void AUserHypervisorDecidesTheTreatment()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto", extra: """
            hypervisor tolerant {
                stage2 default -> device_nGnRE;
                on sea -> inject;
                on serror(any) -> inject;
            }
            profile tolerant_profile { hypervisor tolerant; }
            """));

        var tolerant = compilation.Analysis.Profiles.Single(p => p.Name == "tolerant_profile");
        Assert.Equal(ContainmentVerdict.ContainedInVm, tolerant.Verdict);
        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Profiles[0].Verdict);
    }

    [Fact]
    public void AHypervisorThatSaysNothingIsTreatedAsAPanic()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto", extra: """
            hypervisor terse {
                stage2 default -> device_nGnRE;
                on sea -> inject;
            }
            profile terse_profile { hypervisor terse; }
            """));

        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Profiles.Single(p => p.Name == "terse_profile").Verdict);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2004" && d.Message == "hypervisor 'terse' does not say what happens to serror(uc) on this platform; the engine treats it as a host panic");
    }

    [Fact]
    public void HangAndResetAreUncontainedAndAReadWithoutAResponseNeverCompletes()
    {
        var hang = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> hang; on any -> drop;", faults: "cto"));
        var reset = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> reset; on any -> drop;", faults: "cto"));
        // A read waits for a response: a signal alone, or drop, leaves it waiting forever.
        var irq = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> irq(aer);", faults: "cto"));
        var dropped = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> drop;", faults: "cto"));
        // All-ones answers the read; the AER interrupt beside it is recovered OS-first (pcie_do_recovery()).
        var both = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> all_ones, irq(aer);", faults: "cto"));
        var answered = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, "on cto (read) -> all_ones;", faults: "cto"));

        Assert.Equal(ContainmentVerdict.Uncontained, hang.Analysis.Verdict);
        Assert.Equal(ContainmentVerdict.Uncontained, reset.Analysis.Verdict);
        Assert.Equal(ContainmentVerdict.Uncontained, irq.Analysis.Verdict);
        Assert.Equal(ContainmentVerdict.Uncontained, dropped.Analysis.Verdict);
        Assert.Contains(irq.GetDiagnostics(), d => d.Code == "RASDL2007" && d.Message.Contains("with only a signal (irq(aer))", StringComparison.Ordinal));
        Assert.Contains(dropped.GetDiagnostics(), d => d.Code == "RASDL2007" && d.Message.Contains("answers a read with drop", StringComparison.Ordinal));
        Assert.Equal(ContainmentVerdict.ContainedInVm, both.Analysis.Verdict);
        Assert.Equal(ContainmentVerdict.ContainedInDevice, answered.Analysis.Verdict);
    }

    [Fact]
    public void ADeadRuleIsReportedWithTheRuleThatShadowsIt()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, """
                on any (read)  -> all_ones;
                on cto (read)  -> slverr;
                on any (write) -> drop;
            """, faults: "ur, cto"));

        var dead = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL2003");
        Assert.Equal("this rule never applies: the earlier rule 'on any (read) -> all_ones' (line 15) matches everything it matches; swap the two, or remove this one", dead.Message);
        Assert.Equal(16, dead.Location.Range.Start.Line + 1);
    }

    [Fact]
    public void ARuleForNormalOnlyAccessesIsAliveUnderADeviceOnlyProfile()
    {
        var text = Platforms.With(Platforms.SafeCore, """
                on any (read, normal_nc) -> all_ones;
                on any (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "ur, cto").Replace("profile production { hypervisor kvm_6_8; }", "", StringComparison.Ordinal);

        Assert.DoesNotContain(TempWorkspace.CompileText(text).GetDiagnostics(), d => d.Code == "RASDL2003");
    }

    [Fact]
    public void ACpuThatPassesAnErrorOnIsReported()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With("on slverr -> slverr;", Platforms.BusErrorRootPort, faults: "ur"));

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL2005");
        Assert.Equal(ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
    }

    [Fact]
    public void AnUncontainedPathCanBeSilencedOnItsLine()
    {
        var text = Platforms.With(Platforms.FatalReadCore, """
                on cto (read)  -> slverr; // rasdl-disable-next-line RASDL2001 -- not this one
                on any (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "cto");
        var silenced = Platforms.With(Platforms.FatalReadCore, """
                // rasdl-disable-next-line RASDL2001 -- board has a watchdog
                on cto (read)  -> slverr;
                on any (read)  -> all_ones;
                on any (write) -> drop;
            """, faults: "cto");

        Assert.Contains(TempWorkspace.CompileText(text).GetDiagnostics(), d => d.Code == "RASDL2001");
        Assert.DoesNotContain(TempWorkspace.CompileText(silenced).GetDiagnostics(), d => d.Code == "RASDL2001");
    }

    [Fact]
    public void APlatformWithFwbUsesTheFwbEncodings()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.MasterAbortRootPort, features: "fwb, ras, iesb"));

        Assert.Equal(
            [Stage2Attribute.FwbNormalNC, Stage2Attribute.FwbDeviceNGnRE],
            compilation.Analysis.Profiles.Select(p => p.Regions.Single().Stage2));
    }

    [Fact]
    public void VfioPlatformStaysDeviceUnderKvm68()
    {
        var compilation = TempWorkspace.CompileText(
            Platforms.With(Platforms.SafeCore, Platforms.MasterAbortRootPort, driver: "vfio_platform")
                .Replace("pcie_endpoint", "platform_device", StringComparison.Ordinal));

        Assert.Equal(Stage2Attribute.DeviceNGnRE, compilation.Analysis.Profiles[0].Regions.Single().Stage2);
    }

    [Fact]
    public void WalksAreMemoisedSoSharedRootPortsCostOnce()
    {
        static int Walks(int endpoints)
        {
            var text = string.Concat(Enumerable.Range(0, endpoints).Select(i => $$"""
                endpoint e{{i}} : pcie_endpoint under rc0 { region bar mmio size 4K; faults ur, cto; }
                assign e{{i}}.bar to guest via vfio_pci;

                """));
            var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, extra: text));
            return compilation.Analysis.Walks;
        }

        Assert.Equal(Walks(2), Walks(40));
    }

    // Two root ports written alike (the same rules, written twice): the engine shares their
    // walks, yet each diagnostic sits on the port's own rule, and a rule is dead or alive by
    // what reaches its own block. The completer abort comes from below rc2, analysed after rc1 (whose
    // rules then stand for both), so a location taken from rc1 would show.
    private const string TwinRootPorts = """
        block rc1 : root_port {
            on any (read)  -> all_ones;
            on ca (write)  -> hang;
            on any (write) -> drop;
        }
        block rc2 : root_port {
            on any (read)  -> all_ones;
            on ca (write)  -> hang;
            on any (write) -> drop;
        }
        endpoint a : pcie_endpoint under rc2 { region bar mmio size 4K; faults ur, ca; }
        endpoint b : pcie_endpoint under rc1 { region bar mmio size 4K; faults ur; }
        route core -> mesh -> rc1;
        route core -> mesh -> rc2;
        assign b.bar to guest via vfio_pci;
        assign a.bar to guest via vfio_pci;
        """;

    [Fact]
    public void AlikeBlocksShareWalksButEachDiagnosticSitsOnItsOwnRule()
    {
        var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.MasterAbortRootPort, extra: TwinRootPorts));
        var text = compilation.Root.Tree!.Text.Text;
        int LineOf(string block, string rule)
        {
            var start = text.IndexOf($"block {block} ", StringComparison.Ordinal);
            return text[..text.IndexOf(rule, start, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        }

        var diagnostics = compilation.GetDiagnostics();
        var hangs = diagnostics.Where(d => d.Code == "RASDL2001").ToList();
        Assert.NotEmpty(hangs);
        Assert.All(hangs, d => Assert.Equal(LineOf("rc2", "on ca (write)  -> hang;"), d.Location.Range.Start.Line + 1));
        Assert.All(hangs, d => Assert.StartsWith("a.bar ", d.Message, StringComparison.Ordinal));

        // rc1's rule for ca is not dead by mistake: b, under rc1, never produces ca (DeadRules).
        Assert.DoesNotContain(diagnostics, d => d.Code == "RASDL2003");

        var region = compilation.Analysis.Profiles[0].Regions.Single(r => r.QualifiedName == "a.bar");
        var witness = region.Witnesses.First();
        Assert.Equal("rc2", witness.Steps[0].Block.Name);
        Assert.Same(compilation.Analysis.Platform.Blocks.Single(b => b.Name == "rc2").Rules[1], witness.Steps[0].Rule);
    }

    [Fact]
    public void AlikeRootPortsCostOneSetOfSharedSteps()
    {
        static (int Walks, int Shared) Work(int ports)
        {
            var text = string.Concat(Enumerable.Range(0, ports).Select(i => $$"""
                block rp{{i}} : root_port {
                    on any (read)  -> slverr;
                    on any (write) -> drop;
                }
                endpoint e{{i}} : pcie_endpoint under rp{{i}} { region bar mmio size 4K; faults ur, cto; }
                route core -> mesh -> rp{{i}};
                assign e{{i}}.bar to guest via vfio_pci;

                """));
            var compilation = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, extra: text));
            return (compilation.Analysis.Walks, compilation.Analysis.SharedSteps);
        }

        var (walks2, shared2) = Work(2);
        var (walks40, shared40) = Work(40);
        Assert.Equal(shared2, shared40);
        Assert.True(walks40 > walks2, "every real block is still visited, for the dead-rule check");
    }

    private static string Words(IEnumerable<MemoryType> types) => string.Join(" ", types.Select(t => t.Word()));
}
