using System.CommandLine;
using System.Text;
using Rasdl.Configuration;
using Rasdl.Emit;
using Rasdl.Formatting;
using Rasdl.Parsing;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl init [DIR]</c>: write a starter description that checks clean (a platform, one core,
/// one root port, one assigned endpoint, two profiles) and a <c>rasdl.json</c> into DIR. Never
/// overwrites: if either file exists, nothing is written.
/// </summary>
internal static class InitCommand
{
    /// <summary>The platform's name in the starter text, replaced by one made from the folder's name.</summary>
    private const string TemplateName = "my_platform";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Arity = ArgumentArity.ZeroOrOne, Description = "The folder to start the project in (created if missing; default: the current folder).", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Start a project: a starter description that checks clean, and a rasdl.json.") { directory };
        command.SetAction(parse => Run(parse.GetValue(directory)!, output, error));
        return command;
    }

    private static int Run(string directory, TextWriter output, TextWriter error)
    {
        var folder = Path.GetFullPath(directory);
        var name = PlatformName(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)));
        var description = Path.Combine(directory, $"{name}.rasdl");
        var project = Path.Combine(directory, ProjectConfiguration.FileName);
        var existing = new[] { description, project }.Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
        if (existing.Count > 0)
        {
            error.WriteLine($"rasdl: {string.Join(" and ", existing.Select(p => $"'{p}'"))} already exist{(existing.Count == 1 ? "s" : "")}; nothing was written");
            return RasdlCommandLine.BadUsage;
        }

        var text = Template("starter.rasdl").Replace(TemplateName, name, StringComparison.Ordinal);
        // A long folder name may change what fits on a line: the starter is in canonical layout whatever its name.
        text = Formatter.Format(Parser.Parse(description, text)) ?? text;
        try
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(description, text);
            AtomicFile.WriteAllText(project, Template(ProjectConfiguration.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rasdl: cannot write into '{directory}': {e.Message}");
            return RasdlCommandLine.BadUsage;
        }

        output.WriteLine($"created {description}");
        output.WriteLine($"created {project}");
        output.WriteLine($"next: rasdl check {(description.Contains(' ') ? $"'{description}'" : description)}");
        return RasdlCommandLine.Success;
    }

    /// <summary>A RASDL name from a folder's name: lower case, other characters as '_', never starting with a digit (RASDL3006 wants snake_case).</summary>
    internal static string PlatformName(string folder)
    {
        var name = new StringBuilder();
        foreach (var c in folder.ToLowerInvariant())
        {
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep)
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        var result = name.ToString().TrimEnd('_');
        return result.Length == 0 || Parser.Keywords.Contains(result) ? "platform_description"
            : char.IsAsciiDigit(result[0]) ? $"p{result}"
            : result;
    }

    private static string Template(string file)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream($"Rasdl.Cli.Starter.{file}")
            ?? throw new InvalidOperationException($"the starter file {file} is not embedded in rasdl");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
