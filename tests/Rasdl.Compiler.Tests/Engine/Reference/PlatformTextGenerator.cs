using System.Text;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>
/// Random platform descriptions as RASDL text, so that they go through the real parser, binder
/// and lowering: cpus (with claims), interconnects, root ports, switches and bridges with random
/// rules (errors, filters, single and multi outcomes, signals, drop, all-ones, pass-on, CPU
/// exceptions, rarely hang or reset), routes (several to one endpoint, from two cpus), endpoints
/// with faults (or `faults none;`, or rarely no faults line), assignments through every driver,
/// profiles over the standard hypervisors, platform features and an optional firmware block.
/// The same seed gives the same text.
/// </summary>
public sealed class PlatformTextGenerator(int seed)
{
    /// <summary>The hypervisors std/kvm.rasdl declares.</summary>
    public static readonly string[] Hypervisors = ["kvm_6_7", "kvm_6_8", "kvm_6_17", "kvm_6_19"];

    private static readonly string[] BusErrors = ["slverr", "decerr", "derr", "nderr"];
    private static readonly string[] PcieErrors = ["ur", "ca", "cto", "poison", "malformed"];
    private static readonly string[] AccessWords = ["read", "write", "gathered", "unaligned", "exclusive", "atomic", "zva", "writeback"];
    private static readonly string[] TypeWords = ["device", "normal", "normal_nc", "normal_wb", "device_nGnRE", "device_GRE", "normal_wt"];
    private static readonly string[] Severities = ["uc", "ueu", "uer", "ueo", "ce", "impdef"];
    private static readonly string[] Irqs = ["aer", "fhi", "eri"];
    private static readonly string[] Drivers = ["vfio_pci", "vfio_pci", "vfio_platform", "io", "vfio_pci_cacheable"];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    public string Generate()
    {
        var text = new StringBuilder();
        text.AppendLine("import \"std/kvm.rasdl\";");
        var features = new[] { "ras", "fwb", "iesb", "firmware_first" }.Where(_ => Chance(0.5)).ToList();
        text.AppendLine($"platform generated {{{(features.Count == 0 ? "" : $" features {string.Join(", ", features)};")} }}");

        var cpus = Names("core", 1 + Below(2));
        var interconnects = Names("mesh", Below(3));
        var rootPorts = Names("rp", 1 + Below(2));
        var switches = Names("sw", Below(2));
        foreach (var cpu in cpus)
        {
            Block(text, cpu, "cpu", CpuRule, claims: true);
        }

        foreach (var interconnect in interconnects)
        {
            Block(text, interconnect, "interconnect", BusRule, claims: false);
        }

        foreach (var rootPort in rootPorts)
        {
            Block(text, rootPort, Chance(0.2) ? "bridge" : "root_port", BusRule, claims: false);
        }

        foreach (var @switch in switches)
        {
            Block(text, @switch, "pcie_switch", BusRule, claims: false);
        }

        if (features.Contains("firmware_first") ? Chance(0.7) : Chance(0.1))
        {
            Firmware(text);
        }

        // Routes: each root port from one or both cpus, through a random chain of interconnects, maybe twice.
        var below = rootPorts.ToList();
        foreach (var rootPort in rootPorts)
        {
            foreach (var cpu in cpus.Where((_, i) => i == 0 || Chance(0.6)))
            {
                var count = Chance(0.2) ? 2 : 1;
                for (var i = 0; i < count; i++)
                {
                    var chain = interconnects.Where(_ => Chance(0.5)).ToList();
                    text.AppendLine($"route {string.Join(" -> ", [cpu, .. chain, rootPort])};");
                }
            }
        }

        foreach (var @switch in switches)
        {
            var rootPort = Pick(rootPorts);
            foreach (var cpu in cpus.Where((_, i) => i == 0 || Chance(0.5)))
            {
                text.AppendLine($"route {string.Join(" -> ", [cpu, .. interconnects.Where(_ => Chance(0.5)), rootPort, @switch])};");
            }

            below.Add(@switch);
        }

        var endpoints = Names("ep", 1 + Below(3));
        var profileHypervisors = Hypervisors.Where(_ => Chance(0.5)).ToList();
        if (profileHypervisors.Count == 0)
        {
            profileHypervisors.Add(Pick(Hypervisors));
        }

        foreach (var endpoint in endpoints)
        {
            // Rarely under a block no route reaches: an assigned region left out (the profile is incomplete).
            var parent = Chance(0.05) ? "mesh_orphan" : Pick(below);
            if (parent == "mesh_orphan")
            {
                Block(text, parent, "interconnect", BusRule, claims: false);
            }

            text.AppendLine($"endpoint {endpoint} : pcie_endpoint under {parent} {{");
            text.AppendLine("    region bar0 mmio size 64K;");
            if (Chance(0.3))
            {
                text.AppendLine("    region bar2 mmio size 1M;");
            }

            var roll = _random.NextDouble();
            if (roll < 0.1)
            {
                text.AppendLine("    faults none;");
            }
            else if (roll > 0.03)
            {
                var faults = PcieErrors.Where(_ => Chance(0.45)).ToList();
                text.AppendLine($"    faults {(faults.Count == 0 ? Pick(PcieErrors) : string.Join(", ", faults))};");
            }

            text.AppendLine("}");
            text.AppendLine($"assign {endpoint}.bar0 to guest via {Pick(Drivers)};");
        }

        for (var i = 0; i < profileHypervisors.Count; i++)
        {
            text.AppendLine($"profile p{i} {{ hypervisor {profileHypervisors[i]}; }}");
        }

        return text.ToString();
    }

