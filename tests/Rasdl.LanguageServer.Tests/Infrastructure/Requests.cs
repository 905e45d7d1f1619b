using System.Text.Json;
using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Tests.Infrastructure;

/// <summary>Typed shortcuts for the requests the feature tests send.</summary>
public static class Requests
{
    public static async Task<string?> HoverTextAsync(this LspTestClient client, string uri, Position position)
    {
        var hover = await client.RequestAsync<Protocol.Hover?>(Methods.TextDocumentHover, new HoverParams { TextDocument = LspTestClient.Document(uri), Position = position });
        if (hover is null)
        {
            return null;
        }

        var contents = (JsonElement)hover.Contents;
        Assert.Equal("markdown", contents.GetProperty("kind").GetString());
        return contents.GetProperty("value").GetString();
    }

    public static async Task<Protocol.Hover?> HoverAsync(this LspTestClient client, string uri, Position position) =>
        await client.RequestAsync<Protocol.Hover?>(Methods.TextDocumentHover, new HoverParams { TextDocument = LspTestClient.Document(uri), Position = position });

    public static async Task<CompletionItem[]> CompletionAsync(this LspTestClient client, string uri, Position position) =>
        (await client.RequestAsync<CompletionList>(Methods.TextDocumentCompletion, new CompletionParams { TextDocument = LspTestClient.Document(uri), Position = position })).Items;

    public static string[] Labels(this CompletionItem[] items) => [.. items.Select(i => i.Label)];

    public static string EditOf(this CompletionItem item)
    {
        var edit = ((JsonElement)item.TextEdit!).Deserialize<TextEdit>(LspJson.CreateOptions())!;
        return $"{PositionFinder.Describe(edit.Range)} {edit.NewText}";
    }

    public static string FileName(string uri) => Path.GetFileName(new Uri(uri).LocalPath);
}
