namespace Rasdl.Import.Pci;

/// <summary>
/// A short readable word for a function's class code, the first part of the names the importer
/// gives (nvme_0000_01_00_0). From the PCI Code and ID Assignment Specification's class table.
/// </summary>
public static class PciClassNames
{
    public static string Of(uint classCode)
    {
        var baseClass = (classCode >> 16) & 0xFF;
        var subClass = (classCode >> 8) & 0xFF;
        return (baseClass, subClass) switch
        {
            (0x01, 0x08) => "nvme",
            (0x01, 0x06) => "sata",
            (0x01, _) => "storage",
            (0x02, _) => "nic",
            (0x03, _) => "gpu",
            (0x04, _) => "media",
            (0x05, _) => "memory",
            (0x06, 0x00) => "host_bridge",
            (0x06, 0x04) or (0x06, 0x09) => "pci_bridge",
            (0x06, _) => "bridge",
            (0x07, _) => "comm",
            (0x08, _) => "system",
            (0x0C, 0x03) => "usb",
            (0x0C, _) => "serial_bus",
            (0x0D, _) => "wireless",
            (0x10, _) => "crypto",
            (0x11, _) => "signal",
            (0x12, _) => "accel",
            (0x13, _) => "instrument",
            _ => "dev",
        };
    }
}
