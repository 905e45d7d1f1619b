namespace Rasdl.Import.Pci;

/// <summary>
/// The role of a function in the PCIe hierarchy: the Device/Port Type field of its PCI Express
/// Capabilities register (PCIe Base Specification, "PCI Express Capabilities Register"), or
/// what its header says when it has no PCI Express capability.
/// </summary>
public enum PciPortType
{
    /// <summary>No PCI Express capability: a conventional PCI function (or one whose capabilities could not be read).</summary>
    Conventional = -1,
    Endpoint = 0x0,
    LegacyEndpoint = 0x1,
    RootPort = 0x4,
    SwitchUpstreamPort = 0x5,
    SwitchDownstreamPort = 0x6,
    PcieToPciBridge = 0x7,
    PciToPcieBridge = 0x8,
    RootComplexIntegratedEndpoint = 0x9,
    RootComplexEventCollector = 0xA,
}

/// <summary>A memory BAR as the kernel assigned it: index, base address, size, prefetchable, 64-bit.</summary>
public sealed record PciMemoryBar(int Index, ulong Start, ulong Size, bool Prefetchable, bool Is64Bit);

/// <summary>
/// One PCI function as the importers read it, from sysfs or from lspci output: everything the
/// kernel knows about its place in the hierarchy and its BARs. Nothing about its error
/// behaviour: that is the platform's, and stays for the user to describe.
/// </summary>
public sealed record PciFunction
{
    public required PciAddress Address { get; init; }

    /// <summary>The bridge or port above this function; null on a root bus (below the host bridge).</summary>
    public PciAddress? Upstream { get; init; }

    /// <summary>The class code: base class, sub-class and programming interface (0x010802 = NVMe).</summary>
    public required uint ClassCode { get; init; }

    public required ushort Vendor { get; init; }

    public required ushort Device { get; init; }

    /// <summary>The configuration header layout: 0 a function with BARs, 1 a PCI-to-PCI bridge (bridges, root and switch ports).</summary>
    public int HeaderType { get; init; }

    public PciPortType PortType { get; init; } = PciPortType.Conventional;

    /// <summary>Whether the PCIe capabilities were read at all (sysfs gives unprivileged readers only the first 64 bytes).</summary>
    public bool CapabilitiesKnown { get; init; } = true;

    /// <summary>Advanced Error Reporting extended capability (ID 0x0001) present.</summary>
    public bool HasAer { get; init; }

    /// <summary>Downstream Port Containment extended capability (ID 0x001D) present.</summary>
    public bool HasDpc { get; init; }

    public IReadOnlyList<PciMemoryBar> MemoryBars { get; init; } = [];

    /// <summary>The kernel driver bound to the function (vfio-pci, nvme, pcieport…), or null.</summary>
    public string? Driver { get; init; }

    /// <summary>The device's name where the input has one (lspci prints it from pci.ids).</summary>
    public string? Name { get; init; }

    public bool IsBridge => HeaderType == 1 || PortType is PciPortType.RootPort or PciPortType.SwitchUpstreamPort
        or PciPortType.SwitchDownstreamPort or PciPortType.PcieToPciBridge or PciPortType.PciToPcieBridge;

    /// <summary>
    /// Bound to vfio-pci or to one of its variant drivers (mlx5_vfio_pci, nvgrace_gpu_vfio_pci…),
    /// which all map BARs through vfio_pci_core_mmap() (drivers/vfio/pci/vfio_pci_core.c).
    /// </summary>
    public bool IsBoundToVfio => Driver is { } driver && driver.Replace('_', '-').Contains("vfio-pci", StringComparison.Ordinal);
}
