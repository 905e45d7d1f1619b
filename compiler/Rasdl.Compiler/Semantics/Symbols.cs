using System.Collections.Immutable;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>What a declared name stands for.</summary>
public enum SymbolKind
{
    Platform,
    Block,
    Endpoint,
    Region,
    Hypervisor,
    Profile,
}

/// <summary>A declared name: its declaration, where the name is written, and its documentation.</summary>
public abstract class Symbol
{
    private static int s_created;

    // A symbol is equal only to itself. Its hash is a number given when it is made: the runtime's
    // identity hash, which tables keyed by symbols would otherwise ask for, is slower to get.
    private readonly int _hash = Interlocked.Increment(ref s_created);
    private readonly TextSpan _nameSpan;

    /// <param name="path">The file that declares it.</param>
    /// <param name="owner">The top-level declaration that holds <paramref name="declaration"/> (itself, but for a region: its endpoint's).</param>
    /// <param name="nameSpan">Where the declared name is written, counted from the start of <paramref name="owner"/>.</param>
    protected Symbol(string name, string path, DeclarationSyntax owner, SyntaxNode declaration, TextSpan nameSpan)
    {
        Name = name;
        Path = path;
        Owner = owner;
        Declaration = declaration;
        _nameSpan = nameSpan;
    }

    public string Name { get; }

    /// <summary>The name as other places refer to it ("gpu0.bar0" for a region).</summary>
    public virtual string QualifiedName => Name;

    public abstract SymbolKind Kind { get; }

    /// <summary>The path of the file that declares it.</summary>
    public string Path { get; }

    public bool IsInStandardLibrary => StandardLibraryPath.IsStandardLibrary(Path);

    /// <summary>
    /// The top-level declaration that holds <see cref="Declaration"/>. A symbol holds no place in
    /// its file, only places in this declaration: an edit elsewhere moves the declaration but
    /// leaves them true. A version's <see cref="Placement"/> (<see cref="SemanticModel.Placement"/>)
    /// says where it is.
    /// </summary>
    public DeclarationSyntax Owner { get; }

    /// <summary>The declaration; its spans, and those of the nodes in it, are relative to <see cref="Owner"/>.</summary>
    public SyntaxNode Declaration { get; }

    /// <summary>Where the declared name is written.</summary>
    public Place NamePlace => new(Owner, _nameSpan);

    /// <summary>Where the declaration is written.</summary>
    public Place DeclarationPlace => new(Owner, Declaration.RelativeSpan);

    /// <summary>Where a node of the declaration is written.</summary>
    public Place PlaceOf(SyntaxNode node) => new(Owner, node.RelativeSpan);

    public string? Documentation { get; internal set; }

    /// <summary>
    /// What <see cref="Intermediate.Lowering"/> made of this symbol, made once: a symbol is not
    /// changed once its model is published, and a later version that keeps its declaration keeps
    /// the symbol (and what it refers to), so the element lowered from it holds in that version
    /// too and is the same object there. Typed loosely: the model does not depend on the IR.
    /// </summary>
    internal object? Lowered;

    /// <summary>"block 'core'", as messages describe it.</summary>
    public string Describe() => $"{KindName(Kind)} '{QualifiedName}'";

    /// <summary>"a block", "an endpoint".</summary>
    public static string KindName(SymbolKind kind) => (kind == SymbolKind.Endpoint ? "an " : "a ") + KindNoun(kind);

    /// <summary>"block", "endpoint".</summary>
    public static string KindNoun(SymbolKind kind) => kind.ToString().ToLowerInvariant();

    public override string ToString() => Describe();

    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public sealed override int GetHashCode() => _hash;
}

/// <summary>The platform: its architecture features.</summary>
public sealed class PlatformSymbol(string name, string path, PlatformDeclarationSyntax declaration, TextSpan nameSpan)
    : Symbol(name, path, declaration, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Platform;

    public ImmutableHashSet<Feature> Features { get; internal set; } = [];
}

