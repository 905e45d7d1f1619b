using System.Text.RegularExpressions;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Parsing;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Cli.Tests.Baselines;

/// <summary>examples/every-construct really uses every keyword and every vocabulary word a description can write.</summary>
public partial class EveryConstructExampleTests
{
    private static readonly HashSet<string> UsedWords = ExampleCorpus.AllSourceFiles
        .Where(f => f.StartsWith("examples/every-construct/", StringComparison.Ordinal))
        .Select(f => CommentOrString().Replace(File.ReadAllText(Repository.PathOf(f)), " "))
        .SelectMany(code => WordPattern().Matches(code).Select(m => m.Value))
        .ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Words_() => new(
        Parser.Keywords
            .Concat(Words.BlockKinds.Texts).Concat(Words.EndpointKinds.Texts).Concat(Words.Errors.Texts)
            .Concat(Words.Accesses.Texts).Concat(Words.MemoryTypes.Texts).Concat(Words.Outcomes.Texts)
            .Concat(Words.SErrorSeverities.Texts).Concat(Words.IrqKinds.Texts).Concat(Words.Features.Texts)
            .Concat(Words.Drivers.Texts).Concat(Words.HypervisorActions.Texts)
            .Concat(Words.RegionSpaces.Texts).Concat(Words.RegionAttributes.Texts)
            .Distinct());

    [Theory]
    [MemberData(nameof(Words_))]
    public void UsesTheWord(string word) =>
        Assert.True(UsedWords.Contains(word), $"examples/every-construct does not use '{word}'; add a use of it");

    [Fact]
    public void UsesAStageTwoAttributeOfEachEncoding()
    {
        Assert.Contains(UsedWords, w => w.StartsWith("fwb_", StringComparison.Ordinal) && Words.Stage2Attributes.TryGet(w, out _));
        Assert.Contains(UsedWords, w => !w.StartsWith("fwb_", StringComparison.Ordinal) && Words.Stage2Attributes.TryGet(w, out _));
    }

    // Words in comments, doc strings and import paths do not count as uses.
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""(?:[^""\\]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex WordPattern();
}