    private void Block(StringBuilder text, string name, string kind, Func<string> rule, bool claims)
    {
        text.AppendLine($"block {name} : {kind} {{");
        if (claims && Chance(0.25))
        {
            text.AppendLine(Chance(0.3) ? "    claim serror_in_guest;" : $"    claim serror_in_guest ({string.Join(", ", Some(["write", "gathered", "zva", "unaligned", "speculative", "writeback"]))});");
        }

        var count = 1 + Below(6);
        for (var i = 0; i < count; i++)
        {
            text.AppendLine("    " + rule());
        }

        // Usually a catch-all last rule, so that not every walk ends at "no rule".
        if (Chance(0.7))
        {
            text.AppendLine($"    on any {CatchAll(kind)}");
        }

        text.AppendLine("}");
    }

    private string CatchAll(string kind) => kind == "cpu"
        ? $"-> {Pick(["sea", $"serror({Pick(Severities)})", "all_ones"])};"
        : $"-> {Pick(["slverr", "any", "all_ones", "decerr", "all_ones, irq(aer)"])};";

    private string CpuRule()
    {
        var response = Weighted(
            (6, "sea"), (6, $"serror({Pick(Severities)})"), (2, "all_ones"), (1, "drop"), (1, Pick(BusErrors)),
            (1, "hang"), (1, "reset"), (1, $"irq({Pick(Irqs)})"));
        var signal = Chance(0.15) ? $", irq({Pick(Irqs)})" : "";
        return $"on {Error(bus: true)}{Filter(cpu: true)} -> {response}{signal};";
    }

    private string BusRule()
    {
        var response = Weighted(
            (8, Pick(BusErrors)), (3, "poison"), (3, "any"), (4, "all_ones"), (2, "drop"), (1, "ur"),
            (2, $"irq({Pick(Irqs)})"), (1, "hang"), (1, "reset"));
        var signal = Chance(0.2) ? $", irq({Pick(Irqs)})" : "";
        return $"on {Error(bus: Chance(0.5))}{Filter(cpu: false)} -> {response}{signal};";
    }

    private string Error(bool bus) => Chance(0.1) ? "any" : bus ? Pick([.. BusErrors, "poison"]) : Pick(PcieErrors);

    private string Filter(bool cpu)
    {
        var words = new List<string>();
        if (Chance(0.5))
        {
            words.AddRange(Some(AccessWords, 2));
        }

        // `speculative` is a cpu's word; rarely at another block (a binder error that matches nothing there).
        if (Chance(cpu ? 0.15 : 0.02))
        {
            words.Add("speculative");
        }

        if (Chance(0.3))
        {
            words.Add(Pick(TypeWords));
        }

        return words.Count == 0 ? "" : $" ({string.Join(", ", words.Distinct())})";
    }

    private void Firmware(StringBuilder text)
    {
        text.AppendLine("block el3 : firmware {");
        string[] severities = ["fatal", "recoverable", "corrected"];
        if (Chance(0.6))
        {
            text.AppendLine($"    on sea -> {Pick(severities)};");
        }

        if (Chance(0.4))
        {
            text.AppendLine($"    on serror ({string.Join(", ", Some(Severities, 2))}) -> {Pick(severities)};");
        }

        if (Chance(0.6))
        {
            text.AppendLine($"    on serror -> {Pick(severities)};");
        }

        if (Chance(0.6))
        {
            text.AppendLine($"    on irq({Pick(Irqs)}) -> {Pick(severities)};");
        }

        text.AppendLine("}");
    }

    private List<string> Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];

    private List<string> Some(string[] words, int most = 3)
    {
        var count = 1 + Below(most);
        return [.. Enumerable.Range(0, count).Select(_ => Pick(words)).Distinct()];
    }

    private string Weighted(params (int Weight, string Value)[] choices)
    {
        var roll = Below(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private int Below(int n) => _random.Next(n);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
