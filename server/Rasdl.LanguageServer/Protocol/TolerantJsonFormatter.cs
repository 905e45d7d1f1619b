using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// The JSON formatter, except that a message it cannot read does not end the connection.
/// StreamJsonRpc treats any unreadable message as fatal and disconnects, which would end the
/// server (and the user's session) because of one bad frame. The frame has been read in full
/// by then, so the stream is still in step: the message becomes a call of
/// <see cref="InvalidMessageHandler"/>, which answers with a JSON-RPC error (the request's id
/// when the text has one, else null), and the server reads on.
/// </summary>
public sealed class TolerantJsonFormatter : SystemTextJsonFormatter, IJsonRpcMessageTextFormatter
{
    // StreamJsonRpc marks this formatter as not hardened for trimming and Native AOT as a whole.
    // What it needs is met here: user data goes through LspJson's options, whose metadata come
    // from source-generated contexts only (no reflection fallback), and the server uses none of
    // the formatter's reflective extras (IProgress, IAsyncEnumerable, marshalable objects). The
    // server's whole test suite runs against the Native AOT binary (tests/README.md).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "See above: user data is (de)serialised through source-generated metadata.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "See above: user data is (de)serialised through source-generated metadata.")]
    public TolerantJsonFormatter()
    {
    }

    /// <summary>What was wrong with each unreadable message, in the order they arrived (the handler takes them in the same order).</summary>
    internal System.Collections.Concurrent.ConcurrentQueue<(int Code, string Message)> Problems { get; } = new();

    JsonRpcMessage IJsonRpcMessageFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer) =>
        ((IJsonRpcMessageTextFormatter)this).Deserialize(contentBuffer, Encoding);

    JsonRpcMessage IJsonRpcMessageTextFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer, Encoding encoding)
    {
        try
        {
            return Deserialize(contentBuffer, encoding);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unreadable(contentBuffer, e);
        }
    }

    private JsonRpcRequest Unreadable(ReadOnlySequence<byte> content, Exception problem)
    {
        var id = RequestId.Null;
        var isRequest = true;
        var code = (int)JsonRpcErrorCode.ParseError;
        var message = $"the message is not valid JSON ({problem.Message})";
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            code = (int)JsonRpcErrorCode.InvalidRequest;
            message = $"the message is not a valid JSON-RPC request ({problem.Message})";
            if (root.ValueKind != JsonValueKind.Object)
            {
                message = $"the message is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a JSON-RPC request object (batches are not supported)";
            }
            else if (!root.TryGetProperty("id", out var idElement))
            {
                // A notification: no answer may be sent.
                isRequest = !root.TryGetProperty("method", out _);
            }
            else if (idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var number))
            {
                id = new RequestId(number);
            }
            else if (idElement.ValueKind == JsonValueKind.String)
            {
                id = new RequestId(idElement.GetString());
            }
        }
        catch (JsonException)
        {
        }

        Problems.Enqueue((code, message));
        return new JsonRpcRequest { Method = isRequest ? InvalidMessageHandler.RequestMethod : InvalidMessageHandler.NotificationMethod, RequestId = isRequest ? id : default };
    }
}

/// <summary>Answers the messages <see cref="TolerantJsonFormatter"/> could not read: an error for a request, a log line for a notification.</summary>
public sealed class InvalidMessageHandler(TolerantJsonFormatter formatter, LanguageClient client)
{
    public const string RequestMethod = "$/rasdl/invalidRequest";

    public const string NotificationMethod = "$/rasdl/invalidNotification";

    [JsonRpcMethod(RequestMethod)]
    public object? InvalidRequest()
    {
        var (code, message) = formatter.Problems.TryDequeue(out var problem) ? problem : ((int)JsonRpcErrorCode.InvalidRequest, "invalid request");
        client.Log(MessageType.Warning, message);
        throw new LocalRpcException(message) { ErrorCode = code };
    }

    [JsonRpcMethod(NotificationMethod)]
    public void InvalidNotification()
    {
        var message = formatter.Problems.TryDequeue(out var problem) ? problem.Message : "invalid notification";
        client.Log(MessageType.Warning, $"ignored a notification: {message}");
    }
}
