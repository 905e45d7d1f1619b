namespace Rasdl.LanguageServer.Tests.Infrastructure;

/// <summary>Sample platforms for the language-server tests (the DESIGN example is in Samples).</summary>
public static class TestSamples
{
    /// <summary>Uncontained: rc0 turns a completion timeout into slverr, which core takes as SError(UC); and rc0 has no rule for ca.</summary>
    public const string Unsafe = """
        import "std/kvm.rasdl";
        platform p { features ras, iesb; }
        block core : cpu { on slverr -> serror(uc); }
        block rc0 : root_port {
            on ur -> all_ones;
            on cto (read) -> slverr;
        }
        endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur, cto, ca; }
        route core -> rc0;
        assign nic.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }

        """;

    /// <summary>
    /// Uncontained only under NORMAL_NC: rc0, which sees the memory type of a request (AXI
    /// ARCACHE), answers a Normal-NC read's UR with a bus error, which the core takes as SError(UC).
    /// </summary>
    public const string NormalNcOnly = """
        import "std/kvm.rasdl";
        platform p { features ras, iesb; }
        block core : cpu { on slverr -> serror(uc); }
        block rc0 : root_port {
            on ur (read, normal_nc) -> slverr;
            on any -> all_ones;
        }
        endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur; }
        route core -> rc0;
        assign nic.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }

        """;
}
