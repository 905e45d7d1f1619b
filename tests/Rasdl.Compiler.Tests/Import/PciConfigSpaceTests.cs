using Rasdl.Import;
using Rasdl.Import.Pci;

namespace Rasdl.Compiler.Tests.Import;

/// <summary>The configuration-space reader: port type, AER, DPC, and corrupt capability lists.</summary>
public class PciConfigSpaceTests
{
    /// <summary>A 4 KiB configuration space with a PCI Express capability at 0x40 and the given extended capabilities from 0x100.</summary>
    private static byte[] Config(int headerType, int portType, params ushort[] extended)
    {
        var config = new byte[4096];
        config[0x06] = 0x10;            // Status: capabilities list
        config[0x0E] = (byte)headerType;
        config[0x19] = 0x05;            // secondary bus (type 1 only)
        config[0x34] = 0x40;
        config[0x40] = 0x10;            // PCI Express capability, last in the list
        config[0x42] = (byte)(2 | (portType << 4));
        for (var i = 0; i < extended.Length; i++)
        {
            var offset = 0x100 + i * 0x40;
            var next = i + 1 < extended.Length ? offset + 0x40 : 0;
            BitConverter.GetBytes(extended[i] | (1u << 16) | ((uint)next << 20)).CopyTo(config, offset);
        }

        return config;
    }

    [Theory]
    [InlineData(0x4, PciPortType.RootPort)]
    [InlineData(0x5, PciPortType.SwitchUpstreamPort)]
    [InlineData(0x6, PciPortType.SwitchDownstreamPort)]
    [InlineData(0x0, PciPortType.Endpoint)]
    [InlineData(0x9, PciPortType.RootComplexIntegratedEndpoint)]
    public void ReadsThePortType(int field, PciPortType expected) =>
        Assert.Equal(expected, PciConfigSpace.Parse(Config(1, field), "config").PortType);

    [Fact]
    public void FindsAerAndDpcAmongOtherExtendedCapabilities()
    {
        var config = PciConfigSpace.Parse(Config(1, 4, 0x0019, 0x0001, 0x000D, 0x001D), "config");
        Assert.True(config.HasAer);
        Assert.True(config.HasDpc);
        Assert.Equal(5, config.SecondaryBus);
        var plain = PciConfigSpace.Parse(Config(0, 0, 0x0019), "config");
        Assert.False(plain.HasAer);
        Assert.False(plain.HasDpc);
        Assert.Null(plain.SecondaryBus);
    }

    [Fact]
    public void LoopingCapabilityListsEnd()
    {
        var config = Config(0, 0, 0x0019);
        config[0x40] = 0x01;            // not the PCIe capability; its next pointer is itself
        config[0x41] = 0x40;
        BitConverter.GetBytes(0x0019u | (1u << 16) | (0x100u << 20)).CopyTo(config, 0x100); // next: itself
        var parsed = PciConfigSpace.Parse(config, "config");
        Assert.Equal(PciPortType.Conventional, parsed.PortType);
        Assert.False(parsed.HasAer);
    }

    [Fact]
    public void TheUnprivilegedHeaderLeavesCapabilitiesUnknown()
    {
        var parsed = PciConfigSpace.Parse(Config(1, 4, 0x0001)[..64], "config");
        Assert.False(parsed.CapabilitiesKnown);
        Assert.Equal(PciPortType.Conventional, parsed.PortType);
        Assert.Equal(1, parsed.HeaderType);
    }

    [Fact]
    public void AShortHeaderIsAnImportFailure() =>
        Assert.Contains("is 63 bytes long", Assert.Throws<ImportFailure>(() => PciConfigSpace.Parse(new byte[63], "x/config")).Message);

    [Theory]
    [InlineData("0x0000004000000000 0x000000400007ffff 0x0000000000140204", 0x40_0000_0000UL, 0x8_0000UL, false, true)]
    [InlineData("0x0000008000000000 0x0000008fffffffff 0x000000000014220c", 0x80_0000_0000UL, 0x10_0000_0000UL, true, true)]
    [InlineData("0x0000000040000000 0x0000000040ffffff 0x0000000000040200", 0x4000_0000UL, 0x100_0000UL, false, false)]
    public void ReadsAMemoryBar(string line, ulong start, ulong size, bool prefetchable, bool is64)
    {
        var bar = Assert.Single(PciResources.ParseMemoryBars(line + "\n", "resource"));
        Assert.Equal(new PciMemoryBar(0, start, size, prefetchable, is64), bar);
    }

    [Fact]
    public void SkipsIoAndUnusedBarsAndTheRom()
    {
        const string lines = "0x0000000000001000 0x000000000000101f 0x0000000000040101\n" + // I/O ports
                             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" +
                             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" +
                             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" +
                             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" +
                             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" +
                             "0x00000000fff00000 0x00000000fff7ffff 0x0000000000046200\n";  // expansion ROM
        Assert.Empty(PciResources.ParseMemoryBars(lines, "resource"));
        Assert.Contains("resource:1: expected \"start end flags\"", Assert.Throws<ImportFailure>(() => PciResources.ParseMemoryBars("0x10 zz\n", "resource")).Message);
    }
}
