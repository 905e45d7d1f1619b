using System.Collections.Immutable;
using Rasdl.Intermediate;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Engine;

/// <summary>
/// Where one fault of a region was stopped: the worst path that fault takes (the first such in
/// the engine's order), its verdict, and the place that decided it — the block that answered or
/// failed, or the hypervisor's treatment when a CPU took the error.
/// </summary>
/// <param name="Text">"ur: contained-in-device, stopped at rc0: rc0 answers ur with all-ones data".</param>
public sealed record FaultExplanation(ErrorKind Fault, ContainmentVerdict Verdict, Witness Path, string StoppedAt, SourceLocation Location, string Text);

/// <summary>The worst verdict of the paths that follow one route to the region.</summary>
public sealed record RouteResult(IrRoute Route, ContainmentVerdict Verdict)
{
    /// <summary>"core -> mesh -> rc0".</summary>
    public string Hops => string.Join(" -> ", Route.Hops.Select(h => h.Name));
}

/// <summary>
/// Why a region got its verdict: per fault, where its worst path stopped; per route (when several
/// reach the endpoint), the worst verdict along it. Built on request from every path the engine
/// walked for the region's run, contained ones included.
/// </summary>
public sealed record RegionExplanation(ImmutableArray<FaultExplanation> Faults, ImmutableArray<RouteResult> Routes)
{
    public static RegionExplanation For(RegionResult region)
    {
        var worstByFault = new Dictionary<ErrorKind, Witness>();
        var faultOrder = new List<ErrorKind>();
        var routes = new List<RouteResult>();
        foreach (var path in region.Run.AllPaths)
        {
            if (!worstByFault.TryGetValue(path.Fault.Error, out var known))
            {
                faultOrder.Add(path.Fault.Error);
                worstByFault[path.Fault.Error] = path;
            }
            else if (path.Verdict > known.Verdict)
            {
                worstByFault[path.Fault.Error] = path;
            }

            var at = routes.FindIndex(r => ReferenceEquals(r.Route, path.Route));
            if (at < 0)
            {
                routes.Add(new RouteResult(path.Route, path.Verdict));
            }
            else if (path.Verdict > routes[at].Verdict)
            {
                routes[at] = routes[at] with { Verdict = path.Verdict };
            }
        }

        return new RegionExplanation([.. faultOrder.Select(f => Explain(worstByFault[f], region.Hypervisor))], [.. routes]);
    }

    private static FaultExplanation Explain(Witness path, string hypervisor)
    {
        var last = path.Steps[^1];
        var (stoppedAt, location, how) = path switch
        {
            { DecidingSignalStep: { } signal } => (signal.Step.Block.Name, signal.Step.Location, $"{signal.Step.Block.Name} signals {signal.Signal.Outcome}, and {Phrases.Judged(signal.Signal, hypervisor)}"),
            { CpuJudgement: { } judgement } => (hypervisor, judgement.Deciding?.Location ?? last.Location, $"{last.Describe()}, and {Phrases.Judged(judgement, hypervisor)}"),
            { Walk.End: PathEnd.NeverCompletes } => (last.Block.Name, last.Location, $"{last.Describe()}: the {path.Access.Name} never completes"),
            _ => (last.Block.Name, last.Location, last.Describe()),
        };
        var fault = Words.Errors.TextOf(path.Fault.Error);
        return new FaultExplanation(path.Fault.Error, path.Verdict, path, stoppedAt, location, $"{fault}: {path.Verdict.Name()}, stopped at {stoppedAt}: {how}");
    }
}
