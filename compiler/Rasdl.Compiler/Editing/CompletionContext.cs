using System.Collections.Immutable;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Editing;

/// <summary>What may be written at a position, as completion and signature help see it.</summary>
public enum CompletionSlot
{
    None,
    TopLevelKeyword,
    BodyKeyword,
    ImportPath,
    BlockKind,
    EndpointKind,
    BlockName,
    EndpointName,
    RegionName,
    Target,
    Driver,
    Error,
    FilterWord,
    Outcome,
    SErrorSeverity,
    IrqKind,
    Feature,
    Condition,
    Claim,
    RegionSpace,
    RegionClause,
    Stage2Attribute,
    HypervisorOutcome,
    HypervisorAction,
    HypervisorName,
    Keyword,
}

/// <summary>
/// The completion context at a position, worked out from the tokens before it (so it holds
/// while the line is still being typed and does not parse): the slot, the span a completion
/// replaces, the declaration it is in, and the keywords that may follow.
/// </summary>
/// <param name="Replace">The word (or import path) under the caret that a completion replaces.</param>
/// <param name="Declaration">The top-level keyword of the enclosing declaration ("block", "endpoint"…), null at top level.</param>
/// <param name="BlockKind">In a block: its kind as written after ':' (e.g. "cpu").</param>
/// <param name="Endpoint">For <see cref="CompletionSlot.RegionName"/>: the endpoint written before the dot.</param>
/// <param name="Keywords">For keyword slots: the keywords that may stand here.</param>
/// <param name="Function">Inside <c>serror(</c>/<c>irq(</c> or a filter: "serror", "irq" or "filter"; with <see cref="ArgumentIndex"/>.</param>
public sealed record CompletionContext(
    CompletionSlot Slot,
    TextSpan Replace,
    string? Declaration,
    string? BlockKind,
    string? Endpoint,
    ImmutableArray<string> Keywords,
    string? Function,
    int ArgumentIndex)
{
    private static readonly string[] TopLevel = ["import", "platform", "block", "endpoint", "route", "assign", "hypervisor", "profile"];

    public static CompletionContext At(SyntaxTree tree, int position) => At(tree, position, scanWholeFile: false);

    /// <summary>The context at a position; <paramref name="scanWholeFile"/> skips the shortcut (tests compare the two).</summary>
    internal static CompletionContext At(SyntaxTree tree, int position, bool scanWholeFile)
    {
        position = Math.Clamp(position, 0, tree.Text.Length);
        var tokens = tree.Tokens;
        var replace = new TextSpan(position, 0);
        var before = new List<SyntaxToken>();
        for (var i = scanWholeFile ? 0 : FirstRelevantToken(tree, position); i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Span.Start >= position)
            {
                break;
            }

            var isWord = token.Kind is TokenKind.Identifier or TokenKind.Keyword;
            var isOpenString = token.Kind == TokenKind.Invalid && token.Text.StartsWith('"');
            var reachesCaret = token.Span.End > position
                || (token.Span.End == position && (isWord || isOpenString || token.Kind is TokenKind.LineComment or TokenKind.Number));
            if (reachesCaret)
            {
                if (token.Kind == TokenKind.String || isOpenString)
                {
                    return InString(before, token, position);
                }

                if (!isWord)
                {
                    return None(replace);
                }

                replace = token.Span;
                break;
            }

            if (!token.IsComment && token.Kind != TokenKind.Invalid)
            {
                before.Add(token);
            }
        }

        return FromTokens(before, replace);
    }

    /// <summary>
    /// Where the scan for the cursor's context may start: in a file without syntax errors, the
    /// first token of the last declaration that starts before the cursor (every declaration
    /// starts at depth 0, and a top-level keyword resets what the tokens before it said), so a
    /// completion at the end of a large file does not walk the whole file; otherwise the start.
    /// </summary>
    private static int FirstRelevantToken(SyntaxTree tree, int position)
    {
        var index = tree.Root.LastStartingAtOrBefore(position - 1);
        if (tree.HasSyntaxErrors || index < 0)
        {
            return 0;
        }

        var start = tree.Root.Starts[index];
        var tokens = tree.Tokens;
        int first = 0, last = tokens.Length;
        while (first < last)
        {
            var middle = (first + last) / 2;
            if (tokens[middle].Span.Start < start)
            {
                first = middle + 1;
            }
            else
            {
                last = middle;
            }
        }

        return first;
    }

    private static CompletionContext None(TextSpan replace) => new(CompletionSlot.None, replace, null, null, null, [], null, 0);

    /// <summary>Inside a string: only an import's path completes; it replaces the whole path between the quotes.</summary>
    private static CompletionContext InString(List<SyntaxToken> before, SyntaxToken token, int position)
    {
        var contentEnd = token.Kind == TokenKind.String ? token.Span.End - 1 : token.Span.End;
        var replace = TextSpan.FromBounds(token.Span.Start + 1, Math.Max(token.Span.Start + 1, contentEnd));
        var isImport = before.Count > 0 && before[^1].Text == "import" && position > token.Span.Start;
        return isImport ? None(replace) with { Slot = CompletionSlot.ImportPath, Declaration = "import" } : None(replace);
    }

    private static CompletionContext FromTokens(List<SyntaxToken> tokens, TextSpan replace)
    {
        // Find the enclosing top-level declaration and the statement being written inside it.
        var depth = 0;
        string? declaration = null;
        var header = new List<SyntaxToken>();
        var statement = new List<SyntaxToken>();
        foreach (var token in tokens)
        {
            if (depth == 0)
            {
                if (token.Kind == TokenKind.Keyword && TopLevel.Contains(token.Text))
                {
                    declaration = token.Text;
                    header = [token];
                    continue;
                }

                if (token.Text == "{")
                {
                    depth = 1;
                    statement = [];
                    continue;
                }

                if (token.Text is ";" or "}")
                {
                    declaration = null;
                    header = [];
                    continue;
                }

                header.Add(token);
                continue;
            }

            switch (token.Text)
            {
                case "{":
                    depth++;
                    break;
                case "}":
                    depth--;
                    statement = [];
                    if (depth == 0)
                    {
                        declaration = null;
                        header = [];
                    }

                    break;
                case ";":
                    statement = [];
                    break;
                default:
                    statement.Add(token);
                    break;
            }
        }

        var context = None(replace) with { Declaration = declaration };
        if (declaration is null)
        {
            return context with { Slot = CompletionSlot.TopLevelKeyword, Keywords = [.. TopLevel] };
        }

        var blockKind = declaration == "block" ? After(header, ":") : null;
        context = context with { BlockKind = blockKind };
        return depth == 0 ? InHeader(context, header) : InBody(context, statement);
    }

    private static string? After(List<SyntaxToken> tokens, string text)
    {
        var index = tokens.FindIndex(t => t.Text == text);
        return index >= 0 && index + 1 < tokens.Count && tokens[index + 1].Kind == TokenKind.Identifier ? tokens[index + 1].Text : null;
    }

    private static CompletionContext InHeader(CompletionContext context, List<SyntaxToken> header)
    {
        var last = header[^1].Text;
        var count = header.Count;
        return context.Declaration switch
        {
            "block" when last == ":" => context with { Slot = CompletionSlot.BlockKind },
            "block" when last == "extends" => context with { Slot = CompletionSlot.BlockName },
            "block" when count == 4 && header[2].Text == ":" => ExpectKeywords(context, "extends"),
            "endpoint" when last == ":" => context with { Slot = CompletionSlot.EndpointKind },
            "endpoint" when last == "under" => context with { Slot = CompletionSlot.BlockName },
            "endpoint" when count == 4 && header[2].Text == ":" => ExpectKeywords(context, "under"),
            "route" when last is "route" or "->" => context with { Slot = CompletionSlot.BlockName },
            "assign" when last == "assign" => context with { Slot = CompletionSlot.EndpointName },
            "assign" when last == "." && count >= 3 => context with { Slot = CompletionSlot.RegionName, Endpoint = header[^2].Text },
            "assign" when count == 4 && header[2].Text == "." => ExpectKeywords(context, "to"),
            "assign" when last == "to" => context with { Slot = CompletionSlot.Target },
            "assign" when count == 6 && header[4].Text == "to" => ExpectKeywords(context, "via"),
            "assign" when last == "via" => context with { Slot = CompletionSlot.Driver },
            _ => context,
        };
    }

    private static CompletionContext InBody(CompletionContext context, List<SyntaxToken> statement)
    {
        if (statement.Count == 0)
        {
            string[] keywords = context.Declaration switch
            {
                "platform" => ["features", "doc"],
                "block" when context.BlockKind == "cpu" => ["on", "claim", "doc"], // claims are the cores' guarantees
                "block" => ["on", "doc"],
                "endpoint" => ["region", "faults", "doc"],
                "hypervisor" => ["stage2", "on", "doc"],
                "profile" => ["hypervisor", "doc"],
                _ => [],
            };
            return context with { Slot = CompletionSlot.BodyKeyword, Keywords = [.. keywords] };
        }

        var first = statement[0].Text;
        var last = statement[^1].Text;
        var openParen = statement.FindLastIndex(t => t.Text == "(");
        var inParens = openParen >= 0 && statement.FindLastIndex(t => t.Text == ")") < openParen;
        var arrow = statement.FindIndex(t => t.Text == "->");
        var argumentIndex = inParens ? statement.Skip(openParen + 1).Count(t => t.Text == ",") : 0;
        switch (context.Declaration, first)
        {
            case ("platform", "features") when last is "features" or ",":
                return context with { Slot = CompletionSlot.Feature };
            case ("block", "on") when inParens && arrow < 0:
                return context with { Slot = CompletionSlot.FilterWord, Function = "filter", ArgumentIndex = argumentIndex };
            case ("block", "on") when inParens && arrow >= 0 && openParen > 0:
                return Argument(context, statement[openParen - 1].Text, argumentIndex);
            case ("block", "on") when last == "on":
                return context with { Slot = CompletionSlot.Error };
            case ("block", "on") when last == "->" || (last == "," && arrow >= 0):
                return context with { Slot = CompletionSlot.Outcome };
            case ("block", "claim") when last == "claim":
                return context with { Slot = CompletionSlot.Claim };
            case ("block", "claim") when inParens:
                return context with { Slot = CompletionSlot.FilterWord, Function = "filter", ArgumentIndex = argumentIndex };
            case ("endpoint", "faults") when last is "faults" or ",":
                return context with { Slot = CompletionSlot.Error };
            case ("endpoint", "region") when statement.Count == 2:
                return context with { Slot = CompletionSlot.RegionSpace };
            case ("endpoint", "region") when statement.Count >= 3 && last is not ("size" or "at" or "doc"):
                return context with { Slot = CompletionSlot.RegionClause, Keywords = ["size", "at", "doc"] };
            case ("hypervisor", "stage2") when last == "stage2":
                return context with { Slot = CompletionSlot.Driver };
            case ("hypervisor", "stage2") when last == "->":
                return context with { Slot = CompletionSlot.Stage2Attribute };
            case ("hypervisor", "stage2") when arrow < 0 && last is "when" or ",":
                return context with { Slot = CompletionSlot.Feature };
            case ("hypervisor", "stage2") when arrow < 0 && statement.Count == 2:
                return ExpectKeywords(context, "when");
            case ("hypervisor", "on") when inParens && openParen > 0:
                return Argument(context, statement[openParen - 1].Text, argumentIndex);
            case ("hypervisor", "on") when last == "on":
                return context with { Slot = CompletionSlot.HypervisorOutcome };
            case ("hypervisor", "on") when last is "when" or ",":
                return context with { Slot = CompletionSlot.Condition };
            case ("hypervisor", "on") when last == "->":
                return context with { Slot = CompletionSlot.HypervisorAction };
            case ("hypervisor", "on") when arrow < 0 && statement.Count >= 2 && last != "(":
                return ExpectKeywords(context, "when");
            case ("profile", "hypervisor") when last == "hypervisor":
                return context with { Slot = CompletionSlot.HypervisorName };
            default:
                return context;
        }
    }

    private static CompletionContext Argument(CompletionContext context, string function, int index) => function switch
    {
        "serror" => context with { Slot = CompletionSlot.SErrorSeverity, Function = "serror", ArgumentIndex = index },
        "irq" => context with { Slot = CompletionSlot.IrqKind, Function = "irq", ArgumentIndex = index },
        _ => context,
    };

    private static CompletionContext ExpectKeywords(CompletionContext context, params string[] keywords) =>
        context with { Slot = CompletionSlot.Keyword, Keywords = [.. keywords] };
}
