using Rasdl.Parsing;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Compiler.Tests.Parsing;

/// <summary>
/// The incremental parser re-parses only the declarations an edit touched, and must give what a
/// whole-file parse gives; where it cannot know that, it parses the whole file. (The long random
/// edit series against a full analysis is IncrementalEditTests in Rasdl.Robustness.Tests.)
/// </summary>
public class IncrementalParserTests
{
    private const string Path = "/platform/t.rasdl";

    private const string Text = """
        block core : cpu {
            on slverr (read) -> sea;
        }

        // the interconnect
        block mesh : interconnect {
            on slverr -> slverr;
        }

        endpoint nic : pcie_endpoint under mesh {
            region bar0 mmio size 16K;
            faults ur;
        }

        route core -> mesh;
        assign nic.bar0 to guest via vfio_pci;

        profile production { hypervisor kvm_6_8; }
        """;

    [Theory]
    [InlineData("-> slverr;", "-> decerr;")] // a rule's outcome changed
    [InlineData("16K", "64M")] // a size, a different length
    [InlineData("block mesh", "block mesh2")] // a declaration renamed
    [InlineData("// the interconnect", "// the interconnect of the cluster")] // a comment between declarations
    [InlineData("route core -> mesh;", "route core -> mesh;\nroute core -> core;")] // a declaration added
    [InlineData("\nroute core -> mesh;", "")] // a declaration removed
    public void AnEditInsideTheFileIsSplicedAndEqualsAFullParse(string before, string after)
    {
        var edited = Text.Replace(before, after, StringComparison.Ordinal);

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), Parser.Parse(Path, Text));

        Assert.True(parse.Spliced, parse.ToString());
        Assert.InRange(parse.Reparsed, 1, 4);
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }

    [Fact]
    public void ADeletedSemicolonIsSplicedWithTheErrorAFullParseReports()
    {
        var edited = Text.Replace("route core -> mesh;", "route core -> mesh", StringComparison.Ordinal);

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), Parser.Parse(Path, Text));

        Assert.True(parse.Spliced, parse.ToString());
        Assert.Single(parse.Tree.Diagnostics);
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }

    [Fact]
    public void ACommentLeftOpenParsesTheWholeFile()
    {
        // The comment swallows every later declaration: the lexer never gets back in step.
        var edited = Text.Replace("// the interconnect", "/* the interconnect", StringComparison.Ordinal);

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), Parser.Parse(Path, Text));

        Assert.False(parse.Spliced, parse.ToString());
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }

    [Theory]
    [InlineData("on slverr -> slverr;\n}", "on slverr -> slverr;\n")] // a missing '}': the next declaration lands in the block
    [InlineData("{\n    on slverr (read)", "{ \"\n    on slverr (read)")] // a string left open
    [InlineData("block core", "blockcore")] // two words run together
    [InlineData("assign", "assign assign")] // a keyword twice
    [InlineData("}\n\n// the", "} }\n\n// the")] // a stray '}' between declarations
    public void BrokenEditsNearDeclarationBoundariesEqualAFullParse(string before, string after)
    {
        var edited = Text.Replace(before, after, StringComparison.Ordinal);
        Assert.NotEqual(Text, edited);

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), Parser.Parse(Path, Text));

        Assert.NotEmpty(parse.Tree.Diagnostics);
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }

    [Fact]
    public void ABaseWithSyntaxErrorsIsNotSplicedInto()
    {
        var broken = Parser.Parse(Path, Text.Replace("route core -> mesh;", "route core -> ;", StringComparison.Ordinal));

        var parse = IncrementalParser.Parse(Path, new SourceText(Text), broken);

        Assert.False(parse.Spliced);
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, Text)), SyntaxDump.Of(parse.Tree));
    }

    [Fact]
    public void TheSameTextReusesTheTree()
    {
        var clean = Parser.Parse(Path, Text);

        var parse = IncrementalParser.Parse(Path, new SourceText(Text), clean);

        Assert.True(parse.Spliced);
        Assert.Same(clean.Root, parse.Tree.Root);
    }

    [Fact]
    public void TheDeclarationsAfterTheEditAreTheEarlierVersionsObjectsAtNewStarts()
    {
        // Spans are relative to their declaration, so an edit that changes the length moves the
        // declarations after it by changing their starts only: the objects stay, and so can
        // whatever a later stage keeps for them.
        var clean = Parser.Parse(Path, Text);
        var edited = Text.Replace("-> slverr;", "-> all_ones;", StringComparison.Ordinal);
        var delta = edited.Length - Text.Length;

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), clean);

        Assert.True(parse.Spliced, parse.ToString());
        Assert.Equal(3, parse.Reparsed); // core, mesh (edited) and nic
        var before = clean.Root;
        var after = parse.Tree.Root;
        Assert.Equal(before.Declarations.Length, after.Declarations.Length);
        for (var i = 3; i < after.Declarations.Length; i++)
        {
            Assert.Same(before.Declarations[i], after.Declarations[i]);
            Assert.Equal(before.Starts[i] + delta, after.Starts[i]);
        }

        Assert.NotSame(before.Declarations[1], after.Declarations[1]);
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }

    [Fact]
    public void APlaceInAKeptDeclarationIsWhereEachVersionWritesIt()
    {
        var clean = Parser.Parse(Path, Text);
        var edited = Text.Replace("-> slverr;", "-> all_ones;", StringComparison.Ordinal);
        var parse = IncrementalParser.Parse(Path, new SourceText(edited), clean);
        var route = clean.Root.Declarations.OfType<RouteDeclarationSyntax>().Single();
        Assert.Same(route, parse.Tree.Root.Declarations.OfType<RouteDeclarationSyntax>().Single());

        var place = new Place(route, route.Hops[^1].RelativeSpan);
        var (earlier, later) = (new Placement([clean]), new Placement([parse.Tree]));

        Assert.Equal("mesh", clean.Text.ToString(earlier.SpanOf(place)));
        Assert.Equal("mesh", parse.Tree.Text.ToString(later.SpanOf(place)));
        Assert.Equal(earlier.SpanOf(place).Start + edited.Length - Text.Length, later.SpanOf(place).Start);
        // The declaration the edit replaced is not in the later version: its places are nowhere there.
        Assert.Throws<InvalidOperationException>(() => later.SpanOf(new Place(clean.Root.Declarations[1], default)));
    }

    [Fact]
    public void ANodesSpanIsCountedFromItsDeclarationsStart()
    {
        var tree = Parser.Parse(Path, Text);
        var root = tree.Root;
        var nic = Assert.IsType<EndpointDeclarationSyntax>(root.Declarations[2]);

        Assert.Equal(0, nic.RelativeSpan.Start);
        Assert.Equal(Text.IndexOf("endpoint nic", StringComparison.Ordinal), root.Starts[2]);
        Assert.Equal("nic", Text.Substring(root.Starts[2] + nic.Name!.RelativeSpan.Start, nic.Name.RelativeSpan.Length));
        Assert.Equal("endpoint nic", tree.Text.ToString(new TextSpan(root.SpanOf(2).Start, 12)));
        Assert.Equal(2, root.IndexTouching(root.Starts[2] + 5));
        Assert.Equal(2, root.IndexTouching(root.SpanOf(2).End));
        Assert.Equal(-1, root.IndexTouching(root.SpanOf(2).End + 1)); // the blank line after it
    }

    [Theory]
    [InlineData("block b1 : interconnect", "block b1x : interconnect")] // longer: the tail moves right
    [InlineData("block b1 : interconnect", "block b : interconnect")] // shorter: it moves left
    [InlineData("block b2 : interconnect", "block b2 : interconnect { }\nblock extra : interconnect")] // a declaration added
    public void ALongTailAfterTheEditIsMovedAsAFullParsePlacesIt(string before, string after)
    {
        // Thousands of declarations after the edit keep their objects and move their starts: each
        // one must land where a full parse puts it.
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 9001; i++)
        {
            text.Append("block b").Append(i).Append(" : interconnect { on ur -> slverr; }\n");
        }

        var original = text.ToString();
        var edited = original.Replace(before + " {", after + " {", StringComparison.Ordinal);
        Assert.NotEqual(original, edited);

        var parse = IncrementalParser.Parse(Path, new SourceText(edited), Parser.Parse(Path, original));

        Assert.True(parse.Spliced, parse.ToString());
        Assert.Equal(SyntaxDump.Of(Parser.Parse(Path, edited)), SyntaxDump.Of(parse.Tree));
    }
}
