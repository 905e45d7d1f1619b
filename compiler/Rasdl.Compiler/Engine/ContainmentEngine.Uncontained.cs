using System.Collections.Immutable;
using Rasdl.Syntax;
using Rasdl.Intermediate;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// One path of a run, without its witness: its place in the run (<see cref="ContainmentEngine.PathChoice"/>),
/// its effective type and error, how many steps it has, where its culprit is (<see cref="Witness.Culprit"/>),
/// its route, the route node its errors enter (with the error, access and type: its walk) and
/// how the walk ended (what the host's judgements of it depend on, with the access and the route's cpu).
/// </summary>
internal readonly record struct JudgedPath(
    ContainmentEngine.PathChoice Path,
    MemoryType Effective,
    ErrorKind Error,
    int Steps,
    Place Culprit,
    IrRoute Route,
    PathWalker.RouteNode Entry,
    WalkSummary Summary)
{
    /// <summary>
    /// Which of two paths of one group a diagnostic shows: the one with fewer steps, then the one
    /// in the region's natural type; of equals, the first met stays. The witness choice and the
    /// warnings' grouping both ask this, so a warning shows the witness the report shows.
    /// </summary>
    public static bool Replaces(int steps, bool unnatural, int shownSteps, bool shownUnnatural) =>
        steps < shownSteps || (steps == shownSteps && !unnatural && shownUnnatural);
}

/// <summary>
/// The uncontained paths the diagnostics count, group and describe, without a witness for each:
/// a description unsafe everywhere has hundreds of thousands of them, and a diagnostic shows one per culprit.
/// </summary>
internal sealed partial class ContainmentEngine
{
    private readonly Dictionary<ChoiceKey, ImmutableArray<JudgedPath>> _uncontained = [];

    /// <summary>
    /// The run's uncontained paths (<see cref="Stage2Run.Uncontained"/> without the witnesses), in
    /// the same order. Like the witness choice they are the same for every endpoint alike
    /// (<see cref="ChoiceKey"/>): those share one array.
    /// </summary>
    public ImmutableArray<JudgedPath> UncontainedPaths(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor)
    {
        if (run.Verdict != ContainmentVerdict.Uncontained || !endpoint.FaultsDeclared)
        {
            return [];
        }

        lock (_gate)
        {
            var key = ChoiceKey.For(endpoint, run.Stage2, hypervisor);
            if (key is not null && _uncontained.TryGetValue(key.Value, out var known))
            {
                return known;
            }

            // One list for every run, copied to an array of the exact size: a large description's
            // runs would otherwise each grow an array of their own.
            _found.Clear();
            var found = new Collected(_found);
            PathsJudged(endpoint, run.Reachable, hypervisor, ContainmentVerdict.Uncontained, ref found);
            ImmutableArray<JudgedPath> paths = [.. _found];
            if (key is not null)
            {
                _uncontained[key.Value] = paths;
            }

            return paths;
        }
    }

    private readonly List<JudgedPath> _found = [];

    private readonly struct Collected(List<JudgedPath> paths) : IJudgedPaths
    {
        public void Add(in JudgedPath path) => paths.Add(path);
    }

    /// <summary>The witness of one of the run's paths, for the endpoint's own `faults` line.</summary>
    public Witness WitnessOf(IrEndpoint endpoint, Stage2Run run, IrHypervisor hypervisor, in JudgedPath path)
    {
        lock (_gate)
        {
            return Build(endpoint, run.Reachable, hypervisor, [path.Path])[0];
        }
    }
}
