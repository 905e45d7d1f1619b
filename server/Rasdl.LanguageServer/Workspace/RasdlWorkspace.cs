using System.Collections.Immutable;
using System.Diagnostics;
using Rasdl.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.FileSystem;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// The server's view of the user's files: open buffers (which win over disk), the workspace
/// folders, and one compilation per open document (that document as the root, with everything
/// it imports). A compilation is reused until any buffer or watched file changes; parsed trees
/// are reused per buffer version, and per file on disk until it changes.
/// </summary>
public sealed class RasdlWorkspace : ISourceFileProvider
{
    /// <summary>Folders and files the workspace scan skips: tool output and dependencies.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", "bin", "obj", "artifacts", "out" };

    /// <summary>A workspace larger than this is scanned only this far for references and symbols.</summary>
    public const int MaxWorkspaceFiles = 2000;

    /// <summary>A workspace scan enters at most this many folders (a deep tree without descriptions ends the scan too).</summary>
    public const int MaxWorkspaceFolders = 20_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    // Parsed lazily and outside the lock: an edit never waits for a parse, and a parse started
    // for a version is shared by everything that asks for that version.
    private readonly Dictionary<(string Path, int Version), Lazy<SourceFile>> _parsed = [];
    private readonly Dictionary<string, (long Generation, Compilation Compilation)> _compilations = new(StringComparer.Ordinal);
    // Per open document, the newest compilation made of it, whatever its generation: the next
    // one reuses its containment findings where the edits changed nothing they depend on. Once
    // the document changes, only those findings are kept, not the compilation: its semantic model
    // and analysis are garbage from then on, instead of living on (and being copied by the
    // collector) while the next version is built.
    private readonly Dictionary<string, Latest> _latest = new(StringComparer.Ordinal);

    /// <summary>
    /// The newest compilation of a document, or after a change what the next version reuses of
    /// it: its findings and its semantic model (the compilation itself is let go of).
    /// </summary>
    private sealed record Latest(long Generation, Compilation? Compilation, ReusableFindings? Findings, SemanticModel? Model = null);
    // Per open buffer, the newest version that parsed without syntax errors: the next version is
    // parsed by splicing the declarations the edits touched into it (Parsing/IncrementalParser).
    private readonly Dictionary<string, (int Version, SyntaxTree Tree)> _cleanTrees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParseRecord> _lastParse = new(StringComparer.Ordinal);
    private DiskSourceFileProvider _disk = new();
    private long _generation;

    public RasdlWorkspace(DocumentUris uris) => Uris = uris;

    public DocumentUris Uris { get; }

    /// <summary>The client's workspace folders (full paths).</summary>
    public IReadOnlyList<string> Folders { get; set; } = [];

    /// <summary>The profile the editor shows in inlay hints and code lenses (setting rasdl.defaultProfile); null shows every profile.</summary>
    public string? DefaultProfile { get; set; }

    /// <summary>The verdicts the editor shows, with their places in the list: those of <see cref="DefaultProfile"/> when it names a profile that has one, else all.</summary>
    public IEnumerable<(int Index, Engine.RegionVerdict Verdict)> ShownVerdicts(ImmutableArray<Engine.RegionVerdict> verdicts) => Shown(verdicts, v => v.Profile);

    /// <summary>Of a region's results, by their profiles in order: the places of those the editor shows (see <see cref="ShownVerdicts"/>).</summary>
    public IEnumerable<(int Index, string Profile)> ShownProfiles(ImmutableArray<string> profiles) => Shown(profiles, p => p);

    // A loop, not Linq: a code lens request at 100k lines asks for about 15,000 regions'.
    private IEnumerable<(int Index, T Item)> Shown<T>(ImmutableArray<T> items, Func<T, string> profileOf)
    {
        var preferred = DefaultProfile;
        var hasPreferred = false;
        foreach (var item in items)
        {
            hasPreferred |= profileOf(item) == preferred;
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (!hasPreferred || profileOf(items[i]) == preferred)
            {
                yield return (i, items[i]);
            }
        }
    }

    /// <summary>Bumped on every change to a buffer or a watched file: analyses of an older generation are stale.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    public IReadOnlyList<TextDocument> OpenDocuments
    {
        get
        {
            lock (_gate)
            {
                return [.. _open.Values.Select(d => d.Snapshot())];
            }
        }
    }

