using System.Text;

namespace Rasdl.Import.Pci;

/// <summary>
/// Writes a PCI topology as RASDL: a block per port (rules left to the user, with what to look
/// up), an endpoint per function with its memory BARs, a route to every port, an <c>assign</c>
/// for every BAR of a function bound to vfio-pci, and the scaffold every import shares.
/// </summary>
public static class PciDescriptionWriter
{
    public const string PlatformName = "imported_pci";

    public static string Write(PciTopology topology, string command, string source, bool assignAll = false)
    {
        var text = new StringBuilder();
        DescriptionScaffold.WriteHeader(text, command, source);
        DescriptionScaffold.WritePlatform(text, PlatformName, $"PCI hierarchy imported from {source}.");
        DescriptionScaffold.WriteCoresAndFabric(text);

        // A route must reach a device (RASDL1008): ports with no device below them are listed, not declared.
        var used = topology.Endpoints.SelectMany(e => PciTopology.PathTo(e.Under)).ToHashSet();
        foreach (var block in topology.Blocks.Where(used.Contains))
        {
            WriteBlock(text, block);
        }

        foreach (var block in topology.Blocks.Where(b => !used.Contains(b)))
        {
            text.AppendLine($"// {block.Function!.Address} {Role(block.Function)} {Identity(block.Function)}: no device below it; the next import declares it once one is.");
        }

        foreach (var endpoint in topology.Endpoints)
        {
            WriteEndpoint(text, endpoint);
        }

        foreach (var skipped in topology.Skipped)
        {
            text.AppendLine($"// {skipped.Address} {Identity(skipped)}: no memory BAR, nothing a guest could be given.");
        }

        if (topology.Skipped.Count > 0 || used.Count < topology.Blocks.Count)
        {
            text.AppendLine();
        }

        // A route to every block a device sits under; the blocks between are on the way.
        foreach (var block in topology.Blocks.Where(b => topology.Endpoints.Any(e => e.Under == b)))
        {
            var hops = PciTopology.PathTo(block).Select(b => b.Name);
            text.AppendLine($"route {DescriptionScaffold.CoresName} -> {DescriptionScaffold.FabricName} -> {string.Join(" -> ", hops)};");
        }

        text.AppendLine();
        WriteAssignments(text, topology, assignAll);
        DescriptionScaffold.WriteProfiles(text);
        return text.ToString();
    }

    private static void WriteBlock(StringBuilder text, PciPortBlock block)
    {
        text.AppendLine($"block {block.Name} : {block.Kind} {{");
        if (block.Function is not { } port)
        {
            text.AppendLine($"    doc {RasdlText.Quote($"Host bridge of PCI root bus {block.HostBridge}: the devices on the root bus sit directly below it.")};");
            text.AppendLine("    // Rules to fill in, from the root complex's manual (its error-handling chapter): what a failed");
            text.AppendLine("    // read of a device on this bus becomes (ur, ca, cto, poison, malformed -> all_ones, a bus error such");
            text.AppendLine("    // as slverr, or poison passed on), and what happens to a failed posted write (drop, irq(aer)).");
        }
        else
        {
            text.AppendLine($"    doc {RasdlText.Quote($"{Role(port)} {port.Address} {Identity(port)}{Driver(port)}. {Capabilities(port)}")};");
            foreach (var line in TodoFor(block))
            {
                text.AppendLine($"    // {line}");
            }
        }

        text.AppendLine("}");
        text.AppendLine();
    }

