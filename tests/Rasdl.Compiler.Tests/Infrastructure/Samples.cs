namespace Rasdl.Compiler.Tests.Infrastructure;

/// <summary>Source texts shared by tests.</summary>
public static class Samples
{
    /// <summary>The example of DESIGN section 3, exactly as written there: it must check with no diagnostic at all.</summary>
    public const string DesignExample = """
        // server.rasdl
        import "std/kvm.rasdl";                  // standard library, shipped with the compiler

        platform example_server {
            features fwb, ras, iesb;             // FEAT_S2FWB, FEAT_RAS, FEAT_IESB present
        }

        block core : cpu {
            doc "Application core: how a bus error response becomes a CPU exception.";
            on slverr (read)                -> sea;          // synchronous external abort (only Device reads get here)
            on poison (read)                -> sea;          // poison is deferred to the load that consumes it
        }

        block mesh : interconnect {
            on slverr -> slverr;                 // passes responses through unchanged
            on poison -> poison;
        }

        block rc0 : root_port {
            on ur  (read)         -> all_ones;   // "master abort": contained at the root port
            on ca  (read)         -> all_ones;
            on cto (read, device) -> slverr;     // a Device read that times out becomes a bus error
            on cto (read)         -> all_ones;   // a Normal-NC read (maybe speculative) gets all-ones
            on poison (read)      -> poison;     // poisoned data travels on to the core
            on any (write)        -> drop;       // posted writes: no completion, failures logged by AER
        }

        endpoint gpu0 : pcie_endpoint under rc0 {
            region bar0 mmio size 64M prefetchable;
            faults ur, ca, cto, poison;          // what this device and its link can produce
        }

        route core -> mesh -> rc0;               // the path a CPU access takes

        assign gpu0.bar0 to guest via vfio_pci;

        profile production { hypervisor kvm_6_8; }   // compiled in CI, one artefact per profile
        profile legacy     { hypervisor kvm_6_7; }

        """;

    /// <summary>A minimal valid platform that later tests extend with one mistake each.</summary>
    public const string Minimal = """
        import "std/kvm.rasdl";
        platform p { features ras, iesb; }
        block core : cpu { on slverr (read) -> sea; }
        block rc0 : root_port { on any (read, device) -> slverr; on any (read) -> all_ones; on any -> drop; }
        endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur; }
        route core -> rc0;
        assign nic.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }

        """;

    /// <summary>
    /// Every construct of sound verdicts: rules with several effects, a claim, a firmware
    /// block, conditional stage-2 policies and treatments, an endpoint without faults.
    /// </summary>
    public const string SoundVerdicts = """
        import "std/kvm.rasdl";
        platform grace { features fwb, ras, firmware_first; }

        block core : cpu {
            doc "Neoverse-class core.";
            on slverr (read)  -> sea;
            on slverr (write) -> serror(uer);
            on poison         -> sea;
            claim serror_in_guest (write, gathered);
            claim serror_in_guest;
        }

        block rc0 : root_port {
            on cto (read)   -> all_ones, irq(aer);
            on ur  (write)  -> irq(aer);
            on any          -> slverr;
        }

        block el3 : firmware {
            on sea          -> fatal;
            on serror (uc)  -> fatal;
            on irq (aer)    -> recoverable;
        }

        endpoint gpu0 : pcie_endpoint under rc0 {
            region bar0 mmio size 64M;
            region mem mmio size 1G;
            faults ur, cto, poison;
        }

        endpoint quiet : platform_device under rc0 {
            region regs mmio size 4K;
            faults none;
        }

        route core -> rc0;
        assign gpu0.bar0 to guest via vfio_pci;
        assign gpu0.mem to guest via vfio_pci_cacheable;

        hypervisor kvm_grace {
            stage2 vfio_pci_cacheable when fwb -> normal_wb;
            stage2 vfio_pci_cacheable -> refused;
            stage2 vfio_pci when fwb, ras -> normal_nc;
            on sea when firmware_first -> firmware;
            on serror(any) when guest -> inject;
            on irq(aer) -> recover;
            on fatal -> panic;
        }

        profile production { hypervisor kvm_grace; }

        """;

    /// <summary>The design's example in canonical layout, clean as it stands: tests of a single mistake start from it.</summary>
    public const string CleanServer = """
        import "std/kvm.rasdl";
        platform p { features fwb, ras, iesb; }
        block core : cpu {
            on slverr (read) -> sea;
            on poison (read) -> sea;
        }
        block mesh : interconnect {
            on slverr -> slverr;
            on poison -> poison;
        }
        block rc0 : root_port {
            on ur (read)          -> all_ones;
            on ca (read)          -> all_ones;
            on cto (read, device) -> slverr;
            on cto (read)         -> all_ones;
            on poison (read)      -> poison;
            on any (write)        -> drop;
        }
        endpoint gpu0 : pcie_endpoint under rc0 {
            region bar0 mmio size 64M prefetchable;
            faults ur, ca, cto, poison;
        }
        route core -> mesh -> rc0;
        assign gpu0.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }
        profile legacy { hypervisor kvm_6_7; }

        """;

    /// <summary><see cref="CleanServer"/> with one mistake: <paramref name="correct"/> (which must be in it) replaced.</summary>
    public static string WithMistake(string correct, string mistake)
    {
        Assert.Contains(correct, CleanServer);
        return CleanServer.Replace(correct, mistake, StringComparison.Ordinal);
    }
}
