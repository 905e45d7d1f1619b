using System.Text;

namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>A unified-style line diff (longest common subsequence), for readable baseline failures.</summary>
public static class LineDiff
{
    public static string Unified(string expected, string actual, string expectedName, string actualName, int context = 3)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var edits = Edits(a, b);
        var text = new StringBuilder($"--- {expectedName}\n+++ {actualName}\n");
        for (var i = 0; i < edits.Count;)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from `context` lines before this change to `context` lines after the last change within reach.
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < edits.Count)
            {
                var nextChange = edits.FindIndex(end, e => e.Kind != ' ');
                if (nextChange < 0 || nextChange > end + 2 * context)
                {
                    break;
                }

                end = nextChange + 1;
            }

            end = Math.Min(edits.Count, end + context);
            text.Append($"@@ expected line {edits[start].ExpectedLine + 1}, actual line {edits[start].ActualLine + 1} @@\n");
            for (var k = start; k < end; k++)
            {
                text.Append(edits[k].Kind).Append(edits[k].Text).Append('\n');
            }

            i = end;
        }

        return text.ToString();
    }

    private sealed record Edit(char Kind, string Text, int ExpectedLine, int ActualLine);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add(new Edit(' ', a[x], x++, y++));
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(new Edit('-', a[x], x++, y));
            }
            else
            {
                edits.Add(new Edit('+', b[y], x, y++));
            }
        }

        return edits;
    }
}
