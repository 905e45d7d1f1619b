using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Diagnostics;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>The binder's side of sound verdicts: what the new constructs bind to, and each mistake's diagnostic.</summary>
public class SoundVerdictBindingTests
{
    private static Compilation Compile(string text) => TempWorkspace.CompileText(text);

    /// <summary>The binding diagnostics (RASDL1xxx): the engine's verdicts are not this test's subject.</summary>
    private static List<string> Binding(Compilation compilation) =>
        [.. TempWorkspace.Describe(compilation.GetDiagnostics().Where(d => d.Code.StartsWith("RASDL1", StringComparison.Ordinal)))];

    private static Diagnostic Single(Compilation compilation, string code) => Assert.Single(compilation.GetDiagnostics(), d => d.Code == code);

    [Fact]
    public void EveryNewConstructBindsWithoutABindingDiagnostic()
    {
        var compilation = Compile(Samples.SoundVerdicts);

        Assert.Empty(Binding(compilation));
        var model = compilation.Model;
        Assert.Equal([Feature.Fwb, Feature.Ras, Feature.FirmwareFirst], model.Platform!.Features.Order());

        var rc0 = model.Blocks.Single(b => b.Name == "rc0");
        var signalled = rc0.Rules[0];
        Assert.Equal(["all_ones", "irq(aer)"], signalled.Outcomes.Select(o => o.ToString()));
        Assert.Equal(OutcomeKind.AllOnes, signalled.Outcome.Kind);
        Assert.Equal(["irq(aer)"], rc0.Rules[1].Outcomes.Select(o => o.ToString()));

        var core = model.Blocks.Single(b => b.Name == "core");
        Assert.Equal([[AccessWord.Write, AccessWord.Gathered], []], core.Claims.Select(c => c.Accesses.ToArray()));
        Assert.All(core.Claims, c => Assert.Equal(ClaimKind.SErrorInGuest, c.Kind));

        var firmware = model.Blocks.Single(b => b.Name == "el3");
        Assert.Empty(firmware.Rules);
        Assert.Equal(
            [(OutcomeKind.Sea, "", OutcomeKind.Fatal), (OutcomeKind.SError, "Uc", OutcomeKind.Fatal), (OutcomeKind.Irq, "Aer", OutcomeKind.Recoverable)],
            firmware.FirmwareRules.Select(r => (r.Input, string.Join(",", r.Severities) + string.Join(",", r.Irqs), r.Reports)));

        Assert.True(model.Endpoints.Single(e => e.Name == "quiet").FaultsDeclared);
        Assert.Empty(model.Endpoints.Single(e => e.Name == "quiet").Faults);
        Assert.True(model.Endpoints.Single(e => e.Name == "gpu0").FaultsDeclared);

        var hypervisor = model.Profiles.Single().Hypervisor!;
        Assert.Equal(
            [(Driver.VfioPciCacheable, "Fwb", Stage2Attribute.NormalWB), (Driver.VfioPciCacheable, "", Stage2Attribute.Refused), (Driver.VfioPci, "Fwb,Ras", Stage2Attribute.NormalNC)],
            hypervisor.Stage2Policies.Select(p => (p.Driver, string.Join(",", p.Conditions.Order()), p.Attribute)));
        var treatments = hypervisor.Treatments;
        Assert.Equal((OutcomeKind.Sea, Feature.FirmwareFirst, HypervisorAction.Firmware), (treatments[0].Outcome, treatments[0].Conditions.Single(), treatments[0].Action));
        Assert.Equal((OutcomeKind.SError, ErrorContext.Guest), (treatments[1].Outcome, treatments[1].Context));
        Assert.Empty(treatments[1].Conditions);
        Assert.Equal((OutcomeKind.Irq, IrqKind.Aer, HypervisorAction.Recover), (treatments[2].Outcome, treatments[2].Irq, treatments[2].Action));
        Assert.Equal((OutcomeKind.Fatal, HypervisorAction.Panic), (treatments[3].Outcome, treatments[3].Action));
    }

    [Fact]
    public void TwoResponsesInOneRuleAreReportedAtTheSecond()
    {
        var compilation = Compile("block rc0 : root_port { on cto (read) -> all_ones, irq(aer), slverr; }");

        Assert.Equal(
            ["1:62 RASDL1026 'slverr' is a second response: this rule already answers with 'all_ones'; a rule gives at most one response and any number of signals (irq(...))"],
            Binding(compilation));
        Assert.Empty(compilation.Model.Blocks.Single().Rules);
    }

