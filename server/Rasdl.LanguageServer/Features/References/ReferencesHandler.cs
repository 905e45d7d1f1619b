using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.References;

/// <summary>Find references: every use of the name under the cursor in the open documents and the workspace's files.</summary>
public sealed class ReferencesHandler(RasdlWorkspace workspace)
{
    // The scan reads files: it runs off the message queue, so the server answers everything else meanwhile.
    [JsonRpcMethod(Methods.TextDocumentReferences, UseSingleObjectParameterDeserialization = true)]
    public Task<Location[]> ReferencesAsync(ReferenceParams parameters, CancellationToken cancellationToken) =>
        Task.Run(() => References(parameters, cancellationToken), cancellationToken);

    private Location[] References(ReferenceParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request
            || request.Model.FindReference(request.Path, request.Offset(parameters.Position)) is not { } reference)
        {
            return [];
        }

        return
        [
            .. SymbolOccurrences.Find(workspace, request.Model, reference.Symbol, cancellationToken)
                .Where(r => parameters.Context.IncludeDeclaration || !r.IsDeclaration)
                .Select(r => new Location { Uri = workspace.Uris.ToUri(r.Location.Path), Range = LspRanges.ToRange(r.Location.Range) }),
        ];
    }
}
