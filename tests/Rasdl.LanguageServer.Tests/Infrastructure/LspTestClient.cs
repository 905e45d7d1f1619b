using System.Collections.Concurrent;
using Nerdbank.Streams;
using Rasdl.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Tests.Infrastructure;

/// <summary>
/// A language client over in-memory duplex pipes, talking to the real server started in-process:
/// header-delimited JSON-RPC both ways, as an editor would. It records every published
/// diagnostic and log message, and accepts the server's registration requests.
/// </summary>
public sealed class LspTestClient : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly ConcurrentQueue<PublishDiagnosticsParams> _diagnostics = new();
    private readonly SemaphoreSlim _published = new(0);
    private readonly Task<int> _server;

    private LspTestClient(RasdlLanguageServer server, JsonRpc rpc, TempWorkspace workspace)
    {
        Server = server;
        _rpc = rpc;
        Workspace = workspace;
        _server = server.RunAsync();
    }

    public RasdlLanguageServer Server { get; }

    public TempWorkspace Workspace { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The $/logTrace messages the server sent (only when tracing was asked for).</summary>
    public ConcurrentQueue<string> Trace { get; } = new();

    public ConcurrentQueue<RegistrationParams> Registrations { get; } = new();

    /// <summary>The workspace/…/refresh requests the server sent (method names, in order).</summary>
    public ConcurrentQueue<string> Refreshes { get; } = new();

    public InitializeResult Initialized { get; private set; } = null!;

    /// <summary>Starts a server on a fresh temporary workspace folder and initialises it (the folder is the workspace root).</summary>
    public static async Task<LspTestClient> StartAsync(bool initialize = true, ClientCapabilities? capabilities = null, object? initializationOptions = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var workspace = new TempWorkspace();
        var server = new RasdlLanguageServer(serverStream, serverStream, TextWriter.Null,
            new ServerOptions(TimeSpan.FromMilliseconds(20), Path.Combine(workspace.Root, ".std")));
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ClientJsonOptions() };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        var client = new LspTestClient(server, rpc, workspace);
        rpc.AddLocalRpcTarget(new ClientTarget(client), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        if (initialize)
        {
            await client.InitializeAsync(capabilities, initializationOptions);
        }

        return client;
    }

    /// <summary>
    /// The server's options, plus reflection for what only tests send (anonymous objects as
    /// settings, malformed parameters): the server itself resolves types from its
    /// source-generated contexts alone, so a type they lack still fails a test.
    /// </summary>
    private static System.Text.Json.JsonSerializerOptions ClientJsonOptions()
    {
        var options = LspJson.CreateOptions();
        options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        return options;
    }

    public async Task InitializeAsync(ClientCapabilities? capabilities = null, object? initializationOptions = null)
    {
        Initialized = await RequestAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ProcessId = Environment.ProcessId,
            RootUri = new Uri(Workspace.Root + "/").AbsoluteUri,
            Capabilities = capabilities ?? new ClientCapabilities(),
            WorkspaceFolders = [new WorkspaceFolder { Uri = new Uri(Workspace.Root).AbsoluteUri, Name = "test" }],
            InitializationOptions = initializationOptions,
        });
        await NotifyAsync(Methods.Initialized, new InitializedParams());
    }

    /// <summary>What the client answers to the server: diagnostics, log messages, capability registrations.</summary>
    private sealed class ClientTarget(LspTestClient client)
    {
        [JsonRpcMethod(Methods.TextDocumentPublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams parameters)
        {
            client._diagnostics.Enqueue(parameters);
            client._published.Release();
        }

        [JsonRpcMethod(Methods.WindowLogMessage, UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(LogMessageParams parameters) => client.Log.Enqueue(parameters.Message);

        [JsonRpcMethod(Methods.LogTrace, UseSingleObjectParameterDeserialization = true)]
        public void LogTrace(LogTraceParams parameters) => client.Trace.Enqueue(parameters.Message);

        [JsonRpcMethod(Methods.WorkspaceInlayHintRefresh)]
        public object? InlayHintRefresh() => client.Refreshed(Methods.WorkspaceInlayHintRefresh);

        [JsonRpcMethod(Methods.WorkspaceCodeLensRefresh)]
        public object? CodeLensRefresh() => client.Refreshed(Methods.WorkspaceCodeLensRefresh);

        [JsonRpcMethod(Methods.WorkspaceSemanticTokensRefresh)]
        public object? SemanticTokensRefresh() => client.Refreshed(Methods.WorkspaceSemanticTokensRefresh);

        [JsonRpcMethod(Methods.ClientRegisterCapability, UseSingleObjectParameterDeserialization = true)]
        public object? RegisterCapability(RegistrationParams parameters)
        {
            client.Registrations.Enqueue(parameters);
            return null;
        }
    }

    private object? Refreshed(string method)
    {
        Refreshes.Enqueue(method);
        return null;
    }

    /// <summary>Waits until the server has asked for the refresh, or the timeout passes; true when it did.</summary>
    public async Task<bool> RefreshedAsync(string method, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!Refreshes.Contains(method))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public static string UriOf(string path) => new Uri(path).AbsoluteUri;

    public string Uri(string relativePath) => UriOf(Path.Combine(Workspace.Root, relativePath));

    public Task<T> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    /// <summary>Writes the file to disk and opens it with the same text; returns its URI.</summary>
    public async Task<string> OpenAsync(string relativePath, string text, int version = 1)
    {
        var path = Workspace.Write(relativePath, text);
        var uri = UriOf(path);
        await NotifyAsync(Methods.TextDocumentDidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = uri, LanguageId = "rasdl", Version = version, Text = text },
        });
        return uri;
    }

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync(Methods.TextDocumentDidChange, new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = uri, Version = version },
            ContentChanges = changes,
        });

    /// <summary>The first diagnostics published for the URI (at the version, if given) after this call, or earlier ones not yet seen.</summary>
    public async Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, int? version = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var match = _diagnostics.LastOrDefault(d => d.Uri == uri && (version is null || d.Version == version));
            if (match is not null)
            {
                _diagnostics.Clear();
                return match;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _published.WaitAsync(left))
            {
                throw new TimeoutException($"no diagnostics for {uri} (version {version}) were published; saw: {string.Join(", ", _diagnostics.Select(d => $"{d.Uri}@{d.Version}"))}");
            }
        }
    }

    /// <summary>Waits for the pending analysis to finish, then returns everything published so far and forgets it.</summary>
    public async Task<List<PublishDiagnosticsParams>> DrainDiagnosticsAsync()
    {
        await Task.Delay(100);
        await Server.Diagnostics.Current;
        await Task.Delay(50);
        var all = _diagnostics.ToList();
        _diagnostics.Clear();
        return all;
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync<object?>(Methods.Shutdown, new { });
        await NotifyAsync(Methods.Exit, new { });
        return await _server.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task<int> ServerExit => _server;

    /// <summary>
    /// The first log message that matches, waiting for it up to 10 s: window/logMessage is a
    /// notification, so it may arrive after the response to a later request. Null if none came.
    /// </summary>
    public Task<string?> LogMessageAsync(Func<string, bool> matches) => FirstAsync(Log, matches);

    /// <summary>
    /// The first client/registerCapability the server sent, waiting for it up to 10 s: the server
    /// sends it while handling the initialized notification, which runs alongside later requests,
    /// so it may arrive after their responses. Null if none came.
    /// </summary>
    /// <summary>The first $/logTrace message that matches, waiting for it up to 10 s.</summary>
    public Task<string?> TraceAsync(Func<string, bool> matches) => FirstAsync(Trace, matches);

    public Task<RegistrationParams?> RegistrationAsync() => FirstAsync(Registrations, _ => true);

    private static async Task<T?> FirstAsync<T>(IEnumerable<T> arrived, Func<T, bool> matches)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (arrived.FirstOrDefault(matches) is { } item)
            {
                return item;
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(10);
        }
    }

    public static Position At(int line, int character) => new() { Line = line, Character = character };

    public static TextDocumentIdentifier Document(string uri) => new() { Uri = uri };

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await Task.WhenAny(_server, Task.Delay(5000));
        Server.Dispose();
        Workspace.Dispose();
    }
}
