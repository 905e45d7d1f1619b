using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Syntax.Generated;
using Rasdl.Text;
using static Rasdl.Syntax.Generated.RasdlParser;

namespace Rasdl.Parsing;

/// <summary>
/// Builds the immutable syntax model from ANTLR's parse tree. Parts that error recovery left
/// out (or conjured up) become null, so later stages see exactly what the user wrote.
/// </summary>
internal sealed class SyntaxBuilder(SourceText text, string path, List<Diagnostic> diagnostics)
{
    /// <summary>Where the declaration being built starts in the file: its nodes' spans are counted from here (SyntaxNode).</summary>
    private int _origin;

    public CompilationUnitSyntax Build(CompilationUnitContext unit)
    {
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        var starts = ImmutableArray.CreateBuilder<int>();
        foreach (var context in unit.declaration())
        {
            _origin = AbsoluteSpan(context).Start;
            if (Declaration(context) is { } declaration)
            {
                declarations.Add(declaration);
                starts.Add(_origin);
            }
        }

        return new(declarations.ToImmutable(), starts.ToImmutable(), new TextSpan(0, text.Length));
    }

    private DeclarationSyntax? Declaration(DeclarationContext context) => context.GetChild(0) switch
    {
        ImportDeclarationContext c => new ImportDeclarationSyntax(String(c.path), Span(c)),
        PlatformDeclarationContext c => new PlatformDeclarationSyntax(
            Identifier(c.name), [.. c.platformMember().Select(m => m.GetChild(0) switch
            {
                FeaturesClauseContext f => new FeaturesClauseSyntax(Identifiers(f.identifierList()), Span(f)),
                DocClauseContext d => (SyntaxNode)Doc(d),
                _ => null,
            }).OfType<SyntaxNode>()], Span(c)),
        BlockDeclarationContext c => new BlockDeclarationSyntax(
            Identifier(c.name), Identifier(c.kind), Identifier(c.@base), [.. c.blockMember().Select(m => m.GetChild(0) switch
            {
                ConversionRuleContext r => new ConversionRuleSyntax(
                    Identifier(r.error), Filter(r.filter()), [.. r.outcome().Select(Outcome).OfType<OutcomeSyntax>()], Span(r)),
                ClaimClauseContext k => new ClaimClauseSyntax(Identifier(k.name), Filter(k.filter()), Span(k)),
                DocClauseContext d => (SyntaxNode)Doc(d),
                _ => null,
            }).OfType<SyntaxNode>()], Span(c)),
        EndpointDeclarationContext c => new EndpointDeclarationSyntax(
            Identifier(c.name), Identifier(c.kind), Identifier(c.parent), [.. c.endpointMember().Select(m => m.GetChild(0) switch
            {
                RegionDeclarationContext r => new RegionDeclarationSyntax(
                    Identifier(r.name), Identifier(r.space), Number(r.size), Number(r.@base),
                    [.. r.regionAttribute().Select(a => Identifier(a.identifier())).OfType<IdentifierSyntax>()],
                    String(r.text), Span(r)),
                FaultsClauseContext f => new FaultsClauseSyntax(Identifiers(f.identifierList()), Span(f)),
                DocClauseContext d => (SyntaxNode)Doc(d),
                _ => null,
            }).OfType<SyntaxNode>()], Span(c)),
        RouteDeclarationContext c => new RouteDeclarationSyntax([.. c.identifier().Select(Identifier).OfType<IdentifierSyntax>()], Span(c)),
        AssignDeclarationContext c => new AssignDeclarationSyntax(
            Identifier(c.endpoint), Identifier(c.region), Identifier(c.target), Identifier(c.driver), Span(c)),
        HypervisorDeclarationContext c => new HypervisorDeclarationSyntax(
            Identifier(c.name), [.. c.hypervisorMember().Select(m => m.GetChild(0) switch
            {
                Stage2PolicyContext p => new Stage2PolicySyntax(
                    Identifier(p.driver), p.conditions is null ? [] : Identifiers(p.conditions), Identifier(p.attribute), Span(p)),
                OutcomeTreatmentContext t => new OutcomeTreatmentSyntax(
                    Outcome(t.outcome()), t.conditions is null ? [] : Identifiers(t.conditions), Identifier(t.action), Span(t)),
                DocClauseContext d => (SyntaxNode)Doc(d),
                _ => null,
            }).OfType<SyntaxNode>()], Span(c)),
        ProfileDeclarationContext c => new ProfileDeclarationSyntax(
            Identifier(c.name), [.. c.profileMember().Select(m => m.GetChild(0) switch
            {
                ProfileHypervisorContext h => new ProfileHypervisorSyntax(Identifier(h.identifier()), Span(h)),
                DocClauseContext d => (SyntaxNode)Doc(d),
                _ => null,
            }).OfType<SyntaxNode>()], Span(c)),
        _ => null,
    };

