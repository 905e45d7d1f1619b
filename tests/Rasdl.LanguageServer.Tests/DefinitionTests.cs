using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class DefinitionTests
{
    private static Task<Location[]> DefinitionAsync(LspTestClient client, string uri, Position position) =>
        client.RequestAsync<Location[]>(Methods.TextDocumentDefinition, new DefinitionParams { TextDocument = LspTestClient.Document(uri), Position = position });

    [Fact]
    public async Task A_block_in_a_route_goes_to_its_declaration()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var location = Assert.Single(await DefinitionAsync(client, uri, Find(Samples.DesignExample, "mesh -> rc0", 1)));
        Assert.Equal(uri, location.Uri);
        Assert.Equal("13:6-13:10", Describe(location.Range));
    }

    [Fact]
    public async Task A_region_in_an_assignment_goes_to_the_region()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var location = Assert.Single(await DefinitionAsync(client, uri, Find(Samples.DesignExample, "bar0 to", 2)));
        Assert.Equal("28:11-28:15", Describe(location.Range));
    }

    [Fact]
    public async Task A_hypervisor_goes_into_the_standard_library_file()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var location = Assert.Single(await DefinitionAsync(client, uri, Find(Samples.DesignExample, "kvm_6_7")));
        Assert.Equal("kvm.rasdl", Requests.FileName(location.Uri));
        var lines = File.ReadAllLines(new Uri(location.Uri).LocalPath);
        Assert.Equal("hypervisor kvm_6_7 {", lines[location.Range.Start.Line]);
        Assert.Equal(11, location.Range.Start.Character);
    }

    [Fact]
    public async Task An_import_path_goes_to_the_imported_file()
    {
        await using var client = await LspTestClient.StartAsync();
        var library = client.Workspace.Write("ip/blocks.rasdl", "block rc0 : root_port { on any -> all_ones; }\n");
        var cores = client.Workspace.Write("ip/cores.rasdl", "block core : cpu { on any -> sea; }\n");
        var text = "import \"ip/blocks.rasdl\";\nimport \"ip/cores.rasdl\";\nroute rc0;\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var location = Assert.Single(await DefinitionAsync(client, uri, LspTestClient.At(0, 12)));
        Assert.Equal(LspTestClient.UriOf(library), location.Uri);
        Assert.Equal("0:0-0:0", Describe(location.Range));
        // The second import: its path is found where it is written, not at the first's place.
        var second = Assert.Single(await DefinitionAsync(client, uri, LspTestClient.At(1, 12)));
        Assert.Equal(LspTestClient.UriOf(cores), second.Uri);

        var block = Assert.Single(await DefinitionAsync(client, uri, Find(text, "rc0;")));
        Assert.Equal(LspTestClient.UriOf(library), block.Uri);
        Assert.Equal("0:6-0:9", Describe(block.Range));
    }

    [Fact]
    public async Task A_keyword_has_no_definition()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.Empty(await DefinitionAsync(client, uri, Find(Samples.DesignExample, "route", 1)));
    }
}
