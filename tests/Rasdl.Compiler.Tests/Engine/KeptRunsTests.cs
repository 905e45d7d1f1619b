using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Rasdl.Testing;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// The analysis of a later version walks only the runs whose paths an edit can have changed
/// and keeps the verdicts of the others (Engine/KeptRuns): the endpoint, the stage-2 attribute,
/// the hypervisor, every route to the endpoint's block, the platform's features and firmware
/// must all be what they were. Whatever it kept, its diagnostics and verdicts are a whole
/// analysis's (and the edit series of Rasdl.Robustness.Tests check that after every edit).
/// </summary>
public sealed class KeptRunsTests
{
    // Root ports on two routes: wifi0 is uncontained (its root port answers a failed read
    // with SLVERR, which the core takes as an uncontainable SError); nic0 is contained (its
    // network turns SLVERR into all-ones data), and its root port has a rule that never applies.
    private static readonly string TwoPorts = """
        import "std/kvm.rasdl";

        platform two_ports {
            doc "Two kinds of root port behind two networks.";
            features ras, iesb;
        }

        block cpu_cluster : cpu {
            doc "Cores that take an error response on a load as an uncontainable SError.";
            on slverr (read) -> serror(uc);
            on poison (read) -> sea;
        }

        block noc : interconnect {
            doc "A network that passes errors on unchanged.";
            on slverr -> slverr;
            on poison -> poison;
        }

        block quiet_noc : interconnect {
            doc "A network that answers errors with all-ones data.";
            on slverr -> all_ones;
            on poison -> all_ones;
        }

        block pcie_rc2 : root_port {
            doc "A root port whose second rule never applies.";
            on any (read)  -> slverr;
            on cto (read)  -> all_ones;
            on any (write) -> drop;
        }

        endpoint nic0 : pcie_endpoint under pcie_rc2 {
            doc "The contained endpoint.";
            region bar0 mmio size 2M;
            faults ur, ca, cto, poison;
        }

        assign nic0.bar0 to guest via vfio_pci;

        endpoint wifi0 : pcie_endpoint under pcie_rc {
            doc "The uncontained endpoint.";
            region bar0 mmio size 2M;
            faults ur, ca, cto, poison;
        }

        block pcie_rc : root_port {
            doc "A root port that answers failed reads with SLVERR.";
            on cto (read)    -> slverr;
            on ur (read)     -> slverr;
            on ca (read)     -> all_ones;
            on poison (read) -> poison;
            on any (write)   -> drop;
        }

        route cpu_cluster -> noc -> pcie_rc;

        assign wifi0.bar0 to guest via vfio_pci;

        profile device_stage2 { hypervisor kvm_6_7; }

        route cpu_cluster -> quiet_noc -> pcie_rc2;

        profile normal_nc_stage2 { hypervisor kvm_6_8; }
        """ + string.Concat(Enumerable.Range(3, 8).Select(OtherPort));

    // Eight more contained root ports, each with an endpoint of its own: an edit to one port
    // then leaves most of the description as it was, and an editor's binding keeps it.
    private static string OtherPort(int port) => $$"""


        block pcie_rc{{port}} : root_port {
            doc "Another root port behind the quiet network.";
            on any (read)  -> slverr;
            on any (write) -> drop;
        }

        endpoint nvme{{port}} : pcie_endpoint under pcie_rc{{port}} {
            doc "An NVMe drive under it.";
            region bar0 mmio size 16K;
            faults ur, cto;
        }

        route cpu_cluster -> quiet_noc -> pcie_rc{{port}};

        assign nvme{{port}}.bar0 to guest via vfio_pci;
        """;

    [Fact]
    public void ARuleChangedInOneRootPortWalksOnlyTheEndpointBelowIt()
    {
        // wifi0's root port answers a Completer Abort with SLVERR now: its block, and so wifi0,
        // are new elements; nic0, its block and its route are the ones analysed before.
        var (earlier, later, full) = Edit(TwoPorts, text => text.Replace("on ca (read)     -> all_ones;", "on ca (read)     -> slverr;", StringComparison.Ordinal));

        // Each endpoint runs twice per hypervisor (KVM's own attribute is one of the two compared).
        Assert.Equal(40, earlier.Analysis.RunsWalked);
        Assert.Equal((4, 36), (later.Analysis.RunsWalked, later.Analysis.RunsKept));
        Assert.Equal("analysed (walked 4 of 40 runs, kept the verdicts of the others)", later.ContainmentDiagnosticsSource);
        Assert.Equal(Describe(full), Describe(later));
        Assert.Equal(Verdicts(full), Verdicts(later));
    }

