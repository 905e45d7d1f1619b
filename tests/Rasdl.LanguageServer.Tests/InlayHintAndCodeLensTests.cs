using System.Text.Json;
using Rasdl.LanguageServer.Features.CodeLens;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Tests;

public sealed class InlayHintTests
{
    [Fact]
    public async Task Each_assignment_shows_the_effective_types_and_verdict_per_profile()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var hints = await client.RequestAsync<InlayHint[]>(Methods.TextDocumentInlayHint, new InlayHintParams
        {
            TextDocument = LspTestClient.Document(uri),
            Range = new Protocol.Range { Start = LspTestClient.At(0, 0), End = LspTestClient.At(39, 0) },
        });
        Assert.Equal(
        [
            "34:39 production: device_nGnRnE, device_nGnRE, device_nGRE, device_GRE, normal_nc → contained-in-vm",
            "34:39 legacy: device_nGnRnE, device_nGnRE → contained-in-vm",
        ], hints.Select(h => $"{h.Position.Line}:{h.Position.Character} {((JsonElement)h.Label).GetString()}"));
    }

    [Fact]
    public async Task The_editor_profile_from_initialization_options_narrows_the_hints_to_it()
    {
        await using var client = await LspTestClient.StartAsync(initializationOptions: new { defaultProfile = "legacy" });
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        Assert.Equal(["legacy: device_nGnRnE, device_nGnRE → contained-in-vm"], await Labels(client, uri));
    }

    [Fact]
    public async Task A_settings_change_switches_the_editor_profile_and_an_unknown_one_shows_all()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        await client.NotifyAsync(Methods.WorkspaceDidChangeConfiguration, new DidChangeConfigurationParams { Settings = new { rasdl = new { defaultProfile = "production" } } });
        var production = await Labels(client, uri);
        await client.NotifyAsync(Methods.WorkspaceDidChangeConfiguration, new DidChangeConfigurationParams { Settings = new { rasdl = new { defaultProfile = "nightly" } } });
        var unknown = await Labels(client, uri);

        Assert.Equal(["production: device_nGnRnE, device_nGnRE, device_nGRE, device_GRE, normal_nc → contained-in-vm"], production);
        Assert.Equal(2, unknown.Count);
    }

    [Fact]
    public async Task Hints_asked_for_before_an_edit_describe_the_version_before_it_or_say_it_changed()
    {
        // The hints are made on the thread pool so that the next edit need not wait for the
        // analysis. They are about the document as it was when asked for; an edit that comes
        // while they are being made ends them with ContentModified (the client asks again).
        // Never are they the later version's.
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        for (var version = 2; version < 12; version += 2)
        {
            var asked = Labels(client, uri);
            await client.ChangeAsync(uri, version, new TextDocumentContentChangeEvent
            {
                Range = new Protocol.Range { Start = LspTestClient.At(34, 0), End = LspTestClient.At(35, 0) },
                Text = "",
            });

            try
            {
                Assert.Equal(2, (await asked).Count);
            }
            catch (RemoteInvocationException e)
            {
                Assert.Equal((int)LSPErrorCodes.ContentModified, e.ErrorCode);
            }

            await client.DiagnosticsAsync(uri, version);
            Assert.Empty(await Labels(client, uri));
            await client.ChangeAsync(uri, version + 1, new TextDocumentContentChangeEvent
            {
                Range = new Protocol.Range { Start = LspTestClient.At(34, 0), End = LspTestClient.At(34, 0) },
                Text = Samples.DesignExample.Split('\n')[34] + "\n",
            });
            await client.DiagnosticsAsync(uri, version + 1);
            Assert.Equal(2, (await Labels(client, uri)).Count);
        }
    }

    [Fact]
    public async Task While_an_error_hides_the_findings_the_hints_show_the_verdicts_of_that_version()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample + "block stray : not_a_kind { }\n");
        Assert.Contains((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(
            ["production: device_nGnRnE, device_nGnRE, device_nGRE, device_GRE, normal_nc → contained-in-vm", "legacy: device_nGnRnE, device_nGnRE → contained-in-vm"],
            await Labels(client, uri));
    }

    private static async Task<List<string>> Labels(LspTestClient client, string uri)
    {
        var hints = await client.RequestAsync<InlayHint[]>(Methods.TextDocumentInlayHint, new InlayHintParams
        {
            TextDocument = LspTestClient.Document(uri),
            Range = new Protocol.Range { Start = LspTestClient.At(0, 0), End = LspTestClient.At(39, 0) },
        });
        return [.. hints.Select(h => ((JsonElement)h.Label).GetString()!)];
    }
}

