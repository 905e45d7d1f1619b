using System.Diagnostics;
using Rasdl.Cli.Tests.Infrastructure;

namespace Rasdl.Cli.Tests.Import;

/// <summary>
/// <c>rasdl import pci</c> on the machine the tests run on: its live /sys, and, where pciutils
/// is installed (.ci/run installs it), what lspci prints for the same machine. A machine without
/// PCI (some containers) has nothing to import; the tests then check only that the command
/// says so clearly.
/// </summary>
public class LiveMachineImportTests
{
    private static bool HasPci => Directory.Exists("/sys/bus/pci/devices") && Directory.EnumerateFileSystemEntries("/sys/bus/pci/devices").Any();

    [Fact]
    public void ImportsThisMachinesSysfs()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Root, "host.rasdl");
        var result = RasdlCli.Run("import", "pci", "-o", output);
        if (!Directory.Exists("/sys/bus/pci/devices"))
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("no such folder", result.Stderr, StringComparison.Ordinal);
            return;
        }

        Assert.True(result.ExitCode == 0, result.Stderr);
        var check = RasdlCli.Run("check", output);
        Assert.DoesNotContain("RASDL0", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("RASDL1", check.Stdout, StringComparison.Ordinal);

        // One endpoint per function with a memory BAR, counted here from the resource files directly.
        var withMemory = Directory.EnumerateFileSystemEntries("/sys/bus/pci/devices").Count(device =>
            File.ReadAllLines(Path.Combine(device, "resource")).Take(6)
                .Select(line => line.Split(' ')).Any(f => (Convert.ToUInt64(f[2], 16) & 0x200) != 0 && Convert.ToUInt64(f[1], 16) > Convert.ToUInt64(f[0], 16)));
        Assert.Equal(withMemory, File.ReadAllLines(output).Count(l => l.StartsWith("endpoint ", StringComparison.Ordinal)));
    }

    [Fact]
    public void LspciOfThisMachineGivesTheSameTopology()
    {
        if (!HasPci || !File.Exists("/usr/bin/lspci"))
        {
            return;
        }

        using var lspci = Process.Start(new ProcessStartInfo("/usr/bin/lspci", "-vvv -nn -D") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var listing = lspci.StandardOutput.ReadToEnd();
        lspci.WaitForExit();
        using var folder = new TempFolder();
        var fromLspci = RasdlCli.Run("import", "pci", "--lspci", folder.Write("lspci.txt", listing));
        var fromSysfs = RasdlCli.Run("import", "pci");
        Assert.True(fromLspci.ExitCode == 0, fromLspci.Stderr);
        Assert.Equal(Topology(fromSysfs.Stdout), Topology(fromLspci.Stdout));
    }

    // lspci adds device names to doc strings, and lspci without root cannot read capabilities.
    private static List<string> Topology(string description) =>
        description.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("block ", StringComparison.Ordinal) || l.StartsWith("endpoint ", StringComparison.Ordinal)
                        || l.StartsWith("region ", StringComparison.Ordinal) || l.StartsWith("route ", StringComparison.Ordinal)
                        || l.StartsWith("assign ", StringComparison.Ordinal))
            .ToList();
}
