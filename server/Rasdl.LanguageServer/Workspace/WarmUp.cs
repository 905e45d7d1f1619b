using System.Diagnostics;
using Rasdl.Configuration;
using Rasdl.Semantics;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// Runs the compiler on a small built-in description, well-formed and with a syntax error, a few
/// dozen times when the server starts, so that the code an edit runs (the fast parser, the ANTLR
/// parser and its prediction cache, the binder, the engine) is compiled to optimised machine
/// code before the user's first keystroke rather than during the first ones: without it, the
/// first twenty edits of a session took two to three times as long as later ones
/// (docs/performance.md). Runs on a background thread; nothing it computes is kept.
/// </summary>
public static class WarmUp
{
    /// <summary>Rounds of the two variants: enough for the runtime to promote the hot methods to optimised code (it waits for 30 calls).</summary>
    public const int Rounds = 30;

    /// <summary>Copies of the slot (a root port, a switch, two endpoints, routes and assignments): loops run long enough to be optimised too.</summary>
    public const int Slots = 24;

    private const string Description = """
        import "std/kvm.rasdl";
        import "std/ip/pcie.rasdl";

        platform warm_up { features fwb, ras, iesb; }

        block core : cpu {
            doc "A core that takes read errors as SEA and write errors as a recoverable SError.";
            on slverr (read)  -> sea;
            on slverr (write) -> serror(uer);
            on poison         -> sea;
        }

        block mesh : interconnect {
            on slverr -> slverr;
            on poison -> poison;
        }

        """;

    // One PCIe slot, repeated with {0} replaced by its number.
    private const string Slot = """
        block rp0_{0} : root_port extends pcie_rp_master_abort {
            on cto (read, normal_nc) -> slverr;
        }

        block rp1_{0} : root_port {
            on ur  (read)      -> all_ones;
            on cto (read)      -> slverr;
            on poison (read)   -> poison;
            on ur  (write)     -> irq(aer);
            on any (write)     -> drop;
            on any (read)      -> all_ones;
        }

        block sw1_{0} : pcie_switch {
            on ur -> ur;
            on ca -> ca;
            on cto -> cto;
            on poison -> poison;
        }

        endpoint gpu_{0} : pcie_endpoint under rp0_{0} {
            doc "An accelerator.";
            region regs mmio size 16M at 0x40_0000_0000;
            region vram mmio size 64G prefetchable;
            faults ur, ca, cto, poison;
        }

        endpoint nic_{0} : pcie_endpoint under sw1_{0} {
            region bar0 mmio size 128K;
            region msix mmio size 16K;
            faults ur, ca, cto, malformed;
        }

        route core -> mesh -> rp0_{0};
        route core -> mesh -> rp1_{0} -> sw1_{0};
        assign gpu_{0}.regs to guest via vfio_pci;
        assign gpu_{0}.vram to guest via vfio_pci;
        assign nic_{0}.bar0 to guest via vfio_pci;
        assign nic_{0}.msix to guest via io;

        """;

    /// <summary>Starts the warm-up on a background thread and returns at once; REPORT gets one line when it ends.</summary>
    public static Task StartAsync(Action<string> report) => Task.Run(() => Run(report));

    private static void Run(Action<string> report)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var path = Path.Combine(Path.GetTempPath(), "rasdl-warm-up.rasdl"); // never written: the text comes from memory
            var description = Description
                + string.Concat(Enumerable.Range(0, Slots).Select(i => Slot.Replace("{0}", $"{i}", StringComparison.Ordinal)))
                + "profile production { hypervisor kvm_6_8; }\nprofile legacy { hypervisor kvm_6_7; }\n";
            var broken = description.Replace($"-> sw1_{Slots / 2};", $"-> sw1_{Slots / 2}", StringComparison.Ordinal);
            var options = new CompilationOptions(ProjectConfiguration.Default);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var text in new[] { description, broken })
                {
                    var compilation = Compilation.Create(path, new InMemoryFile(path, text), options);
                    _ = compilation.GetDiagnostics();
                    _ = compilation.Analysis.Profiles.Sum(p => p.Regions.Sum(r => r.Witnesses.Length));
                }
            }

            report($"warmed up in {clock.ElapsedMilliseconds} ms");
        }
        catch (Exception e)
        {
            // Only a warm-up: the server serves the same without it.
            report($"warm-up failed: {e.Message}");
        }
    }

    private sealed class InMemoryFile(string path, string text) : ISourceFileProvider
    {
        public SourceFile Load(string requested) =>
            requested == path
                ? new SourceFile(path, Parsing.Parser.Parse(path, text), null, null)
                : DiskSourceFileProvider.Shared.Load(requested);
    }
}