public sealed class CodeLensTests
{
    // A block of a kind that does not exist: a binding error that hides the containment
    // findings, on no route, so every verdict stays what it was.
    private const string Stray = "block stray : not_a_kind { }\n";

    [Fact]
    public async Task An_uncontained_region_gets_a_lens_that_shows_the_witness_once_resolved()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var lens = Assert.Single(await Lenses(client, uri));
        Assert.Equal("7:48-7:52", PositionFinder.Describe(lens.Range));
        Assert.Null(lens.Command); // the witness is walked when the lens is shown

        var resolved = await client.RequestAsync<Protocol.CodeLens>(Methods.CodeLensResolve, lens);
        Assert.Equal("7:48-7:52", PositionFinder.Describe(resolved.Range));
        Assert.Equal("uncontained under production — show witness", resolved.Command!.Title);
        Assert.Equal(CodeLensHandler.ShowWitnessCommand, resolved.Command.CommandValue);
        var arguments = resolved.Command.Arguments!.Cast<JsonElement>().ToArray();
        Assert.Equal(uri, arguments[0].GetString());
        Assert.NotEmpty(arguments[2].EnumerateArray());
    }

    [Fact]
    public async Task A_contained_region_gets_a_plain_lens_per_profile()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var lenses = await Lenses(client, uri);
        Assert.Equal(["contained-in-vm under production", "contained-in-vm under legacy"], lenses.Select(l => l.Command!.Title));
        Assert.All(lenses, l => Assert.Equal("", l.Command!.CommandValue));
    }

    [Fact]
    public async Task The_editor_profile_narrows_the_lenses_to_it_and_a_lens_sits_on_its_regions_name()
    {
        await using var client = await LspTestClient.StartAsync(initializationOptions: new { defaultProfile = "legacy" });
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);

        var lens = Assert.Single(await Lenses(client, uri));
        Assert.Equal("contained-in-vm under legacy", lens.Command!.Title);

        // Shown on the region's name, as the outline's selection is.
        var region = Samples.DesignExample.IndexOf("region bar0", StringComparison.Ordinal) + "region ".Length;
        var line = Samples.DesignExample[..region].Count(c => c == '\n');
        var character = region - (Samples.DesignExample.LastIndexOf('\n', region - 1) + 1);
        Assert.Equal((line, character, line, character + "bar0".Length),
            (lens.Range.Start.Line, lens.Range.Start.Character, lens.Range.End.Line, lens.Range.End.Character));
    }

    [Theory]
    [InlineData(false, new[] { "contained-in-vm under production", "contained-in-vm under legacy" })]
    [InlineData(true, new[] { "uncontained under production — show witness" })]
    public async Task While_an_error_hides_the_findings_each_lens_is_resolved_from_its_region_alone(bool unsafeSample, string[] titles)
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync(Methods.SetTrace, new SetTraceParams { Value = TraceValue.Messages });
        var uri = await client.OpenAsync("main.rasdl", (unsafeSample ? TestSamples.Unsafe : Samples.DesignExample) + Stray);
        Assert.Contains((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("not analysed (a syntax or binding error hides the findings)", (await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v1 (", StringComparison.Ordinal)))!);

        var lenses = await Lenses(client, uri);
        Assert.All(lenses, l => Assert.Null(l.Command));
        var resolved = new List<string>();
        foreach (var lens in lenses)
        {
            resolved.Add((await client.RequestAsync<Protocol.CodeLens>(Methods.CodeLensResolve, lens)).Command!.Title);
        }

        Assert.Equal(titles, resolved);
    }

    [Fact]
    public async Task A_lens_whose_region_is_gone_is_stale()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var lens = Assert.Single(await Lenses(client, uri));
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Text = TestSamples.Unsafe.Replace("bar0", "bar1", StringComparison.Ordinal) });
        await client.DiagnosticsAsync(uri, version: 2);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<Protocol.CodeLens>(Methods.CodeLensResolve, lens));
        Assert.Equal((int)LSPErrorCodes.ContentModified, error.ErrorCode);
    }

    [Fact]
    public async Task A_lens_without_the_servers_data_gets_an_error_and_the_server_keeps_serving()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var lens = Assert.Single(await Lenses(client, uri));
        foreach (var data in new object?[] { null, "gpu0.bar0", new { uri, region = 7 }, new { uri, region = "nic.bar0" } })
        {
            var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.RequestAsync<Protocol.CodeLens>(Methods.CodeLensResolve, lens with { Data = data }));
            Assert.Equal((int)ErrorCodes.InvalidParams, (int)error.ErrorCode);
        }

        Assert.NotNull((await client.RequestAsync<Protocol.CodeLens>(Methods.CodeLensResolve, lens)).Command);
    }

    private static Task<Protocol.CodeLens[]> Lenses(LspTestClient client, string uri) =>
        client.RequestAsync<Protocol.CodeLens[]>(Methods.TextDocumentCodeLens, new CodeLensParams { TextDocument = LspTestClient.Document(uri) });
}

