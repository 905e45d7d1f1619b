using Rasdl.Engine;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit.Paths;

/// <summary>
/// <c>rasdl paths</c> as text: per profile, the region's header, then its paths grouped by
/// verdict, each with its guest choice, the trace (<see cref="WitnessTrace"/>: route, fault, each
/// block's rule, the hypervisor's treatment, each with its file:line) and how it ended.
/// </summary>
public static class PathsTextWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ProfilePaths> listing, bool grouped, DisplayPaths paths)
    {
        for (var i = 0; i < listing.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
            }

            Write(output, listing[i], grouped, paths);
        }
    }

    private static void Write(TextWriter output, ProfilePaths section, bool grouped, DisplayPaths paths)
    {
        var profile = section.Profile;
        if (section.Region is not { } region)
        {
            // Unknown is unsafe: a region the profile could not analyse is not called safe.
            output.WriteLine($"{section.LeftOut!.Name}, profile {profile.Name} (hypervisor {profile.Hypervisor}): not analysed");
            output.WriteLine($"  {At(section.LeftOut.Location, paths)}{section.LeftOut.Name} is assigned, but {profile.Name} did not analyse it: {section.LeftOut.Reason} (unknown is unsafe)");
            return;
        }

        output.WriteLine($"{region.QualifiedName}, profile {profile.Name} (hypervisor {profile.Hypervisor}): {region.Verdict.Name()}");
        output.WriteLine($"  {At(region.LocationOf(region.Assignment.Place), paths)}assigned via {Words.Drivers.TextOf(region.Driver)}: stage 2 {Stage2Table.Name(region.Stage2)} (MemAttr {Stage2Table.MemAttr(region.Stage2)}), effective types {Join(region.Effective.Select(t => t.Word()))}");
        foreach (var note in RegionNotes.For(region))
        {
            output.WriteLine($"  note: {note}");
        }

        var counts = ProfilePaths.Outcomes.Select(v => $"{section.With(v).Sum(e => e.Covers.Length)} {v.Name()}");
        var shown = grouped && section.Entries.Length < section.PathCount
            ? $", shown as {section.Entries.Length} (paths that differ only in the guest's stage-1 choice are one entry; --all lists each)"
            : "";
        output.WriteLine($"  {Plural(section.PathCount, "path")}: {string.Join(", ", counts)}{shown}");
        foreach (var verdict in ProfilePaths.Outcomes)
        {
            var entries = section.With(verdict).ToList();
            if (entries.Count == 0)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine($"  {verdict.Name()} ({Plural(entries.Sum(e => e.Covers.Length), "path")}):");
            foreach (var entry in entries)
            {
                WriteEntry(output, region, entry, paths);
            }
        }
    }

    private static void WriteEntry(TextWriter output, RegionResult region, PathEntry entry, DisplayPaths paths)
    {
        var path = entry.Path;
        var stage1 = Join(entry.Covers.Select(c => c.Stage1.Word()));
        var effective = Join(entry.Covers.Select(c => c.Effective).Distinct().Select(t => t.Word()));
        output.WriteLine($"    {path.Access.Name}, {Words.Errors.TextOf(path.Fault.Error)}: stage 1 {stage1} -> effective {effective}");
        foreach (var line in WitnessTrace.For(region, path))
        {
            if (line.Kind == TraceLineKind.Assignment)
            {
                continue; // said once, in the region's header
            }

            // A block's step names the rule as written, so it can be found without opening the file.
            var rule = line.Step?.Rule is { } applied ? $" [{applied}]" : "";
            output.WriteLine($"      {At(line.Location, paths)}{line.Text}{rule}");
        }

        output.WriteLine($"      outcome: {Ending(path, region.Hypervisor)} => {path.Verdict.Name()}");
    }

    /// <summary>How the path ended: where it was answered, or the CPU outcome and the hypervisor's action; then each signal's.</summary>
    private static string Ending(Witness path, string hypervisor)
    {
        var last = path.Steps[^1];
        var ending = path.Walk.End switch
        {
            PathEnd.Answered => $"ends at {last.Block.Name} ({last.Rule!.OutcomesText}), before any CPU",
            PathEnd.CpuException => $"{last.Block.Name} raises {path.Walk.FinalOutcome}{Context(path.CpuJudgement!)}, {hypervisor}: {path.CpuJudgement!.Short()}",
            PathEnd.NeverCompletes => $"never completes at {last.Block.Name}: the {path.Access.Name} waits for a response, so the core hangs",
            PathEnd.Hang => $"{last.Block.Name} hangs",
            PathEnd.Reset => $"{last.Block.Name} resets the platform",
            PathEnd.NoRule => $"{last.Block.Name} has no rule for {Words.Errors.TextOf(last.Error)} (unknown is unsafe)",
            PathEnd.PassedBeyondCpu => $"{last.Block.Name} passes it on to nothing beyond the CPU (unknown is unsafe)",
            _ => $"{last.Block.Name}'s rule cannot apply to a {path.Access.Name} (unknown is unsafe)",
        };
        foreach (var signal in path.SignalJudgements)
        {
            ending += $"; {signal.Outcome}{Context(signal)}, {hypervisor}: {signal.Short()}";
        }

        return ending;
    }

    private static string Context(Judgement judgement) =>
        judgement.Context == ErrorContext.Host ? " (in host context)" : judgement.Claim is not null ? " (in guest context, as claimed)" : "";

    private static string At(SourceLocation location, DisplayPaths paths) => $"{paths.Show(location.Path)}:{location.Range.Start.Line + 1}: ";

    private static string Join(IEnumerable<string> words) => string.Join(" ", words);

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
