using Rasdl.LanguageServer.Features.CodeActions;
using Rasdl.LanguageServer.Features.CodeLens;
using Rasdl.LanguageServer.Features.Configuration;
using Rasdl.LanguageServer.Features.Completion;
using Rasdl.LanguageServer.Features.Definition;
using Rasdl.LanguageServer.Features.Folding;
using Rasdl.LanguageServer.Features.Formatting;
using Rasdl.LanguageServer.Features.Graph;
using Rasdl.LanguageServer.Features.Hover;
using Rasdl.LanguageServer.Features.InlayHints;
using Rasdl.LanguageServer.Features.References;
using Rasdl.LanguageServer.Features.Rename;
using Rasdl.LanguageServer.Features.SelectionRange;
using Rasdl.LanguageServer.Features.SemanticTokens;
using Rasdl.LanguageServer.Features.SignatureHelp;
using Rasdl.LanguageServer.Features.Symbols;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;

namespace Rasdl.LanguageServer.Features;

/// <summary>The handler of every LSP feature besides lifecycle and document sync, one class per feature.</summary>
public static class FeatureHandlers
{
    public static IEnumerable<RpcTarget> Create(RasdlWorkspace workspace, LanguageClient client, Diagnostics.DiagnosticPublisher diagnostics) =>
    [
        RpcTarget.Of(new HoverHandler(workspace, diagnostics)),
        RpcTarget.Of(new CompletionHandler(workspace)),
        RpcTarget.Of(new SignatureHelpHandler(workspace)),
        RpcTarget.Of(new DefinitionHandler(workspace)),
        RpcTarget.Of(new ReferencesHandler(workspace)),
        RpcTarget.Of(new RenameHandler(workspace)),
        RpcTarget.Of(new DocumentSymbolHandler(workspace)),
        RpcTarget.Of(new WorkspaceSymbolHandler(workspace)),
        RpcTarget.Of(new SemanticTokensHandler(workspace)),
        RpcTarget.Of(new FoldingRangeHandler(workspace)),
        RpcTarget.Of(new SelectionRangeHandler(workspace)),
        RpcTarget.Of(new FormattingHandler(workspace, client)),
        RpcTarget.Of(new CodeActionHandler(workspace)),
        RpcTarget.Of(new InlayHintHandler(workspace, diagnostics)),
        RpcTarget.Of(new CodeLensHandler(workspace, diagnostics)),
        RpcTarget.Of(new ConfigurationHandler(workspace, client)),
        RpcTarget.Of(new ContainmentGraphHandler(workspace)),
    ];
}
