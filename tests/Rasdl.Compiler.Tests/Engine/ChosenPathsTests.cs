using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Compiler.Tests.Engine.Reference;
using Rasdl.Engine;
using Rasdl.Semantics;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// The engine chooses a region's witnesses and its explanation's paths without building every
/// path, and once for every endpoint alike (same block, stage 2, hypervisor and errors); the
/// diagnostics count and group the uncontained paths the same way. These tests choose them again
/// the plain way, from every path of the run in order, and compare.
/// </summary>
public class ChosenPathsTests
{
    public static TheoryData<string> Examples => [.. Repository.ExampleFiles().Select(Repository.RelativePath)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExampleGetsThePathsEveryPathWouldGive(string example)
    {
        var differences = Differences(Compilation.Create(Repository.PathOf(example)).Analysis);

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void GeneratedPlatformsGetThePathsEveryPathWouldGive()
    {
        var regions = 0;
        for (var seed = 20261202; seed < 20261202 + 300; seed++)
        {
            var text = new PlatformTextGenerator(seed).Generate();
            var analysis = ReferenceComparisonTests.Compile(text).Analysis;
            regions += analysis.Profiles.Sum(p => p.Regions.Length);

            var differences = Differences(analysis);

            Assert.True(differences.Count == 0, $"seed {seed}:\n{string.Join('\n', differences)}\n--- text:\n{text}");
        }

        Assert.True(regions > 1000, $"only {regions} regions");
    }

    // Two switches whose routes are alike (alike root ports, hanging on UR, below alike
    // switches): the engine makes one choice of paths for both. But the witnesses are grouped by
    // their culprit's location: swa's two routes hang at two root ports with rules of their own
    // (two culprits, two witnesses), swb's at two that inherit one base's rule (one culprit,
    // one witness). Whichever is chosen first, the other must not take its choice.
    private const string AlikeRoutesWithOtherCulprits = """
        block own1 : root_port { on ur -> hang; on any -> drop; }
        block own2 : root_port { on ur -> hang; on any -> drop; }
        block hanging : root_port { on ur -> hang; on any -> drop; }
        block inherit1 : root_port extends hanging { }
        block inherit2 : root_port extends hanging { }
        block swa : pcie_switch { on ur -> ur; }
        block swb : pcie_switch { on ur -> ur; }
        endpoint ea : pcie_endpoint under swa { region bar mmio size 4K; faults ur; }
        endpoint eb : pcie_endpoint under swb { region bar mmio size 4K; faults ur; }
        route core -> mesh -> own1 -> swa;
        route core -> mesh -> own2 -> swa;
        route core -> mesh -> inherit1 -> swb;
        route core -> mesh -> inherit2 -> swb;
        assign ea.bar to guest via vfio_pci;
        assign eb.bar to guest via vfio_pci;
        """;

    [Theory]
    [InlineData("ea.bar", "eb.bar")]
    [InlineData("eb.bar", "ea.bar")]
    public void BlocksWithAlikeRoutesShareAChoiceOnlyWhenTheirCulpritsAreAlike(string first, string second)
    {
        var analysis = TempWorkspace.CompileText(Platforms.With(Platforms.SafeCore, Platforms.MasterAbortRootPort, extra: AlikeRoutesWithOtherCulprits)).Analysis;
        var regions = analysis.Profiles[0].Regions;
        foreach (var name in new[] { first, second })
        {
            _ = regions.Single(r => r.QualifiedName == name).Run.AlikeWitnesses;
        }

        Assert.Equal(2, regions.Single(r => r.QualifiedName == "ea.bar").Run.AlikeWitnesses.Select(w => w.Culprit.Place).Distinct().Count());
        Assert.Single(regions.Single(r => r.QualifiedName == "eb.bar").Run.AlikeWitnesses.Select(w => w.Culprit.Place).Distinct());
        var differences = Differences(analysis);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    private static List<string> Differences(ContainmentAnalysis analysis)
    {
        var differences = new List<string>();
        foreach (var region in analysis.Profiles.SelectMany(p => p.Regions))
        {
            var paths = region.Run.AllPaths.ToList();
            var explanation = RegionExplanation.For(region);

            // Per fault in the order first met, the first of its worst paths; per route, the worst verdict.
            var expectedFaults = new List<Witness>();
            foreach (var path in paths)
            {
                var at = expectedFaults.FindIndex(w => w.Fault.Error == path.Fault.Error);
                if (at < 0)
                {
                    expectedFaults.Add(path);
                }
                else if (path.Verdict > expectedFaults[at].Verdict)
                {
                    expectedFaults[at] = path;
                }
            }

            var expectedRoutes = paths.GroupBy(p => p.Route).Select(g => (g.Key, g.Max(p => p.Verdict))).ToList();
            var actualFaults = explanation.Faults.Select((f, i) => Describe(explanation.Paths[i]) + $" | {f.Text} @ {f.Location}").ToList();
            var wantedFaults = expectedFaults.Select(w => Describe(w) + $" | {RegionExplanation.Explain(w, region.Hypervisor).Text} @ {RegionExplanation.Explain(w, region.Hypervisor).Location}").ToList();
            Compare(differences, region, "why", wantedFaults, actualFaults);
            Compare(differences, region, "routes",
                expectedRoutes.Select(r => $"{region.LocationOf(r.Key.Place)} {r.Item2}").ToList(),
                explanation.Routes.Select(r => $"{r.Location} {r.Verdict}").ToList());

            // Witnesses: of the paths with the run's verdict (worse than contained in the device),
            // grouped by fault and culprit in the order first met, each group's shortest, preferring
            // the natural type, then the first.
            var expectedWitnesses = new List<Witness>();
            if (region.Verdict != ContainmentVerdict.ContainedInDevice)
            {
                foreach (var path in paths.Where(p => p.Verdict == region.Verdict))
                {
                    var at = expectedWitnesses.FindIndex(w => w.Fault.Error == path.Fault.Error && w.Culprit.Place == path.Culprit.Place);
                    if (at < 0)
                    {
                        expectedWitnesses.Add(path);
                    }
                    else if (path.Steps.Length < expectedWitnesses[at].Steps.Length
                        || (path.Steps.Length == expectedWitnesses[at].Steps.Length && path.Effective == region.Run.NaturalType && expectedWitnesses[at].Effective != region.Run.NaturalType))
                    {
                        expectedWitnesses[at] = path;
                    }
                }
            }

            Compare(differences, region, "witnesses", expectedWitnesses.Select(Describe).ToList(), region.Witnesses.Select(Describe).ToList());

            // The one witness a report shows of a region not uncontained, built alone (asked for
            // before the others, so it is not taken from them).
            Compare(differences, region, "first alike witness",
                region.Witnesses.Take(1).Select(DescribeAlike).ToList(),
                region.Run.FirstAlikeWitness is { } first ? [DescribeAlike(first)] : []);

            // The report's witnesses, made once for every endpoint alike: the same in all but whose `faults` line.
            Compare(differences, region, "alike witnesses",
                region.Witnesses.Select(DescribeAlike).ToList(),
                region.Run.AlikeWitnesses.Select(DescribeAlike).ToList());

            // What the diagnostics count and group, from the walk memo's summaries, and the witness
            // they make of one: every uncontained path of each of the three runs, in order, with
            // its culprit's place and length, as its witness has them.
            foreach (var (name, run) in new[] { ("run", region.Run), ("normal-nc run", region.NormalNcRun), ("device run", region.DeviceRun) })
            {
                Compare(differences, region, $"uncontained paths of the {name}",
                    run.Uncontained.Select(w => $"{Describe(w)} | culprit {w.LocationOf(w.Culprit.Place)} | {w.Steps.Length} steps").ToList(),
                    run.UncontainedPaths.Select(p => $"{Describe(run.WitnessOf(p))} | culprit {region.LocationOf(p.Culprit)} | {p.Steps} steps").ToList());
                Compare(differences, region, $"uncontained paths' types and errors of the {name}",
                    run.Uncontained.Select(w => $"{w.Effective} {w.Fault.Error}").ToList(),
                    run.UncontainedPaths.Select(p => $"{p.Effective} {p.Error}").ToList());
            }
        }

        return differences;
    }

    // Everything a witness shows, and the declared fault it belongs to (its own endpoint's).
    private static string Describe(Witness w) =>
        $"{w.Stage1} {w.Effective} {w.Access.Name} {w.Fault.Error}@{w.LocationOf(w.Fault.Place)} route {w.LocationOf(w.Route.Place)} {w.Verdict}: {w.Short()}";

    // Everything a witness shows but the declared fault's place.
    private static string DescribeAlike(Witness w) =>
        $"{w.Stage1} {w.Effective} {w.Access.Name} {w.Fault.Error} route {w.LocationOf(w.Route.Place)} {w.Verdict}: {w.Short()}";

    private static void Compare(List<string> differences, RegionResult region, string what, List<string> expected, List<string> actual)
    {
        if (!expected.SequenceEqual(actual))
        {
            differences.Add($"{region.Profile} {region.QualifiedName} {what}:\n  expected {string.Join("\n           ", expected)}\n  actual   {string.Join("\n           ", actual)}");
        }
    }
}
