using System.Runtime;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>
/// The region without garbage collections that a command asks for while it compiles a large
/// description: only for large inputs, ended when the command is done, never an error. The
/// runtime's collector is one per process, so these tests run alone.
/// </summary>
[Collection(nameof(CollectionBudgetTests))]
[CollectionDefinition(nameof(CollectionBudgetTests), DisableParallelization = true)]
public sealed class CollectionBudgetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rasdl-budget-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OnlyTheNativeBuildAsksForIt()
    {
        // These tests run on the JIT: its peak at 100k lines would pass 300 MB with the region.
        using var budget = CollectionBudget.For([Write("large.rasdl", 2 << 20)]);
        Assert.False(budget.Started);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void ASmallDescriptionCollectsAsUsual()
    {
        using var budget = CollectionBudget.Start([Path.Combine(Repository.Root, "examples/server/server.rasdl")]);
        Assert.False(budget.Started);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void ALargeDescriptionRunsWithoutCollectionsUntilTheCommandIsDone()
    {
        var large = Write("large.rasdl", 2 << 20);
        using (var budget = CollectionBudget.Start([large]))
        {
            Assert.True(budget.Started);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void SeveralSmallFilesCountTogether()
    {
        var files = Enumerable.Range(0, 16).Select(i => Write($"part{i}.rasdl", 128 << 10)).ToArray();
        using var one = CollectionBudget.Start(files[..1]);
        Assert.False(one.Started);
        using var all = CollectionBudget.Start(files);
        Assert.True(all.Started);
    }

    [Fact]
    public void ASecondBudgetInsideTheFirstLeavesItAlone()
    {
        var large = Write("large.rasdl", 2 << 20);
        using var outer = CollectionBudget.Start([large]);
        Assert.True(outer.Started);
        using (var inner = CollectionBudget.Start([large]))
        {
            Assert.False(inner.Started);
        }

        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void ADescriptionTooLargeForARegionCollectsAsUsualFromTheStart()
    {
        using var budget = CollectionBudget.Start([Write("huge.rasdl", 5 << 20)]);
        Assert.False(budget.Started);
    }

    [Fact]
    public void MissingAndUnreadablePathsAreNoError()
    {
        using var budget = CollectionBudget.Start([Path.Combine(_folder, "missing.rasdl"), _folder, ""]);
        Assert.False(budget.Started);
    }

    [Fact]
    public void ARunThatOutgrowsTheRegionEndsItAndGoesOn()
    {
        var large = Write("large.rasdl", 1 << 20);
        using var budget = CollectionBudget.Start([large]);
        Assert.True(budget.Started);
        var kept = new List<byte[]>();
        for (var i = 0; i < 200; i++)
        {
            kept.Add(new byte[1 << 20]); // 200 MB against a 64 MB region
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        GC.KeepAlive(kept);
    }

    private string Write(string name, int bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }
}
