using Rasdl.Collections;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using StreamJsonRpc;
using SymbolKind = Rasdl.Semantics.SymbolKind;

namespace Rasdl.LanguageServer.Features.SemanticTokens;

/// <summary>
/// Semantic tokens (full document): keywords, comments, literals, and each name coloured by what
/// it resolved to. Each answer has a result id; asked for the change since an earlier answer
/// (<c>semanticTokens/full/delta</c>, which VS Code asks after an edit), the server sends the one
/// stretch of numbers that differs instead of the whole document's (4.4 MB at 100k lines).
/// </summary>
public sealed class SemanticTokensHandler(RasdlWorkspace workspace)
{
    /// <summary>Open documents whose last answer is kept for a delta (8 MB of numbers at 100k lines); the longest unasked goes first.</summary>
    private const int KeptAnswers = 4;

    // The last answer per document: its result id and its numbers.
    private readonly Dictionary<string, (string ResultId, int[] Data, long Asked)> _answers = new(StringComparer.Ordinal);
    private long _answered;

    [JsonRpcMethod(Methods.TextDocumentSemanticTokensFull, UseSingleObjectParameterDeserialization = true)]
    public Protocol.SemanticTokens SemanticTokensFull(SemanticTokensParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return new Protocol.SemanticTokens { Data = [] };
        }

