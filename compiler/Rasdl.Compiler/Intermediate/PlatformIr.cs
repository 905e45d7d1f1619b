using System.Collections.Immutable;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Intermediate;

/// <summary>
/// The engine's input: the bound description reduced to what containment depends on, with
/// every element's source location. Built by <see cref="Lowering"/>; immutable. Elements the
/// binder could not resolve (a misspelled block, a region with no route) are left out, and
/// their diagnostics come from the binder.
/// </summary>
public sealed record PlatformIr(
    ImmutableHashSet<Feature> Features,
    ImmutableArray<IrBlock> Blocks,
    ImmutableArray<IrEndpoint> Endpoints,
    ImmutableArray<IrRoute> Routes,
    ImmutableArray<IrAssignment> Assignments,
    ImmutableArray<IrHypervisor> Hypervisors,
    ImmutableArray<IrProfile> Profiles)
{
    public bool Has(Feature feature) => Features.Contains(feature);

    /// <summary>The platform's firmware block (firmware-first platforms), if it has one.</summary>
    public IrBlock? Firmware { get; init; }

    /// <summary>
    /// The `assign` declarations that could not be lowered (their endpoint, region or the block
    /// the endpoint sits under did not resolve): not analysed, so every profile must say so
    /// (unknown is unsafe) rather than leave them out silently.
    /// </summary>
    public ImmutableArray<(string Name, SourceLocation Location)> UnloweredAssignments { get; init; } = [];

    /// <summary>
    /// Where the declarations of the version it was lowered from are: the rules, outcomes,
    /// faults, claims, policies and treatments the IR shares with the semantic model hold places
    /// in their declarations (<see cref="Place"/>), which this turns into places in the files.
    /// </summary>
    public required Placement Placement { get; init; }

    public SourceLocation LocationOf(Place place) => Placement.LocationOf(place);
}

/// <summary>An IP block with the rules it tries, in order (its own, then those it extends).</summary>
public sealed record IrBlock(string Name, BlockKind Kind, ImmutableArray<IrRule> Rules, Place Place, BlockSymbol Symbol)
{
    public bool IsCpu => Kind == BlockKind.Cpu;

    /// <summary>A cpu block's claims (the platform team's guarantees).</summary>
    public ImmutableArray<Claim> Claims => Symbol.Claims;

    /// <summary>A firmware block's rules.</summary>
    public ImmutableArray<FirmwareRule> FirmwareRules => Symbol.FirmwareRules;

    /// <summary>The claim that an SError caused by this access is pending before the guest exits, if this cpu block states one.</summary>
    public Claim? SErrorInGuestClaim(Engine.GuestAccess access)
    {
        foreach (var claim in Symbol.Claims)
        {
            if (claim.Kind == ClaimKind.SErrorInGuest && access.Matches(claim.Accesses))
            {
                return claim;
            }
        }

        return null;
    }

    public override string ToString() => Name;
}

