using System.Globalization;
using System.Text;

namespace Rasdl.Benchmarks.Generator;

/// <summary>A generated description and its devicetree equivalent, with what they contain.</summary>
public sealed record GeneratedPlatform(
    string Rasdl,
    string DeviceTree,
    int RootPorts,
    int Switches,
    int Endpoints,
    int Regions,
    int Assignments)
{
    public int RasdlLines => CountLines(Rasdl);

    public int DeviceTreeLines => CountLines(DeviceTree);

    private static int CountLines(string text) => text.Count(c => c == '\n');
}

/// <summary>
/// Writes a synthetic server platform of about N lines: four core clusters, a mesh per socket,
/// a peripheral bridge with platform devices, and as many PCIe slots as fit, each of the
/// <see cref="PlatformShape"/> asked for; two profiles (Linux KVM 6.8 and 6.7). Every path is
/// contained, so the description checks with no error and the engine analyses all of it.
/// The devicetree source has the same nodes, properties and references (labels and phandles)
/// line for line, so that <c>dtc</c> does the equivalent work.
/// </summary>
public static partial class PlatformGenerator
{
    private const int Clusters = 4;
    private const int Sockets = 2;
    private const int SlotsPerSegment = 64;

    // std/kvm.rasdl's treatments, the same in every release it declares.
    private const string KvmTreatments =
        "\"sea firmware_first firmware\", \"sea - inject\", \"serror(any) firmware_first firmware\", \"serror(ce) ras continue\", \"serror(ueo) ras continue\", "
        + "\"serror(uc) ras panic\", \"serror(any) guest inject\", \"serror(any) - panic\", \"irq(aer) firmware_first firmware\", \"irq(aer) - recover\", "
        + "\"irq(fhi) firmware_first firmware\", \"irq(eri) firmware_first firmware\", \"fatal - panic\", \"recoverable - continue\", \"corrected - continue\"";

    public static GeneratedPlatform Generate(int lines) => Generate(lines, PlatformShape.Mixed);

    public static GeneratedPlatform Generate(int lines, PlatformShape shape)
    {
        if (lines < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(lines), "a generated platform has at least 100 lines");
        }

        var rasdl = new StringBuilder(lines * 40);
        var dts = new StringBuilder(lines * 40);
        var counts = new Counts();
        WriteHeader(rasdl, dts, lines);

        // Slots until the next one would pass the requested size; the trailer is written last.
        var trailer = new StringBuilder();
        var dtsTrailer = new StringBuilder();
        WriteTrailer(trailer, dtsTrailer);
        var trailerLines = trailer.ToString().Count(c => c == '\n');
        var used = rasdl.ToString().Count(c => c == '\n');
        for (var slot = 0; ; slot++)
        {
            var slotText = new StringBuilder();
            var slotDts = new StringBuilder();
            var slotCounts = new Counts();
            if (slot % SlotsPerSegment == 0)
            {
                // dtc's parser keeps one stack entry per sibling node (bison's limit is 10,000), so
                // the devicetree groups slots into segment nodes; the description notes the same groups.
                slotText.Append(CultureInfo.InvariantCulture, $"// ==== PCIe segment {slot / SlotsPerSegment}\n");
                slotDts.Append(slot == 0 ? "" : "\t};\n");
                slotDts.Append(CultureInfo.InvariantCulture, $"\tpcie-segment-{slot / SlotsPerSegment} {{\n");
            }

            switch (shape)
            {
                case PlatformShape.Wide:
                    WriteWideSlot(slotText, slotDts, slot, slotCounts);
                    break;
                case PlatformShape.Deep:
                    WriteDeepSlot(slotText, slotDts, slot, slotCounts);
                    break;
                default:
                    WriteSlot(slotText, slotDts, slot, slotCounts);
                    break;
            }


            var slotLines = slotText.ToString().Count(c => c == '\n');
            if (slot > 0 && used + slotLines + trailerLines > lines)
            {
                break;
            }

            rasdl.Append(slotText);
            dts.Append(slotDts);
            counts.Add(slotCounts);
            used += slotLines;
        }

