using System.Collections.Frozen;
using System.Collections.Immutable;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;
using static Rasdl.Vocabulary.MemoryType;


namespace Rasdl.Engine;

/// <summary>One cell of the combination table: a stage-1 type under a stage-2 attribute gives an effective type.</summary>
public sealed record Stage2Cell(bool Fwb, MemoryType Stage1, Stage2Attribute Stage2, MemoryType Effective);

/// <summary>
/// The stage-2 engine's data: every stage-2 attribute's MemAttr encoding, and the effective
/// memory type each stage-1 type gets under it (Arm ARM: S2CombineS1MemAttrs and, with
/// FEAT_S2FWB, the "stage 2 memory type and Cacheability attributes when FEAT_S2FWB is
/// enabled" rules). This table is the only place those facts live.
/// </summary>
public static class Stage2Table
{
    /// <summary>The stage-1 types a guest may pick in its MAIR (inner = outer), in table column order.</summary>
    public static readonly ImmutableArray<MemoryType> Stage1Types = [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalWT, NormalWB];

    // Columns follow Stage1Types: nGnRnE, nGnRE, nGRE, GRE, Normal-NC, Normal-WT, Normal-WB.
    private static readonly (Stage2Attribute Stage2, string MemAttr, MemoryType[] Effective)[] Rows =
    [
        // Without FEAT_S2FWB, MemAttr[3:0]. Arm ARM S2CombineS1MemAttrs: the more restrictive
        // wins; Device beats Normal and the stronger Device type wins; for Normal, NC beats WT beats WB.
        (Stage2Attribute.DeviceNGnRnE, "0b0000", [DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE]),
        (Stage2Attribute.DeviceNGnRE, "0b0001", [DeviceNGnRnE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE]),
        (Stage2Attribute.DeviceNGRE, "0b0010", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceNGRE, DeviceNGRE, DeviceNGRE, DeviceNGRE]),
        (Stage2Attribute.DeviceGRE, "0b0011", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, DeviceGRE, DeviceGRE, DeviceGRE]),
        (Stage2Attribute.NormalNC, "0b0101", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalNC, NormalNC]),
        (Stage2Attribute.NormalWT, "0b1010", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalWT, NormalWT]),
        (Stage2Attribute.NormalWB, "0b1111", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalWT, NormalWB]),

        // With FEAT_S2FWB and HCR_EL2.FWB = 1, MemAttr[2:0]. Device encodings combine as
        // without FWB (stage-1 Normal takes the stage-2 device type).
        (Stage2Attribute.FwbDeviceNGnRnE, "0b000", [DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE, DeviceNGnRnE]),
        (Stage2Attribute.FwbDeviceNGnRE, "0b001", [DeviceNGnRnE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE, DeviceNGnRE]),
        (Stage2Attribute.FwbDeviceNGRE, "0b010", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceNGRE, DeviceNGRE, DeviceNGRE, DeviceNGRE]),
        (Stage2Attribute.FwbDeviceGRE, "0b011", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, DeviceGRE, DeviceGRE, DeviceGRE]),
        // 0b101: stage-1 Device keeps its type, stage-1 Normal of any cacheability becomes Normal-NC.
        (Stage2Attribute.FwbNormalNC, "0b101", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalNC, NormalNC]),
        // 0b110: Normal Write-Back whatever stage 1 says.
        (Stage2Attribute.FwbForceWB, "0b110", [NormalWB, NormalWB, NormalWB, NormalWB, NormalWB, NormalWB, NormalWB]),
        // 0b111: the stage-1 attributes are used.
        (Stage2Attribute.FwbUseS1, "0b111", [DeviceNGnRnE, DeviceNGnRE, DeviceNGRE, DeviceGRE, NormalNC, NormalWT, NormalWB]),
    ];

    private static readonly FrozenDictionary<Stage2Attribute, (string MemAttr, MemoryType[] Effective)> ByAttribute =
        Rows.ToFrozenDictionary(r => r.Stage2, r => (r.MemAttr, r.Effective));

    /// <summary>Every cell, both FWB modes, in table order.</summary>
    public static IEnumerable<Stage2Cell> Cells =>
        Rows.SelectMany(row => Stage1Types.Select((s1, column) => new Stage2Cell(IsFwbEncoding(row.Stage2), s1, row.Stage2, row.Effective[column])));

    public static bool IsFwbEncoding(Stage2Attribute attribute) => attribute is >= Stage2Attribute.FwbDeviceNGnRnE and <= Stage2Attribute.FwbUseS1;

    /// <summary>The attributes of one mode: without FWB the seven MemAttr[3:0] encodings, with FWB the seven MemAttr[2:0] ones.</summary>
    public static IEnumerable<Stage2Attribute> AttributesOf(bool fwb) => Rows.Select(r => r.Stage2).Where(a => IsFwbEncoding(a) == fwb);

    /// <summary>The descriptor bits: "0b0101" (MemAttr[3:0]) or, for an FWB encoding, "0b101" (MemAttr[2:0]).</summary>
    public static string MemAttr(Stage2Attribute attribute) => attribute == Stage2Attribute.Refused ? "none" : ByAttribute[attribute].MemAttr;

    /// <summary>The effective type of a guest's stage-1 choice under a stage-2 attribute.</summary>
    public static MemoryType Combine(MemoryType stage1, Stage2Attribute stage2) =>
        ByAttribute[stage2].Effective[Stage1Types.IndexOf(stage1)];

    /// <summary>
    /// Every effective type a guest can reach under a stage-2 attribute (the guest is
    /// untrusted and picks any stage-1 type), each with the first stage-1 choice that reaches it
    /// (the same type when stage 1 can ask for it directly).
    /// </summary>
    public static ImmutableArray<(MemoryType Effective, MemoryType Stage1)> Reachable(Stage2Attribute stage2) => stage2 == Stage2Attribute.Refused ? [] :
    [
        .. Stage1Types
            .Select(s1 => (Effective: Combine(s1, stage2), Stage1: s1))
            .GroupBy(c => c.Effective)
            .Select(g => g.FirstOrDefault(c => c.Stage1 == g.Key, g.First()))
            .OrderBy(c => c.Effective),
    ];

    /// <summary>
    /// The encoding KVM writes for an attribute on a platform with or without FWB in use:
    /// Linux KVM_S2_MEMATTR() picks MT_S2_FWB_* when FWB is in use (DEVICE_nGnRE -> 1,
    /// NORMAL_NC -> 5, NORMAL -> 6 forced write-back). Null when the attribute has no encoding
    /// in that mode (Normal-WT under FWB; an fwb_* name without FWB).
    /// </summary>
    public static Stage2Attribute? ForPlatform(Stage2Attribute attribute, bool fwb) => (attribute, fwb) switch
    {
        // Not a mapping at all, in either mode: nothing reaches the region.
        (Stage2Attribute.Refused, _) => attribute,
        (_, false) => IsFwbEncoding(attribute) ? null : attribute,
        (_, true) when IsFwbEncoding(attribute) => attribute,
        (Stage2Attribute.DeviceNGnRnE, true) => Stage2Attribute.FwbDeviceNGnRnE,
        (Stage2Attribute.DeviceNGnRE, true) => Stage2Attribute.FwbDeviceNGnRE,
        (Stage2Attribute.DeviceNGRE, true) => Stage2Attribute.FwbDeviceNGRE,
        (Stage2Attribute.DeviceGRE, true) => Stage2Attribute.FwbDeviceGRE,
        (Stage2Attribute.NormalNC, true) => Stage2Attribute.FwbNormalNC,
        (Stage2Attribute.NormalWB, true) => Stage2Attribute.FwbForceWB,
        _ => null,
    };

    /// <summary>"normal_nc", "fwb_device_nGnRE": the vocabulary word.</summary>
    public static string Name(Stage2Attribute attribute) => Words.Stage2Attributes.TextOf(attribute);

    /// <summary>"NORMAL_NC", "DEVICE_nGnRE": how Linux names the choice (MT_S2_* without the prefix), used in messages.</summary>
    public static string KernelName(Stage2Attribute attribute)
    {
        var name = Name(attribute);
        name = name.StartsWith("fwb_", StringComparison.Ordinal) ? name[4..] : name;
        var split = name.IndexOf('_', StringComparison.Ordinal);
        return split < 0 ? name.ToUpperInvariant() : name[..split].ToUpperInvariant() + "_" + (name.StartsWith("device", StringComparison.Ordinal) ? name[(split + 1)..] : name[(split + 1)..].ToUpperInvariant());
    }
}
