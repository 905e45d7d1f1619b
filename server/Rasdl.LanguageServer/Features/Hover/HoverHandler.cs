using Rasdl.Diagnostics;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Syntax;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Hover;

/// <summary>
/// Hover: documentation of the vocabulary word, declared name or diagnostic code under the
/// cursor. A region's hover shows its verdict per profile, which needs the whole analysis: like
/// inlay hints, hovers are answered after the latest edit's diagnostics, off the message queue,
/// and end with ContentModified when the document changes meanwhile (<see cref="OffTheQueue"/>).
/// </summary>
public sealed class HoverHandler(RasdlWorkspace workspace, DiagnosticPublisher diagnostics)
{
    [JsonRpcMethod(Methods.TextDocumentHover, UseSingleObjectParameterDeserialization = true)]
    public Task<Protocol.Hover?> Hover(HoverParams parameters, CancellationToken cancellationToken) =>
        OffTheQueue.Run(workspace, diagnostics, parameters.TextDocument.Uri, (request, token) => Hover(request, parameters.Position, token), null, cancellationToken);

    private static Protocol.Hover? Hover(DocumentRequest request, Position position, CancellationToken cancellationToken)
    {
        var offset = request.Offset(position);
        if (request.Model.FindReference(request.Path, offset) is { } reference)
        {
            return Markdown(HoverContent.ForSymbol(reference.Symbol, request.Compilation, cancellationToken), request.Range(request.Model.SpanOf(reference.Place)));
        }

        if (request.Model.FindWord(request.Path, offset) is { } word)
        {
            return Markdown(HoverContent.ForWord(word.Word), request.Range(request.Model.SpanOf(word.Place)));
        }

        return DiagnosticCodeAt(request, offset);
    }

    /// <summary>A code in a <c>// rasdl-disable-next-line CODE</c> comment: its help page.</summary>
    private static Protocol.Hover? DiagnosticCodeAt(DocumentRequest request, int offset)
    {
        var comment = request.Tree.Tokens.FirstOrDefault(t => t.Kind == TokenKind.LineComment && t.Span.Touches(offset));
        if (comment.Text is null)
        {
            return null;
        }

        var start = offset - comment.Span.Start;
        while (start > 0 && char.IsAsciiLetterOrDigit(comment.Text[start - 1]))
        {
            start--;
        }

        var end = offset - comment.Span.Start;
        while (end < comment.Text.Length && char.IsAsciiLetterOrDigit(comment.Text[end]))
        {
            end++;
        }

        var word = comment.Text[start..end];
        return word.Length > 0 && DiagnosticCatalogue.TryGet(word, out var descriptor)
            ? Markdown(DiagnosticHelp.ToMarkdown(descriptor), request.Range(new Rasdl.Text.TextSpan(comment.Span.Start + start, end - start)))
            : null;
    }

    private static Protocol.Hover Markdown(string markdown, Protocol.Range range) => new()
    {
        Contents = new MarkupContent { Kind = MarkupKind.Markdown, Value = markdown },
        Range = range,
    };
}
