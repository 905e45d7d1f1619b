using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Formatting;
using Rasdl.Parsing;

namespace Rasdl.Compiler.Tests.Formatting;

public class FormatterTests
{
    private static string Format(string text) => Formatter.Format(Parser.Parse("t.rasdl", text))!;

    [Fact]
    public void OneStatementPerLineWithBodiesIndented()
    {
        Assert.Equal(
            """
            block core : cpu {
                on slverr (read)  -> sea;
                on slverr (write) -> serror(uer);
            }
            profile p { hypervisor kvm_6_8; }

            """.ReplaceLineEndings("\n"),
            Format("block core:cpu{on slverr(read)->sea;on slverr ( write )->serror ( uer );}profile p{hypervisor kvm_6_8;}"));
    }

    [Fact]
    public void ArrowsOfConsecutiveRulesAndTrailingCommentsAlign()
    {
        Assert.Equal(
            """
            block rc0 : root_port {
                on ur (read)     -> all_ones; // master abort
                on cto (read)    -> slverr;
                on poison (read) -> poison;   // carried
            }

            """.ReplaceLineEndings("\n"),
            Format("block rc0 : root_port {\non ur (read) -> all_ones; // master abort\non cto (read) -> slverr;\n   on poison (read) -> poison; // carried\n}\n"));
    }

    [Fact]
    public void CommentsAndOneBlankLineAreKept()
    {
        const string text = "// header\n\n\n\nimport \"std/kvm.rasdl\";\n/* block\n   comment */\nroute a -> b;\n";

        Assert.Equal("// header\n\nimport \"std/kvm.rasdl\";\n/* block\n   comment */\nroute a -> b;\n", Format(text));
    }

    [Fact]
    public void FilterStandsApartInABlockThatExtendsAnother() =>
        Assert.Equal(
            "block core : cpu extends base_core {\n    on slverr (read)  -> sea;\n    on slverr (write) -> sea;\n}\n",
            Format("block core : cpu extends base_core { on slverr(read) -> sea; on slverr(write) -> sea; }"));

    [Fact]
    public void ShortBodyStaysOnItsDeclarationsLineAsTheDocumentationWritesIt()
    {
        const string text = "profile production { hypervisor kvm_6_8; } // compiled in CI\nprofile legacy { hypervisor kvm_6_7; }\n";
        Assert.Equal(text, Format(text));
    }

    [Fact]
    public void ShortBodyWrittenOverSeveralLinesIsJoined() =>
        Assert.Equal(
            "platform p { features fwb, ras; }\nblock mesh : interconnect { on any -> derr; }\n",
            Format("platform p {\n    features fwb, ras;\n}\nblock mesh : interconnect {\n  on any -> derr;\n}\n"));

    [Fact]
    public void TrailingCommentAfterAShortBodysBraceStaysOnItsLine() =>
        Assert.Equal(
            "profile production { hypervisor kvm_6_8; } // compiled in CI\n",
            Format("profile production {\n    hypervisor kvm_6_8;\n} // compiled in CI\n"));

    [Fact]
    public void BodyWithACommentInsideIsNotJoined() =>
        Assert.Equal(
            "platform p {\n    features fwb; // FEAT_S2FWB\n}\n",
            Format("platform p { features fwb; // FEAT_S2FWB\n}\n"));

    [Fact]
    public void BodyLongerThanTheLineWidthIsNotJoined()
    {
        var doc = new string('x', Formatter.ShortBodyWidth);
        Assert.Equal($"block core : cpu {{\n    doc \"{doc}\";\n}}\n", Format($"block core : cpu {{ doc \"{doc}\"; }}"));
    }

    [Fact]
    public void ShortBodyAtExactlyTheLineWidthIsJoined()
    {
        const string prefix = "block core : cpu { doc \"";
        const string suffix = "\"; }";
        var line = prefix + new string('x', Formatter.ShortBodyWidth - prefix.Length - suffix.Length) + suffix;
        Assert.Equal(line + "\n", Format(line.Replace(" { ", " {\n    ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ClaimFiltersStandApartAndSeveralOutcomesAreListedWithArgumentsHugged() =>
        Assert.Equal(
            "block core : cpu {\n    claim serror_in_guest (write, gathered);\n    on cto (read) -> all_ones, irq(aer);\n}\n"
            + "hypervisor h { stage2 vfio_pci_cacheable when fwb -> normal_wb; }\n",
            Format("block core : cpu { claim serror_in_guest(write,gathered); on cto(read)->all_ones,irq ( aer ); }"
                + "hypervisor h { stage2 vfio_pci_cacheable when fwb->normal_wb; }"));

    [Fact]
    public void EmptyBodyStaysOnOneLine() =>
        Assert.Equal("block rc1 : root_port extends rc0 { }\n", Format("block rc1 : root_port extends rc0 {\n}"));

    [Fact]
    public void HypervisorOutcomeArgumentsHugTheirOutcome() =>
        Assert.Equal(
            "hypervisor h {\n    on serror(uer) when ras, iesb -> inject;\n    on sea                        -> inject;\n}\n",
            Format("hypervisor h { on serror (uer) when ras,iesb -> inject; on sea -> inject; }"));

    [Fact]
    public void FileWithSyntaxErrorsIsNotFormatted() =>
        Assert.Null(Formatter.Format(Parser.Parse("t.rasdl", "block a : cpu { on ur -> sea }")));

    [Fact]
    public void FormattingIsIdempotentAndKeepsEveryToken()
    {
        foreach (var text in new[] { Samples.DesignExample, Samples.Minimal })
        {
            var once = Format(text);
            var twice = Format(once);

            Assert.Equal(once, twice);
            Assert.Equal(
                Parser.Parse("a", text).Tokens.Select(t => t.Text),
                Parser.Parse("b", once).Tokens.Select(t => t.Text));
        }
    }

    [Theory]
    [InlineData("size 64MB shared", "size 64MB shared")]
    [InlineData("size 64MiB", "size 64MiB")]
    [InlineData("size 4Kinject   inject", "size 4Kinject inject")]
    [InlineData("size   4K   inject", "size 4K inject")]
    public void AWordWrittenOntoASizeStaysOnItSoTheCheckIsTheSame(string written, string formatted)
    {
        var text = Samples.Minimal.Replace("size 4K", written, StringComparison.Ordinal);

        var once = Format(text);

        Assert.Contains($"region bar0 mmio {formatted};", once, StringComparison.Ordinal);
        Assert.Equal(once, Format(once));
        // The same diagnostics, by code and message; where they are moves with the layout.
        static IEnumerable<string> Checked(string text) => TempWorkspace.CompileText(text).GetDiagnostics().Select(d => $"{d.Code} {d.Message}");
        Assert.Equal(Checked(text), Checked(once));
    }

    [Fact]
    public void IndentSizeAndLineEndingAreOptions() =>
        Assert.Equal("route a -> b;\r\nblock c : cpu {\r\n  on ur -> sea;\r\n  on ca -> sea;\r\n}\r\n",
            Formatter.Format(Parser.Parse("t", "route a->b; block c:cpu{on ur->sea;on ca->sea;}"), new FormattingOptions(IndentSize: 2, NewLine: "\r\n")));
}
