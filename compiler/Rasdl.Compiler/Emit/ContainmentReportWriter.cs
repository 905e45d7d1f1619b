using Rasdl.Engine;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit;

/// <summary>The containment results as a readable table per profile, each region followed by its witnesses (all of an uncontained one's, one of a region contained in the VM).</summary>
public static class ContainmentReportWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ProfileResult> profiles)
    {
        foreach (var profile in profiles)
        {
            output.WriteLine($"profile {profile.Name} (hypervisor {profile.Hypervisor}): {profile.Verdict.Name()}");
            if (profile.Regions.IsEmpty)
            {
                output.WriteLine("  no assigned region");
                continue;
            }

            var rows = profile.Regions.Select(r => new[]
            {
                r.QualifiedName,
                Words.Drivers.TextOf(r.Driver),
                $"{Stage2Table.Name(r.Stage2)} ({Stage2Table.MemAttr(r.Stage2)})",
                string.Join(" ", r.Effective.Select(t => t.Word())),
                r.Verdict.Name(),
                r.Differential.Name(),
            }).ToList();
            string[] header = ["region", "driver", "stage 2", "effective types", "verdict", "differential"];
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
            output.WriteLine("  " + Row(header, widths));
            foreach (var (region, row) in profile.Regions.Zip(rows))
            {
                output.WriteLine("  " + Row(row, widths));
                // Every way an unsafe region fails; for a region contained in the VM, the shortest example.
                var witnesses = region.Verdict == ContainmentVerdict.Uncontained ? region.Witnesses : region.Witnesses.Take(1);
                foreach (var witness in witnesses)
                {
                    output.WriteLine($"      witness: {witness.Short()}");
                }
            }

            output.WriteLine();
        }
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
