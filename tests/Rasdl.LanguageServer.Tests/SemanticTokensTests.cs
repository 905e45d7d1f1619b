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

    [Fact]
    public async Task After_an_edit_the_delta_since_the_last_answer_turns_it_into_the_new_answer()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var before = await Full(client, uri);
        Assert.NotNull(before.ResultId);

        // A block typed in the middle of the file: the tokens before it and after it stay.
        var at = Samples.DesignExample.IndexOf("endpoint ", StringComparison.Ordinal);
        var edited = Samples.DesignExample.Insert(at, "block extra : interconnect { on ur -> slverr; }\n");
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Text = edited });
        await client.DiagnosticsAsync(uri, 2);

        var delta = (System.Text.Json.JsonElement)await client.RequestAsync<object>(
            Methods.TextDocumentSemanticTokensFullDelta, new SemanticTokensDeltaParams { TextDocument = LspTestClient.Document(uri), PreviousResultId = before.ResultId! });
        var after = await Full(client, uri);

        var edits = delta.GetProperty("edits").EnumerateArray().ToList();
        var edit = Assert.Single(edits);
        var data = edit.GetProperty("data").EnumerateArray().Select(n => n.GetInt32()).ToArray();
        var applied = before.Data.ToList();
        applied.RemoveRange(edit.GetProperty("start").GetInt32(), edit.GetProperty("deleteCount").GetInt32());
        applied.InsertRange(edit.GetProperty("start").GetInt32(), data);
        Assert.Equal(after.Data, applied);
        Assert.InRange(data.Length, 1, after.Data.Length / 4);
        Assert.NotEqual(before.ResultId, delta.GetProperty("resultId").GetString());
    }

    [Fact]
    public async Task A_delta_since_an_answer_the_server_no_longer_has_is_the_whole_answer_and_no_change_is_no_edit()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var full = await Full(client, uri);

        var unknown = (System.Text.Json.JsonElement)await client.RequestAsync<object>(
            Methods.TextDocumentSemanticTokensFullDelta, new SemanticTokensDeltaParams { TextDocument = LspTestClient.Document(uri), PreviousResultId = "an answer from another session" });
        Assert.Equal(full.Data, unknown.GetProperty("data").EnumerateArray().Select(n => n.GetInt32()));

        var unchanged = (System.Text.Json.JsonElement)await client.RequestAsync<object>(
            Methods.TextDocumentSemanticTokensFullDelta, new SemanticTokensDeltaParams { TextDocument = LspTestClient.Document(uri), PreviousResultId = unknown.GetProperty("resultId").GetString()! });
        Assert.Empty(unchanged.GetProperty("edits").EnumerateArray());

        var delta = ((System.Text.Json.JsonElement)client.Initialized.Capabilities.SemanticTokensProvider!).GetProperty("full").GetProperty("delta").GetBoolean();
        Assert.True(delta);
    }

    private static Task<Protocol.SemanticTokens> Full(LspTestClient client, string uri) =>
        client.RequestAsync<Protocol.SemanticTokens>(Methods.TextDocumentSemanticTokensFull, new SemanticTokensParams { TextDocument = LspTestClient.Document(uri) });
}
