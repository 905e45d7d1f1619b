using System.Text;
using Rasdl.Engine;
using Rasdl.LanguageServer.Protocol;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.LanguageServer.Features.Hover;

/// <summary>The Markdown a hover shows, assembled from the vocabulary table, the semantic model and the engine's results.</summary>
public static class HoverContent
{
    public static string ForWord(IVocabularyWord word) =>
        $"**{word.Text}** — {word.Category}\n\n{word.Summary}\n\n{word.Detail}";

    public static string ForSymbol(Symbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("```rasdl\n").Append(Signature(symbol)).Append("\n```\n");
        if (symbol.IsInStandardLibrary)
        {
            text.Append($"\n*Standard library: {symbol.Path}*\n");
        }

        if (symbol.Documentation is { } documentation)
        {
            text.Append('\n').Append(MarkdownText.Escape(documentation)).Append('\n');
        }

        switch (symbol)
        {
            case BlockSymbol block:
                AppendRules(text, block, compilation.Model);
                break;
            case EndpointSymbol endpoint:
                AppendEndpoint(text, endpoint);
                break;
            case RegionSymbol region:
                AppendRegion(text, region, compilation, cancellationToken);
                break;
            case HypervisorSymbol hypervisor:
                AppendHypervisor(text, hypervisor, compilation.Model);
                break;
            case ProfileSymbol { Hypervisor: { } hypervisor }:
                text.Append($"\nCompiled under hypervisor `{hypervisor.Name}`");
                text.Append(hypervisor.Documentation is { } doc ? $": {MarkdownText.Escape(doc)}\n" : ".\n");
                break;
            case PlatformSymbol platform:
                text.Append("\nFeatures: ").Append(platform.Features.IsEmpty ? "none" : string.Join(", ", platform.Features.Select(f => $"`{Words.Features.TextOf(f)}`"))).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static string Signature(Symbol symbol) => symbol switch
    {
        BlockSymbol b => $"block {b.Name} : {Kind(b.BlockKind, Words.BlockKinds)}{(b.Base is { } baseBlock ? $" extends {baseBlock.Name}" : "")}",
        EndpointSymbol e => $"endpoint {e.Name} : {Kind(e.EndpointKind, Words.EndpointKinds)}{(e.Parent is { } parent ? $" under {parent.Name}" : "")}",
        RegionSymbol r => $"region {r.QualifiedName}{(r.Space is { } space ? " " + Words.RegionSpaces.TextOf(space) : "")}{(r.Size is { } size ? " size " + Size(size) : "")}{string.Concat(r.Attributes.Select(a => " " + Words.RegionAttributes.TextOf(a)))}",
        _ => $"{Symbol.KindNoun(symbol.Kind)} {symbol.Name}",
    };

    private static string Kind<T>(T? kind, WordSet<T> words) where T : struct => kind is { } k ? words.TextOf(k) : "?";

    private static string Size(ulong size) =>
        size >= 1UL << 30 && size % (1UL << 30) == 0 ? $"{size >> 30}G"
        : size >= 1UL << 20 && size % (1UL << 20) == 0 ? $"{size >> 20}M"
        : size >= 1UL << 10 && size % (1UL << 10) == 0 ? $"{size >> 10}K"
        : size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendRules(StringBuilder text, BlockSymbol block, SemanticModel model)
    {
        if (block.BlockKind == BlockKind.Firmware)
        {
            AppendFirmwareRules(text, block);
            return;
        }

        if (block.Rules.IsEmpty)
        {
            text.Append("\nNo rules: every error that reaches it is unknown, so unsafe.\n");
        }
        else
        {
            text.Append("\nRules, tried in order (the first match wins):\n\n");
            foreach (var rule in block.Rules)
            {
                var source = model.TextOf(rule.Place);
                text.Append($"- `{source}`{(rule.Block != block ? $" *(from {rule.Block.Name})*" : "")}\n");
            }
        }

        if (!block.Claims.IsEmpty)
        {
            text.Append("\nClaims (the platform team's guarantees, shown in witnesses):\n\n");
            foreach (var claim in block.Claims)
            {
                var accesses = claim.Accesses.IsEmpty ? "" : $" ({string.Join(", ", claim.Accesses.Select(a => Words.Accesses.TextOf(a)))})";
                text.Append($"- `claim {Words.Claims.TextOf(claim.Kind)}{accesses};`\n");
            }
        }
    }

    private static void AppendFirmwareRules(StringBuilder text, BlockSymbol block)
    {
        if (block.FirmwareRules.IsEmpty)
        {
            text.Append("\nNo rules: whatever the hypervisor asks it is unknown, so unsafe.\n");
            return;
        }

        text.Append("\nWhat the firmware reports, tried in order (the first match wins):\n\n");
        foreach (var rule in block.FirmwareRules)
        {
            var filter = rule.Severities.Select(s => Words.SErrorSeverities.TextOf(s)).Concat(rule.Irqs.Select(i => Words.IrqKinds.TextOf(i))).ToList();
            text.Append($"- `on {Words.Outcomes.TextOf(rule.Input)}{(filter.Count == 0 ? "" : $" ({string.Join(", ", filter)})")} -> {Words.Outcomes.TextOf(rule.Reports)};`\n");
        }
    }

    private static void AppendEndpoint(StringBuilder text, EndpointSymbol endpoint)
    {
        text.Append('\n');
        if (!endpoint.Regions.IsEmpty)
        {
            text.Append("Regions: ").Append(string.Join(", ", endpoint.Regions.Select(r => $"`{r.Name}`"))).Append("  \n");
        }

        text.Append("Faults it can produce: ")
            .Append(!endpoint.FaultsDeclared ? "not declared (unknown is unsafe)"
                : endpoint.Faults.IsEmpty ? "none (`faults none;`)"
                : string.Join(", ", endpoint.Faults.Select(f => $"`{Words.Errors.TextOf(f.Error)}`")))
            .Append('\n');
    }

    private static void AppendRegion(StringBuilder text, RegionSymbol region, Compilation compilation, CancellationToken cancellationToken)
    {
        var results = compilation.ResultsFor(region, cancellationToken);
        var assignment = compilation.Model.Assignments.FirstOrDefault(a => a.Region == region);
        if (assignment is null)
        {
            text.Append("\nNot assigned to a guest.\n");
            return;
        }

        text.Append($"\nAssigned to {assignment.Target} via `{Words.Drivers.TextOf(assignment.Driver)}`.\n");
        foreach (var result in results)
        {
            text.Append($"\n**{result.Profile}** ({result.Hypervisor}): stage 2 `{Stage2Table.Name(result.Stage2)}` (MemAttr {Stage2Table.MemAttr(result.Stage2)}{(result.Fwb ? ", FEAT_S2FWB" : "")}), ")
                .Append("effective ").Append(string.Join(", ", result.Effective.Select(t => t.ArmName())))
                .Append($" — **{result.Verdict.Name()}**\n");
            if (result.Witnesses.FirstOrDefault() is { } witness && result.Verdict == ContainmentVerdict.Uncontained)
            {
                text.Append($"\n- witness: `{witness.Short()}`\n");
            }

            foreach (var note in Emit.RegionNotes.For(result))
            {
                text.Append($"\n- note: {note}\n");
            }

            // Why: where each fault's worst path was stopped (the same lines as rasdl check's "why:").
            foreach (var fault in RegionExplanation.For(result).Faults)
            {
                text.Append($"\n- why: {fault.Text} ({Path.GetFileName(fault.Location.Path)}:{fault.Location.Range.Start.Line + 1})\n");
            }
        }

        if (results.FirstOrDefault() is { } first && first.Differential != Differential.None)
        {
            text.Append($"\nNORMAL_NC vs DEVICE_nGnRE at stage 2: uncontained paths under **{first.Differential.Name()}**.\n");
        }
    }

    private static void AppendHypervisor(StringBuilder text, HypervisorSymbol hypervisor, SemanticModel model)
    {
        text.Append('\n');
        foreach (var policy in hypervisor.Stage2Policies)
        {
            text.Append($"- stage 2 for `{Words.Drivers.TextOf(policy.Driver)}`: `{Words.Stage2Attributes.TextOf(policy.Attribute)}`\n");
        }

        foreach (var member in ((HypervisorDeclarationSyntax)hypervisor.Declaration).Body.OfType<OutcomeTreatmentSyntax>())
        {
            text.Append($"- `{model.TextOf(hypervisor.PlaceOf(member))}`\n");
        }
    }
}
