using Rasdl.Engine;
using Rasdl.LanguageServer.Features.Diagnostics;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.CodeLens;

/// <summary>
/// A code lens on each region: its verdict under each profile; an uncontained one carries the
/// command <see cref="ShowWitnessCommand"/> with the witness's locations, for the client to show.
/// Made after the edit's diagnostics and off the message queue, like the inlay hints, and for the same reason (<see cref="OffTheQueue"/>).
/// </summary>
public sealed class CodeLensHandler(RasdlWorkspace workspace, DiagnosticPublisher diagnostics)
{
    /// <summary>Arguments: the document URI, the region's position, and the witness steps as LSP locations (client-side command).</summary>
    public const string ShowWitnessCommand = "rasdl.showWitness";

    [JsonRpcMethod(Methods.TextDocumentCodeLens, UseSingleObjectParameterDeserialization = true)]
    public Task<Protocol.CodeLens[]> CodeLenses(CodeLensParams parameters, CancellationToken cancellationToken) =>
        OffTheQueue.Run(workspace, diagnostics, parameters.TextDocument.Uri, (request, token) => Lenses(request, parameters.TextDocument.Uri, token), [], cancellationToken);

    private Protocol.CodeLens[] Lenses(DocumentRequest request, string uri, CancellationToken cancellationToken)
    {
        var lenses = new List<Protocol.CodeLens>();
        foreach (var region in request.Model.Regions.Where(r => r.Location.Path == request.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var range = LspRanges.ToRange(region.Location.Range);
            // The witness an uncontained region's lens shows needs the whole analysis; the other lenses need only the verdicts.
            List<RegionResult>? results = null;
            foreach (var (index, verdict) in workspace.ShownVerdicts(request.Compilation.VerdictsFor(region, cancellationToken)))
            {
                var result = verdict.Verdict == ContainmentVerdict.Uncontained
                    ? (results ??= [.. request.Compilation.GetAnalysis(cancellationToken).ResultsFor(region)])[index]
                    : null;
                lenses.Add(new Protocol.CodeLens { Range = range, Command = Lens(uri, range, verdict, result) });
            }
        }

        return [.. lenses];
    }

    private Command Lens(string uri, Protocol.Range range, RegionVerdict verdict, RegionResult? result)
    {
        var title = $"{verdict.Verdict.Name()} under {verdict.Profile}";
        if (result?.Witnesses.FirstOrDefault() is not { } witness)
        {
            return new Command { Title = title, CommandValue = "" };
        }

        var locations = witness.Steps
            .Select(s => new Location { Uri = workspace.Uris.ToUri(s.Location.Path), Range = LspRanges.ToRange(s.Location.Range) })
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
