using Rasdl.Diagnostics;
using Rasdl.Semantics;

namespace Rasdl.Compiler.Tests.Infrastructure;

/// <summary>A real folder on disk holding test files; deleted when disposed.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "rasdl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
