using System.Collections.Immutable;
using System.Text;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Testing;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>
/// A large description's declarations are bound in two shares on two cores (Binder.BindDeclarations).
/// Here every model is bound both ways — one binder, and two with the split at the middle
/// declaration — and must come out the same to the last diagnostic, reference and word, in the
/// same order. The split is forced on small files, and moved across each of them by declarations
/// added in front, so that it falls between every kind of declaration and every mistake.
/// </summary>
public class ParallelBindingTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetDirectories(Repository.PathOf("examples")).Select(d => Path.Combine(Path.GetFileName(d), Path.GetFileName(d) + ".rasdl"))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EachExampleBindsTheSameInTwoSharesAsInOne(string example)
    {
        var compilation = Compilation.Create(Repository.PathOf(Path.Combine("examples", example)), new DiskSourceFileProvider());

        AssertSameBothWays(compilation);
    }

    [Fact]
    public void MistakesOnBothSidesOfTheSplitAreReportedInTheOrderOfOneBinder()
    {
        // Each of these mistakes is reported while a declaration binds, from what it says of
        // itself: with the split moved one declaration at a time, each lands on either side.
        const string mistakes = """
            block fw1 : firmware { on sea -> fatal; on serror (uc) -> fatl; }
            block cpu0 : cpu { on ur -> sea; claim serror_in_guest (raed); }
            block rc0 : root_port extends nothing { on ur (read) -> all_one; on cto -> slverr, slverr; }
            block fw2 : firmware { on irq (aer) -> recoverable; }
            endpoint nic : pcie_endpoint under rc9 { faults ur, ur, any; region bar0 : mmio size 64Q; }
            endpoint gpu : pcie_endpoint under fw1 { faults none, ur; region bar0 : mmio size 1M; region bar0 : mmio; }
            hypervisor hv { stage2 vfio_pci -> normal_nc; stage2 vfio_pci -> device_ngnre; on hang -> panic; on sea when guest -> inject; }
            profile p1 { hypervisor hv; hypervisor hv2; }
            profile p2 { }
            route cpu0 -> rc0 -> rc0;
            route rc0 -> fw1;
            assign nic.bar1 to guest via vfio_pci;
            assign gpu.bar0 to guest via default;
            block fw1 : firmware { }
            """;
        var filler = new StringBuilder();
        for (var before = 0; before < 14; before++)
        {
            using var workspace = new TempWorkspace();
            var path = workspace.Write("main.rasdl", filler + mistakes);
            var compilation = Compilation.Create(path, new DiskSourceFileProvider());

            AssertSameBothWays(compilation);
            filler.Append($"block filler{before} : interconnect {{ on ur -> slverr; }}\n");
        }
    }

    [Fact]
    public void TheFirstFirmwareIsTheOneEveryLaterFirmwareIsToldAbout()
    {
        // Which block is the platform's firmware is the one thing a declaration learns from those
        // before it: with the split between two firmware blocks, the second is still told of the first.
        using var workspace = new TempWorkspace();
        var path = workspace.Write("main.rasdl", """
            block a : interconnect { }
            block fw1 : firmware { on sea -> fatal; }
            block fw2 : firmware { on sea -> fatal; }
            block b : interconnect { }
            """);
        var compilation = Compilation.Create(path, new DiskSourceFileProvider());

        var model = Bind(compilation, parallelFrom: 0);

        var misplaced = Assert.Single(model.Diagnostics, d => d.Descriptor == Rasdl.Diagnostics.DiagnosticCatalogue.MisplacedFirmware);
        Assert.Contains("'fw1' already describes it", misplaced.Message, StringComparison.Ordinal);
        Assert.Equal(3, misplaced.Location.Range.Start.Line + 1);
        AssertSameBothWays(compilation);
    }

    private static void AssertSameBothWays(Compilation compilation)
    {
        var one = Describe(Bind(compilation, parallelFrom: int.MaxValue));
        var two = Describe(Bind(compilation, parallelFrom: 0));

        Assert.Equal(one, two);
    }

    private static SemanticModel Bind(Compilation compilation, int parallelFrom) =>
        Binder.Bind(
            compilation.SyntaxTrees,
            [.. compilation.SyntaxTrees.Where(t => t.Path == compilation.RootPath)],
            compilation.ResolvedImports,
            parallelFrom);

    private static string Describe(SemanticModel model)
    {
        var text = new StringBuilder();
        foreach (var d in model.Diagnostics)
        {
            text.AppendLine($"diagnostic {d.Code} {d.Location} {d.Message} {string.Join(",", d.Data.Select(p => $"{p.Key}={p.Value}"))}");
        }

        foreach (var r in model.References)
        {
            text.AppendLine($"reference {r.Symbol.Kind} {r.Symbol.Name} {Path.GetFileName(r.Path)} {r.Span} {r.IsDeclaration}");
        }

        foreach (var w in model.WordReferences)
        {
            text.AppendLine($"word {w.Word} {Path.GetFileName(w.Path)} {w.Span}");
        }

        text.AppendLine($"platform {model.Platform?.Name} {string.Join(",", model.Platform?.Features.Order() ?? Enumerable.Empty<Rasdl.Vocabulary.Feature>())}");
        foreach (var b in model.Blocks)
        {
            text.AppendLine($"block {b.Name} {b.BlockKind} base {b.Base?.Name} doc {b.Documentation}");
            text.AppendLine($"  own {Rules(b.OwnRules)}");
            text.AppendLine($"  rules {Rules(b.Rules)}");
            text.AppendLine($"  claims {string.Join("; ", b.Claims.Select(c => $"{c.Kind} {string.Join(",", c.Accesses)} {c.Location}"))}");
            text.AppendLine($"  firmware {string.Join("; ", b.FirmwareRules.Select(f => $"{f.Input} {string.Join(",", f.Severities)} {string.Join(",", f.Irqs)} {f.Reports} {f.Location}"))}");
        }

        foreach (var e in model.Endpoints)
        {
            text.AppendLine($"endpoint {e.Name} {e.EndpointKind} under {e.Parent?.Name} faults {e.FaultsDeclared} {string.Join(",", e.Faults.Select(f => $"{f.Error}@{f.Span}"))}");
            foreach (var r in e.Regions)
            {
                text.AppendLine($"  region {r.Name} {r.Space} {r.Size} {r.Base} {string.Join(",", r.Attributes.Order())} doc {r.Documentation}");
            }
        }

        foreach (var h in model.Hypervisors)
        {
            text.AppendLine($"hypervisor {h.Name}");
            text.AppendLine($"  stage2 {string.Join("; ", h.Stage2Policies.Select(p => $"{p.Driver} {p.Attribute} {string.Join(",", p.Conditions.Order())} {p.Location}"))}");
            text.AppendLine($"  treatments {string.Join("; ", h.Treatments.Select(t => $"{t.Outcome} {t.Severity} {t.Irq} {t.Context} {string.Join(",", t.Conditions.Order())} {t.Action} {t.Location}"))}");
        }

        foreach (var p in model.Profiles)
        {
            text.AppendLine($"profile {p.Name} {p.Hypervisor?.Name}");
        }

        foreach (var r in model.Routes)
        {
            text.AppendLine($"route {r} {r.Location}");
        }

        foreach (var a in model.Assignments)
        {
            text.AppendLine($"assign {a.Region.QualifiedName} {a.Target} {a.Driver} {a.Location}");
        }

        return text.ToString();
    }

    private static string Rules(ImmutableArray<ErrorConversionRule> rules) =>
        string.Join("; ", rules.Select(r =>
            $"{r.Block.Name}#{r.Index} {r.Error} ({string.Join(",", r.Accesses)}) {r.MemoryTypes} -> {string.Join(",", r.Outcomes)} {r.Location}"));
}
