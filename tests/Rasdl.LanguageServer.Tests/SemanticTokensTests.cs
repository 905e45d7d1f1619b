using Rasdl.LanguageServer.Features.SemanticTokens;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class SemanticTokensTests
{
    [Fact]
    public async Task Every_token_is_classified_by_what_it_resolved_to()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "import \"std/kvm.rasdl\"; // std\nblock rc0 : root_port { on ur -> all_ones; }\nprofile p { hypervisor kvm_6_8; }\n/* a\n b */\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var tokens = await client.RequestAsync<Protocol.SemanticTokens>(Methods.TextDocumentSemanticTokensFull, new SemanticTokensParams { TextDocument = LspTestClient.Document(uri) });
        var legend = client.Initialized.Capabilities.SemanticTokensProvider is { } provider
            ? ((System.Text.Json.JsonElement)provider).GetProperty("legend").GetProperty("tokenTypes").EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [];
        Assert.Equal(SemanticTokenLegend.Types, legend);

        var decoded = new List<string>();
        int line = 0, character = 0;
        for (var i = 0; i < tokens.Data.Length; i += 5)
        {
            line += tokens.Data[i];
            character = tokens.Data[i] == 0 ? character + tokens.Data[i + 1] : tokens.Data[i + 1];
            var lineText = text.Split('\n')[line];
            decoded.Add($"{lineText.Substring(character, tokens.Data[i + 2])}:{legend[tokens.Data[i + 3]]}:{tokens.Data[i + 4]}");
        }

        Assert.Equal(
        [
            "import:keyword:0", "\"std/kvm.rasdl\":string:0", "// std:comment:0",
            "block:keyword:0", "rc0:class:1", "root_port:type:0", "on:keyword:0", "ur:enumMember:0", "->:operator:0", "all_ones:enumMember:0",
            "profile:keyword:0", "p:namespace:1", "hypervisor:keyword:0", "kvm_6_8:interface:2",
            "/* a:comment:0", " b */:comment:0",
        ], decoded);
    }
}
