using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_exactly_the_implemented_capabilities()
    {
        await using var client = await LspTestClient.StartAsync();
        var capabilities = client.Initialized.Capabilities;
        var json = System.Text.Json.JsonSerializer.SerializeToElement(capabilities, LspJson.CreateOptions());
        var advertised = json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
        [
            "codeActionProvider", "codeLensProvider", "completionProvider", "definitionProvider", "documentFormattingProvider",
            "documentRangeFormattingProvider", "documentSymbolProvider", "foldingRangeProvider", "hoverProvider", "inlayHintProvider",
            "positionEncoding", "referencesProvider", "renameProvider", "selectionRangeProvider", "semanticTokensProvider",
            "signatureHelpProvider", "textDocumentSync", "workspaceSymbolProvider",
        ], advertised);
        Assert.Equal(2, json.GetProperty("textDocumentSync").GetProperty("change").GetInt32()); // incremental
        Assert.True(json.GetProperty("renameProvider").GetProperty("prepareProvider").GetBoolean());
        Assert.Equal("rasdl-lsp", client.Initialized.ServerInfo?.Name);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_code_0()
    {
        await using var client = await LspTestClient.StartAsync();
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_server_with_code_1()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync(Methods.Exit, new { });
        Assert.Equal(1, await client.ServerExit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task File_watching_is_registered_when_the_client_supports_it()
    {
        var capabilities = new ClientCapabilities
        {
            Workspace = new WorkspaceClientCapabilities { DidChangeWatchedFiles = new DidChangeWatchedFilesClientCapabilities { DynamicRegistration = true } },
        };
        await using var client = await LspTestClient.StartAsync(capabilities: capabilities);
        var registered = await client.RegistrationAsync();
        Assert.NotNull(registered);
        await client.RequestAsync<object?>(Methods.Shutdown, new { }); // a round trip: nothing else was registered meanwhile
        var registration = Assert.Single(Assert.Single(client.Registrations).Registrations);
        Assert.Equal(Methods.WorkspaceDidChangeWatchedFiles, registration.Method);
        var watchers = ((System.Text.Json.JsonElement)registration.RegisterOptions!).GetProperty("watchers").EnumerateArray().Select(w => w.GetProperty("globPattern").GetString());
        Assert.Equal(["**/*.rasdl", "**/rasdl.json"], watchers);
    }

    [Fact]
    public async Task A_request_with_a_position_outside_the_document_gets_an_error_and_the_server_keeps_serving()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal);
        // StreamJsonRpc surfaces the InvalidParams error code (-32602) as RemoteMethodNotFoundException.
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() =>
            client.RequestAsync<Protocol.Hover?>(Methods.TextDocumentHover, new HoverParams { TextDocument = LspTestClient.Document(uri), Position = LspTestClient.At(500, 0) }));
        Assert.Equal((int)ErrorCodes.InvalidParams, (int)error.ErrorCode);
        Assert.Contains("outside", error.Message);

        var hover = await client.RequestAsync<Protocol.Hover?>(Methods.TextDocumentHover, new HoverParams
        {
            TextDocument = LspTestClient.Document(uri),
            Position = PositionFinder.Find(Samples.Minimal, "rc0"),
        });
        Assert.NotNull(hover);
    }

    [Fact]
    public async Task Malformed_parameters_are_rejected_and_the_server_keeps_serving()
    {
        await using var client = await LspTestClient.StartAsync();
        await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() =>
            client.RequestAsync<object?>(Methods.TextDocumentHover, new { textDocument = 42 }));
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal);
        var diagnostics = await client.DiagnosticsAsync(uri, version: 1);
        Assert.Empty(diagnostics.Diagnostics);
    }
}
