using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rasdl.Robustness.Protocol;

/// <summary>A response from the server: the raw JSON, its result or its error code.</summary>
public sealed record LspResponse(JsonElement Message)
{
    public bool IsError => Message.TryGetProperty("error", out _);

    public int? ErrorCode => Message.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetInt32() : null;

    public JsonElement Result => Message.GetProperty("result");

    public override string ToString() => Message.GetRawText();
}

/// <summary>
/// The real language server as a separate process (<c>dotnet rasdl-lsp.dll</c>, or the build RASDL_LSP_SERVER names) spoken to over
/// its stdin and stdout with hand-made frames, so that a test can send anything, malformed
/// frames included. Reads every message the server sends: answers the server's own requests
/// with null, records notifications, and matches responses to requests by id.
/// </summary>
public sealed class LspProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LspResponse>> _pending = new();
    private readonly ConcurrentQueue<LspResponse> _unmatched = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private long _nextId;

    private LspProcess(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _reader = Task.Run(ReadLoopAsync);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                if (_stderr.Length < 1 << 20)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The rasdl-lsp.dll built beside the tests, or the build RASDL_LSP_SERVER names (the Native AOT executable).</summary>
    public static string Program => ServerProgram.Override ?? Path.Combine(AppContext.BaseDirectory, "rasdl-lsp.dll");

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Notifications the server sent, by method (window/logMessage, textDocument/publishDiagnostics…).</summary>
    public ConcurrentDictionary<string, int> Notifications { get; } = new();

    /// <summary>The latest publishDiagnostics per document URI.</summary>
    public ConcurrentDictionary<string, JsonElement> Diagnostics { get; } = new();

    /// <summary>The document version the latest publishDiagnostics per URI was for (when it names one).</summary>
    public ConcurrentDictionary<string, int> DiagnosticsVersions { get; } = new();

    /// <summary>Responses whose id matched no request of ours (answers to garbage carry id null).</summary>
    public IReadOnlyCollection<LspResponse> Unmatched => _unmatched;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static LspProcess Start(string workingDirectory)
    {
        var start = ServerProgram.StartInfo(Program);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new LspProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {Program}"));
    }

    /// <summary>Resident memory of the server process in bytes, from /proc/PID/status (VmRSS).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS line");
    }

    /// <summary>Writes bytes exactly as given: frames, broken frames, garbage.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _input.WriteAsync(bytes).ConfigureAwait(false);
            await _input.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public static byte[] Frame(string body) => Frame(Encoding.UTF8.GetBytes(body));

    public static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    public Task SendAsync(JsonNode message) => SendRawAsync(Frame(message.ToJsonString()));

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters?.DeepClone() });

    /// <summary>A new request id, and a task for the response to it.</summary>
    public (JsonNode Id, Task<LspResponse> Response) Expect() => Expect(JsonValue.Create(Interlocked.Increment(ref _nextId)));

    /// <summary>A task for the response to a request with this id (a number or a string).</summary>
    public (JsonNode Id, Task<LspResponse> Response) Expect(JsonNode id)
    {
        var completion = new TaskCompletionSource<LspResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id.ToJsonString()] = completion;
        return (id, completion.Task);
    }

    public async Task<LspResponse> RequestAsync(string method, JsonNode? parameters, JsonNode id)
    {
        var (_, response) = Expect(id);
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["method"] = method, ["params"] = parameters?.DeepClone() }).ConfigureAwait(false);
        return await response.ConfigureAwait(false);
    }

    /// <summary>Requests sent and not answered yet.</summary>
    public int Pending => _pending.Count;

    public async Task<LspResponse> RequestAsync(string method, JsonNode? parameters)
    {
        var (id, response) = Expect();
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters?.DeepClone() }).ConfigureAwait(false);
        return await response.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        var output = _process.StandardOutput.BaseStream;
        var header = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            // Headers end with an empty line; only Content-Length matters.
            header.Clear();
            while (header.Count < 4 || header[^4] != '\r' || header[^3] != '\n' || header[^2] != '\r' || header[^1] != '\n')
            {
                if (await output.ReadAsync(one).ConfigureAwait(false) == 0)
                {
                    FailPending(new EndOfStreamException($"the server closed its output (exit code {(_process.HasExited ? _process.ExitCode : -1)})"));
                    return;
                }

                header.Add(one[0]);
            }

            var length = Encoding.ASCII.GetString([.. header]).Split("\r\n")
                .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Single();
            var body = new byte[length];
            await output.ReadExactlyAsync(body).ConfigureAwait(false);
            Dispatch(JsonDocument.Parse(body).RootElement.Clone());
        }
    }

    private void Dispatch(JsonElement message)
    {
        var hasMethod = message.TryGetProperty("method", out var method);
        var hasId = message.TryGetProperty("id", out var id);
        if (hasMethod && hasId)
        {
            // A request from the server (registerCapability, configuration…): accept it.
            _ = SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = null });
        }
        else if (hasMethod)
        {
            var name = method.GetString() ?? "";
            Notifications.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (name == "textDocument/publishDiagnostics")
            {
                var parameters = message.GetProperty("params");
                var uri = parameters.GetProperty("uri").GetString()!;
                if (parameters.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number)
                {
                    DiagnosticsVersions[uri] = version.GetInt32();
                }

                Diagnostics[uri] = parameters.GetProperty("diagnostics");
            }
        }
        else if (hasId && id.ValueKind is JsonValueKind.Number or JsonValueKind.String && _pending.TryRemove(JsonNode.Parse(id.GetRawText())!.ToJsonString(), out var completion))
        {
            completion.TrySetResult(new LspResponse(message));
        }
        else
        {
            _unmatched.Enqueue(new LspResponse(message));
        }
    }

    private void FailPending(Exception e)
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var completion))
            {
                completion.TrySetException(e);
            }
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or JsonException or InvalidOperationException or FormatException)
        {
        }

        _process.Dispose();
    }
}
