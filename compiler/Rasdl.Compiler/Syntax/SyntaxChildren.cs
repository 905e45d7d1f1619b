using Rasdl.Text;

namespace Rasdl.Syntax;

/// <summary>Walks the syntax model: a node's direct children in source order, and the chain of nodes around a position.</summary>
public static class SyntaxChildren
{
    public static IEnumerable<SyntaxNode> ChildrenOf(SyntaxNode node)
    {
        IEnumerable<SyntaxNode?> children = node switch
        {
            CompilationUnitSyntax unit => unit.Declarations,
            ImportDeclarationSyntax import => [import.Path],
            PlatformDeclarationSyntax platform => [platform.Name, .. platform.Body],
            BlockDeclarationSyntax block => [block.Name, block.Kind, block.Base, .. block.Body],
            EndpointDeclarationSyntax endpoint => [endpoint.Name, endpoint.Kind, endpoint.Parent, .. endpoint.Body],
            HypervisorDeclarationSyntax hypervisor => [hypervisor.Name, .. hypervisor.Body],
            ProfileDeclarationSyntax profile => [profile.Name, .. profile.Body],
            RouteDeclarationSyntax route => route.Hops,
            AssignDeclarationSyntax assign => [assign.Endpoint, assign.Region, assign.Target, assign.Driver],
            DocClauseSyntax doc => [doc.Text],
            FeaturesClauseSyntax features => features.Features,
            ConversionRuleSyntax rule => [rule.Error, rule.Filter, .. rule.Outcomes],
            ClaimClauseSyntax claim => [claim.Name, claim.Filter],
            FilterSyntax filter => filter.Words,
            OutcomeSyntax outcome => [outcome.Name, .. outcome.HasArgumentList ? outcome.Arguments : []],
            RegionDeclarationSyntax region => [region.Name, region.Space, region.Size, region.Base, .. region.Attributes, region.Doc],
            FaultsClauseSyntax faults => faults.Faults,
            Stage2PolicySyntax policy => [policy.Driver, .. policy.Conditions, policy.Attribute],
            OutcomeTreatmentSyntax treatment => [treatment.Outcome, .. treatment.Conditions, treatment.Action],
            ProfileHypervisorSyntax hypervisor => [hypervisor.Hypervisor],
            _ => [],
        };
        return children.OfType<SyntaxNode>().OrderBy(c => c.RelativeSpan.Start);
    }

    /// <summary>The nodes whose span touches the position, outermost (the file) first, innermost last, each with where it is written in the file.</summary>
    public static IReadOnlyList<(SyntaxNode Node, TextSpan Span)> PathTo(CompilationUnitSyntax root, int position)
    {
        var path = new List<(SyntaxNode, TextSpan)> { (root, root.RelativeSpan) };
        var index = root.IndexTouching(position);
        // A declaration of no length touches no position (as a child must: see below).
        if (index < 0 || root.SpanOf(index).Length == 0)
        {
            return path;
        }

        // Below a declaration, spans are relative to its start.
        var origin = root.Starts[index];
        var relative = position - origin;
        SyntaxNode? current = root.Declarations[index];
        while (current is not null)
        {
            path.Add((current, current.RelativeSpan.MovedBy(origin)));
            current = ChildrenOf(current).FirstOrDefault(c => c.RelativeSpan.Contains(relative))
                ?? ChildrenOf(current).FirstOrDefault(c => c.RelativeSpan.Touches(relative) && c.RelativeSpan.Length > 0);
        }

        return path;
    }
}
