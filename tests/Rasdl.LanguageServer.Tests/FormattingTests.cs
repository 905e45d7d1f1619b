using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class FormattingTests
{
    private static readonly Protocol.FormattingOptions Options = new() { TabSize = 4, InsertSpaces = true };

    private static string Apply(string text, TextEdit[] edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
        {
            var lines = new Rasdl.Text.SourceText(text);
            var start = lines.GetPosition(new(edit.Range.Start.Line, edit.Range.Start.Character));
            var end = lines.GetPosition(new(edit.Range.End.Line, edit.Range.End.Character));
            text = text[..start] + edit.NewText + text[end..];
        }

        return text;
    }

    [Fact]
    public async Task Document_formatting_matches_rasdl_fmt_and_is_idempotent()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block   rc0:root_port{on ur->all_ones;\non cto (read)   -> slverr;}\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var edits = await client.RequestAsync<TextEdit[]>(Methods.TextDocumentFormatting, new DocumentFormattingParams { TextDocument = LspTestClient.Document(uri), Options = Options });
        var formatted = Apply(text, edits);
        var tree = Rasdl.Parsing.Parser.Parse("main.rasdl", text);
        Assert.Equal(Rasdl.Formatting.Formatter.Format(tree), formatted);
        Assert.Equal("block rc0 : root_port {\n    on ur         -> all_ones;\n    on cto (read) -> slverr;\n}\n", formatted);

        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Text = formatted });
        Assert.Empty(await client.RequestAsync<TextEdit[]>(Methods.TextDocumentFormatting, new DocumentFormattingParams { TextDocument = LspTestClient.Document(uri), Options = Options }));
    }

    [Fact]
    public async Task Range_formatting_changes_only_the_selected_declaration()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block   a : cpu {  on slverr->sea; }\nblock   b : cpu {  on slverr->sea; }\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var edits = await client.RequestAsync<TextEdit[]>(Methods.TextDocumentRangeFormatting, new DocumentRangeFormattingParams
        {
            TextDocument = LspTestClient.Document(uri),
            Range = new Protocol.Range { Start = LspTestClient.At(1, 0), End = LspTestClient.At(1, 36) },
            Options = Options,
        });
        Assert.Equal("block   a : cpu {  on slverr->sea; }\nblock b : cpu { on slverr -> sea; }\n", Apply(text, edits));
    }

    [Fact]
    public async Task A_file_with_syntax_errors_is_not_formatted()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", "block   a : { on\n");
        Assert.Empty(await client.RequestAsync<TextEdit[]>(Methods.TextDocumentFormatting, new DocumentFormattingParams { TextDocument = LspTestClient.Document(uri), Options = Options }));
    }
}
