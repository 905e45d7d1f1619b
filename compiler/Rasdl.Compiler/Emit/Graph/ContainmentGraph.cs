using System.Collections.Immutable;
using Rasdl.Engine;
using Rasdl.Text;

namespace Rasdl.Emit.Graph;

/// <summary>What a node of the containment graph stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>The profile's hypervisor: where a CPU exception is decided.</summary>
    Hypervisor,

    /// <summary>An IP block on a route (a cpu, an interconnect, a root port...).</summary>
    Block,

    /// <summary>A device whose faults enter the routes at the block it sits under.</summary>
    Endpoint,
}

/// <summary>
/// One node: its name and kind word as written, where it is declared, the worst verdict of the
/// selection's paths that pass through it (null: no selected path reaches it) and whether the
/// worst witness passes through it.
/// </summary>
public sealed record GraphNode(
    string Id,
    string Name,
    GraphNodeKind Kind,
    string KindWord,
    SourceLocation Location,
    ContainmentVerdict? Verdict,
    bool OnWorstPath);

/// <summary>
/// One edge, in the direction an error travels (endpoint to the block above it, a block to the
/// next hop toward the CPU, a cpu to the hypervisor), labelled with the conversions made there:
/// the endpoint's faults, the block's pass-on rules, the CPU outcome and the hypervisor's action.
/// </summary>
/// <param name="Location">Where clicking leads: the first rule that makes a conversion on the edge, else the declaration that makes the edge.</param>
public sealed record GraphEdge(
    string Id,
    string From,
    string To,
    ImmutableArray<string> Conversions,
    SourceLocation Location,
    ContainmentVerdict? Verdict,
    bool OnWorstPath);

/// <summary>
/// The platform's error flow under one profile, built once from the engine's results by
/// <see cref="ContainmentGraphBuilder"/> and written out by the SVG, DOT, Mermaid and HTML
/// writers. Nodes and edges are in a fixed order (declaration order), so every writer's output
/// is the same from run to run.
/// </summary>
/// <param name="Profile">The profile the verdicts are for; null when the description has none (the graph then has no verdicts).</param>
/// <param name="Region">The region the selection is narrowed to ("gpu0.bar0"), or null for every assigned region.</param>
/// <param name="WorstPath">The witness drawn highlighted: the first witness of the worst selected region, when that is worse than contained-in-device.</param>
public sealed record ContainmentGraph(
    string? Profile,
    string? Hypervisor,
    string? Region,
    ContainmentVerdict? Verdict,
    ImmutableArray<GraphNode> Nodes,
    ImmutableArray<GraphEdge> Edges,
    Witness? WorstPath,
    string? WorstPathRegion)
{
    /// <summary>"profile production (hypervisor kvm_6_8): uncontained".</summary>
    public string Title =>
        Profile is null ? "no profile: the platform without verdicts"
        : $"profile {Profile} (hypervisor {Hypervisor}){(Region is null ? "" : $", region {Region}")}: {Verdict?.Name() ?? "no assigned region"}";

    /// <summary>The worst witness in one line, as <c>rasdl check</c> prints it, or null.</summary>
    public string? WorstPathText => WorstPath is null ? null : $"{WorstPathRegion}: {WorstPath.Short()}";
}
