namespace Rasdl.Semantics;

/// <summary>"Did you mean" suggestions: the closest candidate by edit distance, if close enough to be a typo.</summary>
public static class NameSuggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == name)
            {
                continue;
            }

            // Ties go to the candidate that shares the longer prefix (typos tend to be late in a word), then alphabetical.
            var distance = OptimalStringAlignmentDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && best is not null
                && (CommonPrefix(name, candidate), -string.CompareOrdinal(candidate, best)).CompareTo((CommonPrefix(name, best), 0)) > 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A typo changes a few characters: allow one edit per three characters, at least one, at most three.
        var allowed = Math.Clamp(name.Length / 3, 1, 3);
        return bestDistance <= allowed ? best : null;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>"; did you mean 'x'?" or "" when nothing is close.</summary>
    public static string Hint(string? suggestion) => suggestion is null ? "" : $"; did you mean '{suggestion}'?";

    /// <summary>Levenshtein distance that also counts swapping two adjacent characters as one edit.</summary>
    internal static int OptimalStringAlignmentDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return Math.Abs(a.Length - b.Length);
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
