using Antlr4.Runtime;
using AntlrParser = Antlr4.Runtime.Parser;
using Antlr4.Runtime.Misc;
using Rasdl.Syntax.Generated;
using Rasdl.Text;

namespace Rasdl.Parsing;

/// <summary>One syntax error: where and what, in the user's words.</summary>
internal readonly record struct SyntaxError(TextSpan Span, string Message);

/// <summary>
/// ANTLR's recovery (single-token insertion and deletion, resynchronisation at the next
/// statement) with messages rewritten in the user's words: "expected ';' after rule" rather
/// than a token dump. A missing token is reported just after the token before it, where an
/// editor's squiggle belongs.
/// </summary>
internal sealed class RasdlErrorStrategy(List<SyntaxError> errors) : DefaultErrorStrategy
{
    protected override void ReportMissingToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var expected = GetExpectedTokens(recognizer);
        var construct = ConstructNames.Of(recognizer.Context);
        var previous = PreviousToken(recognizer);
        var message = expected.Contains(RasdlParser.SEMI) && expected.Count == 1
            ? $"expected ';' after {construct}"
            : expected.Contains(RasdlParser.RBRACE) && expected.Count == 1
                ? $"expected '}}' to close the {construct}"
                : $"expected {TokenNames.Describe(expected)} in {construct}, found {TokenNames.Found(recognizer.CurrentToken)}";
        errors.Add(new SyntaxError(AfterToken(previous, recognizer.CurrentToken), message));
    }

    protected override void ReportUnwantedToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var token = recognizer.CurrentToken;
        var expected = GetExpectedTokens(recognizer);
        var construct = ConstructNames.Of(recognizer.Context);
        if (token.Type == TokenConstants.EOF && expected.Contains(RasdlParser.RBRACE))
        {
            errors.Add(new SyntaxError(AfterToken(PreviousToken(recognizer), token), $"expected '}}' to close the {construct} before the end of the file"));
            return;
        }

        var where = recognizer.Context is RasdlParser.CompilationUnitContext ? "here" : $"in {construct}";
        errors.Add(new SyntaxError(SpanOf(token), $"unexpected {TokenNames.Found(token)} {where}; expected {TokenNames.Describe(expected)}"));
    }

    protected override void ReportInputMismatch(AntlrParser recognizer, InputMismatchException e) =>
        ReportExpected(recognizer, e.OffendingToken, e.GetExpectedTokens());

    protected override void ReportNoViableAlternative(AntlrParser recognizer, NoViableAltException e) =>
        ReportExpected(recognizer, e.OffendingToken, recognizer.GetExpectedTokens());

    protected override void ReportFailedPredicate(AntlrParser recognizer, FailedPredicateException e) =>
        ReportExpected(recognizer, e.OffendingToken, recognizer.GetExpectedTokens());

    private void ReportExpected(AntlrParser recognizer, IToken offending, IntervalSet expected)
    {
        var construct = ConstructNames.Of(recognizer.Context);
        if (offending.Type == TokenConstants.EOF && expected.Contains(RasdlParser.RBRACE))
        {
            errors.Add(new SyntaxError(AfterToken(PreviousToken(recognizer), offending), $"expected '}}' to close the {construct} before the end of the file"));
            return;
        }

        if (expected.Contains(RasdlParser.SEMI) && !expected.Contains(RasdlParser.IDENT) && offending.Line != PreviousToken(recognizer)?.Line)
        {
            errors.Add(new SyntaxError(AfterToken(PreviousToken(recognizer), offending), $"expected ';' after {construct}"));
            return;
        }

        errors.Add(new SyntaxError(SpanOf(offending), $"expected {TokenNames.Describe(expected)} in {construct}, found {TokenNames.Found(offending)}"));
    }

    public override void ReportError(AntlrParser recognizer, RecognitionException e)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        switch (e)
        {
            case NoViableAltException noViable:
                ReportNoViableAlternative(recognizer, noViable);
                break;
            case InputMismatchException mismatch:
                ReportInputMismatch(recognizer, mismatch);
                break;
            case FailedPredicateException predicate:
                ReportFailedPredicate(recognizer, predicate);
                break;
            default:
                errors.Add(new SyntaxError(SpanOf(e.OffendingToken), $"unexpected {TokenNames.Found(e.OffendingToken)}"));
                break;
        }
    }

    private static IToken? PreviousToken(AntlrParser recognizer)
    {
        var stream = (ITokenStream)recognizer.InputStream;
        var current = recognizer.CurrentToken;
        for (var i = current.TokenIndex - 1; i >= 0; i--)
        {
            var token = stream.Get(i);
            if (token.Channel == TokenConstants.DefaultChannel)
            {
                return token;
            }
        }

        return null;
    }

    internal static TextSpan SpanOf(IToken token) =>
        token.Type == TokenConstants.EOF || token.StartIndex < 0
            ? new TextSpan(Math.Max(0, token.StartIndex), 0)
            : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    private static TextSpan AfterToken(IToken? previous, IToken current) =>
        previous is null ? new TextSpan(Math.Max(0, current.StartIndex), 0) : new TextSpan(previous.StopIndex + 1, 0);
}

