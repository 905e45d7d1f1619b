using System.Text;
using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Parsing;
using Rasdl.Semantics;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Compiler.Tests.Parsing;

/// <summary>
/// The hand-written parser for well-formed files must build exactly what the ANTLR parser and
/// the syntax builder build, or give up. Checked on every example, the standard library and
/// thousands of mutations of them (most of which are not well-formed any more).
/// </summary>
public class WellFormedParserTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repository.ExampleFiles())
        {
            data.Add(file);
        }

        foreach (var file in StandardLibrary.Files)
        {
            data.Add(file);
        }

        data.Add(SoundVerdictsSample);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void WellFormedFilesParseTheSameWithEitherParser(string file)
    {
        var text = Read(file);

        var fast = WellFormedParser.TryParse(file, text);
        var antlr = Parser.ParseWithAntlr(file, text);

        Assert.NotNull(fast);
        Assert.Empty(antlr.Diagnostics);
        Assert.Equal(Dump(antlr), Dump(fast));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void MutatedFilesEitherParseTheSameOrFallBack(string file)
    {
        var text = Read(file);
        var random = new Random(file.Length);
        const string Inserts = ";{}()\"/*-> \n\\x0_9K.,:on";
        var resumed = 0;
        for (var i = 0; i < 300; i++)
        {
            var builder = new StringBuilder(text);
            for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
            {
                var at = random.Next(builder.Length);
                switch (random.Next(3))
                {
                    case 0: builder.Remove(at, 1); break;
                    case 1: builder.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                    default: builder.Insert(at, builder.ToString(at, Math.Min(8, builder.Length - at))); break;
                }
            }

            var mutated = builder.ToString();
            if (WellFormedParser.TryParse(file, mutated, out var prefix) is not { } fast)
            {
                // ANTLR takes over after the well-formed start: as if it had parsed the whole file.
                Assert.Equal(Dump(Parser.ParseWithAntlr(file, mutated)), Dump(Parser.ParseWithAntlr(file, mutated, prefix)));
                resumed += prefix is null ? 0 : 1;
                continue;
            }

            var antlr = Parser.ParseWithAntlr(file, mutated);
            Assert.Empty(antlr.Diagnostics);
            Assert.Equal(Dump(antlr), Dump(fast));
        }

        if (Parser.Parse(file, text).Root.Declarations.Length >= 6)
        {
            Assert.True(resumed >= 30, $"only {resumed} of 300 mutations resumed after a well-formed start");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void FilesCutAtAnyLineEitherParseAsWholeOrFallBack(string file)
    {
        var text = Read(file);
        var whole = WellFormedParser.TryParseWhole(file, text, out _);
        Assert.NotNull(whole);
        var cut = 0;
        for (var at = text.IndexOf('\n'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\n', at + 1))
        {
            if (WellFormedParser.TryParseHalves(file, text, at + 1) is { } halves)
            {
                Assert.Equal(Dump(whole), Dump(halves));
                cut++;
            }
        }

        // Between any two declarations the cut holds (a declaration is on a line of its own in every example).
        if (whole.Root.Declarations.Length >= 2)
        {
            Assert.True(cut >= whole.Root.Declarations.Length - 1, $"only {cut} cuts held for {whole.Root.Declarations.Length} declarations");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void MutatedFilesCutInTwoParseAsWholeOrFallBack(string file)
    {
        var text = Read(file);
        var random = new Random(file.Length + 1);
        const string Inserts = ";{}()\"/*-> \n\\x0_9K.,:on";
        for (var i = 0; i < 300; i++)
        {
            var builder = new StringBuilder(text);
            var at = random.Next(builder.Length);
            builder.Insert(at, Inserts[random.Next(Inserts.Length)]);
            var mutated = builder.ToString();
            var lineStart = mutated.IndexOf('\n', random.Next(mutated.Length)) + 1;
            if (lineStart <= 0 || lineStart >= mutated.Length || WellFormedParser.TryParseHalves(file, mutated, lineStart) is not { } halves)
            {
                continue;
            }

            // Two halves that parse by themselves are a whole that parses, to the same tree.
            Assert.Equal(Dump(WellFormedParser.TryParseWhole(file, mutated, out _) ?? Parser.ParseWithAntlr(file, mutated)), Dump(halves));
        }
    }

    [Theory]
    [InlineData("block a : cpu { on ur -> sea; }\n/* a comment\nblock b : cpu { on ur -> sea; }\n*/\nblock c : cpu { }\n")] // the cut inside a block comment
    [InlineData("block a : cpu {\n    on ur -> sea;\nblock b : cpu { on ur -> sea; }\n}\n")]                         // the cut inside a body
    [InlineData("block a : cpu { doc \"x\"; }\nblock b : cpu { doc \"y\"; }\n")]                                    // between two declarations
    public void ALargeFileIsParsedInTwoHalvesOnlyWhereTheCutHolds(string sample)
    {
        // Enough copies to pass the size from which a file is cut; the middle falls on a sample's lines.
        var text = string.Concat(Enumerable.Repeat(sample, (WellFormedParser.SplitFrom / sample.Length) + 2));
        var split = WellFormedParser.SplitPoint(text);

        Assert.NotNull(split);
        Assert.Equal(Dump(Parser.ParseWithAntlr("t.rasdl", text)), Dump(Parser.Parse("t.rasdl", text)));
    }

    [Theory]
    [InlineData("route a -> b\nassign x.y to guest via vfio_pci;")]                      // ';' missing at a line end
    [InlineData("block a : cpu {\n    on ur -> sea\n}")]                                     // ';' missing before the next line: "after rule"
    [InlineData("block a : cpu { on ur -> sea }")]                                        // ';' missing on the same line
    [InlineData("block a : cpu { on ur -> sea; }\n}\nblock b : cpu { }")]                 // a stray '}' between declarations
    [InlineData("block a : cpu { on ur -> sea;\nblock b : cpu { }")]                      // '}' missing
    [InlineData("profile p { hypervisor h; }\nprofile q { hypervisor }")]                // the last declaration broken
    [InlineData("foo\nblock a : cpu { }\nblock b : cpu { }")]                            // the first declaration broken
    [InlineData("block a : cpu { }\r\n\tblock b : cpu { }\r\n// note\r\n\tblock c : cpu { on }\r\nblock d : cpu { }")] // CR LF, tabs, a comment
    public void AFileWithAnErrorParsesAsIfAntlrHadParsedAllOfIt(string broken)
    {
        var text = string.Concat(Enumerable.Range(0, 4).Select(i => $"block w{i} : cpu {{ on ur -> sea; }}\n")) + broken;

        Assert.Null(WellFormedParser.TryParse("t.rasdl", text, out var prefix));
        Assert.NotNull(prefix);
        Assert.Equal(Dump(Parser.ParseWithAntlr("t.rasdl", text)), Dump(Parser.Parse("t.rasdl", text)));
        Assert.NotEmpty(Parser.Parse("t.rasdl", text).Diagnostics);
    }

    [Theory]
    [InlineData("block a : cpu { on ur -> sea }")]        // missing ';'
    [InlineData("import \"std/kvm.rasdl\"")]              // missing ';' at the end
    [InlineData("platform p { doc \"a\\q\"; }")]          // unknown escape: the builder reports it
    [InlineData("endpoint e : x under b { region r mmio size 99999999999999999999; }")] // too large
    [InlineData("block b : cpu { on ur -> sea; } /* open")] // unterminated comment
    [InlineData("block b : cpu { on ur -> sea; } é")]     // a character no token starts with
    [InlineData("route a -> 0x;")]                        // "0x" is two tokens
    public void FilesWithErrorsAreLeftToTheAntlrParser(string text)
    {
        Assert.Null(WellFormedParser.TryParse("t.rasdl", text));
        Assert.NotEmpty(Parser.Parse("t.rasdl", text).Diagnostics);
    }

    private static string Dump(SyntaxTree tree) => SyntaxDump.Of(tree);

    // Not a file: the constructs of sound verdicts, which the examples may not all use.
    private const string SoundVerdictsSample = "samples/sound-verdicts.rasdl";

    private static string Read(string file) =>
        file == SoundVerdictsSample ? Samples.SoundVerdicts
        : StandardLibraryPath.IsStandardLibrary(file) ? StandardLibrary.ReadText(file)! : File.ReadAllText(file);
}
