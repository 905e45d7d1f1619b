using System.Collections.Concurrent;
using Rasdl.Text;

namespace Rasdl.Emit;

/// <summary>How outputs show a file: relative to a base folder when inside it, the standard library as "std/…", else the full path.</summary>
public sealed class DisplayPaths(string baseDirectory)
{
    public static readonly DisplayPaths CurrentDirectory = new(Environment.CurrentDirectory);

    // A report shows the same few files on every line.
    private readonly ConcurrentDictionary<string, string> _shown = new(StringComparer.Ordinal);

    public string Show(string path) => _shown.GetOrAdd(path, Relative, baseDirectory);

    private static string Relative(string path, string baseDirectory)
    {
        if (StandardLibraryPath.IsStandardLibrary(path) || !Path.IsPathFullyQualified(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathFullyQualified(relative) ? path : relative;
    }
}