    private DocClauseSyntax Doc(DocClauseContext context) => new(String(context.text), Span(context));

    private FilterSyntax? Filter(FilterContext? context) =>
        context is null ? null : new FilterSyntax(Identifiers(context.identifierList()), Span(context));

    private OutcomeSyntax? Outcome(OutcomeContext? context)
    {
        var name = context is null ? null : Identifier(context.name);
        if (context is null || name is null)
        {
            return null;
        }

        var arguments = context.LPAREN() is null ? default : Identifiers(context.outcomeArguments);
        return new OutcomeSyntax(name, arguments, Span(context));
    }

    private ImmutableArray<IdentifierSyntax> Identifiers(IdentifierListContext? list) =>
        list is null ? [] : [.. list.identifier().Select(Identifier).OfType<IdentifierSyntax>()];

    private IdentifierSyntax? Identifier(IdentifierContext? context)
    {
        var token = context?.IDENT()?.Symbol;
        return token is null || IsConjured(token) ? null : new IdentifierSyntax(token.Text, Relative(TokenSpan(token)));
    }

    private StringLiteralSyntax? String(IToken? token)
    {
        if (token is null || IsConjured(token) || token.Type != RasdlLexer.STRING)
        {
            return null;
        }

        return new StringLiteralSyntax(Unescape(token), Relative(TokenSpan(token)));
    }

    private NumberLiteralSyntax? Number(IToken? token)
    {
        if (token is null || IsConjured(token) || token.Type != RasdlLexer.NUMBER)
        {
            return null;
        }

        var value = Parser.ParseNumber(token.Text);
        if (value is null)
        {
            Report(DiagnosticCatalogue.InvalidNumber, TokenSpan(token), $"'{token.Text}' does not fit in 64 bits");
        }

        return new NumberLiteralSyntax(token.Text, value, Relative(TokenSpan(token)));
    }

    private string Unescape(IToken token)
    {
        var raw = token.Text.AsSpan(1, token.Text.Length - 2);
        if (!raw.Contains('\\'))
        {
            return raw.ToString();
        }

        var result = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                result.Append(raw[i]);
                continue;
            }

            i++;
            switch (raw[i])
            {
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                default:
                    var start = token.StartIndex + 1 + i - 1;
                    Report(DiagnosticCatalogue.InvalidEscape, new TextSpan(start, 2), "\\" + raw[i]);
                    result.Append(raw[i]);
                    break;
            }
        }

        return result.ToString();
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] arguments) =>
        diagnostics.Add(Diagnostic.Create(descriptor, SourceLocation.Create(path, text, span), arguments));

    // ANTLR conjures a token for single-token insertion; it has no place in the text.
    private static bool IsConjured(IToken token) => token.TokenIndex < 0 || token.StartIndex < 0 || token.StopIndex < token.StartIndex;

    private static TextSpan TokenSpan(IToken token) => TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    private TextSpan Relative(TextSpan span) => span.MovedBy(-_origin);

    private TextSpan Span(ParserRuleContext context) => Relative(AbsoluteSpan(context));

    private static TextSpan AbsoluteSpan(ParserRuleContext context)
    {
        var start = context.Start?.StartIndex ?? 0;
        var stop = context.Stop is { } s && s.StopIndex >= start && s.Type != TokenConstants.EOF ? s.StopIndex + 1 : start;
        return TextSpan.FromBounds(Math.Max(0, start), stop);
    }
}
