using System.Diagnostics;
using System.Globalization;
using Rasdl.Diagnostics;
using Rasdl.Engine;
using Rasdl.Formatting;
using Rasdl.Intermediate;
using Rasdl.Parsing;
using Rasdl.Semantics;

namespace Rasdl.Benchmarks;

/// <summary>
/// Times each compiler stage on one file with a stopwatch (median of several runs after a
/// warm-up): a quick breakdown for profiling, where BenchmarkDotNet would take minutes.
/// </summary>
public static class Phases
{
    public static int Run(string path, int repeat, TextWriter output)
    {
        var text = File.ReadAllText(path);
        var fullPath = Path.GetFullPath(path);
        var stages = new Dictionary<string, List<double>>();
        void Time(string stage, Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(watch.Elapsed.TotalMilliseconds);
        }

        var diagnostics = 0;
        for (var i = 0; i <= repeat; i++)
        {
            if (i == 1)
            {
                stages.Clear(); // the first run is the warm-up (JIT)
            }

            SourceFile? file = null;
            Time("parse", () => file = new SourceFile(fullPath, Parser.Parse(fullPath, text), null, null));
            var compilation = Compilation.Create(fullPath, new PreparsedFiles(file!));
            Time("bind", () => _ = compilation.Model);
            PlatformIr? platform = null;
            Time("lower", () => platform = Lowering.Lower(compilation.Model));
            Time("analyse", () => _ = ContainmentAnalysis.Analyze(platform!));
            Time("diagnostics (all stages, cached parse)", () => diagnostics = Compilation.Create(fullPath, new PreparsedFiles(file!)).GetDiagnostics().Length);
            Time("format", () => _ = Formatter.Format(file!.Tree!));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {text.Count(c => c == '\n')} lines, {diagnostics} diagnostics; median of {repeat} runs after a warm-up"));
        foreach (var (stage, times) in stages)
        {
            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-40} {times[times.Count / 2],9:F1} ms   (min {times[0]:F1}, max {times[^1]:F1})"));
        }

        return 0;
    }
}

/// <summary>Serves one already-parsed file and falls back to disk for the rest, so a stage can be timed without parsing.</summary>
public sealed class PreparsedFiles(SourceFile file) : ISourceFileProvider
{
    public SourceFile Load(string path) => path == file.Path ? file : DiskSourceFileProvider.Shared.Load(path);
}
