using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Syntax;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Semantics;

// What the platform team states beyond the architecture: its firmware's behaviour on a
// firmware-first platform (a `firmware` block) and its cores' guarantees (claims).
internal sealed partial class Binder
{
    private BlockSymbol? _firmware;

    private static readonly string[] FirmwareInputs = ["sea", "serror", "irq"];
    private static readonly string[] CperSeverities = ["fatal", "recoverable", "corrected"];

    private void BindFirmwareBlock(BlockDeclarationSyntax syntax, BlockSymbol? block)
    {
        if (block is not null && _firmware is not null && _firmware != block)
        {
            Report(DiagnosticCatalogue.MisplacedFirmware, syntax.Name!,
                $"a platform has one firmware, but '{_firmware.Name}' already describes it at {FormatArgument(LocationOf(_firmware))}");
        }
        else if (block is not null)
        {
            _firmware = block;
        }

        var rules = ImmutableArray.CreateBuilder<FirmwareRule>();
        foreach (var rule in syntax.Rules)
        {
            if (BindFirmwareRule(rule) is { } bound)
            {
                rules.Add(bound);
            }
        }

        if (block is not null)
        {
            block.OwnFirmwareRules = rules.ToImmutable();
        }
    }

    /// <summary><c>on sea -> fatal;</c>, <c>on serror (uc, ueu) -> fatal;</c>, <c>on irq (aer) -> recoverable;</c></summary>
    private FirmwareRule? BindFirmwareRule(ConversionRuleSyntax rule)
    {
        OutcomeKind? input = null;
        if (rule.Error is { } error)
        {
            if (Words.Outcomes.TryGet(error.Text, out var word) && word.Value is OutcomeKind.Sea or OutcomeKind.SError or OutcomeKind.Irq)
            {
                RecordWord(word, error);
                input = word.Value;
            }
            else
            {
                var suggestion = NameSuggestions.Closest(error.Text, FirmwareInputs);
                ReportWithSuggestion(DiagnosticCatalogue.InvalidFirmwareRule, error,
                    $"a firmware rule takes a CPU outcome or signal ('on sea', 'on serror', 'on irq'), not '{error.Text}'{NameSuggestions.Hint(suggestion)}", suggestion);
            }
        }

        var severities = ImmutableArray.CreateBuilder<SErrorSeverity>();
        var irqs = ImmutableArray.CreateBuilder<IrqKind>();
        // The filter: severities for an SError, interrupt kinds for an interrupt. A word that
        // does not bind drops the rule rather than leave it wider than written.
        foreach (var word in rule.Filter?.Words ?? [])
        {
            switch (input)
            {
                case OutcomeKind.SError:
                    var severity = Word(word, Words.SErrorSeverities);
                    if (severity is null)
                    {
                        input = null;
                    }
                    else if (severity != SErrorSeverity.Any)
                    {
                        severities.Add(severity.Value);
                    }

                    break;
                case OutcomeKind.Irq:
                    var irq = Word(word, Words.IrqKinds);
                    if (irq is null)
                    {
                        input = null;
                    }
                    else
                    {
                        irqs.Add(irq.Value);
                    }

                    break;
                case OutcomeKind.Sea:
                    Report(DiagnosticCatalogue.InvalidFirmwareRule, word,
                        "'sea' takes no filter: a firmware rule filters an SError by severity (`on serror (uc)`) and an interrupt by kind (`on irq (aer)`)");
                    input = null;
                    break;
            }
        }

        var reports = BindCperSeverity(rule);
        return input is { } taken && reports is { } severityReported
            ? new FirmwareRule(taken, severities.ToImmutable(), irqs.ToImmutable(), severityReported, Here(rule))
            : null;
    }

