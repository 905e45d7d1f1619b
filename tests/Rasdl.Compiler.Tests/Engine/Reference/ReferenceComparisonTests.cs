using Rasdl.Engine;
using Rasdl.Semantics;
using Xunit.Abstractions;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>The engine and its plain twin, the reference walker, agree on every example and on thousands of generated platforms.</summary>
public class ReferenceComparisonTests(ITestOutputHelper output)
{
    // Enough platforms to meet every construct many times, few enough for well under a minute on two cores.
    private const int DefaultPlatformCount = 2000;

    public static TheoryData<string> Examples => [.. Repository.ExampleFiles().Select(Repository.RelativePath)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheEngineAgreesWithTheReferenceWalkerOnEveryExample(string example)
    {
        var compilation = Compilation.Create(Repository.PathOf(example));

        var differences = EngineComparison.Differences(compilation.Analysis);

        output.WriteLine($"{example}: at most {ReferenceWalker.EstimatedSteps(compilation.Analysis.Platform)} plain walk steps");
        Assert.True(differences.IsEmpty, $"{example}: the engine and the reference walker disagree:\n{string.Join('\n', differences)}");
    }

    /// <summary>
    /// RASDL_REFERENCE_SEED and RASDL_REFERENCE_PLATFORMS choose other platforms (the first seed
    /// and how many); a failure prints the seed and the text, and one seed reproduces it.
    /// </summary>
    [Fact]
    public void TheEngineAgreesWithTheReferenceWalkerOnGeneratedPlatforms()
    {
        var first = int.TryParse(Environment.GetEnvironmentVariable("RASDL_REFERENCE_SEED"), out var seed) ? seed : 20261201;
        var count = int.TryParse(Environment.GetEnvironmentVariable("RASDL_REFERENCE_PLATFORMS"), out var n) ? n : DefaultPlatformCount;
        var (verdicts, profiles) = (new Dictionary<ContainmentVerdict, int>(), new Dictionary<ContainmentVerdict, int>());
        var regions = 0;
        var failures = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var generator = new PlatformTextGenerator(first + i);
            var text = generator.Generate();
            var analysis = Compile(text).Analysis;

            var differences = EngineComparison.Differences(analysis);
            if (!differences.IsEmpty && failures.Count < 5)
            {
                failures.Add($"generated platform (seed {generator.Seed}; RASDL_REFERENCE_SEED={generator.Seed} RASDL_REFERENCE_PLATFORMS=1 reproduces it):\n{string.Join('\n', differences)}\n--- text:\n{text}");
            }

            foreach (var profile in analysis.Profiles)
            {
                profiles[profile.Verdict] = profiles.GetValueOrDefault(profile.Verdict) + 1;
                foreach (var region in profile.Regions)
                {
                    regions++;
                    verdicts[region.Verdict] = verdicts.GetValueOrDefault(region.Verdict) + 1;
                }
            }
        }

        Assert.True(failures.Count == 0, $"the engine and the reference walker disagree (the first {failures.Count} platforms):\n\n{string.Join("\n\n", failures)}");
        static string Counts(Dictionary<ContainmentVerdict, int> counts) => string.Join(", ", counts.OrderBy(v => v.Key).Select(v => $"{v.Key.Name()} {v.Value}"));
        output.WriteLine($"{count} platforms from seed {first}: {regions} regions ({Counts(verdicts)}); profiles {Counts(profiles)}");
        if (count >= DefaultPlatformCount)
        {
            // The generator must give the comparison something to compare: every verdict, often.
            Assert.All(
                [ContainmentVerdict.ContainedInDevice, ContainmentVerdict.ContainedInVm, ContainmentVerdict.Uncontained],
                v => Assert.True(verdicts.GetValueOrDefault(v) >= count / 50, $"only {verdicts.GetValueOrDefault(v)} regions {v.Name()}"));
            Assert.True(profiles.GetValueOrDefault(ContainmentVerdict.Incomplete) >= count / 200, $"only {profiles.GetValueOrDefault(ContainmentVerdict.Incomplete)} profiles incomplete");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSamePlatform()
    {
        Assert.Equal(new PlatformTextGenerator(7).Generate(), new PlatformTextGenerator(7).Generate());
        Assert.NotEqual(new PlatformTextGenerator(7).Generate(), new PlatformTextGenerator(8).Generate());
    }

    /// <summary>Compiles text as a file that is not on disk (its std import is the compiler's own).</summary>
    internal static Compilation Compile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "rasdl-reference", "generated.rasdl");
        return Compilation.Create(path, new OverlaySourceFileProvider(path, text));
    }
}
