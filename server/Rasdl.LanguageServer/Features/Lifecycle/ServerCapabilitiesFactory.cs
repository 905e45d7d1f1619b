using Rasdl.LanguageServer.Features.SemanticTokens;
using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Features.Lifecycle;

/// <summary>Exactly the capabilities the handlers implement.</summary>
public static class ServerCapabilitiesFactory
{
    public static ServerCapabilities Create() => new()
    {
        PositionEncoding = PositionEncodingKind.UTF16,
        TextDocumentSync = new TextDocumentSyncOptions
        {
            OpenClose = true,
            Change = TextDocumentSyncKind.Incremental,
            Save = new SaveOptions { IncludeText = false },
        },
        HoverProvider = true,
        CompletionProvider = new CompletionOptions { TriggerCharacters = [".", ">", "(", ",", "\"", "/", ":"] },
        SignatureHelpProvider = new SignatureHelpOptions { TriggerCharacters = ["(", ","], RetriggerCharacters = [","] },
        DefinitionProvider = true,
        ReferencesProvider = true,
        RenameProvider = new RenameOptions { PrepareProvider = true },
        DocumentSymbolProvider = true,
        WorkspaceSymbolProvider = true,
        SemanticTokensProvider = new SemanticTokensOptions
        {
            Legend = SemanticTokenLegend.Legend,
            Full = new SemanticTokensFullDelta { Delta = true },
        },
        FoldingRangeProvider = true,
        SelectionRangeProvider = true,
        DocumentFormattingProvider = true,
        DocumentRangeFormattingProvider = true,
        CodeActionProvider = new CodeActionOptions { CodeActionKinds = [CodeActionKind.QuickFix] },
        InlayHintProvider = true,
        CodeLensProvider = new CodeLensOptions { ResolveProvider = true },
    };
}
