using System.Text;
using Rasdl.Diagnostics;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Baselines;

/// <summary>What a baseline kind can use to produce its output for one example root file.</summary>
public sealed class BaselineRun(string file) : IDisposable
{
    private readonly Lazy<TempFolder> _output = new(() => new TempFolder());

    /// <summary>The example's root file, repository-relative with '/' (as a user would type it at the repository root).</summary>
    public string File { get; } = file;

    /// <summary>A fresh folder for commands that write files (e.g. <c>rasdl build FILE -o DIR</c>).</summary>
    public string OutputDirectory => _output.Value.Root;

    /// <summary>
    /// Runs the CLI in-process. An example must be readable and the arguments right: exit 2,
    /// or anything on stderr with exit 0, fails the test. The help pages' folder (an absolute
    /// file URI beside the program, which names the build's configuration) is shown as HELP/,
    /// also where the repository's root was already taken out of it.
    /// </summary>
    public CliResult Cli(params string[] args)
    {
        var result = RasdlCli.Run(args);
        Assert.True(result.ExitCode is 0 or 1 && (result.ExitCode == 1 || result.Stderr.Length == 0),
            $"rasdl {string.Join(' ', args)} should exit 0 (with nothing on stderr) or 1:\n{result}");
        var help = DiagnosticCatalogue.HelpBaseUri.AbsoluteUri;
        return result with
        {
            Stdout = result.Stdout.Replace(help, "HELP/", StringComparison.Ordinal).Replace(RasdlCli.Normalise(help), "HELP/", StringComparison.Ordinal),
        };
    }

    /// <summary>Runs the CLI (see <see cref="Cli"/>) and returns the files it wrote under <see cref="OutputDirectory"/>.</summary>
    public string FilesWrittenBy(params string[] args)
    {
        Cli(args);
        return OutputFiles();
    }

    /// <summary>Every file under <see cref="OutputDirectory"/>, in name order, each under a "=== name" header; the folder's path is shown as OUT.</summary>
    public string OutputFiles()
    {
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append("=== ").Append(Path.GetRelativePath(OutputDirectory, path).Replace('\\', '/')).Append('\n');
            text.Append(Infrastructure.RasdlCli.Normalise(System.IO.File.ReadAllText(path)).Replace(OutputDirectory, "OUT", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        if (_output.IsValueCreated)
        {
            _output.Value.Dispose();
        }
    }
}
