using Rasdl.Diagnostics;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;
using CompilerDiagnostic = Rasdl.Diagnostics.Diagnostic;

namespace Rasdl.LanguageServer.Features.CodeActions;

/// <summary>
/// Quick fixes for the diagnostics in the requested range: did-you-mean for unknown names, a
/// contained rule for an error a block does not handle, a hypervisor that keeps Device memory
/// for a region that is uncontained only under NORMAL_NC, and a suppression comment.
/// </summary>
public sealed class CodeActionHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentCodeAction, UseSingleObjectParameterDeserialization = true)]
    public CodeAction[] CodeActions(CodeActionParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        var range = LspRanges.ToSpan(request.Tree.Text, parameters.Range);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in request.Compilation.GetDiagnostics().Where(d => d.Location.Path == request.Path && Overlaps(d.Location.Span, range)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lsp = DiagnosticConverter.ToLsp(diagnostic, workspace.Uris);
            var fixes = new QuickFixes(request, workspace.Uris);
            actions.AddRange(fixes.DidYouMean(diagnostic)
                .Concat(fixes.MissingRule(diagnostic))
                .Concat(fixes.DeviceHypervisor(diagnostic))
                .Concat(fixes.Suppress(diagnostic))
                .Select(a => a with { Diagnostics = [lsp] }));
        }

        return [.. actions];
    }

    // A caret (empty range) at either end of a diagnostic still counts.
    private static bool Overlaps(Rasdl.Text.TextSpan diagnostic, Rasdl.Text.TextSpan range) =>
        diagnostic.OverlapsWith(range) || diagnostic.Touches(range.Start) || range.Contains(diagnostic.Start);
}
