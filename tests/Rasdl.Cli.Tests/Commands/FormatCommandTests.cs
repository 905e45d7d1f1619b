using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl fmt</c>: rewrite in place, <c>--check</c> for CI, <c>--stdout</c>.</summary>
public class FormatCommandTests
{
    private const string Messy = "block rc0:root_port{on ur(read)->all_ones;\n  on any (write)   ->   drop;}\n";
    private const string Formatted = "block rc0 : root_port {\n    on ur (read)   -> all_ones;\n    on any (write) -> drop;\n}\n";

    [Fact]
    public void RewritesTheFileInCanonicalLayout()
    {
        using var folder = new TempFolder();
        var file = folder.Write("rc.rasdl", Messy);
        var result = RasdlCli.Run("fmt", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{file}: formatted\n", result.Stdout);
        Assert.Equal(Formatted, File.ReadAllText(file));
        Assert.Equal(0, RasdlCli.Run("fmt", "--check", file).ExitCode);
    }

    [Fact]
    public void CheckExitsOneForAnUnformattedFileAndLeavesItAlone()
    {
        using var folder = new TempFolder();
        var file = folder.Write("rc.rasdl", Messy);
        var result = RasdlCli.Run("fmt", "--check", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{file}: not formatted\n", result.Stdout);
        Assert.Equal(Messy, File.ReadAllText(file));
    }

    [Fact]
    public void CheckExitsZeroForAFormattedFile()
    {
        using var folder = new TempFolder();
        var file = folder.Write("rc.rasdl", Formatted);
        var result = RasdlCli.Run("fmt", "--check", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void StdoutPrintsTheFormattedTextAndLeavesTheFileAlone()
    {
        using var folder = new TempFolder();
        var file = folder.Write("rc.rasdl", Messy);
        var result = RasdlCli.Run("fmt", "--stdout", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Formatted, result.Stdout);
        Assert.Equal(Messy, File.ReadAllText(file));
    }

    [Fact]
    public void FileWithSyntaxErrorsIsNotTouchedAndExitsOne()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.rasdl", "block rc0 : root_port { on ur -> ; }\n");
        var result = RasdlCli.Run("fmt", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has syntax errors", result.Stderr);
        Assert.Equal("block rc0 : root_port { on ur -> ; }\n", File.ReadAllText(file));
    }

    [Fact]
    public void MissingFileExitsTwo()
    {
        var result = RasdlCli.Run("fmt", "examples/no-such-file.rasdl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot format 'examples/no-such-file.rasdl'", result.Stderr);
    }
}
