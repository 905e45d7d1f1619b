using System.Collections.Immutable;
using GraphShape;
using GraphShape.Algorithms.Layout;
using QuikGraph;

namespace Rasdl.Emit.Graph;

/// <summary>A box on the drawing: its top-left corner and size, in SVG user units.</summary>
public readonly record struct LayoutBox(double X, double Y, double Width, double Height)
{
    public double CenterX => X + (Width / 2);

    public double CenterY => Y + (Height / 2);
}

/// <summary>Where every node, edge and edge label of a <see cref="ContainmentGraph"/> is drawn.</summary>
public sealed record GraphDrawing(
    ContainmentGraph Graph,
    ImmutableDictionary<string, LayoutBox> Nodes,
    ImmutableDictionary<string, ImmutableArray<(double X, double Y)>> EdgeRoutes,
    ImmutableDictionary<string, LayoutBox> EdgeLabels,
    double Width,
    double Height);

/// <summary>
/// Lays the graph out in layers with GraphShape's Sugiyama algorithm: errors flow upward, so
/// endpoints sit at the bottom and the CPU and the hypervisor at the top. Each edge label is
/// laid out as a node of its own on the edge, so labels never cover nodes or each other.
/// </summary>
public static class GraphLayout
{
    public const double CharWidth = 7.2; // 12px monospace
    public const double LineHeight = 15;
    private const double NodeHeight = 44;
    private const double Padding = 10;
    private const double Margin = 20;

    public static double NodeWidth(GraphNode node) => (Math.Max(node.Name.Length, node.KindWord.Length + 2) * CharWidth) + (2 * Padding);

    public static GraphDrawing Lay(ContainmentGraph graph)
    {
        var layout = new BidirectionalGraph<string, Edge<string>>();
        var sizes = new Dictionary<string, Size>();
        foreach (var node in graph.Nodes)
        {
            layout.AddVertex(node.Id);
            sizes[node.Id] = new Size(NodeWidth(node), NodeHeight);
        }

        foreach (var edge in graph.Edges)
        {
            if (edge.Conversions.IsEmpty)
            {
                layout.AddEdge(new Edge<string>(edge.From, edge.To));
                continue;
            }

            // The label is a vertex between the two ends.
            var label = LabelVertex(edge);
            layout.AddVertex(label);
            sizes[label] = LabelSize(edge);
            layout.AddEdge(new Edge<string>(edge.From, label));
            layout.AddEdge(new Edge<string>(label, edge.To));
        }

        var parameters = new SugiyamaLayoutParameters { LayerGap = 36, SliceGap = 28, Direction = LayoutDirection.TopToBottom };
        var algorithm = new SugiyamaLayoutAlgorithm<string, Edge<string>, BidirectionalGraph<string, Edge<string>>>(layout, sizes, parameters);
        algorithm.Compute();

        // GraphShape gives centres; errors flow from the sources (endpoints), drawn at the bottom.
        var boxes = new Dictionary<string, LayoutBox>();
        foreach (var (vertex, centre) in algorithm.VerticesPositions)
        {
            var size = sizes[vertex];
            boxes[vertex] = new LayoutBox(centre.X - (size.Width / 2), -centre.Y - (size.Height / 2), size.Width, size.Height);
        }

        var minX = boxes.Count == 0 ? 0 : boxes.Values.Min(b => b.X);
        var minY = boxes.Count == 0 ? 0 : boxes.Values.Min(b => b.Y);
        boxes = boxes.ToDictionary(b => b.Key, b => Round(b.Value with { X = b.Value.X - minX + Margin, Y = b.Value.Y - minY + Margin }));
        var width = boxes.Count == 0 ? 2 * Margin : boxes.Values.Max(b => b.X + b.Width) + Margin;
        var height = boxes.Count == 0 ? 2 * Margin : boxes.Values.Max(b => b.Y + b.Height) + Margin;

        var routes = ImmutableDictionary.CreateBuilder<string, ImmutableArray<(double X, double Y)>>();
        var labels = ImmutableDictionary.CreateBuilder<string, LayoutBox>();
        foreach (var edge in graph.Edges)
        {
            var from = boxes[edge.From];
            var to = boxes[edge.To];
            var points = new List<(double X, double Y)> { (from.CenterX, from.CenterY) };
            if (!edge.Conversions.IsEmpty)
            {
                var label = boxes[LabelVertex(edge)];
                labels[edge.Id] = label;
                points.Add((label.CenterX, label.CenterY));
            }

            points.Add((to.CenterX, to.CenterY));
            points[0] = Clip(points[1], from);
            points[^1] = Clip(points[^2], to);
            routes[edge.Id] = [.. points.Select(p => (Math.Round(p.X, 1), Math.Round(p.Y, 1)))];
        }

        return new GraphDrawing(graph, boxes.Where(b => !b.Key.StartsWith(LabelPrefix, StringComparison.Ordinal)).ToImmutableDictionary(), routes.ToImmutable(), labels.ToImmutable(), Math.Round(width, 1), Math.Round(height, 1));
    }

    private const string LabelPrefix = "label\n";

    private static string LabelVertex(GraphEdge edge) => LabelPrefix + edge.Id;

    private static Size LabelSize(GraphEdge edge) =>
        new((edge.Conversions.Max(c => c.Length) * CharWidth * 10 / 12) + Padding, (edge.Conversions.Length * LineHeight * 10 / 12) + 6);

    private static LayoutBox Round(LayoutBox box) => new(Math.Round(box.X, 1), Math.Round(box.Y, 1), Math.Round(box.Width, 1), Math.Round(box.Height, 1));

    // Where the segment from a point toward a box's centre crosses the box's edge.
    private static (double X, double Y) Clip((double X, double Y) outside, LayoutBox box)
    {
        var dx = outside.X - box.CenterX;
        var dy = outside.Y - box.CenterY;
        if (dx == 0 && dy == 0)
        {
            return (box.CenterX, box.CenterY);
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : box.Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : box.Height / 2 / Math.Abs(dy));
        scale = Math.Min(scale, 1);
        return (box.CenterX + (dx * scale), box.CenterY + (dy * scale));
    }
}
