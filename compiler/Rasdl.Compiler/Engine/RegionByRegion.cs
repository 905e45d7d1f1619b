using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;

namespace Rasdl.Engine;

/// <summary>
/// Regions analysed one at a time, as they are asked for, by one engine whose memo grows with
/// each: what an editor's inlay hints and code lenses need for the few regions on screen of a
/// version whose findings hold no verdicts (while a syntax or binding error hides them), instead
/// of the whole analysis. A region's result depends only on its own endpoint's walks, which is
/// what lets <see cref="ContainmentAnalysis.Analyze(PlatformIr, int, CancellationToken)"/> split the assignments
/// between engines, so each region's results are the whole analysis's, in the same order:
/// profile by profile, and the region's assignments in the order written. Thread-safe.
/// </summary>
internal sealed class RegionByRegion(PlatformIr platform)
{
    private readonly ContainmentEngine _engine = new(platform);
    private readonly Lock _gate = new();
    private readonly Dictionary<RegionSymbol, ImmutableArray<RegionResult>> _analysed = [];
    // Each region's assignments, by index (a region is assigned once, or more with a duplicate reported).
    private Dictionary<RegionSymbol, List<int>>? _assignments;

    /// <summary>The region's results under every profile; a cancelled token stops it between assignments (what was walked stays in the memo, whole).</summary>
    public ImmutableArray<RegionResult> ResultsFor(RegionSymbol region, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_analysed.TryGetValue(region, out var known))
            {
                return known;
            }

            var results = ImmutableArray.CreateBuilder<RegionResult>();
            foreach (var profile in platform.Profiles)
            {
                foreach (var index in AssignmentsOf(region))
                {
                    results.AddRange(_engine.Analyze(profile, index, index + 1, cancellationToken).Regions);
                }
            }

            return _analysed[region] = results.ToImmutable();
        }
    }

    /// <summary>The profile of each result <see cref="ResultsFor"/> gives, in its order, without walking a path.</summary>
    public ImmutableArray<string> ProfilesFor(RegionSymbol region)
    {
        lock (_gate)
        {
            var profiles = ImmutableArray.CreateBuilder<string>();
            foreach (var profile in platform.Profiles)
            {
                foreach (var index in AssignmentsOf(region))
                {
                    if (_engine.Analyses(platform.Assignments[index], profile.Hypervisor))
                    {
                        profiles.Add(profile.Name);
                    }
                }
            }

            return profiles.ToImmutable();
        }
    }

    private List<int> AssignmentsOf(RegionSymbol region)
    {
        if (_assignments is null)
        {
            _assignments = new Dictionary<RegionSymbol, List<int>>(platform.Assignments.Length);
            for (var i = 0; i < platform.Assignments.Length; i++)
            {
                var symbol = platform.Assignments[i].Region.Symbol;
                (_assignments.TryGetValue(symbol, out var list) ? list : _assignments[symbol] = []).Add(i);
            }
        }

        return _assignments.TryGetValue(region, out var indices) ? indices : [];
    }
}
