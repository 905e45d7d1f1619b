using Rasdl.Editing;
using Rasdl.Parsing;
using Rasdl.Syntax;

namespace Rasdl.Compiler.Tests.Editing;

public sealed class CompletionContextTests
{
    /// <summary>The context at the '|' of the text (the bar is removed before parsing).</summary>
    private static CompletionContext At(string textWithCaret)
    {
        var position = textWithCaret.IndexOf('|', StringComparison.Ordinal);
        return CompletionContext.At(Parser.Parse("main.rasdl", textWithCaret.Remove(position, 1)), position);
    }

    [Theory]
    [InlineData("|", CompletionSlot.TopLevelKeyword)]
    [InlineData("block a : |", CompletionSlot.BlockKind)]
    [InlineData("block a : cpu { | }", CompletionSlot.BodyKeyword)]
    [InlineData("block a : cpu { on | }", CompletionSlot.Error)]
    [InlineData("block a : cpu { on ur (read, | }", CompletionSlot.FilterWord)]
    [InlineData("block a : cpu { on ur -> | }", CompletionSlot.Outcome)]
    [InlineData("block a : cpu { on ur -> serror(|) }", CompletionSlot.SErrorSeverity)]
    [InlineData("block a : root_port { on cto -> all_ones, | }", CompletionSlot.Outcome)]
    [InlineData("block a : root_port { on cto -> all_ones, irq(|) }", CompletionSlot.IrqKind)]
    [InlineData("block a : cpu { claim serror_in_guest (write, | }", CompletionSlot.FilterWord)]
    [InlineData("hypervisor h { stage2 vfio_pci | }", CompletionSlot.Keyword)]
    [InlineData("hypervisor h { stage2 vfio_pci when fwb, | }", CompletionSlot.Feature)]
    [InlineData("endpoint e : pcie_endpoint under |", CompletionSlot.BlockName)]
    [InlineData("endpoint e : pcie_endpoint under r { faults ur, | }", CompletionSlot.Error)]
    [InlineData("route a -> |", CompletionSlot.BlockName)]
    [InlineData("assign e.|", CompletionSlot.RegionName)]
    [InlineData("assign e.r to guest via |", CompletionSlot.Driver)]
    [InlineData("hypervisor h { stage2 vfio_pci -> | }", CompletionSlot.Stage2Attribute)]
    [InlineData("hypervisor h { on serror(uc) when | }", CompletionSlot.Condition)]
    [InlineData("block a : cpu { claim | }", CompletionSlot.Claim)]
    [InlineData("profile p { hypervisor | }", CompletionSlot.HypervisorName)]
    [InlineData("import \"std/k|\";", CompletionSlot.ImportPath)]
    [InlineData("// block a : |", CompletionSlot.None)]
    [InlineData("block a : cpu { doc \"x |\"; }", CompletionSlot.None)]
    public void The_slot_follows_the_tokens_before_the_caret(string text, CompletionSlot expected) =>
        Assert.Equal(expected, At(text).Slot);

    [Theory]
    [InlineData("block a : cpu { | }", new[] { "on", "claim", "doc" })]
    [InlineData("block a : root_port { | }", new[] { "on", "doc" })]
    public void Only_cpu_blocks_offer_claims(string text, string[] keywords) =>
        Assert.Equal(keywords, At(text).Keywords);

    [Fact]
    public void A_word_being_typed_is_the_span_to_replace_and_the_block_kind_is_known()
    {
        var context = At("block a : interconnect { on ur -> al| }");
        Assert.Equal(CompletionSlot.Outcome, context.Slot);
        Assert.Equal("interconnect", context.BlockKind);
        Assert.Equal(34, context.Replace.Start);
        Assert.Equal(2, context.Replace.Length);
    }

    [Fact]
    public void The_path_to_a_position_runs_from_the_file_to_the_innermost_node()
    {
        var tree = Parser.Parse("main.rasdl", "block a : cpu { on ur (read) -> sea; }\n");
        var path = SyntaxChildren.PathTo(tree.Root, 24);
        Assert.Equal(["CompilationUnitSyntax", "BlockDeclarationSyntax", "ConversionRuleSyntax", "FilterSyntax", "IdentifierSyntax"], path.Select(n => n.Node.GetType().Name));
    }
}

/// <summary>Starting the scan at the enclosing declaration gives the context that scanning the whole file gives, at every position.</summary>
public sealed class CompletionContextShortcutTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repository.ExampleFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryPositionHasTheSameContextEitherWay(string file)
    {
        var text = File.ReadAllText(file);
        // The file as written, and cut short at a few places (a declaration being typed).
        foreach (var cut in new[] { text.Length, text.Length * 3 / 4, text.Length / 2 })
        {
            var tree = Parser.Parse(file, text[..cut]);
            for (var position = 0; position <= cut; position++)
            {
                Assert.Equal(Describe(CompletionContext.At(tree, position, scanWholeFile: true)), Describe(CompletionContext.At(tree, position)));
            }
        }
    }

    private static string Describe(CompletionContext context) =>
        $"{context.Slot} {context.Replace} {context.Declaration} {context.BlockKind} {context.Endpoint} [{string.Join(",", context.Keywords.IsDefault ? [] : context.Keywords)}] {context.Function} {context.ArgumentIndex}";
}

/// <summary>The words offered for the constructs of sound verdicts, from the one vocabulary table.</summary>
public sealed class SoundVerdictCompletionTests
{
    private static List<string> Labels(string textWithCaret)
    {
        var position = textWithCaret.IndexOf('|', StringComparison.Ordinal);
        var compilation = Infrastructure.TempWorkspace.CompileText(textWithCaret.Remove(position, 1));
        var tree = compilation.SyntaxTrees[0];
        return [.. CompletionCandidates.For(CompletionContext.At(tree, position), compilation.Model, tree.Path).Select(c => c.Label)];
    }

    [Fact]
    public void AFirmwareBlockTakesCpuOutcomesAndGivesCperSeverities()
    {
        Assert.Equal(["sea", "serror", "irq"], Labels("block el3 : firmware { on | }"));
        Assert.Equal(["fatal", "recoverable", "corrected"], Labels("block el3 : firmware { on sea -> | }"));
    }

    [Fact]
    public void OtherBlocksAreNotOfferedCperSeverities()
    {
        var labels = Labels("block rc0 : root_port { on ur -> | }");
        Assert.Contains("all_ones", labels);
        Assert.DoesNotContain("fatal", labels);
    }

    [Fact]
    public void TreatmentConditionsAreFeaturesAndContexts() =>
        Assert.Equal(["fwb", "ras", "iesb", "firmware_first", "guest", "host"], Labels("hypervisor h { on serror(any) when | }"));

    [Fact]
    public void TreatmentsTakeSignalsAndCperSeverities() =>
        Assert.Equal(["sea", "serror", "irq", "fatal", "recoverable", "corrected"], Labels("hypervisor h { on | }"));

    [Fact]
    public void SpeculativeIsOfferedOnlyInACpusFilter()
    {
        Assert.Contains("speculative", Labels("block core : cpu { on slverr (| }"));
        Assert.DoesNotContain("speculative", Labels("block rc0 : root_port { on ur (| }"));
    }

    [Fact]
    public void ClaimsAndFaultsNone()
    {
        Assert.Equal(["serror_in_guest"], Labels("block core : cpu { claim | }"));
        Assert.Contains("none", Labels("endpoint e : pcie_endpoint under r { faults | }"));
    }
}
