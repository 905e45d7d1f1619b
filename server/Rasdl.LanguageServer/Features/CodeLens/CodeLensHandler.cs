using System.Text.Json;
using Rasdl.Engine;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.CodeLens;

/// <summary>
/// A code lens on each region: its verdict under each profile; an uncontained one carries the
/// command <see cref="ShowWitnessCommand"/> with the witness's locations, for the client to show.
/// Made after the edit's diagnostics and off the message queue, like the inlay hints, and for the same reason (<see cref="OffTheQueue"/>).
/// A lens whose title needs paths walked comes without its command and is resolved when the
/// client shows it (<c>codeLens/resolve</c>, which VS Code asks for the lenses on screen): an
/// uncontained verdict's witness, and every verdict of a version whose findings hold none (while
/// a syntax or binding error hides them). Such a lens is worked out from its region alone
/// (<see cref="Compilation.ResultsFor"/>), not from an analysis of the whole description.
/// </summary>
public sealed class CodeLensHandler(RasdlWorkspace workspace, DiagnosticPublisher diagnostics)
{
    /// <summary>Arguments: the document URI, the region's position, and the witness steps as LSP locations (client-side command).</summary>
    public const string ShowWitnessCommand = "rasdl.showWitness";

    [JsonRpcMethod(Methods.TextDocumentCodeLens, UseSingleObjectParameterDeserialization = true)]
    public Task<Protocol.CodeLens[]> CodeLenses(CodeLensParams parameters, CancellationToken cancellationToken) =>
        OffTheQueue.Run(workspace, diagnostics, parameters.TextDocument.Uri, (request, token) => Lenses(request, parameters.TextDocument.Uri, token), [], cancellationToken);

    [JsonRpcMethod(Methods.CodeLensResolve, UseSingleObjectParameterDeserialization = true)]
    public Task<Protocol.CodeLens> Resolve(Protocol.CodeLens lens, CancellationToken cancellationToken)
    {
        if (lens.Command is not null)
        {
            return Task.FromResult(lens);
        }

        CodeLensData? data;
        try
        {
            data = lens.Data is JsonElement { ValueKind: JsonValueKind.Object } element ? element.Deserialize(ServerJsonContext.Default.CodeLensData) : null;
        }
        catch (JsonException)
        {
            data = null;
        }

        if (data?.Uri is null || data.Region is null || data.Profile is null)
        {
            throw LspErrors.InvalidParams("a code lens to resolve needs the data the server gave it");
        }

        return OffTheQueue.Run(workspace, diagnostics, data.Uri, (request, token) => Resolved(request, lens, data, token), lens, cancellationToken);
    }

    private Protocol.CodeLens[] Lenses(DocumentRequest request, string uri, CancellationToken cancellationToken)
    {
        var lenses = new List<Protocol.CodeLens>();
        var held = request.Compilation.HoldsVerdicts;
        // A lens without a witness has a command made of its verdict and profile alone: one per
        // pair, shared by the lenses (a 100k-line file has about 30,000 lenses and a few pairs).
        var commands = new Dictionary<(ContainmentVerdict, string), Command>();
        foreach (var region in request.Model.Regions)
        {
            if (region.Path != request.Path)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var range = LspRanges.ToRange(request.Tree.Text, request.Model.SpanOf(region.NamePlace));
            if (held)
            {
                // The verdicts are known; an uncontained one's witness is walked when the lens is shown.
                foreach (var (index, verdict) in workspace.ShownVerdicts(request.Compilation.VerdictsFor(region, cancellationToken)))
                {
                    if (verdict.Verdict == ContainmentVerdict.Uncontained)
                    {
                        lenses.Add(new Protocol.CodeLens { Range = range, Data = new CodeLensData(uri, region.QualifiedName, verdict.Profile, index) });
                        continue;
                    }

                    if (!commands.TryGetValue((verdict.Verdict, verdict.Profile), out var command))
                    {
                        command = commands[(verdict.Verdict, verdict.Profile)] = Lens(uri, range, verdict, null);
                    }

                    lenses.Add(new Protocol.CodeLens { Range = range, Command = command });
                }

                continue;
            }

            foreach (var (index, profile) in workspace.ShownProfiles(request.Compilation.ProfilesFor(region, cancellationToken)))
            {
                lenses.Add(new Protocol.CodeLens { Range = range, Data = new CodeLensData(uri, region.QualifiedName, profile, index) });
            }
        }

        return [.. lenses];
    }

    // The region's result the lens was made for, in the document as it is now; a region renamed
    // or removed since, or results that changed meanwhile, make the lens stale: ContentModified
    // tells the client to ask for the lenses again.
    private Protocol.CodeLens Resolved(DocumentRequest request, Protocol.CodeLens lens, CodeLensData data, CancellationToken cancellationToken)
    {
        var dot = data.Region.IndexOf('.', StringComparison.Ordinal);
        var region = dot < 0 || request.Model.Lookup(data.Region[..dot]) is not EndpointSymbol endpoint
            ? null
            : endpoint.Regions.FirstOrDefault(r => r.Name == data.Region[(dot + 1)..] && r.Path == request.Path);
        var results = region is null ? [] : request.Compilation.ResultsFor(region, cancellationToken);
        if (data.Index < 0 || data.Index >= results.Length || results[data.Index].Profile != data.Profile)
        {
            throw LspErrors.ContentModified($"{data.Region} has no result under {data.Profile} any more");
        }

        var result = results[data.Index];
        var verdict = RegionVerdict.Of(result);
        return lens with { Command = Lens(data.Uri, lens.Range, verdict, verdict.Verdict == ContainmentVerdict.Uncontained ? result : null) };
    }

    private Command Lens(string uri, Protocol.Range range, RegionVerdict verdict, RegionResult? result)
    {
        var title = $"{verdict.Verdict.Name()} under {verdict.Profile}";
        if (result?.Witnesses.FirstOrDefault() is not { } witness)
        {
            return new Command { Title = title, CommandValue = "" };
        }

        var locations = witness.Steps
            .Select(s => witness.LocationOf(s.Place))
            .Select(at => new Location { Uri = workspace.Uris.ToUri(at.Path), Range = LspRanges.ToRange(at.Range) })
            .ToArray();
        return new Command
        {
            Title = $"{title} — show witness",
            Tooltip = witness.Short(),
            CommandValue = ShowWitnessCommand,
            Arguments = [uri, range.Start, locations],
        };
    }
}

/// <summary>What a code lens without its command carries to <c>codeLens/resolve</c>: the region, and which of its results (<see cref="Compilation.ResultsFor"/>) it shows.</summary>
public sealed record CodeLensData(string Uri, string Region, string Profile, int Index);
