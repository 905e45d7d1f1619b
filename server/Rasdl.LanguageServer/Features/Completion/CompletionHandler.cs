using Rasdl.Editing;
using CompletionContext = Rasdl.Editing.CompletionContext;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using StreamJsonRpc;
using LspCompletionItemKind = Rasdl.LanguageServer.Protocol.CompletionItemKind;
using SymbolKind = Rasdl.Semantics.SymbolKind;

namespace Rasdl.LanguageServer.Features.Completion;

/// <summary>Completion in context: the compiler says what may stand at the cursor; this turns it into items and snippets.</summary>
public sealed class CompletionHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentCompletion, UseSingleObjectParameterDeserialization = true)]
    public CompletionList? Completion(CompletionParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return null;
        }

        var context = CompletionContext.At(request.Tree, request.Offset(parameters.Position));
        cancellationToken.ThrowIfCancellationRequested();
        var range = request.Range(context.Replace);
        var items = CompletionCandidates.For(context, request.Model, request.Path)
            .Select((candidate, index) => ToItem(candidate, range, index))
            .ToList();
        if (context.Slot == CompletionSlot.TopLevelKeyword)
        {
            items.AddRange(Snippets.TopLevel.Select(s => s.ToItem(range)));
        }

        return new CompletionList { IsIncomplete = false, Items = [.. items] };
    }

    private static CompletionItem ToItem(CompletionCandidate candidate, Protocol.Range range, int index) => new()
    {
        Label = candidate.Label,
        Kind = Kind(candidate),
        Detail = candidate.Detail,
        Documentation = Documentation(candidate) is { } markdown ? new MarkupContent { Kind = MarkupKind.Markdown, Value = markdown } : null,
        SortText = index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        TextEdit = new TextEdit { Range = range, NewText = candidate.Label },
    };

    private static string? Documentation(CompletionCandidate candidate) =>
        candidate.Word is { } word ? Hover.HoverContent.ForWord(word) : candidate.Documentation is { } doc ? MarkdownText.Escape(doc) : null;

    private static LspCompletionItemKind Kind(CompletionCandidate candidate) => candidate.Kind switch
    {
        CandidateKind.Keyword => LspCompletionItemKind.Keyword,
        CandidateKind.File => LspCompletionItemKind.File,
        CandidateKind.Symbol => candidate.Symbol?.Kind switch
        {
            SymbolKind.Block => LspCompletionItemKind.Class,
            SymbolKind.Endpoint => LspCompletionItemKind.Module,
            SymbolKind.Region => LspCompletionItemKind.Field,
            SymbolKind.Hypervisor => LspCompletionItemKind.Interface,
            _ => LspCompletionItemKind.Reference,
        },
        _ => LspCompletionItemKind.EnumMember,
    };
}
