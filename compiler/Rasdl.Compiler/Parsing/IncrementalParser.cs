using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Rasdl.Collections;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Parsing;

/// <summary>How <see cref="IncrementalParser"/> made a tree: which declarations it parsed again, or why it parsed the whole file.</summary>
/// <param name="Reparsed">Declarations parsed again (the edited ones and one on each side); the others are the earlier version's objects.</param>
/// <param name="FullParseReason">Null when the tree was spliced; else why the whole file was parsed.</param>
public sealed record IncrementalParse(SyntaxTree Tree, int Reparsed, string? FullParseReason)
{
    public bool Spliced => FullParseReason is null;

    public override string ToString() =>
        FullParseReason is { } reason ? $"full parse ({reason})" : $"spliced: {Reparsed} of {Tree.Root.Declarations.Length} declarations parsed again";
}

/// <summary>
/// Parses a new version of a file by re-parsing only the top-level declarations an edit touched
/// and splicing them into the tree of an earlier version; the result is the tree, tokens and
/// syntax diagnostics a whole-file <see cref="Parser.Parse(string, string)"/> gives (a test
/// compares the two after every edit of long random edit series).
///
/// Why splicing is exact. The earlier version (the base) must have parsed without any syntax
/// diagnostic, so its declarations follow each other cleanly and each ends with ';' or '}',
/// characters no longer token can contain. The text before the first changed character and
/// after the last one is the base's; the window parsed again runs from the start of the last
/// declaration that ends before the change to the end of the first declaration that starts after
/// it. Lexing up to the window gives the base's tokens (the text is the same and the last token
/// before the window needs no look-ahead), and the ANTLR parser starts every declaration in the
/// same state whatever came before. The window is accepted only when its parse ends with that
/// last declaration exactly as in the base (same span, same tokens, no diagnostic inside it): the
/// lexer and the parser are then back in step, and the rest of the file is the base's
/// declarations, their starts moved by the edit's change in length. Anything else — a comment
/// or string left open, an error whose recovery runs past the window, no clean base — parses
/// the whole file.
/// </summary>
public static class IncrementalParser
{
    /// <summary>A window up to this many characters is parsed on its own however much of the file it is (parsing it costs little either way).</summary>
    private const int SmallWindow = 16 * 1024;

    /// <summary>The tree of <paramref name="text"/>, spliced into <paramref name="previous"/> when that is a clean parse of an earlier version of the same file.</summary>
    public static IncrementalParse Parse(string path, SourceText text, SyntaxTree? previous)
    {
        if (previous is null)
        {
            return Full(path, text, "no earlier version");
        }

        if (previous.Path != path || !previous.Diagnostics.IsEmpty)
        {
            return Full(path, text, "the earlier version had syntax errors");
        }

        var oldText = previous.Text.Text;
        var newText = text.Text;
        var prefix = oldText.AsSpan().CommonPrefixLength(newText);
        if (prefix == oldText.Length && prefix == newText.Length)
        {
            return new IncrementalParse(new SyntaxTree(path, text, previous.Root, previous.Tokens, []), 0, null);
        }

        var suffix = Spans.CommonSuffixLength(oldText.AsSpan(prefix), newText.AsSpan(prefix));
        var oldChangeEnd = oldText.Length - suffix;
        var delta = newText.Length - oldText.Length;
        var oldRoot = previous.Root;
        var declarations = oldRoot.Declarations;

        // a: the last declaration that ends at or before the first changed character; b: the first that starts after the last one.
        var a = LastEndingAtOrBefore(oldRoot, prefix);
        var b = oldRoot.LastStartingAtOrBefore(oldChangeEnd) + 1;
        var windowStart = a >= 0 ? oldRoot.Starts[a] : 0;
        var windowEnd = (b < declarations.Length ? oldRoot.SpanOf(b).End : oldText.Length) + delta;
        if (windowEnd - windowStart > Math.Max(SmallWindow, newText.Length / 2))
        {
            // Parsing the window would cost most of a whole parse, and a rejected window twice.
            return Full(path, text, "the edits span most of the file");
        }

        var fragment = Parser.Parse(path, newText[windowStart..windowEnd]);

        if (Rejection(fragment, previous, a, b, windowStart, delta) is { } reason)
        {
            return Full(path, text, reason);
        }

        // The tree: the declarations before the window and after it are the earlier version's
        // objects (their spans are relative to their own starts), the window's are new. Only the
        // starts after the window move, by the change in length.
        var parsed = fragment.Root.Declarations;
        var before = Math.Max(0, a);
        var after = Math.Max(0, declarations.Length - b - 1);
        var spliced = new DeclarationSyntax[before + parsed.Length + after];
        var starts = new int[spliced.Length];
        declarations.CopyTo(0, spliced, 0, before);
        oldRoot.Starts.CopyTo(0, starts, 0, before);
        parsed.CopyTo(spliced, before);
        for (var i = 0; i < parsed.Length; i++)
        {
            starts[before + i] = fragment.Root.Starts[i] + windowStart;
        }

        if (after > 0)
        {
            declarations.CopyTo(b + 1, spliced, before + parsed.Length, after);
            for (var i = 0; i < after; i++)
            {
                starts[before + parsed.Length + i] = oldRoot.Starts[b + 1 + i] + delta;
            }
        }

        var oldTokens = previous.Tokens;
        var firstToken = FirstTokenAtOrAfter(oldTokens, windowStart);
        var afterTokens = FirstTokenAtOrAfter(oldTokens, windowEnd - delta);
        // The tokens before and after the window stay in the earlier version's arrays (TokenList).
        var inserted = new SyntaxToken[fragment.Tokens.Length];
        var at = 0;
        foreach (var token in fragment.Tokens)
        {
            inserted[at++] = token with { Span = token.Span.MovedBy(windowStart) };
        }

        var tokens = oldTokens.Splice(firstToken, afterTokens, inserted, delta);

        var diagnostics = fragment.Diagnostics
            .Select(d => d with { Location = SourceLocation.Create(path, text, d.Location.Span.MovedBy(windowStart)) })
            .ToImmutableArray();
        var root = new CompilationUnitSyntax(
            ImmutableCollectionsMarshal.AsImmutableArray(spliced), ImmutableCollectionsMarshal.AsImmutableArray(starts), new TextSpan(0, newText.Length));
        return new IncrementalParse(new SyntaxTree(path, text, root, tokens, diagnostics), parsed.Length, null);
    }

