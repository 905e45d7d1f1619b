using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Semantics;

namespace Rasdl.Cli.Tests.Baselines;

/// <summary>
/// Which regions an example's <c>rasdl paths</c> baselines list, to keep them readable: every
/// assigned region of an example with at most two, else the representative one — the first region
/// with the worst verdict of any profile (the one a reader asks about first).
/// </summary>
public static class PathsBaselineRegions
{
    private const int AllUpTo = 2;

    public static bool HasRegions(string rootFile) => Representative(rootFile) is not null;

    /// <summary>The regions the text baseline lists, in the order the description assigns them.</summary>
    public static IReadOnlyList<string> Listed(string rootFile)
    {
        var assigned = Analysis(rootFile).Platform.Assignments.Select(a => a.Region.QualifiedName).Distinct().ToList();
        return assigned.Count <= AllUpTo ? assigned : [Representative(rootFile)!.Value.Region];
    }

    /// <summary>The first region with the worst verdict, and the first profile that gives it that verdict.</summary>
    public static (string Region, string Profile)? Representative(string rootFile)
    {
        var regions = Analysis(rootFile).Profiles.SelectMany(p => p.Regions).ToList();
        if (regions.Count == 0)
        {
            return null;
        }

        var worst = regions.First(r => r.Verdict == regions.Max(x => x.Verdict));
        return (worst.QualifiedName, worst.Profile);
    }

    private static Rasdl.Engine.ContainmentAnalysis Analysis(string rootFile) => Compilation.Create(Repository.PathOf(rootFile)).Analysis;
}
