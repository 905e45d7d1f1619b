using Rasdl.Emit;
using Rasdl.Emit.Graph;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Graph;

/// <summary>
/// <c>rasdl/containmentGraph</c>, a request of this server's own: the picture <c>rasdl graph</c>
/// draws for a document under one profile, as SVG, with the source location of every node and
/// edge so that the client's view can jump to a declaration or a rule. The compiler builds and
/// lays out the graph; the client only shows it.
/// </summary>
public sealed class ContainmentGraphHandler(RasdlWorkspace workspace)
{
    public const string Method = "rasdl/containmentGraph";

    [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
    public ContainmentGraphResult? Graph(ContainmentGraphParams parameters)
    {
        if (parameters?.TextDocument?.Uri is not { } uri)
        {
            throw LspErrors.InvalidParams("rasdl/containmentGraph needs textDocument.uri");
        }

        if (DocumentRequest.For(workspace, uri) is not { } request)
        {
            return null;
        }

        var analysis = request.Compilation.Analysis;
        // A profile that no longer exists (renamed in an edit) falls back to the default: the view keeps showing something.
        var profile = analysis.Profiles.Any(p => p.Name == parameters.Profile) ? parameters.Profile : null;
        var (graph, _) = ContainmentGraphBuilder.Build(analysis, profile);
        var drawing = GraphLayout.Lay(graph!);
        var paths = new DisplayPaths(Path.GetDirectoryName(request.Path) ?? "");
        return new ContainmentGraphResult
        {
            Title = graph!.Title,
            Profile = graph.Profile,
            Profiles = [.. analysis.Profiles.Select(p => p.Name)],
            Svg = SvgGraphWriter.Write(drawing, paths),
            WorstPath = graph.WorstPathText,
            Nodes = [.. graph.Nodes.Select(n => new GraphElement { Id = n.Id, Label = n.Name, Location = Location(n.Location) })],
            Edges = [.. graph.Edges.Select(e => new GraphElement { Id = e.Id, Label = string.Join("; ", e.Conversions), Location = Location(e.Location) })],
        };
    }

    private Location Location(Text.SourceLocation location) =>
        new() { Uri = workspace.Uris.ToUri(location.Path), Range = LspRanges.ToRange(location.Range) };
}

/// <summary>The parameters of <c>rasdl/containmentGraph</c>: the document and, optionally, the profile to colour by.</summary>
public sealed class ContainmentGraphParams
{
    public TextDocumentIdentifier? TextDocument { get; set; }

    /// <summary>Null or unknown: the first profile with the worst verdict.</summary>
    public string? Profile { get; set; }
}

/// <summary>The answer: the SVG, the profiles to pick from, and where each node and edge (by its <c>data-id</c>) is declared.</summary>
public sealed class ContainmentGraphResult
{
    public required string Title { get; init; }

    public string? Profile { get; init; }

    public required string[] Profiles { get; init; }

    public required string Svg { get; init; }

    public string? WorstPath { get; init; }

    public required GraphElement[] Nodes { get; init; }

    public required GraphElement[] Edges { get; init; }
}

/// <summary>A node or an edge of the SVG (its <c>data-id</c>) and the declaration or rule it stands for.</summary>
public sealed class GraphElement
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required Location Location { get; init; }
}
