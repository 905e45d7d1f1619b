using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Antlr4.Runtime;
using Rasdl.Collections;
using Rasdl.Syntax;
using Rasdl.Syntax.Generated;
using Rasdl.Text;

namespace Rasdl.Parsing;

/// <summary>
/// A hand-written lexer and recursive-descent parser for the common case, a well-formed file:
/// it follows grammar/Rasdl.g4 token for token and builds the same syntax tree and token list
/// as the ANTLR parser and <see cref="SyntaxBuilder"/>, several times faster and with far
/// fewer allocations. It gives up (returns null) at the first thing it does not expect — a
/// lexical or syntax error, a number too large, an unknown escape — and <see cref="Parser"/>
/// then parses the file with ANTLR, which owns error recovery and every syntax diagnostic.
/// </summary>
/// <summary>
/// The well-formed start of a file with a syntax error: its declarations up to a declaration
/// where the ANTLR parser takes over, with the rest of the file's tokens as ANTLR's lexer would
/// have made them (<see cref="AntlrTokens"/>, comments on the hidden channel, then end of
/// file), and every token of the file (<see cref="Tokens"/>, comments included). The whole
/// file lexed cleanly, and the ANTLR parser starts each declaration in the same state whatever
/// came before, so the tree and the errors are those of lexing and parsing the whole file with
/// ANTLR (a test compares the two on thousands of broken files, and the fuzzer on every input).
/// </summary>
internal sealed record WellFormedPrefix(ImmutableArray<DeclarationSyntax> Declarations, ImmutableArray<int> Starts, TokenList Tokens, ITokenSource AntlrTokens);

internal sealed class WellFormedParser
{
    private enum T : byte
    {
        Eof,
        Ident,
        Number,
        String,
        LineComment,
        BlockComment,
        Arrow,
        LBrace,
        RBrace,
        LParen,
        RParen,
        Semi,
        Colon,
        Comma,
        Dot,

        // Keywords, in the lexer's order.
        Import,
        Platform,
        Features,
        Doc,
        Block,
        On,
        Endpoint,
        Under,
        Region,
        Size,
        At,
        Faults,
        Route,
        Assign,
        To,
        Via,
        Hypervisor,
        Stage2,
        When,
        Profile,
        Extends,
        Claim,
    }

    private static readonly Dictionary<string, T> Keywords = new(StringComparer.Ordinal)
    {
        ["import"] = T.Import, ["platform"] = T.Platform, ["features"] = T.Features, ["doc"] = T.Doc, ["block"] = T.Block,
        ["on"] = T.On, ["endpoint"] = T.Endpoint, ["under"] = T.Under, ["region"] = T.Region, ["size"] = T.Size, ["at"] = T.At,
        ["faults"] = T.Faults, ["route"] = T.Route, ["assign"] = T.Assign, ["to"] = T.To, ["via"] = T.Via,
        ["hypervisor"] = T.Hypervisor, ["stage2"] = T.Stage2, ["when"] = T.When, ["profile"] = T.Profile, ["extends"] = T.Extends,
        ["claim"] = T.Claim,
    };

    private static readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;

    // The part of the text this parser reads: the whole file, or one of the halves of a large one.
    private readonly int _start;
    private readonly int _end;

    // The tokens the parser sees (no comments), as parallel arrays: no object per token. Sized
    // once from the text's length (a token takes at least two characters with its separator):
    // arrays that grow by doubling land on the large-object heap again and again, and each
    // such allocation brings a full collection nearer.
    // The parser's view: each default-channel token's type and its place in _tokens (-1: end of file).
    private readonly ChunkedList<T> _types = new();
    private readonly ChunkedList<int> _at = new();
    private readonly ChunkedList<SyntaxToken> _tokens = new();

    // One string per distinct identifier or keyword: a large file repeats a few hundred words.
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Where the declaration being parsed (or the last one parsed) starts in the file: its nodes' spans are counted from here.</summary>
    private int _origin;

    private WellFormedParser(string text, int start, int end)
    {
        (_text, _start, _end) = (text, start, end);
    }

