using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Lifecycle;

/// <summary>initialize, initialized, shutdown and exit: capabilities, workspace folders, file watching, the exit code.</summary>
public sealed class LifecycleHandler(RasdlWorkspace workspace, LanguageClient client)
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ShutdownRequested { get; private set; }

    /// <summary>True once initialize has been answered: before it, requests are refused (LSP: ServerNotInitialized).</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>Completes with the process exit code when the client sends exit: 0 after shutdown, 1 without.</summary>
    public Task<int> Exited => _exit.Task;

    [JsonRpcMethod(Methods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        client.Capabilities = parameters.Capabilities;
        client.Trace = parameters.Trace ?? TraceValue.Off;
        var folders = parameters.WorkspaceFolders?.Select(f => f.Uri).ToList()
            ?? (parameters.RootUri is { } root ? [root] : []);
        IsInitialized = true;
        workspace.Folders = [.. folders.Select(uri => Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? Path.GetFullPath(u.LocalPath) : null).OfType<string>()];
        workspace.DefaultProfile = Configuration.ConfigurationHandler.ReadDefaultProfile(parameters.InitializationOptions as System.Text.Json.JsonElement?);
        return new InitializeResult
        {
            Capabilities = ServerCapabilitiesFactory.Create(),
            ServerInfo = new ServerInfo
            {
                Name = "rasdl-lsp",
                Version = ServerCommandLine.Version,
            },
        };
    }

    [JsonRpcMethod(Methods.Initialized, UseSingleObjectParameterDeserialization = true)]
    public async Task InitializedAsync(InitializedParams? parameters = null)
    {
        if (client.Capabilities.Workspace?.DidChangeWatchedFiles?.DynamicRegistration != true)
        {
            return;
        }

        // Imported files that are not open, and rasdl.json, are read from disk: watch them.
        var registration = new Registration
        {
            Id = "rasdl-watched-files",
            Method = Methods.WorkspaceDidChangeWatchedFiles,
            RegisterOptions = new DidChangeWatchedFilesRegistrationOptions
            {
                Watchers = [new Protocol.FileSystemWatcher { GlobPattern = "**/*.rasdl" }, new Protocol.FileSystemWatcher { GlobPattern = "**/rasdl.json" }],
            },
        };
        try
        {
            await client.RequestAsync<object?>(Methods.ClientRegisterCapability, new RegistrationParams { Registrations = [registration] }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
        {
            client.Log(MessageType.Warning, $"the client refused file watching ({e.Message}); changes to imported files show when they are opened or saved");
        }
    }

    /// <summary>$/setTrace: at "messages" or "verbose" the server logs where each analysis spends its time ($/logTrace).</summary>
    [JsonRpcMethod(Methods.SetTrace, UseSingleObjectParameterDeserialization = true)]
    public void SetTrace(SetTraceParams parameters) => client.Trace = parameters.Value;

    [JsonRpcMethod(Methods.Shutdown)]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        return null;
    }

    [JsonRpcMethod(Methods.Exit)]
    public void Exit() => _exit.TrySetResult(ShutdownRequested ? 0 : 1);

    /// <summary>The connection closed without exit: the client died.</summary>
    public void Disconnected() => _exit.TrySetResult(ShutdownRequested ? 0 : 1);
}
