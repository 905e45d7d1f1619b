using System.CommandLine;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl completion bash|zsh</c>: a script that makes the shell complete rasdl's commands,
/// options and option values. The script asks rasdl itself (System.CommandLine's
/// <c>[suggest:POSITION]</c> directive), so it offers whatever commands are registered.
/// </summary>
internal static class CompletionCommand
{
    // Offers that start with the word typed; options once a '-' is typed, otherwise commands and
    // option values, or else (-o default) the shell's own file-name completion.
    private const string Bash = """
        # rasdl completion for bash: add `source <(rasdl completion bash)` to ~/.bashrc
        _rasdl_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#*[[:space:]]}"
            local IFS=$'\n' word="${COMP_WORDS[COMP_CWORD]}" offer
            COMPREPLY=()
            for offer in $(rasdl "[suggest:${#line}]" "$line" 2>/dev/null); do
                [[ "$offer" == "$word"* ]] || continue
                [[ "$offer" == [-/]* && "$word" != -* ]] || COMPREPLY+=("$offer")
            done
        }
        complete -o default -F _rasdl_complete rasdl

        """;

    private const string Zsh = """
        # rasdl completion for zsh: add `source <(rasdl completion zsh)` to ~/.zshrc
        autoload -U +X compinit && compinit
        autoload -U +X bashcompinit && bashcompinit

        """;

    public static Command Create(TextWriter output)
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell script that completes rasdl's commands and options (bash, zsh).") { shell };
        command.SetAction(parse =>
        {
            output.Write(parse.GetValue(shell) == "zsh" ? Zsh + Bash : Bash);
            return RasdlCommandLine.Success;
        });
        return command;
    }
}
