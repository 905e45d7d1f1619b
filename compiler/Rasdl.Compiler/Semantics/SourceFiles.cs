using System.Collections.Concurrent;
using Rasdl.Diagnostics;
using Rasdl.Parsing;
using Rasdl.Syntax;

namespace Rasdl.Semantics;

/// <summary>A file loaded for a compilation: its syntax tree, or why there is none (bad text, or an I/O error).</summary>
public sealed record SourceFile(string Path, SyntaxTree? Tree, Diagnostic? Problem, string? IoError);

/// <summary>Where a compilation's files come from: disk, or (in the language server) open editor buffers over disk.</summary>
public interface ISourceFileProvider
{
    /// <summary>Reads and parses the file at a full path. Never throws for I/O or bad content.</summary>
    SourceFile Load(string path);
}

/// <summary>Reads files from disk and keeps each parsed tree until the file's length or time stamp changes.</summary>
public sealed class DiskSourceFileProvider : ISourceFileProvider
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, SourceFile File)> _cache = new(StringComparer.Ordinal);

    public static readonly DiskSourceFileProvider Shared = new();

    public SourceFile Load(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException)
        {
            return new SourceFile(path, null, null, e.Message);
        }

        if (info.Exists && _cache.TryGetValue(path, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.File;
        }

        var read = SourceReader.ReadFile(path);
        var file = read.IoError is { } error ? new SourceFile(path, null, null, error)
            : read.Diagnostic is { } problem ? new SourceFile(path, null, problem, null)
            : new SourceFile(path, Parser.Parse(path, read.Text!), null, null);
        if (info.Exists && file.IoError is null)
        {
            _cache[path] = (info.LastWriteTimeUtc, info.Length, file);
        }

        return file;
    }
}
