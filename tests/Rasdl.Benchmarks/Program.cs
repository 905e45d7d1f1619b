using System.Globalization;
using BenchmarkDotNet.Running;
using Rasdl.Benchmarks;

// Rasdl.Benchmarks phases FILE [--repeat N] [--allocations STAGE]   per-stage breakdown (wall, CPU, allocations)
// Rasdl.Benchmarks [BenchmarkDotNet options]  the in-process benchmarks (e.g. --filter '*')
if (args.Length >= 2 && args[0] == "phases")
{
    var repeat = 5;
    string? sample = null;
    for (var i = 2; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--repeat": repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--allocations": sample = args[i + 1]; break;
        }
    }

    return Phases.Run(args[1], repeat, Console.Out, sample);
}

BenchmarkSwitcher.FromAssembly(typeof(Phases).Assembly).Run(args);
return 0;
