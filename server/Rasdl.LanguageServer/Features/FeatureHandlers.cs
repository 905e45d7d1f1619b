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
using Rasdl.LanguageServer.Workspace;

namespace Rasdl.LanguageServer.Features;

/// <summary>The handler of every LSP feature besides lifecycle and document sync, one class per feature.</summary>
public static class FeatureHandlers
{
    public static IEnumerable<object> Create(RasdlWorkspace workspace, LanguageClient client) =>
    [
        new HoverHandler(workspace),
        new CompletionHandler(workspace),
        new SignatureHelpHandler(workspace),
        new DefinitionHandler(workspace),
        new ReferencesHandler(workspace),
        new RenameHandler(workspace),
        new DocumentSymbolHandler(workspace),
        new WorkspaceSymbolHandler(workspace),
        new SemanticTokensHandler(workspace),
        new FoldingRangeHandler(workspace),
        new SelectionRangeHandler(workspace),
        new FormattingHandler(workspace, client),
        new CodeActionHandler(workspace),
        new InlayHintHandler(workspace),
        new CodeLensHandler(workspace),
        new ConfigurationHandler(workspace, client),
        new ContainmentGraphHandler(workspace),
    ];
}
