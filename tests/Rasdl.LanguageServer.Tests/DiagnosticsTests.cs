using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task The_design_example_publishes_no_diagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var published = await client.DiagnosticsAsync(uri, version: 1);
        Assert.Empty(published.Diagnostics);
    }

    [Fact]
    public async Task An_unknown_name_is_published_with_code_help_link_and_suggestion()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = Samples.Minimal.Replace("route core -> rc0;", "route core -> rc1;");
        var uri = await client.OpenAsync("main.rasdl", text);
        var diagnostic = Assert.Single((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics, d => $"{d.Code}" == "RASDL1002");
        Assert.Equal("5:14-5:17", Describe(diagnostic.Range));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("rasdl", diagnostic.Source);
        Assert.Equal("block 'rc1' is not declared; did you mean 'rc0'?", $"{diagnostic.Message}");
        Assert.EndsWith("/RASDL1002.md", diagnostic.CodeDescription!.Href);
        Assert.Equal("rc0", ((System.Text.Json.JsonElement)diagnostic.Data!).GetProperty("suggestion").GetString());
    }

    [Fact]
    public async Task An_uncontained_path_carries_the_witness_as_related_information()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var diagnostics = (await client.DiagnosticsAsync(uri, version: 1)).Diagnostics;
        Assert.Equal(
            ["3:6 RASDL2001", "3:6 RASDL2002", "5:4 RASDL2001", "9:0 RASDL2006"], // one RASDL2002 per block and error: ca on reads and on writes,
            diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code}").ToArray());
        var timeout = diagnostics.Single(d => d.Range.Start.Line == 5);
        Assert.StartsWith("nic.bar0 (profile production, stage 2 NORMAL_NC): a guest Normal-NC read that meets a completion timeout becomes SError(UC) at core and panics the host", $"{timeout.Message}");
        var related = timeout.RelatedInformation!.Select(r => $"{Path.GetFileName(new Uri(r.Location.Uri).LocalPath)}:{r.Location.Range.Start.Line}: {r.Message}").ToList();
        Assert.Equal("unsafe.rasdl:9: nic.bar0 is assigned via vfio_pci: stage 2 normal_nc (MemAttr 0b0101), the guest maps it Normal-NC at stage 1, effective Normal-NC", related[0]);
        Assert.Equal("unsafe.rasdl:8: route core -> rc0 (cpu core)", related[1]);
        Assert.Equal("unsafe.rasdl:7: nic can produce cto", related[2]);
        Assert.Equal("unsafe.rasdl:5: rc0 turns cto into slverr", related[3]);
        Assert.Equal("unsafe.rasdl:2: core takes slverr as SError(UC)", related[4]);
        Assert.EndsWith(": kvm_6_8: panics the host", related[5]);

        // The standard library's place is a real file the editor can open, pointing at the treatment.
        var treatment = timeout.RelatedInformation![5].Location;
        var library = new Uri(treatment.Uri).LocalPath;
        Assert.Equal("kvm.rasdl", Path.GetFileName(library));
        Assert.Matches(@"^\s*on serror\(uc\)\s+when ras\s+-> panic;", File.ReadAllLines(library)[treatment.Range.Start.Line]);
    }

    [Fact]
    public async Task Fixing_the_error_publishes_an_empty_list()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = Samples.Minimal.Replace("route core -> rc0;", "route core -> rc1;");
        var uri = await client.OpenAsync("main.rasdl", text);
        Assert.NotEmpty((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics);

        var at = Find(text, "rc1;", 2);
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = at, End = LspTestClient.At(at.Line, at.Character + 1) }, Text = "0" });
        Assert.Empty((await client.DiagnosticsAsync(uri, version: 2)).Diagnostics);
    }

    [Fact]
    public async Task With_tracing_on_each_analysis_logs_its_stages_how_its_findings_were_found_and_an_edit_is_parsed_by_splicing()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync(Methods.SetTrace, new SetTraceParams { Value = TraceValue.Messages });
        var text = Samples.Minimal.Replace("route core -> rc0;", "route core -> rc1;");
        var uri = await client.OpenAsync("main.rasdl", text);
        Assert.NotEmpty((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics);
        Assert.NotNull(await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v1 (", StringComparison.Ordinal) && m.Contains("full parse (no earlier version)", StringComparison.Ordinal)));

        var at = Find(text, "rc1;", 2);
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = at, End = LspTestClient.At(at.Line, at.Character + 1) }, Text = "0" });
        Assert.Empty((await client.DiagnosticsAsync(uri, version: 2)).Diagnostics);
        var line = await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v2 (", StringComparison.Ordinal));
        Assert.Matches(@"^diagnostics: main.rasdl v2 \([\d.]+ ms after it came in, [\d.]+ before loading\): load [\d.]+ \(of which parse v2 [\d.]+: spliced: \d+ of \d+ declarations parsed again\), bind [\d.]+ \((whole: [^()]+|kept \d+ of \d+ declarations)\), lower\+analyse [\d.]+ \(analysed\), collect [\d.]+, convert [\d.]+ ms; 0 diagnostics; [\d.]+ MB allocated \(load [\d.]+, bind [\d.]+, lower\+analyse [\d.]+\); garbage collections meanwhile: \d+ \(gen0\+\), \d+ \(gen1\+\), \d+ \(gen2\)(; the last one \(gen\d(, compacting)?\) paused [\d.]+ ms and kept [\d.]+ MB of a \d+ MB heap)?$", line);
        Assert.Contains("lower+analyse", (await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v1 (", StringComparison.Ordinal)))!);
        Assert.Contains("(not analysed (a syntax or binding error hides the findings))", (await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v1 (", StringComparison.Ordinal)))!);

        // A space typed changes no path: the findings of v2 are moved, not found again.
        var lineStart = LspTestClient.At(at.Line, 0);
        await client.ChangeAsync(uri, 3, new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = lineStart, End = lineStart }, Text = " " });
        Assert.Empty((await client.DiagnosticsAsync(uri, version: 3)).Diagnostics);
        Assert.Contains("lower+analyse", (await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v3 (", StringComparison.Ordinal)))!);
        Assert.Contains("(reused (the files say the same words))", (await client.TraceAsync(m => m.StartsWith("diagnostics: main.rasdl v3 (", StringComparison.Ordinal)))!);
    }

    [Fact]
    public async Task After_a_document_is_first_analysed_the_pause_that_follows_collects_every_generation_once()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync(Methods.SetTrace, new SetTraceParams { Value = TraceValue.Messages });
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal);
        await client.DiagnosticsAsync(uri, version: 1);
        const string Opened = "idle: collected after a document was opened: (gen2";
        Assert.NotNull(await client.TraceAsync(m => m.StartsWith(Opened, StringComparison.Ordinal)));

        // Later versions of the same document are not openings.
        var end = LspTestClient.At(0, 0);
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Range = new Protocol.Range { Start = end, End = end }, Text = " " });
        await client.DiagnosticsAsync(uri, version: 2);
        await Task.Delay(IdleCollection.Quiet * 5);
        Assert.Single(client.Trace, m => m.StartsWith(Opened, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_tracing_nothing_is_traced()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", Samples.Minimal);
        await client.DiagnosticsAsync(uri, version: 1);
        Assert.Empty(client.Trace);
    }

    [Fact]
    public async Task An_imported_file_that_is_not_open_is_read_from_disk_and_watched()
    {
        await using var client = await LspTestClient.StartAsync();
        var library = client.Workspace.Write("blocks.rasdl", "block rc0 : root_port { on any -> all_ones; }\n");
        var main = """
            import "std/kvm.rasdl";
            import "blocks.rasdl";
            platform p { features ras, iesb; }
            block core : cpu { on slverr -> sea; }
            endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur, cto; }
            route core -> rc0;
            assign nic.bar0 to guest via vfio_pci;
            profile production { hypervisor kvm_6_8; }

            """;
        var uri = await client.OpenAsync("main.rasdl", main);
        Assert.Empty((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics);

        // The imported file changes on disk: rc0 now hangs on a timeout.
        File.WriteAllText(library, "block rc0 : root_port {\n    on ur -> all_ones;\n}\n");
        File.SetLastWriteTimeUtc(library, DateTime.UtcNow.AddSeconds(5));
        await client.NotifyAsync(Methods.WorkspaceDidChangeWatchedFiles, new DidChangeWatchedFilesParams
        {
            Changes = [new FileEvent { Uri = LspTestClient.UriOf(library), Type = FileChangeType.Changed }],
        });
        var published = await client.DrainDiagnosticsAsync();
        var inLibrary = published.LastOrDefault(p => p.Uri == LspTestClient.UriOf(library));
        Assert.True(inLibrary is not null, string.Join("\n", published.Select(p => $"{p.Uri}: {string.Join("; ", p.Diagnostics.Select(d => $"{d.Code} {d.Message}"))}")));
        Assert.Contains(inLibrary.Diagnostics, d => $"{d.Code}" == "RASDL2002");
    }

    [Fact]
    public async Task A_rasdl_json_change_republishes_with_the_new_severities()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        Assert.Contains((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics, d => d.Code!.ToString() == "RASDL2006");

        var config = client.Workspace.Write("rasdl.json", """{ "diagnostics": { "RASDL2006": "off", "RASDL2002": "error" } }""");
        await client.NotifyAsync(Methods.WorkspaceDidChangeWatchedFiles, new DidChangeWatchedFilesParams
        {
            Changes = [new FileEvent { Uri = LspTestClient.UriOf(config), Type = FileChangeType.Created }],
        });
        var diagnostics = (await client.DiagnosticsAsync(uri, version: 1)).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.Code!.ToString() == "RASDL2006");
        Assert.All(diagnostics.Where(d => d.Code!.ToString() == "RASDL2002"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        Assert.NotEmpty((await client.DiagnosticsAsync(uri, version: 1)).Diagnostics);
        await client.NotifyAsync(Methods.TextDocumentDidClose, new DidCloseTextDocumentParams { TextDocument = LspTestClient.Document(uri) });
        Assert.Empty((await client.DiagnosticsAsync(uri)).Diagnostics);
    }

    [Fact]
    public async Task Binary_content_gets_a_diagnostic_and_never_kills_the_server()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("junk.rasdl", "\0\u0001\u0002}}}{{{ -> -> ;;; \"unterminated\n/* open comment");
        var diagnostics = (await client.DiagnosticsAsync(uri, version: 1)).Diagnostics;
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.StartsWith("RASDL0", d.Code!.ToString()));
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }
}
