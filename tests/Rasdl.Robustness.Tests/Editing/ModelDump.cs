using System.Text;
using Rasdl.Semantics;
using Rasdl.Syntax;

namespace Rasdl.Robustness.Editing;

/// <summary>
/// A semantic model written out whole, every place placed in its file: its symbols with
/// everything binding gave them, routes, assignments, name and word references in order, and
/// its binding diagnostics. A model that kept an earlier version's binding for the declarations
/// an edit did not touch must write out as a model bound whole. Any object that is not the
/// model's own (a symbol of an earlier version left in a kept one) is written as STALE.
/// </summary>
internal static class ModelDump
{
    public static string Of(SemanticModel model)
    {
        var text = new StringBuilder();
        var symbols = new HashSet<Symbol>(model.Globals.Values.Concat(model.Regions));
        string Name(Symbol? symbol) => symbol is null ? "-" : symbols.Contains(symbol) ? symbol.QualifiedName : $"STALE {symbol.QualifiedName}";
        string At(Place place) => model.LocationOf(place) is var l ? $"{Path.GetFileName(l.Path)}:{l.Span}" : "";

        foreach (var (name, symbol) in model.Globals.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append($"{symbol.Kind} {name} at {At(symbol.NamePlace)} decl {At(symbol.DeclarationPlace)} doc {symbol.Documentation}\n");
            switch (symbol)
            {
                case PlatformSymbol platform:
                    text.Append($"  features {string.Join(",", platform.Features.Order())}\n");
                    break;
                case BlockSymbol block:
                    text.Append($"  kind {block.BlockKind} base {Name(block.Base)}\n");
                    foreach (var rule in block.Rules)
                    {
                        text.Append($"  rule of {Name(rule.Block)} #{rule.Index} {rule.Error} [{string.Join(",", rule.Accesses)}] {rule.MemoryTypes} -> {string.Join(",", rule.Outcomes.Select(o => $"{o}@{At(o.Place)}"))} at {At(rule.Place)}\n");
                    }

                    text.Append($"  own rules {string.Join(",", block.OwnRules.Select(r => At(r.Place)))}\n");
                    foreach (var claim in block.Claims)
                    {
                        text.Append($"  claim {claim.Kind} [{string.Join(",", claim.Accesses)}] at {At(claim.Place)}\n");
                    }

                    foreach (var rule in block.FirmwareRules)
                    {
                        text.Append($"  firmware {rule.Input} [{string.Join(",", rule.Severities)}] [{string.Join(",", rule.Irqs)}] -> {rule.Reports} at {At(rule.Place)}\n");
                    }

                    break;
                case EndpointSymbol endpoint:
                    text.Append($"  kind {endpoint.EndpointKind} under {Name(endpoint.Parent)} faults declared {endpoint.FaultsDeclared}: {string.Join(",", endpoint.Faults.Select(f => $"{f.Error}@{At(f.Place)}"))}\n");
                    foreach (var region in endpoint.Regions)
                    {
                        text.Append($"  region {Name(region)} of {Name(region.Endpoint)} at {At(region.NamePlace)} {region.Space} size {region.Size} base {region.Base} [{string.Join(",", region.Attributes.Order())}] doc {region.Documentation}\n");
                    }

                    break;
                case HypervisorSymbol hypervisor:
                    foreach (var policy in hypervisor.Stage2Policies)
                    {
                        text.Append($"  stage2 {policy.Driver} when {string.Join(",", policy.Conditions.Order())} -> {policy.Attribute} at {At(policy.Place)}\n");
                    }

                    foreach (var treatment in hypervisor.Treatments)
                    {
                        text.Append($"  on {treatment.Outcome} {treatment.Severity} {treatment.Irq} {treatment.Context} when {string.Join(",", treatment.Conditions.Order())} -> {treatment.Action} at {At(treatment.Place)}\n");
                    }

                    break;
                case ProfileSymbol profile:
                    text.Append($"  hypervisor {Name(profile.Hypervisor)}\n");
                    break;
            }
        }

        text.Append($"platform {Name(model.Platform)}; blocks {string.Join(",", model.Blocks.Select(Name))}; endpoints {string.Join(",", model.Endpoints.Select(Name))}; hypervisors {string.Join(",", model.Hypervisors.Select(Name))}; profiles {string.Join(",", model.Profiles.Select(Name))}\n");
        foreach (var route in model.Routes)
        {
            text.Append($"route {string.Join(" -> ", route.Hops.Select(Name))} at {At(route.Place)}\n");
        }

        foreach (var assignment in model.Assignments)
        {
            text.Append($"assign {Name(assignment.Region)} to {assignment.Target} via {assignment.Driver} at {At(assignment.Place)}\n");
        }

        foreach (var reference in model.References)
        {
            text.Append($"ref {Name(reference.Symbol)} at {At(reference.Place)}{(reference.IsDeclaration ? " (declaration)" : "")}\n");
        }

        foreach (var word in model.WordReferences)
        {
            text.Append($"word {word.Word} at {At(word.Place)}\n");
        }

        foreach (var diagnostic in model.Diagnostics)
        {
            text.Append($"{diagnostic} @{diagnostic.Location.Range.Start}-{diagnostic.Location.Range.End}")
                .AppendJoin("", diagnostic.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $" [{d.Key}={d.Value}]")).Append('\n');
        }

        return text.ToString();
    }
}
