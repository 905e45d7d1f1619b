using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Where one fault of a region was stopped: the worst path that fault takes (the first such in
/// the engine's order), its verdict, and the place that decided it — the block that answered or
/// failed, or the hypervisor's treatment when a CPU took the error. The words
/// depend only on the path's walk, access, fault, cpu and hypervisor, so every endpoint
/// alike shares them; the path itself, which names the endpoint's own `faults` line, is
/// <see cref="RegionExplanation.Paths"/>.
/// </summary>
/// <param name="Text">"ur: contained-in-device, stopped at rc0: rc0 answers ur with all-ones data".</param>
public sealed record FaultExplanation(ErrorKind Fault, ContainmentVerdict Verdict, string StoppedAt, SourceLocation Location, string Text);

/// <summary>The worst verdict of the paths that follow one route to the region, and where the route is written.</summary>
public sealed record RouteResult(IrRoute Route, ContainmentVerdict Verdict, SourceLocation Location)
{
    /// <summary>"core -> mesh -> rc0".</summary>
    public string Hops => string.Join(" -> ", Route.Hops.Select(h => h.Name));
}

/// <summary>
/// Why a region got its verdict: per fault, where its worst path stopped; per route (when several
/// reach the endpoint), the worst verdict along it. Built on request from the engine's verdict
/// memo for the region's run (contained paths included), with a trace only for each fault's
/// worst path, once for every endpoint alike: a report explains every region, so this must
/// cost about what the verdict did.
/// </summary>
public sealed class RegionExplanation
{
    private readonly Stage2Run _run;
    private ImmutableArray<Witness> _paths;

    private RegionExplanation(Stage2Run run, ImmutableArray<FaultExplanation> faults, ImmutableArray<RouteResult> routes) =>
        (_run, Faults, Routes) = (run, faults, routes);

    public ImmutableArray<FaultExplanation> Faults { get; }

    public ImmutableArray<RouteResult> Routes { get; }

    /// <summary>Each fault's worst path (the one <see cref="Faults"/> explains, in the same order), with the endpoint's own declared fault: built on first use.</summary>
    public ImmutableArray<Witness> Paths => _paths.IsDefault ? _paths = _run.WorstPaths : _paths;

    public static RegionExplanation For(RegionResult region)
    {
        var (faults, routes) = region.Run.Explanation(region.Hypervisor);
        return new RegionExplanation(region.Run, faults, routes);
    }

    /// <summary>Where the path stopped and why, in words; the engine keeps it per walk (see <see cref="ContainmentEngine.Explain"/>).</summary>
    internal static FaultExplanation Explain(Witness path, string hypervisor)
    {
        var last = path.Steps[^1];
        var (stoppedAt, location, how) = path switch
        {
            { DecidingSignalStep: { } signal } => (signal.Step.Block.Name, path.LocationOf(signal.Step.Place), $"{signal.Step.Block.Name} signals {signal.Signal.Outcome}, and {Phrases.Judged(signal.Signal, hypervisor)}"),
            { CpuJudgement: { } judgement } => (hypervisor, judgement.Deciding is { } deciding ? path.LocationOf(deciding.Place) : path.LocationOf(last.Place), $"{last.Describe()}, and {Phrases.Judged(judgement, hypervisor)}"),
            { Walk.End: PathEnd.NeverCompletes } => (last.Block.Name, path.LocationOf(last.Place), $"{last.Describe()}: the {path.Access.Name} never completes"),
            _ => (last.Block.Name, path.LocationOf(last.Place), last.Describe()),
        };
        var fault = Words.Errors.TextOf(path.Fault.Error);
        return new FaultExplanation(path.Fault.Error, path.Verdict, stoppedAt, location, $"{fault}: {path.Verdict.Name()}, stopped at {stoppedAt}: {how}");
    }
}
