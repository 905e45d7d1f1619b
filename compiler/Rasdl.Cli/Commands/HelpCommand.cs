using System.CommandLine;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl help [COMMAND...]</c>: the same page as <c>rasdl COMMAND --help</c>, for every registered command.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root, TextWriter output, TextWriter error)
    {
        var path = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "The command to describe, e.g. check." };
        path.CompletionSources.Add(_ => Usage.Names(root.Subcommands).Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        var command = new Command("help", "Show the commands, or one command's usage (same as COMMAND --help).") { path };
        command.SetAction(parse =>
        {
            var words = parse.GetValue(path) ?? [];
            Command current = root;
            foreach (var word in words)
            {
                if (current.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word)) is not { } next)
                {
                    error.WriteLine($"rasdl: {Usage.Unknown(current, word)}");
                    error.WriteLine("Run 'rasdl help' for the commands.");
                    return RasdlCommandLine.BadUsage;
                }

                current = next;
            }

            Usage.ShowHelp(root, words, output, error);
            return RasdlCommandLine.Success;
        });
        return command;
    }
}
