using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Import;

/// <summary>
/// <c>rasdl import</c> on real data: the sysfs tree and lspci output of a KVM virtual machine,
/// a synthetic Arm server's sysfs tree and what real lspci prints for it, and iasl's IORT
/// template (and an edited copy with real ID mappings) compiled and disassembled. Each import is
/// compared with a committed description beside the fixture, and <c>rasdl check</c> of that
/// description with its own baseline: the to-do list a platform team starts from.
/// </summary>
public class ImportBaselineTests
{
    private const string Folder = SysfsSnapshot.Folder;

    public static TheoryData<string, string> Imports => new()
    {
        { "virtio-vm.sysfs", "pci --sysfs {snapshot}" },
        { "virtio-vm.lspci", $"pci --lspci {Folder}/virtio-vm.lspci.txt" },
        { "arm-server.sysfs", "pci --sysfs {snapshot}" },
        { "arm-server.lspci", $"pci --lspci {Folder}/arm-server.lspci.txt" },
        { "iort-template.aml", $"acpi {Folder}/iort-template.aml" },
        { "iort-template.dsl", $"acpi {Folder}/iort-template.dsl" },
        { "iort-smmu.aml", $"acpi {Folder}/iort-smmu.aml" },
        { "iort-smmu.dsl", $"acpi {Folder}/iort-smmu.dsl" },
    };

    [Theory]
    [MemberData(nameof(Imports))]
    public void ImportMatchesItsBaseline(string name, string arguments)
    {
        var text = Import(name, arguments);
        GeneratedFile.Verify($"{Folder}/{name}.import.rasdl", text, $"rasdl import {arguments}");
    }

    [Theory]
    [MemberData(nameof(Imports))]
    public void CheckOfTheImportMatchesItsBaseline(string name, string arguments)
    {
        // The description this checks is itself a baseline: bring it up to date first, so one
        // regenerating run is enough.
        ImportMatchesItsBaseline(name, arguments);
        var result = RasdlCli.Run("check", $"{Folder}/{name}.import.rasdl");
        Assert.DoesNotContain("RASDL0", result.Stdout, StringComparison.Ordinal); // no syntax error, ever
        GeneratedFile.Verify($"{Folder}/{name}.import.check.txt", result.Stdout, $"rasdl check {Folder}/{name}.import.rasdl");
    }

    [Theory]
    [InlineData("virtio-vm")]
    [InlineData("arm-server")]
    public void SysfsAndLspciOfOneMachineGiveTheSameDescription(string machine)
    {
        // lspci adds device names to the doc strings; everything else must agree.
        Assert.Equal(Declarations(Import($"{machine}.sysfs", "pci --sysfs {snapshot}")),
            Declarations(Import($"{machine}.lspci", $"pci --lspci {Folder}/{machine}.lspci.txt")));
    }

    [Theory]
    [InlineData("iort-template")]
    [InlineData("iort-smmu")]
    public void BinaryTableAndDisassemblyGiveTheSameDescription(string table)
    {
        Assert.Equal(Import(table, $"acpi {Folder}/{table}.aml").Replace(".aml", ""), Import(table, $"acpi {Folder}/{table}.dsl").Replace(".dsl", ""));
    }

    [Fact]
    public void ImportedDescriptionsAreInTheFormattersLayout()
    {
        foreach (var name in Imports.Select(row => (string)row[0]))
        {
            var result = RasdlCli.Run("fmt", "--check", $"{Folder}/{name}.import.rasdl");
            Assert.True(result.ExitCode == 0, $"{name}: {result.Stdout}{result.Stderr}");
        }
    }

    [Fact]
    public void TheToDoListIsTheBlocksTheAssignedDevicesSitUnder()
    {
        // A fresh import is uncontained, and RASDL2002 ("no rule") names exactly the blocks an
        // assigned device's errors reach first: the GPU's and the NIC's switch ports and the
        // accelerator's host bridge; the NVMe drive is not assigned (bound to nvme).
        var result = RasdlCli.Run("check", $"{Folder}/arm-server.sysfs.import.rasdl");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("): uncontained", result.Stdout, StringComparison.Ordinal);
        var blocks = result.Stdout.Split('\n').Where(l => l.Contains("RASDL2002", StringComparison.Ordinal))
            .Select(l => l.Split('\'')[1]).ToHashSet();
        Assert.Equal(["host_bridge_0001_00", "sw_down_0000_03_00_0", "sw_down_0000_03_01_0"], blocks.Order());
    }

    /// <summary>The import's output, with the temporary snapshot folder shown as "SNAPSHOT" so the baseline is the same on every run.</summary>
    internal static string Import(string name, string arguments)
    {
        using var folder = new TempFolder();
        var snapshot = Path.Combine(folder.Root, "sys");
        if (arguments.Contains("{snapshot}", StringComparison.Ordinal))
        {
            SysfsSnapshot.Materialise(name.Replace(".sysfs", "") + ".sysfs.txt", snapshot);
        }

        var result = RasdlCli.Run(["import", .. arguments.Replace("{snapshot}", snapshot).Split(' ')]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Replace(snapshot, "SNAPSHOT", StringComparison.Ordinal);
    }

    private static List<string> Declarations(string description) =>
        description.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.TrimStart().StartsWith("doc ", StringComparison.Ordinal)).ToList();
}
