namespace Rasdl.Testing;

/// <summary>
/// The repository the tests run from: found by walking up from the test assembly to the folder
/// holding Lsp.sln. Shared by the test projects that link it.
/// </summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lsp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Lsp.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository");
    });

    public static string Root => RootPath.Value;

    /// <summary>The full path of a repository-relative path written with '/'.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A full path inside the repository as a repository-relative path with '/'.</summary>
    public static string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Every .rasdl file under examples/, in ordinal order.</summary>
    public static IEnumerable<string> ExampleFiles() =>
        Directory.GetFiles(PathOf("examples"), "*.rasdl", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