    /// <summary>The tree of a well-formed file, or null when the file needs the ANTLR parser's error handling.</summary>
    public static SyntaxTree? TryParse(string path, string text) => TryParse(path, text, out _);

    /// <summary>
    /// The tree of a well-formed file; else null and, when the whole file lexed cleanly, the
    /// declarations before the one that failed but one, which are well-formed: the ANTLR parser
    /// then need only parse from there on (see <see cref="WellFormedPrefix"/>).
    /// </summary>
    public static SyntaxTree? TryParse(string path, string text, out WellFormedPrefix? prefix)
    {
        if (text.Length >= SplitFrom && Environment.ProcessorCount > 1 && SplitPoint(text) is { } split
            && TryParseHalves(path, text, split) is { } tree)
        {
            prefix = null;
            return tree;
        }

        return TryParseWhole(path, text, out prefix);
    }

    /// <summary><see cref="TryParse(string, string, out WellFormedPrefix?)"/> on one core, from the start to the end.</summary>
    internal static SyntaxTree? TryParseWhole(string path, string text, out WellFormedPrefix? prefix)
    {
        prefix = null;
        var parser = new WellFormedParser(text, 0, text.Length);
        if (!parser.Lex())
        {
            return null;
        }

        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        var starts = ImmutableArray.CreateBuilder<int>();
        var previousStart = 0; // the first token of the last declaration parsed
        while (parser.Peek != T.Eof)
        {
            var start = parser._next;
            if (parser.Declaration() is not { } declaration)
            {
                // Keep all but the last good declaration: an error at the failing declaration's
                // first token is reported against the token before it, which ANTLR must see.
                if (declarations.Count > 1)
                {
                    declarations.Count--;
                    starts.Count--;
                    prefix = new WellFormedPrefix(declarations.ToImmutable(), starts.ToImmutable(), TokenList.Own(parser._tokens.ToArray()), parser.AntlrTokensFrom(previousStart));
                }

                return null;
            }

            previousStart = start;
            declarations.Add(declaration);
            starts.Add(parser._origin);
        }

        var root = new CompilationUnitSyntax(declarations.ToImmutable(), starts.ToImmutable(), new TextSpan(0, text.Length));
        return new SyntaxTree(path, new SourceText(text), root, TokenList.Own(parser._tokens.ToArray()), []);
    }

    /// <summary>Characters from which a file is parsed in two halves, one on another core (about 15,000 lines).</summary>
    internal const int SplitFrom = 1 << 19;

    // What a top-level declaration starts with, at the start of a line.
    private static readonly string[] DeclarationStarts = ["block ", "endpoint ", "route ", "assign ", "platform ", "hypervisor ", "profile ", "import "];

