using System.Buffers.Binary;
using System.Text;

namespace Rasdl.Import.Acpi;

/// <summary>
/// Parses a binary IORT (Arm DEN 0049): the ACPI table header, the node array, and in each
/// node the ID mappings and the fields of root complexes, SMMUs, named components and ITS
/// groups. Every offset and length is checked against the table before it is used, so a
/// truncated or corrupt table is an <see cref="ImportFailure"/> that says where, never an
/// out-of-range read.
/// </summary>
public static class IortParser
{
    private const int AcpiHeaderLength = 36;       // ACPI specification, "System Description Table Header"
    private const int IortHeaderLength = 48;       // + node count, node array offset, reserved
    private const int NodeHeaderLength = 16;       // type, length, revision, identifier, mapping count, mapping offset
    private const int IdMappingLength = 20;

    public static IortTable Parse(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < AcpiHeaderLength || Encoding.ASCII.GetString(data[..4]) != "IORT")
        {
            throw new ImportFailure($"{source}: not an IORT table (it does not start with the signature \"IORT\")");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (length > data.Length)
        {
            throw new ImportFailure($"{source}: truncated: the table header says {length} bytes, the file has {data.Length}");
        }

        if (length < IortHeaderLength)
        {
            throw new ImportFailure($"{source}: the table header says {length} bytes, too short for an IORT ({IortHeaderLength} at least)");
        }

        var table = data[..(int)length];
        var notes = new List<string>();
        byte checksum = 0;
        foreach (var b in table)
        {
            checksum += b;
        }

        if (checksum != 0)
        {
            notes.Add($"{source}: the table's checksum does not add up (the table may have been edited or damaged)");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(table[36..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(table[40..]);
        var nodes = new List<IortNode>();
        for (var i = 0u; i < count; i++)
        {
            if (offset < IortHeaderLength || offset > length - NodeHeaderLength)
            {
                throw new ImportFailure($"{source}: truncated: node {i} of {count} would start at offset 0x{offset:x}, beyond the table's {length} bytes");
            }

            var node = table[(int)offset..];
            var nodeLength = BinaryPrimitives.ReadUInt16LittleEndian(node[1..]);
            if (nodeLength < NodeHeaderLength || nodeLength > length - offset)
            {
                throw new ImportFailure($"{source}: node {i} at offset 0x{offset:x} says it is {nodeLength} bytes long, which does not fit the table");
            }

            nodes.Add(ParseNode(node[..nodeLength], (int)offset, source));
            offset += nodeLength;
        }

        foreach (var node in nodes)
        {
            foreach (var mapping in node.Mappings.Where(m => nodes.All(n => n.Offset != m.OutputReference)))
            {
                notes.Add($"{source}: the {IortNames.Describe(node.Type)} at offset 0x{node.Offset:x} maps IDs to offset 0x{mapping.OutputReference:x}, where no node starts");
            }
        }

        return new IortTable(Ascii(table[10..16]), Ascii(table[16..24]), table[8], nodes, notes);
    }

    private static IortNode ParseNode(ReadOnlySpan<byte> node, int offset, string source)
    {
        var type = node[0];
        var revision = node[3];
        var mappingCount = BinaryPrimitives.ReadUInt32LittleEndian(node[8..]);
        var mappingOffset = BinaryPrimitives.ReadUInt32LittleEndian(node[12..]);
        var mappings = new List<IortIdMapping>();
        if (mappingCount > 0)
        {
            if (mappingOffset < NodeHeaderLength || mappingOffset > node.Length || mappingCount > (node.Length - mappingOffset) / IdMappingLength)
            {
                throw new ImportFailure($"{source}: the node at offset 0x{offset:x} has {mappingCount} ID mappings at 0x{mappingOffset:x}, which do not fit in its {node.Length} bytes");
            }

            for (var i = 0; i < mappingCount; i++)
            {
                var m = node[(int)(mappingOffset + i * IdMappingLength)..];
                mappings.Add(new IortIdMapping(U32(m, 0), U32(m, 4), U32(m, 8), U32(m, 12), (U32(m, 16) & 1) != 0));
            }
        }

        if (type > (int)IortNodeType.Rmr)
        {
            return new IortNode(offset, (IortNodeType)type, revision, mappings);
        }

        var kind = (IortNodeType)type;
        void Need(int bytes, int length)
        {
            if (length < bytes)
            {
                throw new ImportFailure($"{source}: the {IortNames.Describe(kind)} at offset 0x{offset:x} is {length} bytes long; its fields need {bytes}");
            }
        }

        switch (kind)
        {
            case IortNodeType.RootComplex:
                Need(33, node.Length);
                return new IortNode(offset, kind, revision, mappings, PciSegment: U32(node, 28), AtsAttribute: U32(node, 24),
                    CacheCoherency: U32(node, 16), AddressSizeLimit: node[32]);
            case IortNodeType.NamedComponent:
                Need(30, node.Length);
                return new IortNode(offset, kind, revision, mappings, CacheCoherency: U32(node, 20), AddressSizeLimit: node[28],
                    DeviceName: CString(node[29..]));
            case IortNodeType.SmmuV1V2:
                Need(36, node.Length);
                return new IortNode(offset, kind, revision, mappings, BaseAddress: U64(node, 16), Model: U32(node, 32));
            case IortNodeType.SmmuV3:
                Need(44, node.Length);
                return new IortNode(offset, kind, revision, mappings, BaseAddress: U64(node, 16), Model: U32(node, 40));
            case IortNodeType.ItsGroup:
                Need(20, node.Length);
                var its = U32(node, 16);
                if (its > (node.Length - 20) / 4)
                {
                    throw new ImportFailure($"{source}: the ITS group at offset 0x{offset:x} lists {its} ITS identifiers, which do not fit in its {node.Length} bytes");
                }

                var identifiers = new List<uint>();
                for (var i = 0; i < its; i++)
                {
                    identifiers.Add(U32(node, 20 + i * 4));
                }

                return new IortNode(offset, kind, revision, mappings, ItsIdentifiers: identifiers);
            default:
                return new IortNode(offset, kind, revision, mappings);
        }
    }

    // A span cannot be captured by a lambda: these take it as a parameter.
    private static uint U32(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    private static ulong U64(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).TrimEnd('\0', ' ');

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
        return new string(text.Where(c => c >= ' ' && c < 0x7F).ToArray());
    }
}