/// <summary>What each grammar rule is called in messages.</summary>
internal static class ConstructNames
{
    public static string Of(RuleContext? context)
    {
        for (var c = context; c is not null; c = c.Parent)
        {
            var name = c switch
            {
                RasdlParser.ConversionRuleContext => "rule",
                RasdlParser.ClaimClauseContext => "claim",
                RasdlParser.FilterContext => "filter",
                RasdlParser.RegionDeclarationContext => "region",
                RasdlParser.FaultsClauseContext => "faults list",
                RasdlParser.FeaturesClauseContext => "features list",
                RasdlParser.DocClauseContext => "doc string",
                RasdlParser.ImportDeclarationContext => "import",
                RasdlParser.RouteDeclarationContext => "route",
                RasdlParser.AssignDeclarationContext => "assignment",
                RasdlParser.Stage2PolicyContext => "stage-2 policy",
                RasdlParser.OutcomeTreatmentContext => "hypervisor treatment",
                RasdlParser.ProfileHypervisorContext => "profile's hypervisor",
                RasdlParser.PlatformDeclarationContext => "platform",
                RasdlParser.BlockDeclarationContext => "block",
                RasdlParser.EndpointDeclarationContext => "endpoint",
                RasdlParser.HypervisorDeclarationContext => "hypervisor",
                RasdlParser.ProfileDeclarationContext => "profile",
                RasdlParser.CompilationUnitContext => "file",
                _ => null,
            };
            if (name is not null)
            {
                return name;
            }
        }

        return "file";
    }
}

/// <summary>Tokens as messages name them: "';'", "a name", "a string", "end of file".</summary>
internal static class TokenNames
{
    private static readonly int[] DeclarationStarts =
    [
        RasdlParser.IMPORT, RasdlParser.PLATFORM, RasdlParser.BLOCK, RasdlParser.ENDPOINT,
        RasdlParser.ROUTE, RasdlParser.ASSIGN, RasdlParser.HYPERVISOR, RasdlParser.PROFILE,
    ];

    public static string Describe(IntervalSet expected)
    {
        var types = expected.ToList().Where(t => t > 0 || t == TokenConstants.EOF).ToList();
        var names = new List<string>();
        if (DeclarationStarts.All(types.Contains))
        {
            names.Add("a declaration (import, platform, block, endpoint, route, assign, hypervisor or profile)");
            types.RemoveAll(DeclarationStarts.Contains);
            types.Remove(TokenConstants.EOF);
        }

        names.AddRange(types.Select(Name));
        return names.Count switch
        {
            0 => "something else",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    public static string Found(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        RasdlLexer.IDENT => $"'{token.Text}'",
        RasdlLexer.STRING => "a string",
        RasdlLexer.NUMBER => $"'{token.Text}'",
        _ => $"'{Truncate(token.Text)}'",
    };

    public static string Name(int type) => type switch
    {
        TokenConstants.EOF => "the end of the file",
        RasdlLexer.IDENT => "a name",
        RasdlLexer.STRING => "a string",
        RasdlLexer.NUMBER => "a number",
        _ => RasdlLexer.DefaultVocabulary.GetLiteralName(type) ?? RasdlLexer.DefaultVocabulary.GetDisplayName(type),
    };

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