    private static IEnumerable<string> TodoFor(PciPortBlock block)
    {
        var port = block.Function!;
        if (block.Kind == "root_port")
        {
            yield return "Rules to fill in, from the root complex's manual (its error-handling chapter): what a failed";
            yield return "read below this port becomes (ur, ca, cto, poison, malformed -> all_ones, a bus error such as";
            yield return "slverr, or poison passed on), and what happens to a failed posted write (drop, irq(aer)).";
        }
        else if (block.Kind == "pcie_switch")
        {
            yield return "Rules to fill in, from the switch's data book: which errors this port passes upstream unchanged";
            yield return "(ur, ca, cto, poison) and what it does with a malformed TLP.";
        }
        else
        {
            yield return "Rules to fill in, from the bridge's data book: what it passes upstream and what it converts.";
        }

        if (port.HasAer)
        {
            yield return "AER: uncorrectable errors are logged and signalled; irq(aer) where the port reports one, and";
            yield return "with firmware-first handling (APEI/GHES) the firmware's CPER severity decides what follows.";
        }

        if (port.HasDpc)
        {
            yield return "DPC: after an uncorrectable error the port can stop the link; later requests fail as ur";
            yield return "(PCIe Base Specification, Downstream Port Containment). Check whether firmware enables it.";
        }
    }

    private static void WriteEndpoint(StringBuilder text, PciEndpoint endpoint)
    {
        var function = endpoint.Function;
        text.AppendLine($"endpoint {endpoint.Name} : pcie_endpoint under {endpoint.Under.Name} {{");
        text.AppendLine($"    doc {RasdlText.Quote($"{function.Address} {Identity(function)}{Driver(function)}. {Capabilities(function)}")};");
        foreach (var bar in function.MemoryBars)
        {
            var attributes = bar.Prefetchable ? " prefetchable" : "";
            var width = bar.Is64Bit ? "64-bit" : "32-bit";
            text.AppendLine($"    region bar{bar.Index} mmio size {RasdlText.Size(bar.Size)} at {RasdlText.Address(bar.Start)}{attributes} doc {RasdlText.Quote($"BAR {bar.Index}, {width}{(bar.Prefetchable ? ", prefetchable" : "")}.")};");
        }

        // Every PCIe function and its link can produce these (PCIe Base Specification: Unsupported
        // Request, Completer Abort, Completion Timeout, Poisoned TLP, Malformed TLP).
        text.AppendLine("    // The PCIe errors any function and its link can produce; remove one only with evidence.");
        text.AppendLine("    faults ur, ca, cto, poison, malformed;");
        text.AppendLine("}");
        text.AppendLine();
    }

    private static void WriteAssignments(StringBuilder text, PciTopology topology, bool assignAll)
    {
        var any = false;
        foreach (var endpoint in topology.Endpoints)
        {
            foreach (var bar in endpoint.Function.MemoryBars)
            {
                var line = $"assign {endpoint.Name}.bar{bar.Index} to guest via vfio_pci;";
                text.AppendLine(endpoint.Function.IsBoundToVfio || assignAll
                    ? line
                    : $"// {line} (bound to {endpoint.Function.Driver ?? "no driver"} today, not to vfio-pci)");
                any = true;
            }
        }

        if (any)
        {
            text.AppendLine();
        }
    }

    private static string Role(PciFunction port) => port.PortType switch
    {
        PciPortType.RootPort => "PCIe root port",
        PciPortType.SwitchUpstreamPort => "PCIe switch upstream port",
        PciPortType.SwitchDownstreamPort => "PCIe switch downstream port",
        PciPortType.PcieToPciBridge => "PCIe-to-PCI bridge",
        PciPortType.PciToPcieBridge => "PCI-to-PCIe bridge",
        _ => "PCI bridge",
    };

    private static string Identity(PciFunction function) =>
        $"{(function.Name is { } name ? name + " " : "")}[{function.Vendor:x4}:{function.Device:x4}] class {function.ClassCode:x6}";

    private static string Driver(PciFunction function) => function.Driver is { } driver ? $", driver {driver}" : "";

    private static string Capabilities(PciFunction function)
    {
        if (!function.CapabilitiesKnown)
        {
            return "Capabilities unknown (configuration space not readable).";
        }

        var found = new List<string>();
        if (function.HasAer)
        {
            found.Add("AER");
        }

        if (function.HasDpc)
        {
            found.Add("DPC");
        }

        return found.Count == 0 ? "No AER or DPC capability." : $"Capabilities: {string.Join(", ", found)}.";
    }
}
