using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Semantics;
using Rasdl.Vocabulary;

namespace Rasdl.Compiler.Tests.Semantics;

public class BinderTests
{
    [Fact]
    public void DesignExampleChecksWithNoDiagnosticAtAll()
    {
        var compilation = TempWorkspace.CompileText(Samples.DesignExample);

        Assert.Empty(TempWorkspace.Describe(compilation.GetDiagnostics()));
    }

    [Fact]
    public void DesignExampleBindsEverySymbol()
    {
        var model = TempWorkspace.CompileText(Samples.DesignExample).Model;

        Assert.Equal([Feature.Fwb, Feature.Ras, Feature.Iesb], model.Platform!.Features.Order());
        Assert.Equal(["core", "mesh", "rc0"], model.Blocks.Select(b => b.Name));
        Assert.Equal([BlockKind.Cpu, BlockKind.Interconnect, BlockKind.RootPort], model.Blocks.Select(b => b.BlockKind!.Value));
        Assert.Equal("core -> mesh -> rc0", model.Routes.Single().ToString());
        var assignment = model.Assignments.Single();
        Assert.Equal(("gpu0.bar0", Driver.VfioPci), (assignment.Region.QualifiedName, assignment.Driver));
        Assert.Equal(64UL << 20, assignment.Region.Size);
        Assert.Equal(["production", "legacy"], model.Profiles.Select(p => p.Name));
        Assert.Equal(["kvm_6_8", "kvm_6_7"], model.Profiles.Select(p => p.Hypervisor!.Name));
    }

    [Fact]
    public void RulesWithTheSameAccessesShareTheirListAndEveryRuleKeepsItsOwnWords()
    {
        // The binder shares one array among rules that list the same accesses in the same
        // order: a list is told apart by its words, their order and how many there are.
        var model = TempWorkspace.CompileText("""
            block rc0 : root_port {
                on ur (read) -> all_ones;
                on ca (device) -> all_ones;
                on cto (read, write) -> slverr;
                on poison (write, read) -> poison;
                on slverr (read, read) -> slverr;
                on decerr (read) -> slverr;
                on any -> drop;
            }
            """).Model;
        var rules = model.Blocks.Single(b => b.Name == "rc0").Rules;

        Assert.Equal(
            ["read", "", "read,write", "write,read", "read,read", "read", ""],
            rules.Select(r => string.Join(",", r.Accesses.Select(a => Vocabulary.Vocabulary.Accesses.TextOf(a)))));
        Assert.Equal(rules[0].Accesses, rules[5].Accesses); // the same array
    }

    [Fact]
    public void RulesKeepTheirOrderFiltersAndOutcomes()
    {
        var rc0 = TempWorkspace.CompileText(Samples.DesignExample).Model.Blocks.Single(b => b.Name == "rc0");

        Assert.Equal(
            ["ur read all_ones", "ca read all_ones", "cto read slverr", "cto read all_ones", "poison read poison", "any write drop"],
            rc0.Rules.Select(r => $"{Vocabulary.Vocabulary.Errors.TextOf(r.Error)} {string.Join(",", r.Accesses.Select(a => Vocabulary.Vocabulary.Accesses.TextOf(a)))} {r.Outcome}"));
        Assert.Equal(MemoryTypeSet.Device, rc0.Rules[2].MemoryTypes);
        Assert.All(rc0.Rules.RemoveAt(2), r => Assert.Equal(MemoryTypeSet.All, r.MemoryTypes));
    }

    [Fact]
    public void FilterMemoryTypesCombine()
    {
        var model = TempWorkspace.CompileText("block c : cpu { on slverr (read, device_nGnRE, normal_nc) -> sea; on slverr (device) -> sea; }").Model;

        Assert.Equal([MemoryTypeSet.DeviceNGnRE | MemoryTypeSet.NormalNC, MemoryTypeSet.Device], model.Blocks.Single().Rules.Select(r => r.MemoryTypes));
    }

