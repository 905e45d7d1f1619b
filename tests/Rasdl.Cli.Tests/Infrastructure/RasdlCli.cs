namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>rasdl</c> command line in this process (<see cref="RasdlCommandLine.Run"/>),
/// from the repository root, as a user would type it there: paths in outputs come out
/// repository-relative, so expected outputs are the same on every machine.
/// </summary>
public static class RasdlCli
{
    static RasdlCli()
    {
        // Set once, before any command runs, and never changed: the CLI shows paths relative to
        // the working directory (DisplayPaths.CurrentDirectory is read once per process).
        Environment.CurrentDirectory = Repository.Root;
    }

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = RasdlCommandLine.Run(args, stdout, stderr);
        return new CliResult(exitCode, Normalise(stdout.ToString()), Normalise(stderr.ToString()));
    }

    /// <summary>Line endings as "\n", and any absolute path into the repository made repository-relative.</summary>
    public static string Normalise(string text) =>
        text.ReplaceLineEndings("\n").Replace(Repository.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
}