public sealed class ChangedTokenTests
{
    [Fact]
    public void A_documents_token_is_cancelled_by_its_own_next_change_and_by_no_other()
    {
        using var standardLibrary = new Workspace.StandardLibraryFiles();
        var workspace = new Workspace.RasdlWorkspace(new Workspace.DocumentUris(standardLibrary));
        var folder = Path.GetTempPath();
        var (a, b) = (Path.Combine(folder, "changed-token-a.rasdl"), Path.Combine(folder, "changed-token-b.rasdl"));
        workspace.Open(LspTestClient.UriOf(a), a, 1, "platform p { }\n");
        workspace.Open(LspTestClient.UriOf(b), b, 1, "platform q { }\n");
        var tokenOfA = workspace.ChangedToken(LspTestClient.UriOf(a));
        _ = workspace.GetCompilation(a);

        Assert.True(workspace.Change(b, 2, [new TextDocumentContentChangeEvent { Text = "platform r { }\n" }], out _));
        Assert.False(tokenOfA.IsCancellationRequested);
        Assert.True(workspace.Change(a, 2, [new TextDocumentContentChangeEvent { Text = "platform s { }\n" }], out _));
        Assert.True(tokenOfA.IsCancellationRequested);
        Assert.False(workspace.ChangedToken(LspTestClient.UriOf(a)).IsCancellationRequested);

        var closing = workspace.ChangedToken(LspTestClient.UriOf(b));
        workspace.Close(b);
        Assert.True(closing.IsCancellationRequested);
        Assert.False(workspace.ChangedToken(LspTestClient.UriOf(b)).CanBeCanceled); // not open: read from disk, never stale
    }
}

public sealed class RefreshTests
{
    private static readonly ClientCapabilities Refreshing = new()
    {
        Workspace = new WorkspaceClientCapabilities
        {
            InlayHint = new InlayHintWorkspaceClientCapabilities { RefreshSupport = true },
            CodeLens = new CodeLensWorkspaceClientCapabilities { RefreshSupport = true },
            SemanticTokens = new SemanticTokensWorkspaceClientCapabilities { RefreshSupport = true },
        },
    };

    // rc0 is in its own file: as first written it answers every error with all-ones (contained in the device);
    // the edit makes it answer a read's completion timeout with a bus error, which the core
    // takes as an uncontainable SError.
    private const string Main = """
        import "std/kvm.rasdl";
        import "blocks.rasdl";
        platform p { features ras, iesb; }
        block core : cpu { on slverr -> serror(uc); }
        endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur, cto; }
        route core -> rc0;
        assign nic.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }

        """;

    private const string Contained = "block rc0 : root_port { on any -> all_ones; }\n";

