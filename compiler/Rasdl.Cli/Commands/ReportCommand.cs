using System.CommandLine;
using Rasdl.Diagnostics;
using Rasdl.Emit;
using Rasdl.Emit.Report;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl report FILE -o DIR</c>: one self-contained <c>DIR/index.html</c> (verdicts, graphs,
/// witnesses with source excerpts, the differential) for a CI job to keep as an artefact.
/// </summary>
internal static class ReportCommand
{
    public const string PageName = "index.html";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The RASDL file to report on (with the files it imports)." };
        var outputDirectory = new Option<string>("--output", "-o") { Description = "The folder to write index.html into (created if missing).", Required = true };
        var command = new Command("report", "Write a self-contained HTML containment report: verdicts per profile, the graph, witnesses with source excerpts, the differential.")
        {
            file, outputDirectory,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(outputDirectory)!, output, error));
        return command;
    }

    private static int Run(string file, string directory, TextWriter output, TextWriter error)
    {
        var compilation = Compilation.Create(file);
        if (compilation.Root.IoError is { } problem)
        {
            error.WriteLine($"rasdl: cannot read '{file}': {problem}");
            return RasdlCommandLine.BadUsage;
        }

        var paths = DisplayPaths.CurrentDirectory;
        var diagnostics = compilation.GetDiagnostics().Order(DiagnosticOrder.Instance).ToList();
        var page = Path.Combine(Path.GetFullPath(directory), PageName);
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.Write(page, stream =>
            {
                using var html = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                HtmlReportWriter.Write(html, compilation, diagnostics, paths);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rasdl: cannot write into '{directory}': {e.Message}");
            return RasdlCommandLine.BadUsage;
        }

        output.WriteLine($"{paths.Show(page)}: {compilation.Analysis.Verdict.Name()}");
        return RasdlCommandLine.Success;
    }
}
