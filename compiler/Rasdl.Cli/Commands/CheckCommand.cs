using System.CommandLine;
using System.Text.Json;
using Rasdl.Diagnostics;
using Rasdl.Emit;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl check FILE...</c>: compile each file with its imports and print the diagnostics.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "RASDL files to check (each with the files it imports)." };
        var format = OutputFormat.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Sarif);
        var helpBase = new Option<Uri>("--help-base-uri")
        {
            Description = "SARIF: the absolute URI of the folder holding the diagnostic help pages (default: the pages shipped with rasdl).",
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null,
        };
        var profiles = ProfileSelection.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Text: print only errors and the summary line (no warnings, infos or containment report)." };
        var command = new Command("check", "Check RASDL files: syntax, names and kinds, and containment under every profile.") { files, format, helpBase, profiles, quiet };
        // An unknown option after the files would otherwise be read as a file name.
        command.Validators.Add(result =>
        {
            foreach (var file in result.GetValue(files) ?? [])
            {
                if (file.StartsWith('-') && !File.Exists(file))
                {
                    result.AddError(Usage.Unknown(command, file));
                }
            }
        });
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(helpBase), parse.GetValue(profiles), parse.GetValue(quiet), output, error));
        return command;
    }

    private static int Run(string[] files, string format, Uri? helpBase, string[]? profiles, bool quiet, TextWriter output, TextWriter error)
    {
        var options = ProfileSelection.Options(profiles);
        // Measured for the text and SARIF outputs only: the JSON output allocates several times
        // more, ends the region early and then peaks higher than without it.
        using var budget = format == OutputFormat.Json ? null : CollectionBudget.For(files);
        var compilations = new List<Compilation>();
        var unreadable = false;
        foreach (var file in files)
        {
            var compilation = Compilation.Create(file, options: options);
            if (compilation.Root.IoError is { } problem)
            {
                error.WriteLine($"rasdl: cannot read '{file}': {problem}");
                unreadable = true;
                continue;
            }

            compilations.Add(compilation);
        }

        if (!ProfileSelection.AllDeclared(compilations, profiles, error))
        {
            return RasdlCommandLine.BadUsage;
        }

        var diagnostics = compilations.SelectMany(c => c.GetDiagnostics()).DistinctBy(d => d.ToString()).Order(DiagnosticOrder.Instance).ToList();
        var paths = DisplayPaths.CurrentDirectory;
        if (format == OutputFormat.Json)
        {
            // Written as it is produced (a large description's is hundreds of megabytes).
            using var stream = new TextWriterStream(output);
            using (var json = new Utf8JsonWriter(stream, ProfileJsonWriter.Options))
            {
                json.WriteStartObject();
                json.WritePropertyName("diagnostics");
                DiagnosticJsonWriter.WriteArray(json, diagnostics, paths);
                json.WritePropertyName("profiles");
                ProfileJsonWriter.WriteProfiles(json, compilations.SelectMany(c => c.Analysis.Profiles), paths);
                json.WriteStartObject("summary");
                json.WriteNumber("files", compilations.Count);
                json.WriteNumber("errors", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
                json.WriteNumber("warnings", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
                json.WriteNumber("infos", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            output.WriteLine();
        }
        else if (format == OutputFormat.Sarif)
        {
            output.Write(SarifWriter.Write(diagnostics, paths, RasdlCommandLine.Version, helpBase));
        }
        else
        {
            // Quiet: what a CI log needs to say why it failed, and nothing more.
            DiagnosticTextWriter.Write(output, quiet ? [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)] : diagnostics, paths);
            if (!quiet)
            {
                ContainmentReportWriter.Write(output, [.. compilations.SelectMany(c => c.Analysis.Profiles)]);
            }

            if (compilations.Count > 0)
            {
                output.WriteLine(DiagnosticTextWriter.Summary(diagnostics, compilations.Count));
            }
        }

        return unreadable ? RasdlCommandLine.BadUsage
            : diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? RasdlCommandLine.ErrorsFound
            : RasdlCommandLine.Success;
    }
}
