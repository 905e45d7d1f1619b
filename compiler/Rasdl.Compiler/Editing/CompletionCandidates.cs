using System.Collections.Immutable;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Editing;

/// <summary>What a completion candidate is: a keyword, a vocabulary word, a declared name or an importable file.</summary>
public enum CandidateKind
{
    Keyword,
    Word,
    Symbol,
    File,
}

/// <summary>One completion: its text, what it is, a one-line detail and Markdown documentation.</summary>
public sealed record CompletionCandidate(string Label, CandidateKind Kind, string? Detail, string? Documentation, IVocabularyWord? Word = null, Symbol? Symbol = null);

/// <summary>The candidates for a completion context: vocabulary words from the one table, names from the semantic model, import paths.</summary>
public static class CompletionCandidates
{
    public static ImmutableArray<CompletionCandidate> For(CompletionContext context, SemanticModel model, string documentPath) => context.Slot switch
    {
        CompletionSlot.TopLevelKeyword or CompletionSlot.BodyKeyword or CompletionSlot.Keyword => Keywords(context.Keywords),
        CompletionSlot.RegionClause => [.. Keywords(context.Keywords), .. WordsOf(Words.RegionAttributes)],
        CompletionSlot.BlockKind => WordsOf(Words.BlockKinds),
        CompletionSlot.EndpointKind => WordsOf(Words.EndpointKinds),
        CompletionSlot.BlockName => Symbols(model.Blocks),
        CompletionSlot.EndpointName => Symbols(model.Endpoints),
        CompletionSlot.RegionName => Symbols(model.Endpoints.FirstOrDefault(e => e.Name == context.Endpoint)?.Regions ?? []),
        CompletionSlot.Target => [new CompletionCandidate("guest", CandidateKind.Keyword, "the guest VM", "The region is assigned to the (untrusted) guest.")],
        CompletionSlot.Driver => WordsOf(Words.Drivers, w => context.Declaration == "hypervisor" || w.Value != Driver.Default),
        CompletionSlot.Error when context.BlockKind == "firmware" => WordsOf(Words.Outcomes, w => w.Value is OutcomeKind.Sea or OutcomeKind.SError or OutcomeKind.Irq),
        CompletionSlot.Error when context.Declaration == "endpoint" => [.. WordsOf(Words.Errors, w => w.Value != ErrorKind.Any), NoFaults],
        CompletionSlot.Error => WordsOf(Words.Errors, w => context.Declaration == "block" || w.Value != ErrorKind.Any),
        // Only the core knows a read is speculative (DOMAIN: what a block can see of an access).
        CompletionSlot.FilterWord => [.. WordsOf(Words.Accesses, w => context.BlockKind is null or "cpu" || w.Value != AccessWord.Speculative), .. WordsOf(Words.MemoryTypes)],
        CompletionSlot.Outcome => Outcomes(context.BlockKind),
        CompletionSlot.SErrorSeverity => WordsOf(Words.SErrorSeverities, w => context.Declaration == "hypervisor" || w.Value != SErrorSeverity.Any),
        CompletionSlot.IrqKind => WordsOf(Words.IrqKinds),
        CompletionSlot.Feature => WordsOf(Words.Features),
        CompletionSlot.Condition => [.. WordsOf(Words.Features), .. WordsOf(Words.Contexts)],
        CompletionSlot.Claim => WordsOf(Words.Claims),
        CompletionSlot.RegionSpace => WordsOf(Words.RegionSpaces),
        CompletionSlot.Stage2Attribute => WordsOf(Words.Stage2Attributes),
        CompletionSlot.HypervisorOutcome => WordsOf(Words.Outcomes, w => w.Value is OutcomeKind.Sea or OutcomeKind.SError or OutcomeKind.Irq || IsCper(w.Value)),
        CompletionSlot.HypervisorAction => WordsOf(Words.HypervisorActions),
        CompletionSlot.HypervisorName => Symbols(model.Hypervisors),
        CompletionSlot.ImportPath => ImportPaths(documentPath),
        _ => [],
    };

    /// <summary>
    /// After '->' in a rule: the outcomes, and the errors a block may pass on. Only a cpu block
    /// raises CPU exceptions (sea, serror), and only a non-cpu block passes an error on.
    /// </summary>
    private static ImmutableArray<CompletionCandidate> Outcomes(string? blockKind)
    {
        if (blockKind == "firmware")
        {
            return WordsOf(Words.Outcomes, w => IsCper(w.Value)); // what the firmware reports
        }

        var isCpu = blockKind == "cpu";
        var outcomes = WordsOf(Words.Outcomes, w => !IsCper(w.Value) && (isCpu || w.Value is not (OutcomeKind.Sea or OutcomeKind.SError)));
        return isCpu ? outcomes : [.. outcomes, .. WordsOf(Words.Errors, w => w.Value != ErrorKind.Any)];
    }

    /// <summary>The CPER severities: only a firmware block reports one, and a hypervisor treats it.</summary>
    private static bool IsCper(OutcomeKind kind) => kind is OutcomeKind.Fatal or OutcomeKind.Recoverable or OutcomeKind.Corrected;

    private static readonly CompletionCandidate NoFaults = new(
        Binder.NoFaults, CandidateKind.Keyword, "no faults", "`faults none;`: the endpoint produces no faults (without a `faults` line, unknown is unsafe).");

    private static ImmutableArray<CompletionCandidate> Keywords(IEnumerable<string> keywords) =>
        [.. keywords.Select(k => new CompletionCandidate(k, CandidateKind.Keyword, "keyword", null))];

    private static ImmutableArray<CompletionCandidate> WordsOf<T>(WordSet<T> words, Func<Word<T>, bool>? keep = null) =>
        [.. words.Words.Where(w => keep?.Invoke(w) ?? true).Select(w => new CompletionCandidate(w.Text, CandidateKind.Word, w.Category, w.Summary, Word: w))];

    private static ImmutableArray<CompletionCandidate> Symbols(IEnumerable<Symbol> symbols) =>
        [.. symbols.Select(s => new CompletionCandidate(s.Name, CandidateKind.Symbol, Symbol.KindNoun(s.Kind) + (s.IsInStandardLibrary ? $" ({s.Path})" : ""), s.Documentation, Symbol: s))];

    /// <summary>The standard library's files, then .rasdl files near the document (relative, at most three folders deep).</summary>
    private static ImmutableArray<CompletionCandidate> ImportPaths(string documentPath)
    {
        var candidates = StandardLibrary.Files.Select(f => new CompletionCandidate(f, CandidateKind.File, "standard library", null)).ToList();
        if (StandardLibraryPath.IsStandardLibrary(documentPath) || Path.GetDirectoryName(documentPath) is not { } folder || !Directory.Exists(folder))
        {
            return [.. candidates];
        }

        try
        {
            // Links are not followed: a link to "." would multiply the walk, one to another folder list names outside the project.
            var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System };
            candidates.AddRange(Directory.EnumerateFiles(folder, "*.rasdl", options)
                .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(documentPath), StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .Take(500)
                .Select(f => new CompletionCandidate(f, CandidateKind.File, "file", null)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder has nothing to offer.
        }

        return [.. candidates];
    }
}