    [Fact]
    public void ARouteChangedToAKeptEndpointsBlockWalksItAgain()
    {
        // nic0 and its block are unchanged, but its route now brings its errors through the
        // network that passes SLVERR on to the core: uncontained. A verdict kept for nic0 would
        // still say contained.
        var (earlier, later, full) = Edit(TwoPorts, text => text.Replace(
            "route cpu_cluster -> quiet_noc -> pcie_rc2;", "route cpu_cluster -> noc       -> pcie_rc2;", StringComparison.Ordinal));

        Assert.Equal(ContainmentVerdict.ContainedInDevice, VerdictOf(earlier, "nic0.bar0"));
        Assert.Equal(ContainmentVerdict.Uncontained, VerdictOf(later, "nic0.bar0"));
        Assert.Equal((4, 36), (later.Analysis.RunsWalked, later.Analysis.RunsKept));
        Assert.Equal(Describe(full), Describe(later));
        Assert.Equal(Verdicts(full), Verdicts(later));
    }

    [Fact]
    public void AChangedFeatureKeepsNoVerdict()
    {
        // Whether a hypervisor's treatment applies can depend on any feature: every run is walked.
        using var workspace = new TempWorkspace();
        var platform = PlatformOf(workspace);
        var earlier = ContainmentAnalysis.Analyze(platform);
        var later = platform with { Features = platform.Features.Remove(Feature.Iesb) };

        var analysis = ContainmentAnalysis.Analyze(later, earlier.KeptRuns);
        Assert.Equal((40, 0), (analysis.RunsWalked, analysis.RunsKept));
        Assert.Equal(Verdicts(ContainmentAnalysis.Analyze(later)), Verdicts(analysis));
    }

    [Fact]
    public void ARouteAddedToAKeptEndpointsBlockWalksItAgain()
    {
        // The same elements, and a second route to nic0's block through the network that passes
        // SLVERR on to the core: nic0 is walked again, and is uncontained.
        using var workspace = new TempWorkspace();
        var platform = PlatformOf(workspace);
        var earlier = ContainmentAnalysis.Analyze(platform);
        var noc = platform.Routes.Single(r => r.Last.Name == "pcie_rc");
        var quiet = platform.Routes.Single(r => r.Last.Name == "pcie_rc2");
        var later = platform with { Routes = platform.Routes.Add(new IrRoute([.. noc.Hops[..^1], quiet.Last], quiet.Place)) };

        var analysis = ContainmentAnalysis.Analyze(later, earlier.KeptRuns);
        Assert.Equal((4, 36), (analysis.RunsWalked, analysis.RunsKept));
        Assert.Equal(ContainmentVerdict.ContainedInDevice, earlier.Profiles.SelectMany(p => p.Regions).Where(r => r.QualifiedName == "nic0.bar0").Max(r => r.Verdict));
        Assert.Equal(ContainmentVerdict.Uncontained, analysis.Profiles.SelectMany(p => p.Regions).Where(r => r.QualifiedName == "nic0.bar0").Max(r => r.Verdict));
        Assert.Equal(Verdicts(ContainmentAnalysis.Analyze(later)), Verdicts(analysis));
    }

    [Fact]
    public void AProfileGivenAnotherProfilesHypervisorKeepsThatProfilesRuns()
    {
        // The first profile now runs under kvm_6_8 too: its runs are the second profile's, kept
        // (the route written after it is parsed again, as the same route).
        var (_, later, full) = Edit(TwoPorts, text => text.Replace("profile device_stage2 { hypervisor kvm_6_7; }", "profile device_stage2 { hypervisor kvm_6_8; }", StringComparison.Ordinal));

        Assert.Equal((0, 20), (later.Analysis.RunsWalked, later.Analysis.RunsKept));
        Assert.Equal(Describe(full), Describe(later));
        Assert.Equal(Verdicts(full), Verdicts(later));
    }

    [Fact]
    public void ADeadRuleBelowAKeptEndpointIsStillReported()
    {
        // Only wifi0 is walked; the rule of nic0's root port that never applies is found from
        // what nic0's kept runs bring to its block (Engine/Arrivals), as a whole analysis finds it.
        var (_, later, full) = Edit(TwoPorts, text => text.Replace("on ur (read)     -> slverr;", "on ur (read)     -> all_ones;", StringComparison.Ordinal));

        Assert.Equal(36, later.Analysis.RunsKept);
        var dead = Assert.Single(later.GetDiagnostics(), d => d.Code == "RASDL2003");
        Assert.Equal(TwoPorts.Split('\n').ToList().FindIndex(l => l.Contains("on cto (read)  -> all_ones;", StringComparison.Ordinal)), dead.Location.Range.Start.Line);
        Assert.Equal(Describe(full), Describe(later));
    }