/// <summary>An IP block with its ordered error conversion rules.</summary>
public sealed class BlockSymbol(string name, string path, BlockDeclarationSyntax declaration, TextSpan nameSpan)
    : Symbol(name, path, declaration, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Block;

    /// <summary>Null when the kind is misspelled (already reported).</summary>
    public BlockKind? BlockKind { get; internal set; }

    /// <summary>The block this one extends: its rules are tried after this block's own.</summary>
    public BlockSymbol? Base { get; internal set; }

    /// <summary>The rules written in this block, in order.</summary>
    public ImmutableArray<ErrorConversionRule> OwnRules { get; internal set; } = [];

    /// <summary>The rules in the order they are tried (own rules, then the base's): the first match wins.</summary>
    public ImmutableArray<ErrorConversionRule> Rules { get; internal set; } = [];

    /// <summary>The claims written in this block (a cpu block's).</summary>
    public ImmutableArray<Claim> OwnClaims { get; internal set; } = [];

    /// <summary>The rules written in this block, if it is the firmware.</summary>
    public ImmutableArray<FirmwareRule> OwnFirmwareRules { get; internal set; } = [];

    /// <summary>In a cpu block: the guarantees the platform team states for this core (own, then the base's).</summary>
    public ImmutableArray<Claim> Claims { get; internal set; } = [];

    /// <summary>In a firmware block: what the firmware reports for each outcome it claims, in the order tried.</summary>
    public ImmutableArray<FirmwareRule> FirmwareRules { get; internal set; } = [];
}

/// <summary>A device whose regions can be assigned.</summary>
public sealed class EndpointSymbol(string name, string path, EndpointDeclarationSyntax declaration, TextSpan nameSpan)
    : Symbol(name, path, declaration, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Endpoint;

    public EndpointKind? EndpointKind { get; internal set; }

    /// <summary>The block the endpoint sits under, where its errors enter a route.</summary>
    public BlockSymbol? Parent { get; internal set; }

    public ImmutableArray<RegionSymbol> Regions { get; internal set; } = [];

    public ImmutableArray<DeclaredFault> Faults { get; internal set; } = [];

    /// <summary>Whether a `faults` line says what the endpoint can produce (`faults none;` declares none). Without one, unknown is unsafe.</summary>
    public bool FaultsDeclared { get; internal set; }
}

/// <summary>A region of an endpoint (a BAR, an MMIO window).</summary>
public sealed class RegionSymbol(string name, RegionDeclarationSyntax declaration, TextSpan nameSpan, EndpointSymbol endpoint)
    : Symbol(name, endpoint.Path, endpoint.Owner, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Region;

    private string? _qualifiedName;

    /// <summary>"gpu0.bar0": made once, when first asked for (lowering, verdicts and hints ask for every region's).</summary>
    public override string QualifiedName => _qualifiedName ??= $"{Endpoint.Name}.{Name}";

    public EndpointSymbol Endpoint { get; } = endpoint;

    public RegionSpace? Space { get; internal set; }

    public ulong? Size { get; internal set; }

    public ulong? Base { get; internal set; }

    public ImmutableHashSet<RegionAttribute> Attributes { get; internal set; } = [];
}

/// <summary>A hypervisor: the stage-2 attribute per driver, and its treatment of each CPU outcome.</summary>
public sealed class HypervisorSymbol(string name, string path, HypervisorDeclarationSyntax declaration, TextSpan nameSpan)
    : Symbol(name, path, declaration, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Hypervisor;

    public ImmutableArray<Stage2Policy> Stage2Policies { get; internal set; } = [];

    /// <summary>In the order written: the first treatment whose outcome and conditions match wins.</summary>
    public ImmutableArray<OutcomeTreatment> Treatments { get; internal set; } = [];

    /// <summary>The policy for a driver on a platform with these features: its own first whose conditions hold, else <c>stage2 default</c>'s, else null.</summary>
    public Stage2Policy? PolicyFor(Driver driver, IReadOnlySet<Feature> features) => Stage2Policy.For(Stage2Policies, driver, features);
}

