using System.Collections.Immutable;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Engine;

/// <summary>A region under one profile as an editor shows it beside the text: the stage-2 attribute, the effective types a guest reaches and the verdict, without the witnesses.</summary>
public sealed record RegionVerdict(string Profile, string Hypervisor, Stage2Attribute Stage2, ImmutableArray<MemoryType> Effective, ContainmentVerdict Verdict)
{
    /// <summary>The result's verdict; <paramref name="effective"/>, when given, is its effective types (an array shared by the results that have them).</summary>
    public static RegionVerdict Of(RegionResult result, ImmutableArray<MemoryType>? effective = null) =>
        new(result.Profile, result.Hypervisor, result.Stage2, effective ?? result.Effective, result.Verdict);
}

/// <summary>
/// Every assigned region's <see cref="RegionVerdict"/> per profile, in the order
/// <see cref="ContainmentAnalysis.ResultsFor"/> gives them, by the region's qualified name: what
/// a later version of the description may reuse with its findings when its platform has the
/// same shape (<see cref="ContainmentFindings"/>), so that an editor's inlay hints and code
/// lenses need no analysis of a version whose diagnostics needed none. Holds neither the
/// analysis nor the symbols.
/// </summary>
public sealed class RegionVerdicts
{
    private readonly Dictionary<string, ImmutableArray<RegionVerdict>> _byRegion;

    private RegionVerdicts(Dictionary<string, ImmutableArray<RegionVerdict>> byRegion)
    {
        _byRegion = byRegion;
    }

    /// <summary>The analysis's verdicts; null when two regions share a qualified name (a description with errors), which the name could not tell apart.</summary>
    public static RegionVerdicts? Of(ContainmentAnalysis analysis)
    {
        var symbols = new Dictionary<string, RegionSymbol>(StringComparer.Ordinal);
        var byRegion = new Dictionary<string, ImmutableArray<RegionVerdict>.Builder>(StringComparer.Ordinal);
        // One array of effective types per stage-2 attribute and FWB, shared by every region that has them.
        var effective = new Dictionary<(Stage2Attribute, bool), ImmutableArray<MemoryType>>();
        foreach (var result in analysis.Profiles.SelectMany(p => p.Regions))
        {
            if (symbols.TryGetValue(result.QualifiedName, out var known) && !ReferenceEquals(known, result.Region))
            {
                return null;
            }

            symbols[result.QualifiedName] = result.Region;
            if (!effective.TryGetValue((result.Stage2, result.Fwb), out var types))
            {
                effective[(result.Stage2, result.Fwb)] = types = result.Effective;
            }

            if (!byRegion.TryGetValue(result.QualifiedName, out var verdicts))
            {
                byRegion[result.QualifiedName] = verdicts = ImmutableArray.CreateBuilder<RegionVerdict>();
            }

            verdicts.Add(RegionVerdict.Of(result, types));
        }

        return new RegionVerdicts(byRegion.ToDictionary(e => e.Key, e => e.Value.ToImmutable(), StringComparer.Ordinal));
    }

    /// <summary>The region's verdict under each profile that analysed it; empty for a region not assigned.</summary>
    public ImmutableArray<RegionVerdict> For(string qualifiedName) => _byRegion.GetValueOrDefault(qualifiedName, []);
}
