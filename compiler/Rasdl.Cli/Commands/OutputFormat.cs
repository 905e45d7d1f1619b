using System.CommandLine;

namespace Rasdl.Cli.Commands;

/// <summary>The --format option shared by commands that print results.</summary>
internal static class OutputFormat
{
    public const string Text = "text";
    public const string Json = "json";
    public const string Sarif = "sarif";
    public const string Markdown = "markdown";

    public static Option<string> Create(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => Text,
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
