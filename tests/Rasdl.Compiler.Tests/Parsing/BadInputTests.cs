using System.Text;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Parsing;

namespace Rasdl.Compiler.Tests.Parsing;

/// <summary>Bad input gets a clear, located diagnostic: never an exception, a hang or a stack overflow.</summary>
public class BadInputTests
{
    [Fact]
    public void EmptyFileIsValidAndEmpty()
    {
        var tree = Parser.Parse("t.rasdl", "");

        Assert.Empty(tree.Diagnostics);
        Assert.Empty(tree.Root.Declarations);
    }

    [Fact]
    public void MissingSemicolonIsReportedAfterTheRule()
    {
        var tree = Parser.Parse("t.rasdl", "block a : cpu {\n    on ur -> sea\n}\n");

        Assert.Equal(["2:17 RASDL0001 expected ';' after rule"], TempWorkspace.Describe(tree.Diagnostics));
    }

    [Fact]
    public void UnclosedBodyIsReportedAtTheEnd()
    {
        var tree = Parser.Parse("t.rasdl", "block a : cpu {\n    on ur -> sea;\n");

        Assert.Equal(["2:18 RASDL0001 expected '}' to close the block before the end of the file"], TempWorkspace.Describe(tree.Diagnostics));
    }

    [Fact]
    public void ASyntaxErrorDoesNotHideLaterDeclarations()
    {
        var tree = Parser.Parse("t.rasdl", "block a : { }\nblock b : cpu { on ur -> sea; }\nroute b -> a;\n");

        Assert.Single(tree.Diagnostics);
        Assert.Equal(3, tree.Root.Declarations.Length);
    }

    [Fact]
    public void BadCharacterIsSkippedWithOneDiagnostic()
    {
        var tree = Parser.Parse("t.rasdl", "block a : cpu { on ur -> sea; } § route a -> a;");

        Assert.Equal(["1:33 RASDL0002 unexpected character '§' (U+00A7)"], TempWorkspace.Describe(tree.Diagnostics));
        Assert.Equal(2, tree.Root.Declarations.Length);
    }

    [Fact]
    public void UnterminatedStringAndComment()
    {
        var tree = Parser.Parse("t.rasdl", "platform p { doc \"open;\n}\n/* never closed");

        Assert.Contains(tree.Diagnostics, d => d.Code == "RASDL0003" && d.Location.Range.Start.Line == 0);
        Assert.Contains(tree.Diagnostics, d => d.Code == "RASDL0004" && d.Location.Range.Start.Line == 2);
    }

    [Fact]
    public void BinaryGarbageIsRefusedAsNotText()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var read = SourceReader.Read("garbage.bin", bytes);

        Assert.Null(read.Text);
        Assert.Equal("RASDL0006", read.Diagnostic!.Code);
    }

    [Fact]
    public void InvalidUtf8IsLocatedAtItsByte()
    {
        var read = SourceReader.Read("t.rasdl", [.. "block a\n  b"u8, 0xFF, .. "x"u8]);

        Assert.Equal("RASDL0006", read.Diagnostic!.Code);
        Assert.Equal("2:4", read.Diagnostic.Location.Range.Start.ToString());
        Assert.Contains("byte 0xFF at offset 11", read.Diagnostic.Message);
    }

    [Fact]
    public void NulCharacterMeansBinary()
    {
        var read = SourceReader.Read("t.rasdl", "block\0"u8);

        Assert.Equal("RASDL0006", read.Diagnostic!.Code);
    }

    [Fact]
    public void ByteOrderMarkIsAccepted()
    {
        var read = SourceReader.Read("t.rasdl", [0xEF, 0xBB, 0xBF, .. "route a -> b;"u8]);

        Assert.Equal("route a -> b;", read.Text);
    }

    [Fact]
    public void FiftyMegabyteFileIsRefusedBeforeReading()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.WriteBytes("big.rasdl", new byte[50 * 1024 * 1024]);

        var read = SourceReader.ReadFile(path);

        Assert.Equal("RASDL0005", read.Diagnostic!.Code);
        Assert.Contains("52428800 bytes", read.Diagnostic.Message);
    }

    [Theory]
    [InlineData('(')]
    [InlineData('{')]
    [InlineData(')')]
    [InlineData('}')]
    public void HundredThousandNestedBracketsNeitherOverflowNorFlood(char bracket)
    {
        // The grammar has no recursive rule, so depth cannot grow with the input; errors are capped.
        var text = "block a : cpu " + new string(bracket, 100_000);

        var tree = Parser.Parse("t.rasdl", text);

        Assert.InRange(tree.Diagnostics.Length, 1, Parser.MaxSyntaxErrors + 1);
        Assert.All(tree.Diagnostics, d => Assert.StartsWith("RASDL000", d.Code));
    }

    [Fact]
    public void DeeplyNestedValidLookingTextStaysBounded()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("block b").Append(i).Append(" : cpu { on ur (read) -> sea; }\n");
        }

        var tree = Parser.Parse("t.rasdl", text.ToString());

        Assert.Empty(tree.Diagnostics);
        Assert.Equal(20_000, tree.Root.Declarations.Length);
    }

    [Fact]
    public void ManyErrorsAreCappedWithASummary()
    {
        var tree = Parser.Parse("t.rasdl", string.Concat(Enumerable.Repeat("$ ", 500)));

        Assert.Equal(Parser.MaxSyntaxErrors + 1, tree.Diagnostics.Length);
        Assert.Equal("too many syntax errors; 400 more are not reported", tree.Diagnostics[^1].Message);
    }

    [Fact]
    public void EveryKindOfJunkParsesWithoutThrowing()
    {
        var random = new Random(7);
        const string alphabet = "{}();:,.->\"/*\\ \n\tabc_019xKM#§";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var tree = Parser.Parse("t.rasdl", text);

            Assert.NotNull(tree.Root);
        }
    }
}
