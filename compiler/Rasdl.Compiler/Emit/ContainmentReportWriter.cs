using Rasdl.Engine;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit;

/// <summary>The containment results as a readable table per profile, each region followed by its witnesses (all of an uncontained one's, one of a region contained in the VM).</summary>
public static class ContainmentReportWriter
{
    private static readonly string[] Header = ["region", "driver", "stage 2", "effective types", "verdict", "differential"];

    public static void Write(TextWriter output, IReadOnlyList<ProfileResult> profiles, DisplayPaths? paths = null)
    {
        paths ??= DisplayPaths.CurrentDirectory;
        // A large description has tens of thousands of rows: cells are written straight to the
        // output, and the cells that depend only on the stage-2 attribute are made once.
        var byStage2 = new Dictionary<Stage2Attribute, (string Stage2, string Effective)>();
        foreach (var profile in profiles)
        {
            output.WriteLine($"profile {profile.Name} (hypervisor {profile.Hypervisor}): {profile.Verdict.Name()}");
            foreach (var left in profile.LeftOut)
            {
                output.WriteLine($"  not analysed: {left.Name} ({left.Reason})");
            }

            if (profile.Regions.IsEmpty)
            {
                output.WriteLine(profile.LeftOut.IsEmpty ? "  no assigned region: this profile proves nothing" : "  no region analysed");
                output.WriteLine();
                continue;
            }

            var rows = new string[profile.Regions.Length][];
            var widths = Header.Select(h => h.Length).ToArray();
            for (var r = 0; r < rows.Length; r++)
            {
                var region = profile.Regions[r];
                if (!byStage2.TryGetValue(region.Stage2, out var cells))
                {
                    byStage2[region.Stage2] = cells = (
                        $"{Stage2Table.Name(region.Stage2)} ({Stage2Table.MemAttr(region.Stage2)})",
                        string.Join(" ", region.Run.Reachable.Select(t => t.Effective.Word())));
                }

                var row = rows[r] = [region.QualifiedName, Words.Drivers.TextOf(region.Driver), cells.Stage2, cells.Effective, region.Verdict.Name(), region.Differential.Name()];
                for (var i = 0; i < row.Length; i++)
                {
                    widths[i] = Math.Max(widths[i], row[i].Length);
                }
            }

            WriteRow(output, Header, widths);
            for (var r = 0; r < rows.Length; r++)
            {
                var region = profile.Regions[r];
                WriteRow(output, rows[r], widths);
                foreach (var note in RegionNotes.For(region))
                {
                    output.Write("      note: ");
                    output.WriteLine(note);
                }

                // Every way an unsafe region fails; for a region contained in the VM, the shortest example.
                var witnesses = region.Witnesses;
                var shown = region.Verdict == ContainmentVerdict.Uncontained ? witnesses.Length : Math.Min(1, witnesses.Length);
                for (var w = 0; w < shown; w++)
                {
                    output.Write("      witness: ");
                    witnesses[w].WriteShort(output);
                    // The cpu and the route declaration it followed: on a platform with several, which one matters.
                    output.Write($" [cpu {witnesses[w].Route.Cpu.Name}, route {paths.Show(witnesses[w].Route.Location.Path)}:{witnesses[w].Route.Location.Range.Start.Line + 1}]");
                    output.WriteLine();
                }

                WriteExplanation(output, RegionExplanation.For(region), paths);
            }

            output.WriteLine();
        }
    }

    // Why the region got its verdict: each fault's worst path and where it stopped; each route's verdict when several reach it.
    private static void WriteExplanation(TextWriter output, RegionExplanation explanation, DisplayPaths paths)
    {
        foreach (var fault in explanation.Faults)
        {
            // In parts: a large report has a why line for every fault of every region.
            output.Write("      why: ");
            output.Write(fault.Text);
            output.Write(" (");
            output.Write(paths.Show(fault.Location.Path));
            output.Write(':');
            output.Write(fault.Location.Range.Start.Line + 1);
            output.WriteLine(')');
        }

        if (explanation.Routes.Length > 1)
        {
            var worst = explanation.Routes.Max(r => r.Verdict);
            foreach (var route in explanation.Routes)
            {
                output.WriteLine($"      route {route.Hops} ({paths.Show(route.Route.Location.Path)}:{route.Route.Location.Range.Start.Line + 1}): {route.Verdict.Name()}{(route.Verdict == worst ? " (the worst)" : "")}");
            }
        }
    }

    // "  cell  cell  last": every cell but the last padded to its column's width, no trailing spaces.
    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var last = cells.Length - 1;
        while (last > 0 && cells[last].Length == 0)
        {
            last--;
        }

        output.Write("  ");
        for (var i = 0; i <= last; i++)
        {
            output.Write(cells[i]);
            if (i < last)
            {
                for (var pad = widths[i] - cells[i].Length + 2; pad > 0; pad--)
                {
                    output.Write(' ');
                }
            }
        }

        output.WriteLine();
    }
}
