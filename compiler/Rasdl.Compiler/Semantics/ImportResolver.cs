using Rasdl.FileSystem;
using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>
/// Turns an import's text into a file path, and enforces confinement: an import may only
/// read inside the workspace roots (after following `..` and symbolic links) or the
/// standard library.
/// </summary>
internal sealed class ImportResolver(IReadOnlyList<string> allowedRoots)
{
    private readonly IReadOnlyList<string> _roots = [.. allowedRoots.Select(r => RealPath(r) is { } real ? Normalise(real) : null).OfType<string>()];

    public readonly record struct Resolution(string? Path, string? Error, string? OutsidePath);

    public Resolution Resolve(string importingFile, string importText)
    {
        if (importText.Length == 0)
        {
            return new Resolution(null, "the path is empty", null);
        }

        if (importText.Contains('\0', StringComparison.Ordinal))
        {
            return new Resolution(null, "the path contains a NUL character", null);
        }

        if (StandardLibraryPath.IsStandardLibrary(importText))
        {
            return StandardLibrary.ReadText(importText) is null
                ? new Resolution(null, $"the standard library has no such file (it has {string.Join(", ", StandardLibrary.Files)})", null)
                : new Resolution(importText, null, null);
        }

        if (StandardLibraryPath.IsStandardLibrary(importingFile))
        {
            // Inside the standard library, relative imports stay inside it.
            var combined = CombineStandardLibrary(importingFile, importText);
            return combined is not null && StandardLibrary.ReadText(combined) is not null
                ? new Resolution(combined, null, null)
                : new Resolution(null, "the standard library has no such file", null);
        }

        // Joined, not normalised: "d/../x" must go where the kernel goes (into d's target, then up), not where the text suggests.
        var joined = Path.IsPathRooted(importText) ? importText : Path.Join(Path.GetDirectoryName(importingFile), importText);
        if (RealPath(joined) is not { } real)
        {
            return new Resolution(null, "too many levels of symbolic links", null);
        }

        real = Normalise(real);
        if (_roots.Count > 0 && !_roots.Any(root => IsUnder(real, root)))
        {
            return new Resolution(null, null, real);
        }

        var kind = RegularFile.KindOf(real);
        if (kind != FileKind.Regular)
        {
            return new Resolution(null, RegularFile.Describe(kind), null);
        }

        // The physical path is what was confined. The path as written is kept (for messages and
        // open editor buffers) only when the kernel takes it to that same file; else the file is
        // read at its physical path.
        var spelt = Path.GetFullPath(joined);
        return new Resolution(RealPath(spelt) is { } same && Normalise(same) == real ? spelt : real, null, null);
    }

    /// <summary>
    /// What makes two paths the same file, however they are spelt (through links, `..`, hard
    /// links): device and inode where the system tells them, else the physical path. Loading and
    /// the cycle check go by this key, never by the path's text.
    /// </summary>
    public static string IdentityOf(string path)
    {
        if (StandardLibraryPath.IsStandardLibrary(path))
        {
            return path;
        }

        return RegularFile.IdentityOf(path) is { } identity ? $"inode:{identity.Device}:{identity.Inode}" : RealPath(path) ?? path;
    }

    public string DescribeRoots() => string.Join("', '", _roots);

    private static string? CombineStandardLibrary(string importingFile, string importText)
    {
        var parts = importingFile.Split('/').SkipLast(1).Concat(importText.Split('/')).ToList();
        var stack = new List<string>();
        foreach (var part in parts)
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count <= 1)
                {
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
            }
            else
            {
                stack.Add(part);
            }
        }

        var path = string.Join('/', stack);
        return StandardLibraryPath.IsStandardLibrary(path) ? path : null;
    }

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>The most symbolic links followed in one path, as Linux's path walk (MAXSYMLINKS).</summary>
    public const int MaxLinks = 40;

    /// <summary>
    /// The path the kernel opens: every component walked physically, as realpath(3) does, so `..`
    /// after a linked folder goes up from the link's target, not from the link. Null when more
    /// than <see cref="MaxLinks"/> links are followed (a loop). A missing component is kept as written.
    /// </summary>
    internal static string? RealPath(string path)
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
            if (new FileInfo(next).LinkTarget is not { } target)
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

    private static IEnumerable<string> Components(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Where(c => c.Length > 0);
}