    [Fact]
    public void ExtendedBlockTriesItsOwnRulesThenItsBases()
    {
        var model = TempWorkspace.CompileText("""
            import "std/ip/pcie.rasdl";
            block rc1 : root_port extends pcie_rp_master_abort { on cto (read) -> slverr; }
            """).Model;

        var rc1 = model.Blocks.Single(b => b.Name == "rc1");
        Assert.Equal("slverr", rc1.Rules[0].Outcome.ToString());
        Assert.Equal(1 + model.Blocks.Single(b => b.Name == "pcie_rp_master_abort").Rules.Length, rc1.Rules.Length);
        Assert.Same(rc1.Base, model.Blocks.Single(b => b.Name == "pcie_rp_master_abort"));
    }

    [Fact]
    public void AChainWhereOneBlockHasRulesSharesItsArrayAndOneWhereSeveralHaveJoinsThemInOrder()
    {
        // Binder.Chained: a block that adds nothing to its base tries the base's rules, and its
        // list is the base's own array; a block with rules of its own tries those first, then the
        // chain's, in a list of its own. Claims go the same way.
        var model = TempWorkspace.CompileText("""
            block base : root_port { on ur (read) -> all_ones; on ca (read) -> all_ones; }
            block same : root_port extends base { }
            block more : root_port extends same { on cto (read) -> slverr; }
            block most : root_port extends more { }
            block top : root_port extends most { on poison (read) -> poison; }
            block core : cpu { claim serror_in_guest (write); on slverr (read) -> sea; }
            block core2 : cpu extends core { }
            """).Model;
        var blocks = model.Blocks.ToDictionary(b => b.Name);
        string Errors(string name) => string.Join(" ", blocks[name].Rules.Select(r => Vocabulary.Vocabulary.Errors.TextOf(r.Error)));

        Assert.Equal("ur ca", Errors("same"));
        Assert.Equal("cto ur ca", Errors("more"));
        Assert.Equal("cto ur ca", Errors("most"));
        Assert.Equal("poison cto ur ca", Errors("top"));
        Assert.Equal(blocks["base"].OwnRules, blocks["same"].Rules); // the same array
        Assert.NotEqual(blocks["more"].OwnRules, blocks["more"].Rules); // a joined list of its own
        Assert.NotEqual(blocks["more"].Rules, blocks["most"].Rules); // most's chain has two blocks with rules: joined again
        Assert.Equal(blocks["core"].Claims, blocks["core2"].Claims);
        Assert.Single(blocks["core2"].Claims);
        Assert.Empty(blocks["same"].Claims);
    }

