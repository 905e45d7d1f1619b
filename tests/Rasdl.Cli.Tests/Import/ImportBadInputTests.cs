using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Import;

/// <summary>Bad input to <c>rasdl import</c>: a clear message naming the file and exit code 2, never an exception, never a hang, and no file written.</summary>
public class ImportBadInputTests
{
    private const string Folder = SysfsSnapshot.Folder;

    private static void AssertRefused(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal); // no stack trace
        Assert.Equal("", result.Stdout);
    }

    private static string Snapshot(TempFolder folder, string fixture = "arm-server.sysfs.txt") =>
        SysfsSnapshot.Materialise(fixture, Path.Combine(folder.Root, "sys"));

    [Fact]
    public void ASymbolicLinkLoopEndsWithAnError()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        // devices/loop -> devices/loop/x: following it never reaches a folder.
        var device = Path.Combine(sys, "bus/pci/devices/0000:09:00.0");
        File.CreateSymbolicLink(device, "../../../devices/loop/x");
        File.CreateSymbolicLink(Path.Combine(sys, "devices/loop"), "loop");
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "too many symbolic links (a link loop in");
    }

    [Fact]
    public void ALinkOutOfTheTreeIsRefused()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        File.CreateSymbolicLink(Path.Combine(sys, "bus/pci/devices/0000:09:00.0"), "/etc");
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "points to /etc, outside");
        File.Delete(Path.Combine(sys, "bus/pci/devices/0000:09:00.0"));
        File.CreateSymbolicLink(Path.Combine(sys, "bus/pci/devices/0000:09:00.0"), "../../../../..");
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "leads outside");
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        var classFile = Path.Combine(sys, "devices/pci0000:00/0000:00:01.0/0000:01:00.0/class");
        File.Delete(classFile);
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "0000:01:00.0/class: missing");
    }

    [Fact]
    public void AMissingConfigFileIsANoteNotAnError()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        File.Delete(Path.Combine(sys, "devices/pci0000:00/0000:00:01.0/config"));
        var result = RasdlCli.Run("import", "pci", "--sysfs", sys);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0000:00:01.0/config: missing; 0000:00:01.0's port type, AER and DPC are unknown", result.Stderr, StringComparison.Ordinal);
        // Without its configuration space the root port is still a bridge (class 0x0604), of unknown kind.
        Assert.Contains("block bridge_0000_00_01_0 : bridge {", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedOrLoopingConfigurationSpace()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        var config = Path.Combine(sys, "devices/pci0000:00/0000:00:01.0/0000:01:00.0/config");
        var bytes = File.ReadAllBytes(config);
        bytes[0x41] = 0x40; // the first capability's next pointer points to itself
        File.WriteAllBytes(config, bytes);
        Assert.Equal(0, RasdlCli.Run("import", "pci", "--sysfs", sys).ExitCode);
        File.WriteAllBytes(config, bytes[..10]);
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "0000:01:00.0/config: the configuration header is 10 bytes long");
    }

    [Fact]
    public void AFifoPlantedInACopiedTreeCannotHangTheImport()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        var config = Path.Combine(sys, "devices/pci0000:00/0000:00:01.0/0000:01:00.0/config");
        File.Delete(config);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", config))
        {
            mkfifo.WaitForExit();
        }

        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "0000:01:00.0/config: could not be read within 5 s (not a regular file?)");
    }

    [Fact]
    public void AnEndlessFileIsCutOff()
    {
        using var folder = new TempFolder();
        var sys = Snapshot(folder);
        var config = Path.Combine(sys, "devices/pci0000:00/0000:00:01.0/0000:01:00.0/config");
        File.Delete(config);
        File.CreateSymbolicLink(config, "/dev/zero");
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "points to /dev/zero, outside");
        File.Delete(config);
        File.WriteAllBytes(config, new byte[64 * 1024]);
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", sys), "0000:01:00.0/config: longer than 4096 bytes");
    }

    [Fact]
    public void NotASysfsTree()
    {
        using var folder = new TempFolder();
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", folder.Root), "bus/pci/devices: no such folder");
        AssertRefused(RasdlCli.Run("import", "pci", "--sysfs", Path.Combine(folder.Root, "absent")), "absent: no such folder");
    }

    [Fact]
    public void TarPaddingInSysfsFilesIsIgnored()
    {
        // GNU tar pads sysfs attributes with NULs to the 4096 bytes stat() reports for them.
        using var folder = new TempFolder();
        var sys = Snapshot(folder, "virtio-vm.sysfs.txt");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(sys, "devices"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("config", StringComparison.Ordinal) && new FileInfo(f).LinkTarget is null))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(file, text + new string('\0', 4096 - text.Length));
        }

        Assert.Equal(ImportBaselineTests.Import("virtio-vm.sysfs", "pci --sysfs {snapshot}"),
            RasdlCli.Run("import", "pci", "--sysfs", sys).Stdout.Replace(sys, "SNAPSHOT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "no PCI function found")]
    [InlineData("00:01.0 Ethernet controller [0200]: Red Hat, Inc. Virtio network device [1af4:1041]\n", "without its domain: run lspci with -D")]
    [InlineData("0000:00:01.0 Ethernet controller: Red Hat, Inc. Virtio network device\n", "without numeric IDs: run lspci with -nn")]
    [InlineData("\tRegion 0: Memory at 1000 (64-bit, prefetchable) [size=4K]\n", "an indented line before the first function")]
    [InlineData("0000:01:00.0 PCI bridge [0604]: X [1234:5678]\n\tBus: primary=01, secondary=01, subordinate=01, sec-latency=0\n", "the bridges above it form a loop")]
    [InlineData("0000:00:01.0 Ethernet controller [0200]: X [1234:5678]\n\tRegion 0: Memory at 1000 (64-bit, prefetchable) [size=99999999999999999999T]\n", "does not give a usable address and size")]
    public void BadLspciOutput(string text, string expected)
    {
        using var folder = new TempFolder();
        var file = folder.Write("lspci.txt", text);
        AssertRefused(RasdlCli.Run("import", "pci", "--lspci", file), expected);
    }

    [Theory]
    [InlineData(200, "truncated: the table header says 504 bytes, the file has 200")]
    [InlineData(20, "not an IORT table")]
    public void ATruncatedIortTable(int length, string expected)
    {
        using var folder = new TempFolder();
        var table = File.ReadAllBytes(Repository.PathOf($"{Folder}/iort-smmu.aml"));
        var file = folder.WriteBytes("IORT", table[..length]);
        AssertRefused(RasdlCli.Run("import", "acpi", file), expected);
    }

    [Fact]
    public void ACorruptIortNode()
    {
        using var folder = new TempFolder();
        var table = File.ReadAllBytes(Repository.PathOf($"{Folder}/iort-smmu.aml"));
        table[0xCC + 2] = 0xFF; // the root complex node says it is 0xFF38 bytes long
        AssertRefused(RasdlCli.Run("import", "acpi", folder.WriteBytes("IORT", table)), "node 2 at offset 0xcc says it is 65336 bytes long");
        table = File.ReadAllBytes(Repository.PathOf($"{Folder}/iort-smmu.aml"));
        table[0xD4] = 0xFF; // the root complex says it has 255 ID mappings
        AssertRefused(RasdlCli.Run("import", "acpi", folder.WriteBytes("IORT", table)), "has 255 ID mappings at 0x24, which do not fit");
    }

    [Fact]
    public void ATruncatedDisassembly()
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(Repository.PathOf($"{Folder}/iort-smmu.dsl"));
        var file = folder.Write("iort.dsl", string.Join("\n", lines[..^5]));
        AssertRefused(RasdlCli.Run("import", "acpi", file), "truncated: the Raw Table Data section says 504 bytes and holds");
        file = folder.Write("other.dsl", "DefinitionBlock (\"\", \"SSDT\", 2, \"X\", \"Y\", 1) { }");
        AssertRefused(RasdlCli.Run("import", "acpi", file), "neither a binary IORT table nor iasl's disassembly of one");
        AssertRefused(RasdlCli.Run("import", "acpi", Path.Combine(folder.Root, "absent.aml")), "absent.aml: no such file");
    }

    [Fact]
    public void AFailedImportLeavesTheExistingFileAlone()
    {
        using var folder = new TempFolder();
        var output = folder.Write("platform.rasdl", "block mine : cpu { }\n");
        var result = RasdlCli.Run("import", "acpi", Path.Combine(folder.Root, "absent.aml"), "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("block mine : cpu { }\n", File.ReadAllText(output));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Root)); // no temporary file left behind
        AssertRefused(RasdlCli.Run("import", "acpi", $"{Folder}/iort-smmu.aml", "-o", Path.Combine(folder.Root, "no/such/folder.rasdl")), "the folder does not exist");
    }
}