        rasdl.Append(trailer);
        dts.Append("\t};\n").Append(dtsTrailer);
        return new GeneratedPlatform(rasdl.ToString(), dts.ToString(), counts.RootPorts, counts.Switches, counts.Endpoints, counts.Regions, counts.Assignments);
    }

    private sealed class Counts
    {
        public int RootPorts;
        public int Switches;
        public int Endpoints;
        public int Regions;
        public int Assignments;

        public void Add(Counts other)
        {
            RootPorts += other.RootPorts;
            Switches += other.Switches;
            Endpoints += other.Endpoints;
            Regions += other.Regions;
            Assignments += other.Assignments;
        }
    }

    // ------------------------------------------------------------------ header: platform, cores, meshes, bridge

    private static void WriteHeader(StringBuilder r, StringBuilder d, int lines)
    {
        r.Append(CultureInfo.InvariantCulture, $"// Generated server platform (about {lines} lines) for the RASDL benchmarks.\n");
        r.Append("import \"std/kvm.rasdl\";     // kvm_6_7, kvm_6_8\n");
        r.Append("import \"std/ip/pcie.rasdl\"; // pcie_rp_master_abort, pcie_rp_bus_error\n");
        r.Append('\n');
        r.Append("platform generated_server {\n");
        r.Append("    doc \"A two-socket Arm server with many PCIe slots, generated for benchmarks.\";\n");
        r.Append("    features fwb, ras, iesb; // FEAT_S2FWB, FEAT_RAS, FEAT_IESB\n");
        r.Append("}\n");
        r.Append('\n');

        d.Append(CultureInfo.InvariantCulture, $"// Generated server platform (about {lines} lines) for the dtc comparison.\n");
        d.Append("/dts-v1/;\n");
        d.Append("/ {\n");
        d.Append('\n');
        d.Append("\tplatform {\n");
        d.Append("\t\tdescription = \"A two-socket Arm server with many PCIe slots, generated for benchmarks.\";\n");
        d.Append("\t\tfeatures = \"fwb\", \"ras\", \"iesb\";\n");
        d.Append("\t};\n");
        d.Append('\n');
        // The standard library's models and hypervisors, which the description imports.
        d.Append("\tpcie_rp_master_abort: root-port-model-0 { rules = \"ur read all_ones\", \"ca read all_ones\", \"cto read all_ones\", \"malformed read all_ones\", \"poison read poison\", \"any write drop\"; };\n");
        d.Append("\tpcie_rp_bus_error: root-port-model-1 { rules = \"ur read slverr\", \"ca read slverr\", \"cto read slverr\", \"malformed read slverr\", \"poison read poison\", \"any write drop\"; };\n");
        // The hypervisors as std/kvm.rasdl declares them: stage 2 per driver, then each treatment
        // ("outcome condition action"), one line each.
        d.Append("\tkvm_6_7: hypervisor-0 { stage2 = \"vfio_pci device_nGnRE\", \"vfio_pci_cacheable device_nGnRE\", \"vfio_platform device_nGnRE\", \"io device_nGnRE\", \"default device_nGnRE\"; treatments = " + KvmTreatments + "; };\n");
        d.Append("\tkvm_6_8: hypervisor-1 { stage2 = \"vfio_pci normal_nc\", \"vfio_pci_cacheable normal_nc\", \"vfio_platform device_nGnRE\", \"io device_nGnRE\", \"default device_nGnRE\"; treatments = " + KvmTreatments + "; };\n");
        d.Append('\n');

        r.Append("block cluster0 : cpu {\n");
        r.Append("    doc \"Core cluster 0: poison is deferred to the load that consumes it, a synchronous external abort; an error response on a speculative read (never executed, so no synchronous abort) is an uncontainable SError; on any other read a synchronous external abort.\";\n");
        r.Append("    on poison (read)     -> sea;        // deferred to the consuming load, speculative or not\n");
        r.Append("    on any (speculative) -> serror(uc); // Arm ARM IsExternalAbortTakenSynchronously(): not for an access never executed\n");
        r.Append("    on slverr (read)     -> sea;\n");
        r.Append("    on decerr (read)     -> sea;\n");
        r.Append("}\n");
        r.Append('\n');
        d.Append("\tcluster0: cpu-cluster-0 {\n");
        d.Append("\t\tdescription = \"Core cluster 0: poison is deferred to the load that consumes it, a synchronous external abort; an error response on a speculative read (never executed, so no synchronous abort) is an uncontainable SError; on any other read a synchronous external abort.\";\n");
        d.Append("\t\trule-0 = \"poison\", \"read\", \"sea\";\n");
        d.Append("\t\trule-1 = \"any\", \"speculative\", \"serror(uc)\";\n");
        d.Append("\t\trule-2 = \"slverr\", \"read\", \"sea\";\n");
        d.Append("\t\trule-3 = \"decerr\", \"read\", \"sea\";\n");
        d.Append("\t};\n");
        d.Append('\n');
        for (var c = 1; c < Clusters; c++)
        {
            r.Append(CultureInfo.InvariantCulture, $"block cluster{c} : cpu extends cluster0 {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Core cluster {c}: the same cores as cluster 0.\";\n");
            r.Append("}\n");
            r.Append('\n');
            d.Append(CultureInfo.InvariantCulture, $"\tcluster{c}: cpu-cluster-{c} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Core cluster {c}: the same cores as cluster 0.\"; extends = <&cluster0>;\n");
            d.Append("\t};\n");
            d.Append('\n');
        }

        for (var s = 0; s < Sockets; s++)
        {
            r.Append(CultureInfo.InvariantCulture, $"block mesh{s} : interconnect {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"Coherent mesh of socket {s}: carries error responses and poison back unchanged.\";\n");
            r.Append("    on slverr -> slverr;\n");
            r.Append("    on decerr -> decerr;\n");
            r.Append("    on poison -> poison;\n");
            r.Append("}\n");
            r.Append('\n');
            d.Append(CultureInfo.InvariantCulture, $"\tmesh{s}: interconnect-{s} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Coherent mesh of socket {s}: carries error responses and poison back unchanged.\";\n");
            d.Append("\t\trule-0 = \"slverr\", \"\", \"slverr\";\n");
            d.Append("\t\trule-1 = \"decerr\", \"\", \"decerr\";\n");
            d.Append("\t\trule-2 = \"poison\", \"\", \"poison\";\n");
            d.Append("\t};\n");
            d.Append('\n');
        }

        r.Append("block periph : bridge {\n");
        r.Append("    doc \"Bridge to the peripheral bus: read errors (an atomic reads too) go back as responses; writes are acknowledged by the bridge, a write error is only recorded in its error record.\";\n");
        r.Append("    on slverr (read)  -> slverr;\n");
        r.Append("    on decerr (read)  -> decerr;\n");
        r.Append("    on any    (write) -> drop;   // posted: acknowledged by the bridge, no response to carry the error\n");
        r.Append("}\n");
        r.Append('\n');
        d.Append("\tperiph: bridge-0 {\n");
        d.Append("\t\tdescription = \"Bridge to the peripheral bus: read errors (an atomic reads too) go back as responses; writes are acknowledged by the bridge, a write error is only recorded in its error record.\";\n");
        d.Append("\t\trule-0 = \"slverr\", \"read\", \"slverr\";\n");
        d.Append("\t\trule-1 = \"decerr\", \"read\", \"decerr\";\n");
        d.Append("\t\trule-2 = \"any\", \"write\", \"drop\";\n");
        d.Append("\t};\n");
        d.Append('\n');

        for (var u = 0; u < 2; u++)
        {
            var address = 0x0900_0000 + (u * 0x1_0000);
            r.Append(CultureInfo.InvariantCulture, $"endpoint uart{u} : platform_device under periph {{\n");
            r.Append(CultureInfo.InvariantCulture, $"    doc \"UART {u} on the peripheral bus.\";\n");
            r.Append(CultureInfo.InvariantCulture, $"    region regs mmio size 4K at 0x{address:X8};\n");
            r.Append("    faults slverr, decerr;\n");
            r.Append("}\n");
            r.Append('\n');
            d.Append(CultureInfo.InvariantCulture, $"\tuart{u}: platform-device-uart{u} {{\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"UART {u} on the peripheral bus.\"; parent = <&periph>;\n");
            d.Append(CultureInfo.InvariantCulture, $"\t\tregion-regs = <0x0 0x{address:x} 0x0 0x1000>;\n");
            d.Append("\t\tfaults = \"slverr\", \"decerr\";\n");
            d.Append("\t};\n");
            d.Append('\n');
        }

        r.Append("route cluster0 -> mesh0 -> periph;\n");
        r.Append("assign uart0.regs to guest via vfio_platform;\n");
        r.Append("assign uart1.regs to guest via vfio_platform;\n");
        r.Append('\n');
        d.Append("\troute-periph { hops = <&cluster0 &mesh0 &periph>; };\n");
        d.Append("\tassign-uart0-regs { region = <&uart0>, \"regs\"; target = \"guest\"; driver = \"vfio_platform\"; };\n");
        d.Append("\tassign-uart1-regs { region = <&uart1>, \"regs\"; target = \"guest\"; driver = \"vfio_platform\"; };\n");
        d.Append('\n');
    }

    // ------------------------------------------------------------------ one PCIe slot (mixed)

    // Four flavours of root port: extending either standard root-port model, written out in
    // full, or with a switch below it; two or three endpoints of several regions.

    private static void WriteSlot(StringBuilder r, StringBuilder d, int slot, Counts counts)
    {
        var socket = slot / 4 % Sockets;
        var cluster = slot / 2 % Clusters;
        var flavour = slot % 4;
        var rp = $"rp{slot}";
        counts.RootPorts++;

        r.Append(CultureInfo.InvariantCulture, $"// ---- slot {slot}: socket {socket}\n");
        d.Append(CultureInfo.InvariantCulture, $"\t// ---- slot {slot}: socket {socket}\n");
        switch (flavour)
        {
            case 0:
                r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_master_abort {{\n");
                r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}: master-abort completions, but a completion timeout on a Device read is a bus error.\";\n");
                r.Append("    on cto (read, device) -> slverr; // a Device read is never speculative\n");
                r.Append("}\n");
                d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
                d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}: master-abort completions, but a completion timeout on a Device read is a bus error.\"; extends = <&pcie_rp_master_abort>;\n");
                d.Append("\t\trule-0 = \"cto\", \"read device\", \"slverr\"; // a Device read is never speculative\n");
                d.Append("\t};\n");
                break;
            case 1:
                r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port {{\n");
                r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}: all-ones for failed reads, a bus error for a Device read's completion timeout, AER for failed writes.\";\n");
                r.Append("    on ur  (read)         -> all_ones;\n");
                r.Append("    on ca  (read)         -> all_ones;\n");
                r.Append("    on cto (read, device) -> slverr;\n");
                r.Append("    on cto (read)         -> all_ones; // a Normal-NC read may be speculative\n");
                r.Append("    on malformed (read)   -> all_ones;\n");
                r.Append("    on poison (read)      -> poison;\n");
                r.Append("    on ur  (write)        -> drop, irq(aer);\n");
                r.Append("    on any (write)        -> drop;\n");
                r.Append("}\n");
                d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
                d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}: all-ones for failed reads, a bus error for a Device read's completion timeout, AER for failed writes.\";\n");
                d.Append("\t\trule-0 = \"ur\", \"read\", \"all_ones\";\n");
                d.Append("\t\trule-1 = \"ca\", \"read\", \"all_ones\";\n");
                d.Append("\t\trule-2 = \"cto\", \"read device\", \"slverr\";\n");
                d.Append("\t\trule-3 = \"cto\", \"read\", \"all_ones\"; // a Normal-NC read may be speculative\n");
                d.Append("\t\trule-4 = \"malformed\", \"read\", \"all_ones\";\n");
                d.Append("\t\trule-5 = \"poison\", \"read\", \"poison\";\n");
                d.Append("\t\trule-6 = \"ur\", \"write\", \"drop irq(aer)\";\n");
                d.Append("\t\trule-7 = \"any\", \"write\", \"drop\";\n");
                d.Append("\t};\n");
                break;
            case 2:
                r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_bus_error {{\n");
                r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}: bus errors for failed Device reads; its completion timer answers with a decode error; a Normal-NC read (maybe speculative) gets all-ones.\";\n");
                r.Append("    on poison (read)           -> poison;\n");
                r.Append("    on any (read, normal_nc)   -> all_ones; // a bus error on a speculative read would be an SError\n");
                r.Append("    on cto (read)              -> decerr;\n");
                r.Append("    on ur  (exclusive, atomic) -> slverr; // non-posted: the completer's UR comes back\n");
                r.Append("}\n");
                d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
                d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}: bus errors for failed Device reads; its completion timer answers with a decode error; a Normal-NC read (maybe speculative) gets all-ones.\"; extends = <&pcie_rp_bus_error>;\n");
                d.Append("\t\trule-0 = \"poison\", \"read\", \"poison\";\n");
                d.Append("\t\trule-1 = \"any\", \"read normal_nc\", \"all_ones\"; // a bus error on a speculative read would be an SError\n");
                d.Append("\t\trule-2 = \"cto\", \"read\", \"decerr\";\n");
                d.Append("\t\trule-3 = \"ur\", \"exclusive atomic\", \"slverr\"; // non-posted: the completer's UR comes back\n");
                d.Append("\t};\n");
                break;
            default:
                r.Append(CultureInfo.InvariantCulture, $"block {rp} : root_port extends pcie_rp_master_abort {{\n");
                r.Append(CultureInfo.InvariantCulture, $"    doc \"Root port of slot {slot}, with a switch below it.\";\n");
                r.Append("}\n");
                d.Append(CultureInfo.InvariantCulture, $"\t{rp}: pcie-root-port-{slot} {{\n");
                d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"Root port of slot {slot}, with a switch below it.\"; extends = <&pcie_rp_master_abort>;\n");
                d.Append("\t};\n");
                break;
        }

        var parent = rp;
        var hops = $"cluster{cluster} -> mesh{socket} -> {rp}";
        var dtsHops = $"&cluster{cluster} &mesh{socket} &{rp}";
        if (flavour == 3)
        {
            parent = $"sw{slot}";
            hops += $" -> {parent}";
            dtsHops += $" &{parent}";
            counts.Switches++;
            WriteForwardingSwitch(r, d, parent, $"pcie-switch-{slot}", $"Switch in slot {slot}: forwards every error upstream unchanged.", rp);
        }

        var assignments = new List<(string Endpoint, string Region, string Driver)>();
        ulong window = 0x40_0000_0000UL + ((ulong)slot * 0x1_0000_0000UL);

        var gpu = $"gpu{slot}";
        WriteEndpoint(r, d, gpu, parent, $"Accelerator in slot {slot}.",
            [("regs", "16M", 16UL << 20, window, false), ("vram", "64G", 64UL << 30, null, true)],
            ["ur", "ca", "cto", "poison"], counts);
        assignments.Add((gpu, "regs", "vfio_pci"));
        assignments.Add((gpu, "vram", "vfio_pci"));

        var nic = $"nic{slot}";
        WriteEndpoint(r, d, nic, parent, $"Network adapter in slot {slot}.",
            [("bar0", "128K", 128UL << 10, window + 0x100_0000UL, false), ("msix", "16K", 16UL << 10, window + 0x102_0000UL, false)],
            ["ur", "ca", "cto", "malformed"], counts);
        assignments.Add((nic, "bar0", "vfio_pci"));
        assignments.Add((nic, "msix", "io"));

        if (slot % 3 == 0)
        {
            var nvme = $"nvme{slot}";
            WriteEndpoint(r, d, nvme, parent, $"NVMe drive in slot {slot}.",
                [("bar0", "16K", 16UL << 10, window + 0x200_0000UL, false)],
                ["ur", "cto", "poison"], counts);
            assignments.Add((nvme, "bar0", "vfio_pci"));
        }

        r.Append(CultureInfo.InvariantCulture, $"route {hops};\n");
        d.Append(CultureInfo.InvariantCulture, $"\troute-{slot} {{ hops = <{dtsHops}>; }};\n");
        foreach (var (endpoint, region, driver) in assignments)
        {
            r.Append(CultureInfo.InvariantCulture, $"assign {endpoint}.{region} to guest via {driver};\n");
            d.Append(CultureInfo.InvariantCulture, $"\tassign-{endpoint}-{region} {{ region = <&{endpoint}>, \"{region}\"; target = \"guest\"; driver = \"{driver}\"; }};\n");
            counts.Assignments++;
        }

        r.Append('\n');
        d.Append('\n');
    }

    // A PCIe switch that forwards every error upstream unchanged.
    private static void WriteForwardingSwitch(StringBuilder r, StringBuilder d, string name, string dtsNode, string doc, string upstream)
    {
        r.Append(CultureInfo.InvariantCulture, $"block {name} : pcie_switch {{\n");
        r.Append(CultureInfo.InvariantCulture, $"    doc \"{doc}\";\n");
        r.Append("    on ur        -> ur;\n");
        r.Append("    on ca        -> ca;\n");
        r.Append("    on cto       -> cto;\n");
        r.Append("    on poison    -> poison;\n");
        r.Append("    on malformed -> malformed;\n");
        r.Append("}\n");
        d.Append(CultureInfo.InvariantCulture, $"\t{name}: {dtsNode} {{\n");
        d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"{doc}\"; upstream = <&{upstream}>;\n");
        d.Append("\t\trule-0 = \"ur\", \"\", \"ur\";\n");
        d.Append("\t\trule-1 = \"ca\", \"\", \"ca\";\n");
        d.Append("\t\trule-2 = \"cto\", \"\", \"cto\";\n");
        d.Append("\t\trule-3 = \"poison\", \"\", \"poison\";\n");
        d.Append("\t\trule-4 = \"malformed\", \"\", \"malformed\";\n");
        d.Append("\t};\n");
    }

    private static void WriteEndpoint(
        StringBuilder r,
        StringBuilder d,
        string name,
        string parent,
        string doc,
        (string Name, string SizeText, ulong Size, ulong? Base, bool Prefetchable)[] regions,
        string[] faults,
        Counts counts)
    {
        counts.Endpoints++;
        r.Append(CultureInfo.InvariantCulture, $"endpoint {name} : pcie_endpoint under {parent} {{\n");
        r.Append(CultureInfo.InvariantCulture, $"    doc \"{doc}\";\n");
        d.Append(CultureInfo.InvariantCulture, $"\t{name}: pcie-endpoint-{name} {{\n");
        d.Append(CultureInfo.InvariantCulture, $"\t\tdescription = \"{doc}\"; parent = <&{parent}>;\n");
        foreach (var region in regions)
        {
            counts.Regions++;
            var at = region.Base is { } b ? $" at 0x{b >> 32:X}_{(b >> 16) & 0xFFFF:X4}_{b & 0xFFFF:X4}" : "";
            var prefetchable = region.Prefetchable ? " prefetchable" : "";
            r.Append(CultureInfo.InvariantCulture, $"    region {region.Name} mmio size {region.SizeText}{at}{prefetchable};\n");
            var baseCells = region.Base is { } b2 ? $"0x{b2 >> 32:x} 0x{b2 & 0xFFFF_FFFF:x}" : "0x0 0x0";
            d.Append(CultureInfo.InvariantCulture, $"\t\tregion-{region.Name} = <{baseCells} 0x{region.Size >> 32:x} 0x{region.Size & 0xFFFF_FFFF:x}>;{(region.Prefetchable ? $" region-{region.Name}-prefetchable;" : "")}\n");
        }

        r.Append(CultureInfo.InvariantCulture, $"    faults {string.Join(", ", faults)};\n");
        r.Append("}\n");
        d.Append(CultureInfo.InvariantCulture, $"\t\tfaults = {string.Join(", ", faults.Select(f => $"\"{f}\""))};\n");
        d.Append("\t};\n");
    }

    // ------------------------------------------------------------------ trailer: profiles

    private static void WriteTrailer(StringBuilder r, StringBuilder d)
    {
        r.Append("profile production {\n");
        r.Append("    doc \"Linux 6.8: NORMAL_NC for vfio-pci BARs.\";\n");
        r.Append("    hypervisor kvm_6_8;\n");
        r.Append("}\n");
        r.Append('\n');
        r.Append("profile legacy {\n");
        r.Append("    doc \"Linux 6.7: DEVICE_nGnRE for every device mapping.\";\n");
        r.Append("    hypervisor kvm_6_7;\n");
        r.Append("}\n");
        d.Append("\tprofile-production {\n");
        d.Append("\t\tdescription = \"Linux 6.8: NORMAL_NC for vfio-pci BARs.\";\n");
        d.Append("\t\thypervisor = <&kvm_6_8>;\n");
        d.Append("\t};\n");
        d.Append('\n');
        d.Append("\tprofile-legacy {\n");
        d.Append("\t\tdescription = \"Linux 6.7: DEVICE_nGnRE for every device mapping.\";\n");
        d.Append("\t\thypervisor = <&kvm_6_7>;\n");
        d.Append("\t};\n");
        d.Append("};\n");
    }
}
