using System.Globalization;

namespace Rasdl.Diagnostics;

/// <summary>The ranges of diagnostic codes: RASDL0xxx syntax, 1xxx names and kinds, 2xxx containment, 3xxx style.</summary>
public enum DiagnosticCategory
{
    Syntax,
    Binding,
    Containment,
    Style,
}

/// <summary>One entry of the diagnostic catalogue: code, default severity, title, message format and help text.</summary>
/// <param name="MessageFormat">A composite format string; its holes are filled by <see cref="Format"/>.</param>
/// <param name="Help">Markdown: why the diagnostic exists and how to fix what it reports.</param>
public sealed record DiagnosticDescriptor(
    string Code,
    DiagnosticSeverity DefaultSeverity,
    string Title,
    string MessageFormat,
    string Help)
{
    public DiagnosticCategory Category => Code[5] switch
    {
        '0' => DiagnosticCategory.Syntax,
        '1' => DiagnosticCategory.Binding,
        '2' => DiagnosticCategory.Containment,
        _ => DiagnosticCategory.Style,
    };

    /// <summary>Where the help page for this code lives, relative to the documentation root.</summary>
    public string HelpPath => $"docs/diagnostics/{Code}.md";

    /// <summary>The help page's address, used as LSP codeDescription.href and SARIF helpUri.</summary>
    public Uri HelpUri => new(DiagnosticCatalogue.HelpBaseUri, Code + ".md");

    public string Format(params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments);
}
