using System.Globalization;

namespace Rasdl.Import.Pci;

/// <summary>
/// The sysfs <c>resource</c> file of a function: one line per resource, "start end flags" in
/// hexadecimal (drivers/pci/pci-sysfs.c, resource_show()). Lines 0-5 are the BARs, 6 the
/// expansion ROM, then a bridge's windows. Flags are the kernel's IORESOURCE_* bits.
/// </summary>
public static class PciResources
{
    // include/linux/ioport.h
    private const ulong IoResourceMem = 0x0000_0200;
    private const ulong IoResourcePrefetch = 0x0000_2000;
    private const ulong IoResourceMem64 = 0x0010_0000;
    private const int BarCount = 6;

    public static IReadOnlyList<PciMemoryBar> ParseMemoryBars(string text, string source)
    {
        var bars = new List<PciMemoryBar>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var index = 0; index < Math.Min(lines.Length, BarCount); index++)
        {
            var fields = lines[index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || !TryHex(fields[0], out var start) || !TryHex(fields[1], out var end) || !TryHex(fields[2], out var flags))
            {
                throw new ImportFailure($"{source}:{index + 1}: expected \"start end flags\" in hexadecimal, found \"{lines[index]}\"");
            }

            if ((flags & IoResourceMem) == 0 || end <= start)
            {
                continue; // an I/O-port BAR, an unused one, or one the kernel left unassigned
            }

            bars.Add(new PciMemoryBar(index, start, end - start + 1, (flags & IoResourcePrefetch) != 0, (flags & IoResourceMem64) != 0));
        }

        return bars;
    }

    private static bool TryHex(string text, out ulong value) =>
        ulong.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
