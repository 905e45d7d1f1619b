using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Text;
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
        using var otherCores = OtherCores.Prepare(profiles.SelectMany(p => p.Regions), region =>
        {
            _ = Shown(region);
            _ = region.Run.Explanation(region.Hypervisor);
            _ = region.Run.CompletionTimeoutStalls; // its note: asked under the engine's lock too
        });
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

                foreach (var witness in Shown(region))
                {
                    WriteWitness(output, witness, paths);
                }

                var (faults, routes) = region.Run.Explanation(region.Hypervisor);
                WriteExplanation(output, faults, routes, paths);
            }

            output.WriteLine();
        }
    }

    // Every way an unsafe region fails; for a region contained in the VM, the shortest example
    // (only it is built). The witnesses and the explanation are made once for every endpoint
    // alike (below one block, with the same faults).
    private static ImmutableArray<Witness> Shown(RegionResult region) =>
        region.Verdict == ContainmentVerdict.Uncontained ? region.Run.AlikeWitnesses
        : region.Run.FirstAlikeWitness is { } first ? [first] : [];

    private static void WriteWitness(TextWriter output, Witness witness, DisplayPaths paths)
    {
        output.Write("      witness: ");
        witness.WriteShort(output);
        // The cpu and the route declaration it followed: on a platform with several, which one matters.
        output.Write(" [cpu ");
        output.Write(witness.Route.Cpu.Name);
        output.Write(", route ");
        WriteLocation(output, witness.LocationOf(witness.Route.Place), paths);
        output.WriteLine(']');
    }

    // Why the region got its verdict: each fault's worst path and where it stopped; each route's verdict when several reach it.
    private static void WriteExplanation(TextWriter output, ImmutableArray<FaultExplanation> faults, ImmutableArray<RouteResult> routes, DisplayPaths paths)
    {
        foreach (var fault in faults)
        {
            // In parts: a large report has a why line for every fault of every region.
            output.Write("      why: ");
            output.Write(fault.Text);
            output.Write(" (");
            WriteLocation(output, fault.Location, paths);
            output.WriteLine(')');
        }

        if (routes.Length > 1)
        {
            var worst = routes.Max(r => r.Verdict);
            foreach (var route in routes)
            {
                output.Write("      route ");
                output.Write(route.Hops);
                output.Write(" (");
                WriteLocation(output, route.Location, paths);
                output.Write("): ");
                output.Write(route.Verdict.Name());
                output.WriteLine(route.Verdict == worst ? " (the worst)" : "");
            }
        }
    }

    // "file:line", the file as the report shows it (the same few files on every line: shown once each).
    private static void WriteLocation(TextWriter output, SourceLocation location, DisplayPaths paths)
    {
        output.Write(paths.Show(location.Path));
        output.Write(':');
        Span<char> line = stackalloc char[11];
        (location.Range.Start.Line + 1).TryFormat(line, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        output.Write(line[..length]);
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
