using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Syntax.Generated;
using Rasdl.Text;

namespace Rasdl.Parsing;

/// <summary>Parses RASDL text into a <see cref="SyntaxTree"/> with the generated ANTLR parser, never throwing on bad input.</summary>
public static class Parser
{
    /// <summary>Syntax errors listed per file before the rest are summarised in one diagnostic.</summary>
    public const int MaxSyntaxErrors = 100;

    private const int LexicalErrorChannel = 2;

    /// <summary>
    /// Parses a file: a well-formed file with the hand-written <see cref="WellFormedParser"/>,
    /// which builds the same tree several times faster; anything else with the ANTLR parser,
    /// which recovers from errors and reports them.
    /// </summary>
    public static SyntaxTree Parse(string path, string text) =>
        WellFormedParser.TryParse(path, text, out var prefix) ?? ParseWithAntlr(path, text, prefix);

    /// <summary>Parses with the generated ANTLR parser and its error recovery (also the reference the fast path is tested against).</summary>
    internal static SyntaxTree ParseWithAntlr(string path, string text) => ParseWithAntlr(path, text, null);

    /// <summary>
    /// Parses with the ANTLR parser from the end of a well-formed prefix (null: from the start),
    /// and puts the prefix's declarations and tokens in front of what it parsed.
    /// </summary>
    internal static SyntaxTree ParseWithAntlr(string path, string text, WellFormedPrefix? prefix)
    {
        var source = new SourceText(text);
        // AntlrInputStream indexes UTF-16 code units, as SourceText and LSP do. After a
        // well-formed prefix, the fast lexer's tokens stand in for ANTLR's lexer.
        ITokenSource tokenSource;
        if (prefix is null)
        {
            var lexer = new RasdlLexer(new AntlrInputStream(text));
            lexer.RemoveErrorListeners();
            tokenSource = lexer;
        }
        else
        {
            tokenSource = prefix.AntlrTokens;
        }

        var stream = new CommonTokenStream(tokenSource);
        stream.Fill();

        var errors = new List<SyntaxError>();
        var parser = new RasdlParser(stream) { ErrorHandler = new RasdlErrorStrategy(errors), BuildParseTree = true };
        parser.RemoveErrorListeners();
        // The grammar is LL(1) apart from lists, so SLL prediction is exact and fast.
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        var unit = parser.compilationUnit();

        var tokens = stream.GetTokens();
        var diagnostics = new List<Diagnostic>();
        var builder = new SyntaxBuilder(source, path, diagnostics);
        var root = builder.Build(unit);
        if (prefix is not null)
        {
            root = new CompilationUnitSyntax([.. prefix.Declarations, .. root.Declarations], [.. prefix.Starts, .. root.Starts], root.RelativeSpan);
        }

        var syntaxErrors = new List<(TextSpan Span, DiagnosticDescriptor Descriptor, object?[] Arguments)>();
        var joinedWordEnds = new HashSet<int>();
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Channel != LexicalErrorChannel)
            {
                continue;
            }

            if (HyphenatedWord(tokens, index) is { } joined)
            {
                // `vfio-pci`: one message that says how RASDL spells it; the parser's complaint about the second half is the same mistake.
                syntaxErrors.Add((RasdlErrorStrategy.SpanOf(token), DiagnosticCatalogue.UnexpectedCharacter,
                    [$"{DescribeCharacter(token.Text)}: RASDL words are joined with '_'; did you mean '{joined}'?"]));
                joinedWordEnds.Add(tokens[index + 1].StartIndex);
                continue;
            }

