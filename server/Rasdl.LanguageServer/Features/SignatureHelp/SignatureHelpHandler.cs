using Rasdl.Editing;
using CompletionContext = Rasdl.Editing.CompletionContext;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Vocabulary;
using StreamJsonRpc;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.LanguageServer.Features.SignatureHelp;

/// <summary>Signature help inside <c>serror(</c>, <c>irq(</c> and a rule's filter: what may be written there.</summary>
public sealed class SignatureHelpHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentSignatureHelp, UseSingleObjectParameterDeserialization = true)]
    public Protocol.SignatureHelp? SignatureHelp(SignatureHelpParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return null;
        }

        var offset = request.Offset(parameters.Position);
        var context = CompletionContext.At(request.Tree, offset);
        return context.Function switch
        {
            "serror" => Single("serror(SEVERITY)", Words.Outcomes.Words.First(w => w.Value == OutcomeKind.SError).Summary, "SEVERITY", Choices(Words.SErrorSeverities)),
            "irq" => Single("irq(KIND)", Words.Outcomes.Words.First(w => w.Value == OutcomeKind.Irq).Summary, "KIND", Choices(Words.IrqKinds)),
            "filter" => Filter(request.Tree.Text.ToString(context.Replace)),
            _ => null,
        };
    }

    private static Protocol.SignatureHelp Single(string label, string documentation, string parameter, string choices) => new()
    {
        Signatures =
        [
            new SignatureInformation
            {
                Label = label,
                Documentation = new MarkupContent { Kind = MarkupKind.Markdown, Value = documentation },
                Parameters = [new ParameterInformation { Label = parameter, Documentation = new MarkupContent { Kind = MarkupKind.Markdown, Value = choices } }],
            },
        ],
        ActiveSignature = 0,
        ActiveParameter = 0,
    };

    /// <summary>A filter: access kinds and memory types; words of one category are alternatives, categories combine with AND.</summary>
    private static Protocol.SignatureHelp Filter(string currentWord) => new()
    {
        Signatures =
        [
            new SignatureInformation
            {
                Label = "on ERROR (ACCESS, …, MEMORY_TYPE, …) -> OUTCOME;",
                Documentation = new MarkupContent
                {
                    Kind = MarkupKind.Markdown,
                    Value = "Narrows the rule. Words of one category are alternatives; the categories combine with AND, so `(read, device)` is a read of any kind to any Device type. No filter matches everything.",
                },
                Parameters =
                [
                    new ParameterInformation { Label = "ACCESS", Documentation = new MarkupContent { Kind = MarkupKind.Markdown, Value = Choices(Words.Accesses) } },
                    new ParameterInformation { Label = "MEMORY_TYPE", Documentation = new MarkupContent { Kind = MarkupKind.Markdown, Value = Choices(Words.MemoryTypes) } },
                ],
            },
        ],
        ActiveSignature = 0,
        ActiveParameter = Words.MemoryTypes.TryGet(currentWord, out _) ? 1 : 0,
    };

    private static string Choices<T>(WordSet<T> words) =>
        string.Join("\n", words.Words.Select(w => $"- `{w.Text}`: {w.Summary}"));
}
