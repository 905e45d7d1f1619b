namespace Rasdl.Cli.Tests.Import;

/// <summary>
/// Turns a sysfs fixture in text form (TestData/import/*.sysfs.txt, written by sysfs-to-text.sh:
/// "link PATH -> TARGET", "text PATH" and "hex PATH" entries) back into a real tree of files and
/// symbolic links, which the real importer then reads as it reads /sys.
/// </summary>
public static class SysfsSnapshot
{
    public const string Folder = "tests/Rasdl.Cli.Tests/TestData/import";

    /// <summary>Writes the fixture's tree under <paramref name="root"/> and returns that folder (the copy of /sys).</summary>
    public static string Materialise(string fixture, string root)
    {
        var lines = File.ReadAllLines(Repository.PathOf($"{Folder}/{fixture}"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            var (kind, rest) = (line[..space], line[(space + 1)..]);
            if (kind == "link")
            {
                var parts = rest.Split(" -> ");
                var at = Path.Combine(root, parts[0]);
                Directory.CreateDirectory(Path.GetDirectoryName(at)!);
                File.CreateSymbolicLink(at, parts[1]);
                continue;
            }

            var content = new List<string>();
            while (lines[++i] != ".")
            {
                content.Add(lines[i]);
            }

            var path = Path.Combine(root, rest);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (kind == "hex")
            {
                File.WriteAllBytes(path, Convert.FromHexString(string.Concat(content)));
            }
            else
            {
                File.WriteAllText(path, string.Join("\n", content) + "\n");
            }
        }

        return root;
    }
}