/// <summary>One conversion rule, <c>on ERROR (FILTER) -> OUTCOME;</c>, as written in the block that declares it.</summary>
public sealed record IrRule(
    string DeclaringBlock,
    ErrorKind Error,
    ImmutableArray<AccessWord> Accesses,
    MemoryTypeSet MemoryTypes,
    Outcome Outcome,
    Place Place,
    bool InStandardLibrary)
{
    private readonly ImmutableArray<Outcome> _outcomes;

    /// <summary>Every outcome as written; <see cref="Outcome"/> is the first.</summary>
    public ImmutableArray<Outcome> Outcomes
    {
        get => _outcomes.IsDefault ? [Outcome] : _outcomes;
        init
        {
            _outcomes = value;
            Response = null;
            Signals = 0;
            foreach (var outcome in value)
            {
                if (outcome.Kind == OutcomeKind.Irq)
                {
                    Signals |= SignalBit(outcome.Irq!.Value);
                }
                else
                {
                    Response ??= outcome;
                }
            }
        }
    }

    /// <summary>What the access gets back (or that it gets nothing, hangs, resets): the outcome that is not a signal; null when the rule only signals.</summary>
    public Outcome? Response { get; private init; } = Outcome.Kind == OutcomeKind.Irq ? null : Outcome;

    /// <summary>The interrupts the rule raises beside its response, one bit per <see cref="IrqKind"/>.</summary>
    public int Signals { get; private init; } = Outcome.Kind == OutcomeKind.Irq ? SignalBit(Outcome.Irq!.Value) : 0;

    /// <summary>
    /// False for a rule of a block that is not a cpu: a bus request carries no mark that a read is
    /// speculative (DOMAIN: what a block can see of an access), so `speculative` matches nothing there.
    /// </summary>
    public bool SeesSpeculation { get; init; } = true;

    public static int SignalBit(IrqKind irq) => 1 << (int)irq;

    public bool Matches(ErrorKind error, Engine.GuestAccess access, MemoryType type) =>
        (Error == ErrorKind.Any || Error == error)
        && access.Matches(Accesses, SeesSpeculation)
        && (MemoryTypes & (MemoryTypeSet)(1 << (int)type)) != 0;

    /// <summary>The outcomes as written: "all_ones, irq(aer)".</summary>
    public string OutcomesText => string.Join(", ", Outcomes);

    /// <summary>As written: "on cto (read, device) -> slverr".</summary>
    public override string ToString()
    {
        var filter = Accesses.Select(Words.Accesses.TextOf).Concat(MemoryTypeWords()).ToList();
        return $"on {Words.Errors.TextOf(Error)}{(filter.Count == 0 ? "" : $" ({string.Join(", ", filter)})")} -> {OutcomesText}";
    }

    private IEnumerable<string> MemoryTypeWords()
    {
        if (MemoryTypes == MemoryTypeSet.All)
        {
            yield break;
        }

        var rest = MemoryTypes;
        foreach (var group in new[] { MemoryTypeSet.Device, MemoryTypeSet.Normal })
        {
            if ((rest & group) == group)
            {
                yield return Words.MemoryTypes.TextOf(group);
                rest &= ~group;
            }
        }

        foreach (var type in Enum.GetValues<MemoryType>())
        {
            var single = (MemoryTypeSet)(1 << (int)type);
            if (rest.HasFlag(single))
            {
                yield return Words.MemoryTypes.TextOf(single);
            }
        }
    }
}

/// <summary>A device: the block it sits under (where its errors enter the routes), its faults and regions.</summary>
public sealed record IrEndpoint(string Name, IrBlock Parent, ImmutableArray<DeclaredFault> Faults, ImmutableArray<IrRegion> Regions, Place Place)
{
    /// <summary>Whether a `faults` line says what it can produce; without one the engine cannot know, so the verdict is uncontained.</summary>
    public bool FaultsDeclared { get; init; } = true;
}

/// <summary>A region of an endpoint that a guest may be given.</summary>
public sealed record IrRegion(string QualifiedName, Place Place, RegionSymbol Symbol);

/// <summary>A route from a cpu (first) to the block an endpoint sits under (last).</summary>
public sealed record IrRoute(ImmutableArray<IrBlock> Hops, Place Place)
{
    public IrBlock Cpu => Hops[0];

    public IrBlock Last => Hops[^1];
}

/// <summary><c>assign ENDPOINT.REGION to guest via DRIVER;</c></summary>
public sealed record IrAssignment(IrRegion Region, IrEndpoint Endpoint, Driver Driver, Place Place, Assignment Symbol);

/// <summary>A hypervisor's stage-2 policies and its treatment of CPU outcomes, in the order written.</summary>
public sealed record IrHypervisor(string Name, ImmutableArray<Stage2Policy> Stage2Policies, ImmutableArray<OutcomeTreatment> Treatments, Place Place, HypervisorSymbol Symbol)
{
    /// <summary>The driver's own first policy whose conditions the platform meets, else <c>stage2 default</c>'s.</summary>
    public Stage2Policy? PolicyFor(Driver driver, IReadOnlySet<Feature> features) => Stage2Policy.For(Stage2Policies, driver, features);
}

/// <summary>A profile: the platform compiled under one hypervisor.</summary>
public sealed record IrProfile(string Name, IrHypervisor Hypervisor, Place Place, ProfileSymbol Symbol);
