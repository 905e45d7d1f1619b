using System.Xml.Linq;
using Rasdl.Cli.Tests.Baselines;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Cli.Tests.Commands;

public class GraphCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Examples() => new(ExampleCorpus.RootFiles);

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheSvgIsXmlWithEveryBlockAndEndpointNamed(string example)
    {
        var result = RasdlCli.Run("graph", example, "--format", "svg");

        Assert.Equal(0, result.ExitCode);
        var svg = XDocument.Parse(result.Stdout);
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var names = NodeNames(svg);
        var platform = Compilation.Create(Repository.PathOf(example)).Analysis.Platform;
        foreach (var block in platform.Routes.SelectMany(r => r.Hops).Select(b => b.Name).Concat(platform.Endpoints.Select(e => e.Name)).Distinct())
        {
            Assert.Contains(block, names);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheWorstWitnessIsTheHighlightedPath(string example)
    {
        var analysis = Compilation.Create(Repository.PathOf(example)).Analysis;
        var profile = analysis.Profiles.FirstOrDefault(p => p.Verdict == analysis.Verdict);
        var worst = profile?.Regions.Where(r => !r.Witnesses.IsEmpty).OrderByDescending(r => r.Verdict).FirstOrDefault();

        var svg = XDocument.Parse(RasdlCli.Run("graph", example).Stdout);

        var highlighted = svg.Descendants(Svg + "g").Where(g => Classes(g).Contains("worst-path") && Classes(g).Contains("node")).Select(NodeName).ToHashSet();
        if (worst is null)
        {
            Assert.Empty(highlighted);
            return;
        }

        var witness = worst.Witnesses[0];
        var expected = new List<string> { worst.Assignment.Endpoint.Name };
        expected.AddRange(witness.Steps.Select(s => s.Block.Name));
        if (witness.Walk.End == PathEnd.CpuException)
        {
            expected.Add(profile!.Hypervisor);
        }

        Assert.Equal(expected.ToHashSet(), highlighted);
        // Each highlighted edge joins two highlighted nodes, and there is one per step of the path.
        var edges = svg.Descendants(Svg + "g").Where(g => Classes(g).Contains("edge") && Classes(g).Contains("worst-path")).ToList();
        Assert.Equal(expected.Count - 1, edges.Count);
        Assert.Contains(witness.Short(), svg.Descendants(Svg + "text").Single(t => Classes(t).Contains("worst-path-text")).Value);
    }

    [Fact]
    public void NodesAreColouredByTheWorstVerdictThroughThem()
    {
        // nc-only under legacy (DEVICE_nGnRE): at worst contained in the VM; under production rp0 is on an uncontained path.
        var legacy = XDocument.Parse(RasdlCli.Run("graph", "examples/nc-only/nc-only.rasdl", "--profile", "legacy").Stdout);
        var production = XDocument.Parse(RasdlCli.Run("graph", "examples/nc-only/nc-only.rasdl", "--profile", "production").Stdout);

        Assert.Contains("contained-in-vm", Classes(Node(legacy, "rp0")));
        Assert.Contains("uncontained", Classes(Node(production, "rp0")));
        Assert.StartsWith("profile legacy (hypervisor kvm_6_7): contained-in-vm", legacy.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegionNarrowsTheGraphToItsRoutes()
    {
        var all = XDocument.Parse(RasdlCli.Run("graph", "examples/safe-server/safe-server.rasdl").Stdout);
        var one = XDocument.Parse(RasdlCli.Run("graph", "examples/safe-server/safe-server.rasdl", "--region", "nic0.regs").Stdout);

        Assert.Contains("dma0", NodeNames(all));
        Assert.DoesNotContain("dma0", NodeNames(one));
        Assert.Contains("nic0", NodeNames(one));
        Assert.Contains("region nic0.regs", one.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownProfileOrRegionIsBadUsageNamingTheKnownOnes()
    {
        var profile = RasdlCli.Run("graph", "examples/server/server.rasdl", "--profile", "nightly");
        var region = RasdlCli.Run("graph", "examples/server/server.rasdl", "--region", "gpu0.bar9");

        Assert.Equal(2, profile.ExitCode);
        Assert.Contains("no profile 'nightly' (profiles: production, legacy)", profile.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, region.ExitCode);
        Assert.Contains("no assigned region 'gpu0.bar9'; did you mean 'gpu0.bar0'? (assigned: gpu0.bar0)", region.Stderr, StringComparison.Ordinal);
        Assert.Empty(profile.Stdout);
    }

    [Fact]
    public void OutputGoesToTheFileNamedAndEqualsWhatIsPrinted()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Root, "server.dot");

        var written = RasdlCli.Run("graph", "examples/server/server.rasdl", "--format", "dot", "-o", target);
        var printed = RasdlCli.Run("graph", "examples/server/server.rasdl", "--format", "dot");

        Assert.Equal(0, written.ExitCode);
        Assert.Empty(written.Stdout);
        Assert.Equal(printed.Stdout, RasdlCli.Normalise(File.ReadAllText(target)));
        Assert.Equal([Path.GetFileName(target)], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void RoutesThatFormACycleAndAnUnreadableFileDoNotCrash()
    {
        using var folder = new TempFolder();
        var file = folder.Write("cycle.rasdl", """
            import "std/kvm.rasdl";
            block core : cpu { on slverr -> sea; }
            block a : interconnect { on any -> slverr; }
            block b : interconnect { on any -> slverr; }
            endpoint dev : pcie_endpoint under b {
                region r mmio size 4K;
                faults ur;
            }
            route core -> a -> b;
            route core -> b -> a;
            assign dev.r to guest via vfio_pci;
            profile p { hypervisor kvm_6_8; }
            """);

        foreach (var format in new[] { "svg", "dot", "mermaid" })
        {
            var result = RasdlCli.Run("graph", file, "--format", format);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("dev", result.Stdout, StringComparison.Ordinal);
        }

        var missing = RasdlCli.Run("graph", Path.Combine(folder.Root, "missing.rasdl"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read", missing.Stderr, StringComparison.Ordinal);
    }

    private static HashSet<string> Classes(XElement element) => [.. ((string?)element.Attribute("class") ?? "").Split(' ')];

    private static string NodeName(XElement node) => node.Elements(Svg + "text").Single(t => Classes(t).Contains("name")).Value;

    private static HashSet<string> NodeNames(XDocument svg) =>
        [.. svg.Descendants(Svg + "g").Where(g => Classes(g).Contains("node")).Select(NodeName)];

    private static XElement Node(XDocument svg, string name) =>
        svg.Descendants(Svg + "g").Single(g => Classes(g).Contains("node") && NodeName(g) == name);
}
