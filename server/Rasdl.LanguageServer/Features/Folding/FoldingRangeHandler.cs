using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Syntax;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Folding;

/// <summary>Folding: declaration bodies, multi-line comments, runs of line comments and of imports.</summary>
public sealed class FoldingRangeHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentFoldingRange, UseSingleObjectParameterDeserialization = true)]
    public FoldingRange[] FoldingRanges(FoldingRangeParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        var text = request.Tree.Text;
        var ranges = new List<FoldingRange>();
        int Line(int offset) => text.GetLinePosition(offset).Line;

        // A body folds up to the line before its closing brace, so the brace stays visible.
        var root = request.Tree.Root;
        for (var i = 0; i < root.Declarations.Length; i++)
        {
            if (root.Declarations[i] is not NamedDeclarationSyntax)
            {
                continue;
            }

            var start = Line(root.SpanOf(i).Start);
            var end = Line(root.SpanOf(i).End) - 1;
            if (end > start)
            {
                ranges.Add(new FoldingRange { StartLine = start, EndLine = end });
            }
        }

        foreach (var comment in request.Tree.Tokens.Where(t => t.Kind == TokenKind.BlockComment))
        {
            if (Line(comment.Span.End) > Line(comment.Span.Start))
            {
                ranges.Add(new FoldingRange { StartLine = Line(comment.Span.Start), EndLine = Line(comment.Span.End), Kind = FoldingRangeKind.Comment });
            }
        }

        AddRuns(ranges, request.Tree.Tokens.Where(t => t.Kind == TokenKind.LineComment && IsAloneOnLine(t, request.Tree)).Select(t => Line(t.Span.Start)), FoldingRangeKind.Comment);
        AddRuns(ranges, root.PlacedImports.Select(i => Line(i.Start)), FoldingRangeKind.Imports);
        return [.. ranges.OrderBy(r => r.StartLine)];
    }

    private static bool IsAloneOnLine(SyntaxToken comment, SyntaxTree tree)
    {
        var position = tree.Text.GetLinePosition(comment.Span.Start);
        return string.IsNullOrWhiteSpace(tree.Text.GetLineText(position.Line)[..position.Character]);
    }

    /// <summary>Consecutive lines (two or more) become one range.</summary>
    private static void AddRuns(List<FoldingRange> ranges, IEnumerable<int> lines, string kind)
    {
        int? start = null, previous = null;
        foreach (var line in lines.Distinct().Order().Append(int.MaxValue))
        {
            if (previous is { } p && line == p + 1)
            {
                previous = line;
                continue;
            }

            if (start is { } s && previous is { } e && e > s)
            {
                ranges.Add(new FoldingRange { StartLine = s, EndLine = e, Kind = kind });
            }

            start = previous = line;
        }
    }
}
