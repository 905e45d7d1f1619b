using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// The verdicts of one analysis's runs (an endpoint's regions under one stage-2 attribute and
/// hypervisor), kept so that the analysis of a later version walks only the endpoints whose
/// paths an edit can have changed. A run's verdict depends on nothing but:
/// <list type="bullet">
/// <item>the endpoint (its faults and the block it sits under), the attribute and the hypervisor
/// (its treatments): the run's key, each element by reference, and an element a later version
/// keeps is the same object (<see cref="Lowering"/>), one it changed a new one;</item>
/// <item>every route to the endpoint's block, in order: its blocks (their rules, and the cpu's
/// claims), compared block by block by reference;</item>
/// <item>the platform's features (FEAT_S2FWB, and the conditions of the hypervisor's
/// treatments) and its firmware block (firmware-first rules).</item>
/// </list>
/// A later run with all of these the same gets the verdict the walks gave, without walking;
/// any other is walked. Holds the analysis's engines, whose runs its results hold anyway: made
/// with the analysis, it costs nothing, and it is let go of with the analysis's findings.
/// </summary>
internal sealed class KeptRuns
{
    private readonly ImmutableHashSet<Feature> _features;
    private readonly IrBlock? _firmware;
    private readonly IReadOnlyDictionary<IrBlock, ImmutableArray<IrRoute>> _routesTo;
    private readonly ImmutableArray<ContainmentEngine> _engines;

    /// <param name="engines">The engines of the analysis, whose runs (each engine's own) are kept: they are the analysis's results' anyway.</param>
    public KeptRuns(PlatformIr platform, ImmutableArray<ContainmentEngine> engines)
    {
        _features = platform.Features;
        _firmware = platform.Firmware;
        _routesTo = engines[0].RoutesTo;
        _engines = engines;
    }

    /// <summary>Whether a later platform has the features and firmware these verdicts were found with.</summary>
    public bool Fits(PlatformIr later) => ReferenceEquals(_firmware, later.Firmware) && _features.SetEquals(later.Features);

    /// <summary>The run's kept verdict, or null when it must be walked: not run before, or a route to its endpoint's block is not the one it was.</summary>
    public ContainmentVerdict? VerdictOf(ContainmentEngine.RunKey run, IReadOnlyDictionary<IrBlock, ImmutableArray<IrRoute>> routesTo)
    {
        ContainmentVerdict? verdict = null;
        foreach (var engine in _engines)
        {
            verdict ??= engine.VerdictOf(run);
        }

        if (verdict is null
            || !_routesTo.TryGetValue(run.Endpoint.Parent, out var before)
            || !routesTo.TryGetValue(run.Endpoint.Parent, out var now)
            || before.Length != now.Length)
        {
            return null;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(before[i], now[i]) && !before[i].Hops.AsSpan().SequenceEqual(now[i].Hops.AsSpan(), ReferenceEqualityComparer.Instance))
            {
                return null;
            }
        }

        return verdict;
    }
}
