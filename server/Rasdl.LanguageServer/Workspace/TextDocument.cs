using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>One version of an open editor buffer: the client's URI, the compiler path, the version and its text.</summary>
public sealed record TextDocument(string Uri, string Path, int Version, SourceText Text)
{
    /// <summary>When the server took in this version (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): the trace says how long after it the diagnostics were ready.</summary>
    public long ChangedAt { get; init; }
}
