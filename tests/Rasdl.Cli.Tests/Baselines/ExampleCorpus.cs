namespace Rasdl.Cli.Tests.Baselines;

using Rasdl.Cli.Tests.Infrastructure;

/// <summary>
/// The example platforms in examples/: each folder's root file is the file named like the
/// folder (examples/NAME/NAME.rasdl); a folder may list further root files, one
/// repository-relative path a line, in examples/NAME/roots.txt. Other .rasdl files in a
/// folder are imported, not checked on their own.
/// </summary>
public static class ExampleCorpus
{
    public const string Folder = "examples";

    public static IEnumerable<string> Folders =>
        Directory.EnumerateDirectories(Repository.PathOf(Folder)).Select(Repository.RelativePath).Order(StringComparer.Ordinal);

    /// <summary>Every root file, repository-relative with '/'.</summary>
    public static IEnumerable<string> RootFiles => Folders.SelectMany(RootFilesOf);

    public static IEnumerable<string> RootFilesOf(string folder)
    {
        var named = $"{folder}/{folder[(folder.LastIndexOf('/') + 1)..]}.rasdl";
        if (File.Exists(Repository.PathOf(named)))
        {
            yield return named;
        }

        var manifest = Repository.PathOf($"{folder}/roots.txt");
        if (!File.Exists(manifest))
        {
            yield break;
        }

        foreach (var line in File.ReadAllLines(manifest).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            yield return line;
        }
    }

    /// <summary>Every .rasdl file in the corpus, root or imported.</summary>
    public static IEnumerable<string> AllSourceFiles =>
        Directory.EnumerateFiles(Repository.PathOf(Folder), "*.rasdl", SearchOption.AllDirectories).Select(Repository.RelativePath).Order(StringComparer.Ordinal);

    /// <summary>Where a root file's baseline of one kind is kept: beside it, NAME.SUFFIX.</summary>
    public static string BaselinePath(string rootFile, BaselineKind kind) =>
        $"{rootFile[..^".rasdl".Length]}.{kind.Suffix}";
}
