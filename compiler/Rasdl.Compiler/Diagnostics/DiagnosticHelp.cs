namespace Rasdl.Diagnostics;

/// <summary>A diagnostic's help page as Markdown: what `rasdl explain` prints, the hover shows and docs/diagnostics holds.</summary>
public static class DiagnosticHelp
{
    public static string ToMarkdown(DiagnosticDescriptor descriptor) =>
        $"""
        # {descriptor.Code}: {descriptor.Title}

        Default severity: {descriptor.DefaultSeverity.ToName()}. Category: {descriptor.Category.ToString().ToLowerInvariant()}.

        {descriptor.Help}

        Change its severity in rasdl.json (`"diagnostics": {"{"} "{descriptor.Code}": "warning" {"}"}`) or silence one line with
        `// rasdl-disable-next-line {descriptor.Code}`.

        """;

    /// <summary>The index of the help pages (docs/diagnostics/README.md): one table row per code, linking its page.</summary>
    public static string IndexMarkdown(IEnumerable<DiagnosticDescriptor> descriptors)
    {
        var text = new System.Text.StringBuilder();
        text.Append("# RASDL diagnostics\n\n");
        text.Append("Every diagnostic RASDL reports, by code: `RASDL0xxx` syntax, `1xxx` names and kinds, `2xxx` containment, `3xxx` style. ");
        text.Append("`rasdl explain CODE` prints the same page. These pages are generated from the diagnostic catalogue; do not edit them by hand.\n\n");
        text.Append("| Code | Default severity | Title |\n|---|---|---|\n");
        foreach (var descriptor in descriptors)
        {
            text.Append($"| [{descriptor.Code}]({descriptor.Code}.md) | {descriptor.DefaultSeverity.ToName()} | {descriptor.Title} |\n");
        }

        return text.ToString();
    }
}
