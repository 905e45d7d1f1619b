using Rasdl.Engine;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine;

/// <summary>
/// Every cell of the stage-1 x stage-2 combination, both FWB modes, stated as DOMAIN.md section 3
/// gives it (Arm ARM S2CombineS1MemAttrs; with FEAT_S2FWB the FWB rules). Written out by hand, not
/// computed, so the table in the engine is checked against an independent statement of the facts.
/// </summary>
public class Stage2TableTests
{
    // s1 / s2 names are vocabulary words; the expected effective type is the word too.
    [Theory]
    // Without FWB, stage 2 Device-nGnRnE: every stage-1 type becomes Device-nGnRnE (the most restrictive).
    [InlineData("device_nGnRnE", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_nGRE", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_GRE", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_nc", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_wt", "device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_wb", "device_nGnRnE", "device_nGnRnE")]
    // Stage 2 Device-nGnRE: only nGnRnE is stronger.
    [InlineData("device_nGnRnE", "device_nGnRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "device_nGnRE", "device_nGnRE")]
    [InlineData("device_nGRE", "device_nGnRE", "device_nGnRE")]
    [InlineData("device_GRE", "device_nGnRE", "device_nGnRE")]
    [InlineData("normal_nc", "device_nGnRE", "device_nGnRE")]
    [InlineData("normal_wt", "device_nGnRE", "device_nGnRE")]
    [InlineData("normal_wb", "device_nGnRE", "device_nGnRE")]
    // Stage 2 Device-nGRE.
    [InlineData("device_nGnRnE", "device_nGRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "device_nGRE", "device_nGnRE")]
    [InlineData("device_nGRE", "device_nGRE", "device_nGRE")]
    [InlineData("device_GRE", "device_nGRE", "device_nGRE")]
    [InlineData("normal_nc", "device_nGRE", "device_nGRE")]
    [InlineData("normal_wt", "device_nGRE", "device_nGRE")]
    [InlineData("normal_wb", "device_nGRE", "device_nGRE")]
    // Stage 2 Device-GRE: stage-1 Device keeps its type, Normal becomes Device-GRE.
    [InlineData("device_nGnRnE", "device_GRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "device_GRE", "device_nGnRE")]
    [InlineData("device_nGRE", "device_GRE", "device_nGRE")]
    [InlineData("device_GRE", "device_GRE", "device_GRE")]
    [InlineData("normal_nc", "device_GRE", "device_GRE")]
    [InlineData("normal_wt", "device_GRE", "device_GRE")]
    [InlineData("normal_wb", "device_GRE", "device_GRE")]
    // Stage 2 Normal-NC: all four Device types, and Normal-NC for any Normal stage 1.
    [InlineData("device_nGnRnE", "normal_nc", "device_nGnRnE")]
    [InlineData("device_nGnRE", "normal_nc", "device_nGnRE")]
    [InlineData("device_nGRE", "normal_nc", "device_nGRE")]
    [InlineData("device_GRE", "normal_nc", "device_GRE")]
    [InlineData("normal_nc", "normal_nc", "normal_nc")]
    [InlineData("normal_wt", "normal_nc", "normal_nc")]
    [InlineData("normal_wb", "normal_nc", "normal_nc")]
    // Stage 2 Normal-WT: NC if either is NC, else WT.
    [InlineData("device_nGnRnE", "normal_wt", "device_nGnRnE")]
    [InlineData("device_nGnRE", "normal_wt", "device_nGnRE")]
    [InlineData("device_nGRE", "normal_wt", "device_nGRE")]
    [InlineData("device_GRE", "normal_wt", "device_GRE")]
    [InlineData("normal_nc", "normal_wt", "normal_nc")]
    [InlineData("normal_wt", "normal_wt", "normal_wt")]
    [InlineData("normal_wb", "normal_wt", "normal_wt")]
    // Stage 2 Normal-WB: stage 1 decides everything.
    [InlineData("device_nGnRnE", "normal_wb", "device_nGnRnE")]
    [InlineData("device_nGnRE", "normal_wb", "device_nGnRE")]
    [InlineData("device_nGRE", "normal_wb", "device_nGRE")]
    [InlineData("device_GRE", "normal_wb", "device_GRE")]
    [InlineData("normal_nc", "normal_wb", "normal_nc")]
    [InlineData("normal_wt", "normal_wb", "normal_wt")]
    [InlineData("normal_wb", "normal_wb", "normal_wb")]
    // With FWB, Device encodings combine as without it.
    [InlineData("device_nGnRnE", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_nGRE", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_GRE", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_nc", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_wt", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("normal_wb", "fwb_device_nGnRnE", "device_nGnRnE")]
    [InlineData("device_nGnRnE", "fwb_device_nGnRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("device_nGRE", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("device_GRE", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("normal_nc", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("normal_wt", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("normal_wb", "fwb_device_nGnRE", "device_nGnRE")]
    [InlineData("device_nGnRnE", "fwb_device_nGRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_device_nGRE", "device_nGnRE")]
    [InlineData("device_nGRE", "fwb_device_nGRE", "device_nGRE")]
    [InlineData("device_GRE", "fwb_device_nGRE", "device_nGRE")]
    [InlineData("normal_nc", "fwb_device_nGRE", "device_nGRE")]
    [InlineData("normal_wt", "fwb_device_nGRE", "device_nGRE")]
    [InlineData("normal_wb", "fwb_device_nGRE", "device_nGRE")]
    [InlineData("device_nGnRnE", "fwb_device_GRE", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_device_GRE", "device_nGnRE")]
    [InlineData("device_nGRE", "fwb_device_GRE", "device_nGRE")]
    [InlineData("device_GRE", "fwb_device_GRE", "device_GRE")]
    [InlineData("normal_nc", "fwb_device_GRE", "device_GRE")]
    [InlineData("normal_wt", "fwb_device_GRE", "device_GRE")]
    [InlineData("normal_wb", "fwb_device_GRE", "device_GRE")]
    // fwb_normal_nc: stage-1 Device keeps its type, stage-1 Normal (any cacheability) gives Normal-NC.
    [InlineData("device_nGnRnE", "fwb_normal_nc", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_normal_nc", "device_nGnRE")]
    [InlineData("device_nGRE", "fwb_normal_nc", "device_nGRE")]
    [InlineData("device_GRE", "fwb_normal_nc", "device_GRE")]
    [InlineData("normal_nc", "fwb_normal_nc", "normal_nc")]
    [InlineData("normal_wt", "fwb_normal_nc", "normal_nc")]
    [InlineData("normal_wb", "fwb_normal_nc", "normal_nc")]
    // fwb_force_wb: Normal-WB regardless of stage 1.
    [InlineData("device_nGnRnE", "fwb_force_wb", "normal_wb")]
    [InlineData("device_nGnRE", "fwb_force_wb", "normal_wb")]
    [InlineData("device_nGRE", "fwb_force_wb", "normal_wb")]
    [InlineData("device_GRE", "fwb_force_wb", "normal_wb")]
    [InlineData("normal_nc", "fwb_force_wb", "normal_wb")]
    [InlineData("normal_wt", "fwb_force_wb", "normal_wb")]
    [InlineData("normal_wb", "fwb_force_wb", "normal_wb")]
    // fwb_use_s1: the stage-1 type.
    [InlineData("device_nGnRnE", "fwb_use_s1", "device_nGnRnE")]
    [InlineData("device_nGnRE", "fwb_use_s1", "device_nGnRE")]
    [InlineData("device_nGRE", "fwb_use_s1", "device_nGRE")]
    [InlineData("device_GRE", "fwb_use_s1", "device_GRE")]
    [InlineData("normal_nc", "fwb_use_s1", "normal_nc")]
    [InlineData("normal_wt", "fwb_use_s1", "normal_wt")]
    [InlineData("normal_wb", "fwb_use_s1", "normal_wb")]
    public void CombinesAsTheArchitectureSays(string stage1, string stage2, string effective)
    {
        Assert.Equal(effective, Stage2Table.Combine(Type(stage1), Attribute(stage2)).Word());
    }

    [Fact]
    public void TheTableHasExactlyTheCellsTestedAbove()
    {
        var cells = Stage2Table.Cells.ToList();

        Assert.Equal(98, cells.Count);
        Assert.Equal(49, cells.Count(c => c.Fwb));
        Assert.Equal(cells.Count, cells.Select(c => (c.Stage1, c.Stage2)).Distinct().Count());
    }

    [Theory]
    // Without FWB: MemAttr[3:0]; Linux MT_S2_DEVICE_nGnRE 0x1, MT_S2_NORMAL_NC 0x5, MT_S2_NORMAL 0xf.
    [InlineData("device_nGnRnE", "0b0000")]
    [InlineData("device_nGnRE", "0b0001")]
    [InlineData("device_nGRE", "0b0010")]
    [InlineData("device_GRE", "0b0011")]
    [InlineData("normal_nc", "0b0101")]
    [InlineData("normal_wt", "0b1010")]
    [InlineData("normal_wb", "0b1111")]
    // With FWB: MemAttr[2:0]; Linux MT_S2_FWB_DEVICE_nGnRE 1, MT_S2_FWB_NORMAL_NC 5, MT_S2_FWB_NORMAL 6.
    [InlineData("fwb_device_nGnRnE", "0b000")]
    [InlineData("fwb_device_nGnRE", "0b001")]
    [InlineData("fwb_device_nGRE", "0b010")]
    [InlineData("fwb_device_GRE", "0b011")]
    [InlineData("fwb_normal_nc", "0b101")]
    [InlineData("fwb_force_wb", "0b110")]
    [InlineData("fwb_use_s1", "0b111")]
    public void EncodesMemAttr(string stage2, string memAttr) =>
        Assert.Equal(memAttr, Stage2Table.MemAttr(Attribute(stage2)));

    [Theory]
    [InlineData("device_nGnRE", "device_nGnRnE device_nGnRE")]
    [InlineData("normal_nc", "device_nGnRnE device_nGnRE device_nGRE device_GRE normal_nc")]
    [InlineData("normal_wb", "device_nGnRnE device_nGnRE device_nGRE device_GRE normal_nc normal_wt normal_wb")]
    [InlineData("fwb_force_wb", "normal_wb")]
    public void AGuestReachesEveryTypeItsStage1ChoicesGive(string stage2, string reachable) =>
        Assert.Equal(reachable, string.Join(" ", Stage2Table.Reachable(Attribute(stage2)).Select(r => r.Effective.Word())));

    [Theory]
    // Linux KVM_S2_MEMATTR(): with FWB in use KVM writes the FWB encoding of the same choice.
    [InlineData("device_nGnRE", true, "fwb_device_nGnRE")]
    [InlineData("normal_nc", true, "fwb_normal_nc")]
    [InlineData("normal_wb", true, "fwb_force_wb")]
    [InlineData("normal_wt", true, null)]
    [InlineData("normal_nc", false, "normal_nc")]
    [InlineData("fwb_normal_nc", false, null)]
    [InlineData("fwb_use_s1", true, "fwb_use_s1")]
    public void KvmPicksTheEncodingOfThePlatformsMode(string attribute, bool fwb, string? expected) =>
        Assert.Equal(expected, Stage2Table.ForPlatform(Attribute(attribute), fwb) is { } a ? Stage2Table.Name(a) : null);

    [Theory]
    [InlineData("normal_nc", "NORMAL_NC")]
    [InlineData("device_nGnRE", "DEVICE_nGnRE")]
    [InlineData("fwb_device_nGnRE", "DEVICE_nGnRE")]
    public void MessagesUseTheKernelsNames(string attribute, string kernel) =>
        Assert.Equal(kernel, Stage2Table.KernelName(Attribute(attribute)));

    private static MemoryType Type(string word) =>
        Rasdl.Vocabulary.Vocabulary.MemoryTypes.TryGet(word, out var found)
            ? (MemoryType)System.Numerics.BitOperations.TrailingZeroCount((int)found.Value)
            : throw new ArgumentException(word);

    private static Stage2Attribute Attribute(string word) =>
        Rasdl.Vocabulary.Vocabulary.Stage2Attributes.TryGet(word, out var found) ? found.Value : throw new ArgumentException(word);
}
