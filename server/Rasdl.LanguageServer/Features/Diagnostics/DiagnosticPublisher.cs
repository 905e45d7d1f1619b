using System.Diagnostics;
using System.Globalization;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Features.Diagnostics;

/// <summary>
/// Re-analyses the open documents a short while after the last change (each new change cancels
/// the pending run) and publishes every file's diagnostics: the union, over the compilations of
/// all open documents, of the diagnostics located in that file. Files that no longer have any
/// get an empty list. A compiler exception becomes one internal-error diagnostic. When a
/// document's imports changed under it (another buffer edited, a file changed on disk), the
/// client is asked to ask again for its inlay hints, code lenses and semantic tokens: it asks
/// by itself only for the document that was edited.
/// </summary>
public sealed class DiagnosticPublisher(RasdlWorkspace workspace, LanguageClient client, TimeSpan delay)
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private CancellationTokenSource _pending = new();

    // Per open document, the version analysed last and the trees of the files it imports.
    private readonly Dictionary<string, (int Version, SyntaxTree[] Imports)> _analysed = new(StringComparer.Ordinal);

    /// <summary>The last scheduled run: what requests that need the whole analysis wait for (see <see cref="OffTheQueue"/>), shutdown and tests.</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    public void Schedule()
    {
        CancellationToken token;
        lock (_gate)
        {
            _pending.Cancel();
            _pending.Dispose();
            _pending = new CancellationTokenSource();
            token = _pending.Token;
            Current = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
            bool opened;
            try
            {
                opened = await PublishAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _publishing.Release();
            }

            // The diagnostics are out (what Current stands for): a collection that is near runs
            // in the pause that follows, unless the user types on.
            _ = CollectWhenIdleAsync(opened, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A newer change superseded this run.
        }
        catch (Exception e)
        {
            client.Log(MessageType.Error, $"publishing diagnostics failed: {e}");
        }
    }

    /// <param name="opened">Whether a document was analysed for the first time (see <see cref="IdleCollection.CollectAfterOpening"/>).</param>
    private async Task CollectWhenIdleAsync(bool opened, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(IdleCollection.Quiet, cancellationToken).ConfigureAwait(false);
            if ((opened ? IdleCollection.CollectAfterOpening() : IdleCollection.CollectIfNear()) is { } collected && client.IsTracing)
            {
                client.LogTrace(collected);
            }
        }
        catch (OperationCanceledException)
        {
            // The user typed on: the next run may collect after its diagnostics.
        }
    }

    /// <summary>Analyses and publishes; true when a document was analysed for the first time since it was opened.</summary>
    private async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        var opened = false;
        var byPath = new Dictionary<string, List<Protocol.Diagnostic>>(StringComparer.Ordinal);
        // Two compilations that share a file report its diagnostics twice: publish each once.
        var seen = new HashSet<(string Path, object? Code, object Message, Protocol.Range Range)>();
        var documents = workspace.OpenDocuments;
        var importsChanged = false;
        foreach (var document in documents)
        {
            byPath.TryAdd(document.Path, []);
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Counted from the change's arrival: what happened before the analysis started is part of the wait.
                var times = client.IsTracing ? new AnalysisTimes() { Collections = document.Changed.Collections, Allocated = document.Changed.Allocated, Waited = Stopwatch.GetElapsedTime(document.ChangedAt) } : null;
                var compilation = workspace.GetCompilation(document.Path, times);
                opened |= !_analysed.ContainsKey(document.Path);
                importsChanged |= ImportsChanged(document, compilation);
                // The containment findings are analysed, reused from the previous version or not
                // needed (Compilation.ContainmentDiagnosticsSource); the verdicts the other
                // features show are analysed when one of them first asks.
                var started = Stopwatch.GetTimestamp();
                var allocated = times is null ? 0 : GC.GetTotalAllocatedBytes();
                _ = compilation.ContainmentDiagnosticsSource;
                var analysed = Stopwatch.GetTimestamp();
                if (times is not null)
                {
                    times.AnalyseAllocated = GC.GetTotalAllocatedBytes() - allocated;
                }

                var all = compilation.GetDiagnostics();
                var collected = Stopwatch.GetTimestamp();
                foreach (var diagnostic in all.Where(d => !StandardLibraryPath.IsStandardLibrary(d.Location.Path)))
                {
                    var list = byPath.TryGetValue(diagnostic.Location.Path, out var existing) ? existing : byPath[diagnostic.Location.Path] = [];
                    var converted = DiagnosticConverter.ToLsp(diagnostic, workspace.Uris);
                    if (seen.Add((diagnostic.Location.Path, converted.Code, converted.Message, converted.Range)))
                    {
                        list.Add(converted);
                    }
                }

                if (times is not null)
                {
                    times.Analyse = Stopwatch.GetElapsedTime(started, analysed);
                    times.Diagnostics = Stopwatch.GetElapsedTime(analysed, collected);
                    times.Convert = Stopwatch.GetElapsedTime(collected);
                    var collections = ChangeStamp.CollectionCounts();
                    times.Allocated = GC.GetTotalAllocatedBytes() - times.Allocated;
                    times.Collections = (collections.Gen0 - times.Collections.Gen0, collections.Gen1 - times.Collections.Gen1, collections.Gen2 - times.Collections.Gen2);
                    client.LogTrace(Describe(document, times, all.Length, compilation.ContainmentDiagnosticsSource) + LastCollection(times.Collections));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                client.Log(MessageType.Error, $"the compiler failed on {document.Uri}: {e}");
                byPath[document.Path] = [DiagnosticConverter.InternalError(e)];
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var versions = documents.ToDictionary(d => d.Path, d => d.Version, StringComparer.Ordinal);
        var stale = _published.Where(p => !byPath.ContainsKey(p)).ToList();
        foreach (var path in stale)
        {
            byPath[path] = [];
        }

        var sending = Stopwatch.GetTimestamp();
        foreach (var (path, diagnostics) in byPath)
        {
            await client.NotifyAsync(Methods.TextDocumentPublishDiagnostics, new PublishDiagnosticsParams
            {
                Uri = workspace.Uris.ToUri(path),
                Version = versions.TryGetValue(path, out var version) ? version : null,
                Diagnostics = [.. diagnostics],
            }).ConfigureAwait(false);
            if (diagnostics.Count > 0)
            {
                _published.Add(path);
            }
            else
            {
                _published.Remove(path);
            }
        }

        if (client.IsTracing)
        {
            client.LogTrace(string.Create(CultureInfo.InvariantCulture, $"diagnostics: sent {byPath.Count} publishDiagnostics in {Stopwatch.GetElapsedTime(sending).TotalMilliseconds:F2} ms"));
        }

        foreach (var path in _analysed.Keys.Where(p => !versions.ContainsKey(p)).ToList())
        {
            _analysed.Remove(path);
        }

        if (importsChanged)
        {
            // Verdicts, hints and lenses come from the whole description, and a reference's
            // colour from what it names: a document whose own text is unchanged shows them anew
            // only when asked to. Not waited for: the next run must not hang on a client that
            // is slow to answer.
            var workspaceCapabilities = client.Capabilities.Workspace;
            _ = client.RefreshAsync(Methods.WorkspaceInlayHintRefresh, workspaceCapabilities?.InlayHint?.RefreshSupport);
            _ = client.RefreshAsync(Methods.WorkspaceCodeLensRefresh, workspaceCapabilities?.CodeLens?.RefreshSupport);
            _ = client.RefreshAsync(Methods.WorkspaceSemanticTokensRefresh, workspaceCapabilities?.SemanticTokens?.RefreshSupport);
        }

        return opened;
    }

    /// <summary>Whether the document, at the version analysed last, is now analysed over other imported files (by tree: an unchanged file keeps its tree).</summary>
    private bool ImportsChanged(TextDocument document, Compilation compilation)
    {
        var imports = compilation.SyntaxTrees.Where(t => !ReferenceEquals(t, compilation.Root.Tree)).ToArray();
        var changed = _analysed.TryGetValue(document.Path, out var before)
            && before.Version == document.Version
            && !before.Imports.AsSpan().SequenceEqual(imports, ReferenceEqualityComparer.Instance);
        _analysed[document.Path] = (document.Version, imports);
        return changed;
    }

    // The runtime keeps the details of the last collection of each kind: if one ran meanwhile,
    // say what it cost (its pause, and how much it kept), which is what sets a slow edit.
    private static string LastCollection((int Gen0, int Gen1, int Gen2) collections)
    {
        if (collections.Gen0 == 0)
        {
            return "";
        }

        var kind = collections.Gen2 > 0 ? GCKind.FullBlocking : GCKind.Ephemeral;
        var info = GC.GetGCMemoryInfo(kind);
        if (collections.Gen2 > 0 && info.Index == 0)
        {
            info = GC.GetGCMemoryInfo(GCKind.Background);
        }

        return "; the last one " + Describe(info);
    }

    /// <summary>"(gen0, compacting) paused 39.7 ms and kept 4.5 MB of a 17 MB heap": what a collection cost, as the trace says it.</summary>
    internal static string Describe(GCMemoryInfo info)
    {
        var pause = info.PauseDurations.Length > 0 ? info.PauseDurations[0].TotalMilliseconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"(gen{info.Generation}{(info.Compacted ? ", compacting" : "")}) paused {pause:F1} ms and kept {info.PromotedBytes / 1e6:F1} MB of a {info.HeapSizeBytes / 1e6:F0} MB heap");
    }

    // One line per analysed document: the stages' wall times in milliseconds, and how its buffer was parsed.
    private string Describe(TextDocument document, AnalysisTimes times, int count, string containment)
    {
        var parse = workspace.LastParse(document.Path);
        var parsed = parse is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (of which parse v{parse.Version} {parse.Elapsed.TotalMilliseconds:F2}: {parse.How})");
        return string.Create(CultureInfo.InvariantCulture,
            $"diagnostics: {Path.GetFileName(document.Path)} v{document.Version} ({Stopwatch.GetElapsedTime(document.ChangedAt).TotalMilliseconds:F2} ms after it came in, {times.Waited.TotalMilliseconds:F2} before loading): load {times.Load.TotalMilliseconds:F2}{parsed}, bind {times.Bind.TotalMilliseconds:F2} ({times.Binding}), lower+analyse {times.Analyse.TotalMilliseconds:F2} ({containment}), collect {times.Diagnostics.TotalMilliseconds:F2}, convert {times.Convert.TotalMilliseconds:F2} ms; {count} diagnostics; {times.Allocated / 1e6:F1} MB allocated (load {times.LoadAllocated / 1e6:F1}, bind {times.BindAllocated / 1e6:F1}, lower+analyse {times.AnalyseAllocated / 1e6:F1}); garbage collections meanwhile: {times.Collections.Gen0} (gen0+), {times.Collections.Gen1} (gen1+), {times.Collections.Gen2} (gen2)");
    }
}
