using System.Text;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Emit;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Testing;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// A large description is analysed by two engines at once, each for a run of the assignments
/// (ContainmentAnalysis.EnginesFor). Every answer must be the one engine's: verdicts, witnesses,
/// explanations, the regions left out, the diagnostics (the dead-rule check merges what both
/// engines' walks reached) and the report, whose witnesses the second engine makes on another
/// core while the first part is written.
/// </summary>
public sealed class SplitAnalysisTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetDirectories(Repository.PathOf("examples")).Select(d => $"examples/{Path.GetFileName(d)}/{Path.GetFileName(d)}.rasdl").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExampleSplitAnyWayIsAnalysedAsByOneEngine(string example)
    {
        var platform = Lowering.Lower(Compilation.Create(Repository.PathOf(example)).Model);

        var whole = Describe(ContainmentAnalysis.Analyze(platform, 1, default));
        Assert.Equal(whole, Describe(ContainmentAnalysis.Analyze(platform, 2, default)));
        Assert.Equal(whole, Describe(ContainmentAnalysis.Analyze(platform, 3, default)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryRegionOfEveryExampleAnalysedAloneIsAnalysedAsByTheWholeAnalysis(string example)
    {
        // What an editor's inlay hints and code lenses show while an error hides the findings.
        var compilation = Compilation.Create(Repository.PathOf(example));
        var platform = Lowering.Lower(compilation.Model);
        var whole = ContainmentAnalysis.Analyze(platform, 2, default);
        var alone = new RegionByRegion(platform);
        foreach (var region in compilation.Model.Regions)
        {
            var expected = whole.ResultsFor(region).ToList();
            Assert.Equal(expected.Select(r => r.Profile), alone.ProfilesFor(region));
            Assert.Equal(Describe(expected), Describe(alone.ResultsFor(region, default)));
        }
    }

    [Fact]
    public void AManyPortedPlatformAnalysedRegionByRegionInAnyOrderIsAnalysedAsByTheWholeAnalysis()
    {
        var model = TempWorkspace.CompileText(ManyPorts(ports: 24, endpoints: 6)).Model;
        var platform = Lowering.Lower(model);
        var whole = ContainmentAnalysis.Analyze(platform, 1, default);
        var alone = new RegionByRegion(platform);
        // Backwards: the memo the first regions asked for leaves does not change what later ones get.
        foreach (var region in model.Regions.Reverse())
        {
            Assert.Equal(Describe(whole.ResultsFor(region)), Describe(alone.ResultsFor(region, default)));
        }
    }

    [Fact]
    public void AManyPortedPlatformSplitIsAnalysedAsByOneEngine()
    {
        var platform = Lowering.Lower(TempWorkspace.CompileText(ManyPorts(ports: 24, endpoints: 6)).Model);
        var whole = ContainmentAnalysis.Analyze(platform, 1, default);

        // Something of everything the comparison covers: each verdict, a dead rule, a hang.
        Assert.Contains(whole.Profiles.SelectMany(p => p.Regions), r => r.Verdict == ContainmentVerdict.Uncontained);
        Assert.Contains(whole.Profiles.SelectMany(p => p.Regions), r => r.Verdict == ContainmentVerdict.ContainedInVm);
        Assert.Contains(whole.Diagnostics, d => d.Code == "RASDL2003");
        Assert.Contains(whole.Diagnostics, d => d.Code == "RASDL2001");
        var expected = Describe(whole);
        foreach (var engines in new[] { 2, 3, 7 })
        {
            Assert.Equal(expected, Describe(ContainmentAnalysis.Analyze(platform, engines, default)));
        }
    }

    [Fact]
    public void ALargeDescriptionIsSplitAndASmallOneIsNot()
    {
        static PlatformIr Platform(int assignments)
        {
            var platform = Lowering.Lower(TempWorkspace.CompileText(ManyPorts(ports: 1, endpoints: assignments - 1)).Model);
            Assert.Equal(assignments, platform.Assignments.Length);
            return platform;
        }

        Assert.Equal(1, ContainmentAnalysis.EnginesFor(Platform(ContainmentAnalysis.SplitFrom - 1)));
        Assert.Equal(Environment.ProcessorCount > 1 ? 2 : 1, ContainmentAnalysis.EnginesFor(Platform(ContainmentAnalysis.SplitFrom)));
    }

    [Fact]
    public void TheReasonForADeadRuleDoesNotDependOnWhichEndpointsErrorsArriveFirst()
    {
        // The third rule is taken by the first for ur and by the second for cto; one endpoint
        // produces each. Whichever is assigned (and so walked) first, or by whichever engine,
        // the reason names the rules in one order.
        static string Text(string first, string second) => Platforms.With(Platforms.SafeCore, """
                on ur (read)   -> all_ones;
                on cto (read)  -> all_ones;
                on any (read)  -> slverr;
                on any (write) -> drop;
            """, faults: first, extra: $$"""
            endpoint other : pcie_endpoint under rc0 { region bar mmio size 4K; faults {{second}}; }
            assign other.bar to guest via vfio_pci;
            """);

        const string Expected = "17: this rule never applies: what reaches 'rc0' that it matches (ur and cto on atomics and reads) is taken first by 'on ur (read) -> all_ones' (line 15) and 'on cto (read) -> all_ones' (line 16); an atomic reads as well as writes, so a read rule takes it";
        foreach (var text in new[] { Text("ur", "cto"), Text("cto", "ur") })
        {
            var platform = Lowering.Lower(TempWorkspace.CompileText(text).Model);
            foreach (var engines in new[] { 1, 2 })
            {
                var dead = ContainmentAnalysis.Analyze(platform, engines, default).Diagnostics.Where(d => d.Code == "RASDL2003");
                Assert.Equal([Expected], dead.Select(d => $"{d.Location.Range.Start.Line + 1}: {d.Message}"));
            }
        }
    }

    [Fact]
    public void ACancelledSplitAnalysisStopsWithACancellation()
    {
        var platform = Lowering.Lower(TempWorkspace.CompileText(ManyPorts(ports: 4, endpoints: 4)).Model);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ContainmentAnalysis.Analyze(platform, 2, cancelled.Token));
    }

    // Root ports of three kinds in turn (contained, a rule that the ones before it take here,
    // a write that hangs) with endpoints of several kinds of faults below each, all assigned
    // (below the second kind only ur and cto, which leave its third rule dead), besides the
    // platform's own nic.
    private static string ManyPorts(int ports, int endpoints)
    {
        string[] rules =
        [
            "on any (read) -> all_ones;\n    on any (write) -> drop;",
            "on ur (read) -> all_ones;\n    on cto (read) -> all_ones;\n    on any (read) -> slverr;\n    on any (write) -> drop;",
            "on ca (write) -> hang;\n    on any (read) -> slverr;\n    on any (write) -> drop;",
        ];
        string[] faults = ["ur", "cto, ur", "cto", "ur, ca, cto, poison", "poison"];
        var text = new StringBuilder();
        for (var p = 0; p < ports; p++)
        {
            text.Append($"block rp{p} : root_port {{\n    {rules[p % rules.Length]}\n}}\nroute core -> mesh -> rp{p};\n");
            for (var e = 0; e < endpoints; e++)
            {
                text.Append($"endpoint e{p}_{e} : pcie_endpoint under rp{p} {{ region bar mmio size 4K; faults {faults[e % (p % rules.Length == 1 ? 3 : faults.Length)]}; }}\n");
                text.Append($"assign e{p}_{e}.bar to guest via vfio_pci;\n");
            }
        }

        return Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, extra: text.ToString());
    }

    // Everything a user sees of an analysis, in order.
    private static string Describe(ContainmentAnalysis analysis)
    {
        var text = new StringWriter();
        foreach (var profile in analysis.Profiles)
        {
            text.WriteLine($"profile {profile.Name}: {profile.Verdict}; left out: {string.Join(", ", profile.LeftOut.Select(l => $"{l.Name} ({l.Reason})"))}");
            foreach (var region in profile.Regions)
            {
                Describe(text, region);
            }
        }

        text.WriteLine(string.Join("\n", TempWorkspace.Describe(analysis.Diagnostics)));
        ContainmentReportWriter.Write(text, analysis.Profiles);
        return text.ToString();
    }

    private static void Describe(StringWriter text, RegionResult region)
    {
        text.WriteLine($"  {region.Profile} {region.QualifiedName} {region.Stage2} {region.Verdict} {region.Differential} {string.Join(",", region.Effective)}");
        foreach (var run in new[] { region.Run, region.NormalNcRun, region.DeviceRun })
        {
            text.WriteLine($"    run {run.Stage2} {run.Verdict}: {run.Paths.Length} paths");
            foreach (var witness in run.Witnesses)
            {
                text.Write("      witness ");
                witness.WriteShort(text);
                text.WriteLine($" [{witness.LocationOf(witness.Route.Place)}]");
            }
        }

        foreach (var fault in RegionExplanation.For(region).Faults)
        {
            text.WriteLine($"    why {fault.Text}");
        }
    }

    private static string Describe(IEnumerable<RegionResult> results)
    {
        var text = new StringWriter();
        foreach (var result in results)
        {
            Describe(text, result);
        }

        return text.ToString();
    }
}
