using System.Collections.Immutable;
using Rasdl.Text;

namespace Rasdl.Syntax;

// The immutable syntax model: one record per construct, each with its exact source span.
// After a syntax error a part may be missing: such parts are null (or an empty list), and
// every later stage copes with that, so a broken line never hides the rest of the file.
//
// Positions are relative to the top-level declaration that holds the node: a declaration's own
// span starts at 0, and the file keeps where each declaration starts
// (CompilationUnitSyntax.Starts). An edit then moves the declarations after it by changing
// numbers in one array, and those declarations stay the same objects from version to version.
// CompilationUnitSyntax.SpanOf and SyntaxTree.GetLocation(origin, node) turn them into places in the file.

/// <summary>Any node of the syntax model.</summary>
/// <param name="RelativeSpan">Where the node is written, counted from the start of the top-level declaration that holds it (the file's start for the root).</param>
public abstract record SyntaxNode(TextSpan RelativeSpan);

/// <summary>A name as written: a declared name, a reference, or a vocabulary word.</summary>
public sealed record IdentifierSyntax(string Text, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan)
{
    public override string ToString() => Text;
}

/// <summary>A string literal; <see cref="Value"/> has its escapes resolved.</summary>
public sealed record StringLiteralSyntax(string Value, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary>A number or size literal (4096, 0x1000, 64M); <see cref="Value"/> is null when it does not fit in 64 bits.</summary>
public sealed record NumberLiteralSyntax(string Text, ulong? Value, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary>The whole file.</summary>
/// <param name="Starts">Where each declaration starts in the file, in the order of <paramref name="Declarations"/> (ascending).</param>
public sealed record CompilationUnitSyntax(ImmutableArray<DeclarationSyntax> Declarations, ImmutableArray<int> Starts, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan)
{
    /// <summary>Where declaration <paramref name="index"/> is written in the file.</summary>
    public TextSpan SpanOf(int index) => new(Starts[index], Declarations[index].RelativeSpan.Length);

    /// <summary>The file's `import` declarations with where each starts, in order.</summary>
    public IEnumerable<(ImportDeclarationSyntax Import, int Start)> PlacedImports
    {
        get
        {
            for (var i = 0; i < Declarations.Length; i++)
            {
                if (Declarations[i] is ImportDeclarationSyntax import)
                {
                    yield return (import, Starts[i]);
                }
            }
        }
    }

    /// <summary>The index of the declaration whose text holds <paramref name="position"/> or ends at it (the last such), -1 when none does.</summary>
    public int IndexTouching(int position)
    {
        var index = LastStartingAtOrBefore(position);
        return index >= 0 && position <= Starts[index] + Declarations[index].RelativeSpan.Length ? index : -1;
    }

    /// <summary>The index of the last declaration that starts at or before <paramref name="position"/>, -1 when none does (a binary search).</summary>
    public int LastStartingAtOrBefore(int position)
    {
        int low = 0, high = Starts.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (Starts[middle] <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>The file's `import` declarations, in order. A plain loop: Linq's OfType asks the runtime for each declaration's type the slow way, and a file may have tens of thousands.</summary>
    public IEnumerable<ImportDeclarationSyntax> Imports
    {
        get
        {
            foreach (var declaration in Declarations)
            {
                if (declaration is ImportDeclarationSyntax import)
                {
                    yield return import;
                }
            }
        }
    }
}

/// <summary>A top-level declaration.</summary>
public abstract record DeclarationSyntax(TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary>A declaration that introduces a name (platform, block, endpoint, hypervisor, profile).</summary>
public abstract record NamedDeclarationSyntax(IdentifierSyntax? Name, TextSpan RelativeSpan) : DeclarationSyntax(RelativeSpan)
{
    /// <summary>The clauses and nested declarations between the braces, in order.</summary>
    public abstract ImmutableArray<SyntaxNode> Members { get; }

    /// <summary>The documentation strings of the declaration, joined by blank lines.</summary>
    public string? Documentation
    {
        get
        {
            // A loop over the array itself: the binder asks every declaration, and most have one doc string or none.
            string? first = null;
            List<string>? more = null;
            foreach (var member in Members)
            {
                if (member is DocClauseSyntax { Text.Value: { } text })
                {
                    if (first is null)
                    {
                        first = text;
                    }
                    else
                    {
                        (more ??= [first]).Add(text);
                    }
                }
            }

            return more is null ? first : string.Join("\n\n", more);
        }
    }
}

/// <summary><c>doc "text";</c></summary>
public sealed record DocClauseSyntax(StringLiteralSyntax? Text, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>import "path";</c></summary>
public sealed record ImportDeclarationSyntax(StringLiteralSyntax? Path, TextSpan RelativeSpan) : DeclarationSyntax(RelativeSpan);

/// <summary><c>platform NAME { features ...; }</c></summary>
public sealed record PlatformDeclarationSyntax(IdentifierSyntax? Name, ImmutableArray<SyntaxNode> Body, TextSpan RelativeSpan)
    : NamedDeclarationSyntax(Name, RelativeSpan)
{
    public override ImmutableArray<SyntaxNode> Members => Body;

    public IEnumerable<IdentifierSyntax> Features => Body.OfType<FeaturesClauseSyntax>().SelectMany(f => f.Features);
}

/// <summary><c>features fwb, ras, iesb;</c></summary>
public sealed record FeaturesClauseSyntax(ImmutableArray<IdentifierSyntax> Features, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>block NAME : KIND extends BASE { rules, claims }</c></summary>
public sealed record BlockDeclarationSyntax(IdentifierSyntax? Name, IdentifierSyntax? Kind, IdentifierSyntax? Base, ImmutableArray<SyntaxNode> Body, TextSpan RelativeSpan)
    : NamedDeclarationSyntax(Name, RelativeSpan)
{
    public override ImmutableArray<SyntaxNode> Members => Body;

    public IEnumerable<ConversionRuleSyntax> Rules => Body.OfType<ConversionRuleSyntax>();

    public IEnumerable<ClaimClauseSyntax> Claims => Body.OfType<ClaimClauseSyntax>();
}

/// <summary><c>on ERROR (FILTER) -> OUTCOME, OUTCOME;</c>: one failed access can have several effects at once.</summary>
/// <param name="Outcomes">The outcomes as written, in order; empty when error recovery found none.</param>
public sealed record ConversionRuleSyntax(IdentifierSyntax? Error, FilterSyntax? Filter, ImmutableArray<OutcomeSyntax> Outcomes, TextSpan RelativeSpan)
    : SyntaxNode(RelativeSpan)
{
    /// <summary>The first outcome written, null when there is none.</summary>
    public OutcomeSyntax? Outcome => Outcomes.IsDefaultOrEmpty ? null : Outcomes[0];
}

/// <summary><c>claim NAME (FILTER);</c>: a guarantee the platform team gives for its cores.</summary>
public sealed record ClaimClauseSyntax(IdentifierSyntax? Name, FilterSyntax? Filter, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>(read, device)</c>: words of one category are alternatives; categories combine with AND.</summary>
public sealed record FilterSyntax(ImmutableArray<IdentifierSyntax> Words, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>all_ones</c>, <c>slverr</c>, <c>serror(uer)</c>, <c>irq(aer)</c>.</summary>
/// <param name="Arguments">Default (not empty) when the outcome has no parentheses.</param>
public sealed record OutcomeSyntax(IdentifierSyntax Name, ImmutableArray<IdentifierSyntax> Arguments, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan)
{
    public bool HasArgumentList => !Arguments.IsDefault;
}

/// <summary><c>endpoint NAME : KIND under BLOCK { regions, faults }</c></summary>
public sealed record EndpointDeclarationSyntax(
    IdentifierSyntax? Name, IdentifierSyntax? Kind, IdentifierSyntax? Parent, ImmutableArray<SyntaxNode> Body, TextSpan RelativeSpan)
    : NamedDeclarationSyntax(Name, RelativeSpan)
{
    public override ImmutableArray<SyntaxNode> Members => Body;

    public IEnumerable<RegionDeclarationSyntax> Regions => Body.OfType<RegionDeclarationSyntax>();

    public IEnumerable<IdentifierSyntax> Faults => Body.OfType<FaultsClauseSyntax>().SelectMany(f => f.Faults);
}

/// <summary><c>region NAME SPACE size SIZE at BASE ATTRIBUTES doc "text";</c></summary>
public sealed record RegionDeclarationSyntax(
    IdentifierSyntax? Name,
    IdentifierSyntax? Space,
    NumberLiteralSyntax? Size,
    NumberLiteralSyntax? Base,
    ImmutableArray<IdentifierSyntax> Attributes,
    StringLiteralSyntax? Doc,
    TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>faults ur, ca, cto;</c></summary>
public sealed record FaultsClauseSyntax(ImmutableArray<IdentifierSyntax> Faults, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>route core -> mesh -> rc0;</c> written from the CPU toward the device.</summary>
public sealed record RouteDeclarationSyntax(ImmutableArray<IdentifierSyntax> Hops, TextSpan RelativeSpan) : DeclarationSyntax(RelativeSpan);

/// <summary><c>assign ENDPOINT.REGION to TARGET via DRIVER;</c></summary>
public sealed record AssignDeclarationSyntax(
    IdentifierSyntax? Endpoint, IdentifierSyntax? Region, IdentifierSyntax? Target, IdentifierSyntax? Driver, TextSpan RelativeSpan)
    : DeclarationSyntax(RelativeSpan);

/// <summary><c>hypervisor NAME { stage2 ...; on ... -> ACTION; }</c></summary>
public sealed record HypervisorDeclarationSyntax(IdentifierSyntax? Name, ImmutableArray<SyntaxNode> Body, TextSpan RelativeSpan)
    : NamedDeclarationSyntax(Name, RelativeSpan)
{
    public override ImmutableArray<SyntaxNode> Members => Body;
}

/// <summary><c>stage2 DRIVER when CONDITIONS -> ATTRIBUTE;</c></summary>
/// <param name="Conditions">Empty when there is no <c>when</c>.</param>
public sealed record Stage2PolicySyntax(IdentifierSyntax? Driver, ImmutableArray<IdentifierSyntax> Conditions, IdentifierSyntax? Attribute, TextSpan RelativeSpan)
    : SyntaxNode(RelativeSpan);

/// <summary><c>on OUTCOME when FEATURES -> ACTION;</c></summary>
public sealed record OutcomeTreatmentSyntax(
    OutcomeSyntax? Outcome, ImmutableArray<IdentifierSyntax> Conditions, IdentifierSyntax? Action, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);

/// <summary><c>profile NAME { hypervisor HYPERVISOR; }</c></summary>
public sealed record ProfileDeclarationSyntax(IdentifierSyntax? Name, ImmutableArray<SyntaxNode> Body, TextSpan RelativeSpan)
    : NamedDeclarationSyntax(Name, RelativeSpan)
{
    public override ImmutableArray<SyntaxNode> Members => Body;

    public IEnumerable<IdentifierSyntax> Hypervisors => Body.OfType<ProfileHypervisorSyntax>().Select(h => h.Hypervisor).OfType<IdentifierSyntax>();
}

/// <summary><c>hypervisor NAME;</c> inside a profile.</summary>
public sealed record ProfileHypervisorSyntax(IdentifierSyntax? Hypervisor, TextSpan RelativeSpan) : SyntaxNode(RelativeSpan);
