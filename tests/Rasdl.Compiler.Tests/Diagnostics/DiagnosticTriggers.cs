using Rasdl.Compiler.Tests.Infrastructure;

namespace Rasdl.Compiler.Tests.Diagnostics;

/// <summary>
/// For every code of the catalogue, the smallest input that makes the compiler report it.
/// <see cref="DiagnosticCoverageTests"/> fails when a code has no entry here, so every code
/// the catalogue gains is triggered by at least one test.
/// </summary>
public static partial class DiagnosticTriggers
{
    /// <summary>Files of a test workspace (main.rasdl is compiled), as path -> text.</summary>
    public sealed record Trigger(string Code, IReadOnlyDictionary<string, string> Files, Func<TempWorkspace, string>? Prepare = null)
    {
        public override string ToString() => Code;
    }

    private static Trigger InMain(string code, string text) => new(code, new Dictionary<string, string> { ["main.rasdl"] = text });

    private static Trigger Files(string code, params (string Path, string Text)[] files) =>
        new(code, files.ToDictionary(f => f.Path, f => f.Text));

    private static readonly string Valid = Samples.Minimal;

    public static IEnumerable<Trigger> Syntax =>
    [
        InMain("RASDL0001", "block a : cpu { on ur -> sea }"),
        InMain("RASDL0002", "block a : cpu { } $"),
        InMain("RASDL0003", "import \"std/kvm.rasdl;\n"),
        InMain("RASDL0004", "block a : cpu { } /* never closed"),
        new("RASDL0005", new Dictionary<string, string>(), w => w.WriteBytes("main.rasdl", new byte[Rasdl.Parsing.SourceReader.MaxFileBytes + 1])),
        new("RASDL0006", new Dictionary<string, string>(), w => w.WriteBytes("main.rasdl", [0x62, 0x6c, 0x6f, 0x63, 0x6b, 0x20, 0xC3, 0x28])),
        InMain("RASDL0007", string.Concat(Enumerable.Repeat("$ ", 150))),
        InMain("RASDL0008", "endpoint e : pcie_endpoint under rc { region r mmio size 99999999999999999999; }"),
        InMain("RASDL0009", "block a : cpu { doc \"bad \\q escape\"; }"),
    ];

    public static IEnumerable<Trigger> Binding =>
    [
        InMain("RASDL1001", Valid + "block core : cpu { }"),
        InMain("RASDL1002", Valid.Replace("hypervisor kvm_6_8;", "hypervisor kvm_6_9;", StringComparison.Ordinal)),
        InMain("RASDL1003", Valid.Replace("features ras, iesb;", "features ras, iesbb;", StringComparison.Ordinal)),
        InMain("RASDL1004", Valid.Replace("route core -> rc0;", "route core -> nic;", StringComparison.Ordinal)),
        InMain("RASDL1005", Valid.Replace("on any -> drop;", "on any -> sea;", StringComparison.Ordinal)),
        InMain("RASDL1006", Valid.Replace("route core -> rc0;", "route rc0 -> core;", StringComparison.Ordinal)),
        InMain("RASDL1007", Valid.Replace("route core -> rc0;", "route core -> rc0 -> rc0;", StringComparison.Ordinal)),
        InMain("RASDL1008", Valid + "block rc9 : root_port { } route core -> rc9;"),
        InMain("RASDL1009", Valid.Replace("route core -> rc0;", "", StringComparison.Ordinal)),
        InMain("RASDL1010", "import \"missing.rasdl\";"),
        Files("RASDL1011", ("main.rasdl", "import \"a.rasdl\";"), ("a.rasdl", "import \"main.rasdl\";")),
        Files("RASDL1012", ("main.rasdl", "import \"../outside.rasdl\";"), ("../outside.rasdl", "")),
        InMain("RASDL1013", Valid.Replace("on slverr (read) -> sea;", "on slverr (read) -> serror;", StringComparison.Ordinal)),
        InMain("RASDL1014", Valid + "platform q { }"),
        InMain("RASDL1015", Valid + "profile empty { }"),
        InMain("RASDL1016", Valid + "hypervisor bare { on sea -> inject; } profile bare_profile { hypervisor bare; }"),
        InMain("RASDL1017", Valid.Replace("profile production { hypervisor kvm_6_8; }",
            "hypervisor h { stage2 default -> fwb_normal_nc; on sea -> inject; } profile production { hypervisor h; }", StringComparison.Ordinal)),
        InMain("RASDL1018", Valid + "assign nic.bar0 to guest via vfio_pci;"),
        InMain("RASDL1019", Valid.Replace("faults ur;", "faults ur, ur;", StringComparison.Ordinal)),
        InMain("RASDL1020", Valid.Replace("on slverr (read) -> sea;", "on slverr (raed) -> sea;", StringComparison.Ordinal)),
        InMain("RASDL1021", Valid + "hypervisor h { stage2 default -> device_nGnRE; on slverr -> panic; }"),
        Files("RASDL1022", ("main.rasdl", Valid), ("rasdl.json", "{ \"diagnostics\": { \"RASDL9999\": \"off\" } }")),
        InMain("RASDL1023", Valid.Replace("via vfio_pci", "via vfio_platform", StringComparison.Ordinal)),
        InMain("RASDL1024", Valid.Replace("assign nic.bar0", "assign nic.bar9", StringComparison.Ordinal)),
        InMain("RASDL1025", Valid + "block rc1 : root_port extends core { }"),
        InMain("RASDL1026", Valid + "block rc9 : root_port { on any -> all_ones, slverr; }"),
        InMain("RASDL1027", Valid + "block rc9 : root_port { on any (speculative) -> all_ones; }"),
        InMain("RASDL1028", Valid + "block rc9 : root_port { claim serror_in_guest; }"),
        InMain("RASDL1029", Valid + "block el3 : firmware { } block el3b : firmware { }"),
        InMain("RASDL1030", Valid + "block el3 : firmware { on sea -> panic; }"),
        InMain("RASDL1031", Valid.Replace("faults ur;", "", StringComparison.Ordinal)),
    ];

    public static IEnumerable<Trigger> Style =>
    [
        InMain("RASDL3001", Valid + "block spare : root_port { }"),
        Files("RASDL3002", ("main.rasdl", "import \"ip.rasdl\";\n" + Valid), ("ip.rasdl", "block unused_ip : bridge { }")),
        InMain("RASDL3003", Valid.Replace("on slverr (read) -> sea;", "on slverr (read, speculative) -> sea;", StringComparison.Ordinal)),
        InMain("RASDL3004", "// rasdl-disable-next-line RASDL9999\n" + Valid),
        Files("RASDL3005", ("main.rasdl", Valid), ("rasdl.json", "{ \"diagnostics\": { \"RASDL3005\": \"warning\" } }")),
        InMain("RASDL3006", Valid + "profile Production2 { hypervisor kvm_6_7; }"),
    ];
}
