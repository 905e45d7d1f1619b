namespace Rasdl.Benchmarks.Generator;

/// <summary>What the PCIe slots of a generated platform look like.</summary>
public enum PlatformShape
{
    /// <summary>
    /// The original benchmark shape: four flavours of root port (one with a switch below it), two
    /// or three endpoints a slot; most regions contained in the device.
    /// </summary>
    Mixed,

    /// <summary>
    /// Many root ports with eight endpoints (functions) each, every region contained in the VM
    /// (a Device read's error becomes a synchronous external abort that KVM injects): every
    /// region gets a witness and the text report is large.
    /// </summary>
    Wide,

    /// <summary>Switches under switches: four to six levels below each root port, endpoints at two depths.</summary>
    Deep,
}
