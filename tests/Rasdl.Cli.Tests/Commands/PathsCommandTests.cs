using System.Text.Json;
using System.Text.RegularExpressions;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl paths</c>: every path of one region, grouped by verdict, and its usage errors.</summary>
public partial class PathsCommandTests
{
    private const string Server = "examples/server/server.rasdl";

    // The far socket's route crosses a link that resets the platform on a bus error; the near one does not.
    private const string TwoSocket = "tests/Rasdl.Cli.Tests/TestData/two-socket.rasdl";

    [Fact]
    public void GroupedEntriesStandForTheSamePathsAsAllListsOneByOne()
    {
        var grouped = Json(RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--profile", "production", "--format", "json"));
        var all = Json(RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--profile", "production", "--format", "json", "--all"));

        var groupedEntries = Entries(grouped).ToList();
        var allEntries = Entries(all).ToList();
        Assert.True(grouped.GetProperty("grouped").GetBoolean());
        Assert.False(all.GetProperty("grouped").GetBoolean());
        // --all: one entry per stage-1 choice, access, fault and route; grouped: fewer entries, the same paths.
        Assert.All(allEntries, e => Assert.Equal(1, e.GetProperty("covers").GetArrayLength()));
        Assert.True(groupedEntries.Count < allEntries.Count, $"{groupedEntries.Count} grouped entries, {allEntries.Count} ungrouped");
        Assert.Equal(allEntries.Count, groupedEntries.Sum(e => e.GetProperty("covers").GetArrayLength()));
        Assert.Equal(allEntries.Count, Profile(grouped).GetProperty("paths").GetInt32());
        Assert.Equal(Keys(allEntries).Order(), Keys(groupedEntries).Order());
        // Seven stage-1 types, each a path of its own under --all.
        Assert.Equal(7, allEntries.Where(e => Path(e) is ("read", "ur")).Count());
    }

    [Fact]
    public void AGroupCoversOnlyChoicesWhosePathsAreTheSame()
    {
        // rc0 answers a Device read's completion timeout with SLVERR and a Normal-NC read's with all-ones:
        // the two stage-1 choices take different rules, so they are different entries.
        var grouped = Json(RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--profile", "production", "--format", "json"));
        var reads = Entries(grouped).Where(e => Path(e) is ("read", "cto")).ToList();

        Assert.Equal(2, reads.Count);
        var device = reads.Single(e => e.GetProperty("path").GetProperty("verdict").GetString() == "contained-in-vm");
        var normal = reads.Single(e => e.GetProperty("path").GetProperty("verdict").GetString() == "contained-in-device");
        Assert.Equal(["device_nGnRnE", "device_nGnRE", "device_nGRE", "device_GRE"], Stage1(device));
        Assert.Equal(["normal_nc", "normal_wt", "normal_wb"], Stage1(normal));
        Assert.Equal("on cto (read, device) -> slverr", device.GetProperty("path").GetProperty("steps")[0].GetProperty("rule").GetString());
        Assert.Equal("sea", device.GetProperty("path").GetProperty("cpuOutcome").GetString());
        Assert.Equal("inject", device.GetProperty("path").GetProperty("action").GetString());
    }

    [Fact]
    public void TextGroupsByVerdictAndShowsEachStepsRuleAndPlace()
    {
        var result = RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--profile", "legacy");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.StartsWith("gpu0.bar0, profile legacy (hypervisor kvm_6_7): contained-in-vm\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  contained-in-device (", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  contained-in-vm (", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  uncontained (", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.IndexOf("\n  contained-in-device (", StringComparison.Ordinal) < result.Stdout.IndexOf("\n  contained-in-vm (", StringComparison.Ordinal));
        Assert.Contains(
            "    read, cto: stage 1 device_nGnRnE device_nGnRE device_nGRE device_GRE normal_nc normal_wt normal_wb -> effective device_nGnRnE device_nGnRE\n"
            + "      examples/server/server.rasdl:33: route core -> mesh -> rc0 (cpu core)\n"
            + "      examples/server/server.rasdl:30: gpu0 can produce cto\n"
            + "      examples/server/server.rasdl:22: rc0 turns cto into slverr [on cto (read, device) -> slverr]\n"
            + "      examples/server/server.rasdl:15: mesh passes slverr on [on slverr -> slverr]\n"
            + "      examples/server/server.rasdl:10: core takes slverr as a synchronous external abort [on slverr (read) -> sea]\n"
            + "      std/kvm.rasdl:37: kvm_6_7: is injected into the guest\n"
            + "      outcome: core raises sea, kvm_6_7: inject => contained-in-vm\n",
            result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutProfileEveryProfileIsListedInOrder()
    {
        var result = RasdlCli.Run("paths", Server, "--region", "gpu0.bar0");

        var headers = result.Stdout.Split('\n').Where(l => l.StartsWith("gpu0.bar0, profile ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["gpu0.bar0, profile production (hypervisor kvm_6_8): contained-in-vm", "gpu0.bar0, profile legacy (hypervisor kvm_6_7): contained-in-vm"], headers);
    }

    [Fact]
    public void AnUncontainedPathShowsTheStepThatMadeItSoAndTheRouteItFollowed()
    {
        var result = RasdlCli.Run("paths", TwoSocket, "--region", "nic0.bar0");

        Assert.Equal(0, result.ExitCode);
        var uncontained = result.Stdout[result.Stdout.IndexOf("\n  uncontained (", StringComparison.Ordinal)..];
        Assert.Contains("two-socket.rasdl:31: link resets the platform on slverr [on slverr -> reset]\n", uncontained, StringComparison.Ordinal);
        Assert.Contains("      outcome: link resets the platform => uncontained\n", uncontained, StringComparison.Ordinal);
        // Only the far socket's route crosses the link.
        Assert.DoesNotContain("(cpu core0)", uncontained, StringComparison.Ordinal);
        Assert.Contains("route core1 -> mesh1 -> link -> mesh0 -> rp0 (cpu core1)", uncontained, StringComparison.Ordinal);
        // The near socket's route is listed too, contained.
        var contained = result.Stdout[..result.Stdout.IndexOf("\n  uncontained (", StringComparison.Ordinal)];
        Assert.Contains("route core0 -> mesh0 -> rp0 (cpu core0)", contained, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownRegionIsBadUsageWithTheNearestName()
    {
        var result = RasdlCli.Run("paths", Server, "--region", "gpu0.bra0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("rasdl: no assigned region 'gpu0.bra0'; did you mean 'gpu0.bar0'? (assigned: gpu0.bar0)\n", result.Stderr);
    }

    [Fact]
    public void GraphSharesTheRegionLookup()
    {
        var paths = RasdlCli.Run("paths", Server, "--region", "gpu0.bra0");
        var graph = RasdlCli.Run("graph", Server, "--region", "gpu0.bra0");

        Assert.Equal(2, graph.ExitCode);
        Assert.Equal(paths.Stderr, graph.Stderr);
    }

    [Fact]
    public void GraphSuggestsANearProfileToo()
    {
        var graph = RasdlCli.Run("graph", Server, "--profile", "productoin");

        Assert.Equal(2, graph.ExitCode);
        Assert.Equal("rasdl: no profile 'productoin'; did you mean 'production'? (profiles: production, legacy)\n", graph.Stderr);
    }

    [Fact]
    public void ARegionNoAssignGivesToAGuestIsSaidSo()
    {
        using var folder = new TempFolder();
        var file = folder.Write("board.rasdl", File.ReadAllText(Repository.PathOf(Server))
            .Replace("    region bar0 mmio size 64M prefetchable;\n", "    region bar0 mmio size 64M prefetchable;\n    region bar2 mmio size 4K;\n", StringComparison.Ordinal));

        var result = RasdlCli.Run("paths", file, "--region", "gpu0.bar2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rasdl: region 'gpu0.bar2' is declared (board.rasdl:30) but no `assign` gives it to a guest, so no guest access reaches it (assigned: gpu0.bar0)\n", result.Stderr);
    }

    [Fact]
    public void ARegionAProfileDidNotAnalyseIsSaidSoNotCalledSafe()
    {
        using var folder = new TempFolder();
        var file = folder.Write("board.rasdl", File.ReadAllText(Repository.PathOf(Server)) + """

            block rc1 : root_port {
                on any (read)  -> all_ones;
                on any (write) -> drop;
            }

            endpoint nic0 : pcie_endpoint under rc1 {
                region bar0 mmio size 64K;
                faults ur;
            }

            assign nic0.bar0 to guest via vfio_pci;

            """);

        var result = RasdlCli.Run("paths", file, "--region", "nic0.bar0", "--profile", "production");
        var json = Json(RasdlCli.Run("paths", file, "--region", "nic0.bar0", "--profile", "production", "--format", "json"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("nic0.bar0, profile production (hypervisor kvm_6_8): not analysed\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("nic0.bar0 is assigned, but production did not analyse it: no route reaches rc1, the block nic0 sits under (unknown is unsafe)", result.Stdout, StringComparison.Ordinal);
        Assert.False(Profile(json).GetProperty("analysed").GetBoolean());
        Assert.Equal("no route reaches rc1, the block nic0 sits under", Profile(json).GetProperty("reason").GetString());
    }

    [Fact]
    public void ADescriptionWithNameErrorsSaysTheListingIsPartial()
    {
        using var folder = new TempFolder();
        var file = folder.Write("board.rasdl", File.ReadAllText(Repository.PathOf(Server))
            .Replace("route core -> mesh -> rc0;", "route core -> mseh -> rc0;", StringComparison.Ordinal));

        var result = RasdlCli.Run("paths", file, "--region", "gpu0.bar0", "--profile", "legacy");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"rasdl: '{file}' has 1 syntax or name error; these paths cover only what could be analysed (run 'rasdl check {file}')\n", result.Stderr);
        // The route did not resolve: nothing reaches rc0, and the region is not called safe.
        Assert.StartsWith("gpu0.bar0, profile legacy (hypervisor kvm_6_7): not analysed\n", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("productoin", "rasdl: no profile 'productoin'; did you mean 'production'? (declared: production, legacy)\n")]
    [InlineData("nightly", "rasdl: no profile 'nightly' (declared: production, legacy)\n")]
    public void AnUnknownProfileIsBadUsage(string profile, string message)
    {
        var result = RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--profile", profile);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(message, result.Stderr);
    }

    [Fact]
    public void UsageErrorsExitTwo()
    {
        var noRegion = RasdlCli.Run("paths", Server);
        var unreadable = RasdlCli.Run("paths", "examples/server/missing.rasdl", "--region", "gpu0.bar0");
        var badFormat = RasdlCli.Run("paths", Server, "--region", "gpu0.bar0", "--format", "sarif");

        Assert.Equal(2, noRegion.ExitCode);
        Assert.Equal("rasdl: paths needs --region ENDPOINT.REGION (assigned: gpu0.bar0)\nRun 'rasdl help paths' for its usage.\n", noRegion.Stderr);
        Assert.Equal(2, unreadable.ExitCode);
        Assert.StartsWith("rasdl: cannot read 'examples/server/missing.rasdl'", unreadable.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
    }

    [Fact]
    public void UncontainedPathsAreAListingNotAFailure()
    {
        // Like graph, paths answers a question; check and build are the commands that fail a CI job.
        var result = RasdlCli.Run("paths", "examples/serror-soc/serror-soc.rasdl", "--region", "wifi0.bar0");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\n  uncontained (", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandIsListedInHelp()
    {
        var help = RasdlCli.Run("help");
        var usage = RasdlCli.Run("help", "paths");

        Assert.Matches(PathsLine(), help.Stdout);
        Assert.Contains("--region", usage.Stdout, StringComparison.Ordinal);
        Assert.Contains("--all", usage.Stdout, StringComparison.Ordinal);
        Assert.Equal("rasdl: 'pahts' is not a rasdl command; did you mean 'paths'?\nRun 'rasdl help' for the commands.\n", RasdlCli.Run("pahts").Stderr);
    }

    [Theory]
    [InlineData("paths examples/nc-only/nc-only.rasdl --region ", "fpga0.csr\nfpga0.stream\n")]
    [InlineData("graph examples/nc-only/nc-only.rasdl -r fpga0.s", "fpga0.stream\n")]
    [InlineData("paths examples/nc-only/missing.rasdl --region ", "\n")]
    public void RegionCompletionOffersTheRegionsTheFileAssigns(string line, string expected)
    {
        // What the completion script asks (rasdl completion bash): the directive, then the line after "rasdl ".
        var result = RasdlCli.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(expected, result.Stdout);
    }

    [GeneratedRegex(@"\n\s+paths <file>\s+List every path")]
    private static partial Regex PathsLine();

    private static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static JsonElement Profile(JsonElement listing) => listing.GetProperty("profiles").EnumerateArray().Single();

    private static IEnumerable<JsonElement> Entries(JsonElement listing) =>
        Profile(listing).GetProperty("outcomes").EnumerateArray().SelectMany(o => o.GetProperty("entries").EnumerateArray());

    private static (string Access, string Fault) Path(JsonElement entry) =>
        (entry.GetProperty("path").GetProperty("access").GetString()!, entry.GetProperty("path").GetProperty("fault").GetString()!);

    private static List<string> Stage1(JsonElement entry) =>
        [.. entry.GetProperty("covers").EnumerateArray().Select(c => c.GetProperty("stage1").GetString()!)];

    // Every (stage-1 choice, access, fault, verdict) an entry stands for.
    private static IEnumerable<string> Keys(IEnumerable<JsonElement> entries) =>
        entries.SelectMany(e => Stage1(e).Select(s => $"{s} {Path(e)} {e.GetProperty("path").GetProperty("verdict").GetString()}"));
}
