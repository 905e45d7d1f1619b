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
        var root = request.Tree.Root;
        return [.. root.Declarations.Select((d, i) => ForDeclaration(d, root.Starts[i], text)).OfType<DocumentSymbol>()];
    }

    /// <param name="origin">Where the declaration starts: its nodes' spans are relative to it.</param>
    private static DocumentSymbol? ForDeclaration(DeclarationSyntax declaration, int origin, SourceText text)
    {
        TextSpan At(SyntaxNode node) => node.RelativeSpan.MovedBy(origin);
        return declaration switch
        {
            ImportDeclarationSyntax { Path: { } path } => Symbol(text, $"import \"{path.Value}\"", null, SymbolKind.File, At(declaration), At(path)),
            PlatformDeclarationSyntax { Name: { } name } => Symbol(text, name.Text, "platform", SymbolKind.Namespace, At(declaration), At(name)),
            BlockDeclarationSyntax { Name: { } name } block => Symbol(text, name.Text, block.Kind?.Text, SymbolKind.Class, At(declaration), At(name),
                block.Body.Select(m => m switch
                {
                    ConversionRuleSyntax r => Symbol(text, Squash(text.ToString(At(r))), "rule", SymbolKind.Event, At(r), At(r.Error ?? (SyntaxNode)r)),
                    ClaimClauseSyntax c => Symbol(text, Squash(text.ToString(At(c))), "claim", SymbolKind.Property, At(c), At(c.Name ?? (SyntaxNode)c)),
                    _ => null,
                }).OfType<DocumentSymbol>()),
            EndpointDeclarationSyntax { Name: { } name } endpoint => Symbol(text, name.Text, endpoint.Kind?.Text, SymbolKind.Module, At(declaration), At(name),
                endpoint.Regions.Where(r => r.Name is not null).Select(r => Symbol(text, r.Name!.Text, r.Space?.Text, SymbolKind.Field, At(r), At(r.Name!)))),
            HypervisorDeclarationSyntax { Name: { } name } hypervisor => Symbol(text, name.Text, "hypervisor", SymbolKind.Interface, At(declaration), At(name),
                hypervisor.Body.Where(m => m is Stage2PolicySyntax or OutcomeTreatmentSyntax).Select(m => Symbol(text, Squash(text.ToString(At(m))), null, SymbolKind.Event, At(m), At(m)))),
            ProfileDeclarationSyntax { Name: { } name } profile => Symbol(text, name.Text, profile.Hypervisors.FirstOrDefault()?.Text, SymbolKind.Package, At(declaration), At(name)),
            RouteDeclarationSyntax route when route.Hops.Length > 0 => Symbol(text, "route " + string.Join(" -> ", route.Hops.Select(h => h.Text)), null, SymbolKind.Operator, At(declaration), At(route.Hops[0])),
            AssignDeclarationSyntax { Endpoint: { } endpoint } assign => Symbol(text, $"assign {endpoint.Text}.{assign.Region?.Text}", assign.Driver?.Text, SymbolKind.Variable, At(declaration), At(endpoint)),
            _ => null,
        };
    }

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
