using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>Compares the engine's analysis with the reference walker's, region by region.</summary>
public static class EngineComparison
{
    /// <summary>Every difference, one line each ("profile p0, region nic.bar0: verdict engine X, reference Y"); empty when they agree.</summary>
    public static ImmutableArray<string> Differences(ContainmentAnalysis analysis)
    {
        var reference = ReferenceWalker.Analyze(analysis.Platform);
        var differences = new List<string>();
        if (analysis.Profiles.Length != reference.Length)
        {
            differences.Add($"profiles: engine {analysis.Profiles.Length}, reference {reference.Length}");
            return [.. differences];
        }

        for (var p = 0; p < reference.Length; p++)
        {
            Compare(analysis.Profiles[p], reference[p], differences);
        }

        return [.. differences];
    }

    private static void Compare(ProfileResult engine, ReferenceProfile reference, List<string> differences)
    {
        var profile = $"profile {reference.Name}";
        Same(differences, $"{profile}: verdict", engine.Verdict, reference.Verdict);
        var leftOut = engine.LeftOut.Select(r => r.Name).ToImmutableSortedSet(StringComparer.Ordinal);
        if (!leftOut.SetEquals(reference.LeftOut))
        {
            differences.Add($"{profile}: regions left out: engine [{string.Join(", ", leftOut)}], reference [{string.Join(", ", reference.LeftOut)}]");
        }

        var engineRegions = engine.Regions.Select(r => r.QualifiedName).ToList();
        var referenceRegions = reference.Regions.Select(r => r.Region).ToList();
        if (!engineRegions.SequenceEqual(referenceRegions))
        {
            differences.Add($"{profile}: regions analysed: engine [{string.Join(", ", engineRegions)}], reference [{string.Join(", ", referenceRegions)}]");
            return;
        }

        for (var i = 0; i < reference.Regions.Length; i++)
        {
            var (mine, theirs) = (reference.Regions[i], engine.Regions[i]);
            var where = $"{profile}, region {mine.Region}";
            Same(differences, $"{where}: verdict under {Stage2Table.Name(theirs.Stage2)}", theirs.Verdict, mine.Verdict);
            Same(differences, $"{where}: verdict under {Stage2Table.Name(theirs.NormalNcRun.Stage2)}", theirs.NormalNcRun.Verdict, mine.NormalNc);
            Same(differences, $"{where}: verdict under {Stage2Table.Name(theirs.DeviceRun.Stage2)}", theirs.DeviceRun.Verdict, mine.Device);
            var witnessed = Witnessed(theirs);
            if (!witnessed.SetEquals(mine.Witnessed))
            {
                differences.Add(
                    $"{where}: (fault @ culprit) witnessed: engine only [{string.Join("; ", witnessed.Except(mine.Witnessed))}], reference only [{string.Join("; ", mine.Witnessed.Except(witnessed))}]");
            }
        }
    }

    /// <summary>The engine's witnesses as the reference writes them: "fault @ file:line:column" of the culprit.</summary>
    public static ImmutableSortedSet<string> Witnessed(RegionResult region) =>
        region.Witnesses
            .Select(w => $"{Vocabulary.Vocabulary.Errors.TextOf(w.Fault.Error)} @ {Path.GetFileName(w.LocationOf(w.Culprit.Place).Path)}:{w.LocationOf(w.Culprit.Place).Range.Start.Line + 1}:{w.LocationOf(w.Culprit.Place).Range.Start.Character + 1}")
            .ToImmutableSortedSet(StringComparer.Ordinal);

    private static void Same(List<string> differences, string what, ContainmentVerdict engine, ContainmentVerdict reference)
    {
        if (engine != reference)
        {
            differences.Add($"{what}: engine {engine.Name()}, reference {reference.Name()}");
        }
    }
}
