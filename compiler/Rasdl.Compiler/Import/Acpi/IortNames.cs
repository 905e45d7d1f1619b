namespace Rasdl.Import.Acpi;

/// <summary>Words for IORT node types and SMMU models (Arm DEN 0049, "SMMUv1 or SMMUv2 node" and "SMMUv3 node": the Model field).</summary>
public static class IortNames
{
    public static string Describe(IortNodeType type) => type switch
    {
        IortNodeType.ItsGroup => "ITS group",
        IortNodeType.NamedComponent => "named component",
        IortNodeType.RootComplex => "root complex",
        IortNodeType.SmmuV1V2 => "SMMUv1/v2",
        IortNodeType.SmmuV3 => "SMMUv3",
        IortNodeType.Pmcg => "PMCG",
        IortNodeType.Rmr => "RMR node",
        _ => $"node of unknown type {(int)type}",
    };

    public static string Model(IortNode smmu) => (smmu.Type, smmu.Model) switch
    {
        (IortNodeType.SmmuV3, 0) => "generic SMMUv3",
        (IortNodeType.SmmuV3, 1) => "HiSilicon Hi161x SMMUv3",
        (IortNodeType.SmmuV3, 2) => "Cavium CN99xx SMMUv3",
        (IortNodeType.SmmuV1V2, 0) => "generic SMMUv1",
        (IortNodeType.SmmuV1V2, 1) => "generic SMMUv2",
        (IortNodeType.SmmuV1V2, 2) => "Arm CoreLink MMU-400",
        (IortNodeType.SmmuV1V2, 3) => "Arm CoreLink MMU-500",
        (IortNodeType.SmmuV1V2, 4) => "Cavium ThunderX SMMUv2",
        (_, var model) => $"model {model}",
    };
}
