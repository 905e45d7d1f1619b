using System.CommandLine;
using System.CommandLine.Completions;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>--region ENDPOINT.REGION</c> (graph, paths): shell completion offers the regions the file
/// named before it assigns to a guest.
/// </summary>
internal static class RegionOption
{
    public static Option<string?> Create(Argument<string> file, string description, bool required = false)
    {
        var option = new Option<string?>("--region", "-r") { Description = description, HelpName = "endpoint.region", Required = required };
        option.CompletionSources.Add(context => Assigned(context.ParseResult.GetValue(file)).Select(name => new CompletionItem(name)));
        return option;
    }

    // Binding only (no containment analysis): completion must answer at once, and a file that
    // cannot be read or bound offers nothing rather than an error.
    private static IEnumerable<string> Assigned(string? file)
    {
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return [];
        }

        try
        {
            var compilation = Compilation.Create(file);
            return compilation.Root.IoError is null ? compilation.Model.Assignments.Select(a => a.Region.QualifiedName).Distinct().Order(StringComparer.Ordinal).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
