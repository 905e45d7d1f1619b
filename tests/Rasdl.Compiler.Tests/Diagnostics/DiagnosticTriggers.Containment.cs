using Rasdl.Compiler.Tests.Engine;

namespace Rasdl.Compiler.Tests.Diagnostics;

public static partial class DiagnosticTriggers
{
    static partial void AddContainmentTriggers(List<Trigger> triggers) => triggers.AddRange(
    [
        InMain("RASDL2001", Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto")),
        InMain("RASDL2002", Platforms.With(Platforms.SafeCore, "on ur (read) -> all_ones;", faults: "ur")),
        InMain("RASDL2003", Platforms.With(Platforms.SafeCore, "on any -> all_ones; on cto -> slverr;", faults: "cto")),
        InMain("RASDL2004", Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto", extra: "hypervisor h { stage2 default -> device_nGnRE; } profile q { hypervisor h; }")),
        InMain("RASDL2005", Platforms.With("on slverr -> slverr;", Platforms.BusErrorRootPort, faults: "ur")),
        InMain("RASDL2006", Platforms.With(Platforms.FatalReadCore, Platforms.BusErrorRootPort, faults: "cto")),
        InMain("RASDL2007", Platforms.With(Platforms.SafeCore, "on cto (read) -> drop;", faults: "cto")),
        InMain("RASDL2008", Platforms.With("on slverr (read) -> sea;", Platforms.BusErrorRootPort, faults: "ur")),
        InMain("RASDL2009", Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, features: "ras, firmware_first", faults: "ur")),
        InMain("RASDL2010", Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, faults: "ur").Replace("assign nic.bar0 to guest via vfio_pci;", "", StringComparison.Ordinal)),
        InMain("RASDL2011", Platforms.With(Platforms.SafeCore, Platforms.BusErrorRootPort, faults: "ur", extra: "block rc9 : root_port { on any -> drop; } endpoint lost : pcie_endpoint under rc9 { region bar mmio size 4K; faults ur; } assign lost.bar to guest via vfio_pci;")),
    ]);
}
