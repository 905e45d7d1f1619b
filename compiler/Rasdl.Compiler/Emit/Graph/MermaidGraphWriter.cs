using System.Text;

namespace Rasdl.Emit.Graph;

/// <summary>
/// Writes the containment graph as a Mermaid flowchart (bottom to top), for Markdown viewers
/// that draw Mermaid: classes colour nodes by verdict, <c>linkStyle</c> draws the worst path thick.
/// </summary>
public static class MermaidGraphWriter
{
    public static string Write(ContainmentGraph graph)
    {
        var ids = graph.Nodes.Select((n, i) => (n.Id, Short: $"n{i}")).ToDictionary(p => p.Id, p => p.Short);
        var text = new StringBuilder();
        text.Append("---\ntitle: ").Append(Escape(graph.Title)).Append("\n---\n");
        text.Append("flowchart BT\n");
        foreach (var node in graph.Nodes)
        {
            var (open, close) = node.Kind == GraphNodeKind.Endpoint ? ("([", "])") : ("[", "]");
            text.Append("  ").Append(ids[node.Id]).Append(open).Append('"').Append(Escape(node.Name)).Append("<br/><i>").Append(Escape(node.KindWord)).Append("</i>\"").Append(close).Append('\n');
        }

        foreach (var edge in graph.Edges)
        {
            text.Append("  ").Append(ids[edge.From]).Append(" -->");
            if (!edge.Conversions.IsEmpty)
            {
                text.Append("|\"").Append(string.Join("<br/>", edge.Conversions.Select(Escape))).Append("\"|");
            }

            text.Append(' ').Append(ids[edge.To]).Append('\n');
        }

        foreach (var (verdict, _) in GraphStyle.Legend)
        {
            var (fill, stroke) = GraphStyle.Colours(verdict);
            text.Append("  classDef ").Append(ClassName(verdict)).Append(" fill:").Append(fill).Append(",stroke:").Append(stroke).Append('\n');
            var members = graph.Nodes.Where(n => n.Verdict == verdict).Select(n => ids[n.Id]).ToList();
            if (members.Count > 0)
            {
                text.Append("  class ").Append(string.Join(",", members)).Append(' ').Append(ClassName(verdict)).Append('\n');
            }
        }

        var worst = graph.Edges.Select((e, i) => (e, i)).Where(p => p.e.OnWorstPath).Select(p => p.i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (worst.Count > 0)
        {
            text.Append("  linkStyle ").Append(string.Join(",", worst)).Append(" stroke:").Append(GraphStyle.WorstPath).Append(",stroke-width:4px\n");
        }

        var worstNodes = graph.Nodes.Where(n => n.OnWorstPath).Select(n => ids[n.Id]).ToList();
        if (worstNodes.Count > 0)
        {
            text.Append("  classDef worstPath stroke:").Append(GraphStyle.WorstPath).Append(",stroke-width:3px\n");
            text.Append("  class ").Append(string.Join(",", worstNodes)).Append(" worstPath\n");
        }

        return text.ToString();
    }

    // Mermaid class names are identifiers: "contained-in-vm" becomes "contained_in_vm".
    private static string ClassName(Engine.ContainmentVerdict? verdict) => GraphStyle.ClassName(verdict).Replace('-', '_');

    // Inside a quoted Mermaid label only a quote and a tag's opening '<' need Mermaid's entity codes ("->" stays as written).
    private static string Escape(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal);
}