    [Theory]
    [InlineData("on cto (read) -> all_ones, irq(aer);")]
    [InlineData("on ur (write) -> irq(aer), irq(fhi);")]
    [InlineData("on any -> slverr;")]
    public void OneResponseAndAnyNumberOfSignalsIsFine(string rule) =>
        Assert.Empty(Binding(Compile($"block rc0 : root_port {{ {rule} }}")));

    [Fact]
    public void EveryOutcomeOfARuleIsChecked()
    {
        var compilation = Compile("block rc0 : root_port { on cto -> irq(aer), sea; on ur -> all_ones, irq(xyz); }");

        Assert.Equal(
            ["1:45 RASDL1005 only a cpu block can produce 'sea'; 'rc0' is a root_port", "1:73 RASDL1003 'xyz' is not an interrupt kind"],
            Binding(compilation));
    }

    [Fact]
    public void SpeculativeInAFilterOfANonCpuBlockIsReported()
    {
        var compilation = Compile("block mesh : interconnect { on slverr (speculative, normal_nc) -> slverr; }");

        Assert.Equal(
            ["1:40 RASDL1027 'mesh' is an interconnect: a bus request carries no speculation mark; only the core knows a read is speculative; filter on (read, normal_nc) instead"],
            Binding(compilation));
    }

    [Fact]
    public void SpeculativeInACpuBlockIsFine() =>
        Assert.Empty(Binding(Compile("block core : cpu { on slverr (speculative) -> serror(uer); }")));

    [Fact]
    public void AClaimOutsideACpuBlockIsReported()
    {
        var compilation = Compile("block rc0 : root_port { claim serror_in_guest (write); }");

        Assert.Equal(["1:25 RASDL1028 a claim is a guarantee of a core: it belongs in a cpu block, but 'rc0' is a root_port"], Binding(compilation));
        Assert.Empty(compilation.Model.Blocks.Single().Claims);
    }

    [Fact]
    public void AnUnknownClaimSuggestsTheClosest()
    {
        var diagnostic = Single(Compile("block core : cpu { claim serror_in_gest; }"), "RASDL1003");

        Assert.Equal("'serror_in_gest' is not a claim; did you mean 'serror_in_guest'?", diagnostic.Message);
        Assert.Equal("serror_in_guest", diagnostic.Data["suggestion"]);
    }

    [Fact]
    public void AClaimListsAccessesOnly()
    {
        var compilation = Compile("block core : cpu { claim serror_in_guest (write, normal_nc, gatherd); }");

        Assert.Equal(
            [
                "1:50 RASDL1028 a claim lists the accesses it covers (read, write, gathered, zva…); 'normal_nc' is a memory type",
                "1:61 RASDL1028 a claim lists the accesses it covers (read, write, gathered, zva…); 'gatherd' is not an access kind; did you mean 'gathered'?",
            ],
            Binding(compilation));
    }

    [Fact]
    public void ClaimsAreInheritedAfterTheBlocksOwn()
    {
        var model = Compile("block base_core : cpu { claim serror_in_guest (zva); } block core : cpu extends base_core { claim serror_in_guest (write); }").Model;

        Assert.Equal([AccessWord.Write, AccessWord.Zva], model.Blocks.Single(b => b.Name == "core").Claims.Select(c => c.Accesses.Single()));
    }

    [Fact]
    public void ASecondFirmwareBlockIsReported()
    {
        var compilation = Compile("block el3 : firmware { on sea -> fatal; }\nblock tf_a : firmware { on sea -> recoverable; }");

        Assert.Equal(["2:7 RASDL1029 a platform has one firmware, but 'el3' already describes it at main.rasdl:1:7"], Binding(compilation));
    }

