namespace Rasdl.Engine;

/// <summary>
/// For a report of a description split between engines (<see cref="ContainmentAnalysis.EnginesFor"/>):
/// while the writer's thread writes the regions in order, making the witnesses and explanations
/// of the first engine's regions as it goes, every other engine's regions have theirs made on
/// other cores. Each engine keeps what it made (behind its own lock), so when the writer comes
/// to those regions it finds them made, or waits for the one being made.
/// </summary>
internal sealed class OtherCores : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _work;

    private OtherCores(IEnumerable<RegionResult> regions, Action<RegionResult> prepare)
    {
        var byEngine = regions.GroupBy(r => r.Run.Engine, ReferenceEqualityComparer.Instance).ToList();
        _work = [.. byEngine.Skip(1).Select(group => Task.Run(() =>
        {
            foreach (var region in group)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                prepare(region);
            }
        }))];
    }

    /// <summary>Starts <paramref name="prepare"/> on the regions of every engine but the first one's, engine by engine, each in order.</summary>
    public static OtherCores Prepare(IEnumerable<RegionResult> regions, Action<RegionResult> prepare) => new(regions, prepare);

    /// <summary>Stops the work not yet started and waits for the rest.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll(_work);
        }
        catch (AggregateException)
        {
            // Whatever failed there fails again on the writer's thread, which makes the same
            // witnesses from the same memo, and is reported there.
        }

        _stop.Dispose();
    }
}
