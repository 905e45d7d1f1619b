using Rasdl.Import;
using Rasdl.Import.Acpi;
using Rasdl.Import.Pci;

namespace Rasdl.Compiler.Tests.Import;

/// <summary>The literals importers write, addresses and names, and the IORT template's nodes.</summary>
public class RasdlTextTests
{
    [Theory]
    [InlineData(16384UL, "16K")]
    [InlineData(64UL << 30, "64G")]
    [InlineData(3UL << 40, "3T")]
    [InlineData(1536UL, "1536")]
    [InlineData(256UL, "256")]
    public void Sizes(ulong bytes, string expected) => Assert.Equal(expected, RasdlText.Size(bytes));

    [Theory]
    [InlineData(0x40_0000_0000UL, "0x40_0000_0000")]
    [InlineData(0x3000_0000UL, "0x3000_0000")]
    [InlineData(0x1000UL, "0x1000")]
    [InlineData(0UL, "0x0")]
    public void Addresses(ulong address, string expected) => Assert.Equal(expected, RasdlText.Address(address));

    [Fact]
    public void StringsAreEscapedAndKeptOnOneLine() =>
        Assert.Equal("\"a \\\"b\\\" c\\\\d e\"", RasdlText.Quote("a \"b\" c\\d\n e"));

    [Theory]
    [InlineData("0000:01:00.0", "0000_01_00_0")]
    [InlineData("0001:ff:1f.7", "0001_ff_1f_7")]
    public void AddressesNameDeclarations(string text, string suffix) => Assert.Equal(suffix, PciAddress.TryParse(text)!.Value.NameSuffix);

    [Theory]
    [InlineData("01:00.0")]
    [InlineData("0000:01:20.0")]
    [InlineData("0000:01:00.8")]
    [InlineData("pci0000:00")]
    public void NotAnAddress(string text) => Assert.Null(PciAddress.TryParse(text));

    [Fact]
    public void TheIortTemplateHasSixNodesAndUnresolvedMappings()
    {
        var table = IortReader.Read(Repository.PathOf("tests/Rasdl.Cli.Tests/TestData/import/iort-template.aml"));
        Assert.Equal([IortNodeType.ItsGroup, IortNodeType.NamedComponent, IortNodeType.RootComplex, IortNodeType.SmmuV1V2, IortNodeType.SmmuV3, IortNodeType.Pmcg],
            table.Nodes.Select(n => n.Type));
        Assert.Equal("\\_SB.PCI0.DEV0", table.Nodes[1].DeviceName);
        Assert.Equal(5, table.Notes.Count(n => n.Contains("where no node starts", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheEditedIortMapsTheRootComplexToTheSmmu()
    {
        var table = IortReader.Read(Repository.PathOf("tests/Rasdl.Cli.Tests/TestData/import/iort-smmu.dsl"));
        var rc = table.Nodes.Single(n => n.Type == IortNodeType.RootComplex);
        var mapping = Assert.Single(rc.Mappings);
        Assert.Equal(IortNodeType.SmmuV3, table.NodeAt(mapping.OutputReference)!.Type);
        Assert.Equal(0xFFFFu, mapping.Count);
        Assert.Equal(48, rc.AddressSizeLimit);
        Assert.Equal(0x2B40_0000UL, table.NodeAt(mapping.OutputReference)!.BaseAddress);
        Assert.Empty(table.Notes);
    }
}