    [Fact]
    public void InheritanceCycleIsReportedNotFollowed()
    {
        var compilation = TempWorkspace.CompileText("block a : root_port extends b { } block b : root_port extends a { }");

        Assert.Contains(compilation.GetDiagnostics(), d => d.Code == "RASDL1025" && d.Message.Contains("extends itself", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownNamesSuggestTheClosestDeclaration()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal.Replace("route core -> rc0;", "route core -> rc1;", StringComparison.Ordinal));

        var unknown = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1002");
        Assert.Equal("block 'rc1' is not declared; did you mean 'rc0'?", unknown.Message);
        Assert.Equal("rc0", unknown.Data["suggestion"]);
    }

    [Fact]
    public void UnknownVocabularyWordSuggestsTheClosestWordOfItsCategory()
    {
        var compilation = TempWorkspace.CompileText("block c : cpu { on slverr -> serror(uce); }");

        var unknown = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1003");
        Assert.Equal("'uce' is not an SError severity; did you mean 'uc'?", unknown.Message);
    }

    [Fact]
    public void DuplicateNamesPointAtTheFirstDeclaration()
    {
        var compilation = TempWorkspace.CompileText("block a : cpu { }\nblock a : bridge { }\n");

        var duplicate = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1001");
        Assert.Equal("2:7 RASDL1001 'a' is already declared as a block at main.rasdl:1:7", TempWorkspace.Describe([duplicate]).Single());
    }

    [Fact]
    public void ASymbolKeepsPlacesInItsDeclarationWhichTheModelPlacesInTheFile()
    {
        var compilation = TempWorkspace.CompileText(Samples.DesignExample);
        var model = compilation.Model;

        var rc0 = model.Lookup("rc0")!;
        var tree = model.TreeOf(rc0);
        Assert.Same(rc0.Declaration, rc0.Owner);
        Assert.Equal("rc0", tree.Text.ToString(model.SpanOf(rc0.NamePlace)));
        Assert.Equal(model.LocationOf(rc0), model.LocationOf(rc0.NamePlace));
        Assert.Equal(tree.Path, model.PathOf(rc0.DeclarationPlace));

        // A region's places are in its endpoint's declaration.
        var region = model.Regions.First();
        Assert.Same(region.Endpoint.Owner, region.Owner);
        Assert.Equal(region.Name, model.TreeOf(region).Text.ToString(model.SpanOf(region.NamePlace)));
    }

    [Fact]
    public void ANameAtTheEndOfABrokenDeclarationIsFoundThere()
    {
        // No declaration starts where a name ends: a doc string written right after one (the
        // route lacks its semicolon) is taken into the route. FindReference looks in one
        // declaration, the last that starts at or before the position.
        var text = Samples.DesignExample.Replace("route core -> mesh -> rc0;", "route core -> mesh -> rc0\"the next\"", StringComparison.Ordinal);
        Assert.NotEqual(Samples.DesignExample, text);
        var model = TempWorkspace.CompileText(text).Model;
        var tree = model.Trees.Single(t => !t.IsStandardLibrary);
        var end = text.IndexOf("rc0\"the next\"", StringComparison.Ordinal) + "rc0".Length;

        Assert.DoesNotContain(end, tree.Root.Starts);
        Assert.Equal("rc0", model.FindReference(tree.Path, end)?.Symbol.Name);
        Assert.Equal("rc0", model.FindReference(tree.Path, end - 3)?.Symbol.Name);
        Assert.Null(model.FindReference(tree.Path, end + 2));
    }

    [Fact]
    public void ReferencesRecordDeclarationsAndUses()
    {
        var model = TempWorkspace.CompileText(Samples.DesignExample).Model;

        var rc0 = model.Lookup("rc0")!;
        var references = model.ReferencesTo(rc0).ToList();
        // The declaration, `under rc0`, the route: only the first is at the symbol's own name.
        Assert.Equal([true, false, false], references.Select(r => r.IsDeclaration));
        Assert.Equal(model.LocationOf(rc0), model.LocationOf(references[0].Place));
        Assert.All(references.Skip(1), r => Assert.NotEqual(rc0.NamePlace, r.Place));
    }

    [Fact]
    public void VocabularyWordsAreRecordedForHover()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal.Replace("on slverr (read) -> sea;", "on slverr (read) -> sea; on slverr (write) -> serror(uer);", StringComparison.Ordinal));
        var tree = compilation.SyntaxTrees[0];
        var position = tree.Text.Text.IndexOf("serror(uer)", StringComparison.Ordinal) + 8;

        var word = compilation.Model.FindWord(tree.Path, position);

        Assert.NotNull(word);
        Assert.Equal(("uer", "SError severity"), (word.Value.Word.Text, word.Value.Word.Category));
    }

    [Fact]
    public void CpuOutcomeInANonCpuBlockNamesTheBlockAndItsKind()
    {
        var compilation = TempWorkspace.CompileText("block mesh : interconnect { on slverr -> sea; }");

        var diagnostic = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1005");
        Assert.Equal("only a cpu block can produce 'sea'; 'mesh' is an interconnect", diagnostic.Message);
    }

    [Fact]
    public void ANameThatClashesWithTheStandardLibraryIsReportedWhereTheUserWroteIt()
    {
        var compilation = TempWorkspace.CompileText(Samples.Minimal + "profile kvm_6_8 { hypervisor kvm_6_7; }\n");

        var duplicate = Assert.Single(compilation.GetDiagnostics(), d => d.Code == "RASDL1001");
        Assert.False(duplicate.Location.IsInStandardLibrary);
        Assert.Equal(9, duplicate.Location.Range.Start.Line + 1);
        Assert.StartsWith("'kvm_6_8' is already declared as a hypervisor at kvm.rasdl:", duplicate.Message, StringComparison.Ordinal);
    }
}
