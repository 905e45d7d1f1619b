using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using Rasdl.Semantics;

namespace Rasdl.LanguageServer.Tests;

public sealed class EditingTests
{
    [Fact]
    public async Task Typing_the_design_example_character_by_character_ends_with_the_compilers_diagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = Samples.DesignExample;
        var uri = await client.OpenAsync("server.rasdl", "");
        var line = 0;
        var character = 0;
        for (var i = 0; i < text.Length; i++)
        {
            await client.ChangeAsync(uri, i + 2, new TextDocumentContentChangeEvent
            {
                Range = new Protocol.Range { Start = LspTestClient.At(line, character), End = LspTestClient.At(line, character) },
                Text = text[i].ToString(),
            });
            (line, character) = text[i] == '\n' ? (line + 1, 0) : (line, character + 1);
            if (i % 97 == 0)
            {
                // Requests in between, as an editor sends them while typing: none may fail.
                await client.RequestAsync<CompletionList?>(Methods.TextDocumentCompletion, new CompletionParams { TextDocument = LspTestClient.Document(uri), Position = LspTestClient.At(line, character) });
                await client.RequestAsync<Protocol.Hover?>(Methods.TextDocumentHover, new HoverParams { TextDocument = LspTestClient.Document(uri), Position = LspTestClient.At(line, Math.Max(0, character - 1)) });
            }
        }

        var published = await client.DiagnosticsAsync(uri, version: text.Length + 1);
        var path = Path.Combine(client.Workspace.Root, "server.rasdl");
        File.WriteAllText(path, text);
        var expected = Compilation.Create(path).GetDiagnostics().Select(d => $"{d.Location.Range.Start.Line}:{d.Location.Range.Start.Character} {d.Code}");
        Assert.Equal(expected, published.Diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code}"));
        Assert.Empty(published.Diagnostics); // DESIGN section 3: the example checks clean

        // The server's copy is exactly the typed text: formatting sees the same tokens.
        Assert.Equal(text, client.Server.Workspace.GetDocument(path)!.Text.Text);
    }

    [Fact]
    public async Task Typing_a_broken_file_matches_the_compiler_too()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = TestSamples.Unsafe.Replace("on ur -> all_ones;", "on ur -> al_ones;");
        var uri = await client.OpenAsync("unsafe.rasdl", "");
        await client.ChangeAsync(uri, 2, text.Select(c => c.ToString()).Aggregate(
            (Changes: new List<TextDocumentContentChangeEvent>(), Line: 0, Character: 0),
            (state, c) =>
            {
                state.Changes.Add(new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = LspTestClient.At(state.Line, state.Character), End = LspTestClient.At(state.Line, state.Character) }, Text = c });
                return c == "\n" ? (state.Changes, state.Line + 1, 0) : (state.Changes, state.Line, state.Character + 1);
            }).Changes.ToArray());
        var published = await client.DiagnosticsAsync(uri, version: 2);
        var path = Path.Combine(client.Workspace.Root, "unsafe.rasdl");
        File.WriteAllText(path, text);
        var expected = Compilation.Create(path).GetDiagnostics().Select(d => $"{d.Location.Range.Start.Line}:{d.Location.Range.Start.Character} {d.Code} {d.Message}");
        Assert.Equal(expected, published.Diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code} {d.Message}"));
        Assert.Contains(published.Diagnostics, d => $"{d.Code}" == "RASDL1003");
    }

    [Fact]
    public async Task A_stale_version_is_ignored_and_logged()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal, version: 5);
        await client.ChangeAsync(uri, 4, new TextDocumentContentChangeEvent { Text = "garbage {{{" });
        await client.RequestAsync<object?>(Methods.Shutdown, new { }); // a round trip: the change has been handled
        var path = Path.Combine(client.Workspace.Root, "main.rasdl");
        Assert.Equal(Samples.Minimal, client.Server.Workspace.GetDocument(path)!.Text.Text);
        Assert.NotNull(await client.LogMessageAsync(m => m.Contains("stale didChange", StringComparison.Ordinal) && m.Contains("version 4 is not newer than 5", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_edit_outside_the_document_is_rejected_whole_and_logged()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal);
        await client.ChangeAsync(uri, 2,
            new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = LspTestClient.At(0, 0), End = LspTestClient.At(0, 0) }, Text = "// first\n" },
            new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = LspTestClient.At(400, 0), End = LspTestClient.At(400, 3) }, Text = "x" });
        await client.RequestAsync<object?>(Methods.Shutdown, new { });
        var path = Path.Combine(client.Workspace.Root, "main.rasdl");
        Assert.Equal(Samples.Minimal, client.Server.Workspace.GetDocument(path)!.Text.Text);
        Assert.NotNull(await client.LogMessageAsync(m => m.Contains("edit range 400:0-400:3 does not fit", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Whole_document_replacement_and_columns_past_the_line_end_work_as_specified()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", "block a : cpu { }\n");
        await client.ChangeAsync(uri, 2,
            new TextDocumentContentChangeEvent { Text = "block b : cpu { }\n" },
            new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = LspTestClient.At(0, 17), End = LspTestClient.At(0, 99) }, Text = " // end" });
        await client.RequestAsync<object?>(Methods.Shutdown, new { });
        Assert.Equal("block b : cpu { } // end\n", client.Server.Workspace.GetDocument(Path.Combine(client.Workspace.Root, "main.rasdl"))!.Text.Text);
    }
}
