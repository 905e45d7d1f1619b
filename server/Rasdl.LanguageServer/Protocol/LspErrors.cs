using StreamJsonRpc;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>JSON-RPC error responses a handler can answer with.</summary>
public static class LspErrors
{
    /// <summary>The request is valid but cannot be carried out (e.g. renaming a standard-library name).</summary>
    public static LocalRpcException RequestFailed(string message) =>
        new(message) { ErrorCode = (int)LSPErrorCodes.RequestFailed };

    /// <summary>The document changed while the request was being answered: its answer would be about a version the client no longer has (the client asks again).</summary>
    public static LocalRpcException ContentModified(string message) =>
        new(message) { ErrorCode = (int)LSPErrorCodes.ContentModified };

    /// <summary>The request's parameters are not valid for the document (e.g. a position past its end).</summary>
    public static LocalRpcException InvalidParams(string message) =>
        new(message) { ErrorCode = (int)ErrorCodes.InvalidParams };
}
