using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Engine.Reference;

/// <summary>What the reference walker found for one assigned region under one profile.</summary>
/// <param name="Witnessed">"fault @ culprit" of every path with the region's verdict (under the profile's own attribute), when that verdict is worse than contained-in-device.</param>
public sealed record ReferenceRegion(
    string Region,
    ContainmentVerdict Verdict,
    ContainmentVerdict NormalNc,
    ContainmentVerdict Device,
    ImmutableSortedSet<string> Witnessed);

/// <summary>What the reference walker found for one profile: the analysed regions, and the assigned regions it could not analyse.</summary>
public sealed record ReferenceProfile(string Name, ImmutableArray<ReferenceRegion> Regions, ImmutableSortedSet<string> LeftOut)
{
    /// <summary>The worst region; a profile that left an assigned region out is incomplete unless already uncontained (unknown is unsafe).</summary>
    public ContainmentVerdict Verdict
    {
        get
        {
            var worst = Regions.Select(r => r.Verdict).DefaultIfEmpty(ContainmentVerdict.ContainedInDevice).Max();
            return LeftOut.IsEmpty || worst == ContainmentVerdict.Uncontained ? worst : ContainmentVerdict.Incomplete;
        }
    }
}

/// <summary>
/// A deliberately plain twin of the containment engine, for the tests: it reads DOMAIN.md
/// sections 4-6 and the sound-verdict semantics line by line, walks every (route, effective
/// type, access, fault) path on its own, and keeps nothing between paths — no memo, no shared
/// steps, no bit sets. It is slow on purpose; the engine must agree with it.
/// </summary>
public static class ReferenceWalker
{
    // ---------------------------------------------------------------- profiles and regions

    public static ImmutableArray<ReferenceProfile> Analyze(PlatformIr platform) =>
        [.. platform.Profiles.Select(profile => Profile(platform, profile))];

    /// <summary>
    /// An upper bound of the steps <see cref="Analyze"/> walks: per profile, assignment and run, every route's
    /// hops for every effective type, access and fault. Callers with large inputs use it to skip the plain walk.
    /// </summary>
    public static long EstimatedSteps(PlatformIr platform)
    {
        long perProfile = 0;
        foreach (var assignment in platform.Assignments)
        {
            var hops = platform.Routes.Where(r => ReferenceEquals(r.Last, assignment.Endpoint.Parent)).Sum(r => (long)r.Hops.Length);
            perProfile += 3L * Stage2Table.Stage1Types.Length * 11 * hops * Math.Max(1, assignment.Endpoint.Faults.Length);
        }

        return perProfile * platform.Profiles.Length;
    }

    private static ReferenceProfile Profile(PlatformIr platform, IrProfile profile)
    {
        var regions = new List<ReferenceRegion>();
        var leftOut = new SortedSet<string>(StringComparer.Ordinal);
        // The `assign` declarations whose endpoint or region did not bind: never analysed.
        foreach (var (name, _) in platform.UnloweredAssignments)
        {
            leftOut.Add(name);
        }

        foreach (var assignment in platform.Assignments)
        {
            var region = Region(platform, profile.Hypervisor, assignment);
            if (region is null)
            {
                leftOut.Add(assignment.Region.QualifiedName);
            }
            else
            {
                regions.Add(region);
            }
        }

        return new ReferenceProfile(profile.Name, [.. regions], [.. leftOut]);
    }

    /// <summary>
    /// One assigned region: null when it cannot be analysed (no route to its endpoint, no
    /// stage-2 policy for its driver, no encoding of the policy's attribute on this platform):
    /// the profile is then incomplete.
    /// </summary>
    private static ReferenceRegion? Region(PlatformIr platform, IrHypervisor hypervisor, IrAssignment assignment)
    {
        var routes = RoutesTo(platform, assignment.Endpoint);
        if (routes.Count == 0 || Stage2Of(platform, hypervisor, assignment.Driver) is not { } attribute)
        {
            return null;
        }

        var fwb = platform.Has(Feature.Fwb);
        if (Encoding(attribute, fwb) is not { } stage2)
        {
            return null;
        }

        var own = Run(platform, hypervisor, assignment.Endpoint, routes, stage2);
        // The differential's two choices for device memory, in the platform's encoding (KVM_S2_MEMATTR).
        var normalNc = Run(platform, hypervisor, assignment.Endpoint, routes, Encoding(Stage2Attribute.NormalNC, fwb)!.Value);
        var device = Run(platform, hypervisor, assignment.Endpoint, routes, Encoding(Stage2Attribute.DeviceNGnRE, fwb)!.Value);
        return new ReferenceRegion(assignment.Region.QualifiedName, own.Verdict, normalNc.Verdict, device.Verdict, own.Witnessed);
    }

