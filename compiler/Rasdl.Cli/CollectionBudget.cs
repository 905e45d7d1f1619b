using System.Runtime;
using System.Runtime.CompilerServices;

namespace Rasdl.Cli;

/// <summary>
/// No garbage collection while `rasdl check` compiles a large description, in the Native AOT
/// build. A run keeps nearly everything it allocates to the end (the tree, the model, the
/// engine's memo, the report), so the runtime's collections found little to free: at 100k
/// lines, five of them, four full ones, to keep all but about 35 MB. A region without
/// collections sized from the input (the generator's shapes allocate 50–65 bytes per byte of
/// input) removes them. What it costs is the garbage left uncollected: the Native AOT build's
/// peak at 100k lines goes from 226–235 MB to 266–268 MB, under the 300 MB target. A larger
/// input (over 4 MB, about 100k lines) collects as before, from the start, and so does a JIT
/// or ReadyToRun build, which carries its compiler's own memory too and would pass 300 MB
/// (301–303 MB) (docs/performance.md, "No collections in a batch run").
/// </summary>
public sealed class CollectionBudget : IDisposable
{
    // Measured: 254 MB allocated for 3.9 MB of input (mixed shape), 255 MB for 3.8 MB (deep), 193 MB for 4.0 MB (wide).
    private const long BytesPerInputByte = 64;

    // Below this the collections cost a few milliseconds: not worth the region's start (one collection) and commit.
    private const long Smallest = 16L << 20;

    // A run expected to allocate more collects as usual from the start: one that outgrew its
    // region would leave it with its garbage still held and its collector's budget grown (a
    // 200k-line check peaked at 525 MB against 355 MB without a region), and without collections
    // the peak would pass 300 MB anyway.
    private const long Largest = 256L << 20;

    // Asked for besides, whatever the input: what is allocated for the standard library, the
    // command line and the engines' threads. Without it a 10k-line check allocated its whole
    // region, and the collection that ended it took a third of the run.
    private const long Headroom = 8L << 20;

    private CollectionBudget(bool started)
    {
        Started = started;
    }

    /// <summary>Whether this budget started a region without collections (and its disposal ends it).</summary>
    public bool Started { get; }

    /// <summary>A region without collections for compiling these files, in the Native AOT build and when they are large enough for it to matter; dispose to end it.</summary>
    public static CollectionBudget For(IEnumerable<string> files) =>
        RuntimeFeature.IsDynamicCodeSupported ? new CollectionBudget(started: false) : Start(files);

    /// <summary>A region without collections sized for these files, whatever the build, when they are large enough for it to matter.</summary>
    public static CollectionBudget Start(IEnumerable<string> files)
    {
        long input = 0;
        foreach (var file in files)
        {
            try
            {
                input += new FileInfo(file).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Unreadable or not a file: the compilation reports it; it allocates nothing to speak of.
            }
        }

        var budget = input * BytesPerInputByte;
        // Asked again inside a region (another command in the same process), the runtime would
        // end the region it is in: leave that one be.
        if (budget < Smallest || budget > Largest || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new CollectionBudget(started: false);
        }

        try
        {
            return new CollectionBudget(GC.TryStartNoGCRegion(budget + Headroom));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // More than the runtime grants, or a region another thread started meanwhile: collect as usual.
            return new CollectionBudget(started: false);
        }
    }

    public void Dispose()
    {
        if (Started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The run allocated more than the region and the runtime ended it (with a collection).
            }
        }
    }
}
