using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Rasdl.Robustness.Protocol;

/// <summary>
/// The soak run (a console mode, not a test): random edits across many open documents of the
/// real server process for a number of minutes, with a request after every few edits. Each
/// minute it prints the edits, the requests' latency (median, 95th percentile, maximum) and the
/// server's resident memory; at the end it compares the last minutes with the first ones.
/// </summary>
public static class SoakRun
{
    public static int Run(int minutes, int documents, TextWriter output) => RunAsync(minutes, documents, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int minutes, int documentCount, TextWriter output)
    {
        using var folder = new TempFolder();
        await using var server = LspProcess.Start(folder.Root);
        var initialize = await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = "file://" + folder.Root,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = "file://" + folder.Root, ["name"] = "soak" }),
        });
        if (initialize.IsError)
        {
            output.WriteLine($"soak: initialize failed: {initialize}");
            return 1;
        }

        await server.NotifyAsync("initialized", new JsonObject());
        var texts = new List<StringBuilder>();
        var versions = new List<int>();
        var uris = new List<string>();
        for (var i = 0; i < documentCount; i++)
        {
            var text = AbuseTraffic.GoodText.Replace("core", $"core{i}", StringComparison.Ordinal).Replace("nic", $"nic{i}", StringComparison.Ordinal);
            uris.Add("file://" + folder.Write($"doc{i}.rasdl", text));
            texts.Add(new StringBuilder(text));
            versions.Add(1);
            await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(uris[i], text));
        }

        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        var minuteLatencies = new List<double>();
        var rows = new List<(int Minute, int Edits, int Requests, double P50, double P95, double Max, long Rss)>();
        var edits = 0;
        var requests = 0;
        output.WriteLine($"soak: {documentCount} documents, {minutes} minutes; per minute: edits, requests, latency p50/p95/max ms, VmRSS MiB");
        while (clock.Elapsed < TimeSpan.FromMinutes(minutes))
        {
            var doc = random.Next(documentCount);
            var text = texts[doc];
            if (random.Next(200) == 0)
            {
                // Now and then a whole-document replacement, so documents do not drift into noise.
                text.Clear().Append(AbuseTraffic.GoodText.Replace("core", $"core{doc}", StringComparison.Ordinal));
                await server.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uris[doc], ["version"] = ++versions[doc] },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text.ToString() }),
                });
            }
            else
            {
                var offset = random.Next(text.Length + 1);
                var remove = Math.Min(random.Next(3), text.Length - offset);
                var insert = random.Next(6) switch { 0 => "x", 1 => "\n", 2 => " ", 3 => "block q : cpu { on ur -> sea; }\n", 4 => ";", _ => "" };
                var (line, character) = LineAndCharacter(text, offset);
                var (endLine, endCharacter) = LineAndCharacter(text, offset + remove);
                await server.NotifyAsync("textDocument/didChange", AbuseTraffic.Change(uris[doc], ++versions[doc], line, character, endLine, endCharacter, insert));
                text.Remove(offset, remove).Insert(offset, insert);
            }

            edits++;
            if (edits % 4 == 0)
            {
                var target = random.Next(documentCount);
                var (line, character) = LineAndCharacter(texts[target], random.Next(texts[target].Length + 1));
                var method = random.Next(4) switch { 0 => "textDocument/hover", 1 => "textDocument/completion", 2 => "textDocument/documentSymbol", _ => "textDocument/semanticTokens/full" };
                JsonNode parameters = method is "textDocument/hover" or "textDocument/completion"
                    ? AbuseTraffic.AtPosition(uris[target], line, character)
                    : new JsonObject { ["textDocument"] = AbuseTraffic.Document(uris[target]) };
                var started = Stopwatch.GetTimestamp();
                var response = await server.RequestAsync(method, parameters);
                minuteLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                requests++;
                if (response.IsError && response.ErrorCode != -32602)
                {
                    output.WriteLine($"soak: {method} failed: {response}");
                }
            }
            else
            {
                await Task.Delay(random.Next(0, 8));
            }

            if (clock.Elapsed >= TimeSpan.FromMinutes(rows.Count + 1))
            {
                minuteLatencies.Sort();
                var row = (rows.Count + 1, edits, requests, Percentile(minuteLatencies, 0.5), Percentile(minuteLatencies, 0.95), minuteLatencies.LastOrDefault(), server.ResidentBytes() >> 20);
                rows.Add(row);
                output.WriteLine($"minute {row.Item1,2}: {row.edits,6} edits, {row.requests,5} requests, latency {row.Item4,6:F1} / {row.Item5,6:F1} / {row.Item6,7:F1} ms, VmRSS {row.Item7,5} MiB");
                output.Flush();
                minuteLatencies.Clear();
                edits = 0;
                requests = 0;
            }

            if (server.HasExited)
            {
                output.WriteLine($"soak: the server exited ({server.ExitCode}): {server.StandardError}");
                return 1;
            }
        }

        if (rows.Count < 3)
        {
            return 0;
        }

        var early = rows.Take(2).ToList();
        var late = rows.TakeLast(2).ToList();
        var p95Drift = late.Average(r => r.P95) / Math.Max(1, early.Average(r => r.P95));
        var rssGrowth = (double)late.Max(r => r.Rss) / rows[0].Rss;
        output.WriteLine($"soak: p95 latency last two minutes / first two: {p95Drift:F2}; VmRSS last / first minute: {rssGrowth:F2} (peak {rows.Max(r => r.Rss)} MiB)");
        return p95Drift < 2 && rssGrowth < 1.5 && rows.Max(r => r.Rss) < 1024 ? 0 : 1;
    }

    private static (int Line, int Character) LineAndCharacter(StringBuilder text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
