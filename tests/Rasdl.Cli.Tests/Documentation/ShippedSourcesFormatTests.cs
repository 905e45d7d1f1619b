using System.Text.RegularExpressions;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Formatting;
using Rasdl.Parsing;

namespace Rasdl.Cli.Tests.Documentation;

/// <summary>
/// Everything the project ships as RASDL is in the formatter's layout, so a user who copies it
/// and runs <c>rasdl fmt --check</c> sees no change: the standard library, the starter of
/// <c>rasdl init</c>, and every
/// <c>```rasdl</c> snippet of the documentation (the examples are held to it by
/// <see cref="Baselines.ExampleBaselineTests"/>). A snippet that is not a whole file (a lone
/// rule, a region out of its endpoint) is marked <c>```rasdl fragment</c> and only read.
/// </summary>
public partial class ShippedSourcesFormatTests
{
    /// <summary>The standard library, and the starter description `rasdl init` writes.</summary>
    public static readonly string[] ShippedFolders = ["compiler/Rasdl.Compiler/Std", "compiler/Rasdl.Cli/Starter"];

    public static TheoryData<string> ShippedFiles() =>
        new(ShippedFolders.SelectMany(f => Directory.EnumerateFiles(Repository.PathOf(f), "*.rasdl", SearchOption.AllDirectories))
            .Select(Repository.RelativePath).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedFileIsInTheFormattersLayout(string file)
    {
        var result = RasdlCli.Run("fmt", "--check", file);
        Assert.True(result.ExitCode == 0, $"{file} is not in canonical layout; run: rasdl fmt {file}\n{result}");
    }

    /// <summary>Every documentation snippet, as (document:line, text).</summary>
    public static TheoryData<string, string> DocumentationSnippets()
    {
        var snippets = new TheoryData<string, string>();
        var documents = Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories)
            .Append(Repository.PathOf("README.md"))
            .Select(Repository.RelativePath).Order(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var text = File.ReadAllText(Repository.PathOf(document)).ReplaceLineEndings("\n");
            foreach (Match snippet in RasdlSnippet().Matches(text))
            {
                var line = text.AsSpan(0, snippet.Index).Count('\n') + 1;
                snippets.Add($"{document}:{line}", snippet.Groups["code"].Value);
            }
        }

        return snippets;
    }

    [Fact]
    public void TheDocumentationHasSnippetsToCheck() =>
        Assert.True(DocumentationSnippets().Count >= 5, "the snippet pattern no longer finds the documentation's ```rasdl blocks");

    [Theory]
    [MemberData(nameof(DocumentationSnippets))]
    public void DocumentationSnippetIsInTheFormattersLayout(string where, string snippet)
    {
        var formatted = Formatter.Format(Parser.Parse(where, snippet));
        Assert.True(formatted is not null, $"{where}: the snippet has syntax errors (mark a partial one ```rasdl fragment)");
        Assert.True(formatted == snippet, $"{where}: the snippet is not in the formatter's layout; it should read:\n{formatted}");
    }

    // An opening fence whose info string is exactly `rasdl` (not `rasdl fragment`), up to its closing fence.
    [GeneratedRegex(@"^```rasdl\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RasdlSnippet();
}
