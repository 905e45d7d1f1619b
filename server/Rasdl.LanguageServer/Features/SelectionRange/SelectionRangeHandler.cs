using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Syntax;
using Rasdl.Text;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.SelectionRange;

/// <summary>Expand selection: the token, then each enclosing syntax node (word, filter, rule, declaration, file).</summary>
public sealed class SelectionRangeHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentSelectionRange, UseSingleObjectParameterDeserialization = true)]
    public Protocol.SelectionRange[] SelectionRanges(SelectionRangeParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        return [.. parameters.Positions.Select(p => ForOffset(request, request.Offset(p)))];
    }

    private static Protocol.SelectionRange ForOffset(DocumentRequest request, int offset)
    {
        var spans = new List<TextSpan> { new(0, request.Tree.Text.Length) };
        spans.AddRange(SyntaxChildren.PathTo(request.Tree.Root, offset).Select(n => n.Span));
        var token = request.Tree.Tokens.FirstOrDefault(t => t.Span.Contains(offset) || (t.Span.End == offset && t.Kind is TokenKind.Identifier or TokenKind.Keyword));
        if (token.Text is not null)
        {
            spans.Add(token.Span);
        }

        Protocol.SelectionRange? current = null;
        foreach (var span in spans.Distinct().Where(s => s.Touches(offset) || s.Start == 0).OrderByDescending(s => s.Length))
        {
            if (current is null || current.Range != request.Range(span))
            {
                current = new Protocol.SelectionRange { Range = request.Range(span), Parent = current };
            }
        }

        return current!;
    }
}
