namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>
/// A committed file whose content the tests can compute (a baseline, a generated document):
/// compared in a normal run, rewritten when <see cref="BaselineUpdate.Requested"/>.
/// </summary>
public static class GeneratedFile
{
    /// <summary>Fails, with a diff and the regenerate command, when the file at <paramref name="relativePath"/> does not hold <paramref name="actual"/>.</summary>
    public static void Verify(string relativePath, string actual, string producedBy)
    {
        var path = Repository.PathOf(relativePath);
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            return;
        }

        if (BaselineUpdate.Requested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        var problem = expected is null
            ? $"{relativePath} does not exist; it should hold the output of {producedBy}."
            : $"{relativePath} does not match the output of {producedBy}:\n\n" +
              LineDiff.Unified(expected, actual, relativePath, producedBy);
        Assert.Fail($"{problem}\nIf the new output is right, regenerate and review the change:\n    {BaselineUpdate.Command}\n    git diff");
    }

    /// <summary>Fails when a generated file exists that nothing produces any more (or deletes it when updating).</summary>
    public static void VerifyNoOrphans(IEnumerable<string> found, IEnumerable<string> expected, string what)
    {
        var orphans = found.Except(expected, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (orphans.Count == 0)
        {
            return;
        }

        if (BaselineUpdate.Requested)
        {
            orphans.ForEach(o => File.Delete(Repository.PathOf(o)));
            return;
        }

        Assert.Fail($"{what} that nothing produces any more:\n    {string.Join("\n    ", orphans)}\nDelete them, or run:\n    {BaselineUpdate.Command}");
    }
}
