using Xunit.Abstractions;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>How long a time-boxed fuzz test runs: its default, or RASDL_FUZZ_SECONDS for a longer run by hand.</summary>
public static class FuzzTime
{
    public static int Seconds(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("RASDL_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : fallback;
}

/// <summary>One corpus and oracle for all fuzz tests of a run (copying the corpus to disk once).</summary>
public sealed class FuzzFixture : IDisposable
{
    public FuzzFixture()
    {
        Corpus = FuzzCorpus.Load();
        Oracle = new PipelineOracle(Corpus);
    }

    public FuzzCorpus Corpus { get; }

    public PipelineOracle Oracle { get; }

    public void Dispose() => Corpus.Dispose();
}

/// <summary>
/// The short fuzzing mode run by `dotnet test` (about a minute in all). The long mode runs the
/// same campaigns for a million inputs: `dotnet run --project tests/Rasdl.Robustness.Tests -c Release -- fuzz`.
/// A failure prints the shrunk input as a C# literal and the seed that reproduces it.
/// </summary>
public sealed class FuzzTests(FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    private static readonly int Seconds = FuzzTime.Seconds(15);

    [Fact]
    public void EverySeedKeepsEveryInvariant()
    {
        foreach (var seed in fixture.Corpus.Seeds)
        {
            fixture.Oracle.Check(seed.RelativePath, seed.Text);
        }
    }

    [Fact]
    public void MutatedExamplesKeepEveryInvariant()
    {
        var statistics = FuzzCampaign.Run(fixture.Oracle, FuzzSource.Corpus, seconds: Seconds, log: output.WriteLine);

        output.WriteLine(statistics.ToString());
        Assert.True(statistics.Inputs >= 200, $"only {statistics.Inputs} inputs in {Seconds} s");
        Assert.True(statistics.Formatted > 0, "no mutated example parsed cleanly: the mutator destroys too much");
    }

    [Fact]
    public void GeneratedDescriptionsKeepEveryInvariant()
    {
        var statistics = FuzzCampaign.Run(fixture.Oracle, FuzzSource.Grammar, seconds: Seconds, log: output.WriteLine);

        output.WriteLine(statistics.ToString());
        Assert.True(statistics.Inputs >= 200, $"only {statistics.Inputs} inputs in {Seconds} s");
        // Most generated inputs must get past the parser, or the binder and the engine go untested.
        Assert.True(statistics.Formatted * 4 >= statistics.Inputs, $"only {statistics.Formatted} of {statistics.Inputs} generated inputs parsed cleanly");
    }

    [Fact]
    public void RandomBytesKeepEveryInvariant()
    {
        var statistics = FuzzCampaign.Run(fixture.Oracle, FuzzSource.Bytes, seconds: 8, log: output.WriteLine);

        output.WriteLine(statistics.ToString());
        Assert.True(statistics.Inputs - statistics.RefusedAsText > 100, "too few byte strings were text");
    }
}
