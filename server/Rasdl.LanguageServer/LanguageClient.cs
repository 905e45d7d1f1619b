using System.Diagnostics.CodeAnalysis;
using Rasdl.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Rasdl.LanguageServer;

/// <summary>The editor on the other end: notifications and requests the server sends it, and the server's log.</summary>
public sealed class LanguageClient(JsonRpc rpc, TextWriter log)
{
    /// <summary>What the client said it supports in initialize; empty until then.</summary>
    public ClientCapabilities Capabilities { get; set; } = new();

    /// <summary>The client's trace setting (initialize's trace, then $/setTrace): "off", "messages" or "verbose".</summary>
    public string Trace { get; set; } = TraceValue.Off;

    public bool IsTracing => Trace is TraceValue.Messages or TraceValue.Verbose;

    /// <summary>Sends a $/logTrace (and writes it to the server's log) when the client asked for tracing; else nothing.</summary>
    public void LogTrace(string message)
    {
        if (!IsTracing)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine($"rasdl-lsp: trace: {message}");
            log.Flush();
        }

        _ = SafeNotify(Methods.LogTrace, new LogTraceParams { Message = message });
    }

    // The parameter object is written whole by the JSON formatter, through the source-generated
    // metadata of its runtime type (LspJson), never taken apart by reflection as the warning
    // fears (that is what other formatters do).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "See above: the formatter serialises the object through source-generated metadata.")]
    public Task NotifyAsync(string method, object parameters) =>
        rpc.IsDisposed ? Task.CompletedTask : rpc.NotifyWithParameterObjectAsync(method, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "See NotifyAsync.")]
    public Task<T> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);

    /// <summary>
    /// Asks the client to ask again for what it shows of every open document (a
    /// workspace/…/refresh request), when it said it supports that; a client that refuses is
    /// noted in the log, never an error.
    /// </summary>
    public async Task RefreshAsync(string method, bool? supported)
    {
        if (supported != true)
        {
            return;
        }

        try
        {
            await RequestAsync<object?>(method, new object(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
        {
            Log(MessageType.Warning, $"{method} failed: {e.Message}");
        }
    }

    /// <summary>Writes to the server's log (stderr) and, as a window/logMessage, to the client's output.</summary>
    public void Log(MessageType type, string message)
    {
        lock (log)
        {
            log.WriteLine($"rasdl-lsp: {message}");
            log.Flush();
        }

        _ = SafeNotify(Methods.WindowLogMessage, new LogMessageParams { Type = type, Message = message });
    }

    private async Task SafeNotify(string method, object parameters)
    {
        try
        {
            await NotifyAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException or IOException)
        {
            // The client has gone; there is nobody left to tell.
        }
    }
}
