using Rasdl.LanguageServer.Features.Lifecycle;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// JSON-RPC with the LSP lifecycle rules StreamJsonRpc does not know: before initialize, a
/// request is answered with ServerNotInitialized and a notification dropped (exit excepted);
/// after shutdown, everything but exit is refused with InvalidRequest.
/// </summary>
public sealed class LspJsonRpc : JsonRpc
{
    private readonly IJsonRpcMessageFactory? _messages;
    private readonly Func<LifecycleHandler> _lifecycle;

    public LspJsonRpc(IJsonRpcMessageHandler handler, Func<LifecycleHandler> lifecycle)
        : base(handler)
    {
        _messages = handler.Formatter as IJsonRpcMessageFactory;
        _lifecycle = lifecycle;
    }

    protected override ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        var state = _lifecycle();
        if (request.Method is Methods.Exit or InvalidMessageHandler.RequestMethod or InvalidMessageHandler.NotificationMethod)
        {
            return base.DispatchRequestAsync(request, targetMethod, cancellationToken);
        }

        if (!state.IsInitialized && request.Method != Methods.Initialize)
        {
            return Refuse(request, (int)ErrorCodes.ServerNotInitialized, $"'{request.Method}' before initialize");
        }

        if (state.ShutdownRequested)
        {
            return Refuse(request, (int)ErrorCodes.InvalidRequest, $"'{request.Method}' after shutdown: only exit is accepted");
        }

        // Called before any await, so messages still start in the order they arrived.
        return base.DispatchRequestAsync(request, targetMethod, cancellationToken);
    }

    /// <summary>Parameters the handler's types cannot hold (a string for a line number, a line beyond 2^31) are InvalidParams, not a server failure.</summary>
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var cause = exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;
        return cause is System.Text.Json.JsonException
            ? new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.InvalidParams, Message = $"invalid parameters for '{request.Method}': {cause.Message}" }
            : base.CreateErrorDetails(request, exception);
    }

    // For a notification the error is dropped, not sent (JSON-RPC: notifications get no answer).
    private ValueTask<JsonRpcMessage> Refuse(JsonRpcRequest request, int code, string message)
    {
        var error = _messages?.CreateErrorMessage() ?? new JsonRpcError();
        error.RequestId = request.RequestId;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
        return new(error);
    }
}
