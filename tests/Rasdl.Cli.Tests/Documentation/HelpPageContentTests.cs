using System.Text.RegularExpressions;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Diagnostics;

namespace Rasdl.Cli.Tests.Documentation;

/// <summary>
/// What a user reads in `rasdl explain` and `rasdl vocabulary` (and in hovers, which show the
/// same text) is finished prose: no unfilled placeholder, no reference to a document that is not
/// shipped, and advice that fits the code it is on.
/// </summary>
public partial class HelpPageContentTests
{
    public static TheoryData<string> Codes() => new(DiagnosticCatalogue.All.Select(d => d.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void HelpPageHasNoUnfilledPlaceholder(string code)
    {
        var page = RasdlCli.Run("explain", code).Stdout;

        Assert.Empty(Placeholder().Matches(page).Select(m => m.Value));
        Assert.Empty(InternalDocument().Matches(page).Select(m => m.Value));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void HelpPageSuggestsASeverityOtherThanTheDefault(string code)
    {
        var descriptor = DiagnosticCatalogue.All.Single(d => d.Code == code);
        var page = RasdlCli.Run("explain", code).Stdout;

        Assert.Contains($"\"{code}\": \"", page);
        Assert.DoesNotContain($"\"{code}\": \"{descriptor.DefaultSeverity.ToName()}\"", page);
    }

    [Fact]
    public void VocabularyHasNoUnfilledPlaceholderOrInternalReference()
    {
        var table = RasdlCli.Run("vocabulary", "--format", "markdown").Stdout;

        Assert.Empty(Placeholder().Matches(table).Select(m => m.Value));
        Assert.Empty(InternalDocument().Matches(table).Select(m => m.Value));
    }

    [Fact]
    public void TheScanFindsAPlaceholder() =>
        Assert.Equal(["{block}", "{0}"], Placeholder().Matches("route core -> {block}; '{0}' { \"RASDL1001\": \"warning\" }").Select(m => m.Value));

    // A composite-format hole ({0}) or a named one ({block}); JSON's braces have spaces and quotes.
    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*\}|\{\d+(,[^}]*)?(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    // The project's internal design notes are not shipped: a help text cites the Arm ARM or the kernel instead.
    [GeneratedRegex(@"\bDOMAIN\b|\bDESIGN\b|DOMAIN\.md|DESIGN\.md")]
    private static partial Regex InternalDocument();
}
