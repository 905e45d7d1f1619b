using Rasdl.Text;

namespace Rasdl.Emit;

/// <summary>How outputs show a file: relative to a base folder when inside it, the standard library as "std/…", else the full path.</summary>
public sealed class DisplayPaths(string baseDirectory)
{
    public static readonly DisplayPaths CurrentDirectory = new(Environment.CurrentDirectory);

    public string Show(string path)
    {
        if (StandardLibraryPath.IsStandardLibrary(path) || !Path.IsPathFullyQualified(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathFullyQualified(relative) ? path : relative;
    }
}
