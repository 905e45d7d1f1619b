using System.Globalization;
using System.Text.RegularExpressions;

namespace Rasdl.Import.Pci;

/// <summary>
/// Reads the output of <c>lspci -vvv -nn -D</c> (pciutils): a header line per function
/// ("0000:01:00.0 Non-Volatile memory controller [0108]: Samsung … [144d:a80a] (prog-if 02 …)"),
/// then indented lines, of which the importer reads the memory regions, the bridge's bus
/// numbers, the PCI Express port type, the AER and DPC capabilities and the kernel driver in
/// use (pciutils ls-caps.c, lspci.c). The hierarchy comes from the bridges' secondary bus numbers.
/// </summary>
public static partial class LspciReader
{
    [GeneratedRegex(@"^(?<address>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) (?<class>.*?) \[(?<code>[0-9a-fA-F]{4})\]: (?<name>.*) \[(?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4})\](?<rest>.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7] ")]
    private static partial Regex HeaderWithoutDomain();

    [GeneratedRegex(@"prog-if (?<progif>[0-9a-fA-F]{2})")]
    private static partial Regex ProgrammingInterface();

    [GeneratedRegex(@"^Region (?<index>[0-5]): Memory at (?<start>[0-9a-fA-F]+) \((?<width>32|64)-bit, (?<prefetch>prefetchable|non-prefetchable)\)(?<flags>.*)\[size=(?<size>[0-9]+)(?<unit>[KMGT]?)\]")]
    private static partial Regex MemoryRegion();

    [GeneratedRegex(@"^Bus: primary=[0-9a-fA-F]{2}, secondary=(?<secondary>[0-9a-fA-F]{2}),")]
    private static partial Regex BusNumbers();

    public static PciInventory Read(string text, string source)
    {
        var functions = new List<Builder>();
        var notes = new List<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                if (functions.Count == 0)
                {
                    throw new ImportFailure($"{source}:{lineNumber}: an indented line before the first function");
                }

                functions[^1].Read(line.Trim());
                continue;
            }

            var header = HeaderLine().Match(line);
            if (!header.Success)
            {
                var hint = HeaderWithoutDomain().IsMatch(line) ? " without its domain: run lspci with -D"
                    : PciAddress.TryParse(line.Split(' ')[0]) is not null ? " without numeric IDs: run lspci with -nn"
                    : "";
                throw new ImportFailure($"{source}:{lineNumber}: expected a function's first line, as `lspci -vvv -nn -D` prints it{hint}: \"{Shorten(line)}\"");
            }

