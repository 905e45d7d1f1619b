using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl vocabulary</c>: every keyword and word, as text, JSON or Markdown.</summary>
public class VocabularyCommandTests
{
    [Fact]
    public void TextGroupsWordsByCategory()
    {
        var result = RasdlCli.Run("vocabulary");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("keyword:\n  import\n", result.Stdout);
        Assert.Contains("\noutcome:\n  all_ones ", result.Stdout);
        Assert.Matches(@"\n  normal_nc +Normal Non-cacheable", result.Stdout);
    }

    [Fact]
    public void JsonListsEveryWordOfTheVocabularyWithItsCategory()
    {
        var result = RasdlCli.Run("vocabulary", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var entries = document.RootElement.EnumerateArray()
            .Select(e => (Word: e.GetProperty("word").GetString(), Category: e.GetProperty("category").GetString()))
            .ToHashSet();
        foreach (var word in Vocabulary.Vocabulary.AllWords)
        {
            Assert.Contains((word.Text, word.Category), entries);
        }

        Assert.Contains(("extends", "keyword"), entries);
        Assert.Contains(("serror", "outcome"), entries);
    }

    [Fact]
    public void MarkdownHasATableRowForEveryWord()
    {
        var result = RasdlCli.Run("vocabulary", "--format", "markdown");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("### Memory types\n\n| Word | Meaning | Details |\n", result.Stdout);
        Assert.Contains("### SError severities\n", result.Stdout);
        foreach (var word in Vocabulary.Vocabulary.AllWords)
        {
            Assert.Contains($"| `{word.Text}` | ", result.Stdout);
        }
    }
}
