using System.Globalization;

namespace Rasdl.LanguageServer.Features.Diagnostics;

/// <summary>
/// A garbage collection that would land in one of the next edits, run instead while the user
/// pauses. Every version of a document is a new syntax tree and semantic model that lives until
/// the next version replaces it, so a collection copies a whole version whatever starts it:
/// 10–60 ms at 10k lines, 100–280 ms at 100k (the trace's "garbage collections meanwhile"), and
/// one started by an edit's allocations falls inside that edit. Once the diagnostics of a
/// version are out and no newer change has come for a short while, the server works out whether
/// the young generation's budget would run out during the next edit (budget: the most allocated
/// between two collections the runtime started by itself, lately; the next edit: the most one
/// recent edit allocated, with half again as margin) and, if so, collects then. Full collections
/// are scheduled alike (budget: what was allocated between the last two full collections the
/// runtime started, guessed after a document is opened until then): at 100k lines one paused
/// 40-65 ms inside every fifth or sixth edit, and they run in the pauses instead. The runtime's own
/// <see cref="GCCollectionMode.Optimized"/> mode was tried first: it collected before 3 or 4 of
/// the 16 collections of 200 edits at 10k lines (docs/performance.md). After a document's first
/// analysis, when no budget is known yet, the pause collects every generation instead
/// (<see cref="CollectAfterOpening"/>).
/// </summary>
public static class IdleCollection
{
    /// <summary>
    /// How long after the diagnostics are out the server waits for the next change before it
    /// collects: long enough for the requests an editor sends after the diagnostics (inlay
    /// hints, code lenses, semantic tokens) to be answered first, short against the pause
    /// between two keystrokes of a fast typist (100 ms at ten characters a second).
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    private static readonly object Gate = new();

    // Total bytes allocated when the last collection was seen, and between two the runtime
    // started (a collection this class asks for ends early: counting it would shrink the
    // budget a little more each time).
    private static long _atLastCollection;
    private static long _budget;
    private static int _collectionsSeen;
    private static bool _inducing;

    // The same for full collections: total bytes allocated at the last one (the server's or the
    // runtime's), and what was allocated between the last two the runtime started by itself
    // (guessed after a document is opened until then: CollectAfterOpening).
    private static long _atLastFull;
    private static long _fullBudget;
    private static int _fullCollectionsSeen;

    // Allocated since the previous check, and the most one recent edit cycle allocated (decaying).
    private static long _atLastCheck;
    private static long _cycle;

    static IdleCollection()
    {
        // The first edit cycle counts from the first check, not from the process's start (its
        // warm-up and first analysis would make every pause collect until the figure decayed).
        _atLastCheck = GC.GetTotalAllocatedBytes(precise: true);
        _ = new Sentinel();
    }

    /// <summary>Collects if the next edit would likely start a collection; says what ran, for the trace, or null if none did.</summary>
    public static string? CollectIfNear()
    {
        long since, expected, budget;
        bool full;
        lock (Gate)
        {
            var now = GC.GetTotalAllocatedBytes(precise: true);
            _cycle = Math.Max(now - _atLastCheck, _cycle * 3 / 4);
            _atLastCheck = now;
            // A collection the sentinel has not reported yet: the budget was just renewed.
            if (_collectionsSeen != GC.CollectionCount(0))
            {
                return null;
            }

            // A full collection would land in an edit too, and it copies every version the
            // server keeps (40-65 ms at 100k lines): when the next edit would likely start one,
            // it runs now instead (the young generations with it).
            expected = _cycle * 3 / 2;
            full = IsNear(now - _atLastFull, _fullBudget, expected);
            (since, budget) = full ? (now - _atLastFull, _fullBudget) : (now - _atLastCollection, _budget);
            if (!full && !IsNear(since, budget, expected))
            {
                return null;
            }

            _inducing = true;
        }

        var collected = full ? Induce(2, compacting: true) : Induce(0, compacting: false);
        return string.Create(CultureInfo.InvariantCulture,
            $"idle: collected while no change was pending ({since / 1e6:F0} of a {budget / 1e6:F0} MB {(full ? "full " : "")}budget spent, the next edit may take {expected / 1e6:F1}): ") + collected;
    }

