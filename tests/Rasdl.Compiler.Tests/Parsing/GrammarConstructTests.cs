using Rasdl.Parsing;
using Rasdl.Syntax;

namespace Rasdl.Compiler.Tests.Parsing;

/// <summary>Each construct of the grammar parses into the syntax model with exact spans.</summary>
public class GrammarConstructTests
{
    private static T Single<T>(string text) where T : DeclarationSyntax
    {
        var tree = Parser.Parse("t.rasdl", text);
        Assert.Empty(tree.Diagnostics);
        return Assert.IsType<T>(Assert.Single(tree.Root.Declarations));
    }

    [Fact]
    public void Import()
    {
        var import = Single<ImportDeclarationSyntax>("import \"std/kvm.rasdl\";");

        Assert.Equal("std/kvm.rasdl", import.Path!.Value);
        Assert.Equal(new Text.TextSpan(7, 15), import.Path.RelativeSpan);
    }

    [Fact]
    public void PlatformWithFeaturesAndDoc()
    {
        var platform = Single<PlatformDeclarationSyntax>("platform p { doc \"A server.\"; features fwb, ras, iesb; }");

        Assert.Equal("p", platform.Name!.Text);
        Assert.Equal(["fwb", "ras", "iesb"], platform.Features.Select(f => f.Text));
        Assert.Equal("A server.", platform.Documentation);
    }

    [Fact]
    public void BlockWithKindBaseDocAndRules()
    {
        var block = Single<BlockDeclarationSyntax>("""
            block rc1 : root_port extends rc0 {
                doc "Second root port.";
                on ur (read, device) -> all_ones;
                on cto -> slverr;
                on any (write) -> irq(aer);
            }
            """);

        Assert.Equal(("rc1", "root_port", "rc0"), (block.Name!.Text, block.Kind!.Text, block.Base!.Text));
        var rules = block.Rules.ToList();
        Assert.Equal(3, rules.Count);
        Assert.Equal(["read", "device"], rules[0].Filter!.Words.Select(w => w.Text));
        Assert.Null(rules[1].Filter);
        Assert.Equal("slverr", rules[1].Outcome!.Name.Text);
        Assert.False(rules[1].Outcome!.HasArgumentList);
        Assert.Equal(["aer"], rules[2].Outcome!.Arguments.Select(a => a.Text));
    }

    [Fact]
    public void CpuRuleWithSErrorSeverity()
    {
        var block = Single<BlockDeclarationSyntax>("block core : cpu { on slverr (write) -> serror(uer); }");

        var outcome = block.Rules.Single().Outcome!;
        Assert.Equal("serror", outcome.Name.Text);
        Assert.Equal("uer", Assert.Single(outcome.Arguments).Text);
    }

    [Fact]
    public void RuleWithSeveralOutcomes()
    {
        var rule = Single<BlockDeclarationSyntax>("block rc0 : root_port { on cto (read) -> all_ones, irq(aer), irq(fhi); }").Rules.Single();

        Assert.Equal(["all_ones", "irq", "irq"], rule.Outcomes.Select(o => o.Name.Text));
        Assert.Equal(["aer"], rule.Outcomes[1].Arguments.Select(a => a.Text));
        Assert.Same(rule.Outcomes[0], rule.Outcome);
        Assert.Equal(new Text.TextSpan(51, 8), rule.Outcomes[1].RelativeSpan);
        Assert.Equal(new Text.TextSpan(24, 46), rule.RelativeSpan);
    }

    [Fact]
    public void ClaimsWithAndWithoutFilter()
    {
        var block = Single<BlockDeclarationSyntax>("block core : cpu { claim serror_in_guest (write, gathered); claim serror_in_guest; on ur -> sea; }");

        var claims = block.Claims.ToList();
        Assert.Equal(2, claims.Count);
        Assert.Equal("serror_in_guest", claims[0].Name!.Text);
        Assert.Equal(["write", "gathered"], claims[0].Filter!.Words.Select(w => w.Text));
        Assert.Equal(new Text.TextSpan(19, 40), claims[0].RelativeSpan);
        Assert.Null(claims[1].Filter);
        Assert.Single(block.Rules);
    }

    [Fact]
    public void FirmwareBlockUsesTheRuleGrammar()
    {
        var block = Single<BlockDeclarationSyntax>("block el3 : firmware { on sea -> fatal; on serror (uc) -> fatal; on irq (aer) -> recoverable; }");

        Assert.Equal("firmware", block.Kind!.Text);
        Assert.Equal([("sea", ""), ("serror", "uc"), ("irq", "aer")],
            block.Rules.Select(r => (r.Error!.Text, string.Join(",", r.Filter?.Words.Select(w => w.Text) ?? []))));
        Assert.Equal(["fatal", "fatal", "recoverable"], block.Rules.Select(r => r.Outcome!.Name.Text));
    }

