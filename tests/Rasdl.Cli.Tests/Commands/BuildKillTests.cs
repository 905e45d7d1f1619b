using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// A build killed at any moment (SIGKILL, no chance to clean up) leaves each artefact either the
/// previous complete file or the new complete file, never a part of one.
/// </summary>
public class BuildKillTests
{
    [Fact]
    public void AKilledBuildLeavesEachArtefactWholeOldOrWholeNew()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Root, "out");
        var variantA = folder.Write("a/board.rasdl", Board(answer: "all_ones"));
        var variantB = folder.Write("b/board.rasdl", Board(answer: "slverr"));
        folder.Write("b/rasdl.json", """{ "allowUncontained": true }""");
        var expectedA = CompleteBuild(variantA, Path.Combine(folder.Root, "expected-a"));
        var expectedB = CompleteBuild(variantB, Path.Combine(folder.Root, "expected-b"));
        Assert.NotEqual(expectedA["production.profile.json"], expectedB["production.profile.json"]);
        CompleteBuild(variantA, output);

        var random = new Random(20261126);
        var killedWhileRunning = 0;
        for (var attempt = 0; attempt < 24; attempt++)
        {
            var source = attempt % 2 == 0 ? variantB : variantA;
            using var process = RasdlProcess.Start(Path.GetDirectoryName(source)!, "build", source, "-o", output);
            Thread.Sleep(random.Next(0, 900));
            if (!process.HasExited)
            {
                process.Kill();
                killedWhileRunning++;
            }

            process.WaitForExit();
            foreach (var artefact in Directory.GetFiles(output, "*.profile.json"))
            {
                var name = Path.GetFileName(artefact);
                var text = File.ReadAllText(artefact);
                Assert.True(text == expectedA[name] || text == expectedB[name], $"attempt {attempt}: {name} is neither the old nor the new complete artefact");
            }
        }

        Assert.True(killedWhileRunning > 0, "no build was killed while running: make the board larger");
    }

    private static Dictionary<string, string> CompleteBuild(string source, string output)
    {
        using var process = RasdlProcess.Start(Path.GetDirectoryName(source)!, "build", source, "-o", output);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, process.ExitCode);
        return Directory.GetFiles(output, "*.profile.json").ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);
    }

    // A board large enough that writing its artefacts takes a while: many endpoints, two profiles.
    private static string Board(string answer) => $$"""
        import "std/kvm.rasdl";
        platform board { features ras, iesb; }
        block core : cpu { on slverr (read) -> serror(uc); on slverr (write) -> serror(uer); on poison -> sea; }
        block rc : root_port { on cto (read) -> {{answer}}; on any (read) -> all_ones; on any (write) -> drop; }
        route core -> rc;
        profile production { hypervisor kvm_6_8; }
        profile legacy { hypervisor kvm_6_7; }
        {{string.Concat(Enumerable.Range(0, 400).Select(i => $"endpoint e{i} : pcie_endpoint under rc {{ region bar mmio size 4K; faults ur, ca, cto, poison; }}\nassign e{i}.bar to guest via vfio_pci;\n"))}}
        """;
}
