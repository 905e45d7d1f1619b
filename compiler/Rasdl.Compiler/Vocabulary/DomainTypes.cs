namespace Rasdl.Vocabulary;

/// <summary>What an IP block on the route between CPU and device is.</summary>
public enum BlockKind
{
    Cpu,
    Interconnect,
    RootPort,
    PcieSwitch,
    Bridge,

    /// <summary>The platform's EL3 firmware on a firmware-first platform: not on any route; its rules give the CPER severity of what it claims.</summary>
    Firmware,
}

/// <summary>What a device that owns assignable regions is.</summary>
public enum EndpointKind
{
    PcieEndpoint,
    PlatformDevice,
}

/// <summary>An error a device, link or bus can signal for an access. <see cref="Any"/> is only a pattern.</summary>
public enum ErrorKind
{
    Ur,
    Ca,
    Cto,
    Poison,
    Malformed,
    Slverr,
    Decerr,
    Derr,
    Nderr,
    Any,
}

/// <summary>Words that narrow a rule by the access that failed.</summary>
public enum AccessWord
{
    Read,
    Write,
    Speculative,
    Gathered,
    Unaligned,
    Exclusive,
    Atomic,
    Zva,

    /// <summary>A write-back of a dirty cache line, at any later time (cacheable memory only).</summary>
    WriteBack,
}

/// <summary>An effective memory type (Arm ARM: the Device types and Normal cacheability; inner = outer).</summary>
public enum MemoryType
{
    DeviceNGnRnE,
    DeviceNGnRE,
    DeviceNGRE,
    DeviceGRE,
    NormalNC,
    NormalWT,
    NormalWB,
}

/// <summary>A set of memory types, as a filter word names it (one type, all Device types or all Normal types).</summary>
[Flags]
public enum MemoryTypeSet
{
    None = 0,
    DeviceNGnRnE = 1 << MemoryType.DeviceNGnRnE,
    DeviceNGnRE = 1 << MemoryType.DeviceNGnRE,
    DeviceNGRE = 1 << MemoryType.DeviceNGRE,
    DeviceGRE = 1 << MemoryType.DeviceGRE,
    NormalNC = 1 << MemoryType.NormalNC,
    NormalWT = 1 << MemoryType.NormalWT,
    NormalWB = 1 << MemoryType.NormalWB,
    Device = DeviceNGnRnE | DeviceNGnRE | DeviceNGRE | DeviceGRE,
    Normal = NormalNC | NormalWT | NormalWB,
    All = Device | Normal,
}

/// <summary>What a block does with an error, apart from passing an error on (which names an <see cref="ErrorKind"/>).</summary>
public enum OutcomeKind
{
    AllOnes,
    Drop,
    PassOn,
    Sea,
    SError,
    Irq,
    Hang,
    Reset,

    /// <summary>CPER severity fatal (GHES_SEV_PANIC): what a firmware block gives; a hypervisor treats it.</summary>
    Fatal,

    /// <summary>CPER severity recoverable (GHES_SEV_RECOVERABLE).</summary>
    Recoverable,

    /// <summary>CPER severity corrected (GHES_SEV_CORRECTED).</summary>
    Corrected,
}

/// <summary>SError severity (Arm ARM: ESR_ELx.AET for a RAS SError; impdef = ESR_ELx.IDS set). <see cref="Any"/> is only a pattern.</summary>
public enum SErrorSeverity
{
    Uc,
    Ueu,
    Uer,
    Ueo,
    Ce,
    Impdef,
    Any,
}

/// <summary>How an error is reported out of band.</summary>
public enum IrqKind
{
    Aer,
    Fhi,
    Eri,
}

/// <summary>An architecture feature a platform may implement.</summary>
public enum Feature
{
    Fwb,
    Ras,
    Iesb,

    /// <summary>Firmware-first error handling: external aborts go to EL3 (SCR_EL3.EA = 1) and errors reach Linux through APEI/GHES.</summary>
    FirmwareFirst,
}

/// <summary>Where an SError is taken: before the guest exits (guest context) or after it has left (host context).</summary>
public enum ErrorContext
{
    /// <summary>Pending as the guest exits: handle_exit_early() -> kvm_handle_guest_serror().</summary>
    Guest,

    /// <summary>Taken after the guest has left: do_serror().</summary>
    Host,
}

/// <summary>A guarantee a platform team states about its hardware, beyond what the architecture promises.</summary>
public enum ClaimKind
{
    /// <summary>In a cpu block: an SError caused by the listed accesses is pending before the guest can exit.</summary>
    SErrorInGuest,
}

/// <summary>The host driver through which a region is given to a guest; it decides the stage-2 attribute.</summary>
public enum Driver
{
    VfioPci,
    VfioPlatform,
    Io,
    Default,

    /// <summary>A vfio-pci variant driver that maps the region cacheable (nvgrace-gpu's device memory).</summary>
    VfioPciCacheable,
}

/// <summary>
/// A stage-2 memory attribute: the MemAttr encodings without FEAT_S2FWB, and with FEAT_S2FWB
/// (HCR_EL2.FWB = 1). The encodings and how each combines with stage 1 are in the engine's
/// stage-2 table.
/// </summary>
public enum Stage2Attribute
{
    DeviceNGnRnE,
    DeviceNGnRE,
    DeviceNGRE,
    DeviceGRE,
    NormalNC,
    NormalWT,
    NormalWB,
    FwbDeviceNGnRnE,
    FwbDeviceNGnRE,
    FwbDeviceNGRE,
    FwbDeviceGRE,
    FwbNormalNC,
    FwbForceWB,
    FwbUseS1,

    /// <summary>Not an encoding: the hypervisor refuses to map the region, so no guest access reaches it.</summary>
    Refused,
}

/// <summary>What a hypervisor does with a CPU outcome caused by a guest.</summary>
public enum HypervisorAction
{
    Inject,
    Continue,
    Panic,

    /// <summary>Ask the platform's firmware (firmware-first): its CPER severity is then treated as an outcome.</summary>
    Firmware,

    /// <summary>The host's error recovery handles it (PCIe AER: link reset, the device is lost to the guest).</summary>
    Recover,
}

/// <summary>The address space a region lives in.</summary>
public enum RegionSpace
{
    Mmio,
}

/// <summary>A property of a region.</summary>
public enum RegionAttribute
{
    Prefetchable,
}
