using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Robustness.Protocol;

/// <summary>
/// Hostile traffic against the real rasdl-lsp process over stdio. Readable frames with bad
/// content get JSON-RPC errors and the server keeps serving; frames that cannot be delimited
/// (no or bad Content-Length) end the connection with the reason on stderr and exit code 1,
/// which an editor answers by restarting the server (docs/robustness.md).
/// </summary>
public sealed class ProtocolAbuseTests(ITestOutputHelper output)
{
    private const int Messages = 10_000;
    private const long MemoryBound = 1L << 30;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TenThousandHostileMessagesGetProperAnswersAndTheServerKeepsServing()
    {
        using var folder = new TempFolder();
        var good = "file://" + folder.Write("good.rasdl", AbuseTraffic.GoodText);
        var scratch = "file://" + Path.Combine(folder.Root, "scratch.rasdl");
        await using var server = LspProcess.Start(folder.Root);
        var random = new Random(20261126);
        var sent = 0;
        var answers = new List<(string Category, Task<LspResponse> Response, Func<LspResponse, bool> Proper)>();
        var nullIdErrors = 0;
        var peakMemory = 0L;
        var drawn = new Dictionary<int, int>();

        void Expect(string category, Task<LspResponse> response, Func<LspResponse, bool> proper) => answers.Add((category, response, proper));

        // Before initialize: requests are refused with ServerNotInitialized, notifications dropped.
        for (var i = 0; i < 100; i++, sent++)
        {
            if (i % 2 == 0)
            {
                Expect("before initialize", server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(good, 0, 0)), r => r.ErrorCode == -32002);
            }
            else
            {
                await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(good, "junk before initialize"));
            }
        }

        var initialize = await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = "file://" + folder.Root,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = "file://" + folder.Root, ["name"] = "abuse" }),
        });
        Assert.False(initialize.IsError, initialize.ToString());
        await server.NotifyAsync("initialized", new JsonObject());
        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(good, AbuseTraffic.GoodText));
        var scratchText = new StringBuilder(AbuseTraffic.GoodText);
        var scratchVersion = 1;
        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(scratch, scratchText.ToString()));
        sent += 4;

        while (sent < Messages)
        {
            var category = random.Next(14);
            drawn[category] = drawn.GetValueOrDefault(category) + 1;
            switch (category)
            {
                case 0:
                    await server.SendRawAsync(LspProcess.Frame(AbuseTraffic.InvalidJson(random)));
                    nullIdErrors++;
                    break;
                case 1:
                    await server.SendRawAsync(LspProcess.Frame(AbuseTraffic.NotARequest(random)));
                    nullIdErrors++;
                    break;
                case 2:
                    Expect("unknown method", server.RequestAsync("rasdl/noSuchMethod" + random.Next(100), new JsonObject()), r => r.ErrorCode == -32601);
                    break;
                case 3:
                    await server.NotifyAsync(random.Next(2) == 0 ? "$/noSuchNotification" : "workspace/noSuchNotification", new JsonObject { ["x"] = random.Next() });
                    break;
                case 4:
                    Expect("wrong parameter types", server.RequestAsync("textDocument/hover", AbuseTraffic.WrongParameters(random, good)), r => r.ErrorCode is -32600 or -32602);
                    break;
                case 5:
                    // Edits to documents that are not open (never, or no longer): ignored.
                    var closed = AbuseTraffic.OddUri(random, folder.Root);
                    if (random.Next(2) == 0)
                    {
                        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(closed, "block x : cpu { }"));
                        await server.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = AbuseTraffic.Document(closed) });
                        sent += 2;
                    }

                    await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(closed, random.Next(1, 1000), 0, 0, 0, 0, "x"));
                    break;
                case 6:
                    // Positions past the end of an open document: InvalidParams.
                    var method = random.Next(3) switch { 0 => "textDocument/hover", 1 => "textDocument/completion", _ => "textDocument/definition" };
                    Expect("position past the end", server.RequestAsync(method, AbuseTraffic.AtPosition(good, 10_000 + random.Next(1000), random.Next(5))), r => r.ErrorCode == -32602);
                    break;
                case 7:
                    // A range past the end in an edit: the edit is refused, the document unchanged.
                    await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(scratch, ++scratchVersion, 5000, 0, 5001, 3, "lost"));
                    break;
                case 8:
                case 9:
                    // Concurrent edits with requests in flight, some of them cancelled.
                    sent += await EditBurstAsync(server, scratch, scratchText, () => ++scratchVersion, random, Expect);
                    continue;
                case 10:
                    var padded = server.Expect();
                    await server.SendRawAsync(random.Next(2) == 0
                        ? AbuseTraffic.PaddedFrame($"{{\"jsonrpc\":\"2.0\",\"id\":{padded.Id},\"method\":\"rasdl/unknown\"}}", random.Next(1, 200))
                        : AbuseTraffic.TypedFrame($"{{\"jsonrpc\":\"2.0\",\"id\":{padded.Id},\"method\":\"rasdl/unknown\"}}", random.Next(2) == 0));
                    Expect("padded or typed frame", padded.Response, r => r.ErrorCode == -32601);
                    break;
                case 11:
                    // An unusable URI is answered with no hover (null), never a server failure.
                    Expect("odd URI", server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(AbuseTraffic.OddUri(random, folder.Root), 0, 0)), r => !r.IsError || r.ErrorCode == -32602);
                    break;
                case 12:
                    Expect("one-megabyte parameter", server.RequestAsync("rasdl/unknown", new JsonObject { ["blob"] = new string('x', 1 << 20) }), r => r.ErrorCode == -32601);
                    break;
                default:
                    // Unique (a repeated id would be the client's own bug), outside the client's own sequence.
                    JsonNode id = random.Next(3) switch { 0 => JsonValue.Create("id-" + sent), 1 => JsonValue.Create(9_007_199_254_740_000L + sent), _ => JsonValue.Create(-sent) };
                    Expect("string, huge or negative id", server.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = AbuseTraffic.Document(good) }, id), r => !r.IsError);
                    break;
            }

            sent++;
            if (sent % 500 == 0)
            {
                Assert.False(server.HasExited, $"the server exited after {sent} messages: {server.StandardError}");
                peakMemory = Math.Max(peakMemory, server.ResidentBytes());
            }
        }

        // Every request is answered exactly once, with a proper result or error.
        foreach (var (category, response, proper) in answers)
        {
            var finished = await Task.WhenAny(response, Task.Delay(AnswerTimeout));
            Assert.True(finished == response, $"no answer to a '{category}' request ({server.Pending} pending); stderr:\n{server.StandardError}");
            var answer = await response;
            Assert.True(proper(answer), $"improper answer to a '{category}' request: {answer}");
        }

        Assert.Equal(nullIdErrors, server.Unmatched.Count);
        Assert.All(server.Unmatched, r => Assert.True(r.ErrorCode is -32700 or -32600, r.ToString()));

        // Still serving, and right: a hover on the vocabulary word `sea`.
        var hover = await server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(good, 2, AbuseTraffic.GoodText.Split('\n')[2].IndexOf("sea", StringComparison.Ordinal) + 1));
        Assert.Contains(Words.Outcomes.Words.Single(w => w.Text == "sea").Summary, hover.Result.GetProperty("contents").GetProperty("value").GetString());
        peakMemory = Math.Max(peakMemory, server.ResidentBytes());
        Assert.True(peakMemory < MemoryBound, $"resident memory reached {peakMemory >> 20} MiB");

        // After shutdown only exit is accepted; exit then ends the process with 0.
        Assert.False((await server.RequestAsync("shutdown", null)).IsError);
        var late = await server.RequestAsync("textDocument/hover", AbuseTraffic.AtPosition(good, 0, 0));
        Assert.Equal(-32600, late.ErrorCode);
        Assert.False(server.HasExited);
        await server.NotifyAsync("exit", null);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, server.ExitCode);
        output.WriteLine($"{sent + 3} messages, {answers.Count} requests answered, {nullIdErrors} id-null errors, peak VmRSS {peakMemory >> 20} MiB");
        output.WriteLine($"  categories drawn (0-13): {string.Join(", ", drawn.OrderBy(d => d.Key).Select(d => $"{d.Key}: {d.Value}"))}");
        foreach (var group in answers.GroupBy(a => a.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} requests, answers {string.Join(", ", group.GroupBy(a => a.Response.Result.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "result").Select(c => $"{c.Key} x{c.Count()}"))}");
        }
    }

    /// <summary>Edits applied in quick succession with requests on the same document, a third of them cancelled at once; returns the messages sent.</summary>
    private static async Task<int> EditBurstAsync(LspProcess server, string uri, StringBuilder text, Func<int> nextVersion, Random random,
        Action<string, Task<LspResponse>, Func<LspResponse, bool>> expect)
    {
        var sent = 0;
        for (var i = 0; i < 5; i++)
        {
            var lines = text.ToString().Split('\n');
            var line = random.Next(lines.Length);
            var character = random.Next(lines[line].Length + 1);
            var insert = random.Next(4) switch { 0 => "x", 1 => "\n", 2 => " block q : cpu { } ", _ => "" };
            var remove = Math.Min(random.Next(3), lines[line].Length - character);
            await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(uri, nextVersion(), line, character, line, character + remove, insert));
            var offset = lines.Take(line).Sum(l => l.Length + 1) + character;
            text.Remove(offset, remove).Insert(offset, insert);
            sent++;

            var method = random.Next(6) switch
            {
                0 => "textDocument/hover",
                1 => "textDocument/completion",
                2 => "textDocument/semanticTokens/full",
                3 => "textDocument/documentSymbol",
                4 => "textDocument/formatting",
                _ => "textDocument/inlayHint",
            };
            var (id, response) = server.Expect();
            var parameters = method switch
            {
                "textDocument/hover" or "textDocument/completion" => AbuseTraffic.AtPosition(uri, 0, 0),
                "textDocument/formatting" => new JsonObject { ["textDocument"] = AbuseTraffic.Document(uri), ["options"] = new JsonObject { ["tabSize"] = 4, ["insertSpaces"] = true } },
                "textDocument/inlayHint" => new JsonObject { ["textDocument"] = AbuseTraffic.Document(uri), ["range"] = new JsonObject { ["start"] = AbuseTraffic.Position(0, 0), ["end"] = AbuseTraffic.Position(3, 0) } },
                _ => new JsonObject { ["textDocument"] = AbuseTraffic.Document(uri) },
            };
            await server.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            sent++;
            if (random.Next(3) == 0)
            {
                await server.NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id.DeepClone() });
                sent++;
            }

            // A result, or RequestCancelled, or (for hovers and inlay hints, answered off the queue, which the next edit makes stale) ContentModified.
            expect("request during edits", response, r => !r.IsError || r.ErrorCode == -32800 || (r.ErrorCode == -32801 && method is "textDocument/hover" or "textDocument/inlayHint"));
        }

        return sent;
    }
}
