using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rasdl.Benchmarks.Generator;

namespace Rasdl.Benchmarks;

/// <summary>
/// The editor latency benchmark: starts the real language server as a process over stdio,
/// opens a generated file, and measures what a user feels. Each single-character edit is sent
/// as an incremental didChange and timed until the publishDiagnostics of that version arrives
/// (the next edit waits for it); then hovers and completions at realistic places. Edits come
/// in pairs that a user makes while typing: a typo in a name and its fix, a deleted semicolon
/// and its return (a syntax error in between), a changed digit and its return, a space typed
/// and deleted. None of those changes a path, so an edit's findings are reused or not needed;
/// with <c>pathEdits</c> a fifth pair does: a rule's outcome replaced by another and put back.
/// </summary>
public sealed class EditorLatency : IAsyncDisposable
{
    private readonly Process _server;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Dictionary<int, TaskCompletionSource<JsonNode?>> _requests = [];
    private readonly object _gate = new();
    private readonly Task _reader;
    private readonly List<string> _trace = [];
    private TaskCompletionSource<int>? _diagnosticsWaiter;
    private int _waitedVersion;
    private int _nextId;

    private EditorLatency(Process server)
    {
        _server = server;
        _input = server.StandardInput.BaseStream;
        _output = server.StandardOutput.BaseStream;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <param name="seriesPath">If set, each edit's time in order (version, kind, ms): where in a session the slow ones fall.</param>
    /// <param name="tracePath">If set, the server is asked to trace ($/logTrace) and its lines are written there: where each analysis spent its time.</param>
    /// <param name="asVsCode">
    /// If set, after each edit the client also asks for inlay hints over the 60 lines around it
    /// and for the document's code lenses, without waiting for them, and cancels those still
    /// unanswered when it sends the next edit: what VS Code does while a user types, and what
    /// an edit's diagnostics then compete with.
    /// </param>
    /// <param name="pause">
    /// How long the client waits after the file's first diagnostics and after each edit's before it sends the next edit: 0,
    /// edits back to back (the hardest case); 100 ms, a fast typist's ten characters a second,
    /// which leaves the server the pauses a user's typing does.
    /// </param>
    public static async Task<int> RunAsync(string serverPath, int lines, int edits, int queries, TextWriter output, string? seriesPath = null, string? tracePath = null, bool asVsCode = false, int pause = 0, bool pathEdits = false)
    {
        using var series = seriesPath is null ? null : new StreamWriter(seriesPath);
        var folder = Directory.CreateTempSubdirectory("rasdl-editor-").FullName;
        try
        {
            var path = Path.Combine(folder, $"platform-{lines}.rasdl");
            var text = PlatformGenerator.Generate(lines).Rasdl;
            await File.WriteAllTextAsync(path, text);
            var sinceStart = Stopwatch.StartNew();
            await using var client = Start(serverPath);
            var uri = new Uri(path).AbsoluteUri;

            await client.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = new Uri(folder).AbsoluteUri,
                ["trace"] = tracePath is null ? "off" : "messages",
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = new Uri(folder).AbsoluteUri, ["name"] = "bench" }),
                ["capabilities"] = new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject { ["versionSupport"] = true } },
                },
            });
            await client.NotifyAsync("initialized", new JsonObject());

            var watch = Stopwatch.StartNew();
            var opened = client.WaitForDiagnostics(1);
            await client.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "rasdl", ["version"] = 1, ["text"] = text },
            });
            await opened;
            var openTime = watch.Elapsed.TotalMilliseconds;
            var startTime = sinceStart.Elapsed.TotalMilliseconds;
            // CPU time the server used until then (all its threads, the warm-up included): on a
            // busy machine the wall time above mostly measures the other processes, this does not.
            var startCpu = client.ServerCpuTime.TotalMilliseconds;

            var document = text;
            var editTimes = new List<double>();
            var byKind = new Dictionary<string, List<double>>();
            var version = 1;
            var editsCpu = client.ServerCpuTime.TotalMilliseconds;
            var editorRequests = new EditorRequests(client);
            foreach (var (kind, offset, length, insert) in Edits(text, edits, pathEdits))
            {
                // A typist pauses before each keystroke, the first one too: nobody types into a
                // file the moment its diagnostics show.
                if (pause > 0)
                {
                    await Task.Delay(pause);
                }

                version++;
                var start = Position(document, offset);
                var end = Position(document, offset + length);
                document = document.Remove(offset, length).Insert(offset, insert);
                var published = client.WaitForDiagnostics(version);
                if (asVsCode)
                {
                    await editorRequests.CancelUnansweredAsync();
                }

                watch.Restart();
                await client.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = Range(start, end), ["text"] = insert }),
                });
                if (asVsCode)
                {
                    var around = Math.Max(0, start.Line - 30);
                    await editorRequests.StartAsync("textDocument/inlayHint", new JsonObject
                    {
                        ["textDocument"] = new JsonObject { ["uri"] = uri },
                        ["range"] = Range((around, 0), (around + 60, 0)),
                    });
                    await editorRequests.StartAsync("textDocument/codeLens", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
                }

                await published;
                var elapsed = watch.Elapsed.TotalMilliseconds;
                editTimes.Add(elapsed);
                series?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{version}\t{kind}\t{elapsed:F1}"));
                (byKind.TryGetValue(kind, out var list) ? list : byKind[kind] = []).Add(elapsed);
            }

            await editorRequests.CancelUnansweredAsync();
            await editorRequests.SettledAsync();
            editsCpu = client.ServerCpuTime.TotalMilliseconds - editsCpu;
            var final = document;
            var hoverTimes = new List<double>();
            var hoversWithContent = 0;
            foreach (var offset in Places(final, queries, "assign ", "route "))
            {
                var (line, character) = Position(document, offset);
                watch.Restart();
                var hover = await client.RequestAsync("textDocument/hover", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri },
                    ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
                });
                hoverTimes.Add(watch.Elapsed.TotalMilliseconds);
                hoversWithContent += hover?["contents"] is not null ? 1 : 0;
            }

            var completionTimes = new List<double>();
            var completionItems = 0;
            foreach (var offset in Places(final, queries, " via ", "-> "))
            {
                var (line, character) = Position(document, offset);
                watch.Restart();
                var completion = await client.RequestAsync("textDocument/completion", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri },
                    ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
                });
                completionTimes.Add(watch.Elapsed.TotalMilliseconds);
                completionItems += (completion as JsonArray ?? completion?["items"] as JsonArray)?.Count ?? 0;
            }

            await client.RequestAsync("shutdown", null);
            await client.NotifyAsync("exit", null);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"editor latency on a {final.Count(c => c == '\n')}-line file (server: {serverPath}); {(pause > 0 ? $"{pause} ms between the diagnostics and the next edit" : "edits back to back")}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process start -> first diagnostics: {startTime:F1} ms ({startCpu:F0} ms of server CPU time)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open -> first diagnostics: {openTime:F1} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU time during the edits: {editsCpu:F0} ms ({editsCpu / Math.Max(1, editTimes.Count):F1} ms per edit)"));
            output.WriteLine("| request | count | p50 ms | p95 ms | max ms |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            Row(output, "edit -> publishDiagnostics", editTimes);
            foreach (var (kind, times) in byKind)
            {
                Row(output, $"  of which {kind}", times);
            }

            if (asVsCode)
            {
                foreach (var (method, times) in editorRequests.Answered)
                {
                    Row(output, $"{method} after an edit (answered)", times);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"inlay hints and code lenses after the edits: {editorRequests.Started} asked for, {editorRequests.Cancelled} cancelled before their answer (as VS Code does when the next edit comes), {editorRequests.Refused} answered with an error (cancelled, or the document changed)"));
            }

            Row(output, "hover", hoverTimes);
            Row(output, "completion", completionTimes);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{hoversWithContent} of {hoverTimes.Count} hovers had content; the completions offered {completionItems} items in all"));
            if (tracePath is not null)
            {
                await File.WriteAllLinesAsync(tracePath, client.TraceLines());
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The requests VS Code sends after each edit, each timed from when it was sent to its answer, and cancelled if the next edit comes first.</summary>
    private sealed class EditorRequests(EditorLatency client)
    {
        private readonly List<(int Id, Task Answer)> _unanswered = [];
        private readonly List<Task> _all = [];

        public Dictionary<string, List<double>> Answered { get; } = [];

        public int Started { get; private set; }

        public int Cancelled { get; private set; }

        /// <summary>How many were answered with an error (the server stopped them when they were cancelled).</summary>
        public int Refused { get; private set; }

        public async Task StartAsync(string method, JsonNode parameters)
        {
            var since = Stopwatch.StartNew();
            var (id, response) = await client.SendRequestAsync(method, parameters);
            Started++;
            var answer = Record(method, since, response);
            _unanswered.Add((id, answer));
            _all.Add(answer);
        }

        public async Task CancelUnansweredAsync()
        {
            foreach (var (id, answer) in _unanswered)
            {
                if (!answer.IsCompleted)
                {
                    Cancelled++;
                    await client.NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id });
                }
            }

            _unanswered.Clear();
        }

        public Task SettledAsync() => Task.WhenAll(_all);

        private async Task Record(string method, Stopwatch since, Task<JsonNode?> response)
        {
            try
            {
                await response;
                lock (Answered)
                {
                    (Answered.TryGetValue(method, out var times) ? times : Answered[method] = []).Add(since.Elapsed.TotalMilliseconds);
                }
            }
            catch (InvalidOperationException)
            {
                // Answered with an error: cancelled (RequestCancelled), which VS Code ignores too.
                lock (Answered)
                {
                    Refused++;
                }
            }
        }
    }

    private static void Row(TextWriter output, string name, List<double> times)
    {
        if (times.Count == 0)
        {
            // None asked for (--queries 0): a row of dashes rather than a percentile of nothing.
            output.WriteLine($"| {name} | 0 | - | - | - |");
            return;
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times.Count} | {At(0.5):F1} | {At(0.95):F1} | {times[^1]:F1} |"));
    }

    /// <summary>Pairs of single-character edits spread over the file: (offset, length replaced, text inserted), applied in order.</summary>
    private static IEnumerable<(string Kind, int Offset, int Length, string Insert)> Edits(string text, int count, bool pathEdits)
    {
        var assigns = Occurrences(text, "\nassign ").ToList();
        var routes = Occurrences(text, "\nroute ").ToList();
        var sizes = Occurrences(text, " size 16K").ToList();
        var rules = Occurrences(text, "    on ").ToList();
        var outcomes = Occurrences(text, "(read)         -> all_ones;").ToList();
        for (var pair = 0; pair < count / 2; pair++)
        {
            var spread = (pair * 7919) + 13;
            switch (pair % (pathEdits ? 5 : 4))
            {
                case 4:
                {
                    // A read's outcome replaced (all_ones -> slverr, a word double-clicked and
                    // typed over): the paths through that block change, and so may verdicts.
                    var word = outcomes[spread % outcomes.Count] + "(read)         -> ".Length;
                    yield return ("a rule's outcome replaced (a path changes)", word, "all_ones".Length, "slverr");
                    yield return ("a rule's outcome replaced (a path changes)", word, "slverr".Length, "all_ones");
                    break;
                }

                case 0:
                {
                    // A typo in a region name (an unknown region), then its fix.
                    var line = assigns[spread % assigns.Count];
                    var dot = text.IndexOf('.', line);
                    var end = text.IndexOf(' ', dot);
                    yield return ("typo in a region name", end - 1, 1, "");
                    yield return ("typo in a region name", end - 1, 0, text[(end - 1)..end]);
                    break;
                }

                case 1:
                {
                    // A deleted semicolon (a syntax error), then typed again.
                    var semi = text.IndexOf(';', routes[spread % routes.Count]);
                    yield return ("semicolon deleted (syntax error)", semi, 1, "");
                    yield return ("semicolon deleted (syntax error)", semi, 0, ";");
                    break;
                }

                case 2:
                {
                    // A digit changed (16K -> 12K) and changed back.
                    var digit = sizes[spread % sizes.Count] + " size 1".Length;
                    yield return ("digit of a size changed", digit, 1, "2");
                    yield return ("digit of a size changed", digit, 1, "6");
                    break;
                }

                default:
                {
                    // A space typed after "on" and deleted.
                    var at = rules[spread % rules.Count] + "    on".Length;
                    yield return ("space typed", at, 0, " ");
                    yield return ("space typed", at, 1, "");
                    break;
                }
            }
        }
    }

    /// <summary>Offsets just after each of the markers, spread over the file.</summary>
    private static IEnumerable<int> Places(string text, int count, string first, string second)
    {
        var a = Occurrences(text, first).ToList();
        var b = Occurrences(text, second).ToList();
        for (var i = 0; i < count; i++)
        {
            var list = i % 2 == 0 ? a : b;
            var marker = i % 2 == 0 ? first : second;
            yield return list[((i * 7919) + 13) % list.Count] + marker.Length + (i % 4 < 2 ? 1 : 0);
        }
    }

    private static IEnumerable<int> Occurrences(string text, string marker)
    {
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            yield return marker[0] == '\n' ? at + 1 : at;
        }
    }

    private static (int Line, int Character) Position(string text, int offset)
    {
        var before = text.AsSpan(0, offset);
        return (before.Count('\n'), offset - (before.LastIndexOf('\n') + 1));
    }

    private static JsonObject Range((int Line, int Character) start, (int Line, int Character) end) => new()
    {
        ["start"] = new JsonObject { ["line"] = start.Line, ["character"] = start.Character },
        ["end"] = new JsonObject { ["line"] = end.Line, ["character"] = end.Character },
    };

    // ------------------------------------------------------------------ the LSP connection

    /// <summary>User and system time of the server process so far.</summary>
    private List<string> TraceLines()
    {
        lock (_gate)
        {
            return [.. _trace];
        }
    }

    private TimeSpan ServerCpuTime
    {
        get
        {
            _server.Refresh();
            return _server.TotalProcessorTime;
        }
    }

    private static EditorLatency Start(string serverPath)
    {
        var isDll = serverPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isDll ? "dotnet" : serverPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll)
        {
            start.ArgumentList.Add(serverPath);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {serverPath}");
        process.ErrorDataReceived += (_, _) => { }; // the server's log: drained, not shown
        process.BeginErrorReadLine();
        return new EditorLatency(process);
    }

    private Task WaitForDiagnostics(int version)
    {
        lock (_gate)
        {
            _waitedVersion = version;
            _diagnosticsWaiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _diagnosticsWaiter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters)
    {
        var (_, response) = await SendRequestAsync(method, parameters);
        return await response;
    }

    /// <summary>Sends a request; its id, and its answer (an error answer throws), waited for at most a minute.</summary>
    private async Task<(int Id, Task<JsonNode?> Response)> SendRequestAsync(string method, JsonNode? parameters)
    {
        TaskCompletionSource<JsonNode?> response;
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests[id] = response;
        }

        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return (id, response.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _input.WriteAsync(header);
        await _input.WriteAsync(body);
        await _input.FlushAsync();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        while (true)
        {
            var read = await _output.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            pending.Write(buffer, 0, read);
            while (TryTakeMessage(pending) is { } message)
            {
                await HandleAsync(message);
            }
        }
    }

    private static JsonNode? TryTakeMessage(MemoryStream pending)
    {
        var data = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        var headerEnd = data.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return null;
        }

        var header = Encoding.ASCII.GetString(data[..headerEnd]);
        var lengthLine = header.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        if (data.Length < headerEnd + 4 + length)
        {
            return null;
        }

        var message = JsonNode.Parse(data.Slice(headerEnd + 4, length));
        var rest = data[(headerEnd + 4 + length)..].ToArray();
        pending.SetLength(0);
        pending.Write(rest);
        return message;
    }

    private async Task HandleAsync(JsonNode message)
    {
        var method = message["method"]?.GetValue<string>();
        var id = message["id"];
        if (method is not null && id is not null)
        {
            // A request from the server (configuration, registrations, refreshes): answer null.
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = null });
            return;
        }

        if (method == "$/logTrace")
        {
            lock (_gate)
            {
                _trace.Add(message["params"]?["message"]?.GetValue<string>() ?? "");
            }

            return;
        }

        if (method == "textDocument/publishDiagnostics")
        {
            var version = message["params"]?["version"]?.GetValue<int>() ?? -1;
            lock (_gate)
            {
                if (_diagnosticsWaiter is { } waiter && version >= _waitedVersion)
                {
                    waiter.TrySetResult(version);
                }
            }

            return;
        }

        if (method is null && id is not null)
        {
            TaskCompletionSource<JsonNode?>? response;
            lock (_gate)
            {
                _requests.Remove(id.GetValue<int>(), out response);
            }

            if (message["error"] is { } error)
            {
                response?.TrySetException(new InvalidOperationException(error.ToJsonString()));
            }
            else
            {
                response?.TrySetResult(message["result"]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.WaitForExit(5000))
        {
            _server.Kill(entireProcessTree: true);
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _server.Dispose();
    }
}
