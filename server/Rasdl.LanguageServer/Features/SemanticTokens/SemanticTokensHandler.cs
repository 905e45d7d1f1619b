using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using StreamJsonRpc;
using SymbolKind = Rasdl.Semantics.SymbolKind;

namespace Rasdl.LanguageServer.Features.SemanticTokens;

/// <summary>Semantic tokens (full document): keywords, comments, literals, and each name coloured by what it resolved to.</summary>
public sealed class SemanticTokensHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentSemanticTokensFull, UseSingleObjectParameterDeserialization = true)]
    public Protocol.SemanticTokens SemanticTokensFull(SemanticTokensParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return new Protocol.SemanticTokens { Data = [] };
        }

        var symbols = request.Model.References.Where(r => r.Path == request.Path).GroupBy(r => r.Span.Start).ToDictionary(g => g.Key, g => g.First());
        var words = request.Model.WordReferences.Where(r => r.Path == request.Path).GroupBy(r => r.Span.Start).ToDictionary(g => g.Key, g => g.First());
        var encoder = new Encoder(request.Tree.Text);
        foreach (var token in request.Tree.Tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, modifiers) = token.Kind switch
            {
                TokenKind.Keyword => (SemanticTokenTypes.Keyword, 0),
                TokenKind.LineComment or TokenKind.BlockComment => (SemanticTokenTypes.Comment, 0),
                TokenKind.String => (SemanticTokenTypes.String, 0),
                TokenKind.Number => (SemanticTokenTypes.Number, 0),
                TokenKind.Arrow => (SemanticTokenTypes.Operator, 0),
                TokenKind.Identifier when symbols.TryGetValue(token.Span.Start, out var reference) => ForSymbol(reference),
                TokenKind.Identifier when words.TryGetValue(token.Span.Start, out var word) =>
                    (word.Word.Category is "block kind" or "endpoint kind" ? SemanticTokenTypes.Type : SemanticTokenTypes.EnumMember, 0),
                _ => (null, 0),
            };
            if (type is not null)
            {
                encoder.Add(token.Span, SemanticTokenLegend.TypeIndex(type), modifiers);
            }
        }

        return new Protocol.SemanticTokens { Data = encoder.ToArray() };
    }

    private static (string, int) ForSymbol(SymbolReference reference)
    {
        var type = reference.Symbol.Kind switch
        {
            SymbolKind.Block => SemanticTokenTypes.Class,
            SymbolKind.Endpoint => SemanticTokenTypes.Struct,
            SymbolKind.Region => SemanticTokenTypes.Property,
            SymbolKind.Hypervisor => SemanticTokenTypes.Interface,
            _ => SemanticTokenTypes.Namespace,
        };
        var modifiers = (reference.IsDeclaration ? SemanticTokenLegend.DeclarationModifier : 0)
            | (reference.Symbol.Location.IsInStandardLibrary ? SemanticTokenLegend.DefaultLibraryModifier : 0);
        return (type, modifiers);
    }

    /// <summary>LSP's relative encoding (line delta, start delta, length, type, modifiers); multi-line tokens are split per line.</summary>
    private sealed class Encoder(SourceText text)
    {
        private readonly List<int> _data = [];
        private int _line;
        private int _character;

        public void Add(TextSpan span, int type, int modifiers)
        {
            var start = text.GetLinePosition(span.Start);
            var end = text.GetLinePosition(span.End);
            for (var line = start.Line; line <= end.Line; line++)
            {
                var from = line == start.Line ? start.Character : 0;
                var to = line == end.Line ? end.Character : text.GetLineEnd(line) - text.LineStarts[line];
                if (to > from)
                {
                    _data.AddRange([line - _line, line == _line ? from - _character : from, to - from, type, modifiers]);
                    _line = line;
                    _character = from;
                }
            }
        }

        public int[] ToArray() => [.. _data];
    }
}