            functions.Add(new Builder(header, source, lineNumber));
        }

        if (functions.Count == 0)
        {
            throw new ImportFailure($"{source}: no PCI function found; expected the output of `lspci -vvv -nn -D`");
        }

        // The bridge above a function is the one whose secondary bus is the function's bus.
        var bridges = functions.Where(f => f.SecondaryBus is not null)
            .GroupBy(f => (f.Address.Domain, Bus: f.SecondaryBus!.Value))
            .ToDictionary(g => g.Key, g => g.First().Address);
        var result = functions.Select(f => f.Build(bridges.TryGetValue((f.Address.Domain, f.Address.Bus), out var up) ? up : null)).ToList();
        foreach (var function in functions.Where(f => !f.CapabilitiesKnown))
        {
            notes.Add($"{source}:{function.Line}: {function.Address}'s capabilities were not readable (lspci run without root?): its port type, AER and DPC are unknown");
        }

        return new PciInventory(result, notes);
    }

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;

    private sealed class Builder
    {
        private readonly string _source;
        private readonly uint _classCode;
        private readonly ushort _vendor;
        private readonly ushort _device;
        private readonly string _name;
        private readonly List<PciMemoryBar> _bars = [];
        private PciPortType _portType = PciPortType.Conventional;
        private bool _aer;
        private bool _dpc;
        private string? _driver;

        public Builder(Match header, string source, int line)
        {
            _source = source;
            Line = line;
            Address = PciAddress.TryParse(header.Groups["address"].Value)
                      ?? throw new ImportFailure($"{source}:{line}: \"{header.Groups["address"].Value}\" is not a PCI address");
            var progIf = ProgrammingInterface().Match(header.Groups["rest"].Value) is { Success: true } p ? Hex(p.Groups["progif"].Value) : 0;
            _classCode = (Hex(header.Groups["code"].Value) << 8) | progIf;
            _vendor = (ushort)Hex(header.Groups["vendor"].Value);
            _device = (ushort)Hex(header.Groups["device"].Value);
            _name = $"{header.Groups["class"].Value}: {header.Groups["name"].Value}";
        }

        public PciAddress Address { get; }

        public int Line { get; }

        public int? SecondaryBus { get; private set; }

        public bool CapabilitiesKnown { get; private set; } = true;

        public void Read(string line)
        {
            if (MemoryRegion().Match(line) is { Success: true } region)
            {
                if (region.Groups["flags"].Value.Contains("[disabled]", StringComparison.Ordinal))
                {
                    return; // not decoded by the device: nothing to assign
                }

                var unit = region.Groups["unit"].Value switch { "K" => 10, "M" => 20, "G" => 30, "T" => 40, _ => 0 };
                if (!ulong.TryParse(region.Groups["start"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                    || !ulong.TryParse(region.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    || size == 0 || size > ulong.MaxValue >> unit)
                {
                    throw new ImportFailure($"{_source}: {Address}: \"{line}\" does not give a usable address and size");
                }

                _bars.Add(new PciMemoryBar(int.Parse(region.Groups["index"].Value, CultureInfo.InvariantCulture), start, size << unit,
                    region.Groups["prefetch"].Value == "prefetchable", region.Groups["width"].Value == "64"));
            }
            else if (BusNumbers().Match(line) is { Success: true } bus)
            {
                SecondaryBus = (int)Hex(bus.Groups["secondary"].Value);
            }
            else if (line.StartsWith("Capabilities: <access denied>", StringComparison.Ordinal))
            {
                CapabilitiesKnown = false;
            }
            else if (line.StartsWith("Capabilities: [", StringComparison.Ordinal))
            {
                var name = line[(line.IndexOf(']') + 1)..].Trim();
                _aer |= name.StartsWith("Advanced Error Reporting", StringComparison.Ordinal);
                _dpc |= name.StartsWith("Downstream Port Containment", StringComparison.Ordinal);
                if (name.StartsWith("Express ", StringComparison.Ordinal))
                {
                    _portType = PortType(name);
                }
            }
            else if (line.StartsWith("Kernel driver in use:", StringComparison.Ordinal))
            {
                _driver = line["Kernel driver in use:".Length..].Trim();
            }
        }

        public PciFunction Build(PciAddress? upstream) => new()
        {
            Address = Address,
            Upstream = upstream,
            ClassCode = _classCode,
            Vendor = _vendor,
            Device = _device,
            HeaderType = SecondaryBus is null ? 0 : 1,
            PortType = _portType,
            CapabilitiesKnown = CapabilitiesKnown,
            HasAer = _aer,
            HasDpc = _dpc,
            MemoryBars = _bars,
            Driver = _driver,
            Name = _name,
        };

        // pciutils ls-caps.c, cap_express(): the port type as lspci names it.
        private static PciPortType PortType(string capability) =>
            capability.Contains("Root Port", StringComparison.Ordinal) ? PciPortType.RootPort
            : capability.Contains("Upstream Port", StringComparison.Ordinal) ? PciPortType.SwitchUpstreamPort
            : capability.Contains("Downstream Port", StringComparison.Ordinal) ? PciPortType.SwitchDownstreamPort
            : capability.Contains("PCI-Express to PCI/PCI-X Bridge", StringComparison.Ordinal) ? PciPortType.PcieToPciBridge
            : capability.Contains("PCI/PCI-X to PCI-Express Bridge", StringComparison.Ordinal) ? PciPortType.PciToPcieBridge
            : capability.Contains("Root Complex Integrated Endpoint", StringComparison.Ordinal) ? PciPortType.RootComplexIntegratedEndpoint
            : capability.Contains("Root Complex Event Collector", StringComparison.Ordinal) ? PciPortType.RootComplexEventCollector
            : capability.Contains("Legacy Endpoint", StringComparison.Ordinal) ? PciPortType.LegacyEndpoint
            : PciPortType.Endpoint;

        private static uint Hex(string text) => uint.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
