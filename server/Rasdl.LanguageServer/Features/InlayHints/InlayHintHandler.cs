using Rasdl.Engine;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.InlayHints;

/// <summary>Inlay hints after each <c>assign</c>: per profile, the effective memory types a guest reaches and the verdict.</summary>
public sealed class InlayHintHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentInlayHint, UseSingleObjectParameterDeserialization = true)]
    public InlayHint[] InlayHints(InlayHintParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        var range = LspRanges.ToSpan(request.Tree.Text, parameters.Range);
        var hints = new List<InlayHint>();
        foreach (var assignment in request.Model.Assignments.Where(a => a.Tree.Path == request.Path && a.Syntax.Span.OverlapsWith(range) || range.Contains(a.Syntax.Span.End)))
        {
            if (assignment.Tree.Path != request.Path)
            {
                continue;
            }

            var position = LspRanges.ToPosition(request.Tree.Text.GetLinePosition(assignment.Syntax.Span.End));
            foreach (var result in workspace.ShownResults(request.Compilation.Analysis.ResultsFor(assignment.Region)))
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
