using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Diagnostics;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl explain</c>: a code's help page, or the list of codes.</summary>
public class ExplainCommandTests
{
    [Theory]
    [InlineData("RASDL1002")]
    [InlineData("rasdl1002")]
    [InlineData("1002")]
    public void KnownCodePrintsItsHelpPage(string code)
    {
        var result = RasdlCli.Run("explain", code);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# RASDL1002: Unknown name\n", result.Stdout);
        Assert.Contains("Default severity: error.", result.Stdout);
        Assert.Contains("// rasdl-disable-next-line RASDL1002", result.Stdout);
    }

    [Fact]
    public void UnknownCodeExitsTwoWithASuggestion()
    {
        var result = RasdlCli.Run("explain", "RASDL1O02");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("'RASDL1O02' is not a RASDL diagnostic code", result.Stderr);
        Assert.Contains("RASDL1002", result.Stderr);
    }

    [Fact]
    public void WithoutACodeListsEveryCodeOfTheCatalogue()
    {
        var result = RasdlCli.Run("explain");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(DiagnosticCatalogue.All.Select(d => d.Code), lines.Select(l => l[..9]));
        Assert.Contains("RASDL3005  off      Declaration without doc", lines);
    }
}