/// <summary>A profile: the platform compiled under one hypervisor.</summary>
public sealed class ProfileSymbol(string name, string path, ProfileDeclarationSyntax declaration, TextSpan nameSpan)
    : Symbol(name, path, declaration, declaration, nameSpan)
{
    public override SymbolKind Kind => SymbolKind.Profile;

    public HypervisorSymbol? Hypervisor { get; internal set; }
}

/// <summary>An error an endpoint declares it can produce, written at <paramref name="Place"/>.</summary>
public sealed record DeclaredFault(ErrorKind Error, Place Place);

/// <summary>
/// <c>on ERROR (FILTER) -> OUTCOME;</c>: which errors, accesses and effective memory types it
/// matches, and what the block turns them into.
/// </summary>
/// <param name="Accesses">The access words of the filter; empty matches every access.</param>
/// <param name="MemoryTypes">The memory types of the filter; <see cref="MemoryTypeSet.All"/> when it names none.</param>
/// <param name="Place">Where <paramref name="Syntax"/> is written.</param>
public sealed record ErrorConversionRule(
    BlockSymbol Block,
    int Index,
    ErrorKind Error,
    ImmutableArray<AccessWord> Accesses,
    MemoryTypeSet MemoryTypes,
    Outcome Outcome,
    ConversionRuleSyntax Syntax,
    Place Place)
{
    private readonly ImmutableArray<Outcome> _outcomes;

    /// <summary>Every outcome, as written (<see cref="Outcome"/> is the first): at most one response and any number of signals.</summary>
    public ImmutableArray<Outcome> Outcomes
    {
        get => _outcomes.IsDefault ? [Outcome] : _outcomes;
        init => _outcomes = value;
    }
}

/// <summary>What a rule produces: an answer, an error passed on, a CPU exception, an interrupt, a hang or a reset.</summary>
/// <param name="PassedError">For <see cref="OutcomeKind.PassOn"/>: the error passed to the next block toward the CPU.</param>
/// <param name="Severity">For <see cref="OutcomeKind.SError"/>.</param>
/// <param name="Irq">For <see cref="OutcomeKind.Irq"/>.</param>
/// <param name="Place">Where it is written (or, for an outcome the engine supposes, the name of the hypervisor that treats it).</param>
public sealed record Outcome(OutcomeKind Kind, ErrorKind? PassedError, SErrorSeverity? Severity, IrqKind? Irq, Place Place)
{
    /// <summary>As written: "all_ones", "slverr", "serror(uer)", "irq(aer)".</summary>
    public override string ToString() => Kind switch
    {
        OutcomeKind.PassOn => Vocabulary.Vocabulary.Errors.TextOf(PassedError!.Value),
        OutcomeKind.SError => $"serror({Vocabulary.Vocabulary.SErrorSeverities.TextOf(Severity!.Value)})",
        OutcomeKind.Irq => $"irq({Vocabulary.Vocabulary.IrqKinds.TextOf(Irq!.Value)})",
        _ => Vocabulary.Vocabulary.Outcomes.TextOf(Kind),
    };
}

/// <summary><c>route cpu -> ... -> block;</c> with every hop resolved to a block.</summary>
/// <param name="Place">Where <paramref name="Syntax"/> is written.</param>
public sealed record Route(ImmutableArray<BlockSymbol> Hops, RouteDeclarationSyntax Syntax, Place Place)
{
    public BlockSymbol Cpu => Hops[0];

    public BlockSymbol Last => Hops[^1];

    public override string ToString() => string.Join(" -> ", Hops.Select(h => h.Name));
}

/// <summary><c>assign ENDPOINT.REGION to TARGET via DRIVER;</c></summary>
/// <param name="Place">Where <paramref name="Syntax"/> is written.</param>
public sealed record Assignment(RegionSymbol Region, string Target, Driver Driver, AssignDeclarationSyntax Syntax, Place Place);

/// <summary><c>stage2 DRIVER -> ATTRIBUTE;</c> or <c>stage2 DRIVER when FEATURES -> ATTRIBUTE;</c></summary>
public sealed record Stage2Policy(Driver Driver, Stage2Attribute Attribute, Place Place)
{
    /// <summary>Platform features that must all be present for this policy to apply (empty: always).</summary>
    public ImmutableHashSet<Feature> Conditions { get; init; } = [];

