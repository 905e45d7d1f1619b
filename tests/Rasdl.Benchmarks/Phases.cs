using System.Diagnostics;
using System.Globalization;
using Rasdl.Diagnostics;
using Rasdl.Emit;
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
    public static int Run(string path, int repeat, TextWriter output, string? sampleStage = null)
    {
        using var sampler = sampleStage is null ? null : new AllocationSampler();
        var text = File.ReadAllText(path);
        var fullPath = Path.GetFullPath(path);
        var stages = new Dictionary<string, List<(double Wall, double Cpu, long Allocated)>>();
        var process = Process.GetCurrentProcess();
        void Time(string stage, Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            sampler?.Sampling = stage == sampleStage;
            action();
            sampler?.Sampling = false;
            var wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            var sample = (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(sample);
        }

        var diagnostics = 0;
        var keptHow = "";
        var pathEdit = "";
        var walks = 0;
        var shared = 0;
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

            // An editor's keystroke: a size's digit changed in the middle of the file, parsed by
            // splicing, bound keeping what the earlier version's binding made for the rest.
            var digit = text.IndexOf(" size 16K", text.Length / 2, StringComparison.Ordinal);
            if (digit >= 0)
            {
                var edited = string.Concat(text.AsSpan(0, digit + " size 1".Length), "2", text.AsSpan(digit + " size 16".Length));
                var parse = IncrementalParser.Parse(fullPath, new Text.SourceText(edited), file!.Tree!);
                var later = Compilation.Create(fullPath, new PreparsedFiles(new SourceFile(fullPath, parse.Tree, null, null)), earlierModel: compilation.Model);
                Time("bind after an edit (keeping)", () => _ = later.Model);
                keptHow = later.Model.Binding;
            }
            // A rule's outcome replaced (a path changes), after an analysis: the later version is
            // bound keeping the rest, lowered from the earlier platform and analysed keeping the
            // verdicts of the runs whose paths it did not change.
            var read = text.IndexOf("(read)         -> all_ones;", text.Length / 2, StringComparison.Ordinal);
            if (read >= 0)
            {
                var analysed = Compilation.Create(fullPath, new PreparsedFiles(file!));
                _ = analysed.GetDiagnostics();
                var edited = string.Concat(text.AsSpan(0, read), "(read)         -> slverr;  ", text.AsSpan(read + "(read)         -> all_ones;".Length));
                var parse = IncrementalParser.Parse(fullPath, new Text.SourceText(edited), file!.Tree!);
                var later = Compilation.Create(fullPath, new PreparsedFiles(new SourceFile(fullPath, parse.Tree, null, null)), earlier: analysed);
                _ = later.Model;
                Time("a path edit's containment (kept runs)", () => _ = later.GetDiagnostics());
                pathEdit = later.ContainmentDiagnosticsSource;
            }

            PlatformIr? platform = null;
            Time("lower", () => platform = Lowering.Lower(compilation.Model));
            IrShape? shape = null;
            Time("shape (no places)", () => shape = IrShape.Of(platform!, withLocations: false));
            Time("shape matched by a same-shape version", () => _ = shape!.Match(Lowering.Lower(compilation.Model), withLocations: false));
            Time("incomplete profiles (no walk)", () => _ = ContainmentAnalysis.IncompleteProfiles(platform!));
            Time("analyse", () =>
            {
                var analysis = ContainmentAnalysis.Analyze(platform!);
                (walks, shared) = (analysis.Walks, analysis.SharedSteps);
            });
            Time("all but parse (GetDiagnostics)", () => diagnostics = Compilation.Create(fullPath, new PreparsedFiles(file!)).GetDiagnostics().Length);
            Time("format", () => _ = Formatter.Format(file!.Tree!));
            var checkedCompilation = Compilation.Create(fullPath, new PreparsedFiles(file!));
            _ = checkedCompilation.GetDiagnostics();
            Time("text report (witnesses)", () =>
            {
                DiagnosticTextWriter.Write(TextWriter.Null, checkedCompilation.GetDiagnostics(), DisplayPaths.CurrentDirectory);
                ContainmentReportWriter.Write(TextWriter.Null, [.. checkedCompilation.Analysis.Profiles]);
            });
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {text.Count(c => c == '\n')} lines, {diagnostics} diagnostics, {walks} walk steps ({shared} computed, shared by alike blocks); median of {repeat} runs after a warm-up"));
        var model = Compilation.Create(fullPath, new PreparsedFiles(new SourceFile(fullPath, Parser.Parse(fullPath, text), null, null))).Model;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {model.Trees.Sum(t => t.Tokens.Length)} tokens, {model.Globals.Count} global symbols, {model.Regions.Count()} regions, {model.References.Length} name references, {model.WordReferences.Length} word references"));
        output.WriteLine($"  after the edit: {keptHow}");
        output.WriteLine($"  after the path edit: {pathEdit}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"stage",-40} {"wall ms",9} {"min",8} {"max",8} {"cpu ms",9} {"allocated",10}"));
        foreach (var (stage, samples) in stages)
        {
            var wall = samples.Select(s => s.Wall).Order().ToList();
            var cpu = samples.Select(s => s.Cpu).Order().ToList();
            var allocated = samples.Select(s => s.Allocated).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {stage,-40} {wall[wall.Count / 2],9:F1} {wall[0],8:F1} {wall[^1],8:F1} {cpu[cpu.Count / 2],9:F1} {allocated[allocated.Count / 2] / 1048576.0,8:F1} MB"));
        }

        if (sampler is not null)
        {
            output.WriteLine($"allocations sampled in '{sampleStage}' (bytes by type, every run):");
            foreach (var (type, bytes) in sampler.Top(25))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1048576.0,8:F1} MB  {type}"));
            }
        }

        return 0;
    }
}

/// <summary>Serves one already-parsed file and falls back to disk for the rest, so a stage can be timed without parsing.</summary>
public sealed class PreparsedFiles(SourceFile file) : ISourceFileProvider
{
    public SourceFile Load(string path) => path == file.Path ? file : DiskSourceFileProvider.Shared.Load(path);
}
