using System.Diagnostics;

namespace Rasdl.Testing;

/// <summary>
/// The language server program the process-level tests start: the rasdl-lsp.dll of this test
/// project's build under <c>dotnet</c>, or, when RASDL_LSP_SERVER names one, another build
/// (the published Native AOT executable the VS Code extension bundles on linux-x64, or a
/// ReadyToRun assembly), so that the same tests prove each build:
/// <c>RASDL_LSP_SERVER=/path/to/rasdl-lsp dotnet test tests/Rasdl.LanguageServer.Tests</c>.
/// </summary>
public static class ServerProgram
{
    public const string Variable = "RASDL_LSP_SERVER";

    /// <summary>The server named by RASDL_LSP_SERVER, else null.</summary>
    public static string? Override => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>How to start PROGRAM (an assembly runs under dotnet, anything else directly), followed by ARGUMENTS.</summary>
    public static ProcessStartInfo StartInfo(string program, params string[] arguments)
    {
        var isAssembly = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isAssembly ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" : program);
        if (isAssembly)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
