using CsCheck;
using Rasdl.Robustness.Fuzzing;

namespace Rasdl.Robustness;

/// <summary>
/// The long modes, run by hand (docs/robustness.md):
/// <c>fuzz [--inputs N] [--source corpus|grammar|bytes|all] [--seed S] [--threads T]</c>,
/// <c>soak [--minutes M] [--documents D]</c>, <c>stress</c> (the large inputs through the
/// oracle, with their times) and <c>stages [NAME]</c> (the time of each pipeline stage per large input).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string Option(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        switch (args.FirstOrDefault())
        {
            case "fuzz":
                return Fuzz(long.Parse(Option("--inputs", "1000000")), Option("--source", "all"), Option("--seed", ""), int.Parse(Option("--threads", "1")));
            case "stress":
                using (var corpus = FuzzCorpus.Load())
                {
                    var oracle = new PipelineOracle(corpus);
                    foreach (var (name, text) in StressInputs.All())
                    {
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        try
                        {
                            var outcome = oracle.Check("examples/stress.rasdl", text);
                            Console.WriteLine($"{name}: {text.Length} chars, {outcome.DiagnosticCount} diagnostics, {outcome.Elapsed.TotalMilliseconds:F0} ms");
                        }
                        catch (InvariantViolation e)
                        {
                            Console.WriteLine($"{name}: {text.Length} chars, FAILED after {clock.Elapsed.TotalMilliseconds:F0} ms: {e.Message.Split('\n')[0]}");
                        }
                    }
                }

                return 0;
            case "stages":
                using (var corpus = FuzzCorpus.Load())
                {
                    foreach (var (name, text) in StressInputs.All().Where(s => args.Length < 2 || s.Name.Contains(args[1], StringComparison.Ordinal)))
                    {
                        var path = Path.Combine(corpus.Root, "examples/stress.rasdl");
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        var parts = new List<string>();
                        void Lap(string stage) { parts.Add($"{stage} {clock.ElapsedMilliseconds}"); clock.Restart(); }
                        var tree = Rasdl.Parsing.Parser.Parse(path, text);
                        Lap("parse");
                        var compilation = Rasdl.Semantics.Compilation.Create(path, new OverlaySourceFileProvider(path, text), new Rasdl.Semantics.CompilationOptions(Rasdl.Configuration.ProjectConfiguration.Default, [corpus.Root]));
                        _ = compilation.SyntaxTrees;
                        Lap("load");
                        _ = compilation.Model;
                        Lap("bind");
                        _ = compilation.Analysis;
                        Lap("analyse");
                        _ = compilation.GetDiagnostics();
                        Lap("diagnostics");
                        _ = Rasdl.Formatting.Formatter.Format(tree);
                        Lap("format");
                        Console.WriteLine($"{name}: {string.Join(", ", parts)}");
                    }
                }

                return 0;
            case "soak":
                return Protocol.SoakRun.Run(int.Parse(Option("--minutes", "10")), int.Parse(Option("--documents", "50")), Console.Out);
            default:
                Console.Error.WriteLine("usage: fuzz [--inputs N] [--source corpus|grammar|bytes|all] [--seed S] [--threads T] | soak [--minutes M] [--documents D] | stress | stages [NAME]");
                return 2;
        }
    }

    private static int Fuzz(long inputs, string source, string seed, int threads)
    {
        var sources = source == "all" ? Enum.GetValues<FuzzSource>() : [Enum.Parse<FuzzSource>(source, ignoreCase: true)];
        if (seed.Length > 0 && seed.Length is < 12 or > 17)
        {
            // CsCheck's seeds are the strings it prints for a failing input, not numbers.
            Console.Error.WriteLine($"fuzz: '{seed}' is not a seed: pass the 12 to 17 characters a failing run printed");
            return 2;
        }

        using var corpus = FuzzCorpus.Load();
        var oracle = new PipelineOracle(corpus);
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < sources.Length; i++)
        {
            var each = sources[i];
            var share = inputs / sources.Length + (i < inputs % sources.Length ? 1 : 0);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var statistics = FuzzCampaign.Run(oracle, each, inputs: share, seed: seed.Length == 0 ? null : seed, threads: threads, log: Console.WriteLine);
            Console.WriteLine($"{each}: {statistics} in {clock.Elapsed:hh\\:mm\\:ss}");
        }

        Console.WriteLine($"fuzz: {inputs} inputs, no invariant broken, {started.Elapsed:hh\\:mm\\:ss}");
        return 0;
    }
}
