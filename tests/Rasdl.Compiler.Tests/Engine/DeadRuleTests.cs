using Rasdl.Compiler.Tests.Infrastructure;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>RASDL2003 only where a rule's order or filter is a mistake, always with the reason (DeadRules).</summary>
public class DeadRuleTests
{
    private static List<string> DeadRules(string text) =>
        [.. TempWorkspace.CompileText(text).GetDiagnostics().Where(d => d.Code == "RASDL2003").Select(d => $"{d.Location.Range.Start.Line + 1}: {d.Message}")];

    [Fact]
    public void AWriteRuleThatOnlyAtomicsReachIsNotReported()
    {
        // The root port answers plain writes itself and passes poison on for anything that reads,
        // atomics included: the only writes that reach the core are atomics, which the read rule
        // takes first. Correct as written: the write rule is for the plain writes of other routes.
        var text = Platforms.With("""
                on slverr (read)  -> sea;
                on poison (read)  -> sea;
                on any (write)    -> serror(uer);
            """, """
                on poison (read)  -> poison;
                on any (read)     -> all_ones;
                on any (write)    -> drop;
            """, faults: "ur, poison");

        Assert.Empty(DeadRules(text));
    }

    [Fact]
    public void ACoreRuleForAnErrorTheInterconnectConvertsIsNotReported()
    {
        // Two sockets' worth of interconnect turn SLVERR into DERR: the core's SLVERR rule
        // describes the core, and this platform never lets SLVERR through. Not a mistake.
        var text = Platforms.With("""
                on slverr (read)  -> sea;
                on derr (read)    -> sea;
                on any (write)    -> serror(uer);
            """, Platforms.BusErrorRootPort, faults: "ur").Replace("on slverr -> slverr;", "on slverr -> derr;\n    on derr -> derr;", StringComparison.Ordinal);

        Assert.Empty(DeadRules(text));
    }

    [Fact]
    public void ARuleThatAnEarlierOneCoversEverywhereIsReportedWithWhatToDo()
    {
        var text = Platforms.With(Platforms.SafeCore, """
                on any (read)  -> all_ones;
                on ur (read, device) -> slverr;
                on any (write) -> drop;
            """, faults: "ur");

        Assert.Equal(
            ["16: this rule never applies: the earlier rule 'on any (read) -> all_ones' (line 15) matches everything it matches; swap the two, or remove this one"],
            DeadRules(text));
    }

    [Fact]
    public void ARuleCoveredByTwoEarlierOnesNamesBoth()
    {
        var text = Platforms.With(Platforms.SafeCore, """
                on ur (read)   -> all_ones;
                on ur (write)  -> drop;
                on ur          -> slverr;
                on any         -> all_ones;
            """, faults: "ur, cto");

        Assert.Equal(
            ["17: this rule never applies: the earlier rules 'on ur (read) -> all_ones' (line 15) and 'on ur (write) -> drop' (line 16) between them match everything it matches; move it before them, or remove it"],
            DeadRules(text));
    }

    [Fact]
    public void ARuleThatAnEarlierRuleTakesEverythingFromHereSaysWhatArrives()
    {
        // Not covered in general (poison on a read would reach it), but this device only
        // produces ur and cto, and the rules before it take both.
        var text = Platforms.With(Platforms.SafeCore, """
                on ur (read)   -> all_ones;
                on cto (read)  -> all_ones;
                on any (read)  -> slverr;
                on any (write) -> drop;
            """, faults: "ur, cto");

        Assert.Equal(
            ["17: this rule never applies: what reaches 'rc0' that it matches (ur and cto on atomics and reads) is taken first by 'on ur (read) -> all_ones' (line 15) and 'on cto (read) -> all_ones' (line 16); an atomic reads as well as writes, so a read rule takes it"],
            DeadRules(text));
    }

    [Fact]
    public void ARuleInASharedIpModelIsJudgedOnlyForItsOrder()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("ip/rp.rasdl", """
            block ip_rp : root_port {
                on any (read)        -> all_ones;
                on ur (read, device) -> slverr;
                on ca (write)        -> hang;
                on any (write)       -> drop;
            }

            """);
        workspace.Write("main.rasdl", Platforms.With(Platforms.SafeCore, "", faults: "ur")
            .Replace("import \"std/kvm.rasdl\";", "import \"std/kvm.rasdl\";\nimport \"ip/rp.rasdl\";", StringComparison.Ordinal)
            .Replace("block rc0 : root_port {", "block rc0 : root_port extends ip_rp {", StringComparison.Ordinal));
        var dead = workspace.Compile("main.rasdl").GetDiagnostics().Where(d => d.Code == "RASDL2003").ToList();

        // The covered rule is a mistake in the model for every platform; `on ca (write)` is for platforms whose devices produce ca.
        var only = Assert.Single(dead);
        Assert.EndsWith("rp.rasdl", only.Location.Path, StringComparison.Ordinal);
        Assert.Equal(2, only.Location.Range.Start.Line);
    }
}
