using Rasdl.Diagnostics;
using Rasdl.Semantics;
using Rasdl.Testing;

namespace Rasdl.Compiler.Tests.Infrastructure;

/// <summary>A real folder on disk holding test files, and the compilations made from them; deleted when disposed.</summary>
public sealed class TempWorkspace : IDisposable
{
    private readonly TempFolder _folder = new();

    public string Root => _folder.Root;

    public string Write(string relativePath, string text) => _folder.Write(relativePath, text);

    public string WriteBytes(string relativePath, byte[] bytes) => _folder.WriteBytes(relativePath, bytes);

    public Compilation Compile(string relativePath, CompilationOptions? options = null) =>
        Compilation.Create(Path.Combine(Root, relativePath), new DiskSourceFileProvider(), options);

    /// <summary>Writes one file and compiles it.</summary>
    public static Compilation CompileText(string text)
    {
        using var workspace = new TempWorkspace();
        var compilation = Compilation.Create(workspace.Write("main.rasdl", text), new DiskSourceFileProvider());
        _ = compilation.GetDiagnostics();
        return compilation;
    }

    /// <summary>"line:col CODE message" for each diagnostic, 1-based, for compact assertions.</summary>
    public static IEnumerable<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Location.Range.Start.Line + 1}:{d.Location.Range.Start.Character + 1} {d.Code} {d.Message}");

    public void Dispose() => _folder.Dispose();
}
