namespace Rasdl.Cli.Tests.Infrastructure;

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

        throw new InvalidOperationException($"no Lsp.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository");
    });

    public static string Root => RootPath.Value;

    /// <summary>The full path of a repository-relative path written with '/'.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A full path inside the repository as a repository-relative path with '/'.</summary>
    public static string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>True when the tests were asked to rewrite baselines and generated docs instead of comparing them.</summary>
    public static bool UpdatingBaselines => Environment.GetEnvironmentVariable("RASDL_UPDATE_BASELINES") is "1" or "true";

    /// <summary>The command that rewrites every baseline and generated document; failures print it.</summary>
    public const string UpdateCommand = "RASDL_UPDATE_BASELINES=1 dotnet test tests/Rasdl.Cli.Tests";
}
