using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl check</c>: exit codes, the text lines and the JSON shape.</summary>
public class CheckCommandTests
{
    private const string Clean = "examples/server/server.rasdl";
    private const string ThreeErrors = "tests/Rasdl.Cli.Tests/TestData/three-errors.rasdl";
    private const string WarningOnly = "tests/Rasdl.Cli.Tests/TestData/warning-only.rasdl";

    [Fact]
    public void CleanFileExitsZero()
    {
        var result = RasdlCli.Run("check", Clean);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void WarningsAloneExitZero()
    {
        var result = RasdlCli.Run("check", WarningOnly);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{WarningOnly}:3:1: warning RASDL3002: nothing declared in 'std/ip/cpu.rasdl' is used\n", result.Stdout);
    }

    [Fact]
    public void ErrorsExitOneWithOneLinePerDiagnosticAndASummary()
    {
        var result = RasdlCli.Run("check", ThreeErrors);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains($"{ThreeErrors}:13:23: error RASDL1003: 'slverrr' is not an outcome; did you mean 'slverr'?\n", result.Stdout);
        Assert.Contains($"{ThreeErrors}:23:12: error RASDL1024: endpoint 'nic' has no region 'bar1'; did you mean 'bar0'?\n", result.Stdout);
        Assert.Contains($"{ThreeErrors}:25:33: error RASDL1002: hypervisor 'kvm_6_9' is not declared", result.Stdout);
        Assert.Matches(@"checked 1 file: 3 errors, \d+ warnings?, \d+ info\n$", result.Stdout);
    }

    [Fact]
    public void SeveralFilesAreCheckedInOneRun()
    {
        var result = RasdlCli.Run("check", Clean, ThreeErrors);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"checked 2 files: 3 errors", result.Stdout);
    }

    [Fact]
    public void JsonHasOneObjectPerDiagnosticWithItsRangeAndASummary()
    {
        var result = RasdlCli.Run("check", ThreeErrors, "--format", "json");
        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var diagnostics = document.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        var errors = diagnostics.Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        Assert.Equal(3, errors.Count);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Matches("^RASDL[0-9]{4}$", diagnostic.GetProperty("code").GetString());
            Assert.Contains(diagnostic.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
            Assert.Equal(ThreeErrors, diagnostic.GetProperty("file").GetString());
            foreach (var number in new[] { "line", "column", "endLine", "endColumn" })
            {
                Assert.True(diagnostic.GetProperty(number).GetInt32() >= 1, $"{number} is 1-based");
            }

            Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetProperty("message").GetString()));
        }

        var outcome = errors.Single(d => d.GetProperty("code").GetString() == "RASDL1003");
        Assert.Equal((13, 23, 13, 30), (outcome.GetProperty("line").GetInt32(), outcome.GetProperty("column").GetInt32(),
            outcome.GetProperty("endLine").GetInt32(), outcome.GetProperty("endColumn").GetInt32()));
        Assert.Equal("'slverrr' is not an outcome; did you mean 'slverr'?", outcome.GetProperty("message").GetString());

        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("files").GetInt32());
        Assert.Equal(3, summary.GetProperty("errors").GetInt32());
        Assert.Equal(diagnostics.Count(d => d.GetProperty("severity").GetString() == "warning"), summary.GetProperty("warnings").GetInt32());
        Assert.Equal(diagnostics.Count(d => d.GetProperty("severity").GetString() == "info"), summary.GetProperty("infos").GetInt32());
    }

    [Fact]
    public void JsonOfACleanFileHasAnEmptyDiagnosticsArray()
    {
        var result = RasdlCli.Run("check", Clean, "--format", "json");
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Empty(document.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(0, document.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void MissingFileExitsTwoWithAMessageOnStderr()
    {
        var result = RasdlCli.Run("check", "examples/no-such-platform.rasdl");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rasdl: cannot read 'examples/no-such-platform.rasdl'", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void AMisspelledOptionAfterTheFilesIsBadUsageNotAFile()
    {
        var result = RasdlCli.Run("check", "examples/server/server.rasdl", "--fromat", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--fromat'", result.Stderr);
        Assert.DoesNotContain("cannot read", result.Stderr);
    }

    [Fact]
    public void DirectoryExitsTwoSayingItIsADirectory()
    {
        var result = RasdlCli.Run("check", "examples");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'examples': it is a directory, not a file", result.Stderr);
    }

    [Fact]
    public void UnreadableFileExitsTwo()
    {
        using var folder = new TempFolder();
        var file = folder.Write("locked.rasdl", "platform p { }\n");
        string path;
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            File.SetUnixFileMode(file, UnixFileMode.None);
            path = file;
        }
        else
        {
            // Permissions do not stop root: read "through" a file instead, which no user can.
            path = Path.Combine(file, "inner.rasdl");
        }

        var result = RasdlCli.Run("check", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Stderr);
    }

    [Fact]
    public void AnUnreadableFileAmongGoodOnesStillExitsTwo()
    {
        var result = RasdlCli.Run("check", Clean, "examples/missing.rasdl");
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", Clean, "--format", "xml")]
    [InlineData("no-such-command")]
    public void BadUsageExitsTwoWithUsageOnStderr(params string[] args)
    {
        var result = RasdlCli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Run 'rasdl help", result.Stderr);
    }

    [Fact]
    public void AnUnknownOptionAfterTheFilesExitsTwoNamingIt()
    {
        var result = RasdlCli.Run("check", Clean, "--no-such-option");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--no-such-option'", result.Stderr);
    }
}
