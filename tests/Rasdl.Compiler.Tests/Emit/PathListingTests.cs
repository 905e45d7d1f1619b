using Rasdl.Compiler.Tests.Engine.Reference;
using Rasdl.Emit.Paths;
using Rasdl.Engine;
using Rasdl.Semantics;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Compiler.Tests.Emit;

/// <summary>
/// <c>rasdl paths</c>' listing holds every path, once, with the verdict the plain reference walker
/// gives it; grouping only folds paths whose blocks, rules and outcome are the same.
/// </summary>
public class PathListingTests
{
    public static TheoryData<string> Examples => [.. Repository.ExampleFiles().Select(Repository.RelativePath)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void UngroupedItListsEveryPathOnceWithTheReferenceWalkersVerdict(string example)
    {
        var analysis = Compilation.Create(Repository.PathOf(example)).Analysis;
        foreach (var profile in analysis.Profiles)
        {
            foreach (var region in profile.Regions)
            {
                var listed = PathListing.Entries(region, grouped: false)
                    .Select(e => Key(analysis.Platform.LocationOf(e.Path.Route.Place), e.Covers.Single().Stage1, e.Covers.Single().Effective, e.Path.Access.Name, e.Path.Fault.Error, e.Path.Verdict))
                    .ToList();
                var expected = ReferenceWalker.Paths(analysis.Platform, profile.Profile, region.Assignment)
                    .Select(p => Key(analysis.Platform.LocationOf(p.Route.Place), p.Stage1, p.Effective, p.Access, p.Fault, p.Verdict))
                    .ToList();

                Assert.Equal(listed.Count, listed.Distinct().Count());
                Assert.True(expected.Order().SequenceEqual(listed.Order()),
                    $"{example} {profile.Name} {region.QualifiedName}: only listed {string.Join("; ", listed.Except(expected).Take(5))}; only expected {string.Join("; ", expected.Except(listed).Take(5))}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void AGroupStandsForChoicesWhosePathsAreTheSameApartFromTheMemoryType(string example)
    {
        var analysis = Compilation.Create(Repository.PathOf(example)).Analysis;
        foreach (var region in analysis.Profiles.SelectMany(p => p.Regions))
        {
            var all = PathListing.Entries(region, grouped: false).Select(e => e.Path).ToList();
            var grouped = PathListing.Entries(region, grouped: true);

            Assert.Equal(all.Count, grouped.Sum(e => e.Covers.Length));
            foreach (var entry in grouped)
            {
                foreach (var choice in entry.Covers)
                {
                    var path = all.Single(p => ReferenceEquals(p.Route, entry.Path.Route) && p.Access == entry.Path.Access && ReferenceEquals(p.Fault, entry.Path.Fault) && p.Stage1 == choice.Stage1);
                    Assert.Equal(choice.Effective, path.Effective);
                    Assert.Equal(entry.Path.Verdict, path.Verdict);
                    Assert.Equal(entry.Path.Walk.End, path.Walk.End);
                    Assert.Equal(Steps(entry.Path), Steps(path));
                    Assert.True(entry.Path.Judgements.SequenceEqual(path.Judgements), $"{example}: {entry.Path.Short()} and {path.Short()} are judged differently");
                }
            }

            // Two entries of one route, access and fault differ in what happens on the way.
            foreach (var alike in grouped.GroupBy(e => (e.Path.Route, e.Path.Access, e.Path.Fault)).Where(g => g.Count() > 1))
            {
                var shapes = alike.Select(e => $"{Steps(e.Path)} {e.Path.Walk.End} {e.Path.Verdict} {string.Join(",", e.Path.Judgements)}").ToList();
                Assert.Equal(shapes.Count, shapes.Distinct().Count());
            }
        }
    }

    private static string Key(Text.SourceLocation route, Vocabulary.MemoryType stage1, Vocabulary.MemoryType effective, string access, Vocabulary.ErrorKind fault, ContainmentVerdict verdict) =>
        $"{route} {stage1.Word()} {effective.Word()} {access} {Words.Errors.TextOf(fault)} {verdict.Name()}";

    private static string Steps(Witness path) => string.Join(" | ", path.Steps.Select(s => $"{s.Block.Name} {s.Error} {(s.Rule is { } rule ? path.LocationOf(rule.Place) : null)}"));
}
