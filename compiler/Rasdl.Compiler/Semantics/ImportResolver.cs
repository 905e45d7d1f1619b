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
    private readonly IReadOnlyList<string> _roots = [.. allowedRoots.Select(r => PhysicalPath.Of(r) is { } real ? Normalise(real) : null).OfType<string>()];

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
        if (PhysicalPath.Of(joined) is not { } real)
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
        return new Resolution(PhysicalPath.Of(spelt) is { } same && Normalise(same) == real ? spelt : real, null, null);
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

        return PhysicalPath.IdentityOf(path);
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

    private static bool IsUnder(string path, string root) => PhysicalPath.IsUnder(path, root);

    private static string Normalise(string path) => PhysicalPath.Normalise(path);
}
