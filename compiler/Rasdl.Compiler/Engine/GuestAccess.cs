using System.Collections.Immutable;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// A bus transaction a guest can cause: its refinement (null for an ordinary access) and its
/// direction. An atomic is a read-modify-write: it reads and writes, so both `read` and `write`
/// filters match it.
/// </summary>
public sealed record GuestAccess(AccessWord? Refinement, bool Reads, bool Writes)
{
    public static readonly GuestAccess Read = new(null, true, false);
    public static readonly GuestAccess Write = new(null, false, true);
    public static readonly GuestAccess SpeculativeRead = new(AccessWord.Speculative, true, false);
    public static readonly GuestAccess GatheredWrite = new(AccessWord.Gathered, false, true);
    public static readonly GuestAccess UnalignedRead = new(AccessWord.Unaligned, true, false);
    public static readonly GuestAccess UnalignedWrite = new(AccessWord.Unaligned, false, true);
    public static readonly GuestAccess Zva = new(AccessWord.Zva, false, true);
    public static readonly GuestAccess ExclusiveRead = new(AccessWord.Exclusive, true, false);
    public static readonly GuestAccess ExclusiveWrite = new(AccessWord.Exclusive, false, true);
    public static readonly GuestAccess Atomic = new(AccessWord.Atomic, true, true);
    public static readonly GuestAccess WriteBack = new(AccessWord.WriteBack, false, true);

    /// <summary>
    /// Non-posted: the core waits for a response (a read of any kind, or an atomic, which reads).
    /// A non-posted access that gets no response never completes. (PCIe Base Specification:
    /// memory reads and AtomicOps are non-posted, memory writes are posted.)
    /// </summary>
    public bool NonPosted => Reads;

    public bool Speculative => Refinement == AccessWord.Speculative;

    /// <summary>
    /// Whether an SError this access causes is pending before the guest can exit: the vCPU waits
    /// for the response of a read (not a speculative one, which no instruction waits for), an
    /// atomic or an exclusive. Everything else (a write, gathered write, DC ZVA, speculative read,
    /// write-back) may be taken in host context (DOMAIN: SError; arch/arm64/kvm/hyp/entry.S
    /// __guest_exit synchronises only what has been detected by then).
    /// </summary>
    public bool SErrorBeforeGuestExit => (Reads && !Speculative) || Refinement == AccessWord.Exclusive;

    /// <summary>Whether a rule's access words admit this access: words are alternatives, none admits every access.</summary>
    public bool Matches(ImmutableArray<AccessWord> filter) => Matches(filter, seesSpeculation: true);

    /// <summary>
    /// As <see cref="Matches(ImmutableArray{AccessWord})"/>, for a block that may not see whether a
    /// read is speculative (a bus request carries no such mark: only the core knows), where the
    /// word `speculative` then matches nothing.
    /// </summary>
    public bool Matches(ImmutableArray<AccessWord> filter, bool seesSpeculation)
    {
        if (filter.IsDefaultOrEmpty)
        {
            return true;
        }

        // A loop, not Any(lambda): the engine asks this for every rule it tries.
        foreach (var word in filter)
        {
            var matches = word switch
            {
                AccessWord.Read => Reads,
                AccessWord.Write => Writes,
                AccessWord.Speculative => seesSpeculation && word == Refinement,
                _ => word == Refinement,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number that identifies the access (refinement and direction), for memo keys.</summary>
    internal int Code { get; } = ((Refinement is { } refinement ? (int)refinement + 1 : 0) << 2) | (Reads ? 2 : 0) | (Writes ? 1 : 0);

    /// <summary>"read", "speculative read", "DC ZVA", "atomic".</summary>
    public string Name => Refinement switch
    {
        null => Reads ? "read" : "write",
        AccessWord.Zva => "DC ZVA",
        AccessWord.Atomic => "atomic",
        AccessWord.WriteBack => "write-back",
        { } refinement => $"{Words.Accesses.TextOf(refinement)} {(Reads ? "read" : "write")}",
    };

    public override string ToString() => Name;
}

/// <summary>
/// The access engine: which transactions a guest can cause to memory of each effective type
/// (Arm ARM, "Normal memory" and "Device memory").
/// </summary>
public static class AccessModel
{
    // Every type: ordinary reads and writes; exclusives and atomics are architecturally
    // permitted to be issued to any type, and whether they work or return an error response
    // on Device or Non-cacheable memory is IMPLEMENTATION DEFINED (platforms describe it).
    private static readonly ImmutableArray<GuestAccess> Device =
        [GuestAccess.Read, GuestAccess.Write, GuestAccess.ExclusiveRead, GuestAccess.ExclusiveWrite, GuestAccess.Atomic];

    // Arm ARM, "Device memory": the G attribute permits gathering of writes (Device-GRE only).
    private static readonly ImmutableArray<GuestAccess> DeviceGathering = [.. Device, GuestAccess.GatheredWrite];

    // Arm ARM, "Normal memory": speculative reads, gathered and merged writes, unaligned
    // accesses (on Device they take an alignment fault) and DC ZVA (on Device: an alignment
    // fault; on Normal it writes a block of zeros) all reach the bus.
    private static readonly ImmutableArray<GuestAccess> Normal =
    [
        .. DeviceGathering, GuestAccess.SpeculativeRead, GuestAccess.UnalignedRead, GuestAccess.UnalignedWrite, GuestAccess.Zva,
    ];

    // DOMAIN: cacheable mappings add line fills (reads), hardware prefetch (speculative reads)
    // and write-backs of dirty lines at any later time, possibly while another context runs.
    private static readonly ImmutableArray<GuestAccess> Cacheable = [.. Normal, GuestAccess.WriteBack];

    /// <summary>Every access kind the engine knows, in report order.</summary>
    public static ImmutableArray<GuestAccess> All => Cacheable;

    public static ImmutableArray<GuestAccess> For(MemoryType type) => type switch
    {
        MemoryType.DeviceNGnRnE or MemoryType.DeviceNGnRE or MemoryType.DeviceNGRE => Device,
        MemoryType.DeviceGRE => DeviceGathering,
        MemoryType.NormalNC => Normal,
        _ => Cacheable,
    };

    /// <summary>
    /// Whether an endpoint fault can meet an access. PCIe Base Specification: a completion
    /// timeout needs a request that expects a completion, so it meets only non-posted
    /// accesses; poisoned data comes back only with data, so it meets only accesses that read.
    /// UR and CA meet every access: for a posted write the completer reports them with an
    /// error message, which a switch forwards upstream (see <see cref="ComesBack"/>). A
    /// malformed TLP and bus error responses (AXI BRESP/RRESP, CHI RespErr: writes have
    /// responses too) meet every access.
    /// </summary>
    public static bool Meets(ErrorKind fault, GuestAccess access) => fault switch
    {
        ErrorKind.Cto => access.NonPosted,
        ErrorKind.Poison => access.Reads,
        _ => true,
    };

    /// <summary>
    /// Whether an error can travel on toward the CPU as the access's response. PCIe: a posted
    /// write has no completion, so UR, CA and completion timeouts cannot come back to the CPU
    /// for it; a block that meets one can log it, signal it (AER) or hang, and the write is
    /// done there.
    /// </summary>
    public static bool ComesBack(ErrorKind error, GuestAccess access) =>
        access.NonPosted || error is not (ErrorKind.Ur or ErrorKind.Ca or ErrorKind.Cto);
}
