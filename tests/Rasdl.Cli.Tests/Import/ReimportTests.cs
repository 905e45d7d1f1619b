using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Import;

/// <summary>Importing into an existing description updates the topology and keeps what the user wrote.</summary>
public class ReimportTests
{
    private const string Folder = SysfsSnapshot.Folder;

    private const string UserRules = """
        block sw_down_0000_03_00_0 : pcie_switch {
            doc "Switch port above the GPU: forwards completions unchanged (data book, section 7.3).";
            on any -> ur; // my rule
        }
        """;

    [Fact]
    public void ANewImportKeepsTheUsersRulesAndReportsWhatChanged()
    {
        using var folder = new TempFolder();
        var lspci = File.ReadAllText(Repository.PathOf($"{Folder}/arm-server.lspci.txt"));

        // First import from a machine without the NIC's second function.
        var start = lspci.IndexOf("0000:05:00.1 ", StringComparison.Ordinal);
        var end = lspci.IndexOf("0001:00:00.0 ", StringComparison.Ordinal);
        var before = folder.Write("before.txt", lspci[..start] + lspci[end..]);
        var output = Path.Combine(folder.Root, "server.rasdl");
        Assert.Equal(0, RasdlCli.Run("import", "pci", "--lspci", before, "-o", output).ExitCode);

        // The platform team fills in a block, narrows an endpoint's faults and adds its own declarations.
        var text = File.ReadAllText(output);
        var block = text.IndexOf("block sw_down_0000_03_00_0", StringComparison.Ordinal);
        text = text[..block] + UserRules + text[(text.IndexOf("}\n", block, StringComparison.Ordinal) + 2)..];
        text = text.Replace("endpoint gpu_0000_04_00_0 : pcie_endpoint under sw_down_0000_03_00_0 {\n    doc", "endpoint gpu_0000_04_00_0 : pcie_endpoint under sw_down_0000_03_00_0 {\n    doc", StringComparison.Ordinal);
        var gpuFaults = text.IndexOf("faults", text.IndexOf("endpoint gpu_0000_04_00_0", StringComparison.Ordinal), StringComparison.Ordinal);
        text = text[..gpuFaults] + "faults ur, cto; // the GPU's manual: no CA, no poison" + text[text.IndexOf('\n', gpuFaults)..];
        text += "\nprofile mine {\n    hypervisor kvm_6_8;\n}\n";
        File.WriteAllText(output, text);

        // Then the machine loses its NVMe drive and gains the second NIC function.
        var after = lspci[..lspci.IndexOf("0000:01:00.0 ", StringComparison.Ordinal)] + lspci[lspci.IndexOf("0000:02:00.0 ", StringComparison.Ordinal)..];
        var result = RasdlCli.Run("import", "pci", "--lspci", folder.Write("after.txt", after), "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "rasdl: added endpoint nic_0000_05_00_1\n" +
            "rasdl: removed block rp_0000_00_01_0: the machine no longer has it\n" +
            "rasdl: removed endpoint nvme_0000_01_00_0: the machine no longer has it\n",
            result.Stderr);

        var merged = File.ReadAllText(output);
        Assert.True(merged.Contains(UserRules, StringComparison.Ordinal), merged);
        Assert.Contains("faults ur, cto; // the GPU's manual: no CA, no poison", merged, StringComparison.Ordinal);
        Assert.Contains("profile mine {", merged, StringComparison.Ordinal);
        Assert.Contains("endpoint nic_0000_05_00_1 :", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("nvme_0000_01_00_0", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("rp_0000_00_01_0", merged, StringComparison.Ordinal);

        // The result is a valid, formatted description; importing the same machine again changes nothing.
        Assert.DoesNotContain("RASDL0", RasdlCli.Run("check", output).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("RASDL1", RasdlCli.Run("check", output).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, RasdlCli.Run("fmt", "--check", output).ExitCode);
        var again = RasdlCli.Run("import", "pci", "--lspci", Path.Combine(folder.Root, "after.txt"), "-o", output);
        Assert.Equal("", again.Stderr);
        Assert.Equal(merged, File.ReadAllText(output));
    }

    [Fact]
    public void RoutesThroughTheUsersOwnBlocksAreKept()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Root, "server.rasdl");
        Assert.Equal(0, RasdlCli.Run("import", "pci", "--lspci", $"{Folder}/arm-server.lspci.txt", "-o", output).ExitCode);

        // The team replaces the placeholders with its own core and mesh, and routes through them.
        var text = File.ReadAllText(output);
        foreach (var placeholder in new[] { "block cores : cpu {", "block fabric : interconnect {" })
        {
            var start = text.IndexOf(placeholder, StringComparison.Ordinal);
            text = text[..start] + text[(text.IndexOf("}\n", start, StringComparison.Ordinal) + 2)..];
        }

        text = text.Replace("route cores -> fabric ->", "route core -> mesh ->", StringComparison.Ordinal)
               + "\nblock core : cpu {\n    on any -> sea;\n}\n\nblock mesh : interconnect {\n    on any -> slverr;\n}\n";
        File.WriteAllText(output, text);

        var result = RasdlCli.Run("import", "pci", "--lspci", $"{Folder}/arm-server.lspci.txt", "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var merged = File.ReadAllText(output);
        Assert.DoesNotContain("block cores", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("block fabric", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("cores -> fabric", merged, StringComparison.Ordinal);
        Assert.Contains("route core -> mesh -> rp_0000_00_02_0 -> sw_up_0000_02_00_0 -> sw_down_0000_03_00_0;", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("RASDL1", RasdlCli.Run("check", output).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlockWithRulesIsKeptWhenTheMachineNoLongerHasIt()
    {
        using var folder = new TempFolder();
        var output = folder.Write("server.rasdl", "block rp_0000_07_00_0 : root_port {\n    on any -> all_ones;\n}\n");
        var result = RasdlCli.Run("import", "pci", "--lspci", $"{Folder}/virtio-vm.lspci.txt", "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kept block rp_0000_07_00_0: the machine no longer has it, but it holds your rules", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("on any -> all_ones;", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithSyntaxErrorsIsNotMergedInto()
    {
        using var folder = new TempFolder();
        var output = folder.Write("server.rasdl", "block rp0 : root_port {\n");
        var result = RasdlCli.Run("import", "pci", "--lspci", $"{Folder}/virtio-vm.lspci.txt", "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has syntax errors; fix them first", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("block rp0 : root_port {\n", File.ReadAllText(output));
    }
}
