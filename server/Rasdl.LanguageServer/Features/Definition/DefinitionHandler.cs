using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Syntax;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Definition;

/// <summary>Go to definition: a name to its declaration (standard library included), an import path to the file.</summary>
public sealed class DefinitionHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentDefinition, UseSingleObjectParameterDeserialization = true)]
    public Location[] Definition(DefinitionParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request)
        {
            return [];
        }

        var offset = request.Offset(parameters.Position);
        if (request.Model.FindReference(request.Path, offset) is { } reference)
        {
            var declaration = request.Model.LocationOf(reference.Symbol);
            return [new Location { Uri = workspace.Uris.ToUri(declaration.Path), Range = LspRanges.ToRange(declaration.Range) }];
        }

        var import = request.Tree.Root.PlacedImports.FirstOrDefault(i => i.Import.Path is { } p && p.RelativeSpan.MovedBy(i.Start).Touches(offset)).Import;
        if (import is not null && request.Compilation.ResolvedImports.TryGetValue(import, out var target))
        {
            var start = new Position { Line = 0, Character = 0 };
            return [new Location { Uri = workspace.Uris.ToUri(target), Range = new Protocol.Range { Start = start, End = start } }];
        }

        return [];
    }
}
