using System.Text;
using Rasdl.Syntax;

namespace Rasdl.Formatting;

/// <summary>Formatting options: indentation width and line ending.</summary>
public sealed record FormattingOptions(int IndentSize = 4, string NewLine = "\n")
{
    public static readonly FormattingOptions Default = new();
}

/// <summary>
/// The canonical layout of a RASDL file, computed from its tokens (comments included), so
/// nothing the user wrote is lost: one statement per line, bodies indented, one space
/// between tokens (none between a number and a word written onto it, which the binder reads
/// as one mistaken size), at most one blank line kept where the user left one, and the arrows of
/// consecutive rules and their trailing comments aligned. A short body — one statement, no
/// comment, the whole declaration within <see cref="ShortBodyWidth"/> columns — stays on the
/// declaration's line (<c>profile production { hypervisor kvm_6_8; }</c>), as the
/// documentation writes it; the layout depends only on the tokens, never on how the user
/// broke the lines. Idempotent: formatting formatted text changes nothing. Files with syntax
/// errors are not formatted.
/// </summary>
public static class Formatter
{
    /// <summary>The widest line a short body may make when kept on its declaration's line.</summary>
    public const int ShortBodyWidth = 100;

    /// <summary>The formatted text, or null when the file has syntax errors (formatting would have to guess).</summary>
    public static string? Format(SyntaxTree tree, FormattingOptions? options = null)
    {
        options ??= FormattingOptions.Default;
        if (tree.HasSyntaxErrors || tree.Tokens.Any(t => t.Kind == TokenKind.Invalid))
        {
            return null;
        }

        var lines = new LineBuilder(tree, options).Build();
        Align(lines, line => line.ArrowColumn, (line, pad) => line.PadBeforeArrow(pad), skipLinesWithout: false);
        Align(lines, line => line.Comment is null || line.Code.Length == 0 ? null : line.Code.Length, (line, pad) => line.PadBeforeComment(pad), skipLinesWithout: true);
        return Render(lines, options);
    }

    private static string Render(List<FormattedLine> lines, FormattingOptions options)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (!line.IsBlank)
            {
                text.Append(' ', line.Indent * options.IndentSize).Append(line.Render());
            }

            text.Append(options.NewLine);
        }

        return text.ToString();
    }

    /// <summary>
    /// Pads consecutive lines of one indentation so that a column (arrow or comment) lines up.
    /// Arrows align only across unbroken runs of lines that have one; trailing comments align
    /// across a whole run of lines, passing over lines without a comment.
    /// </summary>
    private static void Align(List<FormattedLine> lines, Func<FormattedLine, int?> column, Action<FormattedLine, int> pad, bool skipLinesWithout)
    {
        for (var start = 0; start < lines.Count;)
        {
            var end = start;
            while (end < lines.Count && !lines[end].IsBlank && lines[end].Indent == lines[start].Indent
                   && (column(lines[end]) is not null || (skipLinesWithout && end > start)))
            {
                end++;
            }

            var run = lines.Skip(start).Take(end - start).Where(l => column(l) is not null).ToList();
            if (run.Count >= 2)
            {
                var target = run.Max(l => column(l)!.Value);
                foreach (var line in run)
                {
                    pad(line, target - column(line)!.Value);
                }
            }

            start = Math.Max(end, start + 1);
        }
    }
}

/// <summary>One output line: indentation, code, an optional trailing comment, and where its first arrow is.</summary>
internal sealed class FormattedLine(int indent)
{
    public int Indent { get; } = indent;

    public StringBuilder CodeBuilder { get; } = new();

    public string Code => CodeBuilder.ToString();

    public string? Comment { get; set; }

    public int? ArrowColumn { get; set; }

    public bool IsBlank { get; init; }

    public void PadBeforeArrow(int pad)
    {
        if (pad > 0 && ArrowColumn is { } column)
        {
            CodeBuilder.Insert(column, new string(' ', pad));
            ArrowColumn = column + pad;
        }
    }

    private int _commentPad;

    public void PadBeforeComment(int pad) => _commentPad = pad;

    public string Render() =>
        Comment is null ? Code : Code.Length == 0 ? Comment : Code + new string(' ', 1 + _commentPad) + Comment;
}

/// <summary>Lays tokens out into lines.</summary>
internal sealed class LineBuilder(SyntaxTree tree, FormattingOptions options)
{
    private readonly List<FormattedLine> _lines = [];
    private FormattedLine? _current;
    private int _depth;
    private int _shortBodyEnd = -1; // the index of the `}` closing the short body being written on one line