    private const string Unsafe = "block rc0 : root_port { on cto (read) -> slverr; on any -> all_ones; }\n";

    [Fact]
    public async Task Editing_an_imported_buffer_asks_the_client_to_show_the_importing_documents_verdicts_again()
    {
        await using var client = await LspTestClient.StartAsync(capabilities: Refreshing);
        var blocks = await client.OpenAsync("blocks.rasdl", Contained);
        var main = await client.OpenAsync("main.rasdl", Main);
        await client.DiagnosticsAsync(main, version: 1);
        Assert.EndsWith("→ contained-in-device", Assert.Single(await Labels(client, main)));

        await client.ChangeAsync(blocks, 2, new TextDocumentContentChangeEvent { Text = Unsafe });

        Assert.True(await client.RefreshedAsync(Methods.WorkspaceInlayHintRefresh));
        Assert.True(await client.RefreshedAsync(Methods.WorkspaceCodeLensRefresh));
        Assert.True(await client.RefreshedAsync(Methods.WorkspaceSemanticTokensRefresh));
        Assert.EndsWith("→ uncontained", Assert.Single(await Labels(client, main)));
    }

    [Fact]
    public async Task An_imported_file_that_changes_on_disk_asks_the_client_to_show_the_importing_documents_verdicts_again()
    {
        await using var client = await LspTestClient.StartAsync(capabilities: Refreshing);
        var blocks = client.Workspace.Write("blocks.rasdl", Contained);
        var main = await client.OpenAsync("main.rasdl", Main);
        await client.DiagnosticsAsync(main, version: 1);
        Assert.EndsWith("→ contained-in-device", Assert.Single(await Labels(client, main)));

        File.WriteAllText(blocks, Unsafe);
        await client.NotifyAsync(Methods.WorkspaceDidChangeWatchedFiles, new DidChangeWatchedFilesParams
        {
            Changes = [new FileEvent { Uri = LspTestClient.UriOf(blocks), Type = FileChangeType.Changed }],
        });

        Assert.True(await client.RefreshedAsync(Methods.WorkspaceInlayHintRefresh));
        Assert.EndsWith("→ uncontained", Assert.Single(await Labels(client, main)));
    }

    [Fact]
    public async Task An_edit_that_leaves_every_import_as_it_was_asks_for_no_refresh()
    {
        // The client asks again by itself for the document it edited.
        await using var client = await LspTestClient.StartAsync(capabilities: Refreshing);
        await client.OpenAsync("blocks.rasdl", Contained);
        var main = await client.OpenAsync("main.rasdl", Main);
        await client.DiagnosticsAsync(main, version: 1);

        await client.ChangeAsync(main, 2, new TextDocumentContentChangeEvent { Text = Main + "// a comment\n" });
        await client.DiagnosticsAsync(main, version: 2);
        _ = await Labels(client, main); // answered after the run that published version 2 has ended

        Assert.Empty(client.Refreshes);
    }

    [Fact]
    public async Task A_client_that_cannot_refresh_is_not_asked_to()
    {
        await using var client = await LspTestClient.StartAsync();
        var blocks = await client.OpenAsync("blocks.rasdl", Contained);
        var main = await client.OpenAsync("main.rasdl", Main);
        await client.DiagnosticsAsync(main, version: 1);

        await client.ChangeAsync(blocks, 2, new TextDocumentContentChangeEvent { Text = Unsafe });
        await client.DiagnosticsAsync(blocks, version: 2);

        Assert.EndsWith("→ uncontained", Assert.Single(await Labels(client, main)));
        Assert.Empty(client.Refreshes);
    }

    private static async Task<List<string>> Labels(LspTestClient client, string uri)
    {
        var hints = await client.RequestAsync<InlayHint[]>(Methods.TextDocumentInlayHint, new InlayHintParams
        {
            TextDocument = LspTestClient.Document(uri),
            Range = new Protocol.Range { Start = LspTestClient.At(0, 0), End = LspTestClient.At(20, 0) },
        });
        return [.. hints.Select(h => ((JsonElement)h.Label).GetString()!)];
    }
}