    private static IncrementalParse Full(string path, SourceText text, string reason) =>
        new(Parser.Parse(path, text.Text), -1, reason);

    /// <summary>Why the window's parse cannot be spliced (null when it can): see the class summary.</summary>
    private static string? Rejection(SyntaxTree fragment, SyntaxTree previous, int a, int b, int windowStart, int delta)
    {
        var declarations = previous.Root.Declarations;
        if (fragment.Diagnostics.Length >= Parser.MaxSyntaxErrors || fragment.Diagnostics.Any(d => !d.Related.IsDefaultOrEmpty))
        {
            return "too many syntax errors in the edited declarations";
        }

        var parsed = fragment.Root.Declarations;
        var needed = (a >= 0 ? 1 : 0) + (b < declarations.Length ? 1 : 0);
        if (parsed.Length < needed)
        {
            return "the edit merged declarations";
        }

        if (a >= 0 && fragment.Root.SpanOf(0) != previous.Root.SpanOf(a).MovedBy(-windowStart))
        {
            return "the declaration before the edit parsed differently";
        }

        if (b >= declarations.Length)
        {
            return null;
        }

        // The declaration after the edit must come out as before: same span, same tokens, no diagnostic on or after it.
        var last = previous.Root.SpanOf(b);
        var lastStart = last.Start + delta - windowStart;
        if (fragment.Root.SpanOf(parsed.Length - 1) != new TextSpan(lastStart, last.Length))
        {
            return "the edit's effect runs past the next declaration";
        }

        // An error may sit on the next declaration's first token ("unexpected 'assign' in route"):
        // that token is in the window, and the declaration still parsed as before.
        if (fragment.Diagnostics.Any(d => d.Location.Span.Start > lastStart))
        {
            return "a syntax error inside the next declaration";
        }

        var oldTokens = previous.Tokens;
        var oldFirst = FirstTokenAtOrAfter(oldTokens, last.Start);
        var oldEnd = FirstTokenAtOrAfter(oldTokens, last.End);
        var newFirst = FirstTokenAtOrAfter(fragment.Tokens, lastStart);
        if (fragment.Tokens.Length - newFirst != oldEnd - oldFirst)
        {
            return "the next declaration lexed differently";
        }

        for (var i = 0; i < oldEnd - oldFirst; i++)
        {
            var was = oldTokens[oldFirst + i];
            var now = fragment.Tokens[newFirst + i];
            if (was.Kind != now.Kind || was.Text != now.Text || now.Span != was.Span.MovedBy(delta - windowStart))
            {
                return "the next declaration lexed differently";
            }
        }

        return null;
    }

    private static int LastEndingAtOrBefore(CompilationUnitSyntax root, int position)
    {
        int low = 0, high = root.Declarations.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (root.SpanOf(middle).End <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private static int FirstTokenAtOrAfter(TokenList tokens, int position)
    {
        int low = 0, high = tokens.Length - 1, found = tokens.Length;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (tokens[middle].Span.Start >= position)
            {
                found = middle;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return found;
    }
}
