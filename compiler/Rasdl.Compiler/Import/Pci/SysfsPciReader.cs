using System.Globalization;

namespace Rasdl.Import.Pci;

/// <summary>
/// Reads the PCI functions of a sysfs tree the way the kernel exposes them
/// (Documentation/ABI/testing/sysfs-bus-pci): <c>bus/pci/devices/*</c> are links into
/// <c>devices/pciDDDD:BB/…</c>, where a function's folder sits inside the folder of the bridge
/// above it; each has <c>class</c>, <c>vendor</c>, <c>device</c>, <c>resource</c>, <c>config</c>
/// and a <c>driver</c> link. The root is a live <c>/sys</c> or a copy of one.
/// </summary>
public static class SysfsPciReader
{
    private const string DevicesFolder = "bus/pci/devices";
    private const int ConfigSpaceLimit = 4096; // PCIe extended configuration space

    public static PciInventory Read(string sysfsRoot)
    {
        var tree = new ConfinedTree(sysfsRoot);
        if (!Directory.Exists(tree.Root))
        {
            throw new ImportFailure($"{sysfsRoot}: no such folder");
        }

        if (!tree.DirectoryExists(DevicesFolder))
        {
            throw new ImportFailure($"{tree.Show(DevicesFolder)}: no such folder; --sysfs names the folder mounted at /sys (or a copy of it, see docs/import.md)");
        }

        var notes = new List<string>();
        var functions = new List<PciFunction>();
        foreach (var entry in tree.List(DevicesFolder))
        {
            if (PciAddress.TryParse(entry) is not { } address)
            {
                notes.Add($"{tree.Show(DevicesFolder + "/" + entry)}: not a PCI address; skipped");
                continue;
            }

            functions.Add(ReadFunction(tree, address, DevicesFolder + "/" + entry, notes));
        }

        return new PciInventory(functions, notes);
    }

    private static PciFunction ReadFunction(ConfinedTree tree, PciAddress address, string link, List<string> notes)
    {
        var folder = tree.Resolve(link);
        var parentName = Path.GetFileName(Path.GetDirectoryName(folder.Replace('/', Path.DirectorySeparatorChar)) ?? "");
        var upstream = PciAddress.TryParse(parentName);

        string Required(string file) =>
            tree.ReadText(folder + "/" + file) ?? throw new ImportFailure($"{tree.Show(folder + "/" + file)}: missing (every PCI function in sysfs has one)");

        var classCode = (uint)ParseHex(Required("class"), tree.Show(folder + "/class"), 0xFF_FFFF);
        var vendor = (ushort)ParseHex(Required("vendor"), tree.Show(folder + "/vendor"), 0xFFFF);
        var device = (ushort)ParseHex(Required("device"), tree.Show(folder + "/device"), 0xFFFF);
        var bars = PciResources.ParseMemoryBars(Required("resource"), tree.Show(folder + "/resource"));

        var configBytes = tree.ReadBytes(folder + "/config", ConfigSpaceLimit);
        PciConfigSpace? config = null;
        if (configBytes is null)
        {
            notes.Add($"{tree.Show(folder + "/config")}: missing; {address}'s port type, AER and DPC are unknown");
        }
        else
        {
            config = PciConfigSpace.Parse(configBytes, tree.Show(folder + "/config"));
            if (!config.CapabilitiesKnown)
            {
                notes.Add($"{tree.Show(folder + "/config")}: only the {configBytes.Length}-byte header is readable (the kernel shows the rest to root only); {address}'s port type, AER and DPC are unknown");
            }
        }

        return new PciFunction
        {
            Address = address,
            Upstream = upstream,
            ClassCode = classCode,
            Vendor = vendor,
            Device = device,
            // Without a header, a PCI-to-PCI bridge's class (0x0604) says it is a bridge.
            HeaderType = config?.HeaderType ?? ((classCode >> 8) == 0x0604 ? 1 : 0),
            PortType = config?.PortType ?? PciPortType.Conventional,
            CapabilitiesKnown = config?.CapabilitiesKnown ?? false,
            HasAer = config?.HasAer ?? false,
            HasDpc = config?.HasDpc ?? false,
            MemoryBars = bars,
            Driver = tree.LinkName(folder + "/driver"),
        };
    }

    private static ulong ParseHex(string text, string source, ulong max)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new ImportFailure($"{source}: expected a hexadecimal number up to 0x{max:x}, found \"{text}\"");
    }
}
