using System.Collections.Concurrent;

namespace Rasdl.Emit;

/// <summary>
/// Writes a file so that readers see the old complete file or the new complete file, never a
/// part: a temporary file beside it, then a rename. A symbolic link at the path is replaced, not
/// written through (a link planted in an output folder cannot redirect the write elsewhere).
/// Temporary files are removed when the write fails, when the process is told to stop
/// (<see cref="RemovePending"/>, called on SIGTERM and SIGINT), and, when a process was killed
/// outright, by the next write of the same file.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary file no process holds and older than this is left from an interrupted run.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);

    public static void WriteAllText(string path, string text) => Write(path, stream => WriteText(stream, text));

    /// <summary>
    /// Rewrites a file the user named (rasdl fmt), as its owner left it: the new file takes the
    /// old one's owner and group (when run as root; another user's file must not become root's)
    /// besides its mode. A file with several hard links is written in place instead, so that every
    /// name keeps showing the same file: a rename would leave the other names on the old text.
    /// The text is complete before the first byte is written, so only a crash during that one
    /// write can leave such a file part-written.
    /// </summary>
    public static void Rewrite(string path, string text)
    {
        if (FileSystem.UnixFileStatus.Of(path) is { Kind: FileSystem.FileKind.Regular, Links: > 1 })
        {
            var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.SetLength(bytes.Length);
            stream.Flush(flushToDisk: true);
            return;
        }

        Write(path, stream => WriteText(stream, text), keepOwner: true);
    }

    /// <summary>
    /// Writes the file from a stream as it is produced (a large artefact is never held whole in
    /// memory). The new file is the writer's own: a file planted under the name by another user
    /// does not lend it its owner.
    /// </summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, keepOwner: false);

    private static void WriteText(Stream stream, string text)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.Write(text);
    }

    private static void Write(string path, Action<Stream> write, bool keepOwner)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        RemoveStale(directory, Path.GetFileName(path));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        Pending[temporary] = 0;
        try
        {
            // FileShare.None holds a lock on the file while it is written (flock on Unix): RemoveStale leaves it alone.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // The new file replaces the old one with the old one's permissions (a private file stays
            // private) and, for a rewrite the user asked for, where allowed (root), its owner and group.
            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
                if (keepOwner && FileSystem.UnixFileStatus.Of(path) is { } old && FileSystem.UnixFileStatus.Of(temporary) is { } created
                    && (old.Owner, old.Group) != (created.Owner, created.Group))
                {
                    FileSystem.UnixFileStatus.SetOwner(temporary, old.Owner, old.Group);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            Pending.TryRemove(temporary, out _);
        }
    }

    /// <summary>Deletes the temporary files of writes still under way: the process is about to end (SIGTERM, Ctrl-C); targets stay whole.</summary>
    public static void RemovePending()
    {
        foreach (var temporary in Pending.Keys)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ending anyway; the next write of the same file removes it.
            }
        }
    }

    /// <summary>
    /// Removes ".NAME.GUID.tmp" files that a killed run left beside NAME: old enough, and not
    /// held open by a writer (a writer holds its temporary file locked until it is complete).
    /// </summary>
    private static void RemoveStale(string directory, string name)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, $".{name}.*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            var guid = Path.GetFileName(candidate)[(name.Length + 2)..^4];
            if (guid.Length != 32 || !guid.All(char.IsAsciiHexDigitLower) || Pending.ContainsKey(candidate))
            {
                continue;
            }

            try
            {
                // Never open anything but a plain file here: a FIFO planted under such a name would block the open.
                if (FileSystem.UnixFileStatus.Of(candidate, followLinks: false) is { Kind: not FileSystem.FileKind.Regular }
                    || DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) < StaleAfter)
                {
                    continue;
                }

                using (new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.None))
                {
                    // Opened with FileShare.None: nobody is writing it.
                }

                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held by a writer, or not ours to remove.
            }
        }
    }
}
