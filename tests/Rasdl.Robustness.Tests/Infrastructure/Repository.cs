namespace Rasdl.Robustness.Infrastructure;

/// <summary>The repository the tests run from: found by walking up from the test assembly to the folder holding Lsp.sln.</summary>
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

        throw new InvalidOperationException($"no Lsp.sln above {AppContext.BaseDirectory}: run from a build inside the repository");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
