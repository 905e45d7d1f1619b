using Rasdl.Emit.Graph;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Graph;

/// <summary>
/// <c>rasdl/containmentGraph</c>, a request of this server's own: the graph <c>rasdl graph</c>
/// draws for a document under one profile (optionally narrowed to one region), as data: every
/// node and edge with its kind, verdict, conversions, place on the worst path and source
/// location. The compiler builds the graph (<see cref="ContainmentGraphBuilder"/>); the client
/// lays it out and draws it, so the server does no layout on each analysis.
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
        // A profile or region that no longer exists (renamed in an edit) falls back to the default: the view keeps showing something.
        var profile = analysis.Profiles.Any(p => p.Name == parameters.Profile) ? parameters.Profile : null;
        var regions = analysis.Platform.Assignments.Select(a => a.Region.QualifiedName).Distinct().ToArray();
        var region = regions.Contains(parameters.Region) ? parameters.Region : null;
        var (graph, _) = ContainmentGraphBuilder.Build(analysis, profile, region);
        return new ContainmentGraphResult
        {
            Title = graph!.Title,
            Profile = graph.Profile,
            Profiles = [.. analysis.Profiles.Select(p => p.Name)],
            Region = graph.Region,
            Regions = regions,
            Verdict = graph.Profile is null ? null : GraphStyle.ClassName(graph.Verdict),
            WorstPath = graph.WorstPathText,
            WorstPathRegion = graph.WorstPathRegion,
            Legend = [.. GraphStyle.Legend.Select(l => new GraphLegendEntry { Verdict = GraphStyle.ClassName(l.Verdict), Meaning = l.Meaning })],
            Nodes = [.. graph.Nodes.Select(n => new GraphNodeElement
            {
                Id = n.Id,
                Label = n.Name,
                Kind = GraphStyle.KindName(n.Kind),
                KindWord = n.KindWord,
                Verdict = GraphStyle.ClassName(n.Verdict),
                OnWorstPath = n.OnWorstPath,
                Location = Location(n.Location),
            })],
            Edges = [.. graph.Edges.Select(e => new GraphEdgeElement
            {
                Id = e.Id,
                From = e.From,
                To = e.To,
                Label = string.Join("; ", e.Conversions),
                Conversions = [.. e.Conversions],
                Verdict = GraphStyle.ClassName(e.Verdict),
                OnWorstPath = e.OnWorstPath,
                Location = Location(e.Location),
            })],
        };
    }

    private Location Location(Text.SourceLocation location) =>
        new() { Uri = workspace.Uris.ToUri(location.Path), Range = LspRanges.ToRange(location.Range) };
}

/// <summary>The parameters of <c>rasdl/containmentGraph</c>: the document and, optionally, the profile to colour by and the region to narrow to.</summary>
public sealed class ContainmentGraphParams
{
    public TextDocumentIdentifier? TextDocument { get; set; }

    /// <summary>Null or unknown: the first profile with the worst verdict.</summary>
    public string? Profile { get; set; }

    /// <summary>An assigned region ("gpu0.bar0") to narrow the graph to its routes; null or unknown: every region.</summary>
    public string? Region { get; set; }
}

/// <summary>
/// The answer: the graph of one profile (its nodes and edges in declaration order, as
/// <c>rasdl graph</c> builds it), the profiles and regions to pick from, and the legend.
/// Verdicts are the words <c>rasdl graph</c> uses as CSS classes ("uncontained", …, "not-reached").
/// </summary>
public sealed class ContainmentGraphResult
{
    public required string Title { get; init; }

    public string? Profile { get; init; }

    public required string[] Profiles { get; init; }

    /// <summary>The region the graph is narrowed to, or null for every assigned region.</summary>
    public string? Region { get; init; }

    public required string[] Regions { get; init; }

    /// <summary>The selection's verdict; null without a profile or without an assigned region.</summary>
    public string? Verdict { get; init; }

    public string? WorstPath { get; init; }

    public string? WorstPathRegion { get; init; }

    public required GraphLegendEntry[] Legend { get; init; }

    public required GraphNodeElement[] Nodes { get; init; }

    public required GraphEdgeElement[] Edges { get; init; }
}

/// <summary>A node: a block, an endpoint or the hypervisor, and its declaration.</summary>
public sealed class GraphNodeElement
{
    public required string Id { get; init; }

    /// <summary>The name as declared.</summary>
    public required string Label { get; init; }

    /// <summary>"hypervisor" (drawn at the top), "block" or "endpoint" (drawn at the bottom).</summary>
    public required string Kind { get; init; }

    /// <summary>The kind word as written: "cpu", "root_port", "endpoint", …</summary>
    public required string KindWord { get; init; }

    public required string Verdict { get; init; }

    public required bool OnWorstPath { get; init; }

    public required Location Location { get; init; }
}

/// <summary>An edge in the direction an error travels, labelled with its conversions, and the rule behind it.</summary>
public sealed class GraphEdgeElement
{
    public required string Id { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The conversions in one line, "; " between them.</summary>
    public required string Label { get; init; }

    /// <summary>One line per conversion, as <c>rasdl graph</c> writes them on the edge.</summary>
    public required string[] Conversions { get; init; }

    public required string Verdict { get; init; }

    public required bool OnWorstPath { get; init; }

    public required Location Location { get; init; }
}

/// <summary>One line of the legend: a verdict's class word and what it means on the graph.</summary>
public sealed class GraphLegendEntry
{
    public required string Verdict { get; init; }

    public required string Meaning { get; init; }
}