    public TextDocument? GetDocument(string path)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(path)?.Snapshot();
        }
    }

    /// <summary>The version of an open buffer; null if it is not open.</summary>
    public int? GetVersion(string path)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(path)?.Version;
        }
    }

    public void Open(string uri, string path, int version, string text)
    {
        lock (_gate)
        {
            _open[path] = new OpenDocument(uri, path, version, text);
            _parsed.Keys.Where(k => k.Path == path).ToList().ForEach(k => _parsed.Remove(k));
            TextChanged(path);
            Invalidate();
        }
    }

    /// <summary>
    /// Applies a didChange to an open buffer: in place, in time proportional to the edit (not the
    /// file), and without parsing, so a burst of edits is taken in as fast as it arrives and only
    /// the version current when analysis runs is analysed. False (with the reason) if the buffer
    /// is not open or a change does not fit it; then nothing changes.
    /// </summary>
    public bool Change(string path, int version, IEnumerable<TextDocumentContentChangeEvent> changes, out string? problem)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(path, out var document))
            {
                problem = "the document is not open";
                return false;
            }

            var previous = document.Version;
            if (!document.Apply(version, changes, out problem))
            {
                return false;
            }

            _parsed.Remove((path, previous));
            if (_latest.TryGetValue(path, out var latest) && latest.Compilation?.FindingsForLaterVersions is { } findings)
            {
                _latest[path] = new Latest(latest.Generation, null, findings, latest.Compilation.ModelIfMade);
            }

            TextChanged(path);
            Invalidate();
            return true;
        }
    }

    public void Close(string path)
    {
        lock (_gate)
        {
            _open.Remove(path);
            _compilations.Remove(path);
            _latest.Remove(path);
            _cleanTrees.Remove(path);
            _lastParse.Remove(path);
            _parsed.Keys.Where(k => k.Path == path).ToList().ForEach(k => _parsed.Remove(k));
            TextChanged(path);
            Invalidate();
        }
    }

    /// <summary>Files changed on disk (imports, rasdl.json): forget what was read from disk.</summary>
    public void DiskChanged()
    {
        lock (_gate)
        {
            _disk = new DiskSourceFileProvider();
            Invalidate();
        }
    }

    private void Invalidate()
    {
        _generation++;
        _compilations.Clear();
    }

    // Per open buffer, cancelled when its text changes (see ChangedToken).
    private readonly Dictionary<string, CancellationTokenSource> _textChanges = new(StringComparer.Ordinal);

    /// <summary>
    /// Cancelled when the buffer of a document is next edited, opened again or closed: work
    /// begun for its text as it is now is then about a version the client no longer has. Edits
    /// to other documents do not cancel it (an answer made after them is about this text still).
    /// </summary>
    public CancellationToken ChangedToken(string uri)
    {
        if (Uris.ToPath(uri) is not { } path)
        {
            return CancellationToken.None;
        }

        lock (_gate)
        {
            // A file that is not open is read from disk: no edit of the client's makes work on it stale.
            if (!_open.ContainsKey(path))
            {
                return CancellationToken.None;
            }

            if (!_textChanges.TryGetValue(path, out var changes))
            {
                _textChanges[path] = changes = new CancellationTokenSource();
            }

            return changes.Token;
        }
    }

    // Under _gate.
    private void TextChanged(string path)
    {
        if (_textChanges.Remove(path, out var changes))
        {
            changes.Cancel();
        }
    }

    /// <summary>The compilation rooted at a file: an open buffer's is cached until the next change.</summary>
    public Compilation GetCompilation(string path) => GetCompilation(path, null);

    /// <summary>The compilation rooted at a file; <paramref name="times"/>, when given, gets how long loading (parsing) and binding took, zero when cached.</summary>
    public Compilation GetCompilation(string path, AnalysisTimes? times)
    {
        long generation;
        Latest? earlier;
        lock (_gate)
        {
            if (_compilations.TryGetValue(path, out var cached) && cached.Generation == _generation)
            {
                return cached.Compilation;
            }

            generation = _generation;
            earlier = _latest.GetValueOrDefault(path);
        }

        // The client's workspace folders are import roots besides the project's (docs/robustness.md, Confinement).
        var started = Stopwatch.GetTimestamp();
        var allocated = times is null ? 0 : GC.GetTotalAllocatedBytes();
        var compilation = Compilation.Create(path, this, new CompilationOptions(WorkspaceRoots: [.. Folders]), earlier?.Compilation, earlier?.Findings, earlier?.Model);
        var loaded = Stopwatch.GetTimestamp();
        var allocatedLoading = times is null ? 0 : GC.GetTotalAllocatedBytes();
        _ = compilation.Model;
        if (times is not null)
        {
            times.Load = Stopwatch.GetElapsedTime(started, loaded);
            times.Bind = Stopwatch.GetElapsedTime(loaded);
            times.Binding = compilation.Model.Binding;
            times.LoadAllocated = allocatedLoading - allocated;
            times.BindAllocated = GC.GetTotalAllocatedBytes() - allocatedLoading;
        }

        lock (_gate)
        {
            if (generation == _generation && _open.ContainsKey(path))
            {
                _compilations[path] = (generation, compilation);
            }

            if (_open.ContainsKey(path) && (!_latest.TryGetValue(path, out var latest) || latest.Generation < generation))
            {
                _latest[path] = new Latest(generation, compilation, null);
            }
        }

        return compilation;
    }

    /// <summary>Every compilation that can mention a symbol: each open buffer's, then each .rasdl file of the workspace folders.</summary>
    public IEnumerable<Compilation> AllCompilations(CancellationToken cancellationToken)
    {
        var roots = OpenDocuments.Select(d => d.Path).ToList();
        var seen = new HashSet<string>(roots.Select(PhysicalPath.IdentityOf), StringComparer.Ordinal);
        foreach (var path in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GetCompilation(path);
        }

        // The standard library's materialised files are reached through imports, never as roots.
        foreach (var path in WorkspaceFiles(cancellationToken).Where(p => Uris.StandardLibrary.FromDiskPath(p) is null && seen.Add(PhysicalPath.IdentityOf(p))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GetCompilation(path);
        }
    }

    /// <summary>
    /// The .rasdl files under the workspace folders (skipping build output and dependencies), at
    /// most <see cref="MaxWorkspaceFiles"/> files in at most <see cref="MaxWorkspaceFolders"/>
    /// folders. A workspace may be hostile: each folder is visited once however many links lead
    /// to it, nothing whose physical path leaves the workspace folders is listed or entered, and
    /// only regular files are listed (a FIFO would block whoever reads it).
    /// </summary>
    public IEnumerable<string> WorkspaceFiles(CancellationToken cancellationToken = default)
    {
        var workspaceRoots = Folders.Select(PhysicalPath.Of).OfType<string>().Select(PhysicalPath.Normalise).ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var found = 0;
        var pending = new Stack<string>(Folders);
        while (pending.Count > 0 && found < MaxWorkspaceFiles && visited.Count < MaxWorkspaceFolders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            if (Confined(folder, workspaceRoots) is not { } real || !visited.Add(real))
            {
                continue;
            }

            string[] files, folders;
            try
            {
                files = Directory.GetFiles(folder, "*.rasdl");
                folders = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                continue;
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                if (Confined(file, workspaceRoots) is null || RegularFile.KindOf(file) != FileKind.Regular)
                {
                    continue;
                }

                if (found++ >= MaxWorkspaceFiles)
                {
                    yield break;
                }

                yield return Path.GetFullPath(file);
            }

            foreach (var sub in folders.Where(f => !SkippedFolders.Contains(Path.GetFileName(f)) && !Path.GetFileName(f).StartsWith('.')).OrderDescending(StringComparer.Ordinal))
            {
                pending.Push(sub);
            }
        }
    }

    /// <summary>The physical path of a workspace entry, or null when links take it outside every workspace folder.</summary>
    private static string? Confined(string path, List<string> workspaceRoots) =>
        PhysicalPath.Of(path) is { } real && PhysicalPath.Normalise(real) is var normal && workspaceRoots.Any(root => PhysicalPath.IsUnder(normal, root)) ? normal : null;

    /// <summary>ISourceFileProvider: an open buffer's current text, else the file on disk.</summary>
    public SourceFile Load(string path)
    {
        DiskSourceFileProvider disk;
        Lazy<SourceFile>? parsed = null;
        lock (_gate)
        {
            if (_open.TryGetValue(path, out var document) && !_parsed.TryGetValue((path, document.Version), out parsed))
            {
                var text = document.Snapshot().Text;
                var version = document.Version;
                parsed = new Lazy<SourceFile>(() => Parse(path, version, text));
                _parsed[(path, document.Version)] = parsed;
            }

            disk = _disk;
        }

        return parsed is not null ? parsed.Value : disk.Load(path);
    }

    /// <summary>How the newest parsed version of an open buffer was parsed, and how long it took; null if none was.</summary>
    public ParseRecord? LastParse(string path)
    {
        lock (_gate)
        {
            return _lastParse.GetValueOrDefault(path);
        }
    }

    // A buffer beyond the file size limit is refused as a file would be, not parsed.
    private SourceFile Parse(string path, int version, SourceText text)
    {
        if (SourceReader.CheckSize(path, text.Text) is { } tooLarge)
        {
            return new SourceFile(path, null, tooLarge, null);
        }

        SyntaxTree? clean;
        lock (_gate)
        {
            clean = _cleanTrees.TryGetValue(path, out var known) ? known.Tree : null;
        }

        var started = Stopwatch.GetTimestamp();
        var parse = IncrementalParser.Parse(path, text, clean);
        var elapsed = Stopwatch.GetElapsedTime(started);
        lock (_gate)
        {
            if (_open.ContainsKey(path))
            {
                if (parse.Tree.Diagnostics.IsEmpty && (!_cleanTrees.TryGetValue(path, out var known) || known.Version < version))
                {
                    _cleanTrees[path] = (version, parse.Tree);
                }

                if (!_lastParse.TryGetValue(path, out var last) || last.Version <= version)
                {
                    _lastParse[path] = new ParseRecord(version, parse.ToString(), elapsed);
                }
            }
        }

        return new SourceFile(path, parse.Tree, null, null);
    }

    /// <summary>The text of a file as the compiler sees it: the open buffer, else the file on disk, else null.</summary>
    public SourceText? GetText(string path) =>
        StandardLibraryPath.IsStandardLibrary(path) ? StandardLibrary.GetTree(path)?.Text : GetDocument(path)?.Text ?? Load(path).Tree?.Text;
}

