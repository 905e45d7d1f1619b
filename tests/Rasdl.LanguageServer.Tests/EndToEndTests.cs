using System.Diagnostics;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

/// <summary>Runs tests/lsp-e2e: the built rasdl-lsp as a separate process, driven over stdio by Node's vscode-languageserver-protocol.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task The_built_server_process_serves_a_node_client_and_exits_0()
    {
        var folder = Path.Combine(Repository.Root, "tests", "lsp-e2e");
        var dll = BuiltServer.Program;
        Assert.True(File.Exists(dll), $"the server is built by this test project's build, or named by {ServerProgram.Variable}: {dll}");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "vscode-languageserver-protocol")))
        {
            var (installCode, installOutput) = await RunAsync("npm", "ci --no-audit --no-fund --ignore-scripts", folder, dll);
            Assert.True(installCode == 0, installOutput);
        }

        var (code, output) = await RunAsync("node", "--test", folder, dll);
        Assert.True(code == 0, output);
        Assert.Contains("# pass 1", output);
        Assert.Contains("# fail 0", output);
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, string arguments, string folder, string dll)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [ServerProgram.Variable] = dll },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
