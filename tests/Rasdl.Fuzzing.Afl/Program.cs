using Rasdl.Configuration;
using Rasdl.Emit;
using Rasdl.Formatting;
using Rasdl.Parsing;
using Rasdl.Semantics;
using SharpFuzz;

namespace Rasdl.Fuzzing.Afl;

/// <summary>
/// Reads one input as a RASDL file and runs it through the compiler: read checks, parse, bind,
/// lower, analyse, emit, format. An exception is a finding; so is a formatter that loses a
/// token, produces text that does not parse, or is not idempotent.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // A folder that exists, so relative imports resolve (to nothing) on disk.
        var folder = Path.Combine(Path.GetTempPath(), "rasdl-afl");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "input.rasdl");
        // No compiler code may run before the fuzzer has set up its coverage map (instrumented
        // code writes to it), so everything is built inside the callback.
        Action<Stream> run = stream => Check(path, Read(stream), new CompilationOptions(ProjectConfiguration.Default, [folder]), new DisplayPaths(folder));
        if (args.Length > 0)
        {
            // Replays one file (a finding) without AFL.
            using var file = File.OpenRead(args[0]);
            run(file);
            return;
        }

        Fuzzer.OutOfProcess.Run(run);
    }

    private static byte[] Read(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static void Check(string path, byte[] bytes, CompilationOptions options, DisplayPaths paths)
    {
        var read = SourceReader.Read(path, bytes);
        if (read.Text is not { } text)
        {
            return;
        }

        var compilation = Compilation.Create(path, new OneFile(path, text), options);
        var diagnostics = compilation.GetDiagnostics();
        foreach (var profile in compilation.Analysis.Profiles)
        {
            _ = ProfileJsonWriter.Artefact(profile, compilation.Analysis.Platform, compilation.Model.Platform?.Name, paths);
        }

        _ = SarifWriter.Write(diagnostics, paths, "0.0.0-afl");
        var tree = compilation.SyntaxTrees[0];
        if (Formatter.Format(tree) is not { } formatted)
        {
            return;
        }

        var again = Parser.Parse(path, formatted);
        if (again.HasSyntaxErrors)
        {
            throw new InvalidOperationException("the formatted text has syntax errors");
        }

        if (!tree.Tokens.Select(t => t.Text).SequenceEqual(again.Tokens.Select(t => t.Text)))
        {
            throw new InvalidOperationException("the formatter changed the tokens");
        }

        if (Formatter.Format(again) != formatted)
        {
            throw new InvalidOperationException("the formatter is not idempotent");
        }
    }

    /// <summary>The input from memory; other files (imports) from disk.</summary>
    private sealed class OneFile(string path, string text) : ISourceFileProvider
    {
        public SourceFile Load(string requested) =>
            requested == path ? new SourceFile(path, Parser.Parse(path, text), null, null) : DiskSourceFileProvider.Shared.Load(requested);
    }
}
