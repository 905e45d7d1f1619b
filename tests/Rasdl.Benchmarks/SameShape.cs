using System.Diagnostics;
using System.Globalization;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Parsing;
using Rasdl.Semantics;

namespace Rasdl.Benchmarks;

/// <summary>
/// What the language server does for an edit that changes what the text says but not the
/// platform's shape: lower the new version, write its shape, compare it with the earlier one's
/// and move the earlier findings (<see cref="ContainmentFindings.MovedTo"/>). Here the edit is
/// a comment line typed above everything, so every element moves. Each step runs many times in
/// a row; the figures are per call: CPU time of the process (user+sys, which a busy machine
/// disturbs less than wall time) and bytes allocated by this thread.
/// </summary>
public static class SameShape
{
    public static int Run(string path, int calls, int rounds, TextWriter output)
    {
        var fullPath = Path.GetFullPath(path);
        var text = File.ReadAllText(fullPath);
        var compilation = Bind(fullPath, text);
        var platform = Lowering.Lower(compilation.Model);
        var shape = IrShape.Of(platform, withLocations: false);
        var steps = new List<(string Name, Action Call)>
        {
            ("lower (Lowering.Lower)", () => Lowering.Lower(compilation.Model)),
            ("shape (IrShape.Of)", () => IrShape.Of(platform)),
            ("compare (IrShape.Match, no places)", () => _ = shape.Match(platform, withLocations: false) ?? throw new InvalidOperationException("the same platform should match its shape")),
            ("MovedTo, a comment line at the top", Moves(compilation, platform, Bind(fullPath, "// an edit that moves every element\n" + text))),
        };

        // The editor benchmark's edit that keeps the shape: a size's digit changed, here the one nearest the middle.
        var size = text.IndexOf(" size 16K", text.Length / 2, StringComparison.Ordinal);
        if (size >= 0)
        {
            var resized = text[..size] + " size 12K" + text[(size + " size 16K".Length)..];
            steps.Add(("MovedTo, a size changed mid-file", Moves(compilation, platform, Bind(fullPath, resized))));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {text.Count(c => c == '\n')} lines; per call, {rounds} rounds of {calls} calls after a warm-up (median, min)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"step",-40} {"cpu ms",8} {"min",8} {"wall ms",8} {"min",8} {"KB",9}"));
        // Every step first runs a round untimed, then the JIT gets time to finish its optimised code.
        foreach (var (_, call) in steps)
        {
            for (var i = 0; i < calls; i++)
            {
                call();
            }
        }

        Thread.Sleep(500);
        var process = Process.GetCurrentProcess();
        foreach (var (name, call) in steps)
        {
            var samples = new List<(double Cpu, double Wall, double Bytes)>();
            for (var round = 0; round < rounds; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    call();
                }

                var wall = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                samples.Add(((process.TotalProcessorTime - cpu).TotalMilliseconds / calls, wall / calls, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)calls));
            }

            var cpus = samples.Select(s => s.Cpu).Order().ToList();
            var walls = samples.Select(s => s.Wall).Order().ToList();
            var bytes = samples.Select(s => s.Bytes).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-40} {cpus[cpus.Count / 2],8:F2} {cpus[0],8:F2} {walls[walls.Count / 2],8:F2} {walls[0],8:F2} {bytes[bytes.Count / 2] / 1024,9:F0}"));
        }

        return 0;
    }

    private static Compilation Bind(string path, string text)
    {
        var compilation = Compilation.Create(path, new PreparsedFiles(new SourceFile(path, Parser.Parse(path, text), null, null)));
        _ = compilation.Model;
        return compilation;
    }

    // Lowering, shape, comparison and move from an edited version back to the file: the
    // edited version's findings are made first, with their shape, as the server has them.
    private static Action Moves(Compilation compilation, PlatformIr platform, Compilation edited)
    {
        var earlier = new ContainmentFindings(compilation.SyntaxTrees, new Lazy<PlatformIr>(platform), [], null)
            .MovedTo(edited.SyntaxTrees, new Lazy<PlatformIr>(() => Lowering.Lower(edited.Model)))
            ?? throw new InvalidOperationException("the edited file should have the same shape");
        return () =>
        {
            var moved = earlier.MovedTo(compilation.SyntaxTrees, new Lazy<PlatformIr>(() => Lowering.Lower(compilation.Model)));
            if (moved?.Reuse != "the platform has the same shape")
            {
                throw new InvalidOperationException($"the findings should move by the shape, not: {moved?.Reuse ?? "analysed"}");
            }
        };
    }
}
