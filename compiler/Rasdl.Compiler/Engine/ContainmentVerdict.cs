namespace Rasdl.Engine;

/// <summary>Where an error ends up, ordered from best to worst: the verdict lattice.</summary>
public enum ContainmentVerdict
{
    /// <summary>Answered or absorbed before reaching a CPU (all-ones, dropped, reported out of band).</summary>
    ContainedInDevice,

    /// <summary>Reaches the CPU, and the hypervisor keeps it inside the guest (or the host carries on).</summary>
    ContainedInVm,

    /// <summary>A profile only: its analysed regions are contained, but some assigned region was not analysed (unknown is unsafe).</summary>
    Incomplete,

    /// <summary>Takes the host down or stalls it: a panic, a hang, a reset, or something the description does not say.</summary>
    Uncontained,
}

/// <summary>How the two stage-2 choices for a region compare (the seed's question).</summary>
public enum Differential
{
    /// <summary>No uncontained path under either NORMAL_NC or DEVICE_nGnRE.</summary>
    None,

    /// <summary>Uncontained either way: the memory type is not the problem, the platform is.</summary>
    Both,

    /// <summary>Uncontained only under NORMAL_NC: the relaxation itself adds the risk.</summary>
    NormalNcOnly,

    /// <summary>
    /// Uncontained only under the profile's own stage-2 attribute, which lets the guest reach
    /// cacheable types (Normal-WT/WB) that NORMAL_NC does not. (There is no "DEVICE_nGnRE only":
    /// every type DEVICE_nGnRE reaches, NORMAL_NC reaches too, so what is uncontained under the
    /// first is uncontained under the second.)
    /// </summary>
    CacheableOnly,
}

/// <summary>The names outputs and messages use for verdicts, differentials and memory types.</summary>
public static class EngineNames
{
    public static string Name(this ContainmentVerdict verdict) => verdict switch
    {
        ContainmentVerdict.ContainedInDevice => "contained-in-device",
        ContainmentVerdict.ContainedInVm => "contained-in-vm",
        ContainmentVerdict.Incomplete => "incomplete",
        _ => "uncontained",
    };

    public static string Name(this Differential differential) => differential switch
    {
        Differential.None => "none",
        Differential.Both => "both",
        Differential.NormalNcOnly => "normal_nc-only",
        _ => "cacheable-only",
    };

    /// <summary>The vocabulary word: "normal_nc", "device_nGnRE".</summary>
    public static string Word(this Vocabulary.MemoryType type) =>
        Rasdl.Vocabulary.Vocabulary.MemoryTypes.TextOf((Vocabulary.MemoryTypeSet)(1 << (int)type));

    /// <summary>The Arm ARM name: "Normal-NC", "Device-nGnRE".</summary>
    public static string ArmName(this Vocabulary.MemoryType type) => type switch
    {
        Vocabulary.MemoryType.NormalNC => "Normal-NC",
        Vocabulary.MemoryType.NormalWT => "Normal-WT",
        Vocabulary.MemoryType.NormalWB => "Normal-WB",
        _ => "Device-" + type.Word()["device_".Length..],
    };
}