            var span = RasdlErrorStrategy.SpanOf(token);
            switch (token.Type)
            {
                case RasdlLexer.UNTERMINATED_STRING:
                    syntaxErrors.Add((span, DiagnosticCatalogue.UnterminatedString, []));
                    break;
                case RasdlLexer.UNTERMINATED_COMMENT:
                    syntaxErrors.Add((new TextSpan(span.Start, 2), DiagnosticCatalogue.UnterminatedComment, []));
                    break;
                default:
                    syntaxErrors.Add((span, DiagnosticCatalogue.UnexpectedCharacter, [DescribeCharacter(token.Text)]));
                    break;
            }
        }

        syntaxErrors.AddRange(errors.Where(e => !joinedWordEnds.Contains(e.Span.Start)).Select(e => (e.Span, DiagnosticCatalogue.SyntaxError, new object?[] { e.Message })));
        syntaxErrors.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        foreach (var (span, descriptor, arguments) in syntaxErrors.Take(MaxSyntaxErrors))
        {
            diagnostics.Add(Diagnostic.Create(descriptor, SourceLocation.Create(path, source, span), arguments));
        }

        if (syntaxErrors.Count > MaxSyntaxErrors)
        {
            var first = syntaxErrors[MaxSyntaxErrors].Span;
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.TooManySyntaxErrors, SourceLocation.Create(path, source, first), syntaxErrors.Count - MaxSyntaxErrors));
        }

        diagnostics.Sort(DiagnosticOrder.Instance);
        return new SyntaxTree(
            path,
            source,
            root,
            prefix?.Tokens ?? [.. tokens.Where(t => t.Type != TokenConstants.EOF && t.Type != RasdlLexer.WS).Select(ToSyntaxToken)],
            [.. diagnostics]);
    }

    private static SyntaxToken ToSyntaxToken(IToken token)
    {
        var kind = token.Type switch
        {
            RasdlLexer.IDENT => TokenKind.Identifier,
            RasdlLexer.NUMBER => TokenKind.Number,
            RasdlLexer.STRING => TokenKind.String,
            RasdlLexer.LINE_COMMENT => TokenKind.LineComment,
            RasdlLexer.BLOCK_COMMENT => TokenKind.BlockComment,
            RasdlLexer.ARROW => TokenKind.Arrow,
            RasdlLexer.UNTERMINATED_STRING or RasdlLexer.UNTERMINATED_COMMENT or RasdlLexer.BAD_CHARACTER => TokenKind.Invalid,
            >= RasdlLexer.IMPORT and <= RasdlLexer.CLAIM => TokenKind.Keyword, // the keywords, IMPORT first and CLAIM last in the lexer
            _ => TokenKind.Punctuation,
        };
        return new SyntaxToken(kind, RasdlErrorStrategy.SpanOf(token), token.Text);
    }

    /// <summary>For a '-' written between two words with no space (<c>vfio-pci</c>), the words joined with '_'.</summary>
    private static string? HyphenatedWord(IList<IToken> tokens, int index) =>
        tokens[index].Text == "-" && index > 0 && index + 1 < tokens.Count
        && tokens[index - 1].Type == RasdlLexer.IDENT && tokens[index + 1].Type == RasdlLexer.IDENT
        && tokens[index - 1].StopIndex + 1 == tokens[index].StartIndex && tokens[index].StopIndex + 1 == tokens[index + 1].StartIndex
            ? $"{tokens[index - 1].Text}_{tokens[index + 1].Text}"
            : null;

    private static string DescribeCharacter(string text)
    {
        var rune = text.Length > 0 && Rune.TryGetRuneAt(text, 0, out var r) ? r : new Rune('?');
        var printable = Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) ? "" : $"'{rune}' ";
        return $"{printable}(U+{rune.Value:X4})";
    }

    /// <summary>The keywords of the language, as the lexer spells them.</summary>
    public static IEnumerable<string> Keywords =>
        Enumerable.Range(RasdlLexer.IMPORT, RasdlLexer.CLAIM - RasdlLexer.IMPORT + 1)
            .Select(t => RasdlLexer.DefaultVocabulary.GetLiteralName(t).Trim('\''));

    /// <summary>Parses a number or size literal: decimal, 0x hex, with '_' separators and a K/M/G/T binary suffix.</summary>
    public static ulong? ParseNumber(string text)
    {
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        ulong multiplier = 1;
        if (!digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && digits.Length > 0 && char.IsAsciiLetter(digits[^1]))
        {
            multiplier = digits[^1] switch { 'K' => 1UL << 10, 'M' => 1UL << 20, 'G' => 1UL << 30, _ => 1UL << 40 };
            digits = digits[..^1];
        }

        var ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            return null;
        }

        try
        {
            return checked(value * multiplier);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
