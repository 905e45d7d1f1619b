using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>
/// What reached each block (Engine/Arrivals, worked out once per analysis over the tree of
/// routes, alike blocks sharing the work) is what walking every path of every analysed run on
/// its own, one block at a time, brings there: on every example and on generated platforms.
/// It is what the dead-rule check reads, and it does not depend on which runs were walked.
/// </summary>
public class ArrivalsComparisonTests
{
    public static TheoryData<string> Examples => [.. Repository.ExampleFiles().Select(Repository.RelativePath)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExamplesArrivalsAreThoseOfEveryPathWalkedOnItsOwn(string example)
    {
        var analysis = Compilation.Create(Repository.PathOf(example)).Analysis;
        Assert.Equal(Plain(analysis), Described(analysis));
    }

    [Fact]
    public void GeneratedPlatformsArrivalsAreThoseOfEveryPathWalkedOnItsOwn()
    {
        var reached = 0;
        for (var seed = 20261205; seed < 20261205 + 1000; seed++)
        {
            var analysis = ReferenceComparisonTests.Compile(new PlatformTextGenerator(seed).Generate()).Analysis;
            var plain = Plain(analysis);
            Assert.Equal(plain, Described(analysis));
            reached += plain.Length;
        }

        Assert.True(reached > 0);
    }

    // Arrivals.Of's answer: every block reached, what reached it, and which of its rules applied.
    private static string Described(ContainmentAnalysis analysis)
    {
        var arrivals = Arrivals.Of(analysis.Platform, analysis.Profiles);
        return Describe(
            analysis.Platform,
            block => arrivals.Visited(block) ? [.. arrivals.ArrivalsAt(block).Select(a => (a.Error, a.Access.Name, a.Type))] : null,
            arrivals.Applied,
            arrivals.Walks);
    }

    // Every path of every run of every analysed region, from every route to its endpoint's block,
    // walked on its own by the reference walker: each step is a block the path reached, with the
    // error that reached it and the rule that took it.
    private static string Plain(ContainmentAnalysis analysis)
    {
        var platform = analysis.Platform;
        var reached = new Dictionary<IrBlock, HashSet<(ErrorKind, string, MemoryType)>>(ReferenceEqualityComparer.Instance);
        var places = new HashSet<(string, ErrorKind, string, MemoryType)>();
        var applied = new HashSet<IrRule>(ReferenceEqualityComparer.Instance);
        foreach (var region in analysis.Profiles.SelectMany(p => p.Regions))
        {
            var endpoint = region.Assignment.Endpoint;
            var routes = platform.Routes.Where(r => endpoint.FaultsDeclared && ReferenceEquals(r.Last, endpoint.Parent)).ToList();
            foreach (var (route, run) in routes.SelectMany(r => new[] { region.Run, region.NormalNcRun, region.DeviceRun }.Select(run => (r, run))))
            {
                foreach (var type in run.Reachable.Select(r => r.Effective))
                {
                    foreach (var access in ReferenceWalker.AccessesOf(type))
                    {
                        foreach (var fault in endpoint.Faults.Where(f => ReferenceWalker.CanMeet(f.Error, access)))
                        {
                            var steps = ReferenceWalker.Walk(route, fault.Error, access, type).Steps;
                            for (var i = 0; i < steps.Count; i++)
                            {
                                var (block, error, rule) = (steps[i].Block, steps[i].Error, steps[i].Rule);
                                var name = ReferenceWalker.NameOf(access);
                                (reached.TryGetValue(block, out var set) ? set : reached[block] = []).Add((error, name, type));
                                // A place is a block with the rest of its route toward the CPU (block names are unique).
                                places.Add((string.Join(">", route.Hops[..(route.Hops.Length - i)].Select(h => h.Name)), error, name, type));
                                if (rule is not null)
                                {
                                    applied.Add(rule);
                                }
                            }
                        }
                    }
                }
            }
        }

        return Describe(platform, block => reached.TryGetValue(block, out var set) ? [.. set] : null, applied.Contains, places.Count);
    }

    private static string Describe(PlatformIr platform, Func<IrBlock, List<(ErrorKind, string, MemoryType)>?> arrivalsAt, Func<IrRule, bool> applied, int places) =>
        $"{places} places\n" + string.Join('\n', platform.Blocks.Select(block => arrivalsAt(block) is { } arrivals
            ? $"{block.Name}: {string.Join(" ", arrivals.Order().Select(a => $"{a.Item1}/{a.Item2}/{a.Item3}"))}; applied {string.Join(",", block.Rules.Select((r, i) => (r, i)).Where(p => applied(p.r)).Select(p => p.i))}"
            : $"{block.Name}: not reached"));
}
