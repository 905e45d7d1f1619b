using System.Text;
using Rasdl.Parsing;

namespace Rasdl.Vocabulary;

/// <summary>The keywords and the vocabulary as Markdown tables, one per category: the generated part of the language reference.</summary>
public static class VocabularyMarkdown
{
    public static string Write()
    {
        var text = new StringBuilder();
        text.Append("### Keywords\n\n");
        text.Append(string.Join(" ", Parser.Keywords.Select(k => $"`{k}`"))).Append("\n\n");
        foreach (var category in Vocabulary.AllWords.GroupBy(w => w.Category))
        {
            text.Append("### ").Append(Heading(category.Key)).Append("\n\n");
            text.Append("| Word | Meaning | Details |\n|---|---|---|\n");
            foreach (var word in category)
            {
                text.Append($"| `{word.Text}` | {Cell(word.Summary)} | {Cell(word.Detail)} |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>"SError severity" -> "SError severities", "block kind" -> "Block kinds".</summary>
    private static string Heading(string category)
    {
        var plural = category.EndsWith('y') ? category[..^1] + "ies" : category + "s";
        return char.ToUpperInvariant(plural[0]) + plural[1..];
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
