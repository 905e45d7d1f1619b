using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Rasdl.Benchmarks.Generator;
using Rasdl.Parsing;
using Rasdl.Semantics;

namespace Rasdl.Benchmarks.Tests;

/// <summary>Short runs of every benchmark piece, so that they keep working; no timing is asserted.</summary>
public sealed class BenchmarkSmokeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rasdl-bench-smoke-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(1_000)]
    [InlineData(12_500)]
    public void GeneratedPlatformChecksCleanAndIsFullyAnalysed(int lines)
    {
        var platform = PlatformGenerator.Generate(lines);
        var path = Path.Combine(_folder, "platform.rasdl");
        File.WriteAllText(path, platform.Rasdl);

        var compilation = Compilation.Create(path);

        Assert.Empty(compilation.GetDiagnostics());
        Assert.InRange(platform.RasdlLines, lines * 0.98, lines);
        Assert.Equal(2, compilation.Analysis.Profiles.Length);
        Assert.All(compilation.Analysis.Profiles, p => Assert.Equal(platform.Assignments + 2, p.Regions.Length)); // + the two UARTs
    }

    [Theory]
    [InlineData(PlatformShape.Wide)]
    [InlineData(PlatformShape.Deep)]
    public void EveryShapeChecksCleanAndIsFullyAnalysed(PlatformShape shape)
    {
        var (platform, compilation) = Compile(shape);

        Assert.Empty(compilation.GetDiagnostics());
        Assert.InRange(platform.RasdlLines, 2_000 * 0.97, 2_000);
        Assert.All(compilation.Analysis.Profiles, p => Assert.Equal(platform.Assignments + 2, p.Regions.Length)); // + the two UARTs
        Assert.All(compilation.Analysis.Profiles, p => Assert.Equal(Engine.ContainmentVerdict.ContainedInVm, p.Verdict));
    }

    [Fact]
    public void WideShapeWitnessesEveryRegion()
    {
        var (platform, compilation) = Compile(PlatformShape.Wide);

        Assert.True(platform.Endpoints >= platform.RootPorts * 8, $"{platform.Endpoints} endpoints below {platform.RootPorts} root ports");
        var regions = compilation.Analysis.Profiles.SelectMany(p => p.Regions).ToList();
        Assert.All(regions, r => Assert.Equal(Engine.ContainmentVerdict.ContainedInVm, r.Verdict));
        Assert.All(regions, r => Assert.NotEmpty(r.Witnesses));
        Assert.All(regions, r => Assert.NotEmpty(Engine.RegionExplanation.For(r).Faults));
    }

    [Fact]
    public void DeepShapeRoutesRunThroughFourToSixSwitches()
    {
        var (platform, compilation) = Compile(PlatformShape.Deep);

        var switchesOnRoutes = compilation.Analysis.Platform.Routes
            .Select(r => r.Hops.Count(h => h.Kind == Vocabulary.BlockKind.PcieSwitch))
            .ToHashSet();
        Assert.Contains(4, switchesOnRoutes);
        Assert.Contains(5, switchesOnRoutes);
        Assert.Contains(6, switchesOnRoutes);
        Assert.Contains(2, switchesOnRoutes); // the routes to the endpoints halfway down
        Assert.True(platform.Switches >= platform.RootPorts * 4, $"{platform.Switches} switches below {platform.RootPorts} root ports");
    }

    // A 2k-line platform of the shape, written to disk and compiled as `rasdl check` would.
    private (GeneratedPlatform Platform, Compilation Compilation) Compile(PlatformShape shape)
    {
        var platform = PlatformGenerator.Generate(2_000, shape);
        var path = Path.Combine(_folder, "platform.rasdl");
        File.WriteAllText(path, platform.Rasdl);
        return (platform, Compilation.Create(path));
    }

    [Fact]
    public void MixedShapeIsTheDefault() =>
        Assert.Equal(PlatformGenerator.Generate(3_000).Rasdl, PlatformGenerator.Generate(3_000, PlatformShape.Mixed).Rasdl);

    [Fact]
    public void GeneratedPlatformParsesTheSameWithTheAntlrParser()
    {
        var text = PlatformGenerator.Generate(2_000).Rasdl;

        var fast = Parser.Parse("p.rasdl", text);
        var antlr = Parser.ParseWithAntlr("p.rasdl", text);

        var firstDifference = Enumerable.Range(0, Math.Min(fast.Tokens.Length, antlr.Tokens.Length)).FirstOrDefault(i => fast.Tokens[i] != antlr.Tokens[i], -1);
        Assert.True(firstDifference < 0, firstDifference < 0 ? "" : $"token {firstDifference}: ANTLR {antlr.Tokens[firstDifference]}, fast {fast.Tokens[firstDifference]}");
        Assert.Equal(antlr.Tokens.Length, fast.Tokens.Length);
        Assert.Equal(antlr.Root.Declarations.Length, fast.Root.Declarations.Length);
        Assert.Empty(antlr.Diagnostics);
    }

    [Theory]
    [InlineData(PlatformShape.Mixed)]
    [InlineData(PlatformShape.Wide)]
    [InlineData(PlatformShape.Deep)]
    public void DeviceTreeSourceCompilesWithDtc(PlatformShape shape)
    {
        if (!File.Exists("/usr/bin/dtc"))
        {
            return; // device-tree-compiler is not installed here: the process benchmark installs it
        }

        var dts = Path.Combine(_folder, "platform.dts");
        File.WriteAllText(dts, PlatformGenerator.Generate(5_000, shape).DeviceTree);

        var (code, output) = Run("/usr/bin/dtc", "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(_folder, "platform.dtb"), dts);

        Assert.True(code == 0, output);
    }

    [Fact]
    public void EveryStageBenchmarkRunsOnce()
    {
        var benchmarks = new CompilerStageBenchmarks { Lines = 1_000 };
        benchmarks.Setup();
        try
        {
            Assert.NotEmpty(benchmarks.Parse().Root.Declarations);
            Assert.NotEmpty(benchmarks.ParseWithAntlr().Root.Declarations);
            Assert.NotEmpty(benchmarks.Bind().Blocks);
            Assert.NotEmpty(benchmarks.Lower().Blocks);
            Assert.NotEmpty(benchmarks.Analyse().Profiles);
            Assert.NotNull(benchmarks.Format());
            Assert.Equal(0, benchmarks.CheckAfterParse());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public void PhasesReportEveryStage()
    {
        var path = Path.Combine(_folder, "platform.rasdl");
        File.WriteAllText(path, PlatformGenerator.Generate(1_000).Rasdl);
        var output = new StringWriter();

        Assert.Equal(0, Phases.Run(path, 1, output, sampleStage: "analyse"));
        Assert.Contains("0 diagnostics", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("text report", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SameShapeTimesEveryStepOfAMove()
    {
        var path = Path.Combine(_folder, "platform.rasdl");
        File.WriteAllText(path, PlatformGenerator.Generate(1_000).Rasdl);
        var output = new StringWriter();

        // Each move is checked to go the same-shape way; a different way throws.
        Assert.Equal(0, SameShape.Run(path, calls: 2, rounds: 1, output));
        Assert.Contains("MovedTo, a comment line at the top", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("MovedTo, a size changed mid-file", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorLatencyClientDrivesTheRealServer()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "rasdl-lsp.dll");
        var output = new StringWriter();

        Assert.Equal(0, await EditorLatency.RunAsync(server, lines: 1_000, edits: 8, queries: 4, output));
        Assert.Contains("| edit -> publishDiagnostics | 8 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| hover | 4 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| completion | 4 |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorLatencyClientCanPauseBetweenEditsAsATypistDoes()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "rasdl-lsp.dll");
        var output = new StringWriter();

        Assert.Equal(0, await EditorLatency.RunAsync(server, lines: 1_000, edits: 4, queries: 0, output, pause: 30));
        var text = output.ToString();
        Assert.Contains("; 30 ms between the diagnostics and the next edit", text, StringComparison.Ordinal);
        Assert.Contains("| edit -> publishDiagnostics | 4 |", text, StringComparison.Ordinal);
        Assert.Contains("| hover | 0 | - | - | - |", text, StringComparison.Ordinal);

        // The rows per kind of edit split the same times: the pause after an edit is in none of them.
        static double Max(Match row) => double.Parse(row.Groups["max"].Value, CultureInfo.InvariantCulture);
        var all = Regex.Match(text, @"\| edit -> publishDiagnostics \| 4 \| [\d.]+ \| [\d.]+ \| (?<max>[\d.]+) \|");
        var kinds = Regex.Matches(text, @"\|   of which [^|]+ \| \d+ \| [\d.]+ \| [\d.]+ \| (?<max>[\d.]+) \|");
        Assert.True(all.Success, text);
        Assert.Equal(2, kinds.Count);
        Assert.Equal(Max(all), kinds.Max(Max));
    }

    [Fact]
    public async Task EditorLatencyClientCanAskWhatVsCodeAsksAfterEachEdit()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "rasdl-lsp.dll");
        var output = new StringWriter();

        Assert.Equal(0, await EditorLatency.RunAsync(server, lines: 1_000, edits: 8, queries: 2, output, asVsCode: true));
        Assert.Contains("| edit -> publishDiagnostics | 8 |", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"inlay hints and code lenses after the edits: 16 asked for, \d+ cancelled", output.ToString());
    }

    [Fact]
    public void ProcessBenchmarkScriptRuns()
    {
        if (!File.Exists("/usr/bin/dtc") || !File.Exists("/usr/bin/time"))
        {
            return; // the script needs dtc and GNU time (installed by tests/perf/run-all.sh)
        }

        var generated = PlatformGenerator.Generate(1_000);
        File.WriteAllText(Path.Combine(_folder, "platform-1000.rasdl"), generated.Rasdl);
        File.WriteAllText(Path.Combine(_folder, "platform-1000.dts"), generated.DeviceTree);
        var script = Path.Combine(Repository.Root, "tests", "perf", "process-bench.sh");
        var rasdl = "dotnet " + Path.Combine(AppContext.BaseDirectory, "rasdl.dll");

        var (code, output) = Run("bash", script, rasdl, _folder, "1000", "1", "smoke");

        Assert.True(code == 0, output);
        Assert.StartsWith("| smoke | 1000 |", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareBuildsScriptTimesTwoBuildsThatAnswerAlikeAndRefusesTwoThatDoNot()
    {
        if (!File.Exists("/usr/bin/time"))
        {
            return; // the script needs GNU time (installed by tests/perf/run-all.sh)
        }

        var file = Path.Combine(_folder, "platform-1000.rasdl");
        File.WriteAllText(file, PlatformGenerator.Generate(1_000).Rasdl);
        var script = Path.Combine(Repository.Root, "tests", "perf", "compare-builds.sh");
        var rasdl = "dotnet " + Path.Combine(AppContext.BaseDirectory, "rasdl.dll");

        var (code, output) = Run("bash", script, rasdl, rasdl, file, "1");
        Assert.True(code == 0, output);
        var rows = output.Trim().Split('\n');
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("| before | 1 |", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("| after | 1 |", rows[1], StringComparison.Ordinal);

        // A build that writes another report is no "after" to time against.
        (code, output) = Run("bash", script, rasdl, "echo", file, "1");
        Assert.Equal(1, code);
        Assert.Contains("the two builds answer differently", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phases --help", "")]
    [InlineData("phases", "phases: which file?")]
    [InlineData("same-shape no-such-file.rasdl", "same-shape: no file 'no-such-file.rasdl'")]
    [InlineData("editor --lines 10", "editor: --server PATH names the language server to start")]
    public void AModeWithoutWhatItNeedsPrintsTheUsage(string arguments, string problem)
    {
        var benchmarks = Path.Combine(AppContext.BaseDirectory, "Rasdl.Benchmarks.dll");

        var (code, output) = Run("dotnet", [benchmarks, .. arguments.Split(' ')]);

        Assert.True(code == 2, output);
        Assert.StartsWith(problem, output, StringComparison.Ordinal);
        Assert.Contains("Rasdl.Benchmarks phases FILE [--repeat N]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
