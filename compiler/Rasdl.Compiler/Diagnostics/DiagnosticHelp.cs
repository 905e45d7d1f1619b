namespace Rasdl.Diagnostics;

/// <summary>A diagnostic's help page as Markdown: what `rasdl explain` prints, the hover shows and docs/diagnostics holds.</summary>
public static class DiagnosticHelp
{
    public static string ToMarkdown(DiagnosticDescriptor descriptor) =>
        $"""
        # {descriptor.Code}: {descriptor.Title}

        Default severity: {descriptor.DefaultSeverity.ToName()}. Category: {descriptor.Category.ToString().ToLowerInvariant()}.

        {descriptor.Help}

        {Configuring(descriptor)}

        """;

    /// <summary>How to change this code's severity: the example is a change that makes sense from its default.</summary>
    private static string Configuring(DiagnosticDescriptor descriptor)
    {
        var (severity, effect) = descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => ("warning", "to report it without failing the check"),
            DiagnosticSeverity.Warning => ("error", "to make it fail the check"),
            _ => ("warning", "to make it stand out"),
        };
        return $$"""
            Set its severity (`off`, `info`, `warning` or `error`) in rasdl.json, e.g.
            `"diagnostics": { "{{descriptor.Code}}": "{{severity}}" }` {{effect}}, or silence one line with
            `// rasdl-disable-next-line {{descriptor.Code}}`.
            """;
    }

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
