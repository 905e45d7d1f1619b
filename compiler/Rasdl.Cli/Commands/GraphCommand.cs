using System.CommandLine;
using Rasdl.Emit;
using Rasdl.Emit.Graph;
using Rasdl.Semantics;

namespace Rasdl.Cli.Commands;

/// <summary>
/// <c>rasdl graph FILE [--profile P] [--region R] --format svg|dot|mermaid [-o OUT]</c>: the
/// platform's error flow as a layered picture, coloured by verdict, the worst path highlighted.
/// </summary>
internal static class GraphCommand
{
    public const string Svg = "svg";
    public const string Dot = "dot";
    public const string Mermaid = "mermaid";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The RASDL file to draw (with the files it imports)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: svg, dot, mermaid.", DefaultValueFactory = _ => Svg };
        format.AcceptOnlyFromAmong(Svg, Dot, Mermaid);
        var profile = new Option<string?>("--profile", "-p") { Description = "The profile whose verdicts colour the graph (default: the first with the worst verdict)." };
        var region = RegionOption.Create(file, "Draw only the routes of one assigned region (ENDPOINT.REGION).");
        var outputFile = new Option<string?>("--output", "-o") { Description = "The file to write (atomically); default: standard output." };
        var command = new Command("graph", "Draw the platform's error flow: blocks, endpoints and the hypervisor, edges labelled with error conversions, nodes coloured by verdict.")
        {
            file, format, profile, region, outputFile,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(profile), parse.GetValue(region), parse.GetValue(outputFile), output, error));
        return command;
    }

    private static int Run(string file, string format, string? profile, string? region, string? outputFile, TextWriter output, TextWriter error)
    {
        var compilation = Compilation.Create(file);
        if (compilation.Root.IoError is { } problem)
        {
            error.WriteLine($"rasdl: cannot read '{file}': {problem}");
            return RasdlCommandLine.BadUsage;
        }

        var (graph, unknown) = ContainmentGraphBuilder.Build(compilation.Analysis, profile, region);
        if (graph is null)
        {
            error.WriteLine($"rasdl: {unknown}");
            return RasdlCommandLine.BadUsage;
        }

        var paths = DisplayPaths.CurrentDirectory;
        var text = format switch
        {
            Dot => DotGraphWriter.Write(graph, paths),
            Mermaid => MermaidGraphWriter.Write(graph),
            _ => SvgGraphWriter.Write(GraphLayout.Lay(graph), paths),
        };
        return OutputFile.WriteOrPrint(outputFile, text, output, error);
    }
}
