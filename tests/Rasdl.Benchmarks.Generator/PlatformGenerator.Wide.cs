using System.Globalization;
using System.Text;

namespace Rasdl.Benchmarks.Generator;

public static partial class PlatformGenerator
{
    private const int FunctionsPerSlot = 8;

    // One slot of the wide shape: a bus-error root port (a failed Device read comes back as
    // SLVERR, which the core takes as a synchronous external abort and KVM injects: contained
    // in the VM), with eight functions below it, each assigned.
    private static void WriteWideSlot(StringBuilder r, StringBuilder d, int slot, Counts counts)
    {
        var socket = slot / 4 % Sockets;
        var cluster = slot / 2 % Clusters;
        var rp = $"rp{slot}";
        counts.RootPorts++;

        r.Append(CultureInfo.InvariantCulture, $"// ---- slot {slot}: socket {socket}, {FunctionsPerSlot} functions\n");
        d.Append(CultureInfo.InvariantCulture, $"\t// ---- slot {slot}: socket {socket}, {FunctionsPerSlot} functions\n");
        if (slot % 2 == 0)
        {
            r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_bus_error {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}: bus errors for failed Device reads; a Normal-NC read (maybe speculative) gets all-ones.\";\n");
            r.Append("    on any (read, normal_nc)   -> all_ones; // a bus error on a speculative read would be an SError\n");
            r.Append("    on ur  (exclusive, atomic) -> slverr;   // non-posted: the completer's UR comes back\n");
            r.Append("}\n");
            d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}: bus errors for failed Device reads; a Normal-NC read (maybe speculative) gets all-ones.\"; extends = <&pcie_rp_bus_error>;\n");
            d.Append("\t\trule-0 = \"any\", \"read normal_nc\", \"all_ones\"; // a bus error on a speculative read would be an SError\n");
            d.Append("\t\trule-1 = \"ur\", \"exclusive atomic\", \"slverr\"; // non-posted: the completer's UR comes back\n");
            d.Append("\t};\n");
        }
        else
        {
            r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}: a bus error for every failed Device read, all-ones for a Normal-NC read, AER for failed writes.\";\n");
            r.Append("    on any (read, normal_nc)   -> all_ones;\n");
            r.Append("    on poison (read)           -> poison;\n");
            r.Append("    on any (read)              -> slverr;\n");
            r.Append("    on any (exclusive, atomic) -> slverr;\n");
            r.Append("    on ur  (write)             -> drop, irq(aer);\n");
            r.Append("    on any (write)             -> drop;\n");
            r.Append("}\n");
            d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}: a bus error for every failed Device read, all-ones for a Normal-NC read, AER for failed writes.\";\n");
            d.Append("\t\trule-0 = \"any\", \"read normal_nc\", \"all_ones\";\n");
            d.Append("\t\trule-1 = \"poison\", \"read\", \"poison\";\n");
            d.Append("\t\trule-2 = \"any\", \"read\", \"slverr\";\n");
            d.Append("\t\trule-3 = \"any\", \"exclusive atomic\", \"slverr\";\n");
            d.Append("\t\trule-4 = \"ur\", \"write\", \"drop irq(aer)\";\n");
            d.Append("\t\trule-5 = \"any\", \"write\", \"drop\";\n");
            d.Append("\t};\n");
        }

        var assignments = new List<(string Endpoint, string Region, string Driver)>();
        var window = 0x40_0000_0000UL + ((ulong)slot * 0x1_0000_0000UL);
        for (var f = 0; f < FunctionsPerSlot; f++)
        {
            var function = $"fn{slot}_{f}";
            var bar = window + ((ulong)f * 0x10_0000UL);
            // Every other function has an MSI-X table in a region of its own, mapped as plain I/O.
            (string, string, ulong, ulong?, bool)[] regions = f % 2 == 0
                ? [("bar0", "64K", 64UL << 10, bar, false), ("msix", "16K", 16UL << 10, bar + 0x8_0000UL, false)]
                : [("bar0", "64K", 64UL << 10, bar, false)];
            WriteEndpoint(r, d, function, rp, $"Function {f} of the adapter in slot {slot}.", regions, ["ur", "ca", "cto", "poison"], counts);
            assignments.Add((function, "bar0", "vfio_pci"));
            if (f % 2 == 0)
            {
                assignments.Add((function, "msix", "io"));
            }
        }

        WriteRouteAndAssignments(r, d, $"route-{slot}", $"cluster{cluster} -> mesh{socket} -> {rp}", $"&cluster{cluster} &mesh{socket} &{rp}", assignments, counts);
        r.Append('\n');
        d.Append('\n');
    }

    private static void WriteRouteAndAssignments(
        StringBuilder r,
        StringBuilder d,
        string dtsName,
        string hops,
        string dtsHops,
        List<(string Endpoint, string Region, string Driver)> assignments,
        Counts counts)
    {
        r.Append(CultureInfo.InvariantCulture, $"route {hops};\n");
        d.Append(CultureInfo.InvariantCulture, $"\t{dtsName} {{ hops = <{dtsHops}>; }};\n");
        foreach (var (endpoint, region, driver) in assignments)
        {
            r.Append(CultureInfo.InvariantCulture, $"assign {endpoint}.{region} to guest via {driver};\n");
            d.Append(CultureInfo.InvariantCulture, $"\tassign-{endpoint}-{region} {{ region = <&{endpoint}>, \"{region}\"; target = \"guest\"; driver = \"{driver}\"; }};\n");
            counts.Assignments++;
        }
    }
}
