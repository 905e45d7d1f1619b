using System.CommandLine;
using Rasdl.Emit;
using Rasdl.Emit.Paths;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl paths FILE --region ENDPOINT.REGION [--profile P] [--format text|json] [--all]</c>:
/// every path the engine walked for one region, contained ones included, grouped by verdict.
/// </summary>
internal static class PathsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The RASDL file (with the files it imports)." };
        // Not required by the parser: without it, the message names the regions there are to choose from.
        var region = RegionOption.Create(file, "The assigned region whose paths to list (ENDPOINT.REGION; required).");
        var profiles = ProfileSelection.Create();
        var format = OutputFormat.Create(OutputFormat.Text, OutputFormat.Json);
        var all = new Option<bool>("--all", "-a") { Description = "List every stage-1 choice on its own, instead of one entry for the choices whose paths are the same." };
        var command = new Command("paths", "List every path the engine walked for one region, contained ones included, grouped by verdict.")
        {
            file, region, profiles, format, all,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(region), parse.GetValue(profiles), parse.GetValue(format)!, parse.GetValue(all), output, error));
        return command;
    }

    private static int Run(string file, string? regionName, string[]? profiles, string format, bool all, TextWriter output, TextWriter error)
    {
        var compilation = Compilation.Create(file, options: ProfileSelection.Options(profiles));
        if (compilation.Root.IoError is { } problem)
        {
            error.WriteLine($"rasdl: cannot read '{file}': {problem}");
            return RasdlCommandLine.BadUsage;
        }

        if (!ProfileSelection.AllDeclared([compilation], profiles, error))
        {
            return RasdlCommandLine.BadUsage;
        }

        var analysis = compilation.Analysis;
        if (regionName is null)
        {
            error.WriteLine($"rasdl: paths needs --region ENDPOINT.REGION (assigned: {RegionLookup.List(analysis.Platform)})");
            error.WriteLine("Run 'rasdl help paths' for its usage.");
            return RasdlCommandLine.BadUsage;
        }

        var region = RegionLookup.Find(analysis.Platform, regionName);
        if (region.Error is { } unknown)
        {
            error.WriteLine($"rasdl: {unknown}");
            return RasdlCommandLine.BadUsage;
        }

        if (analysis.Profiles.IsEmpty)
        {
            error.WriteLine($"rasdl: '{file}' declares no profile, so no region is analysed (add `profile NAME {{ hypervisor kvm_6_8; }}`)");
            return RasdlCommandLine.BadUsage;
        }

        // Paths of a description that does not bind are paths of what could be lowered: say so.
        // (Syntax and name errors only: the containment diagnostics would build every region's witnesses.)
        var broken = compilation.LoadDiagnostics.Concat(compilation.SyntaxTrees.SelectMany(t => t.Diagnostics)).Concat(compilation.Model.Diagnostics).Count(d => d.IsError);
        if (broken > 0)
        {
            error.WriteLine($"rasdl: '{file}' has {broken} syntax or name error{(broken == 1 ? "" : "s")}; these paths cover only what could be analysed (run 'rasdl check {file}')");
        }

        var grouped = !all;
        var listing = PathListing.For(analysis, region, grouped);
        var paths = DisplayPaths.CurrentDirectory;
        if (format == OutputFormat.Json)
        {
            using var stream = new TextWriterStream(output);
            PathsJsonWriter.Write(stream, regionName, listing, grouped, paths);
        }
        else
        {
            PathsTextWriter.Write(output, listing, grouped, paths);
        }

        return RasdlCommandLine.Success;
    }
}
