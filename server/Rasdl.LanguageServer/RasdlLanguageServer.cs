using Microsoft.VisualStudio.Threading;
using Rasdl.LanguageServer.Features;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Features.Lifecycle;
using Rasdl.LanguageServer.Features.Sync;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer;

/// <summary>Settings of one server instance.</summary>
/// <param name="AnalysisDelay">How long after the last change the open documents are re-analysed.</param>
/// <param name="StandardLibraryFolder">Where the standard library's files are written for navigation; null: a fresh private folder under the temporary directory, removed when the server ends.</param>
public sealed record ServerOptions(TimeSpan AnalysisDelay, string? StandardLibraryFolder = null)
{
    // No delay: analysis starts at once. A change cancels a run still waiting for its turn
    // (never the one running), so a burst of typing costs at most one more run, and an edit's
    // diagnostics arrive as soon as that run ends (docs/performance.md).
    public static readonly ServerOptions Default = new(TimeSpan.Zero);
}

/// <summary>
/// The RASDL language server: LSP over a pair of streams (stdio in the tool, in-memory pipes in
/// tests), header-delimited JSON-RPC with $/cancelRequest. Messages are handled one at a time in
/// the order they arrive, so edits apply in order; long work (analysis) runs off that queue.
/// </summary>
public sealed class RasdlLanguageServer : IDisposable
{
    private readonly JsonRpc _rpc;
    private readonly LifecycleHandler _lifecycle;

    public RasdlLanguageServer(Stream output, Stream input, TextWriter log, ServerOptions? options = null)
    {
        options ??= ServerOptions.Default;
        // Unreadable messages are answered with an error instead of ending the connection; the
        // lifecycle's rules (nothing before initialize, nothing but exit after shutdown) are enforced.
        var formatter = new TolerantJsonFormatter { JsonSerializerOptions = LspJson.CreateOptions() };
        _rpc = new LspJsonRpc(new HeaderDelimitedMessageHandler(output, new BoundedHeaderStream(input), formatter), () => _lifecycle!)
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        Client = new LanguageClient(_rpc, log);
        Workspace = new RasdlWorkspace(new DocumentUris(new StandardLibraryFiles(options.StandardLibraryFolder)));
        Diagnostics = new DiagnosticPublisher(Workspace, Client, options.AnalysisDelay);
        _lifecycle = new LifecycleHandler(Workspace, Client);

        var targetOptions = new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true };
        foreach (var target in FeatureHandlers.Create(Workspace, Client, Diagnostics).Prepend(RpcTarget.Of(new TextDocumentSyncHandler(Workspace, Diagnostics, Client))).Prepend(RpcTarget.Of(_lifecycle)))
        {
            _rpc.AddLocalRpcTarget(target.Metadata, target.Handler, targetOptions);
        }

        var invalidMessages = RpcTarget.Of(new InvalidMessageHandler(formatter, Client));
        _rpc.AddLocalRpcTarget(invalidMessages.Metadata, invalidMessages.Handler, null);
        _rpc.Disconnected += (_, e) =>
        {
            // A broken frame (no or bad Content-Length) cannot be resynchronised: say why the server ends.
            if (e.Reason is not (DisconnectedReason.RemotePartyTerminated or DisconnectedReason.LocallyDisposed or DisconnectedReason.LocalContractViolation) || e.Exception is not null)
            {
                Client.Log(MessageType.Error, $"the connection closed ({e.Reason}): {e.Description}");
            }

            _lifecycle.Disconnected();
        };
    }

    public RasdlWorkspace Workspace { get; }

    public LanguageClient Client { get; }

    public DiagnosticPublisher Diagnostics { get; }

    /// <summary>Serves until the client sends exit (or disconnects); returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        _rpc.StartListening();
        var code = await _lifecycle.Exited.ConfigureAwait(false);
        Dispose();
        return code;
    }

    public void Dispose()
    {
        _rpc.Dispose();
        Workspace.Uris.StandardLibrary.Dispose();
    }
}