    /// <summary>
    /// Where a large file may be cut in two: the first line from the middle on that starts (in
    /// its first column) with a word only a declaration starts with. Only a guess — the line may
    /// be inside a block comment or a body — which <see cref="TryParseHalves"/> checks.
    /// </summary>
    internal static int? SplitPoint(string text)
    {
        for (var newline = text.IndexOf('\n', text.Length / 2); newline >= 0 && newline + 1 < text.Length; newline = text.IndexOf('\n', newline + 1))
        {
            var line = text.AsSpan(newline + 1);
            foreach (var start in DeclarationStarts)
            {
                if (line.StartsWith(start, StringComparison.Ordinal))
                {
                    return newline + 1;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The tree of a well-formed file parsed as two halves at once, cut at <paramref name="split"/>
    /// (a line start); null when either half does not lex and parse by itself to its end, and the
    /// file must be parsed whole. A half that does is a run of whole declarations: the first
    /// lexed up to the cut without a token or comment running over it (a line ends every token
    /// but a block comment, which the bounded lexer finds unterminated), and parsed to its last
    /// token with every declaration closed; the second from a clean start. Each declaration is
    /// parsed in the same state whatever came before it, so the halves' declarations and tokens,
    /// put together, are the whole file's (a test cuts every example at every line).
    /// </summary>
    internal static SyntaxTree? TryParseHalves(string path, string text, int split)
    {
        var second = Task.Run(() => Half(text, split, text.Length));
        var first = Half(text, 0, split);
        var rest = second.GetAwaiter().GetResult(); // a failure as itself, as on one core
        if (first is not var (firstParser, firstDeclarations, firstStarts) || rest is not var (restParser, restDeclarations, restStarts))
        {
            return null;
        }

        var tokens = new SyntaxToken[firstParser._tokens.Count + restParser._tokens.Count];
        firstParser._tokens.CopyTo(tokens, 0);
        restParser._tokens.CopyTo(tokens, firstParser._tokens.Count);
        var root = new CompilationUnitSyntax([.. firstDeclarations, .. restDeclarations], [.. firstStarts, .. restStarts], new TextSpan(0, text.Length));
        return new SyntaxTree(path, new SourceText(text), root, TokenList.Own(tokens), []);
    }

    // One half of a file, lexed and parsed to its end; null if it does not lex or parse by itself.
    private static (WellFormedParser Parser, List<DeclarationSyntax> Declarations, List<int> Starts)? Half(string text, int start, int end)
    {
        var parser = new WellFormedParser(text, start, end);
        if (!parser.Lex())
        {
            return null;
        }

        var declarations = new List<DeclarationSyntax>();
        var starts = new List<int>();
        while (parser.Peek != T.Eof)
        {
            if (parser.Declaration() is not { } declaration)
            {
                return null;
            }

            declarations.Add(declaration);
            starts.Add(parser._origin);
        }

        return (parser, declarations, starts);
    }

    // The tokens from the default-channel token at index `first` on, as ANTLR tokens: the same
    // types, channels, offsets, lines and columns its lexer gives them (whitespace left out: the
    // parser never sees it), ending with the end-of-file token.
    private ListTokenSource AntlrTokensFrom(int first)
    {
        var text = _text.AsSpan();
        var resume = StartOf(first);
        var result = new List<IToken>(_types.Count - first + 16);
        var tokenSource = new ListTokenSource(result);
        // Error recovery makes up missing tokens from a real token's source and character stream.
        var origin = Tuple.Create<ITokenSource, ICharStream>(tokenSource, new AntlrInputStream(_text));
        var line = text[..resume].Count('\n') + 1;
        var lineStart = text[..resume].LastIndexOf('\n') + 1;
        var counted = resume;
        void Advance(int to, ReadOnlySpan<char> all)
        {
            var between = all[counted..to];
            var newlines = between.Count('\n');
            if (newlines > 0)
            {
                line += newlines;
                lineStart = counted + between.LastIndexOf('\n') + 1;
            }

            counted = to;
        }

        var next = first;
        for (var t = 0; t < _tokens.Count; t++)
        {
            var token = _tokens[t];
            var start = token.Span.Start;
            if (start < resume)
            {
                continue;
            }

            Advance(start, text);
            var comment = token.Kind is TokenKind.LineComment or TokenKind.BlockComment;
            var type = token.Kind switch
            {
                TokenKind.LineComment => RasdlLexer.LINE_COMMENT,
                TokenKind.BlockComment => RasdlLexer.BLOCK_COMMENT,
                _ => AntlrType(_types[next++]),
            };
            result.Add(new CommonToken(origin, type, comment ? TokenConstants.HiddenChannel : TokenConstants.DefaultChannel, start, token.Span.End - 1)
            {
                Text = token.Text,
                Line = line,
                Column = start - lineStart,
            });
        }

        Advance(_text.Length, text);
        result.Add(new CommonToken(origin, TokenConstants.EOF, TokenConstants.DefaultChannel, _text.Length, _text.Length - 1)
        {
            Line = line,
            Column = _text.Length - lineStart,
        });
        return tokenSource;
    }

    private static int AntlrType(T type) => type switch
    {
        T.Ident => RasdlLexer.IDENT,
        T.Number => RasdlLexer.NUMBER,
        T.String => RasdlLexer.STRING,
        T.Arrow => RasdlLexer.ARROW,
        T.LBrace => RasdlLexer.LBRACE,
        T.RBrace => RasdlLexer.RBRACE,
        T.LParen => RasdlLexer.LPAREN,
        T.RParen => RasdlLexer.RPAREN,
        T.Semi => RasdlLexer.SEMI,
        T.Colon => RasdlLexer.COLON,
        T.Comma => RasdlLexer.COMMA,
        T.Dot => RasdlLexer.DOT,
        >= T.Import and <= T.Claim => RasdlLexer.IMPORT + (type - T.Import), // keywords, in the lexer's order
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no ANTLR token type"),
    };

    // ------------------------------------------------------------------ lexer

    private bool Lex()
    {
        var text = _text;
        var end = _end;
        var i = _start;
        while (i < end)
        {
            var c = text[i];
            var start = i;
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n' or '\f' or '\u000B' or '\u00A0' or '\uFEFF':
                    i++;
                    continue;
                case '/' when i + 1 < end && text[i + 1] == '/':
                    while (i < end && text[i] != '\r' && text[i] != '\n')
                    {
                        i++;
                    }

                    _tokens.Add(new SyntaxToken(TokenKind.LineComment, TextSpan.FromBounds(start, i), text[start..i]));
                    continue;
                case '/' when i + 1 < end && text[i + 1] == '*':
                    var close = text.IndexOf("*/", i + 2, end - (i + 2), StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return false; // unterminated: a lexical error
                    }

                    i = close + 2;
                    _tokens.Add(new SyntaxToken(TokenKind.BlockComment, TextSpan.FromBounds(start, i), text[start..i]));
                    continue;
                case '"':
                    i++;
                    while (i < end && text[i] != '"')
                    {
                        if (text[i] is '\r' or '\n')
                        {
                            return false;
                        }

                        if (text[i] == '\\')
                        {
                            if (i + 1 >= end || text[i + 1] is not ('"' or '\\' or 'n' or 't'))
                            {
                                return false; // an escape the builder reports, or an unterminated string
                            }

                            i++;
                        }

                        i++;
                    }

                    if (i >= end)
                    {
                        return false;
                    }

                    i++;
                    Add(T.String, TokenKind.String, start, i, text[start..i]);
                    continue;
                case '-' when i + 1 < end && text[i + 1] == '>':
                    i += 2;
                    Add(T.Arrow, TokenKind.Arrow, start, i, "->");
                    continue;
                case '{': Punctuation(T.LBrace, ref i, "{"); continue;
                case '}': Punctuation(T.RBrace, ref i, "}"); continue;
                case '(': Punctuation(T.LParen, ref i, "("); continue;
                case ')': Punctuation(T.RParen, ref i, ")"); continue;
                case ';': Punctuation(T.Semi, ref i, ";"); continue;
                case ':': Punctuation(T.Colon, ref i, ":"); continue;
                case ',': Punctuation(T.Comma, ref i, ","); continue;
                case '.': Punctuation(T.Dot, ref i, "."); continue;
            }

            if (char.IsAsciiDigit(c))
            {
                if (c == '0' && i + 2 < end && text[i + 1] is 'x' or 'X' && char.IsAsciiHexDigit(text[i + 2]))
                {
                    i += 3;
                    while (i < end && (char.IsAsciiHexDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }
                }
                else
                {
                    i++;
                    while (i < end && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    if (i < end && text[i] is 'K' or 'M' or 'G' or 'T')
                    {
                        i++;
                    }
                }

                // "12ab" or "0x": two tokens to ANTLR, and certainly a syntax error here.
                if (i < end && IsWordChar(text[i]))
                {
                    return false;
                }

                Add(T.Number, TokenKind.Number, start, i, text[start..i]);
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                i++;
                while (i < end && IsWordChar(text[i]))
                {
                    i++;
                }

                var span = text.AsSpan(start, i - start);
                if (KeywordLookup.TryGetValue(span, out var keywordText, out var keyword))
                {
                    Add(keyword, TokenKind.Keyword, start, i, keywordText);
                }
                else
                {
                    Add(T.Ident, TokenKind.Identifier, start, i, Word(span));
                }

                continue;
            }

            return false; // a character no token starts with
        }

        _types.Add(T.Eof);
        _at.Add(-1);
        return true;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private string Word(ReadOnlySpan<char> span)
    {
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(span, out var known))
        {
            return known;
        }

        var word = span.ToString();
        _words.Add(word);
        return word;
    }

    private void Punctuation(T type, ref int i, string text)
    {
        Add(type, TokenKind.Punctuation, i, i + 1, text);
        i++;
    }

    private void Add(T type, TokenKind kind, int start, int end, string text)
    {
        _types.Add(type);
        _at.Add(_tokens.Count);
        _tokens.Add(new SyntaxToken(kind, TextSpan.FromBounds(start, end), text));
    }

    // ------------------------------------------------------------------ parser (null: give up)

    private T Peek => _types[_next];

    private bool Accept(T type)
    {
        if (_types[_next] != type)
        {
            return false;
        }

        _next++;
        return true;
    }

    private int StartOfNext => StartOf(_next);

    private int EndOfPrevious => EndOf(_next - 1);

    private int StartOf(int index) => _at[index] < 0 ? _end : _tokens[_at[index]].Span.Start;

    private int EndOf(int index) => _at[index] < 0 ? _end : _tokens[_at[index]].Span.End;

    private string TextOf(int index) => _tokens[_at[index]].Text;

    // Nodes are placed relative to the declaration being parsed (SyntaxNode).
    private TextSpan SpanFrom(int start) => TextSpan.FromBounds(start - _origin, EndOfPrevious - _origin);

    private TextSpan SpanOfToken(int index) => TextSpan.FromBounds(StartOf(index) - _origin, EndOf(index) - _origin);

    private IdentifierSyntax? Identifier()
    {
        if (Peek != T.Ident)
        {
            return null;
        }

        var index = _next++;
        return new IdentifierSyntax(TextOf(index), SpanOfToken(index));
    }

    private ImmutableArray<IdentifierSyntax>? IdentifierList()
    {
        var list = ImmutableArray.CreateBuilder<IdentifierSyntax>();
        do
        {
            if (Identifier() is not { } identifier)
            {
                return null;
            }

            list.Add(identifier);
        }
        while (Accept(T.Comma));

        return list.ToImmutable();
    }

    private StringLiteralSyntax? String()
    {
        if (Peek != T.String)
        {
            return null;
        }

        var index = _next++;
        var raw = _text.AsSpan(StartOf(index) + 1, EndOf(index) - StartOf(index) - 2);
        var value = raw.Contains('\\') ? Unescape(raw) : raw.ToString();
        return new StringLiteralSyntax(value, SpanOfToken(index));
    }

    // Only the escapes the lexer let through: \" \\ \n \t (SyntaxBuilder.Unescape).
    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var result = new System.Text.StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                result.Append(raw[i]);
                continue;
            }

            i++;
            result.Append(raw[i] switch { 'n' => '\n', 't' => '\t', var c => c });
        }

        return result.ToString();
    }

    private NumberLiteralSyntax? Number()
    {
        if (Peek != T.Number)
        {
            return null;
        }

        var index = _next++;
        var text = TextOf(index);
        return Parser.ParseNumber(text) is { } value
            ? new NumberLiteralSyntax(text, value, SpanOfToken(index))
            : null; // too large: the builder reports it
    }

    private DeclarationSyntax? Declaration()
    {
        var start = StartOfNext;
        _origin = start;
        switch (Peek)
        {
            case T.Import:
                _next++;
                return String() is { } path && Accept(T.Semi) ? new ImportDeclarationSyntax(path, SpanFrom(start)) : null;
            case T.Platform:
            {
                _next++;
                if (Identifier() is not { } name || !Accept(T.LBrace))
                {
                    return null;
                }

                return Members(memberStart => Peek switch
                {
                    T.Doc => Doc(),
                    T.Features => Accept(T.Features) && IdentifierList() is { } features && Accept(T.Semi)
                        ? new FeaturesClauseSyntax(features, SpanFrom(memberStart))
                        : null,
                    _ => null,
                }) is { } body
                    ? new PlatformDeclarationSyntax(name, body, SpanFrom(start))
                    : null;
            }

            case T.Block:
            {
                _next++;
                if (Identifier() is not { } name || !Accept(T.Colon) || Identifier() is not { } kind)
                {
                    return null;
                }

                IdentifierSyntax? @base = null;
                if (Accept(T.Extends) && (@base = Identifier()) is null)
                {
                    return null;
                }

                if (!Accept(T.LBrace))
                {
                    return null;
                }

                return Members(_ => Peek switch
                {
                    T.Doc => Doc(),
                    T.On => Rule(),
                    T.Claim => Claim(),
                    _ => null,
                }) is { } body
                    ? new BlockDeclarationSyntax(name, kind, @base, body, SpanFrom(start))
                    : null;
            }

            case T.Endpoint:
            {
                _next++;
                if (Identifier() is not { } name || !Accept(T.Colon) || Identifier() is not { } kind
                    || !Accept(T.Under) || Identifier() is not { } parent || !Accept(T.LBrace))
                {
                    return null;
                }

                return Members(memberStart => Peek switch
                {
                    T.Doc => Doc(),
                    T.Region => Region(),
                    T.Faults => Accept(T.Faults) && IdentifierList() is { } faults && Accept(T.Semi)
                        ? new FaultsClauseSyntax(faults, SpanFrom(memberStart))
                        : null,
                    _ => null,
                }) is { } body
                    ? new EndpointDeclarationSyntax(name, kind, parent, body, SpanFrom(start))
                    : null;
            }

            case T.Route:
            {
                _next++;
                var hops = ImmutableArray.CreateBuilder<IdentifierSyntax>();
                if (Identifier() is not { } first)
                {
                    return null;
                }

                hops.Add(first);
                do
                {
                    if (!Accept(T.Arrow) || Identifier() is not { } hop)
                    {
                        return null;
                    }

                    hops.Add(hop);
                }
                while (Peek != T.Semi);

                _next++;
                return new RouteDeclarationSyntax(hops.ToImmutable(), SpanFrom(start));
            }

            case T.Assign:
                _next++;
                return Identifier() is { } endpoint && Accept(T.Dot) && Identifier() is { } region && Accept(T.To)
                    && Identifier() is { } target && Accept(T.Via) && Identifier() is { } driver && Accept(T.Semi)
                    ? new AssignDeclarationSyntax(endpoint, region, target, driver, SpanFrom(start))
                    : null;
            case T.Hypervisor:
            {
                _next++;
                if (Identifier() is not { } name || !Accept(T.LBrace))
                {
                    return null;
                }

                return Members(_ => Peek switch
                {
                    T.Doc => Doc(),
                    T.Stage2 => Stage2Policy(),
                    T.On => Treatment(),
                    _ => null,
                }) is { } body
                    ? new HypervisorDeclarationSyntax(name, body, SpanFrom(start))
                    : null;
            }

            case T.Profile:
            {
                _next++;
                if (Identifier() is not { } name || !Accept(T.LBrace))
                {
                    return null;
                }

                return Members(memberStart => Peek switch
                {
                    T.Doc => Doc(),
                    T.Hypervisor => Accept(T.Hypervisor) && Identifier() is { } hypervisor && Accept(T.Semi)
                        ? new ProfileHypervisorSyntax(hypervisor, SpanFrom(memberStart))
                        : null,
                    _ => null,
                }) is { } body
                    ? new ProfileDeclarationSyntax(name, body, SpanFrom(start))
                    : null;
            }

            default:
                return null;
        }
    }

    private DocClauseSyntax? Doc()
    {
        var start = StartOfNext;
        return Accept(T.Doc) && String() is { } text && Accept(T.Semi) ? new DocClauseSyntax(text, SpanFrom(start)) : null;
    }

    private ConversionRuleSyntax? Rule()
    {
        var start = StartOfNext;
        if (!Accept(T.On) || Identifier() is not { } error || !OptionalFilter(out var filter) || !Accept(T.Arrow))
        {
            return null;
        }

        var outcomes = ImmutableArray.CreateBuilder<OutcomeSyntax>();
        do
        {
            if (Outcome() is not { } outcome)
            {
                return null;
            }

            outcomes.Add(outcome);
        }
        while (Accept(T.Comma));

        return Accept(T.Semi) ? new ConversionRuleSyntax(error, filter, outcomes.ToImmutable(), SpanFrom(start)) : null;
    }

    private ClaimClauseSyntax? Claim()
    {
        var start = StartOfNext;
        return Accept(T.Claim) && Identifier() is { } name && OptionalFilter(out var filter) && Accept(T.Semi)
            ? new ClaimClauseSyntax(name, filter, SpanFrom(start))
            : null;
    }

    /// <summary>A filter if one follows (false: it does not parse).</summary>
    private bool OptionalFilter(out FilterSyntax? filter)
    {
        filter = null;
        var start = StartOfNext;
        if (!Accept(T.LParen))
        {
            return true;
        }

        if (IdentifierList() is not { } words || !Accept(T.RParen))
        {
            return false;
        }

        filter = new FilterSyntax(words, SpanFrom(start));
        return true;
    }

    private OutcomeSyntax? Outcome()
    {
        var start = StartOfNext;
        if (Identifier() is not { } name)
        {
            return null;
        }

        ImmutableArray<IdentifierSyntax> arguments = default;
        if (Accept(T.LParen))
        {
            if (IdentifierList() is not { } list || !Accept(T.RParen))
            {
                return null;
            }

            arguments = list;
        }

        return new OutcomeSyntax(name, arguments, SpanFrom(start));
    }

    private RegionDeclarationSyntax? Region()
    {
        var start = StartOfNext;
        if (!Accept(T.Region) || Identifier() is not { } name || Identifier() is not { } space)
        {
            return null;
        }

        NumberLiteralSyntax? size = null;
        if (Accept(T.Size) && (size = Number()) is null)
        {
            return null;
        }

        NumberLiteralSyntax? @base = null;
        if (Accept(T.At) && (@base = Number()) is null)
        {
            return null;
        }

        var attributes = ImmutableArray.CreateBuilder<IdentifierSyntax>();
        while (Identifier() is { } attribute)
        {
            attributes.Add(attribute);
        }

        StringLiteralSyntax? doc = null;
        if (Accept(T.Doc) && (doc = String()) is null)
        {
            return null;
        }

        return Accept(T.Semi) ? new RegionDeclarationSyntax(name, space, size, @base, attributes.ToImmutable(), doc, SpanFrom(start)) : null;
    }

    private Stage2PolicySyntax? Stage2Policy()
    {
        var start = StartOfNext;
        return Accept(T.Stage2) && Identifier() is { } driver && Conditions() is { } conditions
            && Accept(T.Arrow) && Identifier() is { } attribute && Accept(T.Semi)
            ? new Stage2PolicySyntax(driver, conditions, attribute, SpanFrom(start))
            : null;
    }

    private OutcomeTreatmentSyntax? Treatment()
    {
        var start = StartOfNext;
        return Accept(T.On) && Outcome() is { } outcome && Conditions() is { } conditions
            && Accept(T.Arrow) && Identifier() is { } action && Accept(T.Semi)
            ? new OutcomeTreatmentSyntax(outcome, conditions, action, SpanFrom(start))
            : null;
    }

    /// <summary><c>when A, B</c> if it follows (empty if not); null when it does not parse.</summary>
    private ImmutableArray<IdentifierSyntax>? Conditions() => Accept(T.When) ? IdentifierList() : ImmutableArray<IdentifierSyntax>.Empty;

    /// <summary>The members of a body up to its closing brace, or null when one does not parse.</summary>
    private ImmutableArray<SyntaxNode>? Members(Func<int, SyntaxNode?> member)
    {
        var body = ImmutableArray.CreateBuilder<SyntaxNode>();
        while (!Accept(T.RBrace))
        {
            if (member(StartOfNext) is not { } parsed)
            {
                return null;
            }

            body.Add(parsed);
        }

        return body.ToImmutable();
    }
}
