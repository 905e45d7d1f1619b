using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using StreamJsonRpc;
using LspSymbolKind = Rasdl.LanguageServer.Protocol.SymbolKind;
using SymbolKind = Rasdl.Semantics.SymbolKind;

namespace Rasdl.LanguageServer.Features.Symbols;

/// <summary>Workspace symbols: every declared name in the open documents, the workspace's files and what they import.</summary>
public sealed class WorkspaceSymbolHandler(RasdlWorkspace workspace)
{
    public const int MaxResults = 500;

    // The scan reads files: it runs off the message queue, so the server answers everything else meanwhile.
    [JsonRpcMethod(Methods.WorkspaceSymbol, UseSingleObjectParameterDeserialization = true)]
    public Task<SymbolInformation[]> WorkspaceSymbolsAsync(WorkspaceSymbolParams parameters, CancellationToken cancellationToken) =>
        Task.Run(() => WorkspaceSymbols(parameters, cancellationToken), cancellationToken);

    private SymbolInformation[] WorkspaceSymbols(WorkspaceSymbolParams parameters, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, int)>();
        var found = new List<SymbolInformation>();
        foreach (var compilation in workspace.AllCompilations(cancellationToken))
        {
            var model = compilation.Model;
            IEnumerable<Symbol> symbols = [.. model.Platform is { } p ? [p] : Array.Empty<Symbol>(), .. model.Blocks, .. model.Endpoints, .. model.Regions, .. model.Hypervisors, .. model.Profiles];
            foreach (var symbol in symbols.Where(s => Matches(s.QualifiedName, parameters.Query) && seen.Add((s.Path, model.SpanOf(s.NamePlace).Start))))
            {
                found.Add(new SymbolInformation
                {
                    Name = symbol.Name,
                    Kind = Kind(symbol.Kind),
                    ContainerName = symbol is RegionSymbol region ? region.Endpoint.Name : null,
                    Location = new Location { Uri = workspace.Uris.ToUri(symbol.Path), Range = LspRanges.ToRange(model.LocationOf(symbol).Range) },
                });
                if (found.Count >= MaxResults)
                {
                    return [.. found];
                }
            }
        }

        return [.. found.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every character of the query, in order, case-insensitively (so "rc" finds "rc0" and "root_complex").</summary>
    private static bool Matches(string name, string query)
    {
        var i = 0;
        foreach (var c in name)
        {
            if (i < query.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(query[i]))
            {
                i++;
            }
        }

        return i == query.Length;
    }

    public static LspSymbolKind Kind(SymbolKind kind) => kind switch
    {
        SymbolKind.Platform => LspSymbolKind.Namespace,
        SymbolKind.Block => LspSymbolKind.Class,
        SymbolKind.Endpoint => LspSymbolKind.Module,
        SymbolKind.Region => LspSymbolKind.Field,
        SymbolKind.Hypervisor => LspSymbolKind.Interface,
        _ => LspSymbolKind.Package,
    };
}