    /// <summary>
    /// Every path of an analysed region under the profile's own attribute, one per (route,
    /// stage-1 choice, access, fault), with its verdict: what <c>rasdl paths --all</c> must list.
    /// Empty when the region cannot be analysed, the mapping is refused or no faults are declared.
    /// </summary>
    public static IEnumerable<(IrRoute Route, MemoryType Stage1, MemoryType Effective, string Access, ErrorKind Fault, ContainmentVerdict Verdict)> Paths(
        PlatformIr platform, IrProfile profile, IrAssignment assignment)
    {
        var routes = RoutesTo(platform, assignment.Endpoint);
        if (Stage2Of(platform, profile.Hypervisor, assignment.Driver) is not { } attribute
            || Encoding(attribute, platform.Has(Feature.Fwb)) is not { } stage2
            || stage2 == Stage2Attribute.Refused
            || !assignment.Endpoint.FaultsDeclared)
        {
            yield break;
        }

        foreach (var route in routes)
        {
            foreach (var stage1 in Stage2Table.Stage1Types)
            {
                var type = Stage2Table.Combine(stage1, stage2);
                foreach (var access in AccessesOf(type))
                {
                    foreach (var fault in assignment.Endpoint.Faults.Where(f => CanMeet(f.Error, access)))
                    {
                        var (verdict, _) = Judge(platform, profile.Hypervisor, route, fault.Error, access, Walk(route, fault.Error, access, type));
                        yield return (route, stage1, type, NameOf(access), fault.Error, verdict);
                    }
                }
            }
        }
    }

    /// <summary>How outputs name an access ("exclusive read", "DC ZVA").</summary>
    internal static string NameOf(Access access) => access switch
    {
        Access.Read => "read",
        Access.Write => "write",
        Access.ExclusiveRead => "exclusive read",
        Access.ExclusiveWrite => "exclusive write",
        Access.Atomic => "atomic",
        Access.GatheredWrite => "gathered write",
        Access.SpeculativeRead => "speculative read",
        Access.UnalignedRead => "unaligned read",
        Access.UnalignedWrite => "unaligned write",
        Access.Zva => "DC ZVA",
        _ => "write-back",
    };

    /// <summary>Every route whose last hop is the block the endpoint sits under; a route starts at a cpu.</summary>
    private static List<IrRoute> RoutesTo(PlatformIr platform, IrEndpoint endpoint) =>
        [.. platform.Routes.Where(route => ReferenceEquals(route.Last, endpoint.Parent))];

    // ---------------------------------------------------------------- stage 2 (DOMAIN.md 2-4)

