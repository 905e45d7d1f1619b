namespace Rasdl.Compiler.Tests.Engine;

/// <summary>Small platform descriptions for engine tests, built from the parts that vary.</summary>
public static class Platforms
{
    /// <summary>A platform with one core, one interconnect, one root port and one endpoint (nic.bar0 via vfio_pci) under two profiles.</summary>
    public static string With(
        string core,
        string rootPort,
        string features = "ras, iesb",
        string faults = "ur, ca, cto, poison",
        string driver = "vfio_pci",
        string extra = "") => $$"""
        import "std/kvm.rasdl";
        platform p { features {{features}}; }
        block core : cpu {
        {{core}}
        }
        block mesh : interconnect {
            on slverr -> slverr;
            on poison -> poison;
        }
        block rc0 : root_port {
        {{rootPort}}
        }
        endpoint nic : pcie_endpoint under rc0 {
            region bar0 mmio size 64M;
            faults {{faults}};
        }
        route core -> mesh -> rc0;
        assign nic.bar0 to guest via {{driver}};
        profile production { hypervisor kvm_6_8; }
        profile legacy { hypervisor kvm_6_7; }
        {{extra}}
        """;

    /// <summary>
    /// A core that takes read errors as SEA and write errors as a recoverable SError; an error
    /// response to a speculative read (which cannot take a synchronous abort) is a corrected SError.
    /// </summary>
    public const string SafeCore = """
            on slverr (speculative) -> serror(ce);
            on slverr (read)  -> sea;
            on slverr (write) -> serror(uer);
            on poison (read)  -> sea;
            on poison (write) -> serror(uer);
        """;

    /// <summary>A core that takes a read error as an uncontainable SError.</summary>
    public const string FatalReadCore = """
            on slverr (read)  -> serror(uc);
            on slverr (write) -> serror(uer);
            on poison         -> sea;
        """;

    /// <summary>A root port that answers every failed read with all-ones ("master abort") and drops failed writes.</summary>
    public const string MasterAbortRootPort = """
            on any (read)  -> all_ones;
            on any (write) -> drop;
        """;

    /// <summary>A root port that answers failed reads with a bus error.</summary>
    public const string BusErrorRootPort = """
            on any (read)  -> slverr;
            on any (write) -> drop;
        """;
}
