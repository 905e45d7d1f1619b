using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Emit.Paths;

/// <summary>One guest choice an entry stands for: the stage-1 type it picks and the effective type that gives.</summary>
public sealed record Stage1Choice(MemoryType Stage1, MemoryType Effective);

/// <summary>
/// One entry of a listing: a path, and the guest's stage-1 choices it stands for. Ungrouped, one
/// choice; grouped, every choice whose path has the same route, access, fault, steps, CPU outcome
/// and hypervisor action (whatever the stage-1 type, the platform does the same thing).
/// </summary>
public sealed record PathEntry(Witness Path, ImmutableArray<Stage1Choice> Covers);

/// <summary>The paths of one region under one profile, or why the profile did not analyse it.</summary>
public sealed record ProfilePaths(ProfileResult Profile, RegionResult? Region, LeftOutRegion? LeftOut, ImmutableArray<PathEntry> Entries)
{
    /// <summary>How many paths the entries stand for (one per stage-1 choice, access, fault and route).</summary>
    public int PathCount => Entries.Sum(e => e.Covers.Length);

    /// <summary>The entries with one verdict, in listing order.</summary>
    public IEnumerable<PathEntry> With(ContainmentVerdict verdict) => Entries.Where(e => e.Path.Verdict == verdict);

    /// <summary>The verdicts a path can have, best first: the order a listing groups them in.</summary>
    public static readonly ImmutableArray<ContainmentVerdict> Outcomes = [ContainmentVerdict.ContainedInDevice, ContainmentVerdict.ContainedInVm, ContainmentVerdict.Uncontained];
}

/// <summary>
/// Every path the engine walked for one region (<c>rasdl paths</c>), contained ones included,
/// one per stage-1 choice a guest can make, in route, stage-1 type, access and fault order.
/// The engine walks each effective type once; a path stands for every stage-1 type that combines
/// to its effective type under the region's stage-2 attribute (Arm ARM: S2CombineS1MemAttrs).
/// </summary>
public static class PathListing
{
    /// <summary>The region's paths under each profile that has it (analysed or left out), in profile order.</summary>
    public static ImmutableArray<ProfilePaths> For(ContainmentAnalysis analysis, RegionLookup region, bool grouped)
    {
        var listing = ImmutableArray.CreateBuilder<ProfilePaths>();
        foreach (var profile in analysis.Profiles)
        {
            foreach (var result in profile.Regions.Where(r => region.Assignments.Any(a => ReferenceEquals(a, r.Assignment))))
            {
                listing.Add(new ProfilePaths(profile, result, null, Entries(result, grouped)));
            }

            foreach (var left in profile.LeftOut.Where(l => l.Name == region.Name))
            {
                listing.Add(new ProfilePaths(profile, null, left, []));
            }
        }

        return listing.ToImmutable();
    }

    /// <summary>The entries of one region under its profile's stage-2 attribute: one per path, or grouped.</summary>
    public static ImmutableArray<PathEntry> Entries(RegionResult region, bool grouped)
    {
        var paths = Ungrouped(region.Run);
        if (!grouped)
        {
            return [.. paths.Select(p => new PathEntry(p, [new Stage1Choice(p.Stage1, p.Effective)]))];
        }

        // Entries in the order of their first path; the paths of one route, access and fault are
        // compared with each other only.
        var entries = new List<(Witness Path, ImmutableArray<Stage1Choice>.Builder Covers)>();
        var candidates = new Dictionary<(IrRoute, GuestAccess, DeclaredFault), List<int>>();
        foreach (var path in paths)
        {
            var key = (path.Route, path.Access, path.Fault);
            if (!candidates.TryGetValue(key, out var indices))
            {
                candidates[key] = indices = [];
            }

            var at = indices.FindIndex(i => SameOutcome(entries[i].Path, path));
            if (at < 0)
            {
                indices.Add(entries.Count);
                entries.Add((path, ImmutableArray.CreateBuilder<Stage1Choice>()));
                at = indices.Count - 1;
            }

            entries[indices[at]].Covers.Add(new Stage1Choice(path.Stage1, path.Effective));
        }

        return [.. entries.Select(e => new PathEntry(e.Path, e.Covers.ToImmutable()))];
    }

    // One path per stage-1 choice: the engine's path for the choice's effective type, with the choice.
    private static List<Witness> Ungrouped(Stage2Run run)
    {
        var byRoute = run.AllPaths.GroupBy(p => p.Route, ReferenceEqualityComparer.Instance);
        var paths = new List<Witness>();
        foreach (var route in byRoute)
        {
            foreach (var stage1 in Stage2Table.Stage1Types)
            {
                var effective = Stage2Table.Combine(stage1, run.Stage2);
                paths.AddRange(route.Where(p => p.Effective == effective).Select(p => p.Stage1 == stage1 ? p : p with { Stage1 = stage1 }));
            }
        }

        return paths;
    }

    // The same blocks, rules, end and host decisions: only the memory types differ.
    private static bool SameOutcome(Witness a, Witness b) =>
        a.Verdict == b.Verdict
        && a.Walk.End == b.Walk.End
        && a.Steps.SequenceEqual(b.Steps, StepIdentity.Instance)
        && a.Judgements.SequenceEqual(b.Judgements);

    // IR elements are unique objects: steps compare by the block and rule they name.
    private sealed class StepIdentity : IEqualityComparer<WitnessStep>
    {
        public static readonly StepIdentity Instance = new();

        public bool Equals(WitnessStep? x, WitnessStep? y) =>
            x is not null && y is not null && ReferenceEquals(x.Block, y.Block) && x.Error == y.Error && ReferenceEquals(x.Rule, y.Rule);

        public int GetHashCode(WitnessStep step) => HashCode.Combine(step.Block.Name, step.Error);
    }
}
