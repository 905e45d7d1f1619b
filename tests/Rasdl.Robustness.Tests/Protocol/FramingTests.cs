using System.Text;
using System.Text.Json.Nodes;

namespace Rasdl.Robustness.Protocol;

/// <summary>
/// Frames that cannot be delimited, and documents far beyond the size limit. A header without a
/// usable Content-Length leaves no way to find where the next message starts: the server logs
/// why and exits with 1 (an editor restarts it) rather than guess. A Content-Length larger than
/// what follows makes the server wait for the rest, without reserving the claimed size.
/// </summary>
public sealed class FramingTests
{
    private static async Task<LspProcess> StartInitialisedAsync(TempFolder folder)
    {
        var server = LspProcess.Start(folder.Root);
        var initialize = await server.RequestAsync("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = "file://" + folder.Root, ["capabilities"] = new JsonObject() });
        Assert.False(initialize.IsError);
        await server.NotifyAsync("initialized", new JsonObject());
        return server;
    }

    [Theory]
    [InlineData("X-Other: 1\r\n\r\n{}")]
    [InlineData("content-length: 2\r\n\r\n{}")]
    [InlineData("Content-Length: -5\r\n\r\n{}")]
    [InlineData("Content-Length: 0\r\n\r\n")]
    [InlineData("Content-Length: 1000000000000\r\n\r\n{}")]
    [InlineData("Content-Length: twelve\r\n\r\n{}")]
    [InlineData("hello world\r\n\r\n")]
    public async Task AFrameThatCannotBeDelimitedEndsTheConnectionWithTheReasonLogged(string frame)
    {
        using var folder = new TempFolder();
        await using var server = await StartInitialisedAsync(folder);

        await server.SendRawAsync(Encoding.ASCII.GetBytes(frame));

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the server neither answered nor exited");
        Assert.Equal(1, server.ExitCode);
        await Task.Delay(200);
        Assert.Contains("the connection closed", server.StandardError);
    }

    [Fact]
    public async Task AHeaderLineThatNeverEndsEndsTheConnectionInsteadOfGrowingForEver()
    {
        using var folder = new TempFolder();
        await using var server = await StartInitialisedAsync(folder);

        // 4 MB of a header line with no line end, sent in pieces as a slow client would.
        var chunk = Encoding.ASCII.GetBytes("X-Padding: " + new string('a', 64 * 1024));
        for (var i = 0; i < 64 && !server.HasExited; i++)
        {
            try
            {
                await server.SendRawAsync(chunk);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                break; // The server closed its input.
            }
        }

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the server kept buffering a header line that never ends");
        Assert.Equal(1, server.ExitCode);
        await Task.Delay(200);
        Assert.Contains("header line", server.StandardError);
    }

    [Theory]
    [InlineData("textDocument/hover")]
    [InlineData("textDocument/references")]
    [InlineData("textDocument/documentSymbol")]
    public async Task ANullDocumentUriIsInvalidParamsNotAnInternalError(string method)
    {
        using var folder = new TempFolder();
        await using var server = await StartInitialisedAsync(folder);

        var response = await server.RequestAsync(method, new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = null },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
            ["context"] = new JsonObject { ["includeDeclaration"] = true },
        });

        Assert.Equal(-32602, response.ErrorCode);
        Assert.DoesNotContain("   at ", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameLongerThanWhatFollowsWaitsWithoutReservingItsLength()
    {
        using var folder = new TempFolder();
        await using var server = await StartInitialisedAsync(folder);
        var before = server.ResidentBytes();

        await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 2000000000\r\n\r\n{\"jsonrpc\":\"2.0\""));
        await Task.Delay(2000);

        Assert.False(server.HasExited);
        Assert.True(server.ResidentBytes() - before < 200L << 20, $"VmRSS grew from {before >> 20} to {server.ResidentBytes() >> 20} MiB");
    }

    [Fact]
    public async Task AFiftyMegabyteDocumentIsRefusedWithADiagnosticAndOtherDocumentsStillServed()
    {
        using var folder = new TempFolder();
        await using var server = await StartInitialisedAsync(folder);
        var good = "file://" + folder.Write("good.rasdl", AbuseTraffic.GoodText);
        var huge = "file://" + Path.Combine(folder.Root, "huge.rasdl");
        var line = "block b : cpu { on ur (read) -> sea; } // padding padding padding padding\n";
        var text = new StringBuilder(50 << 20);
        while (text.Length < 50 << 20)
        {
            text.Append(line);
        }

        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(huge, text.ToString()));
        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(good, AbuseTraffic.GoodText));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var symbols = await server.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = AbuseTraffic.Document(good) });

        Assert.False(symbols.IsError, symbols.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"a small document waited {clock.Elapsed.TotalSeconds:F0} s behind the huge one");
        while (!server.Diagnostics.ContainsKey(huge) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.Equal("RASDL0005", Assert.Single(server.Diagnostics[huge].EnumerateArray()).GetProperty("code").GetString());
        Assert.True(server.ResidentBytes() < 1L << 30, $"VmRSS is {server.ResidentBytes() >> 20} MiB");
        var hover = await server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(huge, 0, 1));
        Assert.False(hover.IsError && hover.ErrorCode != -32602, hover.ToString());
        Assert.False(server.HasExited);
    }
}
