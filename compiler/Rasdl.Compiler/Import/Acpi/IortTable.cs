namespace Rasdl.Import.Acpi;

/// <summary>The kinds of IORT node (Arm DEN 0049, "IO Remapping Table", table "Node types").</summary>
public enum IortNodeType
{
    ItsGroup = 0,
    NamedComponent = 1,
    RootComplex = 2,
    SmmuV1V2 = 3,
    SmmuV3 = 4,
    Pmcg = 5,
    Rmr = 6,
}

/// <summary>An ID mapping: input IDs [InputBase, InputBase + Count) of a node map to output IDs from OutputBase at the node at OutputReference.</summary>
public sealed record IortIdMapping(uint InputBase, uint Count, uint OutputBase, uint OutputReference, bool SingleMapping);

/// <summary>
/// One IORT node: its offset in the table (how other nodes refer to it), its type, and the
/// fields the importer shows. Values the table does not have for that node type are null.
/// </summary>
public sealed record IortNode(
    int Offset,
    IortNodeType Type,
    int Revision,
    IReadOnlyList<IortIdMapping> Mappings,
    uint? PciSegment = null,
    uint? AtsAttribute = null,
    uint? CacheCoherency = null,
    int? AddressSizeLimit = null,
    ulong? BaseAddress = null,
    uint? Model = null,
    string? DeviceName = null,
    IReadOnlyList<uint>? ItsIdentifiers = null);

/// <summary>An IORT table: its OEM identity and its nodes, in table order; <see cref="Notes"/> lists what was odd but readable.</summary>
public sealed record IortTable(string OemId, string OemTableId, int Revision, IReadOnlyList<IortNode> Nodes, IReadOnlyList<string> Notes)
{
    public IortNode? NodeAt(uint offset) => Nodes.FirstOrDefault(n => n.Offset == offset);
}
