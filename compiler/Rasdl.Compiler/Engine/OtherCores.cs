namespace Rasdl.Engine;

/// <summary>
/// For a report of a description split between engines (<see cref="ContainmentAnalysis.EnginesFor"/>):
/// while the writer's thread writes the regions in order, making the witnesses and explanations
/// of the first engine's regions as it goes, another core makes those of every other engine's
/// regions, then those of the first engine's from the last one back, toward the writer (which
/// also formats and writes, so has less time for them). Each engine keeps what it made, behind
/// its own lock, so when the writer comes to a region it finds it made, or waits for it. Which
/// of the regions alike is made first does not change a word of the report (see
/// <see cref="ContainmentEngine.AlikeWitnesses"/>).
/// </summary>
internal sealed class OtherCores : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _work = Task.CompletedTask;

    private OtherCores(IEnumerable<RegionResult> regions, Action<RegionResult> prepare)
    {
        var byEngine = regions.GroupBy(r => r.Run.Engine, ReferenceEqualityComparer.Instance).ToList();
        if (byEngine.Count < 2)
        {
            return;
        }

        var order = byEngine.Skip(1).SelectMany(group => group).Concat(byEngine[0].Reverse());
        _work = Task.Run(() =>
        {
            foreach (var region in order)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                prepare(region);
            }
        });
    }

    /// <summary>Starts <paramref name="prepare"/> on another core for the regions of every engine but the first, in order, then the first's, backward; nothing when one engine made them all.</summary>
    public static OtherCores Prepare(IEnumerable<RegionResult> regions, Action<RegionResult> prepare) => new(regions, prepare);

    /// <summary>Stops the work not yet started and waits for the rest.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _work.Wait();
        }
        catch (AggregateException)
        {
            // Whatever failed there fails again on the writer's thread, which makes the same
            // witnesses from the same memo, and is reported there.
        }

        _stop.Dispose();
    }
}
