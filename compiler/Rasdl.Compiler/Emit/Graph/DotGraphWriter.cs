using System.Text;

namespace Rasdl.Emit.Graph;

/// <summary>Writes the containment graph in Graphviz DOT: bottom-to-top, so endpoints sit at the bottom and the hypervisor at the top.</summary>
public static class DotGraphWriter
{
    public static string Write(ContainmentGraph graph, DisplayPaths paths)
    {
        var dot = new StringBuilder();
        dot.Append("// ").Append(graph.Title).Append('\n');
        if (graph.WorstPathText is { } worst)
        {
            dot.Append("// worst path: ").Append(worst).Append('\n');
        }

        dot.Append("digraph containment {\n");
        dot.Append("  rankdir=BT;\n");
        dot.Append("  node [shape=box, style=\"rounded,filled\", fontname=\"monospace\", fontsize=11];\n");
        dot.Append("  edge [fontname=\"monospace\", fontsize=9];\n");
        foreach (var node in graph.Nodes)
        {
            var (fill, stroke) = GraphStyle.Colours(node.Verdict);
            dot.Append("  ").Append(Quote(node.Id))
                .Append(" [label=").Append(Quote($"{node.Name}\n{node.KindWord}"))
                .Append(", fillcolor=").Append(Quote(fill))
                .Append(", color=").Append(Quote(node.OnWorstPath ? GraphStyle.WorstPath : stroke))
                .Append(node.OnWorstPath ? ", penwidth=3" : "")
                .Append(", tooltip=").Append(Quote($"{GraphStyle.ClassName(node.Verdict)} ({paths.Show(node.Location.Path)}:{node.Location.Range.Start.Line + 1})"))
                .Append("];\n");
        }

        foreach (var edge in graph.Edges)
        {
            var colour = edge.OnWorstPath ? GraphStyle.WorstPath : GraphStyle.Colours(edge.Verdict).Stroke;
            dot.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To))
                .Append(" [label=").Append(Quote(string.Join("\n", edge.Conversions)))
                .Append(", color=").Append(Quote(colour))
                .Append(edge.OnWorstPath ? ", penwidth=3" : "")
                .Append("];\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    // A DOT double-quoted string: backslash and quote escaped, a newline as DOT's centred line break.
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
