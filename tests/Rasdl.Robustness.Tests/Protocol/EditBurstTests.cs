using System.Diagnostics;
using System.Text.Json.Nodes;
using Rasdl.Benchmarks.Generator;
using Xunit.Abstractions;

namespace Rasdl.Robustness.Protocol;

/// <summary>
/// A burst of edits on a large document (a client replaying a macro, a paste split into
/// keystrokes, a misbehaving extension) against the real rasdl-lsp process over stdio. Each
/// didChange must cost the edit, not the document: the buffer changes in place, nothing is
/// parsed per edit, and a request that comes after the burst is answered once the burst has
/// been read, with only the latest version analysed.
/// </summary>
public sealed class EditBurstTests(ITestOutputHelper output)
{
    private const int Lines = 10_000;
    private const int Edits = 10_000;

    // A hang guard, not a benchmark (docs/robustness.md has the measured figure): a server that
    // copied and re-scanned the whole text per edit, or parsed under the workspace lock, took
    // 41 s here for the same burst.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // A full analysis of the 10,000-line document, on a busy machine.
    private static readonly TimeSpan AnalysisBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TenThousandEditsOnATenThousandLineDocumentDoNotDelayTheNextRequest()
    {
        using var folder = new TempFolder();
        var text = PlatformGenerator.Generate(Lines).Rasdl;
        var uri = "file://" + folder.Write("platform.rasdl", text);
        var lines = text.Split('\n');
        await using var server = LspProcess.Start(folder.Root);
        var initialize = await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = "file://" + folder.Root,
            ["capabilities"] = new JsonObject(),
        });
        Assert.False(initialize.IsError, initialize.ToString());
        await server.NotifyAsync("initialized", new JsonObject());
        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(uri, text));
        await WaitForDiagnosticsAsync(server, uri, 1);
        var original = server.Diagnostics[uri].GetRawText();
        var analysesBefore = server.Notifications.GetValueOrDefault("textDocument/publishDiagnostics");

        // Pairs of keystrokes all over the document: a character typed at the start of a line,
        // then deleted. The text after the burst is the text before it.
        var random = new Random(20261201);
        var clock = Stopwatch.StartNew();
        var version = 1;
        for (var i = 0; i < Edits / 2; i++)
        {
            var line = random.Next(lines.Length - 1);
            await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(uri, ++version, line, 0, line, 0, "x"));
            await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(uri, ++version, line, 0, line, 1, ""));
        }

        var sent = clock.Elapsed;
        var hover = await server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(uri, 0, 0)).WaitAsync(Bound);
        var answered = clock.Elapsed;
        Assert.False(hover.IsError, hover.ToString());

        // The latest version is analysed, and its text is the original's again: so are its diagnostics.
        await WaitForDiagnosticsAsync(server, uri, version);
        var analysed = clock.Elapsed;
        Assert.Equal(original, server.Diagnostics[uri].GetRawText());
        var analyses = server.Notifications.GetValueOrDefault("textDocument/publishDiagnostics") - analysesBefore;
        output.WriteLine($"{Edits} edits on {Lines} lines: sent in {sent.TotalSeconds:F2} s, hover answered at {answered.TotalSeconds:F2} s, " +
            $"diagnostics of the last version at {analysed.TotalSeconds:F2} s, {analyses} analyses published");
        Assert.True(analyses < Edits / 10, $"{analyses} analyses for {Edits} edits: versions that were already superseded were analysed");
    }

    private static async Task WaitForDiagnosticsAsync(LspProcess server, string uri, int version)
    {
        var clock = Stopwatch.StartNew();
        while (server.DiagnosticsVersions.GetValueOrDefault(uri) < version)
        {
            Assert.True(clock.Elapsed < AnalysisBound, $"no diagnostics for version {version} after {AnalysisBound.TotalSeconds} s (latest: {server.DiagnosticsVersions.GetValueOrDefault(uri)})");
            await Task.Delay(10);
        }
    }
}
