using System.Text.RegularExpressions;
using Rasdl.LanguageServer.Features.References;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Parsing;
using Rasdl.Semantics;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Rename;

/// <summary>Rename a declared name everywhere it is written, across files; standard-library names are refused.</summary>
public sealed partial class RenameHandler(RasdlWorkspace workspace)
{
    [JsonRpcMethod(Methods.TextDocumentPrepareRename, UseSingleObjectParameterDeserialization = true)]
    public PrepareRenamePlaceholder? PrepareRename(PrepareRenameParams parameters)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request
            || request.Model.FindReference(request.Path, request.Offset(parameters.Position)) is not { } reference)
        {
            return null;
        }

        RefuseStandardLibrary(reference.Symbol);
        return new PrepareRenamePlaceholder { Range = LspRanges.ToRange(request.Model.LocationOf(reference.Place).Range), Placeholder = reference.Symbol.Name };
    }

    // The scan reads files: it runs off the message queue, so the server answers everything else meanwhile.
    [JsonRpcMethod(Methods.TextDocumentRename, UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> RenameAsync(RenameParams parameters, CancellationToken cancellationToken) =>
        Task.Run(() => Rename(parameters, cancellationToken), cancellationToken);

    private WorkspaceEdit? Rename(RenameParams parameters, CancellationToken cancellationToken)
    {
        if (DocumentRequest.For(workspace, parameters.TextDocument.Uri) is not { } request
            || request.Model.FindReference(request.Path, request.Offset(parameters.Position)) is not { } reference)
        {
            return null;
        }

        var symbol = reference.Symbol;
        var name = parameters.NewName;
        RefuseStandardLibrary(symbol);
        if (!Identifier().IsMatch(name) || Parser.Keywords.Contains(name))
        {
            throw LspErrors.RequestFailed($"'{name}' is not a valid name: use letters, digits and '_', not starting with a digit, and not a keyword");
        }

        var clash = symbol is RegionSymbol region
            ? region.Endpoint.Regions.FirstOrDefault(r => r.Name == name && r != region)
            : request.Model.Lookup(name) is { } other && other != symbol ? other : null;
        if (clash is not null)
        {
            throw LspErrors.RequestFailed($"{clash.Describe()} already exists ({Path.GetFileName(clash.Path)}:{request.Model.LocationOf(clash).Range.Start})");
        }

        var occurrences = SymbolOccurrences.Find(workspace, request.Model, symbol, cancellationToken);
        if (occurrences.Where(o => o.Location.IsInStandardLibrary).Select(o => (SymbolOccurrences.Occurrence?)o).FirstOrDefault() is { } inLibrary)
        {
            throw LspErrors.RequestFailed($"{symbol.Describe()} is written in the standard library ({inLibrary.Location.Path}), which cannot be edited");
        }

        return new WorkspaceEdit
        {
            Changes = occurrences
                .GroupBy(o => o.Location.Path)
                .ToDictionary(
                    g => workspace.Uris.ToUri(g.Key),
                    g => g.Select(o => new TextEdit { Range = LspRanges.ToRange(o.Location.Range), NewText = name }).ToArray()),
        };
    }

    private static void RefuseStandardLibrary(Symbol symbol)
    {
        if (symbol.IsInStandardLibrary)
        {
            throw LspErrors.RequestFailed($"{symbol.Describe()} is declared in the standard library ({symbol.Path}) and cannot be renamed");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
