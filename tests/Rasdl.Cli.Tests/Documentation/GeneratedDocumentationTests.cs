using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Diagnostics;

namespace Rasdl.Cli.Tests.Documentation;

/// <summary>
/// The documents generated from the compiler's single sources of truth (the vocabulary table
/// and the diagnostic catalogue) are current. Regenerate them with
/// <c>RASDL_UPDATE_BASELINES=1 dotnet test tests/Rasdl.Cli.Tests</c>.
/// </summary>
public class GeneratedDocumentationTests
{
    public const string LanguageReference = "docs/language.md";
    public const string BeginVocabulary = "<!-- BEGIN GENERATED: rasdl vocabulary --format markdown -->\n";
    public const string EndVocabulary = "<!-- END GENERATED -->\n";

    [Fact]
    public void LanguageReferenceVocabularySectionIsCurrent()
    {
        var text = File.ReadAllText(Repository.PathOf(LanguageReference)).ReplaceLineEndings("\n");
        var begin = text.IndexOf(BeginVocabulary, StringComparison.Ordinal);
        var end = text.IndexOf(EndVocabulary, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{LanguageReference} must hold the markers {BeginVocabulary.Trim()} and {EndVocabulary.Trim()}");

        var generated = RasdlCli.Run("vocabulary", "--format", "markdown").Stdout;
        var current = text[..(begin + BeginVocabulary.Length)] + "\n" + generated + text[end..];
        GeneratedFile.Verify(LanguageReference, current, "rasdl vocabulary --format markdown (between the markers)");
    }

    public static TheoryData<string> Codes() => new(DiagnosticCatalogue.All.Select(d => d.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void HelpPageIsCurrent(string code)
    {
        var page = RasdlCli.Run("explain", code);
        Assert.Equal(0, page.ExitCode);
        GeneratedFile.Verify($"docs/diagnostics/{code}.md", page.Stdout, $"rasdl explain {code}");
    }

    [Fact]
    public void HelpIndexIsCurrent() =>
        GeneratedFile.Verify("docs/diagnostics/README.md", DiagnosticHelp.IndexMarkdown(DiagnosticCatalogue.All), "the diagnostic catalogue's index");

    [Fact]
    public void NoHelpPageIsLeftForACodeThatIsGone()
    {
        var pages = Directory.EnumerateFiles(Repository.PathOf("docs/diagnostics"), "RASDL*.md").Select(Repository.RelativePath);
        GeneratedFile.VerifyNoOrphans(pages, DiagnosticCatalogue.All.Select(d => d.HelpPath), "help pages");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void HelpUriNamesThePageShippedBesideTheProgram(string code)
    {
        // The compiler copies docs/diagnostics into every program's output; HelpUri (LSP
        // codeDescription.href, SARIF helpUri) must name a file that exists there. While
        // regenerating, the copies are only refreshed by the next build.
        if (BaselineUpdate.Requested)
        {
            return;
        }

        Assert.True(DiagnosticCatalogue.TryGet(code, out var descriptor));
        Assert.True(descriptor.HelpUri.IsFile);
        Assert.EndsWith(descriptor.HelpPath, descriptor.HelpUri.LocalPath.Replace('\\', '/'));
        Assert.True(File.Exists(descriptor.HelpUri.LocalPath), $"{descriptor.HelpUri.LocalPath} is missing: regenerate the docs ({BaselineUpdate.Command}) and rebuild");
        Assert.Equal(DiagnosticHelp.ToMarkdown(descriptor), File.ReadAllText(descriptor.HelpUri.LocalPath).ReplaceLineEndings("\n"));
    }
}
