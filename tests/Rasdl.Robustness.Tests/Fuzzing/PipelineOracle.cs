using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Rasdl.Compiler.Tests.Engine.Reference;
using Rasdl.Configuration;
using Rasdl.Diagnostics;
using Rasdl.Editing;
using Rasdl.Emit;
using Rasdl.Formatting;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Syntax;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>An input broke one of the pipeline's invariants.</summary>
public sealed class InvariantViolation(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What one input did: whether it formatted, how many diagnostics, how long it took.</summary>
public readonly record struct PipelineOutcome(bool Formatted, int DiagnosticCount, TimeSpan Elapsed);

/// <summary>
/// Runs one input through the whole pipeline as the CLI and the server do (parse, bind, lower,
/// analyse, the editor queries, format, emit text, JSON, profile artefacts and SARIF) and
/// checks the invariants every input must keep:
/// no exception escapes; no stack overflow (the work runs on a thread with a quarter of the
/// usual stack, so recursion that grows with the input fails here long before it would in an
/// editor); each input takes under <see cref="LimitFor"/> its size; every JSON output parses; the
/// formatter keeps every token, its output parses cleanly and formats to itself; and checking
/// the formatted text gives the same diagnostic codes, as many, as checking the input; and the
/// containment engine agrees with its plain twin, the reference walker (verdicts per profile
/// and region, regions left out, the (fault, culprit) pairs witnessed), on every input small
/// enough for a plain walk.
/// </summary>
public sealed class PipelineOracle(FuzzCorpus corpus)
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    // The whole pipeline runs about 10 ms per thousand characters (compile, emit, editor
    // queries, both parsers, format and check again): the imported descriptions among the
    // seeds are 120-130k characters and took 1.1-1.6 s on a slower 2-core machine, mutated.
    private const int CharactersPerTimeLimit = 50_000;

    /// <summary>The time an input of this size may take: <see cref="TimeLimit"/>, and that much again per 50k characters beyond the first (what grows faster than the input still fails).</summary>
    public static TimeSpan LimitFor(string text) => TimeLimit * Math.Max(1.0, (double)text.Length / CharactersPerTimeLimit);

    private const int StackBytes = 256 * 1024;

    private static readonly DisplayPaths Paths = new(Path.GetTempPath());

    private readonly CompilationOptions _options = new(ProjectConfiguration.Default, [corpus.Root]);

    public FuzzCorpus Corpus => corpus;

    /// <summary>
    /// Checks <paramref name="text"/> as the file at <paramref name="relativePath"/> of the corpus
    /// workspace, within <paramref name="limit"/> (default <see cref="LimitFor"/> its size); throws <see cref="InvariantViolation"/>.
    /// </summary>
    public PipelineOutcome Check(string relativePath, string text, TimeSpan? limit = null)
    {
        var bound = limit ?? LimitFor(text);
        var path = Path.Combine(corpus.Root, relativePath);
        var outcome = RunBounded(path, text);
        if (outcome.Elapsed > bound)
        {
            // A shared machine can stall any one run (GC, another process): a slow input must be slow twice.
            var again = RunBounded(path, text);
            if (again.Elapsed > bound)
            {
                throw new InvariantViolation($"took {outcome.Elapsed.TotalMilliseconds:F0} ms, then {again.Elapsed.TotalMilliseconds:F0} ms (limit {bound.TotalMilliseconds:F0} ms)");
            }

            outcome = again;
        }

        return outcome;
    }

    private PipelineOutcome RunBounded(string path, string text)
    {
        PipelineOutcome outcome = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = Run(path, text);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, StackBytes);
        thread.Start();
        thread.Join();
        return failure switch
        {
            null => outcome,
            InvariantViolation violation => throw violation,
            _ => throw new InvariantViolation($"unhandled {failure.GetType().Name}: {failure.Message}", failure),
        };
    }

    private PipelineOutcome Run(string path, string text)
    {
        var clock = Stopwatch.StartNew();
        var compilation = Compile(path, text);
        var diagnostics = compilation.GetDiagnostics();
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.Path == path)
            ?? throw new InvariantViolation("the compilation has no tree for its root file");

        Emit(compilation, diagnostics);
        QueryLikeAnEditor(compilation, tree, text);
        CheckParsersAgree(path, text);

        var formatted = Formatter.Format(tree);
        if (formatted is not null)
        {
            CheckFormatted(path, tree, formatted, diagnostics);
        }
        else if (!tree.HasSyntaxErrors && !tree.Tokens.Any(t => t.Kind == TokenKind.Invalid))
        {
            throw new InvariantViolation("the formatter refused a file without syntax errors");
        }

        // The reference walker is slow on purpose: its time is not the pipeline's.
        var outcome = new PipelineOutcome(formatted is not null, diagnostics.Length, clock.Elapsed);
        CheckAgainstReference(compilation, text);
        return outcome;
    }

    /// <summary>At most this many plain walk steps per input (a few hundred milliseconds): larger inputs, the stress inputs among them, are the engine's alone.</summary>
    private const long ReferenceStepBudget = 250_000;

    private static void CheckAgainstReference(Compilation compilation, string text)
    {
        var analysis = compilation.Analysis;
        if (ReferenceWalker.EstimatedSteps(analysis.Platform) > ReferenceStepBudget)
        {
            return;
        }

        var differences = EngineComparison.Differences(analysis);
        if (!differences.IsEmpty)
        {
            throw new InvariantViolation($"the engine and the reference walker disagree:\n{string.Join('\n', differences)}\n--- input:\n{text}");
        }
    }

    private Compilation Compile(string path, string text) =>
        Compilation.Create(path, new OverlaySourceFileProvider(path, text), _options);

    private static void Emit(Compilation compilation, IReadOnlyList<Diagnostic> diagnostics)
    {
        var analysis = compilation.Analysis;
        foreach (var profile in analysis.Profiles)
        {
            ParseJson("profile artefact", ProfileJsonWriter.Artefact(profile, analysis.Platform, compilation.Model.Platform?.Name, Paths));
        }

        using (var stream = new MemoryStream())
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WritePropertyName("diagnostics");
                DiagnosticJsonWriter.WriteArray(json, diagnostics, Paths);
                json.WritePropertyName("profiles");
                ProfileJsonWriter.WriteProfiles(json, analysis.Profiles, Paths);
                json.WriteEndObject();
            }

            ParseJson("check --format json", Encoding.UTF8.GetString(stream.ToArray()));
        }

        ParseJson("SARIF", SarifWriter.Write(diagnostics, Paths, "0.0.0-fuzz"));
        using var textOutput = new StringWriter();
        DiagnosticTextWriter.Write(textOutput, diagnostics, Paths);
        ContainmentReportWriter.Write(textOutput, analysis.Profiles);
        textOutput.WriteLine(DiagnosticTextWriter.Summary(diagnostics.ToList(), 1));
    }

    /// <summary>The questions an editor asks while the user types: completion, the symbol or word under the cursor, its references.</summary>
    private static void QueryLikeAnEditor(Compilation compilation, SyntaxTree tree, string text)
    {
        var model = compilation.Model;
        var hash = (uint)text.GetHashCode(StringComparison.Ordinal);
        foreach (var position in new[] { 0, text.Length, (int)(hash % (uint)(text.Length + 1)), (int)((hash >> 8) % (uint)(text.Length + 1)) })
        {
            var context = CompletionContext.At(tree, position);
            _ = CompletionCandidates.For(context, model, tree.Path);
            _ = model.FindWord(tree.Path, position);
            if (model.FindReference(tree.Path, position) is { } reference)
            {
                _ = model.ReferencesTo(reference.Symbol).Count();
            }
        }
    }

    // A well-formed file is parsed by the hand-written fast path; the ANTLR parser generated from
    // the grammar is the reference: both must build the same tree, or the fast path must give up.
    // A file with an error is parsed by ANTLR from the end of its well-formed start: the tree,
    // tokens and diagnostics must be those of ANTLR parsing the whole file.
    private void CheckParsersAgree(string path, string text)
    {
        var antlr = Parser.ParseWithAntlr(path, text);
        CheckIncrementalParseAgrees(path, text, antlr);
        if (WellFormedParser.TryParse(path, text, out var prefix) is not { } fast)
        {
            if (SyntaxDump.Of(Parser.ParseWithAntlr(path, text, prefix)) != SyntaxDump.Of(antlr))
            {
                throw new InvariantViolation($"parsing from the end of the well-formed start and parsing the whole file with ANTLR disagree\n--- input:\n{text}");
            }

            return;
        }

        if (antlr.HasSyntaxErrors || SyntaxDump.Of(fast) != SyntaxDump.Of(antlr))
        {
            throw new InvariantViolation($"the fast parser and the ANTLR parser disagree\n--- input:\n{text}");
        }
    }

    // The language server parses an edited buffer by splicing into the tree of the last clean
    // version: taking the input as an edit of the corpus file it was made from, the spliced tree
    // must be the whole-file parse.
    private void CheckIncrementalParseAgrees(string path, string text, SyntaxTree antlr)
    {
        // The incremental parser parses large windows whole (see IncrementalParser), and a large
        // input parsed once more would eat into the time limit the oracle sets for the rest.
        if (text.Length > MaxIncrementalInput)
        {
            return;
        }

        var seed = corpus.Seeds.FirstOrDefault(s => corpus.FullPath(s) == path);
        if (seed is null || _seedTrees.GetOrAdd(path, _ => Parser.Parse(path, seed.Text)) is not { Diagnostics.IsEmpty: true } clean)
        {
            return;
        }

        var incremental = IncrementalParser.Parse(path, new Text.SourceText(text), clean);
        if (SyntaxDump.Of(incremental.Tree) != SyntaxDump.Of(antlr))
        {
            throw new InvariantViolation($"the incremental parse ({incremental}) and the whole-file parse disagree\n--- input:\n{text}");
        }
    }

    private const int MaxIncrementalInput = 32 * 1024;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SyntaxTree> _seedTrees = new(StringComparer.Ordinal);

    private void CheckFormatted(string path, SyntaxTree tree, string formatted, IReadOnlyList<Diagnostic> diagnostics)
    {
        var reparsed = Parser.Parse(path, formatted);
        if (reparsed.HasSyntaxErrors || reparsed.Tokens.Any(t => t.Kind == TokenKind.Invalid))
        {
            throw new InvariantViolation($"the formatted text has syntax errors: {reparsed.Diagnostics.FirstOrDefault()}\n--- formatted:\n{formatted}");
        }

        var before = tree.Tokens.Select(t => t.Text).ToList();
        var after = reparsed.Tokens.Select(t => t.Text).ToList();
        var differs = before.Zip(after).Select((pair, index) => (pair, index)).FirstOrDefault(p => p.pair.First != p.pair.Second);
        if (before.Count != after.Count || differs.pair.First is not null)
        {
            throw new InvariantViolation($"the formatter changed the tokens ({before.Count} -> {after.Count}; first difference at token {differs.index}: '{differs.pair.First}' -> '{differs.pair.Second}')\n--- formatted:\n{formatted}");
        }

        var twice = Formatter.Format(reparsed);
        if (twice != formatted)
        {
            throw new InvariantViolation($"the formatter is not idempotent\n--- once:\n{formatted}\n--- twice:\n{twice}");
        }

        var codesBefore = Codes(diagnostics);
        var codesAfter = Codes(Compile(path, formatted).GetDiagnostics());
        if (codesBefore != codesAfter)
        {
            throw new InvariantViolation($"check differs after formatting: [{codesBefore}] -> [{codesAfter}]\n--- formatted:\n{formatted}");
        }
    }

    private static string Codes(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(' ', diagnostics.Select(d => $"{d.Code}/{d.Severity}").Order(StringComparer.Ordinal));

    private static void ParseJson(string what, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvariantViolation($"{what} is not valid JSON: {e.Message}");
        }
    }
}
