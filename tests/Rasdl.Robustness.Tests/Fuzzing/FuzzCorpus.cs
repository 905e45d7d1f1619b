using Rasdl.Semantics;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>One seed file: its path inside the fuzz workspace (so its relative imports resolve) and its text.</summary>
public sealed record SeedFile(string RelativePath, string Text);

/// <summary>
/// The seeds mutation starts from: every example platform, the standard library and the test
/// fixtures, copied into one temporary workspace so that imports between them resolve on disk.
/// </summary>
public sealed class FuzzCorpus : IDisposable
{
    private readonly TempFolder _folder = new();

    private FuzzCorpus(IReadOnlyList<SeedFile> seeds)
    {
        Seeds = seeds;
        foreach (var seed in seeds)
        {
            _folder.Write(seed.RelativePath, seed.Text);
        }
    }

    public string Root => _folder.Root;

    public IReadOnlyList<SeedFile> Seeds { get; }

    public string FullPath(SeedFile seed) => Path.Combine(Root, seed.RelativePath);

    public static FuzzCorpus Load()
    {
        var seeds = new List<SeedFile>();
        void AddFolder(string repositoryFolder, string workspaceFolder)
        {
            var full = Repository.PathOf(repositoryFolder);
            if (!Directory.Exists(full))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*.rasdl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/');
                seeds.Add(new SeedFile($"{workspaceFolder}/{relative}", File.ReadAllText(file)));
            }
        }

        AddFolder("examples", "examples");
        AddFolder("tests/Rasdl.Cli.Tests/TestData", "testdata");
        AddFolder("vscode-extension/test/fixtures", "fixtures");
        foreach (var std in StandardLibrary.Files)
        {
            seeds.Add(new SeedFile("stdlib/" + std["std/".Length..], StandardLibrary.ReadText(std)!));
        }

        if (seeds.Count(s => s.RelativePath.StartsWith("examples/", StringComparison.Ordinal)) < 5)
        {
            throw new InvalidOperationException("the example corpus is missing: fuzzing needs examples/**/*.rasdl");
        }

        return new FuzzCorpus(seeds);
    }

    public void Dispose() => _folder.Dispose();
}
