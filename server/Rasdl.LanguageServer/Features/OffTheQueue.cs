using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;

namespace Rasdl.LanguageServer.Features;

/// <summary>
/// Work a request does after it has taken its snapshot: begun once the latest edit's
/// diagnostics are out, run on the thread pool instead of the server's message queue, and
/// stopped when the document changes. Messages are handled one at a time in the order they
/// arrive (<see cref="RasdlLanguageServer"/>), and VS Code asks for inlay hints and code lenses
/// after every edit: made on the queue, their whole analysis kept the next edit waiting, and
/// made beside the diagnostics it took the cores they needed (docs/performance.md, "Requests
/// VS Code sends while a user types"). The document's <see cref="RasdlWorkspace.ChangedToken"/>
/// is read on the queue, with the request: the answer is about the document's text as every
/// edit before the request left it, and an edit to it that comes after the request makes it
/// stale, so the request ends with ContentModified, which tells the client to ask again (LSP
/// 3.17, "Implementation considerations"). The document's compilation is taken once the
/// diagnostics are out, so it is the one the diagnostics run made (taken on the queue, before
/// that run had cached it, each request made one of its own).
/// </summary>
public static class OffTheQueue
{
    /// <summary>
    /// Answers a request about a document with <paramref name="work"/> on its snapshot, or with
    /// <paramref name="none"/> when the document cannot be read. Called on the queue: what must
    /// be read there (the latest edit's diagnostics run, the document's change token) is read
    /// before the first await.
    /// </summary>
    public static async Task<T> Run<T>(
        RasdlWorkspace workspace, DiagnosticPublisher diagnostics, string uri, Func<DocumentRequest, CancellationToken, T> work, T none, CancellationToken cancellationToken)
    {
        var after = diagnostics.Current;
        var changed = workspace.ChangedToken(uri);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, changed);
        try
        {
            await after.WaitAsync(either.Token).ConfigureAwait(false);
            return await Task.Run(
                () =>
                {
                    var request = DocumentRequest.For(workspace, uri);
                    // An edit to the document that came meanwhile may have given a later text's compilation: not this request's.
                    either.Token.ThrowIfCancellationRequested();
                    return request is null ? none : work(request, either.Token);
                },
                either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (changed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw LspErrors.ContentModified("the document changed while this was being worked out");
        }
    }
}
