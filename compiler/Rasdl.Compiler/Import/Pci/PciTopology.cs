namespace Rasdl.Import.Pci;

/// <summary>A block the importer declares for a PCI port or bridge (or a host bridge with devices on its root bus).</summary>
public sealed record PciPortBlock(string Name, string Kind, PciFunction? Function, string? HostBridge, PciPortBlock? Upstream);

/// <summary>An endpoint the importer declares: a function with at least one memory BAR, and the block it sits under.</summary>
public sealed record PciEndpoint(string Name, PciFunction Function, PciPortBlock Under);

/// <summary>
/// The hierarchy of an inventory: one block per root port, switch port and bridge, one per host
/// bridge whose root bus has devices on it directly, one endpoint per function with a memory
/// BAR. Names are the class word and the address (rp_0000_00_01_0, nvme_0000_01_00_0), so the
/// same machine gives the same names on every run.
/// </summary>
public sealed class PciTopology
{
    private PciTopology(IReadOnlyList<PciPortBlock> blocks, IReadOnlyList<PciEndpoint> endpoints, IReadOnlyList<PciFunction> skipped)
    {
        Blocks = blocks;
        Endpoints = endpoints;
        Skipped = skipped;
    }

    /// <summary>Blocks in address order, each after the block above it.</summary>
    public IReadOnlyList<PciPortBlock> Blocks { get; }

    public IReadOnlyList<PciEndpoint> Endpoints { get; }

    /// <summary>Functions that are neither a port nor a device with memory BARs (a host bridge function, an I/O-only device).</summary>
    public IReadOnlyList<PciFunction> Skipped { get; }

    public static PciTopology Build(PciInventory inventory)
    {
        var functions = inventory.Functions.OrderBy(f => f.Address).ToList();
        var byAddress = new Dictionary<PciAddress, PciFunction>();
        foreach (var function in functions)
        {
            if (!byAddress.TryAdd(function.Address, function))
            {
                throw new ImportFailure($"{function.Address} appears twice in the input");
            }
        }

        var blocks = new Dictionary<string, PciPortBlock>(StringComparer.Ordinal);
        var ordered = new List<PciPortBlock>();

        PciPortBlock HostBridge(PciFunction function)
        {
            var name = $"host_bridge_{function.Address.Domain:x4}_{function.Address.Bus:x2}";
            if (!blocks.TryGetValue(name, out var block))
            {
                block = new PciPortBlock(name, "root_port", null, $"{function.Address.Domain:x4}:{function.Address.Bus:x2}", null);
                blocks.Add(name, block);
                ordered.Add(block);
            }

            return block;
        }

        // The port a function's errors enter the platform through: its bridge, or its host bridge.
        PciPortBlock? PortOf(PciFunction function, HashSet<PciAddress> visiting)
        {
            if (function.Upstream is not { } upstream)
            {
                return null;
            }

            if (!visiting.Add(upstream))
            {
                throw new ImportFailure($"{function.Address}: the bridges above it form a loop (through {upstream})");
            }

            return byAddress.TryGetValue(upstream, out var bridge) && bridge.IsBridge ? BlockFor(bridge, visiting) : null;
        }

        PciPortBlock BlockFor(PciFunction bridge, HashSet<PciAddress> visiting)
        {
            var name = $"{Prefix(bridge)}_{bridge.Address.NameSuffix}";
            if (blocks.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var upstream = PortOf(bridge, visiting);
            var block = new PciPortBlock(name, Kind(bridge), bridge, null, upstream);
            blocks.Add(name, block);
            ordered.Add(block);
            return block;
        }

        var endpoints = new List<PciEndpoint>();
        var skipped = new List<PciFunction>();
        foreach (var function in functions)
        {
            if (function.IsBridge)
            {
                BlockFor(function, [function.Address]);
            }
            else if (function.MemoryBars.Count == 0)
            {
                skipped.Add(function);
            }
            else
            {
                var under = PortOf(function, [function.Address]) ?? HostBridge(function);
                endpoints.Add(new PciEndpoint($"{PciClassNames.Of(function.ClassCode)}_{function.Address.NameSuffix}", function, under));
            }
        }

        return new PciTopology(ordered, endpoints, skipped);
    }

    /// <summary>The blocks from the one below the fabric down to <paramref name="block"/>: a route's PCI part.</summary>
    public static IReadOnlyList<PciPortBlock> PathTo(PciPortBlock block)
    {
        var path = new List<PciPortBlock>();
        for (PciPortBlock? current = block; current is not null; current = current.Upstream)
        {
            path.Insert(0, current);
        }

        return path;
    }

    private static string Prefix(PciFunction bridge) => bridge.PortType switch
    {
        PciPortType.RootPort => "rp",
        PciPortType.SwitchUpstreamPort => "sw_up",
        PciPortType.SwitchDownstreamPort => "sw_down",
        _ => "bridge",
    };

    // RASDL block kinds: root_port covers root ports and host bridges, pcie_switch each switch port.
    private static string Kind(PciFunction bridge) => bridge.PortType switch
    {
        PciPortType.RootPort => "root_port",
        PciPortType.SwitchUpstreamPort or PciPortType.SwitchDownstreamPort => "pcie_switch",
        _ => "bridge",
    };
}
