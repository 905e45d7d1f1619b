using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Configuration;
using Rasdl.Diagnostics;
using Rasdl.Semantics;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>One mistake, one diagnostic: what an earlier error causes is not reported (KnockOnDiagnostics).</summary>
public class KnockOnDiagnosticTests
{
    private static string[] Codes(string text) =>
        [.. TempWorkspace.CompileText(text).GetDiagnostics().Select(d => d.Code)];

    /// <summary>The design's example, clean as it stands; each test puts one mistake in it.</summary>
    private const string Clean = """
        import "std/kvm.rasdl";
        platform p { features fwb, ras, iesb; }
        block core : cpu {
            on slverr (read) -> sea;
            on poison (read) -> sea;
        }
        block mesh : interconnect {
            on slverr -> slverr;
            on poison -> poison;
        }
        block rc0 : root_port {
            on ur (read)          -> all_ones;
            on ca (read)          -> all_ones;
            on cto (read, device) -> slverr;
            on cto (read)         -> all_ones;
            on poison (read)      -> poison;
            on any (write)        -> drop;
        }
        endpoint gpu0 : pcie_endpoint under rc0 {
            region bar0 mmio size 64M prefetchable;
            faults ur, ca, cto, poison;
        }
        route core -> mesh -> rc0;
        assign gpu0.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }
        profile legacy { hypervisor kvm_6_7; }

        """;

    private static string WithMistake(string correct, string mistake)
    {
        Assert.Contains(correct, Clean);
        return Clean.Replace(correct, mistake, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDesignExampleIsCleanToStartWith() => Assert.Empty(Codes(Clean));

    [Fact]
    public void AMisspeltSErrorSeverityGivesOnlyTheUnknownWord() =>
        Assert.Equal(["RASDL1003"], Codes(WithMistake("on poison (read) -> sea;", "on poison (read) -> serror(UC);")));

    [Fact]
    public void AMisspeltHypervisorDoesNotMakeTheImportUnused() =>
        Assert.Equal(["RASDL1002", "RASDL1002"], Codes(WithMistake("hypervisor kvm_6_8; }", "hypervisor kvm_68; }").Replace("hypervisor kvm_6_7;", "hypervisor kvm_67;")));

    [Fact]
    public void ARouteTypoGivesNoDeadRuleWarnings()
    {
        var codes = Codes(WithMistake("route core -> mesh -> rc0;", "route core -> msh -> rc0;"));

        // The region left unanalysed is still said (RASDL2011, once per profile): a hole is never read as contained.
        Assert.Equal(["RASDL1002", "RASDL2011", "RASDL2011"], codes);
    }

    [Fact]
    public void ASyntaxErrorHoldsBackTheContainmentDiagnostics()
    {
        var codes = Codes(WithMistake("on cto (read, device) -> slverr;", "on cto (read, device) -> ;"));

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("RASDL0", c));
    }

    [Fact]
    public void TheVerdictsAreStillComputedAndAHoleIsNeverContained()
    {
        // The rule for completion timeouts lost its outcome: the containment report says so even while its diagnostics wait.
        var compilation = TempWorkspace.CompileText(WithMistake("on cto (read)         -> all_ones;", "on cto (read)         -> al_ones;"));

        Assert.Equal(["RASDL1003"], compilation.GetDiagnostics().Select(d => d.Code));
        Assert.Equal(Rasdl.Engine.ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
    }

    [Fact]
    public void AnErrorTurnedIntoAWarningByTheProjectHoldsNothingBack()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{ \"diagnostics\": { \"RASDL1003\": \"warning\" } }");
        workspace.Write("main.rasdl", WithMistake("on cto (read)         -> all_ones;", "on cto (read)         -> al_ones;"));
        var codes = workspace.Compile("main.rasdl").GetDiagnostics().Select(d => d.Code).ToList();

        Assert.Contains("RASDL1003", codes);
        Assert.Contains(codes, c => c.StartsWith("RASDL2", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAnEarlierErrorContainmentDiagnosticsAreReported()
    {
        var codes = Codes(WithMistake("on cto (read, device) -> slverr;", "on cto (read, device) -> hang;"));

        Assert.Contains("RASDL2001", codes);
    }
}
