using System.Xml.Linq;
using Rasdl.LanguageServer.Features.Graph;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class ContainmentGraphTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_graph_of_a_document_is_an_svg_whose_every_node_and_edge_has_a_location()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        var graph = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri) });

        Assert.Equal(["production", "legacy"], graph.Profiles);
        var svg = XDocument.Parse(graph.Svg);
        var ids = svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-id")).OfType<string>().ToHashSet();
        Assert.Equal(ids, graph.Nodes.Select(n => n.Id).Concat(graph.Edges.Select(e => e.Id)).ToHashSet());
        var lines = Samples.DesignExample.ReplaceLineEndings("\n").Split('\n');
        // rc0's node leads to its declaration, in the document itself.
        var rc0 = graph.Nodes.Single(n => n.Label == "rc0");
        Assert.Equal(uri, rc0.Location.Uri);
        Assert.StartsWith("block rc0", lines[rc0.Location.Range.Start.Line], StringComparison.Ordinal);
        // The edge rc0 -> mesh leads to rc0's first rule that passes an error on toward the core.
        var edge = graph.Edges.Single(e => e.Label.StartsWith("cto (read, device) -> slverr", StringComparison.Ordinal));
        Assert.Contains("on cto (read, device) -> slverr;", lines[edge.Location.Range.Start.Line], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_asked_for_colours_the_graph_and_an_unknown_one_falls_back_to_the_worst()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        var legacy = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri), Profile = "legacy" });
        var unknown = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri), Profile = "nightly" });

        Assert.Equal("legacy", legacy.Profile);
        Assert.StartsWith("profile legacy (hypervisor kvm_6_7)", legacy.Title, StringComparison.Ordinal);
        Assert.Contains(unknown.Profile, unknown.Profiles);
    }

    [Fact]
    public async Task The_graph_follows_an_edit_of_the_buffer()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var before = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri) });

        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Text = Samples.DesignExample.Replace("block mesh", "block fabric", StringComparison.Ordinal).Replace("core -> mesh", "core -> fabric", StringComparison.Ordinal) });
        var after = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri) });

        Assert.Contains(before.Nodes, n => n.Label == "mesh");
        Assert.Contains(after.Nodes, n => n.Label == "fabric");
        Assert.DoesNotContain(after.Nodes, n => n.Label == "mesh");
    }

    [Fact]
    public async Task A_request_without_a_document_is_invalid_params_and_the_server_keeps_serving()
    {
        await using var client = await LspTestClient.StartAsync();

        await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() => client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new { profile = "x" }));
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var graph = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri) });
        Assert.NotEmpty(graph.Nodes);
    }
}
