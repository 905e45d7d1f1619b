using CsCheck;
using Rasdl.Robustness.Fuzzing;

namespace Rasdl.Robustness;

/// <summary>
/// The long modes, run by hand (docs/robustness.md):
/// <c>fuzz [--inputs N] [--source corpus|grammar|bytes|all] [--seed S] [--threads T]</c> and
/// <c>soak [--minutes M] [--documents D]</c>.
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
            case "sample-grammar":
                foreach (var input in GrammarGenerator.Inputs("x.rasdl").Array[50].Single())
                {
                    var tree = Rasdl.Parsing.Parser.Parse("x.rasdl", input.Text);
                    Console.WriteLine(tree.Diagnostics.FirstOrDefault()?.ToString() ?? "OK");
                }

                return 0;
            case "soak":
                return Protocol.SoakRun.Run(int.Parse(Option("--minutes", "10")), int.Parse(Option("--documents", "50")), Console.Out);
            default:
                Console.Error.WriteLine("usage: fuzz [--inputs N] [--source corpus|grammar|bytes|all] [--seed S] [--threads T] | soak [--minutes M] [--documents D]");
                return 2;
        }
    }

    private static int Fuzz(long inputs, string source, string seed, int threads)
    {
        var sources = source == "all" ? Enum.GetValues<FuzzSource>() : [Enum.Parse<FuzzSource>(source, ignoreCase: true)];
        using var corpus = FuzzCorpus.Load();
        var oracle = new PipelineOracle(corpus);
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var each in sources)
        {
            var share = inputs / sources.Length;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var statistics = FuzzCampaign.Run(oracle, each, inputs: share, seed: seed.Length == 0 ? null : seed, threads: threads, log: Console.WriteLine);
            Console.WriteLine($"{each}: {statistics} in {clock.Elapsed:hh\\:mm\\:ss}");
        }

        Console.WriteLine($"fuzz: {inputs} inputs, no invariant broken, {started.Elapsed:hh\\:mm\\:ss}");
        return 0;
    }
}