        var data = Tokens(request, cancellationToken);
        return new Protocol.SemanticTokens { ResultId = Keep(request.Path, data), Data = data };
    }

    /// <summary>The change since the answer <c>previousResultId</c> names, as one edit of its numbers; the whole answer when that one is not kept.</summary>
    [JsonRpcMethod(Methods.TextDocumentSemanticTokensFullDelta, UseSingleObjectParameterDeserialization = true)]
    public object SemanticTokensFullDelta(SemanticTokensDeltaParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return new Protocol.SemanticTokens { Data = [] };
        }

        var data = Tokens(request, cancellationToken);
        int[]? previous;
        lock (_answers)
        {
            previous = _answers.TryGetValue(request.Path, out var kept) && kept.ResultId == parameters.PreviousResultId ? kept.Data : null;
        }

        var resultId = Keep(request.Path, data);
        return previous is null
            ? new Protocol.SemanticTokens { ResultId = resultId, Data = data }
            : new SemanticTokensDelta { ResultId = resultId, Edits = Difference(previous, data) };
    }

    /// <summary>The edits that turn <paramref name="before"/> into <paramref name="after"/>: none, or the one stretch between their common start and common end.</summary>
    private static SemanticTokensEdit[] Difference(int[] before, int[] after)
    {
        var prefix = before.AsSpan().CommonPrefixLength(after);
        if (prefix == before.Length && prefix == after.Length)
        {
            return [];
        }

        var suffix = Spans.CommonSuffixLength<int>(before.AsSpan(prefix), after.AsSpan(prefix));

        return [new SemanticTokensEdit { Start = prefix, DeleteCount = before.Length - prefix - suffix, Data = after[prefix..(after.Length - suffix)] }];
    }

    private string Keep(string path, int[] data)
    {
        lock (_answers)
        {
            var resultId = (++_answered).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_answers.ContainsKey(path) && _answers.Count >= KeptAnswers)
            {
                // A closed document's answer goes first, else the one asked for longest ago.
                var open = workspace.OpenDocuments.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
                _answers.Remove(_answers.OrderBy(a => open.Contains(a.Key)).ThenBy(a => a.Value.Asked).First().Key);
            }

            _answers[path] = (resultId, data, _answered);
            return resultId;
        }
    }

    private static int[] Tokens(DocumentRequest request, CancellationToken cancellationToken)
    {

        // The file's names and words by where they start; of two at one place, the first recorded.
        // Plain loops and tables: a 100k-line file has about 200,000 of them.
        // The model's references come declaration by declaration: each declaration is looked up
        // once per run of them, not once per reference.
        var places = new PlacementRun(request.Model.Placement);
        var symbols = new Dictionary<int, SymbolReference>();
        foreach (var reference in request.Model.References)
        {
            if (places.Find(reference.Place.Owner) is var (tree, start) && tree == request.Tree)
            {
                symbols.TryAdd(start + reference.Place.Span.Start, reference);
            }
        }

        var words = new Dictionary<int, WordReference>();
        foreach (var word in request.Model.WordReferences)
        {
            if (places.Find(word.Place.Owner) is var (tree, start) && tree == request.Tree)
            {
                words.TryAdd(start + word.Place.Span.Start, word);
            }
        }

        var encoder = new Encoder(request.Tree.Text, request.Tree.Tokens.Length);
        foreach (var token in request.Tree.Tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, modifiers) = token.Kind switch
            {
                TokenKind.Keyword => (SemanticTokenType.Keyword, 0),
                TokenKind.LineComment or TokenKind.BlockComment => (SemanticTokenType.Comment, 0),
                TokenKind.String => (SemanticTokenType.String, 0),
                TokenKind.Number => (SemanticTokenType.Number, 0),
                TokenKind.Arrow => (SemanticTokenType.Operator, 0),
                TokenKind.Identifier when symbols.TryGetValue(token.Span.Start, out var reference) => ForSymbol(reference),
                TokenKind.Identifier when words.TryGetValue(token.Span.Start, out var word) =>
                    (word.Word.Category is "block kind" or "endpoint kind" ? SemanticTokenType.Type : SemanticTokenType.EnumMember, 0),
                _ => ((SemanticTokenType?)null, 0),
            };
            if (type is { } known)
            {
                encoder.Add(token.Span, (int)known, modifiers);
            }
        }

        return encoder.ToArray();
    }

    private static (SemanticTokenType?, int) ForSymbol(SymbolReference reference)
    {
        var type = reference.Symbol.Kind switch
        {
            SymbolKind.Block => SemanticTokenType.Class,
            SymbolKind.Endpoint => SemanticTokenType.Struct,
            SymbolKind.Region => SemanticTokenType.Property,
            SymbolKind.Hypervisor => SemanticTokenType.Interface,
            _ => SemanticTokenType.Namespace,
        };
        var modifiers = (reference.IsDeclaration ? SemanticTokenLegend.DeclarationModifier : 0)
            | (reference.Symbol.IsInStandardLibrary ? SemanticTokenLegend.DefaultLibraryModifier : 0);
        return (type, modifiers);
    }

    /// <summary>
    /// LSP's relative encoding (line delta, start delta, length, type, modifiers); multi-line tokens
    /// are split per line. Tokens come in file order, so the line of each position is found by
    /// walking on from the last one, not by a search from the start.
    /// </summary>
    private sealed class Encoder(SourceText text, int tokens)
    {
        private readonly List<int> _data = new(tokens * 5);
        private int _line;
        private int _character;
        private int _lineOf;

        public void Add(TextSpan span, int type, int modifiers)
        {
            var start = LinePosition(span.Start);
            var end = LinePosition(span.End);
            for (var line = start.Line; line <= end.Line; line++)
            {
                var from = line == start.Line ? start.Character : 0;
                var to = line == end.Line ? end.Character : text.GetLineEnd(line) - text.LineStarts[line];
                if (to > from)
                {
                    _data.Add(line - _line);
                    _data.Add(line == _line ? from - _character : from);
                    _data.Add(to - from);
                    _data.Add(type);
                    _data.Add(modifiers);
                    _line = line;
                    _character = from;
                }
            }
        }

        public int[] ToArray() => [.. _data];

        // The same as SourceText.GetLinePosition for positions that never go back.
        private LinePosition LinePosition(int position)
        {
            position = Math.Clamp(position, 0, text.Length);
            var starts = text.LineStarts;
            while (_lineOf + 1 < starts.Length && starts[_lineOf + 1] <= position)
            {
                _lineOf++;
            }

            return new LinePosition(_lineOf, position - starts[_lineOf]);
        }
    }
}
