using System.Globalization;
using BenchmarkDotNet.Running;
using Rasdl.Benchmarks;

// Rasdl.Benchmarks phases FILE [--repeat N]   per-stage stopwatch breakdown
// Rasdl.Benchmarks [BenchmarkDotNet options]  the in-process benchmarks (e.g. --filter '*')
if (args.Length >= 2 && args[0] == "phases")
{
    var repeat = args.Length >= 4 && args[2] == "--repeat" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
    return Phases.Run(args[1], repeat, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Phases).Assembly).Run(args);
return 0;
