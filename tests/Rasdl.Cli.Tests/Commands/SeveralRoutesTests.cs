using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// Where several routes reach one endpoint, <c>rasdl check</c> shows each route's verdict and says
/// which is the worst: a two-socket platform whose socket link resets the platform on a bus
/// error, so only the far socket's route is uncontained.
/// </summary>
public class SeveralRoutesTests
{
    private const string TwoSocket = "tests/Rasdl.Cli.Tests/TestData/two-socket.rasdl";

    [Fact]
    public void TextListsEachRoutesVerdictAndMarksTheWorst()
    {
        var result = RasdlCli.Run("check", TwoSocket);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"      route core0 -> mesh0 -> rp0 ({TwoSocket}:49): contained-in-vm\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"      route core1 -> mesh1 -> link -> mesh0 -> rp0 ({TwoSocket}:50): uncontained (the worst)\n", result.Stdout, StringComparison.Ordinal);
        // Every witness of the uncontained region is on the far socket's route.
        var witnesses = result.Stdout.Split('\n').Where(l => l.StartsWith("      witness: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(witnesses);
        Assert.All(witnesses, w => Assert.EndsWith($"[cpu core1, route {TwoSocket}:50]", w, StringComparison.Ordinal));
        Assert.Contains("link slverr -> reset", witnesses[0], StringComparison.Ordinal);
        // The error sits on the rule that resets, in the description.
        Assert.Contains($"{TwoSocket}:31:5: error RASDL2001: nic0.bar0 (profile production", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonGivesEachRoutesVerdictAndWhichIsTheWorst()
    {
        var result = RasdlCli.Run("check", TwoSocket, "--format", "json");

        var region = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("profiles")[0].GetProperty("regions")[0];
        Assert.Equal("uncontained", region.GetProperty("verdict").GetString());
        var routes = region.GetProperty("routes").EnumerateArray()
            .Select(r => (Cpu: r.GetProperty("cpu").GetString(), Verdict: r.GetProperty("verdict").GetString(), Worst: r.GetProperty("worst").GetBoolean(), Line: r.GetProperty("routeLocation").GetProperty("line").GetInt32()))
            .ToList();
        Assert.Equal([("core0", "contained-in-vm", false, 49), ("core1", "uncontained", true, 50)], routes);
        Assert.All(region.GetProperty("witnesses").EnumerateArray(), w => Assert.Equal("core1", w.GetProperty("cpu").GetString()));
    }

    [Fact]
    public void OneRouteIsTheWorstAloneAndNoRouteLinesAreWritten()
    {
        var text = RasdlCli.Run("check", "examples/server/server.rasdl");
        var json = RasdlCli.Run("check", "examples/server/server.rasdl", "--format", "json");

        Assert.DoesNotContain("      route ", text.Stdout, StringComparison.Ordinal);
        var route = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("profiles")[0].GetProperty("regions")[0].GetProperty("routes").EnumerateArray().Single();
        Assert.True(route.GetProperty("worst").GetBoolean());
    }
}
