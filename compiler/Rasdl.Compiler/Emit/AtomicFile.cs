namespace Rasdl.Emit;

/// <summary>
/// Writes a file so that readers see the old complete file or the new complete file, never a
/// part: a temporary file beside it, then a rename. A symbolic link at the path is replaced, not
/// written through (a link planted in an output folder cannot redirect the write elsewhere).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes the file from a stream as it is produced (a large artefact is never held whole in memory).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // The new file replaces the old one with the old one's permissions (a private file stays private).
            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
