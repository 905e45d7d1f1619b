using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>One version of an open editor buffer: the client's URI, the compiler path, the version and its text.</summary>
public sealed record TextDocument(string Uri, string Path, int Version, SourceText Text)
{
    /// <summary>When the server took in this version (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): the trace says how long after it the diagnostics were ready.</summary>
    public long ChangedAt => Changed.At;

    /// <summary>When the server took in this version, and the process's collections and allocation then.</summary>
    public ChangeStamp Changed { get; init; } = ChangeStamp.Now();
}

/// <summary>
/// A moment, with the process's garbage collections (of each generation and older) and bytes
/// allocated so far: the trace counts from a change's arrival, so a collection that lands
/// between the change and its analysis (while the text is copied out, say) counts too.
/// </summary>
public readonly record struct ChangeStamp(long At, (int Gen0, int Gen1, int Gen2) Collections, long Allocated)
{
    public static ChangeStamp Now() => new(System.Diagnostics.Stopwatch.GetTimestamp(), CollectionCounts(), GC.GetTotalAllocatedBytes());

    /// <summary>The process's garbage collections so far, of each generation and older.</summary>
    public static (int Gen0, int Gen1, int Gen2) CollectionCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
