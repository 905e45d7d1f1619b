using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Syntax;
using Rasdl.Text;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Symbols;

/// <summary>The outline: every declaration of the document, with rules, regions and hypervisor treatments as children.</summary>
public sealed class DocumentSymbolHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentDocumentSymbol, UseSingleObjectParameterDeserialization = true)]
    public DocumentSymbol[] DocumentSymbols(DocumentSymbolParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        var text = request.Tree.Text;
        return [.. request.Tree.Root.Declarations.Select(d => ForDeclaration(d, text)).OfType<DocumentSymbol>()];
    }

    private static DocumentSymbol? ForDeclaration(DeclarationSyntax declaration, SourceText text) => declaration switch
    {
        ImportDeclarationSyntax { Path: { } path } => Symbol(text, $"import \"{path.Value}\"", null, SymbolKind.File, declaration.Span, path.Span),
        PlatformDeclarationSyntax { Name: { } name } => Symbol(text, name.Text, "platform", SymbolKind.Namespace, declaration.Span, name.Span),
        BlockDeclarationSyntax { Name: { } name } block => Symbol(text, name.Text, block.Kind?.Text, SymbolKind.Class, declaration.Span, name.Span,
            block.Body.Select(m => m switch
            {
                ConversionRuleSyntax r => Symbol(text, Squash(text.ToString(r.Span)), "rule", SymbolKind.Event, r.Span, r.Error?.Span ?? r.Span),
                ClaimClauseSyntax c => Symbol(text, Squash(text.ToString(c.Span)), "claim", SymbolKind.Property, c.Span, c.Name?.Span ?? c.Span),
                _ => null,
            }).OfType<DocumentSymbol>()),
        EndpointDeclarationSyntax { Name: { } name } endpoint => Symbol(text, name.Text, endpoint.Kind?.Text, SymbolKind.Module, declaration.Span, name.Span,
            endpoint.Regions.Where(r => r.Name is not null).Select(r => Symbol(text, r.Name!.Text, r.Space?.Text, SymbolKind.Field, r.Span, r.Name!.Span))),
        HypervisorDeclarationSyntax { Name: { } name } hypervisor => Symbol(text, name.Text, "hypervisor", SymbolKind.Interface, declaration.Span, name.Span,
            hypervisor.Body.Where(m => m is Stage2PolicySyntax or OutcomeTreatmentSyntax).Select(m => Symbol(text, Squash(text.ToString(m.Span)), null, SymbolKind.Event, m.Span, m.Span))),
        ProfileDeclarationSyntax { Name: { } name } profile => Symbol(text, name.Text, profile.Hypervisors.FirstOrDefault()?.Text, SymbolKind.Package, declaration.Span, name.Span),
        RouteDeclarationSyntax route when route.Hops.Length > 0 => Symbol(text, "route " + string.Join(" -> ", route.Hops.Select(h => h.Text)), null, SymbolKind.Operator, declaration.Span, route.Hops[0].Span),
        AssignDeclarationSyntax { Endpoint: { } endpoint } assign => Symbol(text, $"assign {endpoint.Text}.{assign.Region?.Text}", assign.Driver?.Text, SymbolKind.Variable, declaration.Span, endpoint.Span),
        _ => null,
    };

    private static DocumentSymbol Symbol(SourceText text, string name, string? detail, SymbolKind kind, TextSpan span, TextSpan selection, IEnumerable<DocumentSymbol>? children = null)
    {
        var childArray = children?.ToArray();
        return new DocumentSymbol
        {
            Name = name.Length == 0 ? "?" : name,
            Detail = detail,
            Kind = kind,
            Range = LspRanges.ToRange(text, span),
            SelectionRange = LspRanges.ToRange(text, span.Contains(selection) ? selection : span),
            Children = childArray is { Length: > 0 } ? childArray : null,
        };
    }

    private static string Squash(string source) => string.Join(' ', source.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';');
}
