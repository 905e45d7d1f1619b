using System.Globalization;
using System.Text;

namespace Rasdl.Benchmarks.Generator;

public static partial class PlatformGenerator
{
    // One slot of the deep shape: a root port with a chain of four to six switches below it
    // (switches under switches, as in a GPU tray or an expansion chassis), two endpoints below
    // the deepest switch and one below the second, each depth with its own route.
    private static void WriteDeepSlot(StringBuilder r, StringBuilder d, int slot, Counts counts)
    {
        var socket = slot / 4 % Sockets;
        var cluster = slot / 2 % Clusters;
        var depth = 4 + (slot % 3);
        var rp = $"rp{slot}";
        counts.RootPorts++;

        r.Append(CultureInfo.InvariantCulture, $"// ---- slot {slot}: socket {socket}, {depth} switch levels\n");
        d.Append(CultureInfo.InvariantCulture, $"\t// ---- slot {slot}: socket {socket}, {depth} switch levels\n");
        if (slot % 2 == 0)
        {
            r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_master_abort {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}, with {depth} levels of switches below it.\";\n");
            r.Append("}\n");
            d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}, with {depth} levels of switches below it.\"; extends = <&pcie_rp_master_abort>;\n");
            d.Append("\t};\n");
        }
        else
        {
            r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_bus_error {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}, with {depth} levels of switches below it: bus errors for failed Device reads; a Normal-NC read (maybe speculative) gets all-ones.\";\n");
            r.Append("    on any (read, normal_nc)   -> all_ones; // a bus error on a speculative read would be an SError\n");
            r.Append("    on ur  (exclusive, atomic) -> slverr;   // non-posted: the completer's UR comes back\n");
            r.Append("}\n");
            d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}, with {depth} levels of switches below it: bus errors for failed Device reads; a Normal-NC read (maybe speculative) gets all-ones.\"; extends = <&pcie_rp_bus_error>;\n");
            d.Append("\t\trule-0 = \"any\", \"read normal_nc\", \"all_ones\"; // a bus error on a speculative read would be an SError\n");
            d.Append("\t\trule-1 = \"ur\", \"exclusive atomic\", \"slverr\"; // non-posted: the completer's UR comes back\n");
            d.Append("\t};\n");
        }

        var hops = $"cluster{cluster} -> mesh{socket} -> {rp}";
        var dtsHops = $"&cluster{cluster} &mesh{socket} &{rp}";
        var upstream = rp;
        string? middle = null, middleHops = null, middleDtsHops = null;
        for (var level = 1; level <= depth; level++)
        {
            var sw = $"sw{slot}_{level}";
            counts.Switches++;
            hops += $" -> {sw}";
            dtsHops += $" &{sw}";
            WriteForwardingSwitch(r, d, sw, $"pcie-switch-{slot}-{level}", $"Switch at level {level} below the root port of slot {slot}: forwards every error upstream unchanged.", upstream);
            upstream = sw;
            if (level == 2)
            {
                (middle, middleHops, middleDtsHops) = (sw, hops, dtsHops);
            }
        }

        var window = 0x40_0000_0000UL + ((ulong)slot * 0x1_0000_0000UL);
        var deepest = new List<(string Endpoint, string Region, string Driver)>();
        var gpu = $"gpu{slot}";
        WriteEndpoint(r, d, gpu, upstream, $"Accelerator at the bottom of slot {slot}'s switches.",
            [("regs", "16M", 16UL << 20, window, false), ("vram", "64G", 64UL << 30, null, true)],
            ["ur", "ca", "cto", "poison"], counts);
        deepest.Add((gpu, "regs", "vfio_pci"));
        deepest.Add((gpu, "vram", "vfio_pci"));
        var nic = $"nic{slot}";
        WriteEndpoint(r, d, nic, upstream, $"Network adapter at the bottom of slot {slot}'s switches.",
            [("bar0", "128K", 128UL << 10, window + 0x100_0000UL, false), ("msix", "16K", 16UL << 10, window + 0x102_0000UL, false)],
            ["ur", "ca", "cto", "malformed"], counts);
        deepest.Add((nic, "bar0", "vfio_pci"));
        deepest.Add((nic, "msix", "io"));
        WriteRouteAndAssignments(r, d, $"route-{slot}", hops, dtsHops, deepest, counts);

        var nvme = $"nvme{slot}";
        WriteEndpoint(r, d, nvme, middle!, $"NVMe drive below the second switch of slot {slot}.",
            [("bar0", "16K", 16UL << 10, window + 0x200_0000UL, false)],
            ["ur", "cto", "poison"], counts);
        WriteRouteAndAssignments(r, d, $"route-{slot}-{middle}", middleHops!, middleDtsHops!, [(nvme, "bar0", "vfio_pci")], counts);
        r.Append('\n');
        d.Append('\n');
    }
}
