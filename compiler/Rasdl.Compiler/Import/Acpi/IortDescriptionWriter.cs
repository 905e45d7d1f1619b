using System.Text;

namespace Rasdl.Import.Acpi;

/// <summary>
/// Writes an IORT as RASDL: each PCI root complex a <c>root_port</c> block (rules left to the
/// user) on a route from the placeholder cores and fabric, and the SMMUs, ITS groups and named
/// components with their ID mappings as comments. A device's DMA through an SMMU to memory (the
/// inbound path) is not something RASDL describes today, and the output says so.
/// </summary>
public static class IortDescriptionWriter
{
    public const string PlatformName = "imported_iort";

    public static string Write(IortTable table, string command, string source)
    {
        var text = new StringBuilder();
        DescriptionScaffold.WriteHeader(text, command, source);
        DescriptionScaffold.WritePlatform(text, PlatformName, $"IORT of OEM \"{table.OemId}\" table \"{table.OemTableId}\" (revision {table.Revision}), imported from {source}.");
        DescriptionScaffold.WriteCoresAndFabric(text);

        var names = Names(table);
        var rootComplexes = table.Nodes.Where(n => n.Type == IortNodeType.RootComplex).ToList();
        foreach (var rc in rootComplexes)
        {
            text.AppendLine($"block {names[rc]} : root_port {{");
            text.AppendLine($"    doc {RasdlText.Quote($"PCI root complex of segment {rc.PciSegment:x4} (IORT node at offset 0x{rc.Offset:x}). {Attributes(rc)}")};");
            foreach (var mapping in rc.Mappings)
            {
                text.AppendLine($"    // {Mapping("requester IDs", mapping, table, names)}");
            }

            text.AppendLine("    // Rules to fill in, from the root complex's manual (its error-handling chapter): what a failed");
            text.AppendLine("    // read below it becomes (ur, ca, cto, poison, malformed -> all_ones, a bus error such as slverr,");
            text.AppendLine("    // or poison passed on), and what happens to a failed posted write (drop, irq(aer)). Its ports and");
            text.AppendLine("    // devices come from the running system: `rasdl import pci -o` this same file.");
            text.AppendLine("}");
            text.AppendLine();
        }

        text.AppendLine("// Inbound paths — a device's DMA through an SMMU to memory — are out of scope of RASDL today:");
        text.AppendLine("// the SMMUs, ITS groups and named components of the table are recorded here, not declared.");
        foreach (var node in table.Nodes.Where(n => n.Type != IortNodeType.RootComplex))
        {
            text.AppendLine($"// {Describe(node, names)}");
            foreach (var mapping in node.Mappings)
            {
                text.AppendLine($"//     {Mapping("input IDs", mapping, table, names)}");
            }
        }

        text.AppendLine();
        // A route must reach a device (RASDL1008), and the table names none below a root complex.
        foreach (var rc in rootComplexes)
        {
            text.AppendLine($"// route {DescriptionScaffold.CoresName} -> {DescriptionScaffold.FabricName} -> {names[rc]}; (write it once an endpoint sits under {names[rc]})");
        }

        text.AppendLine();
        DescriptionScaffold.WriteProfiles(text);
        return text.ToString();
    }

    /// <summary>Stable names: a root complex by its segment (rc_0000), anything else by its kind and offset in the table.</summary>
    private static Dictionary<IortNode, string> Names(IortTable table)
    {
        var names = new Dictionary<IortNode, string>();
        foreach (var group in table.Nodes.GroupBy(n => n.Type == IortNodeType.RootComplex ? $"rc_{n.PciSegment:x4}" : $"{Prefix(n.Type)}_at_{n.Offset:x}"))
        {
            // Two root complexes of one segment are unusual but legal: the second gets its offset too.
            var first = true;
            foreach (var node in group)
            {
                names[node] = first ? group.Key : $"{group.Key}_at_{node.Offset:x}";
                first = false;
            }
        }

        return names;
    }

    private static string Prefix(IortNodeType type) => type switch
    {
        IortNodeType.ItsGroup => "its_group",
        IortNodeType.NamedComponent => "named_component",
        IortNodeType.SmmuV1V2 => "smmu",
        IortNodeType.SmmuV3 => "smmu_v3",
        IortNodeType.Pmcg => "pmcg",
        IortNodeType.Rmr => "rmr",
        _ => "node",
    };

    private static string Describe(IortNode node, Dictionary<IortNode, string> names) => node.Type switch
    {
        IortNodeType.SmmuV1V2 or IortNodeType.SmmuV3 =>
            $"{names[node]}: {IortNames.Describe(node.Type)} at base address {RasdlText.Address(node.BaseAddress ?? 0)}, {IortNames.Model(node)} (node at offset 0x{node.Offset:x}).",
        IortNodeType.NamedComponent =>
            $"{names[node]}: named component \"{node.DeviceName}\" (node at offset 0x{node.Offset:x}); its MMIO is in the DSDT, not in IORT: describe it as an `endpoint … : platform_device` under a bridge.",
        IortNodeType.ItsGroup =>
            $"{names[node]}: ITS group with ITS identifiers {string.Join(", ", node.ItsIdentifiers ?? [])} (node at offset 0x{node.Offset:x}).",
        _ => $"{names[node]}: {IortNames.Describe(node.Type)} (node at offset 0x{node.Offset:x}).",
    };

    private static string Attributes(IortNode rc)
    {
        var coherent = (rc.CacheCoherency ?? 0) == 1 ? "cache-coherent" : "not cache-coherent";
        var ats = ((rc.AtsAttribute ?? 0) & 1) == 1 ? "supports ATS" : "no ATS";
        var limit = rc.AddressSizeLimit is > 0 and var bits ? $", {bits}-bit DMA addresses" : "";
        return $"Memory access {coherent}, {ats}{limit}.";
    }

    private static string Mapping(string what, IortIdMapping mapping, IortTable table, Dictionary<IortNode, string> names)
    {
        var target = table.NodeAt(mapping.OutputReference) is { } node ? names[node] : $"offset 0x{mapping.OutputReference:x} (no node there)";
        if (mapping.SingleMapping)
        {
            return $"ID mapping: a single ID, 0x{mapping.OutputBase:x}, to {target}";
        }

        // IORT: "Number of IDs" is the number of IDs in the range minus one.
        var last = (ulong)mapping.InputBase + mapping.Count;
        return $"ID mapping: {what} 0x{mapping.InputBase:x}-0x{last:x} to {target} from 0x{mapping.OutputBase:x}";
    }
}
