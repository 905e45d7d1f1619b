namespace Rasdl.FileSystem;

/// <summary>
/// Reads files that a description, a workspace or a project file names, which may be hostile:
/// only regular files are read (a FIFO would block the reader for ever, a device or socket
/// never ends), opening never waits, and reading stops at a limit whatever the file's length says.
/// </summary>
public static class RegularFile
{
    /// <summary>The kind of file a path leads to (following links); <see cref="FileKind.Regular"/> or <see cref="FileKind.Directory"/> from the base library where the system cannot tell more.</summary>
    public static FileKind KindOf(string path)
    {
        if (UnixFileStatus.Of(path) is { } status)
        {
            return status.Kind;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>Device and inode of the file a path leads to, or null (missing, or a system that cannot tell).</summary>
    public static FileIdentity? IdentityOf(string path) =>
        UnixFileStatus.Of(path) is { Kind: not FileKind.Missing } status ? status.Identity : null;

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes of a regular file. Anything else is refused
    /// with an <see cref="IOException"/> saying what it is, without waiting: the file is opened
    /// non-blocking and its type is taken from the opened handle, so a file swapped after a check
    /// cannot slip through.
    /// </summary>
    public static ArraySegment<byte> ReadAtMost(string path, int limit)
    {
        using var handle = UnixFileStatus.OpenForReading(path);
        if (handle is not null)
        {
            var kind = UnixFileStatus.Of(handle)?.Kind ?? FileKind.Regular;
            if (kind != FileKind.Regular)
            {
                throw new IOException(Describe(kind));
            }

            using var opened = new FileStream(handle, FileAccess.Read, bufferSize: 1);
            return ReadAtMost(opened, limit);
        }

        if (Directory.Exists(path))
        {
            throw new IOException(Describe(FileKind.Directory));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        return ReadAtMost(stream, limit);
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "it is a directory, not a file",
        FileKind.Fifo => "it is a FIFO (named pipe), not a regular file",
        FileKind.Device => "it is a device, not a regular file",
        FileKind.Socket => "it is a socket, not a regular file",
        FileKind.Missing => "no such file",
        _ => "it is not a regular file",
    };

    /// <summary>
    /// A file's length can lie (a file still growing, /proc files report 0): it only sizes the
    /// first buffer (one byte more, to see the end at once), which grows if more comes, and
    /// reading stops at the limit. A large description is read straight into one array.
    /// </summary>
    private static ArraySegment<byte> ReadAtMost(Stream stream, int limit)
    {
        long hint;
        try
        {
            hint = stream.CanSeek ? stream.Length : 0;
        }
        catch (IOException)
        {
            hint = 0;
        }

        var buffer = new byte[(int)Math.Clamp(hint + 1, 4096, limit)];
        var count = 0;
        while (count < limit)
        {
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            }

            var read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        return new ArraySegment<byte>(buffer, 0, count);
    }
}