    /// <summary>The one CPER severity a firmware rule gives: fatal, recoverable or corrected.</summary>
    private OutcomeKind? BindCperSeverity(ConversionRuleSyntax rule)
    {
        if (rule.Outcomes.Length > 1)
        {
            Report(DiagnosticCatalogue.InvalidFirmwareRule, rule.Outcomes[1],
                "a firmware rule gives one CPER severity (fatal, recoverable or corrected), the one the firmware reports");
            return null;
        }

        if (rule.Outcome is not { } outcome)
        {
            return null;
        }

        if (Words.Outcomes.TryGet(outcome.Name.Text, out var word) && word.Value is OutcomeKind.Fatal or OutcomeKind.Recoverable or OutcomeKind.Corrected)
        {
            RecordWord(word, outcome.Name);
            ExpectNoArguments(outcome);
            return word.Value;
        }

        var suggestion = NameSuggestions.Closest(outcome.Name.Text, CperSeverities);
        ReportWithSuggestion(DiagnosticCatalogue.InvalidFirmwareRule, outcome.Name,
            $"a firmware rule gives the CPER severity the firmware reports (fatal, recoverable or corrected), not '{outcome.Name.Text}'{NameSuggestions.Hint(suggestion)}",
            suggestion);
        return null;
    }

    /// <summary><c>claim serror_in_guest (write, gathered);</c>: only a cpu block makes a claim, and it lists access kinds.</summary>
    private ImmutableArray<Claim> BindClaims(BlockDeclarationSyntax syntax, BlockSymbol? block, BlockKind? kind)
    {
        var claims = ImmutableArray.CreateBuilder<Claim>();
        foreach (var member in syntax.Body)
        {
            // Not syntax.Claims (a LINQ filter): every block of a large description comes here.
            if (member is not ClaimClauseSyntax claim)
            {
                continue;
            }

            var claimKind = claim.Name is { } name ? Word(name, Words.Claims) : null;
            if (kind is { } blockKind && blockKind != BlockKind.Cpu)
            {
                Report(DiagnosticCatalogue.InvalidClaim, claim,
                    $"a claim is a guarantee of a core: it belongs in a cpu block, but '{block?.Name ?? syntax.Name?.Text}' is {English.WithArticle(Words.BlockKinds.TextOf(blockKind))}");
                claimKind = null;
            }

            var accesses = ImmutableArray.CreateBuilder<AccessWord>();
            foreach (var word in claim.Filter?.Words ?? [])
            {
                if (Words.Accesses.TryGet(word.Text, out var access))
                {
                    RecordWord(access, word);
                    accesses.Add(access.Value);
                    continue;
                }

                var suggestion = NameSuggestions.Closest(word.Text, Words.Accesses.Texts);
                var what = Words.MemoryTypes.TryGet(word.Text, out _) ? "a memory type" : "not an access kind";
                ReportWithSuggestion(DiagnosticCatalogue.InvalidClaim, word,
                    $"a claim lists the accesses it covers (read, write, gathered, zva…); '{word.Text}' is {what}{NameSuggestions.Hint(suggestion)}", suggestion);
                claimKind = null;
            }

            if (claimKind is { } bound)
            {
                claims.Add(new Claim(bound, accesses.ToImmutable(), Here(claim)));
            }
        }

        return claims.ToImmutable();
    }

    /// <summary>The firmware is not on the path of an access: no route lists it, no endpoint sits under it.</summary>
    private void ReportFirmwareOnPath(IdentifierSyntax reference, BlockSymbol block, string how) =>
        Report(DiagnosticCatalogue.MisplacedFirmware, reference,
            $"'{block.Name}' is the platform's firmware, not a block an access passes through: {how}");

    /// <summary>Every assigned endpoint says what it can produce; without a `faults` line the analysis cannot know (unknown is unsafe).</summary>
    private void CheckAssignedEndpointsDeclareFaults()
    {
        var reported = new HashSet<EndpointSymbol>();
        foreach (var assignment in _assignments)
        {
            var endpoint = assignment.Region.Endpoint;
            if (!endpoint.FaultsDeclared && reported.Add(endpoint))
            {
                _diagnostics.Add(Diagnostic.Create(DiagnosticCatalogue.FaultsNotDeclared, LocationOf(endpoint), endpoint.Name));
            }
        }
    }

    private void ReportWithSuggestion(DiagnosticDescriptor descriptor, SyntaxNode node, string message, string? suggestion)
    {
        var diagnostic = Diagnostic.Create(descriptor, Location(node), message);
        _diagnostics.Add(suggestion is null ? diagnostic : diagnostic.WithData("suggestion", suggestion));
    }
}
