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


    [Fact]
    public void TheDesignExampleIsCleanToStartWith() => Assert.Empty(Codes(Samples.CleanServer));

    [Fact]
    public void AMisspeltSErrorSeverityGivesOnlyTheUnknownWord() =>
        Assert.Equal(["RASDL1003"], Codes(Samples.WithMistake("on poison (read) -> sea;", "on poison (read) -> serror(UC);")));

    [Fact]
    public void AMisspeltHypervisorDoesNotMakeTheImportUnused() =>
        Assert.Equal(["RASDL1002", "RASDL1002"], Codes(Samples.WithMistake("hypervisor kvm_6_8; }", "hypervisor kvm_68; }").Replace("hypervisor kvm_6_7;", "hypervisor kvm_67;")));

    [Fact]
    public void ARouteTypoGivesNoDeadRuleWarnings()
    {
        var codes = Codes(Samples.WithMistake("route core -> mesh -> rc0;", "route core -> msh -> rc0;"));

        // The region left unanalysed is still said (RASDL2011, once per profile): a hole is never read as contained.
        Assert.Equal(["RASDL1002", "RASDL2011", "RASDL2011"], codes);
    }

    [Fact]
    public void ASyntaxErrorHoldsBackTheContainmentDiagnostics()
    {
        var codes = Codes(Samples.WithMistake("on cto (read, device) -> slverr;", "on cto (read, device) -> ;"));

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("RASDL0", c));
    }

    [Fact]
    public void TheVerdictsAreStillComputedAndAHoleIsNeverContained()
    {
        // The rule for completion timeouts lost its outcome: the containment report says so even while its diagnostics wait.
        var compilation = TempWorkspace.CompileText(Samples.WithMistake("on cto (read)         -> all_ones;", "on cto (read)         -> al_ones;"));

        Assert.Equal(["RASDL1003"], compilation.GetDiagnostics().Select(d => d.Code));
        Assert.Equal(Rasdl.Engine.ContainmentVerdict.Uncontained, compilation.Analysis.Verdict);
    }

    [Fact]
    public void AnErrorTurnedIntoAWarningByTheProjectHoldsNothingBack()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("rasdl.json", "{ \"diagnostics\": { \"RASDL1003\": \"warning\" } }");
        workspace.Write("main.rasdl", Samples.WithMistake("on cto (read)         -> all_ones;", "on cto (read)         -> al_ones;"));
        var codes = workspace.Compile("main.rasdl").GetDiagnostics().Select(d => d.Code).ToList();

        Assert.Contains("RASDL1003", codes);
        Assert.Contains(codes, c => c.StartsWith("RASDL2", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAnEarlierErrorContainmentDiagnosticsAreReported()
    {
        var codes = Codes(Samples.WithMistake("on cto (read, device) -> slverr;", "on cto (read, device) -> hang;"));

        Assert.Contains("RASDL2001", codes);
    }
}
