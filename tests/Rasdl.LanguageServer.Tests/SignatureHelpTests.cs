using System.Text.Json;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class SignatureHelpTests
{
    private static Task<Protocol.SignatureHelp?> HelpAsync(LspTestClient client, string uri, Position position) =>
        client.RequestAsync<Protocol.SignatureHelp?>(Methods.TextDocumentSignatureHelp, new SignatureHelpParams { TextDocument = LspTestClient.Document(uri), Position = position });

    [Fact]
    public async Task Inside_serror_the_severities_are_explained()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block core : cpu { on slverr -> serror( }\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var help = await HelpAsync(client, uri, Find(text, "serror(", 7));
        var signature = Assert.Single(help!.Signatures);
        Assert.Equal("serror(SEVERITY)", signature.Label);
        var parameter = Assert.Single(signature.Parameters!);
        Assert.Equal("SEVERITY", ((JsonElement)parameter.Label).GetString());
        Assert.StartsWith("- `uc`: Uncontainable", ((JsonElement)parameter.Documentation!).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Inside_a_filter_the_active_parameter_follows_the_word_being_written()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block rc0 : root_port { on ur (read, normal_nc) -> all_ones; }\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var onAccess = await HelpAsync(client, uri, Find(text, "read", 2));
        Assert.Equal("on ERROR (ACCESS, …, MEMORY_TYPE, …) -> OUTCOME;", Assert.Single(onAccess!.Signatures).Label);
        Assert.Equal(0, onAccess.ActiveParameter);
        var onType = await HelpAsync(client, uri, Find(text, "normal_nc", 3));
        Assert.Equal(1, onType!.ActiveParameter);
    }

    [Fact]
    public async Task Outside_a_call_or_filter_there_is_no_signature_help()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block rc0 : root_port { on ur (read) -> all_ones; }\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        Assert.Null(await HelpAsync(client, uri, Find(text, "all_ones", 2)));
    }
}
