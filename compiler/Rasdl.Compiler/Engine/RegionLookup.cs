using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Semantics;

namespace Rasdl.Engine;

/// <summary>
/// A region named on the command line (<c>--region ENDPOINT.REGION</c>): its `assign`
/// declarations, or a message saying why there is nothing to show — no such region (with the
/// nearest names), or a region no `assign` gives to a guest.
/// </summary>
public sealed record RegionLookup(string Name, ImmutableArray<IrAssignment> Assignments, string? Error)
{
    /// <summary>"gpu0.bar0, gpu0.bar2", or "none": the regions a guest is given, in the order assigned.</summary>
    public static string List(PlatformIr platform)
    {
        var assigned = Assigned(platform);
        return assigned.Count == 0 ? "none" : string.Join(", ", assigned);
    }

    private static List<string> Assigned(PlatformIr platform) =>
        [.. platform.Assignments.Select(a => a.Region.QualifiedName).Concat(platform.UnloweredAssignments.Select(u => u.Name)).Distinct()];

    /// <summary>
    /// Looks <paramref name="name"/> up among the platform's assigned regions. An `assign` whose
    /// endpoint or region did not resolve still counts as found (with no lowered assignment): every
    /// profile then says it was not analysed, rather than the name being called unknown.
    /// </summary>
    public static RegionLookup Find(PlatformIr platform, string name)
    {
        var assignments = platform.Assignments.Where(a => a.Region.QualifiedName == name).ToImmutableArray();
        if (!assignments.IsEmpty || platform.UnloweredAssignments.Any(u => u.Name == name))
        {
            return new RegionLookup(name, assignments, null);
        }

        var assigned = Assigned(platform);
        var list = List(platform);
        if (platform.Endpoints.SelectMany(e => e.Regions).FirstOrDefault(r => r.QualifiedName == name) is { } declared)
        {
            return new RegionLookup(name, [], $"region '{name}' is declared ({Path.GetFileName(platform.LocationOf(declared.Place).Path)}:{platform.LocationOf(declared.Place).Range.Start.Line + 1}) but no `assign` gives it to a guest, so no guest access reaches it (assigned: {list})");
        }

        // Suggest from every region name a user could mean, assigned or not.
        var candidates = assigned.Concat(platform.Endpoints.SelectMany(e => e.Regions).Select(r => r.QualifiedName)).Distinct();
        return new RegionLookup(name, [], $"no assigned region '{name}'{NameSuggestions.Hint(NameSuggestions.Closest(name, candidates))} (assigned: {list})");
    }
}
