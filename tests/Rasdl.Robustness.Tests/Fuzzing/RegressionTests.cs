using System.Text;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>Minimised inputs for what fuzzing and the stress inputs found, with the behaviour the fixes chose.</summary>
public sealed class RegressionTests
{
    private static Compilation Compile(string text)
    {
        using var folder = new TempFolder();
        var compilation = Compilation.Create(folder.Write("main.rasdl", text), new DiskSourceFileProvider());
        _ = compilation.GetDiagnostics();
        return compilation;
    }

    [Theory]
    [InlineData("size 4Kinject inject")]
    [InlineData("size 64MB")]
    public void AWordWrittenOntoASizeKeepsTheSameCheckAfterFormatting(string size)
    {
        // Found by the long fuzz (seed dJFd90acIJ42): the formatter put a space into `4Kinject`,
        // which made the size error (RASDL0008) a valid size and a region attribute.
        using var corpus = FuzzCorpus.Load();
        var text = $$"""
            block rc0 : root_port { on any (read) -> all_ones; }
            endpoint nic : pcie_endpoint under rc0 { region bar0 mmio {{size}}; faults ur; }

            """;

        var outcome = new PipelineOracle(corpus).Check("examples/size-suffix.rasdl", text);

        Assert.True(outcome.Formatted);
        Assert.True(outcome.DiagnosticCount > 0);
    }

    [Fact]
    public void AnInheritanceChainDeeperThanTheCapIsReportedAndCut()
    {
        // Found by the stress inputs: each block walked its whole chain with a linear search
        // (cubic work, 17-29 s for 3000 blocks); the chain is now capped at 64 blocks.
        var text = new StringBuilder("block b0 : cpu { on any -> sea; }\n");
        for (var i = 1; i < 70; i++)
        {
            text.Append($"block b{i} : cpu extends b{i - 1} {{ on ur (read) -> sea; }}\n");
        }

        var compilation = Compile(text.ToString());

        var tooDeep = compilation.GetDiagnostics().Where(d => d.Code == "RASDL1025").ToList();
        Assert.Equal(6, tooDeep.Count); // b64 ... b69: their chains hold 65 ... 70 blocks
        Assert.All(tooDeep, d => Assert.Contains("more than 64 blocks", d.Message));
        Assert.Equal(64, ((BlockSymbol)compilation.Model.Lookup("b69")!).Rules.Length);
        Assert.Equal(64, ((BlockSymbol)compilation.Model.Lookup("b63")!).Rules.Length);
        Assert.Equal(2, ((BlockSymbol)compilation.Model.Lookup("b1")!).Rules.Length);
    }

    [Fact]
    public void ALongCycleOfBasesIsReportedWithoutUnboundedWork()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            text.Append($"block b{i} : cpu extends b{(i + 1) % 200} {{ on ur -> sea; }}\n");
        }

        var compilation = Compile(text.ToString());

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL1025");
        Assert.All(compilation.Model.Blocks, b => Assert.InRange(b.Rules.Length, 1, 64));
    }

    [Fact]
    public void AWitnessAlongALongRouteListsEveryBlockFromTheDeviceToTheCpu()
    {
        // The walks memoised along a route now share their tails instead of copying them
        // (a route of 5000 hops took 11-26 s); the witness must still list every step in order.
        const int hops = 300;
        var text = new StringBuilder("import \"std/kvm.rasdl\";\nplatform p { features ras, iesb; }\nprofile production { hypervisor kvm_6_8; }\n");
        text.Append("block core : cpu { on slverr -> serror(uc); }\n");
        for (var i = 0; i < hops; i++)
        {
            text.Append($"block m{i} : interconnect {{ on any -> slverr; }}\n");
        }

        text.Append("route core -> ").AppendJoin(" -> ", Enumerable.Range(0, hops).Select(i => $"m{i}")).Append(";\n");
        text.Append($"endpoint e : pcie_endpoint under m{hops - 1} {{ region bar mmio size 4K; faults ur; }}\nassign e.bar to guest via vfio_pci;\n");

        var compilation = Compile(text.ToString());

        var region = compilation.Analysis.Profiles.Single().Regions.Single();
        Assert.Equal(ContainmentVerdict.Uncontained, region.Verdict);
        var steps = region.Witnesses.First().Steps;
        Assert.Equal([.. Enumerable.Range(0, hops).Reverse().Select(i => $"m{i}"), "core"], steps.Select(s => s.Block.Name));
        Assert.Equal(steps[^1], region.Witnesses.First().Walk.Last);
    }

    [Fact]
    public void AnEndpointWithThousandsOfRegionsBindsEachAssignmentToItsRegion()
    {
        // Regions were found by a linear search per region and per assignment (quadratic).
        var text = new StringBuilder("block rc : root_port { on any -> slverr; }\nendpoint e : pcie_endpoint under rc {\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append($"region r{i} mmio size {i + 1}K;\n");
        }

        text.Append("region r0 mmio size 1K;\nfaults ur; }\nassign e.r2999 to guest via vfio_pci;\nassign e.nope to guest via vfio_pci;\n");

        var compilation = Compile(text.ToString());

        var assigned = Assert.Single(compilation.Model.Assignments);
        Assert.Equal("r2999", assigned.Region.Name);
        Assert.Equal(3000UL * 1024, assigned.Region.Size);
        Assert.Contains("'nope'", Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1024").Message);
        Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1001");
    }
}
