namespace Rasdl.Vocabulary;

public static partial class Vocabulary
{
    // Arm ARM: stage 2 memory region attributes (MemAttr[3:0]), and with FEAT_S2FWB MemAttr[2:0].
    // The encodings themselves and the combination with stage 1 are in Engine/Stage2.
    public static readonly WordSet<Stage2Attribute> Stage2Attributes = new("stage-2 attribute",
        new("device_nGnRnE", Stage2Attribute.DeviceNGnRnE, "Stage 2 Device-nGnRnE (MemAttr 0b0000).", "Without FEAT_S2FWB: MemAttr[3:2] = 00 (Device), [1:0] = 00."),
        new("device_nGnRE", Stage2Attribute.DeviceNGnRE, "Stage 2 Device-nGnRE (MemAttr 0b0001): what KVM uses for device memory without VM_ALLOW_ANY_UNCACHED.", "Linux: MT_S2_DEVICE_nGnRE = 0x1 (arch/arm64/include/asm/memory.h)."),
        new("device_nGRE", Stage2Attribute.DeviceNGRE, "Stage 2 Device-nGRE (MemAttr 0b0010).", "Without FEAT_S2FWB: MemAttr[3:2] = 00 (Device), [1:0] = 10."),
        new("device_GRE", Stage2Attribute.DeviceGRE, "Stage 2 Device-GRE (MemAttr 0b0011).", "Without FEAT_S2FWB: MemAttr[3:2] = 00 (Device), [1:0] = 11."),
        new("normal_nc", Stage2Attribute.NormalNC, "Stage 2 Normal Non-cacheable (MemAttr 0b0101): what KVM uses for VM_ALLOW_ANY_UNCACHED mappings from Linux 6.8.", "Linux: MT_S2_NORMAL_NC = 0x5. Outer [3:2] = 01 NC, inner [1:0] = 01 NC."),
        new("normal_wt", Stage2Attribute.NormalWT, "Stage 2 Normal Write-Through (MemAttr 0b1010).", "Outer [3:2] = 10 WT, inner [1:0] = 10 WT."),
        new("normal_wb", Stage2Attribute.NormalWB, "Stage 2 Normal Write-Back (MemAttr 0b1111): what KVM uses for guest RAM without FWB.", "Linux: MT_S2_NORMAL = 0xf."),
        new("fwb_device_nGnRnE", Stage2Attribute.FwbDeviceNGnRnE, "FEAT_S2FWB stage 2 Device-nGnRnE (MemAttr[2:0] 0b000).", "Arm ARM: with FEAT_S2FWB, MemAttr[2] = 0 is Device and MemAttr[1:0] its type."),
        new("fwb_device_nGnRE", Stage2Attribute.FwbDeviceNGnRE, "FEAT_S2FWB stage 2 Device-nGnRE (MemAttr[2:0] 0b001).", "Linux: MT_S2_FWB_DEVICE_nGnRE = 1."),
        new("fwb_device_nGRE", Stage2Attribute.FwbDeviceNGRE, "FEAT_S2FWB stage 2 Device-nGRE (MemAttr[2:0] 0b010).", "Arm ARM: with FEAT_S2FWB, MemAttr[2] = 0 is Device and MemAttr[1:0] its type."),
        new("fwb_device_GRE", Stage2Attribute.FwbDeviceGRE, "FEAT_S2FWB stage 2 Device-GRE (MemAttr[2:0] 0b011).", "Arm ARM: with FEAT_S2FWB, MemAttr[2] = 0 is Device and MemAttr[1:0] its type."),
        new("fwb_normal_nc", Stage2Attribute.FwbNormalNC, "FEAT_S2FWB stage 2 Normal Non-cacheable (MemAttr[2:0] 0b101).", "Linux: MT_S2_FWB_NORMAL_NC = 5. Stage-1 Device keeps its type; stage-1 Normal of any cacheability becomes Normal-NC."),
        new("fwb_force_wb", Stage2Attribute.FwbForceWB, "FEAT_S2FWB stage 2 forced Normal Write-Back (MemAttr[2:0] 0b110).", "Linux: MT_S2_FWB_NORMAL = 6. The result is Normal-WB whatever stage 1 says."),
        new("fwb_use_s1", Stage2Attribute.FwbUseS1, "FEAT_S2FWB stage 2 \"use stage 1\" (MemAttr[2:0] 0b111).", "The stage-1 attributes are used as they are."),
        new("refused", Stage2Attribute.Refused, "Not an encoding: the hypervisor refuses to map the region, so no guest access reaches it.", "Linux 6.17+: a cacheable PFNMAP without FEAT_S2FWB is refused (arch/arm64/kvm/mmu.c)."));
}
