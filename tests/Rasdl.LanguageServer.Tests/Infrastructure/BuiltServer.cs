using Rasdl.Testing;

namespace Rasdl.LanguageServer.Tests.Infrastructure;

/// <summary>The rasdl-lsp.dll this test project's build produced (the same configuration as the tests), or the build RASDL_LSP_SERVER names.</summary>
public static class BuiltServer
{
    /// <summary>The build configuration of this test run: …/bin/&lt;Configuration&gt;/net10.0/.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    public static string Dll { get; } =
        Path.Combine(Repository.Root, "server", "Rasdl.LanguageServer", "bin", Configuration, "net10.0", "rasdl-lsp.dll");

    /// <summary>The server the process-level tests start: RASDL_LSP_SERVER if set (a published build), else <see cref="Dll"/>.</summary>
    public static string Program => ServerProgram.Override ?? Dll;
}
