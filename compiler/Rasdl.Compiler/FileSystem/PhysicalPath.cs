namespace Rasdl.FileSystem;

/// <summary>Paths as the kernel resolves them, for confinement and for knowing two spellings are one file.</summary>
public static class PhysicalPath
{
    /// <summary>The most symbolic links followed in one path, as Linux's path walk (MAXSYMLINKS).</summary>
    public const int MaxLinks = 40;

    /// <summary>
    /// The path the kernel opens: every component walked physically, as realpath(3) does, so `..`
    /// after a linked folder goes up from the link's target, not from the link. Null when more
    /// than <see cref="MaxLinks"/> links are followed (a loop). A missing component is kept as written.
    /// </summary>
    public static string? Of(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Components(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // current holds no links, so its parent is the physical parent.
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, part);
            if (LinkTarget(next) is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // A relative target is taken from the link's folder; its parts are walked like the rest.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var component in Components(target).Reverse())
            {
                pending.Push(component);
            }
        }

        return current;
    }

    /// <summary>A link's target; null for anything else, and for a component the system refuses (too long, not a folder, not allowed), which then cannot be opened either.</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Where(c => c.Length > 0);

    /// <summary>Whether a (physical, normalised) path is a root or inside it.</summary>
    public static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>A key equal for every spelling of one file (links, `..`, hard links): device and inode where the system tells them, else the physical path.</summary>
    public static string IdentityOf(string path) =>
        RegularFile.IdentityOf(path) is { } identity ? $"inode:{identity.Device}:{identity.Inode}" : Of(path) ?? path;
}