    /// <summary>
    /// Collects every generation, after a document's first analysis. Opening a file parses the
    /// whole of it: most of what that allocated is dead once the diagnostics are out, and the
    /// first version lives in the young generations, with no budget seen yet to tell when they
    /// run out. Left to the runtime, the first edit met a full collection of all of it (147 ms
    /// at 100k lines); a user looks at a file before typing in it. Says what ran, for the trace.
    /// </summary>
    public static string CollectAfterOpening()
    {
        lock (Gate)
        {
            _inducing = true;
        }

        var collected = Induce(2, compacting: true);
        lock (Gate)
        {
            // Until the runtime's own full collections show their interval, the full budget is
            // guessed from what this one kept: without a guess, the first two full collections
            // after a file is opened fell in edits (40-50 ms each at 100k lines). The runtime started
            // its own after about three fifths of the heap's size was allocated (73 MB after one
            // that kept 121 MB): half is just under that. As much again let two of forty edits at
            // 100k lines pause 37-39 ms for the runtime's, before its interval was seen.
            if (_fullBudget == 0)
            {
                _fullBudget = GuessFullBudget(GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
            }
        }

        return "idle: collected after a document was opened: " + collected;
    }

    /// <summary>The full budget guessed from the heap a full collection kept, until the runtime's are seen: half of it.</summary>
    public static long GuessFullBudget(long kept) => kept / 2;

    /// <summary>
    /// A collection the server asks for, once the caller has set <see cref="_inducing"/> under the
    /// gate: the sentinel does not count it as the runtime's budget, and what the next edit
    /// spends counts from its end. Says what it cost, for the trace.
    /// </summary>
    private static string Induce(int generation, bool compacting)
    {
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true, compacting);
        GC.WaitForPendingFinalizers();
        lock (Gate)
        {
            _inducing = false;
            _atLastCheck = GC.GetTotalAllocatedBytes(precise: true);
        }

        return DiagnosticPublisher.Describe(GC.GetGCMemoryInfo(GCKind.Any));
    }

    /// <summary>Whether a collection would likely start during the next edit: what it may allocate would spend what is left of the budget.</summary>
    public static bool IsNear(long spent, long budget, long nextEdit) => budget > 0 && spent + nextEdit >= budget;

    /// <summary>The most allocated between two collections the runtime started by itself, lately (0: fewer than two seen yet).</summary>
    public static long Budget
    {
        get
        {
            lock (Gate)
            {
                return _budget;
            }
        }
    }

    /// <summary>What was allocated between the last two full collections the runtime started by itself (before that, a guess after a document was opened; 0: neither yet).</summary>
    public static long FullBudget
    {
        get
        {
            lock (Gate)
            {
                return _fullBudget;
            }
        }
    }

    /// <summary>Unreachable from the start, so every collection finalizes it: each one is seen as it happens, and a new sentinel takes its place.</summary>
    private sealed class Sentinel
    {
        ~Sentinel()
        {
            lock (Gate)
            {
                var now = GC.GetTotalAllocatedBytes(precise: true);
                if (!_inducing && _atLastCollection > 0)
                {
                    // The most recent ones, decaying: a collection the runtime starts early (its
                    // older generations' or large objects' budget) must not make every pause collect.
                    _budget = Math.Max(now - _atLastCollection, _budget * 3 / 4);
                }

                _atLastCollection = now;
                _collectionsSeen = GC.CollectionCount(0);
                if (GC.CollectionCount(2) != _fullCollectionsSeen)
                {
                    if (!_inducing && _atLastFull > 0)
                    {
                        // The latest interval alone: the runtime's first full collection after a file
                        // is opened comes late, and a full collection run early in a pause costs little.
                        _fullBudget = now - _atLastFull;
                    }

                    (_atLastFull, _fullCollectionsSeen) = (now, GC.CollectionCount(2));
                }
            }

            _ = new Sentinel();
        }
    }
}
