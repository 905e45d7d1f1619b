using System.Text;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>
/// Large inputs built to find work that grows faster than the input: long chains (extends,
/// routes, imports), wide lists, huge tokens. Each is about a megabyte or less, far beyond a
/// real description, still within the 32 MiB file limit.
/// </summary>
public static class StressInputs
{
    private const string Prelude = "import \"std/kvm.rasdl\";\nplatform p { features ras, iesb; }\nprofile production { hypervisor kvm_6_8; }\n";

    public static IEnumerable<(string Name, string Text)> All()
    {
        yield return ("extends chain of 3000 blocks", Prelude + "block b0 : cpu { on any -> sea; }\n"
            + Lines(3000, i => $"block b{i + 1} : cpu extends b{i} {{ on ur (read) -> sea; }}"));
        yield return ("extends cycle of 3000 blocks", Prelude
            + Lines(3000, i => $"block b{i} : cpu extends b{(i + 1) % 3000} {{ on ur -> sea; }}"));
        yield return ("route of 5000 hops", Prelude + "block core : cpu { on any -> sea; }\n"
            + Lines(5000, i => $"block m{i} : interconnect {{ on any -> slverr; }}")
            + "route core -> " + string.Join(" -> ", Enumerable.Range(0, 5000).Select(i => $"m{i}")) + ";\n"
            + "endpoint e : pcie_endpoint under m4999 { region bar mmio size 4K; faults ur, ca, cto, poison; }\nassign e.bar to guest via vfio_pci;\n");
        yield return ("2000 endpoints, each assigned", Prelude + "block core : cpu { on any -> sea; }\nblock rc : root_port { on any -> slverr; }\nroute core -> rc;\n"
            + Lines(2000, i => $"endpoint e{i} : pcie_endpoint under rc {{ region bar mmio size 4K; faults ur, ca, cto, poison; }}\nassign e{i}.bar to guest via vfio_pci;"));
        yield return ("2000 routes through one block", Prelude + "block rc : root_port { on any -> slverr; }\n"
            + Lines(2000, i => $"block c{i} : cpu {{ on any -> sea; }}\nroute c{i} -> rc;")
            + "endpoint e : pcie_endpoint under rc { region bar mmio size 4K; faults ur; }\nassign e.bar to guest via vfio_pci;\n");
        yield return ("rule with 20000 filter words", Prelude + "block core : cpu { on ur (" + string.Join(", ", Enumerable.Repeat("read, device_nGnRE", 10000)) + ") -> sea; }\n");
        yield return ("20000 rules in one block", Prelude + "block core : cpu {\n" + Lines(20000, i => "on ur (read) -> sea;") + "}\n");
        yield return ("5000 duplicate declarations", Prelude + Lines(5000, _ => "block core : cpu { on ur -> sea; }"));
        yield return ("5000 profiles", "import \"std/kvm.rasdl\";\n" + Lines(5000, i => $"profile p{i} {{ hypervisor kvm_6_{7 + i % 2}; }}"));
        yield return ("3000 imports", Lines(3000, i => i % 2 == 0 ? "import \"std/kvm.rasdl\";" : "import \"missing.rasdl\";"));
        // Each file's import list used to be rebuilt once per import: 40,000 took 30 s.
        yield return ("40000 imports", Lines(40000, i => i % 2 == 0 ? "import \"std/kvm.rasdl\";" : "import \"missing.rasdl\";"));
        yield return ("one 500000-character name", $"block {new string('a', 500_000)} : cpu {{ }}\n");
        yield return ("one 1000000-character doc string", "platform p { doc \"" + new string('x', 1_000_000) + "\"; }\n");
        yield return ("one 1000000-character comment line", "// " + new string('c', 1_000_000) + "\nblock a : cpu { }\n");
        yield return ("200000 empty lines", new string('\n', 200_000) + "block a : cpu { on ur -> sea; }\n");
        yield return ("100000 unknown words", "block a : cpu { on ur (" + string.Join(", ", Enumerable.Repeat("reed", 100_000)) + ") -> sea; }\n");
        yield return ("50000 unexpected characters", string.Concat(Enumerable.Repeat("§ ", 50_000)));
        yield return ("100000 brackets of each kind", new string('{', 100_000) + new string('(', 100_000) + new string(')', 100_000) + new string('}', 100_000));
        yield return ("100000 lines of a long region list", "block rc : root_port { on any -> slverr; }\nendpoint e : pcie_endpoint under rc {\n"
            + Lines(20000, i => $"region r{i} mmio size 4K prefetchable; ") + "faults ur; }\n" + Lines(20000, i => $"assign e.r{i} to guest via vfio_pci;"));
    }

    private static string Lines(int count, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(line(i)).Append('\n');
        }

        return text.ToString();
    }
}
