using Rasdl.Engine;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.InlayHints;

/// <summary>
/// Inlay hints after each <c>assign</c>: per profile, the effective memory types a guest reaches
/// and the verdict. VS Code asks for them after every edit: they are made after the edit's
/// diagnostics, off the message queue, and stop when the client cancels them or the document
/// changes again (<see cref="OffTheQueue"/>); the verdicts come with the findings the
/// diagnostics reused when the edit changed no path, else from the whole analysis
/// (<see cref="Compilation.VerdictsFor"/>).
/// </summary>
public sealed class InlayHintHandler(RasdlWorkspace workspace, DiagnosticPublisher diagnostics)
{
    [JsonRpcMethod(Methods.TextDocumentInlayHint, UseSingleObjectParameterDeserialization = true)]
    public Task<InlayHint[]> InlayHints(InlayHintParams parameters, CancellationToken cancellationToken) =>
        OffTheQueue.Run(workspace, diagnostics, parameters.TextDocument.Uri, (request, token) => Hints(request, parameters.Range, token), [], cancellationToken);

    private InlayHint[] Hints(DocumentRequest request, Protocol.Range requested, CancellationToken cancellationToken)
    {
        var range = LspRanges.ToSpan(request.Tree.Text, requested);
        var hints = new List<InlayHint>();
        var placement = request.Model.Placement;
        foreach (var assignment in request.Model.Assignments)
        {
            var (tree, start) = placement.Find(assignment.Place.Owner);
            var span = assignment.Place.Span.MovedBy(start);
            if (tree != request.Tree || !(span.OverlapsWith(range) || range.Contains(span.End)))
            {
                continue;
            }

            var position = LspRanges.ToPosition(request.Tree.Text.GetLinePosition(span.End));
            foreach (var (_, result) in workspace.ShownVerdicts(request.Compilation.VerdictsFor(assignment.Region, cancellationToken)))
            {
                hints.Add(new InlayHint
                {
                    Position = position,
                    Label = $"{result.Profile}: {string.Join(", ", result.Effective.Select(t => t.Word()))} → {result.Verdict.Name()}",
                    PaddingLeft = true,
                    Tooltip = new MarkupContent
                    {
                        Kind = MarkupKind.Markdown,
                        Value = $"Under **{result.Profile}** ({result.Hypervisor}) {assignment.Region.QualifiedName} is mapped `{Stage2Table.Name(result.Stage2)}` at stage 2 (MemAttr {Stage2Table.MemAttr(result.Stage2)}); a guest can reach {string.Join(", ", result.Effective.Select(t => t.ArmName()))}. Verdict: **{result.Verdict.Name()}**.",
                    },
                });
            }
        }

        return [.. hints];
    }
}
