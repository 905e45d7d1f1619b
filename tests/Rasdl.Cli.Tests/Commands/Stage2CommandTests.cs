using System.Text.Json;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Commands;

public class Stage2CommandTests
{
    [Fact]
    public void PrintsOneCell()
    {
        var result = RasdlCli.Run("stage2", "--s1", "normal_wb", "--s2", "device_nGnRE");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("stage 1 normal_wb + stage 2 device_nGnRE (MemAttr 0b0001) -> device_nGnRE (Device-nGnRE)\n", result.Stdout);
    }

    [Fact]
    public void WithFwbAPlainNameMeansTheEncodingKvmWrites()
    {
        var result = RasdlCli.Run("stage2", "--s1", "normal_wb", "--s2", "normal_nc", "--fwb", "--format", "json");

        using var cell = JsonDocument.Parse(result.Stdout);
        Assert.True(cell.RootElement.GetProperty("fwb").GetBoolean());
        Assert.Equal("fwb_normal_nc", cell.RootElement.GetProperty("s2").GetString());
        Assert.Equal("normal_nc", cell.RootElement.GetProperty("effective").GetString());
    }

    [Fact]
    public void TheTableAsJsonHasEveryCellOfBothModes()
    {
        var result = RasdlCli.Run("stage2", "--table", "--format", "json");

        using var table = JsonDocument.Parse(result.Stdout);
        var cells = table.RootElement.EnumerateArray().ToList();
        Assert.Equal(98, cells.Count);
        Assert.All(cells, c => Assert.Equal(["fwb", "s1", "s2", "memAttr", "effective"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(cells, c => c.GetProperty("s1").GetString() == "normal_wb" && c.GetProperty("s2").GetString() == "fwb_force_wb" && c.GetProperty("effective").GetString() == "normal_wb");
    }

    [Fact]
    public void TheFwbTableNamesOnlyFwbEncodings()
    {
        var result = RasdlCli.Run("stage2", "--table", "--fwb", "--format", "json");

        using var table = JsonDocument.Parse(result.Stdout);
        Assert.Equal(49, table.RootElement.GetArrayLength());
        Assert.All(table.RootElement.EnumerateArray(), c => Assert.StartsWith("fwb_", c.GetProperty("s2").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void TheTextTableShowsBothModes()
    {
        var result = RasdlCli.Run("stage2", "--table");

        Assert.Contains("Without FEAT_S2FWB, MemAttr[3:0]:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("With FEAT_S2FWB (HCR_EL2.FWB = 1), MemAttr[2:0]:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--s1", "normal_xx", "--s2", "normal_nc")]
    [InlineData("--s1", "normal_wb", "--s2", "fwb_normal_nc")]
    [InlineData("--s1", "normal_wb")]
    [InlineData("--table", "--s1", "normal_wb")]
    public void BadArgumentsAreBadUsage(params string[] args)
    {
        var result = RasdlCli.Run(["stage2", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rasdl: ", result.Stderr, StringComparison.Ordinal);
    }
}
