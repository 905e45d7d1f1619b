using System.CommandLine;
using Rasdl.Cli.Commands;

namespace Rasdl.Cli;

/// <summary>The `rasdl` command tree. Each command is a thin translation from arguments to the compiler and back to text.</summary>
public static class RasdlCommandLine
{
    /// <summary>Exit codes: 0 clean, 1 errors in the input, 2 bad usage or unreadable input.</summary>
    public const int Success = 0;
    public const int ErrorsFound = 1;
    public const int BadUsage = 2;

    /// <summary>The tool's version, as SARIF and --version report it.</summary>
    public static string Version { get; } =
        typeof(RasdlCommandLine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The command tree: one line per command. Help, did-you-mean and completion read it, never a list of their own.</summary>
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "RASDL: describe how an Arm platform's IP converts errors, and prove whether a KVM guest with an assigned device can cause an uncontained error.");
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(ExplainCommand.Create(output, error));
        root.Subcommands.Add(FormatCommand.Create(output, error));
        root.Subcommands.Add(VocabularyCommand.Create(output));
        root.Subcommands.Add(BuildCommand.Create(output, error));
        root.Subcommands.Add(Stage2Command.Create(output));
        root.Subcommands.Add(PathsCommand.Create(output, error));
        root.Subcommands.Add(GraphCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(ImportCommand.Create(output, error));
        root.Subcommands.Add(InitCommand.Create(output, error));
        root.Subcommands.Add(CompletionCommand.Create(output));
        root.Subcommands.Add(HelpCommand.Create(root, output, error));

        // `rasdl` alone is a command line missing its command: show the commands, and fail like
        // git does (not like cargo's exit 0), so a script whose command word went missing stops.
        root.SetAction(_ =>
        {
            Usage.ShowHelp(root, [], output, error);
            return BadUsage;
        });
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Usage.ReportErrors(parse, error);
            return BadUsage;
        }

        // An input the commands cannot use (an empty path, a folder that cannot be written) is
        // bad usage with one line saying why, never a stack trace.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"rasdl: {e.Message}");
            return BadUsage;
        }
    }
}
