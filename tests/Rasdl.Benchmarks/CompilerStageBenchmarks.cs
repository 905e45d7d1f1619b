using BenchmarkDotNet.Attributes;
using Rasdl.Benchmarks.Generator;
using Rasdl.Engine;
using Rasdl.Formatting;
using Rasdl.Intermediate;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Syntax;

namespace Rasdl.Benchmarks;

/// <summary>
/// Each stage of the compiler on a generated platform of 10k and 100k lines, every other stage
/// prepared beforehand: parse (and the ANTLR parser alone, for comparison), bind, lower, the
/// containment analysis, the formatter, and everything after parsing as `rasdl check` runs it.
/// </summary>
[MemoryDiagnoser]
public class CompilerStageBenchmarks
{
    private string _directory = "";
    private string _path = "";
    private string _text = "";
    private SourceFile _file = null!;
    private SemanticModel _model = null!;
    private PlatformIr _platform = null!;

    [Params(10_000, 100_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("rasdl-bench-").FullName;
        _path = Path.Combine(_directory, $"platform-{Lines}.rasdl");
        _text = PlatformGenerator.Generate(Lines).Rasdl;
        File.WriteAllText(_path, _text);
        _file = new SourceFile(_path, Parser.Parse(_path, _text), null, null);
        _model = Compilation.Create(_path, new PreparsedFiles(_file)).Model;
        _platform = Lowering.Lower(_model);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public SyntaxTree Parse() => Parser.Parse(_path, _text);

    [Benchmark]
    public SyntaxTree ParseWithAntlr() => Parser.ParseWithAntlr(_path, _text);

    [Benchmark]
    public SemanticModel Bind() => Compilation.Create(_path, new PreparsedFiles(_file)).Model;

    [Benchmark]
    public PlatformIr Lower() => Lowering.Lower(_model);

    [Benchmark]
    public ContainmentAnalysis Analyse() => ContainmentAnalysis.Analyze(_platform);

    [Benchmark]
    public string? Format() => Formatter.Format(_file.Tree!);

    /// <summary>Bind, lower, analyse, and the diagnostics after severities and suppressions: `rasdl check` after parsing.</summary>
    [Benchmark]
    public int CheckAfterParse() => Compilation.Create(_path, new PreparsedFiles(_file)).GetDiagnostics().Length;
}
