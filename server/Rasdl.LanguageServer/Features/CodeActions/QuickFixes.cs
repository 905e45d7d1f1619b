using Rasdl.Diagnostics;
using Rasdl.Engine;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;
using CompilerDiagnostic = Rasdl.Diagnostics.Diagnostic;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.LanguageServer.Features.CodeActions;

/// <summary>The quick fixes for one diagnostic, as workspace edits.</summary>
public sealed class QuickFixes(DocumentRequest request, DocumentUris uris)
{
    /// <summary>
    /// The contained outcomes offered for a missing rule `on ERROR -> OUTCOME;`, which matches
    /// every access: all-ones data answers a read and a posted write alike. `drop` is not
    /// offered: it is contained only for a posted write, and a read that gets no response never
    /// completes (RASDL2007).
    /// </summary>
    private static readonly OutcomeKind[] ContainedOutcomes = [OutcomeKind.AllOnes];

    public IEnumerable<CodeAction> DidYouMean(CompilerDiagnostic diagnostic)
    {
        if (diagnostic.Data.TryGetValue("suggestion", out var suggestion))
        {
            var written = request.Tree.Text.ToString(diagnostic.Location.Span);
            yield return Fix($"Change '{written}' to '{suggestion}'", request.Path, diagnostic.Location.Span, suggestion, preferred: true);
        }
    }

    /// <summary>RASDL2002: add <c>on ERROR -> OUTCOME;</c> at the end of the block, one action per contained outcome.</summary>
    public IEnumerable<CodeAction> MissingRule(CompilerDiagnostic diagnostic)
    {
        if (diagnostic.Descriptor != DiagnosticCatalogue.IncompleteDescription
            || !diagnostic.Data.TryGetValue("block", out var blockName) || !diagnostic.Data.TryGetValue("error", out var error)
            || request.Model.Lookup(blockName) is not BlockSymbol block || block.IsInStandardLibrary)
        {
            yield break;
        }

        var text = request.Model.TreeOf(block).Text;
        var declared = request.Model.SpanOf(block.DeclarationPlace);
        var close = declared.End - 1;
        if (close < 0 || close >= text.Length || text.Text[close] != '}')
        {
            yield break;
        }

        var line = text.GetLinePosition(close).Line;
        var braceAlone = string.IsNullOrWhiteSpace(text.GetLineText(line)[..text.GetLinePosition(close).Character]);
        var indent = new string(' ', IndentOf(text, text.GetLinePosition(declared.Start).Line) + 4);
        foreach (var outcome in ContainedOutcomes)
        {
            var rule = $"on {error} -> {Words.Outcomes.TextOf(outcome)};";
            var (at, insert) = braceAlone
                ? (text.LineStarts[line], $"{indent}{rule}\n")
                : (close, $"{rule} ");
            yield return Fix($"Add '{rule}' to '{blockName}' ({Words.Outcomes.TextOf(outcome)}: contained in the device)", block.Path, new TextSpan(at, 0), insert, preferred: false);
        }
    }

    /// <summary>
    /// RASDL2006 normal_nc-only: the region is safe under DEVICE_nGnRE, so offer to switch each
    /// profile where it is uncontained to a hypervisor that maps the region's driver as Device.
    /// </summary>
    public IEnumerable<CodeAction> DeviceHypervisor(CompilerDiagnostic diagnostic)
    {
        if (diagnostic.Descriptor != DiagnosticCatalogue.StageTwoDifferential
            || !diagnostic.Data.TryGetValue("differential", out var differential) || differential != Differential.NormalNcOnly.Name())
        {
            yield break;
        }

        var results = request.Compilation.Analysis.Profiles.SelectMany(p => p.Regions.Select(r => (Profile: p, Region: r)))
            .Where(x => x.Region.LocationOf(x.Region.Assignment.Place) == diagnostic.Location && x.Region.Verdict == ContainmentVerdict.Uncontained);
        foreach (var (profile, region) in results)
        {
            var syntax = ((ProfileDeclarationSyntax)profile.Symbol.Declaration).Body.OfType<ProfileHypervisorSyntax>().FirstOrDefault()?.Hypervisor;
            if (syntax is null || profile.Symbol.IsInStandardLibrary)
            {
                continue;
            }

            foreach (var hypervisor in request.Model.Hypervisors.Where(h => h.PolicyFor(region.Driver, request.Compilation.Analysis.Platform.Features)?.Attribute is Stage2Attribute.DeviceNGnRE or Stage2Attribute.FwbDeviceNGnRE))
            {
                yield return Fix($"Switch profile '{profile.Name}' to hypervisor '{hypervisor.Name}' (DEVICE_nGnRE at stage 2 for {Words.Drivers.TextOf(region.Driver)})",
                    profile.Symbol.Path, request.Model.SpanOf(profile.Symbol.PlaceOf(syntax)), hypervisor.Name, preferred: false);
            }
        }
    }

    /// <summary>Any diagnostic: a <c>// rasdl-disable-next-line CODE</c> comment above its line.</summary>
    public IEnumerable<CodeAction> Suppress(CompilerDiagnostic diagnostic)
    {
        if (diagnostic.Descriptor == DiagnosticCatalogue.UnknownSuppression || diagnostic.Location.IsInStandardLibrary)
        {
            yield break;
        }

        var text = request.Tree.Text;
        var line = diagnostic.Location.Range.Start.Line;
        var comment = $"{new string(' ', IndentOf(text, line))}// {DiagnosticFilter.DisableNextLine} {diagnostic.Code}\n";
        yield return Fix($"Suppress {diagnostic.Code} on this line", request.Path, new TextSpan(text.LineStarts[line], 0), comment, preferred: false);
    }

    private static int IndentOf(SourceText text, int line) => text.GetLineText(line).TakeWhile(c => c == ' ' || c == '\t').Count();

    private CodeAction Fix(string title, string path, TextSpan span, string newText, bool preferred)
    {
        var text = path == request.Path ? request.Tree.Text : request.Compilation.SyntaxTrees.First(t => t.Path == path).Text;
        return new CodeAction
        {
            Title = title,
            Kind = CodeActionKind.QuickFix,
            IsPreferred = preferred ? true : null,
            Edit = new WorkspaceEdit
            {
                Changes = new Dictionary<string, TextEdit[]>
                {
                    [uris.ToUri(path)] = [new TextEdit { Range = LspRanges.ToRange(text, span), NewText = newText }],
                },
            },
        };
    }
}