    [Fact]
    public void EndpointWithRegionsFaultsAndDoc()
    {
        var endpoint = Single<EndpointDeclarationSyntax>("""
            endpoint gpu0 : pcie_endpoint under rc0 {
                doc "A GPU.";
                region bar0 mmio size 64M at 0x4000_0000 prefetchable doc "Frame buffer";
                region bar2 mmio size 0x1000;
                faults ur, ca, cto, poison;
            }
            """);

        Assert.Equal(("gpu0", "pcie_endpoint", "rc0"), (endpoint.Name!.Text, endpoint.Kind!.Text, endpoint.Parent!.Text));
        var regions = endpoint.Regions.ToList();
        Assert.Equal(64UL << 20, regions[0].Size!.Value);
        Assert.Equal(0x4000_0000UL, regions[0].Base!.Value);
        Assert.Equal(["prefetchable"], regions[0].Attributes.Select(a => a.Text));
        Assert.Equal("Frame buffer", regions[0].Doc!.Value);
        Assert.Equal(0x1000UL, regions[1].Size!.Value);
        Assert.Equal(["ur", "ca", "cto", "poison"], endpoint.Faults.Select(f => f.Text));
    }

    [Fact]
    public void RouteFromCpuToDevice()
    {
        var route = Single<RouteDeclarationSyntax>("route core -> mesh -> rc0 -> sw0;");

        Assert.Equal(["core", "mesh", "rc0", "sw0"], route.Hops.Select(h => h.Text));
    }

    [Fact]
    public void Assignment()
    {
        var assign = Single<AssignDeclarationSyntax>("assign gpu0.bar0 to guest via vfio_pci;");

        Assert.Equal(("gpu0", "bar0", "guest", "vfio_pci"), (assign.Endpoint!.Text, assign.Region!.Text, assign.Target!.Text, assign.Driver!.Text));
    }

    [Fact]
    public void HypervisorWithPoliciesAndConditionalTreatments()
    {
        var hypervisor = Single<HypervisorDeclarationSyntax>("""
            hypervisor h {
                doc "Test.";
                stage2 vfio_pci -> normal_nc;
                stage2 default -> device_nGnRE;
                on sea -> inject;
                on serror(uer) when ras, iesb -> inject;
                on serror(any) -> panic;
            }
            """);

        var policies = hypervisor.Body.OfType<Stage2PolicySyntax>().ToList();
        Assert.Equal([("vfio_pci", "normal_nc"), ("default", "device_nGnRE")], policies.Select(p => (p.Driver!.Text, p.Attribute!.Text)));
        var treatments = hypervisor.Body.OfType<OutcomeTreatmentSyntax>().ToList();
        Assert.Equal(3, treatments.Count);
        Assert.Equal(["ras", "iesb"], treatments[1].Conditions.Select(c => c.Text));
        Assert.Equal("panic", treatments[2].Action!.Text);
        Assert.All(policies, p => Assert.Empty(p.Conditions));
    }

    [Fact]
    public void ConditionalStage2Policies()
    {
        var hypervisor = Single<HypervisorDeclarationSyntax>("""
            hypervisor h {
                stage2 vfio_pci_cacheable when fwb, ras -> normal_wb;
                stage2 vfio_pci_cacheable -> refused;
            }
            """);

        var policies = hypervisor.Body.OfType<Stage2PolicySyntax>().ToList();
        Assert.Equal(["fwb", "ras"], policies[0].Conditions.Select(c => c.Text));
        Assert.Equal(("vfio_pci_cacheable", "normal_wb"), (policies[0].Driver!.Text, policies[0].Attribute!.Text));
        Assert.Empty(policies[1].Conditions);
        Assert.Equal("refused", policies[1].Attribute!.Text);
    }

    [Fact]
    public void ProfileWithHypervisorAndDoc()
    {
        var profile = Single<ProfileDeclarationSyntax>("profile production { doc \"CI.\"; hypervisor kvm_6_8; }");

        Assert.Equal(["kvm_6_8"], profile.Hypervisors.Select(h => h.Text));
        Assert.Equal("CI.", profile.Documentation);
    }

    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("4K", 4096UL)]
    [InlineData("64M", 64UL << 20)]
    [InlineData("1G", 1UL << 30)]
    [InlineData("2T", 2UL << 40)]
    [InlineData("0x1000", 0x1000UL)]
    [InlineData("0X4000_0000", 0x4000_0000UL)]
    [InlineData("1_000", 1000UL)]
    public void NumbersAndSizes(string text, ulong value) => Assert.Equal(value, Parser.ParseNumber(text));

    [Fact]
    public void StringEscapes()
    {
        var platform = Single<PlatformDeclarationSyntax>("platform p { doc \"a \\\"quoted\\\" \\\\ word\\n\\tend\"; }");

        Assert.Equal("a \"quoted\" \\ word\n\tend", platform.Documentation);
    }

    [Fact]
    public void CommentsAreKeptAsTokensButIgnoredByTheGrammar()
    {
        var tree = Parser.Parse("t.rasdl", "// line\n/* block\n comment */ route a -> b; // trailing\n");

        Assert.Empty(tree.Diagnostics);
        Assert.Single(tree.Root.Declarations);
        Assert.Equal([TokenKind.LineComment, TokenKind.BlockComment, TokenKind.LineComment], tree.Tokens.Where(t => t.IsComment).Select(t => t.Kind));
    }

    [Fact]
    public void KeywordsAreTheGrammarsKeywords() =>
        Assert.Equal(
            ["import", "platform", "features", "doc", "block", "on", "endpoint", "under", "region", "size", "at", "faults",
             "route", "assign", "to", "via", "hypervisor", "stage2", "when", "profile", "extends", "claim"],
            Parser.Keywords);
}
