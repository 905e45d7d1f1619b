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
}
