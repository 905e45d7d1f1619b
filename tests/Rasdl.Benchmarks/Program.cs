using System.Globalization;
using BenchmarkDotNet.Running;
using Rasdl.Benchmarks;

const string Usage = """
    Rasdl.Benchmarks phases FILE [--repeat N] [--allocations STAGE]   per-stage breakdown (wall, CPU, allocations)
    Rasdl.Benchmarks same-shape FILE [--calls N] [--rounds N]   an edit that keeps the platform's shape: lower, shape, compare, move
    Rasdl.Benchmarks editor --server PATH [--lines N] [--edits N] [--queries N] [--series FILE] [--trace FILE] [--client plain|vscode] [--pause MS] [--edit-kinds typing|paths]   editor latency against the real server
      (--client vscode: inlay hints and code lenses asked for after each edit, cancelled when the next one comes, as VS Code does;
       --pause MS: the client waits that long after the diagnostics (the first ones too) before the next edit, as a typist does; 0, back to back)
    Rasdl.Benchmarks [BenchmarkDotNet options]  the in-process benchmarks (e.g. --filter '*'; --help for BenchmarkDotNet's own)
    """;

// A mode asked for help, or without what it needs: the usage and exit code 2, not an exception.
var mode = args.Length >= 1 && args[0] is "phases" or "same-shape" or "editor" ? args[0] : null;
if (mode is not null)
{
    var problem =
        args.Contains("--help") || args.Contains("-h") ? "" :
        mode != "editor" && (args.Length < 2 || args[1].StartsWith('-')) ? $"{mode}: which file?" :
        mode != "editor" && !File.Exists(args[1]) ? $"{mode}: no file '{args[1]}'" :
        mode == "editor" && !args.Contains("--server") ? "editor: --server PATH names the language server to start" :
        null;
    if (problem is not null)
    {
        if (problem.Length > 0)
        {
            Console.Error.WriteLine(problem);
        }

        Console.Error.WriteLine(Usage);
        return 2;
    }
}

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

if (args.Length >= 2 && args[0] == "same-shape")
{
    var calls = 50;
    var rounds = 9;
    for (var i = 2; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--calls": calls = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        }
    }

    return SameShape.Run(args[1], calls, rounds, Console.Out);
}

if (args.Length >= 1 && args[0] == "editor")
{
    var options = new Dictionary<string, string>();
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        options[args[i]] = args[i + 1];
    }

    int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
    return await EditorLatency.RunAsync(options["--server"], Option("--lines", 10_000), Option("--edits", 200), Option("--queries", 100), Console.Out, options.GetValueOrDefault("--series"), options.GetValueOrDefault("--trace"),
        asVsCode: options.GetValueOrDefault("--client", "plain") switch
        {
            "plain" => false,
            "vscode" => true,
            var other => throw new ArgumentException($"--client is plain or vscode, not '{other}'"),
        },
        pause: Option("--pause", 0),
        pathEdits: options.GetValueOrDefault("--edit-kinds", "typing") switch
        {
            "typing" => false,
            "paths" => true,
            var other => throw new ArgumentException($"--edit-kinds is typing or paths, not '{other}'"),
        });
}

BenchmarkSwitcher.FromAssembly(typeof(Phases).Assembly).Run(args);
return 0;
