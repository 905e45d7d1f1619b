using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class ReferencesTests
{
    private static async Task<string[]> ReferencesAsync(LspTestClient client, string uri, Position position, bool includeDeclaration)
    {
        var locations = await client.RequestAsync<Location[]>(Methods.TextDocumentReferences, new ReferenceParams
        {
            TextDocument = LspTestClient.Document(uri),
            Position = position,
            Context = new ReferenceContext { IncludeDeclaration = includeDeclaration },
        });
        return [.. locations.Select(l => $"{Requests.FileName(l.Uri)} {Describe(l.Range)}")];
    }

    [Fact]
    public async Task A_block_is_found_in_routes_and_under_clauses()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.Equal(["server.rasdl 18:6-18:9", "server.rasdl 27:36-27:39", "server.rasdl 32:22-32:25"],
            await ReferencesAsync(client, uri, Find(Samples.DesignExample, "rc0 :"), includeDeclaration: true));
        Assert.Equal(["server.rasdl 27:36-27:39", "server.rasdl 32:22-32:25"],
            await ReferencesAsync(client, uri, Find(Samples.DesignExample, "rc0 :"), includeDeclaration: false));
    }

    [Fact]
    public async Task References_cross_files_including_files_that_are_not_open()
    {
        await using var client = await LspTestClient.StartAsync();
        var blocks = "block rc0 : root_port { on any -> all_ones; }\n";
        client.Workspace.Write("main.rasdl", "import \"blocks.rasdl\";\nblock core : cpu { on slverr -> sea; }\nroute core -> rc0;\n");
        client.Workspace.Write("other.rasdl", "import \"blocks.rasdl\";\nblock c2 : cpu { on slverr -> sea; }\nroute c2 -> rc0;\n");
        var uri = await client.OpenAsync("blocks.rasdl", blocks);
        Assert.Equal(["blocks.rasdl 0:6-0:9", "main.rasdl 2:14-2:17", "other.rasdl 2:12-2:15"],
            await ReferencesAsync(client, uri, LspTestClient.At(0, 7), includeDeclaration: true));
    }

    [Fact]
    public async Task Nothing_is_found_on_a_vocabulary_word()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.Empty(await ReferencesAsync(client, uri, Find(Samples.DesignExample, "all_ones"), includeDeclaration: true));
    }
}