/// <summary>How one version of an open buffer was parsed (spliced or whole) and how long it took.</summary>
public sealed record ParseRecord(int Version, string How, TimeSpan Elapsed);

/// <summary>Where one analysis of an open document spent its time, for the trace log.</summary>
public sealed class AnalysisTimes
{
    /// <summary>From the change's arrival to the start of loading: the text copied out of the buffer, the wait for the thread and for an earlier analysis.</summary>
    public TimeSpan Waited { get; init; }

    /// <summary>Loading the root file and its imports: parsing the buffer, reading imported files.</summary>
    public TimeSpan Load { get; set; }

    public TimeSpan Bind { get; set; }

    /// <summary>How the model was bound (<see cref="SemanticModel.Binding"/>): whole, or keeping most of an earlier version's.</summary>
    public string Binding { get; set; } = "";

    /// <summary>Lowering and the containment engine.</summary>
    public TimeSpan Analyse { get; set; }

    /// <summary>Collecting the diagnostics: the project's severities, suppressions, knock-on errors.</summary>
    public TimeSpan Diagnostics { get; set; }

    /// <summary>Turning them into LSP diagnostics.</summary>
    public TimeSpan Convert { get; set; }

    /// <summary>Garbage collections (of each generation and older) from the change's arrival to the diagnostics: the process's counts, so other requests' collections count too.</summary>
    public (int Gen0, int Gen1, int Gen2) Collections { get; set; }

    /// <summary>Bytes allocated from the change's arrival to the diagnostics, by the whole process (at the start, the count at the arrival).</summary>
    public long Allocated { get; set; }

    /// <summary>Of <see cref="Allocated"/>, what the process allocated while loading, binding, and lowering and analysing: what sets how often a collection lands in an edit.</summary>
    public long LoadAllocated { get; set; }

    /// <inheritdoc cref="LoadAllocated"/>
    public long BindAllocated { get; set; }

    /// <inheritdoc cref="LoadAllocated"/>
    public long AnalyseAllocated { get; set; }
}
