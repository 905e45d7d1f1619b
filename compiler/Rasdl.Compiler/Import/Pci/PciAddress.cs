using System.Globalization;
using System.Text.RegularExpressions;

namespace Rasdl.Import.Pci;

/// <summary>A PCI function's address: domain (segment), bus, device and function, as Linux writes it (0000:01:00.0).</summary>
public readonly partial record struct PciAddress(int Domain, int Bus, int Device, int Function) : IComparable<PciAddress>
{
    [GeneratedRegex(@"^([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$")]
    private static partial Regex Pattern();

    public static PciAddress? TryParse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int Hex(int group) => int.Parse(match.Groups[group].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var device = Hex(3);
        return device > 31 ? null : new PciAddress(Hex(1), Hex(2), device, Hex(4));
    }

    /// <summary>The part of a RASDL name that identifies the function: 0000_01_00_0.</summary>
    public string NameSuffix => $"{Domain:x4}_{Bus:x2}_{Device:x2}_{Function}";

    public override string ToString() => $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function}";

    public int CompareTo(PciAddress other) =>
        (Domain, Bus, Device, Function).CompareTo((other.Domain, other.Bus, other.Device, other.Function));
}
