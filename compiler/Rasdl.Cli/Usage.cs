using System.CommandLine;
using System.CommandLine.Parsing;
using Rasdl.Semantics;

namespace Rasdl.Cli;

/// <summary>
/// How `rasdl` answers a command line it cannot run: one message per problem, a did-you-mean
/// drawn from the commands and options actually registered, and where to read more.
/// </summary>
internal static class Usage
{
    public static void ReportErrors(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        // After an unknown command word, the rest are its arguments: one message for the word.
        foreach (var token in command is RootCommand && parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is { } word ? [word] : parse.UnmatchedTokens)
        {
            error.WriteLine($"rasdl: {Unknown(command, token)}");
        }

        // System.CommandLine also reports each unmatched token as "Unrecognized command or
        // argument", and a missing subcommand beside an unknown one: both said once above.
        foreach (var problem in parse.Errors.Where(e => !unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
        {
            if (unmatched.Count > 0 && command is RootCommand)
            {
                continue;
            }

            error.WriteLine($"rasdl: {problem.Message}");
        }

        error.WriteLine(command is RootCommand ? "Run 'rasdl help' for the commands." : $"Run 'rasdl help {command.Name}' for its usage.");
    }

    /// <summary>"'frobnicate' is not a rasdl command; did you mean 'format'?", drawn from what <paramref name="command"/> accepts.</summary>
    public static string Unknown(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            var options = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)))
                .SelectMany(o => o.Aliases.Prepend(o.Name));
            var where = command is RootCommand ? "rasdl" : $"rasdl {command.Name}";
            return $"unknown option '{token}' for '{where}'{NameSuggestions.Hint(NameSuggestions.Closest(token, options))}";
        }

        return command.Subcommands.Count > 0
            ? $"'{token}' is not a rasdl command{NameSuggestions.Hint(NameSuggestions.Closest(token, Names(command.Subcommands)))}"
            : $"unexpected argument '{token}' for 'rasdl {command.Name}'";
    }

    /// <summary>Every name a command answers to (its name and aliases), except hidden ones.</summary>
    public static IEnumerable<string> Names(IEnumerable<Command> commands) =>
        commands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));

    /// <summary>Prints the help of the command named by <paramref name="path"/> (the root's for none) to <paramref name="output"/>.</summary>
    public static void ShowHelp(RootCommand root, IReadOnlyList<string> path, TextWriter output, TextWriter error) =>
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
