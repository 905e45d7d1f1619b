using Rasdl.Text;

namespace Rasdl.Semantics;

/// <summary>
/// Turns an import's text into a file path, and enforces confinement: an import may only
/// read inside the workspace roots (after following `..` and symbolic links) or the
/// standard library.
/// </summary>
internal sealed class ImportResolver(IReadOnlyList<string> allowedRoots)
{
    private readonly IReadOnlyList<string> _roots = [.. allowedRoots.Select(r => Normalise(RealPath(r)))];

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

        string full;
        try
        {
            full = Path.GetFullPath(importText, Path.GetDirectoryName(importingFile)!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new Resolution(null, e.Message, null);
        }

        var real = Normalise(RealPath(full));
        if (_roots.Count > 0 && !_roots.Any(root => IsUnder(real, root)))
        {
            return new Resolution(null, null, real);
        }

        return File.Exists(full) ? new Resolution(full, null, null) : new Resolution(null, Directory.Exists(full) ? "it is a folder" : "no such file", null);
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

    /// <summary>The path with every symbolic link along it followed (as realpath(3) does), bounded against link loops.</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        var hops = 0;
        var queue = new Queue<string>(parts);
        while (queue.Count > 0)
        {
            var next = Path.Combine(current, queue.Dequeue());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target && hops++ < 40)
            {
                var resolved = Path.GetFullPath(target, current);
                var rest = queue.ToArray();
                var resolvedRoot = Path.GetPathRoot(resolved)!;
                queue = new Queue<string>(resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = resolvedRoot;
                continue;
            }

            current = next;
        }

        return current;
    }
}
