using Rasdl.LanguageServer.Features.Graph;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class ContainmentGraphTests
{
    [Fact]
    public async Task The_graph_of_a_document_carries_every_node_and_edge_with_its_kind_verdict_and_location()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        var graph = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, new ContainmentGraphParams { TextDocument = LspTestClient.Document(uri) });

        Assert.Equal(["production", "legacy"], graph.Profiles);
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.Equal(graph.Nodes.Length, ids.Count);
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.From) && ids.Contains(e.To), e.Id));
        var lines = Samples.DesignExample.ReplaceLineEndings("\n").Split('\n');
        // rc0's node leads to its declaration, in the document itself.
        var rc0 = graph.Nodes.Single(n => n.Label == "rc0");
        Assert.Equal(("block", "root_port"), (rc0.Kind, rc0.KindWord));
        Assert.Equal(uri, rc0.Location.Uri);
        Assert.StartsWith("block rc0", lines[rc0.Location.Range.Start.Line], StringComparison.Ordinal);
        // The top and the bottom of the picture: the hypervisor and the endpoints.
        Assert.Equal("hypervisor", graph.Nodes.Single(n => n.Id == graph.Edges.Single(e => e.From == "block:core").To).Kind);
        Assert.Contains(graph.Nodes, n => n.Kind == "endpoint");
        // The edge rc0 -> mesh leads to rc0's first rule that passes an error on toward the core, and carries one line per conversion.
        var edge = graph.Edges.Single(e => e.Label.StartsWith("cto (read, device) -> slverr", StringComparison.Ordinal));
        Assert.Equal(edge.Label, string.Join("; ", edge.Conversions));
        Assert.Contains("on cto (read, device) -> slverr;", lines[edge.Location.Range.Start.Line], StringComparison.Ordinal);
        // Coloured as rasdl graph colours it, with the worst path marked on nodes and on edges.
        Assert.Equal(["uncontained", "contained-in-vm", "contained-in-device", "not-reached"], graph.Legend.Select(l => l.Verdict));
        Assert.Equal(graph.Verdict, graph.Nodes.Single(n => n.Kind == "hypervisor").Verdict);
        Assert.NotNull(graph.WorstPath);
        Assert.StartsWith(graph.WorstPathRegion + ": ", graph.WorstPath, StringComparison.Ordinal);
        Assert.Contains(graph.Nodes, n => n.OnWorstPath && n.Kind == "endpoint");
        Assert.Contains(graph.Edges, e => e.OnWorstPath);
    }

    [Fact]
    public async Task A_region_narrows_the_graph_to_its_routes_and_an_unknown_one_shows_every_region()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("verdicts.rasdl", Samples.SoundVerdicts);
        ContainmentGraphParams Ask(string? region) => new() { TextDocument = LspTestClient.Document(uri), Region = region };

        var whole = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, Ask(null));
        var narrowed = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, Ask("gpu0.bar0"));
        var unknown = await client.RequestAsync<ContainmentGraphResult>(ContainmentGraphHandler.Method, Ask("nosuch.bar0"));

        Assert.Equal(["gpu0.bar0", "gpu0.mem"], whole.Regions);
        Assert.Null(whole.Region);
        Assert.Contains(whole.Nodes, n => n.Label == "quiet");
        Assert.Equal("gpu0.bar0", narrowed.Region);
        Assert.Equal(whole.Regions, narrowed.Regions);
        Assert.Equal(["gpu0"], narrowed.Nodes.Where(n => n.Kind == "endpoint").Select(n => n.Label));
        Assert.Null(unknown.Region);
        Assert.Equal(whole.Nodes.Select(n => n.Id), unknown.Nodes.Select(n => n.Id));
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
