using System.Collections.Immutable;
using Rasdl.Text;

namespace Rasdl.Syntax;

/// <summary>
/// Copies of nodes with every span moved by a fixed offset: the declarations after an edit keep
/// their shape and move by the edit's change in length, so the incremental parser moves them
/// instead of parsing them again. Every node type is listed: a new one that is missing here
/// throws, which the incremental parser's differential test would show at once.
/// </summary>
public static class SyntaxShift
{
    /// <summary>The declaration moved by an offset; not moved, it is the same object (an edit that keeps the length, like a digit typed over another, copies nothing after it).</summary>
    public static DeclarationSyntax Declaration(DeclarationSyntax node, int offset) => offset == 0 ? node : (DeclarationSyntax)Node(node, offset);

    public static SyntaxNode Node(SyntaxNode node, int offset) => node switch
    {
        IdentifierSyntax n => Identifier(n, offset)!,
        StringLiteralSyntax n => n with { Span = Move(n.Span, offset) },
        NumberLiteralSyntax n => n with { Span = Move(n.Span, offset) },
        ImportDeclarationSyntax n => new ImportDeclarationSyntax(Optional(n.Path, offset), Move(n.Span, offset)),
        PlatformDeclarationSyntax n => new PlatformDeclarationSyntax(Identifier(n.Name, offset), List(n.Body, offset), Move(n.Span, offset)),
        BlockDeclarationSyntax n => new BlockDeclarationSyntax(
            Identifier(n.Name, offset), Identifier(n.Kind, offset), Identifier(n.Base, offset), List(n.Body, offset), Move(n.Span, offset)),
        EndpointDeclarationSyntax n => new EndpointDeclarationSyntax(
            Identifier(n.Name, offset), Identifier(n.Kind, offset), Identifier(n.Parent, offset), List(n.Body, offset), Move(n.Span, offset)),
        HypervisorDeclarationSyntax n => new HypervisorDeclarationSyntax(Identifier(n.Name, offset), List(n.Body, offset), Move(n.Span, offset)),
        ProfileDeclarationSyntax n => new ProfileDeclarationSyntax(Identifier(n.Name, offset), List(n.Body, offset), Move(n.Span, offset)),
        RouteDeclarationSyntax n => new RouteDeclarationSyntax(List(n.Hops, offset), Move(n.Span, offset)),
        AssignDeclarationSyntax n => new AssignDeclarationSyntax(
            Identifier(n.Endpoint, offset), Identifier(n.Region, offset), Identifier(n.Target, offset), Identifier(n.Driver, offset), Move(n.Span, offset)),
        DocClauseSyntax n => new DocClauseSyntax(Optional(n.Text, offset), Move(n.Span, offset)),
        FeaturesClauseSyntax n => new FeaturesClauseSyntax(List(n.Features, offset), Move(n.Span, offset)),
        ConversionRuleSyntax n => new ConversionRuleSyntax(Identifier(n.Error, offset), Optional(n.Filter, offset), List(n.Outcomes, offset), Move(n.Span, offset)),
        ClaimClauseSyntax n => new ClaimClauseSyntax(Identifier(n.Name, offset), Optional(n.Filter, offset), Move(n.Span, offset)),
        FilterSyntax n => new FilterSyntax(List(n.Words, offset), Move(n.Span, offset)),
        OutcomeSyntax n => Outcome(n, offset),
        RegionDeclarationSyntax n => new RegionDeclarationSyntax(
            Identifier(n.Name, offset), Identifier(n.Space, offset), Optional(n.Size, offset), Optional(n.Base, offset),
            List(n.Attributes, offset), Optional(n.Doc, offset), Move(n.Span, offset)),
        FaultsClauseSyntax n => new FaultsClauseSyntax(List(n.Faults, offset), Move(n.Span, offset)),
        Stage2PolicySyntax n => new Stage2PolicySyntax(Identifier(n.Driver, offset), List(n.Conditions, offset), Identifier(n.Attribute, offset), Move(n.Span, offset)),
        OutcomeTreatmentSyntax n => new OutcomeTreatmentSyntax(Optional(n.Outcome, offset), List(n.Conditions, offset), Identifier(n.Action, offset), Move(n.Span, offset)),
        ProfileHypervisorSyntax n => new ProfileHypervisorSyntax(Identifier(n.Hypervisor, offset), Move(n.Span, offset)),
        _ => throw new InvalidOperationException($"SyntaxShift does not know {node.GetType().Name}"),
    };

    public static TextSpan Move(TextSpan span, int offset) => new(span.Start + offset, span.Length);

    private static T? Optional<T>(T? node, int offset)
        where T : SyntaxNode => node is null ? null : (T)Node(node, offset);

    private static IdentifierSyntax? Identifier(IdentifierSyntax? node, int offset) =>
        node is null ? null : new IdentifierSyntax(node.Text, Move(node.Span, offset));

    private static OutcomeSyntax Outcome(OutcomeSyntax node, int offset) =>
        new(Identifier(node.Name, offset)!, List(node.Arguments, offset), Move(node.Span, offset));

    // A default list stays default: it says "no parentheses", which an empty list does not.
    private static ImmutableArray<T> List<T>(ImmutableArray<T> list, int offset)
        where T : SyntaxNode
    {
        if (list.IsDefault)
        {
            return list;
        }

        var moved = new T[list.Length];
        for (var i = 0; i < moved.Length; i++)
        {
            moved[i] = (T)Node(list[i], offset);
        }

        return ImmutableArray.Create(moved);
    }
}