    public List<FormattedLine> Build()
    {
        var tokens = tree.Tokens;
        var bodyKeyword = "";
        var breakBefore = false;
        SyntaxToken? lastCode = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var previous = i > 0 ? tokens[i - 1] : (SyntaxToken?)null;
            // The keyword that opens a declaration (`block`, `endpoint`…), not one inside its header (`extends`, `under`).
            if (_depth == 0 && token.Kind == TokenKind.Keyword && (lastCode is null || lastCode.Value.Text is ";" or "}"))
            {
                bodyKeyword = token.Text;
            }

            if (!token.IsComment)
            {
                lastCode = token;
            }

            if (token.Text == "}" && !(previous?.Text == "{") && i != _shortBodyEnd)
            {
                _depth = Math.Max(0, _depth - 1);
                breakBefore = true;
            }

            if (token.Kind == TokenKind.LineComment && previous is { } p && !p.IsComment && SameLine(p, token) && _current is not null)
            {
                _current.Comment = token.Text;
                breakBefore = true;
                continue;
            }

            if (_current is null || breakBefore)
            {
                StartLine(previous, token);
            }
            else if (NeedsSpace(tokens, i, bodyKeyword))
            {
                _current.CodeBuilder.Append(' ');
            }

            if (token.Kind == TokenKind.Arrow && _current!.ArrowColumn is null && _shortBodyEnd < 0)
            {
                _current.ArrowColumn = _current.CodeBuilder.Length;
            }

            _current!.CodeBuilder.Append(token.Text);
            var next = i + 1 < tokens.Length ? tokens[i + 1] : (SyntaxToken?)null;
            if (token.Text == "{" && next?.Text != "}" && ShortBodyEnd(tokens, i, bodyKeyword) is { } end)
            {
                _shortBodyEnd = end;
            }

            var inShortBody = _shortBodyEnd >= 0 && i < _shortBodyEnd;
            if (i == _shortBodyEnd)
            {
                _shortBodyEnd = -1;
            }

            breakBefore = token.Text switch
            {
                _ when inShortBody => false,
                "{" => next?.Text != "}",
                ";" or "}" => true,
                _ => token.Kind == TokenKind.LineComment || (token.Kind == TokenKind.BlockComment && next is { } n && !SameLine(token, n)),
            };
            if (token.Text == "{" && next?.Text != "}" && !inShortBody)
            {
                _depth++;
            }
        }

        return _lines;
    }

    /// <summary>
    /// The index of the `}` closing the body opened at <paramref name="open"/> when the body is
    /// short enough to stay on the declaration's line: one statement, no comment, and the line
    /// within <see cref="Formatter.ShortBodyWidth"/> columns.
    /// </summary>
    private int? ShortBodyEnd(TokenList tokens, int open, string bodyKeyword)
    {
        var width = _depth * options.IndentSize + _current!.CodeBuilder.Length;
        var statements = 0;
        for (var i = open + 1; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsComment || token.Text == "{" || (token.Text == ";" && ++statements > 1))
            {
                return null;
            }

            width += token.Text.Length + (NeedsSpace(tokens, i, bodyKeyword) ? 1 : 0);
            if (width > Formatter.ShortBodyWidth)
            {
                return null;
            }

            if (token.Text == "}")
            {
                return statements == 1 && tokens[i - 1].Text == ";" ? i : null;
            }
        }

        return null;
    }

    private void StartLine(SyntaxToken? previous, SyntaxToken token)
    {
        if (previous is { } p && BlankLineBetween(p, token) && p.Text != "{" && token.Text != "}")
        {
            _lines.Add(new FormattedLine(0) { IsBlank = true });
        }

        _current = new FormattedLine(_depth);
        _lines.Add(_current);
    }

    private static bool NeedsSpace(TokenList tokens, int index, string bodyKeyword)
    {
        var token = tokens[index];
        var previous = tokens[index - 1];
        if (token.Text is ";" or "," or ")" or "." || previous.Text is "(" or ".")
        {
            return false;
        }

        // A word written onto a number (the B of `64MB`, the `iB` of `64MiB`) is a size that is
        // not one, and the binder reports it whole (RASDL0008, Binder.IsSizeSuffix). With a space
        // it would read as a size and a region attribute, and formatting would change the check.
        if (previous.Kind == TokenKind.Number && token.Kind is TokenKind.Identifier or TokenKind.Keyword && previous.Span.End == token.Span.Start)
        {
            return false;
        }

        if (token.Text == "(")
        {
            // A filter stands apart (`on ur (read)`, `claim serror_in_guest (write)`); arguments hug their outcome (`serror(uer)`).
            return bodyKeyword == "block" && index >= 2 && tokens[index - 2].Text is "on" or "claim";
        }

        return true;
    }

    private bool SameLine(SyntaxToken first, SyntaxToken second) =>
        tree.Text.GetLinePosition(first.Span.End).Line == tree.Text.GetLinePosition(second.Span.Start).Line;

    private bool BlankLineBetween(SyntaxToken first, SyntaxToken second) =>
        tree.Text.GetLinePosition(second.Span.Start).Line - tree.Text.GetLinePosition(first.Span.End).Line >= 2;
}
