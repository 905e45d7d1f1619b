using System.Diagnostics;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

/// <summary>rasdl-lsp's own arguments: --help and --version answer and exit instead of serving on stdin.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_and_exits_0(string argument)
    {
        var (code, output, error) = Handle(argument);
        Assert.Equal(ServerCommandLine.Success, code);
        Assert.Contains("Usage: rasdl-lsp [--stdio]", output);
        Assert.Contains("--version", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Version_prints_the_name_and_version_and_exits_0()
    {
        var (code, output, error) = Handle("--version");
        Assert.Equal(ServerCommandLine.Success, code);
        Assert.Matches(@"^rasdl-lsp \d+\.\d+\.\d+\S*\r?\n$", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void No_argument_or_stdio_serves()
    {
        Assert.Null(ServerCommandLine.Handle([], TextWriter.Null, TextWriter.Null));
        Assert.Null(ServerCommandLine.Handle(["--stdio"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void An_unknown_argument_is_bad_usage_named_on_stderr()
    {
        var (code, output, error) = Handle("--port=5007");
        Assert.Equal(ServerCommandLine.BadUsage, code);
        Assert.Equal("", output);
        Assert.Contains("unknown argument '--port=5007'", error);
        Assert.Contains("rasdl-lsp --help", error);
    }

    [Theory]
    [InlineData("--help", "rasdl-lsp: the RASDL language server.")]
    [InlineData("--version", "rasdl-lsp ")]
    public async Task The_built_program_answers_and_exits_0_without_waiting_for_a_client(string argument, string expected)
    {
        var start = ServerProgram.StartInfo(BuiltServer.Program, argument);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Standard input stays open: a server would wait on it for ever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith(expected, await output);
        Assert.Equal("", await error);
    }

    private static (int? Code, string Output, string Error) Handle(string argument)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ServerCommandLine.Handle([argument], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