    /// <summary>
    /// The attribute the hypervisor gives memory mapped through the driver: the first policy for
    /// the driver whose conditions hold, else the first such <c>default</c> policy
    /// (Linux: user_mem_abort() decides per VMA, i.e. per driver).
    /// </summary>
    private static Stage2Attribute? Stage2Of(PlatformIr platform, IrHypervisor hypervisor, Driver driver)
    {
        foreach (var wanted in new[] { driver, Driver.Default })
        {
            foreach (var policy in hypervisor.Stage2Policies)
            {
                if (policy.Driver == wanted && policy.Conditions.All(platform.Features.Contains))
                {
                    return policy.Attribute;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The encoding KVM writes: with FEAT_S2FWB in use KVM_S2_MEMATTR() picks MT_S2_FWB_*
    /// (DEVICE -> fwb device, NORMAL_NC -> fwb_normal_nc, NORMAL -> fwb_force_wb); an FWB
    /// encoding needs FWB, and Normal-WT has none under FWB. Refused stays refused.
    /// </summary>
    private static Stage2Attribute? Encoding(Stage2Attribute attribute, bool fwb)
    {
        if (attribute == Stage2Attribute.Refused)
        {
            return attribute;
        }

        var isFwbEncoding = attribute is >= Stage2Attribute.FwbDeviceNGnRnE and <= Stage2Attribute.FwbUseS1;
        if (!fwb)
        {
            return isFwbEncoding ? null : attribute;
        }

        return attribute switch
        {
            _ when isFwbEncoding => attribute,
            Stage2Attribute.DeviceNGnRnE => Stage2Attribute.FwbDeviceNGnRnE,
            Stage2Attribute.DeviceNGnRE => Stage2Attribute.FwbDeviceNGnRE,
            Stage2Attribute.DeviceNGRE => Stage2Attribute.FwbDeviceNGRE,
            Stage2Attribute.DeviceGRE => Stage2Attribute.FwbDeviceGRE,
            Stage2Attribute.NormalNC => Stage2Attribute.FwbNormalNC,
            Stage2Attribute.NormalWB => Stage2Attribute.FwbForceWB,
            _ => null,
        };
    }

    /// <summary>
    /// Every effective type a guest reaches: it picks any stage-1 type (its own MAIR; DOMAIN.md
    /// 3, "the guest is untrusted"), combined by the Arm ARM's S2CombineS1MemAttrs table.
    /// </summary>
    private static IEnumerable<MemoryType> ReachableTypes(Stage2Attribute stage2) =>
        Stage2Table.Stage1Types.Select(stage1 => Stage2Table.Combine(stage1, stage2)).Distinct().Order();

    // ---------------------------------------------------------------- one run

    private sealed record RunResult(ContainmentVerdict Verdict, ImmutableSortedSet<string> Witnessed);

    /// <summary>
    /// The region's verdict under one stage-2 attribute: the worst path over routes, reachable
    /// effective types, accesses of each type and the endpoint's faults that can meet them.
    /// </summary>
    private static RunResult Run(PlatformIr platform, IrHypervisor hypervisor, IrEndpoint endpoint, List<IrRoute> routes, Stage2Attribute stage2)
    {
        // SPEC 4: KVM refuses the mapping (no cacheable PFNMAP without FWB): no guest access reaches the region.
        if (stage2 == Stage2Attribute.Refused)
        {
            return new RunResult(ContainmentVerdict.ContainedInDevice, []);
        }

        // SPEC 6: no `faults` line: unknown is unsafe.
        if (!endpoint.FaultsDeclared)
        {
            return new RunResult(ContainmentVerdict.Uncontained, []);
        }

        var paths = new List<(ContainmentVerdict Verdict, string Witness)>();
        foreach (var route in routes)
        {
            foreach (var type in ReachableTypes(stage2))
            {
                foreach (var access in AccessesOf(type))
                {
                    foreach (var fault in endpoint.Faults)
                    {
                        if (!CanMeet(fault.Error, access))
                        {
                            continue;
                        }

                        var path = Walk(route, fault.Error, access, type);
                        var (verdict, culprit) = Judge(platform, hypervisor, route, fault.Error, access, path);
                        paths.Add((verdict, $"{Words(fault.Error)} @ {Where(platform, culprit)}"));
                    }
                }
            }
        }

        var worst = paths.Count == 0 ? ContainmentVerdict.ContainedInDevice : paths.Max(p => p.Verdict);
        var witnessed = worst == ContainmentVerdict.ContainedInDevice
            ? []
            : paths.Where(p => p.Verdict == worst).Select(p => p.Witness).ToImmutableSortedSet(StringComparer.Ordinal);
        return new RunResult(worst, witnessed);
    }

    // ---------------------------------------------------------------- accesses (DOMAIN.md 1, SPEC "Access model")

    /// <summary>A bus transaction a guest can cause.</summary>
    internal enum Access
    {
        Read,
        Write,
        ExclusiveRead,
        ExclusiveWrite,
        Atomic,
        GatheredWrite,
        SpeculativeRead,
        UnalignedRead,
        UnalignedWrite,
        Zva,
        WriteBack,
    }

    /// <summary>
    /// Arm ARM "Device memory" / "Normal memory": every type takes reads, writes, exclusives and
    /// atomics; Device-GRE adds gathering; Normal-NC adds speculative reads, unaligned accesses
    /// and DC ZVA; cacheable types add the write-back of a dirty line at any later time.
    /// </summary>
    internal static IEnumerable<Access> AccessesOf(MemoryType type)
    {
        Access[] device = [Access.Read, Access.Write, Access.ExclusiveRead, Access.ExclusiveWrite, Access.Atomic];
        Access[] gathering = [.. device, Access.GatheredWrite];
        Access[] normalNc = [.. gathering, Access.SpeculativeRead, Access.UnalignedRead, Access.UnalignedWrite, Access.Zva];
        Access[] cacheable = [.. normalNc, Access.WriteBack];
        return type switch
        {
            MemoryType.DeviceNGnRnE or MemoryType.DeviceNGnRE or MemoryType.DeviceNGRE => device,
            MemoryType.DeviceGRE => gathering,
            MemoryType.NormalNC => normalNc,
            _ => cacheable,
        };
    }

    /// <summary>The access reads: data comes back.</summary>
    internal static bool Reads(Access access) =>
        access is Access.Read or Access.SpeculativeRead or Access.UnalignedRead or Access.ExclusiveRead or Access.Atomic;

    /// <summary>The access writes (an atomic both reads and writes; a write-back is a write).</summary>
    internal static bool Writes(Access access) =>
        access is Access.Write or Access.GatheredWrite or Access.UnalignedWrite or Access.ExclusiveWrite or Access.Zva or Access.WriteBack or Access.Atomic;

    /// <summary>PCIe Base Spec: reads, atomics and exclusive reads need a completion (non-posted); memory writes are posted.</summary>
    internal static bool IsNonPosted(Access access) => Reads(access);

    /// <summary>
    /// Which faults an access can meet: a completion timeout only a non-posted request (PCIe: a
    /// posted write expects no completion); poisoned data only an access that reads; UR and CA
    /// every access (for a posted write the completer reports them with an error message to the
    /// port above it); bus error responses every access.
    /// </summary>
    internal static bool CanMeet(ErrorKind fault, Access access) => fault switch
    {
        ErrorKind.Cto => IsNonPosted(access),
        ErrorKind.Poison => Reads(access),
        _ => true,
    };

    /// <summary>PCIe: a posted write has no completion, so its UR, CA or timeout cannot travel back toward the CPU.</summary>
    internal static bool CanComeBack(ErrorKind error, Access access) =>
        IsNonPosted(access) || error is not (ErrorKind.Ur or ErrorKind.Ca or ErrorKind.Cto);

    /// <summary>
    /// DOMAIN.md 5: the vCPU waits for the response of a read, an unaligned read, an exclusive or
    /// an atomic, so their SError is pending before the guest can exit; a write, a gathered or
    /// unaligned write, DC ZVA, a speculative read or a write-back may be taken after it left.
    /// </summary>
    internal static bool IsGuestOnly(Access access) =>
        access is Access.Read or Access.UnalignedRead or Access.ExclusiveRead or Access.ExclusiveWrite or Access.Atomic;

    // ---------------------------------------------------------------- the walk (SPEC "The walk")

    /// <summary>How a walk ended, before the hypervisor is asked.</summary>
    internal enum End
    {
        /// <summary>A block answered (all-ones) or absorbed a posted write's error.</summary>
        Answered,

        /// <summary>A block took it as an SEA or an SError: the hypervisor decides.</summary>
        CpuException,

        /// <summary>A non-posted access never completes (dropped or signalled only), or a block hangs.</summary>
        Hang,
        Reset,

        /// <summary>A block has no matching rule.</summary>
        NoRule,
        PassedBeyondCpu,

        /// <summary>SEA for an error response to a speculative read: the description is wrong (RASDL2008).</summary>
        Unknown,
    }

    /// <summary>One block on the path: the error that reached it and the rule that applied (null: none matched).</summary>
    internal sealed record Step(IrBlock Block, ErrorKind Error, IrRule? Rule);

    /// <summary>A walk: its steps from the endpoint toward the CPU, how it ended, the CPU outcome (if any) and every signal raised on the way.</summary>
    internal sealed record Path(List<Step> Steps, End End, Outcome? CpuOutcome, List<(Outcome Signal, Step RaisedAt)> Signals);

    /// <summary>
    /// Walks one failed access from the block the endpoint sits under toward the cpu (the
    /// route's first hop): each block applies its first matching rule, records its signals,
    /// then its response ends the walk or passes an error on.
    /// </summary>
    internal static Path Walk(IrRoute route, ErrorKind fault, Access access, MemoryType type)
    {
        var steps = new List<Step>();
        var signals = new List<(Outcome, Step)>();
        var error = fault;
        for (var hop = route.Hops.Length - 1; hop >= 0; hop--)
        {
            var block = route.Hops[hop];
            var rule = FirstMatchingRule(block, error, access, type);
            steps.Add(new Step(block, error, rule));
            if (rule is null)
            {
                return new Path(steps, End.NoRule, null, signals);
            }

            signals.AddRange(Signals(rule).Select(signal => (signal, steps[^1])));
            var response = Response(rule);
            switch (response?.Kind)
            {
                case OutcomeKind.AllOnes:
                    return new Path(steps, End.Answered, null, signals);
                case null or OutcomeKind.Drop:
                    // DOMAIN.md 5: a non-posted access that never gets a response is a CPU hang (RASDL2007).
                    return new Path(steps, IsNonPosted(access) ? End.Hang : End.Answered, null, signals);
                case OutcomeKind.Hang:
                    return new Path(steps, End.Hang, null, signals);
                case OutcomeKind.Reset:
                    return new Path(steps, End.Reset, null, signals);
                case OutcomeKind.Sea when block.IsCpu && access == Access.SpeculativeRead && error != ErrorKind.Poison:
                    // Arm ARM IsExternalAbortTakenSynchronously(): an access never architecturally
                    // executed cannot take a synchronous abort; poisoned data waits for the consuming load.
                    return new Path(steps, End.Unknown, response, signals);
                case OutcomeKind.Sea or OutcomeKind.SError:
                    return new Path(steps, End.CpuException, response, signals);
                case OutcomeKind.PassOn when !CanComeBack(error, access) && block.Kind != BlockKind.PcieSwitch:
                    // An error message for a posted write: a switch forwards it upstream; any
                    // other block is where it ends (the write itself is done).
                    return new Path(steps, End.Answered, null, signals);
                case OutcomeKind.PassOn:
                    error = response.PassedError is ErrorKind.Any or null ? error : response.PassedError.Value;
                    if (hop == 0)
                    {
                        return new Path(steps, End.PassedBeyondCpu, null, signals);
                    }

                    break;
                default:
                    // A CPER severity or anything else in a route block's rule: not a response the walk knows.
                    return new Path(steps, End.Unknown, response, signals);
            }
        }

        throw new InvalidOperationException("a route has at least one hop");
    }

    /// <summary>The rule's one response (null: it only signals): what the access gets back, or that it gets nothing.</summary>
    internal static Outcome? Response(IrRule rule) => rule.Outcomes.FirstOrDefault(o => o.Kind != OutcomeKind.Irq);

    /// <summary>The interrupts the rule raises beside its response.</summary>
    internal static IEnumerable<Outcome> Signals(IrRule rule) => rule.Outcomes.Where(o => o.Kind == OutcomeKind.Irq);

    /// <summary>The block's first rule (own rules, then its base's) that matches the error, the access and the memory type.</summary>
    internal static IrRule? FirstMatchingRule(IrBlock block, ErrorKind error, Access access, MemoryType type) =>
        block.Rules.FirstOrDefault(rule =>
            (rule.Error == ErrorKind.Any || rule.Error == error)
            && AccessFilterMatches(block, rule.Accesses, access)
            && rule.MemoryTypes.HasFlag((MemoryTypeSet)(1 << (int)type)));

    /// <summary>The filter's access words are alternatives; none written admits every access.</summary>
    internal static bool AccessFilterMatches(IrBlock block, ImmutableArray<AccessWord> words, Access access) =>
        words.IsDefaultOrEmpty || words.Any(word => WordMatches(block, word, access));

    /// <summary>
    /// What one access word admits. DOMAIN.md 5: a bus request carries direction, size, the
    /// exclusive/atomic kind and memory attributes but no speculation mark, so `speculative` at
    /// a block other than a cpu matches nothing (the block cannot tell; RASDL binder error).
    /// </summary>
    internal static bool WordMatches(IrBlock block, AccessWord word, Access access) => word switch
    {
        AccessWord.Read => Reads(access),
        AccessWord.Write => Writes(access),
        AccessWord.Speculative => block.IsCpu && access == Access.SpeculativeRead,
        AccessWord.Gathered => access == Access.GatheredWrite,
        AccessWord.Unaligned => access is Access.UnalignedRead or Access.UnalignedWrite,
        AccessWord.Exclusive => access is Access.ExclusiveRead or Access.ExclusiveWrite,
        AccessWord.Atomic => access == Access.Atomic,
        AccessWord.Zva => access == Access.Zva,
        AccessWord.WriteBack => access == Access.WriteBack,
        _ => false,
    };

    /// <summary>
    /// The step a witness names: the rule that ends the walk badly (hang, reset, no rule, passed
    /// beyond the CPU, unknown), or, when the walk was answered or reached the CPU, the last block
    /// before the CPU that converted the error, else the first block that is not a cpu.
    /// </summary>
    internal static Step Culprit(Path path)
    {
        if (path.End is End.NoRule or End.Hang or End.Reset or End.PassedBeyondCpu or End.Unknown)
        {
            return path.Steps[^1];
        }

        for (var i = path.Steps.Count - 1; i >= 0; i--)
        {
            var step = path.Steps[i];
            if (!step.Block.IsCpu && step.Rule is { } rule && Response(rule) is { Kind: OutcomeKind.PassOn, PassedError: { } passed }
                && passed != step.Error && passed != ErrorKind.Any)
            {
                return step;
            }
        }

        return path.Steps.FirstOrDefault(s => !s.Block.IsCpu) ?? path.Steps[0];
    }

    // ---------------------------------------------------------------- verdicts (SPEC "Verdicts", DOMAIN.md 5)

    /// <summary>
    /// Path verdict = the worst of its response's verdict and every signal's verdict. Its culprit:
    /// when a signal makes the path worse than its response, the first rule that raised such a
    /// signal; otherwise the response's culprit (<see cref="Culprit"/>).
    /// </summary>
    internal static (ContainmentVerdict Verdict, Step Culprit) Judge(PlatformIr platform, IrHypervisor hypervisor, IrRoute route, ErrorKind fault, Access access, Path path)
    {
        var response = path.End switch
        {
            End.Answered => ContainmentVerdict.ContainedInDevice,
            End.CpuException => JudgeCpuException(platform, hypervisor, route, path.Steps[^1].Error, access, path.CpuOutcome!),
            // A hang, a reset, no rule, an error passed beyond the CPU, an SEA a speculative read cannot take.
            _ => ContainmentVerdict.Uncontained,
        };

        var (verdict, culprit) = (response, Culprit(path));
        foreach (var (signal, raisedAt) in path.Signals)
        {
            var judged = JudgeSignal(platform, hypervisor, signal);
            if (judged > verdict)
            {
                (verdict, culprit) = (judged, raisedAt);
            }
        }

        return (verdict, culprit);
    }

    /// <summary>
    /// SEA: synchronous, so guest context (kvm_handle_guest_abort() -> kvm_handle_guest_sea()).
    /// SError: guest context when pending before the guest can exit (a guest-only access, one
    /// the cpu claims `serror_in_guest` for, or poisoned data that reaches the cpu on a read and is
    /// consumed by the guest's own load); otherwise it may also be taken in host context
    /// (do_serror()): the worse of the two.
    /// </summary>
    internal static ContainmentVerdict JudgeCpuException(PlatformIr platform, IrHypervisor hypervisor, IrRoute route, ErrorKind atCpu, Access access, Outcome outcome)
    {
        if (outcome.Kind == OutcomeKind.Sea)
        {
            return Treat(platform, hypervisor, outcome.Kind, outcome.Severity, null, ErrorContext.Guest, firmwareAllowed: true);
        }

        var guestOnly = IsGuestOnly(access) || Claimed(route.Cpu, access) || (atCpu == ErrorKind.Poison && Reads(access));
        var guest = Treat(platform, hypervisor, outcome.Kind, outcome.Severity, null, ErrorContext.Guest, firmwareAllowed: true);
        return guestOnly ? guest : Worst(guest, Treat(platform, hypervisor, outcome.Kind, outcome.Severity, null, ErrorContext.Host, firmwareAllowed: true));
    }

    /// <summary>The cpu block's `claim serror_in_guest (ACCESS...)` covers the access (no filter: every access).</summary>
    internal static bool Claimed(IrBlock cpu, Access access) =>
        cpu.Claims.Any(claim => claim.Kind == ClaimKind.SErrorInGuest && AccessFilterMatches(cpu, claim.Accesses, access));

    /// <summary>An interrupt is handled by the host whatever context the guest was in: treatments with a context condition do not match it.</summary>
    internal static ContainmentVerdict JudgeSignal(PlatformIr platform, IrHypervisor hypervisor, Outcome signal) =>
        Treat(platform, hypervisor, OutcomeKind.Irq, null, signal.Irq, context: null, firmwareAllowed: true);

    /// <summary>
    /// The hypervisor's first treatment whose outcome, severity or interrupt kind and `when`
    /// conditions match decides: inject, continue, recover keep it in the VM; panic or no
    /// treatment at all (unknown is unsafe) do not; firmware asks the platform's firmware block.
    /// </summary>
    internal static ContainmentVerdict Treat(
        PlatformIr platform, IrHypervisor hypervisor, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq, ErrorContext? context, bool firmwareAllowed)
    {
        var treatment = hypervisor.Treatments.FirstOrDefault(t => TreatmentMatches(platform, t, kind, severity, irq, context));
        if (treatment is null)
        {
            return ContainmentVerdict.Uncontained; // RASDL2004: the hypervisor is silent
        }

        if (treatment.Action == HypervisorAction.Firmware)
        {
            // apei_claim_sea() / GHES: the firmware's CPER severity, then the hypervisor's treatment of it
            // (ghes.c __ghes_panic() for fatal). Firmware inside firmware is not followed.
            return firmwareAllowed && FirmwareSeverity(platform, kind, severity, irq) is { } cper
                ? Treat(platform, hypervisor, cper, null, null, context: null, firmwareAllowed: false) // GHES reports it to the host: no context
                : ContainmentVerdict.Uncontained; // RASDL2009 when the firmware block is silent
        }

        return treatment.Action switch
        {
            HypervisorAction.Inject or HypervisorAction.Continue => ContainmentVerdict.ContainedInVm,
            HypervisorAction.Recover => ContainmentVerdict.ContainedInVm, // pcie_do_recovery(): the device is lost to the guest, the host survives
            _ => ContainmentVerdict.Uncontained,
        };
    }

    /// <summary>Outcome kind; SError severity (any matches all); interrupt kind; feature conditions; context conditions (a signal has no context).</summary>
    internal static bool TreatmentMatches(PlatformIr platform, OutcomeTreatment treatment, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq, ErrorContext? context) =>
        treatment.Outcome == kind
        && (kind != OutcomeKind.SError || treatment.Severity is SErrorSeverity.Any || treatment.Severity == severity)
        && (kind != OutcomeKind.Irq || treatment.Irq is null || treatment.Irq == irq)
        && treatment.Conditions.All(platform.Features.Contains)
        && (treatment.Context is null || treatment.Context == context);

    /// <summary>The platform's firmware block's first rule for the outcome: its CPER severity (null: no firmware block, or it says nothing).</summary>
    internal static OutcomeKind? FirmwareSeverity(PlatformIr platform, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq) =>
        platform.Firmware?.FirmwareRules.FirstOrDefault(rule => FirmwareRuleMatches(rule, kind, severity, irq))?.Reports;

    /// <summary>`on sea`, `on serror` (every severity) or `on serror (uc, ueu)`, `on irq(aer)` (or every interrupt).</summary>
    internal static bool FirmwareRuleMatches(FirmwareRule rule, OutcomeKind kind, SErrorSeverity? severity, IrqKind? irq) =>
        rule.Input == kind
        && (kind != OutcomeKind.SError || rule.Severities.IsDefaultOrEmpty || (severity is { } s && rule.Severities.Contains(s)))
        && (kind != OutcomeKind.Irq || rule.Irqs.IsDefaultOrEmpty || (irq is { } i && rule.Irqs.Contains(i)));

    private static ContainmentVerdict Worst(ContainmentVerdict a, ContainmentVerdict b) => a > b ? a : b;

    private static string Words(ErrorKind error) => Vocabulary.Vocabulary.Errors.TextOf(error);

    private static string Where(PlatformIr platform, Step step)
    {
        var location = platform.LocationOf(step.Rule?.Place ?? step.Block.Place);
        var start = location.Range.Start;
        return $"{System.IO.Path.GetFileName(location.Path)}:{start.Line + 1}:{start.Character + 1}";
    }
}
