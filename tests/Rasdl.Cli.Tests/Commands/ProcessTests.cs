using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>The built <c>rasdl</c> program run as its own process: real exit codes, results on stdout, problems on stderr.</summary>
public class ProcessTests
{
    [Fact]
    public void TheReadmeCommandChecksTheServerExampleCleanly()
    {
        var result = RasdlProcess.Run(Repository.Root, "check", "examples/server/server.rasdl");
        Assert.Equal(0, result.ExitCode);
        // No diagnostic line, only the per-profile verdict table and the summary.
        Assert.DoesNotContain("RASDL", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("profile production (hypervisor kvm_6_8): contained-in-vm\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\nchecked 1 file: 0 errors, 0 warnings, 0 info\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void DiagnosticsGoToStdoutAndTheExitCodeIsOne()
    {
        var result = RasdlProcess.Run(Repository.Root, "check", "tests/Rasdl.Cli.Tests/TestData/three-errors.rasdl");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tests/Rasdl.Cli.Tests/TestData/three-errors.rasdl:13:23: error RASDL1003:", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void AMissingFileIsReportedOnStderrWithExitCodeTwo()
    {
        var result = RasdlProcess.Run(Repository.Root, "check", "no-such-file.rasdl");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rasdl: cannot read 'no-such-file.rasdl'", result.Stderr);
        Assert.DoesNotContain("cannot read", result.Stdout);
    }

    [Fact]
    public void BadUsageIsReportedOnStderrWithExitCodeTwo()
    {
        var result = RasdlProcess.Run(Repository.Root, "check", "--format", "xml", "examples/server/server.rasdl");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Run 'rasdl help check' for its usage.", result.Stderr);
    }

    [Fact]
    public void HelpListsTheCommandsOnStdout()
    {
        var result = RasdlProcess.Run(Repository.Root, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "check", "explain", "fmt", "vocabulary" })
        {
            Assert.Contains(command, result.Stdout);
        }
    }
}
