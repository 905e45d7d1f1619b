using System.Text;

namespace Rasdl.Import;

/// <summary>
/// The parts every imported description has that no firmware table or sysfs file can fill in:
/// the platform (its features), placeholder cores and fabric without rules, and one profile per
/// standard-library hypervisor. Each says, in a comment, what to write and where to look it up.
/// </summary>
public static class DescriptionScaffold
{
    public const string CoresName = "cores";
    public const string FabricName = "fabric";

    /// <summary>The comment heading an imported file.</summary>
    public static void WriteHeader(StringBuilder text, string command, string source)
    {
        text.AppendLine($"// Imported by `{command}` from {source}.");
        text.AppendLine("//");
        text.AppendLine("// The topology below is what the machine reports. How each block handles an error is not:");
        text.AppendLine("// no rule here is invented. Every block says which rules to fill in and where its manual");
        text.AppendLine("// says it; `rasdl check` lists what is still missing (RASDL2002), nearest the devices first.");
        text.AppendLine("// Declarations whose name ends in an address (..._0000_01_00_0) belong to the importer and are");
        text.AppendLine("// updated by the next import into this file; the rules you write in them, and everything else");
        text.AppendLine("// you add, are kept.");
        text.AppendLine();
        text.AppendLine("import \"std/kvm.rasdl\";");
        text.AppendLine();
    }

    public static void WritePlatform(StringBuilder text, string name, string doc)
    {
        text.AppendLine($"platform {name} {{");
        text.AppendLine($"    doc {RasdlText.Quote(doc)};");
        text.AppendLine("    // To fill in: the architecture features the cores implement, e.g. `features fwb, ras, iesb;`:");
        text.AppendLine("    // fwb = FEAT_S2FWB (ID_AA64MMFR2_EL1.FWB), ras = FEAT_RAS (ID_AA64PFR0_EL1.RAS),");
        text.AppendLine("    // iesb = FEAT_IESB (ID_AA64MMFR2_EL1.IESB); the core's Technical Reference Manual lists them.");
        text.AppendLine("    // Add firmware_first if the firmware takes errors before Linux (SCR_EL3.EA = 1, APEI/GHES: an ACPI");
        text.AppendLine("    // HEST table with GHES entries), and a `firmware` block saying what it reports for each error.");
        text.AppendLine("}");
        text.AppendLine();
    }

    public static void WriteCoresAndFabric(StringBuilder text)
    {
        text.AppendLine($"block {CoresName} : cpu {{");
        text.AppendLine($"    doc {RasdlText.Quote("Placeholder for the application cores: how a core turns an error response into an exception is IMPLEMENTATION DEFINED (Arm ARM: external aborts) and not visible to the kernel.")};");
        text.AppendLine("    // Rules to fill in, from the core's Technical Reference Manual (RAS and external aborts): what a");
        text.AppendLine("    // read and a write that get slverr, decerr, derr, nderr or poison become: sea or serror(SEVERITY).");
        text.AppendLine("    // To start from the worst case, write `extends conservative_core` (import \"std/ip/cpu.rasdl\").");
        text.AppendLine("}");
        text.AppendLine();
        text.AppendLine($"block {FabricName} : interconnect {{");
        text.AppendLine($"    doc {RasdlText.Quote("Placeholder for the interconnect between the cores and the PCIe root complexes.")};");
        text.AppendLine("    // Rules to fill in, from the interconnect's Technical Reference Manual: which error responses it");
        text.AppendLine("    // passes through and which it converts (e.g. AXI SLVERR to CHI DERR), and whether it carries poison.");
        text.AppendLine("}");
        text.AppendLine();
    }

    public static void WriteProfiles(StringBuilder text)
    {
        text.AppendLine("profile linux_6_7 {");
        text.AppendLine($"    doc {RasdlText.Quote("Hosts on Linux before 6.8: assigned BARs are DEVICE_nGnRE at stage 2.")};");
        text.AppendLine("    hypervisor kvm_6_7;");
        text.AppendLine("}");
        text.AppendLine();
        text.AppendLine("profile linux_6_8 {");
        text.AppendLine($"    doc {RasdlText.Quote("Hosts on Linux 6.8 or later: vfio-pci BARs are NORMAL_NC at stage 2.")};");
        text.AppendLine("    hypervisor kvm_6_8;");
        text.AppendLine("}");
    }
}
