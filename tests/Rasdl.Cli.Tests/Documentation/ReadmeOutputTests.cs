using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Documentation;

/// <summary>
/// Every run the README shows (an indented block starting <c>$ rasdl ARGS</c>) prints what the
/// README says, line for line, except where a line <c>...</c> marks lines left out: an
/// abridged output must say so.
/// </summary>
public class ReadmeOutputTests
{
    public const string Readme = "README.md";

    /// <summary>Each shown run: its README line, the arguments, and the output lines shown.</summary>
    public static TheoryData<int, string, string> Runs()
    {
        var runs = new TheoryData<int, string, string>();
        var lines = File.ReadAllLines(Repository.PathOf(Readme));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("    $ rasdl ", StringComparison.Ordinal))
            {
                continue;
            }

            var shown = new List<string>();
            var start = i;
            // The block goes on over blank lines while the next text is still indented.
            while (i + 1 < lines.Length && !lines[i + 1].StartsWith("    $ ", StringComparison.Ordinal)
                   && (lines[i + 1].StartsWith("    ", StringComparison.Ordinal) || (lines[i + 1].Length == 0 && i + 2 < lines.Length && lines[i + 2].StartsWith("    ", StringComparison.Ordinal))))
            {
                var next = lines[++i];
                shown.Add(next.Length == 0 ? "" : next[4..]);
            }

            runs.Add(start + 1, lines[start]["    $ rasdl ".Length..], string.Join('\n', shown));
        }

        return runs;
    }

    [Fact]
    public void TheReadmeShowsRuns() => Assert.True(Runs().Count >= 4);

    [Fact]
    public void TheFirstCommandSaysThatDotnetRunRebuildsAndTheToolIsFaster()
    {
        var text = File.ReadAllText(Repository.PathOf(Readme));
        var first = text.IndexOf("dotnet run --project compiler/Rasdl.Cli", StringComparison.Ordinal);
        var note = text.IndexOf("`dotnet run` checks the build and rebuilds", StringComparison.Ordinal);
        Assert.True(first >= 0 && note > first && text.IndexOf("install the tool", note, StringComparison.Ordinal) > note,
            "README: right after the first `dotnet run`, say that it rebuilds and that the installed tool is the fast way");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ShownOutputIsTheRealOneOrMarkedAbridged(int line, string arguments, string shown)
    {
        // A run that writes a file (`-o host.rasdl`) writes it in a folder of its own, never into
        // the repository the other runs read; its output names the file as the README does.
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var folder = new TempFolder();
        var o = Array.IndexOf(args, "-o");
        var written = o >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        if (written is not null)
        {
            args[o + 1] = Path.Combine(folder.Root, written);
        }

        var stdout = RasdlCli.Run(args).Stdout;
        if (written is not null)
        {
            stdout = stdout.Replace(Path.Combine(folder.Root, written), written, StringComparison.Ordinal);
        }

        var output = stdout.TrimEnd('\n').Split('\n');
        var expected = shown.Split('\n');
        Assert.True(Matches(expected, 0, output, 0),
            $"{Readme}:{line}: the output shown for 'rasdl {arguments}' is not what it prints (mark left-out lines with a line '...'):\n{string.Join('\n', output)}");
    }

    /// <summary>Line for line, a line "..." (after its indentation) standing for one or more lines.</summary>
    private static bool Matches(string[] expected, int e, string[] actual, int a)
    {
        if (e == expected.Length)
        {
            return a == actual.Length;
        }

        if (expected[e].Trim() == "...")
        {
            for (var skip = a + 1; skip <= actual.Length; skip++)
            {
                if (Matches(expected, e + 1, actual, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return a < actual.Length && expected[e] == actual[a] && Matches(expected, e + 1, actual, a + 1);
    }
}
