using Rasdl.Engine;

namespace Rasdl.Emit.Graph;

/// <summary>The colours and words every graph writer uses, so the SVG, DOT, Mermaid and HTML pictures agree.</summary>
public static class GraphStyle
{
    /// <summary>The stroke of the worst witness's nodes and edges.</summary>
    public const string WorstPath = "#6a1b9a";

    /// <summary>Fill and stroke of a node or edge by the worst verdict through it; grey when no selected path reaches it.</summary>
    public static (string Fill, string Stroke) Colours(ContainmentVerdict? verdict) => verdict switch
    {
        ContainmentVerdict.Uncontained => ("#f9d0d3", "#b3261e"),
        ContainmentVerdict.ContainedInVm => ("#fdebc2", "#a86500"),
        ContainmentVerdict.ContainedInDevice => ("#d5eed7", "#2e7d32"),
        _ => ("#eeeeee", "#8a8a8a"),
    };

    /// <summary>The CSS class and legend word: "uncontained", …, "not-reached".</summary>
    public static string ClassName(ContainmentVerdict? verdict) => verdict?.Name() ?? "not-reached";

    /// <summary>The CSS class of a node's kind: "hypervisor", "block" or "endpoint".</summary>
    public static string KindName(GraphNodeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The legend, worst first.</summary>
    public static IEnumerable<(ContainmentVerdict? Verdict, string Meaning)> Legend =>
    [
        (ContainmentVerdict.Uncontained, "an uncontained path passes here"),
        (ContainmentVerdict.ContainedInVm, "at worst contained in the VM"),
        (ContainmentVerdict.ContainedInDevice, "at worst contained in the device"),
        (null, "no selected path reaches it"),
    ];
}
