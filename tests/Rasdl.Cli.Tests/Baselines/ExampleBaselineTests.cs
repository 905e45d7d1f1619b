using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Baselines;

/// <summary>
/// Each example's outputs, compared with the baselines committed beside it. To accept new
/// outputs: <c>RASDL_UPDATE_BASELINES=1 dotnet test tests/Rasdl.Cli.Tests</c>, then review
/// the diff like code.
/// </summary>
public class ExampleBaselineTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var root in ExampleCorpus.RootFiles)
        {
            foreach (var kind in BaselineKind.All.Where(k => k.For(root)))
            {
                cases.Add(root, kind.Suffix);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputMatchesBaseline(string rootFile, string suffix)
    {
        var kind = BaselineKind.All.Single(k => k.Suffix == suffix);
        using var run = new BaselineRun(rootFile);
        var actual = kind.Produce(run);
        GeneratedFile.Verify(ExampleCorpus.BaselinePath(rootFile, kind), actual, kind.Description.Replace("FILE", rootFile, StringComparison.Ordinal));
    }

    [Fact]
    public void TheCorpusHasTheExamplesTheReadmeDescribes()
    {
        var roots = ExampleCorpus.RootFiles.ToList();
        foreach (var expected in new[] { "server", "safe-server", "serror-soc", "nc-only", "incomplete", "multi-file", "every-construct" })
        {
            Assert.Contains($"examples/{expected}/{expected}.rasdl", roots);
        }
    }

    [Fact]
    public void EveryExampleFolderHasARootFile()
    {
        var withoutRoot = ExampleCorpus.Folders.Where(f => !ExampleCorpus.RootFilesOf(f).Any()).ToList();
        Assert.True(withoutRoot.Count == 0,
            $"no root file (FOLDER/FOLDER.rasdl, or a line in FOLDER/roots.txt) in: {string.Join(", ", withoutRoot)}");
    }

    [Fact]
    public void NoBaselineIsLeftWithoutItsExample()
    {
        var suffixes = BaselineKind.All.Select(k => "." + k.Suffix).ToList();
        var found = Directory.EnumerateFiles(Repository.PathOf(ExampleCorpus.Folder), "*", SearchOption.AllDirectories)
            .Select(Repository.RelativePath)
            .Where(p => suffixes.Any(s => p.EndsWith(s, StringComparison.Ordinal)));
        var expected = ExampleCorpus.RootFiles.SelectMany(r => BaselineKind.All.Where(k => k.For(r)).Select(k => ExampleCorpus.BaselinePath(r, k)));
        GeneratedFile.VerifyNoOrphans(found, expected, "baselines");
    }

    [Theory]
    [MemberData(nameof(RootFiles))]
    public void ExitCodeSaysWhetherTheJsonSummaryCountsErrors(string rootFile)
    {
        var text = RasdlCli.Run("check", rootFile);
        var json = RasdlCli.Run("check", rootFile, "--format", "json");
        using var document = JsonDocument.Parse(json.Stdout);
        var errors = document.RootElement.GetProperty("summary").GetProperty("errors").GetInt32();
        Assert.Equal(errors > 0 ? 1 : 0, text.ExitCode);
        Assert.Equal(text.ExitCode, json.ExitCode);
    }

    public static TheoryData<string> RootFiles() => new(ExampleCorpus.RootFiles);

    [Fact]
    public void TheDesignExampleChecksWithNoDiagnosticAtAll()
    {
        // README's first command runs exactly this; DESIGN section 3 promises it is clean.
        var result = RasdlCli.Run("check", "examples/server/server.rasdl");
        Assert.Equal(0, result.ExitCode);
        // No diagnostic line, only the per-profile verdict table and the summary.
        Assert.DoesNotContain("RASDL", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("profile production (hypervisor kvm_6_8): contained-in-vm\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\nchecked 1 file: 0 errors, 0 warnings, 0 info\n", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> FormattedSources() =>
        new(ExampleCorpus.AllSourceFiles);

    [Theory]
    [MemberData(nameof(FormattedSources))]
    public void ExamplesAreInTheFormattersLayout(string file)
    {
        var result = RasdlCli.Run("fmt", "--check", file);
        Assert.True(result.ExitCode == 0, $"{file} is not in canonical layout; run: dotnet run --project compiler/Rasdl.Cli -- fmt {file}\n{result}");
    }
}
