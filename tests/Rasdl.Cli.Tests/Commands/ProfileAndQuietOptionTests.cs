using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>--profile NAME</c> (repeatable) on check and build, and <c>--quiet</c> (errors and the summary only).</summary>
public class ProfileAndQuietOptionTests
{
    private const string Server = "examples/server/server.rasdl";   // profiles production and legacy, clean
    private const string NcOnly = "examples/nc-only/nc-only.rasdl"; // uncontained under production only, with infos

    [Fact]
    public void CheckReportsOnlyTheNamedProfile()
    {
        var result = RasdlCli.Run("check", "--profile", "legacy", Server);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("profile legacy (hypervisor kvm_6_7)", result.Stdout);
        Assert.DoesNotContain("profile production", result.Stdout);
    }

    [Fact]
    public void TheProfileOptionCanBeRepeated()
    {
        var result = RasdlCli.Run("check", "-p", "legacy", "--profile", "production", "--format", "json", Server);

        Assert.Equal(0, result.ExitCode);
        var names = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["production", "legacy"], names.Order().Reverse());
    }

    [Fact]
    public void ContainmentErrorsOfAProfileNotAskedForAreNotReported()
    {
        Assert.Equal(1, RasdlCli.Run("check", NcOnly).ExitCode);
        var legacy = RasdlCli.Run("check", "--profile", "legacy", NcOnly);

        Assert.Equal(0, legacy.ExitCode);
        Assert.DoesNotContain("profile production", legacy.Stdout);
        Assert.DoesNotContain("error RASDL2", legacy.Stdout);
    }

    [Fact]
    public void AnUnknownProfileIsBadUsageWithTheDeclaredOnes()
    {
        var result = RasdlCli.Run("check", "--profile", "legcy", Server);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("rasdl: no profile 'legcy'; did you mean 'legacy'? (declared: production, legacy)\n", result.Stderr);
    }

    [Fact]
    public void BuildWritesOnlyTheNamedProfile()
    {
        using var folder = new TempFolder();
        var result = RasdlCli.Run("build", Server, "-o", folder.Root, "--profile", "legacy");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["legacy.profile.json"], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void BuildRefusesAnUnknownProfileAndWritesNothing()
    {
        using var folder = new TempFolder();
        var result = RasdlCli.Run("build", Server, "-o", folder.Root, "--profile", "nightly");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no profile 'nightly'", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Root));
    }

    [Fact]
    public void QuietCheckPrintsErrorsAndTheSummaryOnly()
    {
        var full = RasdlCli.Run("check", NcOnly);
        var quiet = RasdlCli.Run("check", "--quiet", NcOnly);

        Assert.Equal(full.ExitCode, quiet.ExitCode);
        Assert.Contains(" info RASDL", full.Stdout);
        Assert.DoesNotContain(" info RASDL", quiet.Stdout);
        Assert.DoesNotContain(" warning RASDL", quiet.Stdout);
        Assert.DoesNotContain("witness:", quiet.Stdout);
        Assert.Contains(" error RASDL2001", quiet.Stdout);
        // The summary still counts everything.
        Assert.EndsWith(full.Stdout[full.Stdout.LastIndexOf("checked ", StringComparison.Ordinal)..], quiet.Stdout);
    }

    [Fact]
    public void QuietCheckOfACleanFileIsTheSummaryLine()
    {
        var result = RasdlCli.Run("check", "-q", Server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("checked 1 file: 0 errors, 0 warnings, 0 info\n", result.Stdout);
    }

    [Fact]
    public void QuietBuildPrintsNothingWhenItSucceeds()
    {
        using var folder = new TempFolder();
        var result = RasdlCli.Run("build", Server, "-o", folder.Root, "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout + result.Stderr);
        Assert.Equal(2, Directory.GetFiles(folder.Root).Length);
    }
}