    /// <summary>
    /// Of a hypervisor's policies, in the order written: the driver's own first whose conditions
    /// the platform meets, else <c>stage2 default</c>'s first, else null. A loop, not
    /// FirstOrDefault(lambda): the engine asks for every assignment.
    /// </summary>
    public static Stage2Policy? For(ImmutableArray<Stage2Policy> policies, Driver driver, IReadOnlySet<Feature> features)
    {
        Stage2Policy? fallback = null;
        foreach (var policy in policies)
        {
            if (!policy.Holds(features))
            {
                continue;
            }

            if (policy.Driver == driver)
            {
                return policy;
            }

            fallback ??= policy.Driver == Driver.Default ? policy : null;
        }

        return fallback;
    }

    // A loop: the engine asks for every assignment, and a method group would make a delegate each time.
    public bool Holds(IReadOnlySet<Feature> features)
    {
        if (Conditions.IsEmpty)
        {
            return true;
        }

        foreach (var condition in Conditions)
        {
            if (!features.Contains(condition))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>claim serror_in_guest (ACCESSES);</c> in a cpu block: a guarantee the platform team states.</summary>
/// <param name="Accesses">The access words it covers; empty covers every access.</param>
public sealed record Claim(ClaimKind Kind, ImmutableArray<AccessWord> Accesses, Place Place);

/// <summary>
/// A firmware block's rule: <c>on sea -> fatal;</c>, <c>on serror (uc, ueu) -> fatal;</c>,
/// <c>on irq (aer) -> recoverable;</c>. What the firmware reports (a CPER severity) for an outcome it claims.
/// </summary>
/// <param name="Input">Sea, SError or Irq.</param>
/// <param name="Severities">For SError: the severities it takes; empty takes every one.</param>
/// <param name="Irqs">For Irq: the interrupt kinds it takes; empty takes every one.</param>
/// <param name="Reports">Fatal, Recoverable or Corrected.</param>
public sealed record FirmwareRule(
    OutcomeKind Input, ImmutableArray<SErrorSeverity> Severities, ImmutableArray<IrqKind> Irqs, OutcomeKind Reports, Place Place)
{
    public bool Matches(OutcomeKind outcome, SErrorSeverity? severity, IrqKind? irq) =>
        outcome == Input
        && (outcome != OutcomeKind.SError || Severities.IsDefaultOrEmpty || (severity is { } s && Severities.Contains(s)))
        && (outcome != OutcomeKind.Irq || Irqs.IsDefaultOrEmpty || (irq is { } i && Irqs.Contains(i)));
}

/// <summary><c>on sea -> inject;</c>, <c>on serror(uer) when guest -> inject;</c>, <c>on irq(aer) when firmware_first -> firmware;</c></summary>
/// <param name="Severity">For SError treatments; <see cref="SErrorSeverity.Any"/> matches every severity.</param>
public sealed record OutcomeTreatment(
    OutcomeKind Outcome, SErrorSeverity? Severity, ImmutableHashSet<Feature> Conditions, HypervisorAction Action, Place Place)
{
    /// <summary>For Irq treatments: the interrupt kind (null matches every kind).</summary>
    public IrqKind? Irq { get; init; }

    /// <summary>The context named in `when` (guest or host); null matches both. A context never matches a signal.</summary>
    public ErrorContext? Context { get; init; }

    /// <summary>Whether this treatment applies to an outcome taken in a context (null: not an SError, so no context) on a platform with these features.</summary>
    public bool Matches(OutcomeKind outcome, SErrorSeverity? severity, IrqKind? irq, ErrorContext? context, IReadOnlySet<Feature> platformFeatures) =>
        outcome == Outcome
        && (outcome != OutcomeKind.SError || Severity == SErrorSeverity.Any || Severity == severity)
        && (outcome != OutcomeKind.Irq || Irq is null || Irq == irq)
        && (Context is null || Context == context)
        && Conditions.All(platformFeatures.Contains);
}
