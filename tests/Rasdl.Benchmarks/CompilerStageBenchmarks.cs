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
    private Text.SourceText _digitChanged = null!;
    private Text.SourceText _semicolonDeleted = null!;

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

        // The editor benchmark's edits, in the middle of the file: a size's digit changed, a route's ';' deleted.
        var size = _text.IndexOf(" size 1", _text.Length / 2, StringComparison.Ordinal) + " size 1".Length;
        _digitChanged = new Text.SourceText(_text.Remove(size, 1).Insert(size, "2"));
        var semicolon = _text.IndexOf(';', _text.IndexOf("\nroute ", _text.Length / 2, StringComparison.Ordinal));
        _semicolonDeleted = new Text.SourceText(_text.Remove(semicolon, 1));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public SyntaxTree Parse() => Parser.Parse(_path, _text);

    /// <summary>The language server's parse of an edited version: the edited declarations parsed again and spliced into the last tree.</summary>
    [Benchmark]
    public SyntaxTree ParseEdited() => IncrementalParser.Parse(_path, _digitChanged, _file.Tree).Tree;

    /// <summary>The same with a syntax error: the broken declaration parsed by ANTLR, the rest spliced.</summary>
    [Benchmark]
    public SyntaxTree ParseEditedSyntaxError() => IncrementalParser.Parse(_path, _semicolonDeleted, _file.Tree).Tree;

    /// <summary>That broken version parsed whole: the fast parser up to the error, ANTLR from there to the end.</summary>
    [Benchmark]
    public SyntaxTree ParseSyntaxError() => Parser.Parse(_path, _semicolonDeleted.Text);

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