    [Fact]
    public void TheWalksCountedAreTheWholeAnalysissWhateverWasKept()
    {
        var (_, later, full) = Edit(TwoPorts, text => text.Replace("on ur (read)     -> slverr;", "on ur (read)     -> all_ones;", StringComparison.Ordinal));

        Assert.Equal(36, later.Analysis.RunsKept);
        Assert.Equal(full.Analysis.Walks, later.Analysis.Walks);
    }

    [Fact]
    public void AVersionsAnalysisLetsGoOfTheRunsItKept()
    {
        // Each analysis keeps the one before's runs only while it is made: versions never chain.
        using var workspace = new TempWorkspace();
        var (third, first) = ThreeVersions(workspace);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.IsAlive, "the first version's runs are still held");
        Assert.True(third.Analysis.RunsKept > 0);
    }

    // In a method of its own, so that no local of the test holds the earlier versions.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (Compilation Third, WeakReference FirstRuns) ThreeVersions(TempWorkspace workspace)
    {
        const string Slverr = "on ca (read)     -> slverr;  ";
        const string AllOnes = "on ca (read)     -> all_ones;";
        var path = workspace.Write("main.rasdl", TwoPorts);
        var tree = Parser.Parse(path, TwoPorts);
        var first = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, tree, null, null)));
        _ = first.GetDiagnostics();
        var firstRuns = new WeakReference(first.Analysis.KeptRuns);
        var secondTree = IncrementalParser.Parse(path, new SourceText(TwoPorts.Replace(AllOnes, Slverr, StringComparison.Ordinal)), tree).Tree;
        var second = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, secondTree, null, null)), null, first);
        _ = second.GetDiagnostics();
        var thirdTree = IncrementalParser.Parse(path, new SourceText(TwoPorts), secondTree).Tree;
        var third = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, thirdTree, null, null)), null, second);
        _ = third.GetDiagnostics();
        Assert.True(second.Analysis.RunsKept > 0);
        return (third, firstRuns);
    }

    private static PlatformIr PlatformOf(TempWorkspace workspace)
    {
        workspace.Write("main.rasdl", TwoPorts);
        return Lowering.Lower(workspace.Compile("main.rasdl").Model);
    }

    private static ContainmentVerdict VerdictOf(Compilation compilation, string region) =>
        compilation.Analysis.Profiles.SelectMany(p => p.Regions).Where(r => r.QualifiedName == region).Max(r => r.Verdict);

    private static string Verdicts(Compilation compilation) => Verdicts(compilation.Analysis);

    private static string Verdicts(ContainmentAnalysis analysis) =>
        string.Join('\n', analysis.Profiles.SelectMany(p => p.Regions.Select(r =>
            $"{p.Name} {r.QualifiedName} {r.Stage2} {r.Run.Verdict} {r.NormalNcRun.Verdict} {r.DeviceRun.Verdict} {r.Differential} {r.Run.CompletionTimeoutStalls} "
            + string.Join(";", r.Witnesses.Select(w => string.Join(" > ", w.Steps.Select(s => $"{s.Block.Name}:{s.Rule}")))))));

    // The description; the edited one compiled as an editor compiles it (parsed from the
    // earlier tree, with the earlier compilation), so that the two share what the edit did not
    // touch; and the edited one compiled alone.
    private static (Compilation Earlier, Compilation Later, Compilation Full) Edit(string text, Func<string, string> edit)
    {
        using var workspace = new TempWorkspace();
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        var path = workspace.Write("main.rasdl", text);
        var tree = Parser.Parse(path, text);
        var earlier = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, tree, null, null)));
        _ = earlier.GetDiagnostics();
        var laterTree = IncrementalParser.Parse(path, new SourceText(edited), tree).Tree;
        var later = Compilation.Create(path, new ParsedSourceFileProvider(new SourceFile(path, laterTree, null, null)), null, earlier);
        _ = later.GetDiagnostics();
        workspace.Write("main.rasdl", edited);
        var full = Compilation.Create(path, new DiskSourceFileProvider());
        return (earlier, later, full);
    }


    private static string Describe(Compilation compilation) =>
        string.Join('\n', compilation.GetDiagnostics().Select(d =>
            $"{d} @{d.Location.Span.Start}+{d.Location.Span.Length}" + string.Concat(d.Related.Select(r => $"\n    {r.Location} @{r.Location.Span.Start} {r.Message}"))));
}