    [Fact]
    public void TheFirmwareIsOnNoRouteAndNoEndpointSitsUnderIt()
    {
        var compilation = Compile("block core : cpu { } block el3 : firmware { } route core -> el3; endpoint e : platform_device under el3 { faults none; }");

        Assert.Equal(
            [
                "1:61 RASDL1029 'el3' is the platform's firmware, not a block an access passes through: a route lists the blocks an access passes through, from the cpu toward the device",
                "1:101 RASDL1029 'el3' is the platform's firmware, not a block an access passes through: an endpoint sits under the root port or bridge its accesses reach",
            ],
            Binding(compilation).Where(d => d.Contains("RASDL1029", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnEndpointUnderTheFirmwareIsReportedWhereverTheFirmwareIsWritten()
    {
        // Declarations may come in any order: the endpoint is written before the firmware block here.
        var compilation = Compile("endpoint e : platform_device under el3 { faults none; } block el3 : firmware { }");

        Assert.Equal(
            ["1:36 RASDL1029 'el3' is the platform's firmware, not a block an access passes through: an endpoint sits under the root port or bridge its accesses reach"],
            Binding(compilation).Where(d => d.Contains("RASDL1029", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheFirmwareBlockIsNotReportedForBeingOnNoRoute()
    {
        var diagnostics = Compile("block el3 : firmware { doc \"EL3.\"; on sea -> fatal; } block spare : bridge { doc \"Unused.\"; }").GetDiagnostics();

        Assert.Equal(["spare"], diagnostics.Where(d => d.Code == "RASDL3001").Select(d => d.Message.Split('\'')[1]));
    }

    [Theory]
    [InlineData("on ur -> fatal;", "1:27 RASDL1030 a firmware rule takes a CPU outcome or signal ('on sea', 'on serror', 'on irq'), not 'ur'")]
    [InlineData("on sae -> fatal;", "1:27 RASDL1030 a firmware rule takes a CPU outcome or signal ('on sea', 'on serror', 'on irq'), not 'sae'; did you mean 'sea'?")]
    [InlineData("on sea -> panic;", "1:34 RASDL1030 a firmware rule gives the CPER severity the firmware reports (fatal, recoverable or corrected), not 'panic'")]
    [InlineData("on sea -> fatl;", "1:34 RASDL1030 a firmware rule gives the CPER severity the firmware reports (fatal, recoverable or corrected), not 'fatl'; did you mean 'fatal'?")]
    [InlineData("on sea -> fatal, corrected;", "1:41 RASDL1030 a firmware rule gives one CPER severity (fatal, recoverable or corrected), the one the firmware reports")]
    [InlineData("on sea (uc) -> fatal;", "1:32 RASDL1030 'sea' takes no filter: a firmware rule filters an SError by severity (`on serror (uc)`) and an interrupt by kind (`on irq (aer)`)")]
    [InlineData("on serror (uc, uee) -> fatal;", "1:39 RASDL1003 'uee' is not an SError severity; did you mean 'ueo'?")]
    [InlineData("on irq (aer, pme) -> fatal;", "1:37 RASDL1003 'pme' is not an interrupt kind")]
    public void FirmwareRulesTakeACpuOutcomeAndGiveACperSeverity(string rule, string expected)
    {
        var compilation = Compile($"block el3 : firmware {{ {rule} }}");

        Assert.Equal([expected], Binding(compilation));
        Assert.Empty(compilation.Model.Blocks.Single().FirmwareRules);
    }

    [Fact]
    public void CperSeveritiesAndCpuOutcomesAsErrorsBelongToTheFirmware()
    {
        var compilation = Compile("block rc0 : root_port { on ur -> fatal; } block core : cpu { on sea -> sea; }");

        Assert.Equal(
            [
                "1:34 RASDL1030 'fatal' is a CPER severity: only a firmware block reports one (`block el3 : firmware { on sea -> fatal; }`)",
                "1:65 RASDL1030 'sea' is what a core or a root port produces, not an error a block receives: only a firmware block takes it (`block el3 : firmware { on sea -> fatal; }`)",
            ],
            Binding(compilation));
    }

    [Fact]
    public void AnAssignedEndpointWithoutFaultsIsReportedOnce()
    {
        var text = Samples.Minimal
            .Replace("region bar0 mmio size 4K; faults ur;", "region bar0 mmio size 4K; region bar2 mmio size 4K;", StringComparison.Ordinal)
            .Replace("assign nic.bar0 to guest via vfio_pci;", "assign nic.bar0 to guest via vfio_pci; assign nic.bar2 to guest via vfio_pci;", StringComparison.Ordinal);

        var diagnostic = Single(Compile(text), "RASDL1031");

        Assert.Equal("nic declares no faults: unknown is unsafe; list what it can produce, or write `faults none;`", diagnostic.Message);
        Assert.Equal((4, 9), (diagnostic.Location.Range.Start.Line, diagnostic.Location.Range.Start.Character));
    }

    [Fact]
    public void FaultsNoneDeclaresNoFaults()
    {
        var compilation = Compile(Samples.Minimal.Replace("faults ur;", "faults none;", StringComparison.Ordinal));

        Assert.Empty(Binding(compilation));
        var nic = compilation.Model.Endpoints.Single();
        Assert.True(nic.FaultsDeclared);
        Assert.Empty(nic.Faults);
    }

    [Fact]
    public void AnUnassignedEndpointMayLeaveFaultsOut() =>
        Assert.Empty(Binding(Compile("block rc0 : root_port { } endpoint spare : pcie_endpoint under rc0 { region bar0 mmio; }")));

    [Fact]
    public void NoneStandsAlone()
    {
        var compilation = Compile(Samples.Minimal.Replace("faults ur;", "faults none, ur;", StringComparison.Ordinal));

        Assert.Contains("5:75 RASDL1019 'none' says the endpoint produces no faults: it cannot stand beside other faults", Binding(compilation));
    }

    [Fact]
    public void FirmwareFirstAndIesbAreFeatures()
    {
        var compilation = Compile("platform p { features firmware_first, iesb, ras; }");

        Assert.Empty(Binding(compilation));
        Assert.Equal([Feature.Ras, Feature.Iesb, Feature.FirmwareFirst], compilation.Model.Platform!.Features.Order());
    }

    [Theory]
    [InlineData("on serror(any) when gust -> inject;", "1:36 RASDL1003 'gust' is not a feature or a context (guest, host); did you mean 'guest'?")]
    [InlineData("on serror(any) when guest, host -> inject;", "1:43 RASDL1021 an SError is taken in one context: a treatment names 'guest' or 'host', not both (write two treatments)")]
    [InlineData("on irq(aer) when guest -> recover;", "1:33 RASDL1021 'guest' tells apart where an SError is taken; 'irq(aer)' has no context, so this treatment would never apply")]
    [InlineData("on sea when host -> inject;", "1:28 RASDL1021 'host' tells apart where an SError is taken; an SEA is synchronous, always in guest context, so this treatment would never apply")]
    [InlineData("on fatal -> firmware;", "1:28 RASDL1021 'fatal' is what the firmware reported: asking the firmware again says nothing more; treat it with inject, continue, recover or panic")]
    [InlineData("on hang -> panic;", "1:19 RASDL1021 a hypervisor treats CPU outcomes (sea, serror), signals (irq) and the firmware's CPER severities (fatal, recoverable, corrected); 'hang' is uncontained whatever a hypervisor does")]
    public void TreatmentMistakes(string treatment, string expected) =>
        Assert.Equal([expected], Binding(Compile($"hypervisor h {{ {treatment} }}")));

    [Theory]
    [InlineData("on serror(uer) when ras, guest -> inject;")]
    [InlineData("on serror(any) when host -> panic;")]
    [InlineData("on irq(fhi) when firmware_first -> firmware;")]
    [InlineData("on recoverable -> continue;")]
    [InlineData("on corrected -> continue;")]
    public void TreatmentsOfSignalsSeveritiesAndContextsBind(string treatment)
    {
        var compilation = Compile($"hypervisor h {{ {treatment} }}");

        Assert.Empty(Binding(compilation));
        Assert.Single(compilation.Model.Hypervisors.Single().Treatments);
    }

    [Fact]
    public void AStage2PolicyWithTheSameDriverAndConditionsAsAnEarlierOneIsADuplicate()
    {
        var compilation = Compile("hypervisor h { stage2 vfio_pci when fwb -> normal_nc; stage2 vfio_pci -> device_nGnRE; stage2 vfio_pci when fwb -> device_nGnRE; }");

        Assert.Equal(["1:95 RASDL1001 'vfio_pci' is already declared as a stage-2 policy with the same conditions at main.rasdl:1:16"], Binding(compilation));
        Assert.Equal(2, compilation.Model.Hypervisors.Single().Stage2Policies.Length);
    }

    [Fact]
    public void AStage2ConditionIsAFeature() =>
        Assert.Equal(
            ["1:37 RASDL1003 'fbw' is not a feature; did you mean 'fwb'?"],
            Binding(Compile("hypervisor h { stage2 vfio_pci when fbw -> normal_nc; }")));

    [Fact]
    public void AnFwbEncodingUnderAConditionThePlatformLacksIsNeverUsedSoNotReported()
    {
        var text = Samples.Minimal.Replace("profile production { hypervisor kvm_6_8; }",
            "hypervisor h { stage2 vfio_pci when fwb -> fwb_force_wb; stage2 vfio_pci -> device_nGnRE; on sea -> inject; } profile production { hypervisor h; }",
            StringComparison.Ordinal);

        var compilation = Compile(text);

        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Code == "RASDL1017");
        Assert.Equal(Stage2Attribute.DeviceNGnRE, compilation.Model.Profiles.Single().Hypervisor!.PolicyFor(Driver.VfioPci, compilation.Model.Platform!.Features)!.Attribute);
    }
}
