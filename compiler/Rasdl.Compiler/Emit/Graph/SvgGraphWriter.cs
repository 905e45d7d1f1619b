using System.Globalization;
using System.Xml;

namespace Rasdl.Emit.Graph;

/// <summary>
/// Writes a laid-out containment graph as a standalone SVG: nodes coloured by verdict, edges
/// labelled with their conversions, the worst witness drawn thick. Every node and edge carries
/// its id (<c>data-id</c>) and a tooltip, so a viewer can link it back to the source.
/// </summary>
public static class SvgGraphWriter
{
    private const double TitleHeight = 28;
    private const double LegendHeight = 26;

    public static string Write(GraphDrawing drawing, DisplayPaths? paths = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, drawing, paths);
        return text.ToString();
    }

    public static void Write(TextWriter output, GraphDrawing drawing, DisplayPaths? paths = null)
    {
        var graph = drawing.Graph;
        // Wide enough for the title, the legend and the worst path's line too.
        var width = Math.Max(drawing.Width, 24 + (GraphLayout.CharWidth * Math.Max(Math.Max(graph.Title.Length, 72), ("worst path: " + graph.WorstPathText).Length)));
        var height = drawing.Height + TitleHeight + LegendHeight + (graph.WorstPathText is null ? 0 : GraphLayout.LineHeight);
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attr(xml, "width", width);
        Attr(xml, "height", height);
        xml.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        xml.WriteAttributeString("class", "rasdl-graph");
        xml.WriteAttributeString("font-family", "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace");
        xml.WriteAttributeString("font-size", "12");
        xml.WriteElementString("title", graph.Title);

        xml.WriteStartElement("defs");
        foreach (var verdict in GraphStyle.Legend.Select(l => l.Verdict))
        {
            Marker(xml, "arrow-" + GraphStyle.ClassName(verdict), GraphStyle.Colours(verdict).Stroke);
        }

        Marker(xml, "arrow-worst-path", GraphStyle.WorstPath);
        xml.WriteEndElement();

        xml.WriteStartElement("rect");
        Attr(xml, "width", width);
        Attr(xml, "height", height);
        xml.WriteAttributeString("fill", "#ffffff");
        xml.WriteEndElement();

        Text(xml, 12, 18, graph.Title, "title", weight: "bold");

        xml.WriteStartElement("g");
        xml.WriteAttributeString("transform", $"translate(0,{Number(TitleHeight)})");
        foreach (var edge in graph.Edges)
        {
            WriteEdge(xml, drawing, edge, paths);
        }

        foreach (var node in graph.Nodes)
        {
            WriteNode(xml, drawing.Nodes[node.Id], node, paths);
        }

        xml.WriteEndElement();

        var y = TitleHeight + drawing.Height + 14;
        var x = 12.0;
        foreach (var (verdict, meaning) in GraphStyle.Legend)
        {
            var (fill, stroke) = GraphStyle.Colours(verdict);
            xml.WriteStartElement("rect");
            Attr(xml, "x", x);
            Attr(xml, "y", y - 10);
            Attr(xml, "width", 12);
            Attr(xml, "height", 12);
            xml.WriteAttributeString("fill", fill);
            xml.WriteAttributeString("stroke", stroke);
            xml.WriteEndElement();
            var word = GraphStyle.ClassName(verdict);
            Text(xml, x + 16, y, word, "legend", title: meaning);
            x += 16 + (word.Length * GraphLayout.CharWidth) + 18;
        }

        if (graph.WorstPathText is { } worst)
        {
            Text(xml, 12, y + GraphLayout.LineHeight + 2, "worst path: " + worst, "worst-path-text", colour: GraphStyle.WorstPath);
        }

        xml.WriteEndElement();
    }

    private static void WriteNode(XmlWriter xml, LayoutBox box, GraphNode node, DisplayPaths? paths)
    {
        var (fill, stroke) = GraphStyle.Colours(node.Verdict);
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", $"node {GraphStyle.KindName(node.Kind)} {GraphStyle.ClassName(node.Verdict)}{(node.OnWorstPath ? " worst-path" : "")}");
        xml.WriteAttributeString("data-id", node.Id);
        xml.WriteElementString("title", $"{node.Name} : {node.KindWord} — {GraphStyle.ClassName(node.Verdict)}{Where(node.Location, paths)}");
        xml.WriteStartElement("rect");
        Attr(xml, "x", box.X);
        Attr(xml, "y", box.Y);
        Attr(xml, "width", box.Width);
        Attr(xml, "height", box.Height);
        Attr(xml, "rx", node.Kind == GraphNodeKind.Endpoint ? 14 : 4);
        xml.WriteAttributeString("fill", fill);
        xml.WriteAttributeString("stroke", node.OnWorstPath ? GraphStyle.WorstPath : stroke);
        Attr(xml, "stroke-width", node.OnWorstPath ? 3 : 1.5);
        xml.WriteEndElement();
        Text(xml, box.CenterX, box.Y + 18, node.Name, "name", anchor: "middle", weight: "bold");
        Text(xml, box.CenterX, box.Y + 34, node.KindWord, "kind", anchor: "middle", colour: "#444444", size: 11);
        xml.WriteEndElement();
    }

    private static void WriteEdge(XmlWriter xml, GraphDrawing drawing, GraphEdge edge, DisplayPaths? paths)
    {
        var route = drawing.EdgeRoutes[edge.Id];
        var stroke = edge.OnWorstPath ? GraphStyle.WorstPath : GraphStyle.Colours(edge.Verdict).Stroke;
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", $"edge {GraphStyle.ClassName(edge.Verdict)}{(edge.OnWorstPath ? " worst-path" : "")}");
        xml.WriteAttributeString("data-id", edge.Id);
        xml.WriteAttributeString("data-from", edge.From);
        xml.WriteAttributeString("data-to", edge.To);
        xml.WriteElementString("title", $"{string.Join("; ", edge.Conversions)}{Where(edge.Location, paths)}");
        xml.WriteStartElement("path");
        xml.WriteAttributeString("d", "M" + string.Join(" L", route.Select(p => $"{Number(p.X)},{Number(p.Y)}")));
        xml.WriteAttributeString("fill", "none");
        xml.WriteAttributeString("stroke", stroke);
        Attr(xml, "stroke-width", edge.OnWorstPath ? 3.5 : 1.5);
        xml.WriteAttributeString("marker-end", $"url(#arrow-{(edge.OnWorstPath ? "worst-path" : GraphStyle.ClassName(edge.Verdict))})");
        xml.WriteEndElement();
        if (drawing.EdgeLabels.TryGetValue(edge.Id, out var label))
        {
            xml.WriteStartElement("rect");
            Attr(xml, "x", label.X);
            Attr(xml, "y", label.Y);
            Attr(xml, "width", label.Width);
            Attr(xml, "height", label.Height);
            Attr(xml, "rx", 3);
            xml.WriteAttributeString("fill", "#ffffff");
            xml.WriteAttributeString("stroke", stroke);
            Attr(xml, "stroke-width", edge.OnWorstPath ? 2 : 0.75);
            xml.WriteEndElement();
            var lineHeight = GraphLayout.LineHeight * 10 / 12;
            for (var i = 0; i < edge.Conversions.Length; i++)
            {
                Text(xml, label.CenterX, label.Y + 3 + (lineHeight * (i + 1)) - 2.5, edge.Conversions[i], "conversion", anchor: "middle", size: 10);
            }
        }

        xml.WriteEndElement();
    }

    private static string Where(Text.SourceLocation location, DisplayPaths? paths) =>
        paths is null ? "" : $" ({paths.Show(location.Path)}:{location.Range.Start.Line + 1})";

    private static void Marker(XmlWriter xml, string id, string colour)
    {
        xml.WriteStartElement("marker");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("viewBox", "0 0 10 10");
        xml.WriteAttributeString("refX", "9");
        xml.WriteAttributeString("refY", "5");
        // In user units: a thick edge keeps a normal-sized head.
        xml.WriteAttributeString("markerUnits", "userSpaceOnUse");
        xml.WriteAttributeString("markerWidth", "10");
        xml.WriteAttributeString("markerHeight", "10");
        xml.WriteAttributeString("orient", "auto-start-reverse");
        xml.WriteStartElement("path");
        xml.WriteAttributeString("d", "M0,0 L10,5 L0,10 z");
        xml.WriteAttributeString("fill", colour);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string text, string cssClass, string? anchor = null, string? weight = null, string? colour = null, double? size = null, string? title = null)
    {
        xml.WriteStartElement("text");
        xml.WriteAttributeString("class", cssClass);
        Attr(xml, "x", x);
        Attr(xml, "y", y);
        if (anchor is not null)
        {
            xml.WriteAttributeString("text-anchor", anchor);
        }

        if (weight is not null)
        {
            xml.WriteAttributeString("font-weight", weight);
        }

        if (colour is not null)
        {
            xml.WriteAttributeString("fill", colour);
        }

        if (size is { } fontSize)
        {
            Attr(xml, "font-size", fontSize);
        }

        if (title is not null)
        {
            xml.WriteElementString("title", title);
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name, double value) => xml.WriteAttributeString(name, Number(value));

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
