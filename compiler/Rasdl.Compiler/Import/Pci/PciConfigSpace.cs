namespace Rasdl.Import.Pci;

/// <summary>
/// What the importer reads from a function's configuration space (the sysfs <c>config</c> file):
/// the header type, the PCI Express capability's port type, and whether the AER and DPC
/// extended capabilities are present. Both capability lists are walked with a bound and a
/// visited set, so a corrupt list (a loop, a pointer into the header) ends the walk instead of
/// hanging it.
/// </summary>
public sealed record PciConfigSpace(int HeaderType, PciPortType PortType, bool CapabilitiesKnown, bool HasAer, bool HasDpc, int? SecondaryBus)
{
    // PCI Local Bus Specification / PCIe Base Specification, "Configuration Space Header".
    private const int StatusRegister = 0x06;
    private const int StatusCapabilitiesList = 0x10;
    private const int HeaderTypeRegister = 0x0E;
    private const int CapabilitiesPointer = 0x34;
    private const int SecondaryBusNumber = 0x19;
    private const byte PciExpressCapabilityId = 0x10;
    private const int ExtendedCapabilitiesStart = 0x100;
    private const ushort AerExtendedCapabilityId = 0x0001;
    private const ushort DpcExtendedCapabilityId = 0x001D;

    /// <summary>Reads the parts the importer needs; <paramref name="source"/> names the file in error messages.</summary>
    public static PciConfigSpace Parse(ReadOnlySpan<byte> config, string source)
    {
        if (config.Length < 64)
        {
            throw new ImportFailure($"{source}: the configuration header is {config.Length} bytes long; a PCI function's header has 64");
        }

        var headerType = config[HeaderTypeRegister] & 0x7F;
        int? secondaryBus = headerType == 1 ? config[SecondaryBusNumber] : null;
        var portType = PciPortType.Conventional;
        var hasCapabilities = (config[StatusRegister] & StatusCapabilitiesList) != 0;

        // Unprivileged readers of sysfs get only the first 64 bytes: the capabilities are unknown then.
        var capabilitiesKnown = !hasCapabilities || config.Length > 64;
        if (hasCapabilities && config.Length > 64)
        {
            var visited = new HashSet<int>();
            for (var offset = config[CapabilitiesPointer] & 0xFC; offset >= 0x40 && offset + 4 <= Math.Min(config.Length, 0x100) && visited.Add(offset);
                 offset = config[offset + 1] & 0xFC)
            {
                if (config[offset] == PciExpressCapabilityId)
                {
                    // PCI Express Capabilities Register, bits 7:4: Device/Port Type.
                    portType = (PciPortType)((config[offset + 2] >> 4) & 0xF);
                    break;
                }
            }
        }

        bool hasAer = false, hasDpc = false;
        if (config.Length >= ExtendedCapabilitiesStart + 4)
        {
            var visited = new HashSet<int>();
            for (var offset = ExtendedCapabilitiesStart; offset >= ExtendedCapabilitiesStart && offset + 4 <= config.Length && visited.Add(offset);)
            {
                var header = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(config.Slice(offset, 4));
                if (header is 0 or 0xFFFF_FFFF)
                {
                    break;
                }

                // PCIe Base Specification, "PCI Express Extended Capability Header": ID 15:0, next 31:20.
                var id = (ushort)(header & 0xFFFF);
                hasAer |= id == AerExtendedCapabilityId;
                hasDpc |= id == DpcExtendedCapabilityId;
                offset = (int)(header >> 20) & 0xFFC;
            }
        }

        return new PciConfigSpace(headerType, portType, capabilitiesKnown, hasAer, hasDpc, secondaryBus);
    }
}
