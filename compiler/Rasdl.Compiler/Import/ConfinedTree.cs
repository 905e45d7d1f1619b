namespace Rasdl.Import;

/// <summary>
/// Reads a directory tree (a live or copied sysfs) without ever leaving its root: paths are
/// resolved one component at a time, symbolic links are followed by hand (at most 40 in one
/// path, as the kernel's own limit, so a loop ends with an error), a link that points outside
/// the root is refused, and every file is read with a size limit and a time limit (a FIFO or
/// a device node planted in a copied tree cannot hang the import).
/// </summary>
public sealed class ConfinedTree
{
    private const int MaxLinksFollowed = 40;          // include/linux/namei.h MAXSYMLINKS
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5); // a sysfs attribute is read in microseconds

    public ConfinedTree(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Display = root;
    }

    /// <summary>The root, as a full path.</summary>
    public string Root { get; }

    /// <summary>The root as the user wrote it, for messages.</summary>
    public string Display { get; }

    /// <summary>The path inside the root that <paramref name="relative"/> leads to, links followed ("devices/pci0000:00/0000:00:01.0").</summary>
    public string Resolve(string relative)
    {
        var resolved = new List<string>();
        var pending = new LinkedList<string>(Split(relative));
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var component = first.Value;
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count == 0)
                {
                    throw new ImportFailure($"{Show(relative)}: leads outside {Display}");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var full = Full(string.Join('/', resolved.Append(component)));
            var target = new FileInfo(full).LinkTarget;
            if (target is null)
            {
                resolved.Add(component);
                continue;
            }

            if (++links > MaxLinksFollowed)
            {
                throw new ImportFailure($"{Show(relative)}: too many symbolic links (a link loop in {Display})");
            }

            if (Path.IsPathRooted(target))
            {
                throw new ImportFailure($"{Show(relative)}: the link {Show(string.Join('/', resolved.Append(component)))} points to {target}, outside {Display}");
            }

            foreach (var part in Split(target).Reverse())
            {
                pending.AddFirst(part);
            }
        }

        return string.Join('/', resolved);
    }

    public bool DirectoryExists(string relative) => Directory.Exists(Full(Resolve(relative)));

    /// <summary>The entries of a folder, sorted by name (ordinal), so every run sees the same order.</summary>
    public IReadOnlyList<string> List(string relative)
    {
        var directory = Full(Resolve(relative));
        return Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The last component of a link's target (a "driver" link names the driver), or null when there is no link.</summary>
    public string? LinkName(string relative)
    {
        var info = new FileInfo(Full(relative));
        return info.LinkTarget is { } target ? Path.GetFileName(Path.TrimEndingDirectorySeparator(target)) : null;
    }

    /// <summary>A file's bytes (at most <paramref name="limit"/>), or null when it does not exist.</summary>
    public byte[]? ReadBytes(string relative, int limit)
    {
        var path = Full(Resolve(relative));
        if (!File.Exists(path))
        {
            return null;
        }

        var read = Task.Run(() =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[limit + 1];
            var total = 0;
            for (int n; total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0;)
            {
                total += n;
            }

            return buffer[..total];
        });
        try
        {
            if (!read.Wait(ReadTimeout))
            {
                throw new ImportFailure($"{Show(relative)}: could not be read within {ReadTimeout.TotalSeconds:0} s (not a regular file?)");
            }
        }
        catch (AggregateException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailure($"{Show(relative)}: {e.InnerException.Message}");
        }

        if (read.Result.Length > limit)
        {
            throw new ImportFailure($"{Show(relative)}: longer than {limit} bytes; this is not the sysfs file of that name");
        }

        return read.Result;
    }

    /// <summary>A text file's content with the NUL padding tar adds to sysfs files and surrounding white space removed, or null.</summary>
    public string? ReadText(string relative, int limit = 16 * 1024) =>
        ReadBytes(relative, limit) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim() : null;

    public string Show(string relative) => Path.Combine(Display, relative);

    private string Full(string relative) => relative.Length == 0 ? Root : Root + Path.DirectorySeparatorChar + relative.Replace('/', Path.DirectorySeparatorChar);

    private static IEnumerable<string> Split(string path) => path.Split('/', '\\');
}
