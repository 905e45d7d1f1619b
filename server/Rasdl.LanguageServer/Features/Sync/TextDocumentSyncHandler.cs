using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Sync;

/// <summary>Keeps the open buffers in step with the editor (incremental sync) and re-analyses after each change.</summary>
public sealed class TextDocumentSyncHandler(RasdlWorkspace workspace, DiagnosticPublisher diagnostics, LanguageClient client)
{
    [JsonRpcMethod(Methods.TextDocumentDidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        if (workspace.Uris.ToPath(item.Uri) is not { } path)
        {
            client.Log(MessageType.Warning, $"ignored didOpen of '{item.Uri}': not a document URI");
            return;
        }

        workspace.Uris.Remember(item.Uri, path);
        workspace.Open(item.Uri, path, item.Version, item.Text);
        diagnostics.Schedule();
    }

    [JsonRpcMethod(Methods.TextDocumentDidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        var identifier = parameters.TextDocument;
        if (workspace.Uris.ToPath(identifier.Uri) is not { } path || workspace.GetVersion(path) is not { } current)
        {
            client.Log(MessageType.Warning, $"ignored didChange of '{identifier.Uri}': the document is not open");
            return;
        }

        if (identifier.Version <= current)
        {
            client.Log(MessageType.Warning, $"ignored a stale didChange of '{identifier.Uri}': version {identifier.Version} is not newer than {current}");
            return;
        }

        // Messages are handled one at a time, so nothing else changes the buffer in between.
        if (!workspace.Change(path, identifier.Version, parameters.ContentChanges, out var problem))
        {
            client.Log(MessageType.Warning, $"ignored didChange version {identifier.Version}: {problem}");
            return;
        }

        diagnostics.Schedule();
    }

    [JsonRpcMethod(Methods.TextDocumentDidClose, UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        if (workspace.Uris.ToPath(parameters.TextDocument.Uri) is { } path)
        {
            workspace.Close(path);
            diagnostics.Schedule();
        }
    }

    [JsonRpcMethod(Methods.TextDocumentDidSave, UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters)
    {
        // The buffer is already current; a save may matter to files that import this one from disk.
        workspace.DiskChanged();
        diagnostics.Schedule();
    }

    [JsonRpcMethod(Methods.WorkspaceDidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        workspace.DiskChanged();
        diagnostics.Schedule();
    }
}
