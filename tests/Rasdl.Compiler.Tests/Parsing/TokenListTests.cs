using Rasdl.Parsing;
using Rasdl.Syntax;
using Rasdl.Text;

namespace Rasdl.Compiler.Tests.Parsing;

/// <summary>
/// An edited version's tokens are pieces of the earlier version's arrays (TokenList): every way
/// of reading them must give what one array of moved tokens gives.
/// </summary>
public class TokenListTests
{
    private static SyntaxToken Token(int start, string text) => new(TokenKind.Identifier, new TextSpan(start, text.Length), text);

    // Tokens "t0".."tN" at 10, 20, 30...
    private static List<SyntaxToken> Flat(int count) => [.. Enumerable.Range(0, count).Select(i => Token(10 * (i + 1), $"t{i}"))];

    // What Splice must give, built the plain way.
    private static List<SyntaxToken> Expected(List<SyntaxToken> tokens, int from, int to, IEnumerable<SyntaxToken> inserted, int delta) =>
        [.. tokens.Take(from), .. inserted, .. tokens.Skip(to).Select(t => t with { Span = new TextSpan(t.Span.Start + delta, t.Span.Length) })];

    private static void AssertSame(List<SyntaxToken> expected, TokenList actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        Assert.Equal(expected, [.. actual]);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }

        // Read backwards and by jumps too: the indexer's hint must never give another piece's token.
        for (var i = expected.Count - 1; i >= 0; i -= 3)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void ASpliceKeepsTheTokensBeforeAndMovesTheTokensAfter()
    {
        var tokens = Flat(10);
        var list = TokenList.Create([.. tokens]);
        SyntaxToken[] inserted = [Token(45, "new"), Token(50, "more")];

        var spliced = list.Splice(4, 6, inserted, 7);

        AssertSame(Expected(tokens, 4, 6, inserted, 7), spliced);
        Assert.Equal(3, spliced.PieceCount);
        AssertSame(tokens, list);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 10)]
    [InlineData(10, 10)]
    [InlineData(3, 3)]
    [InlineData(0, 1)]
    [InlineData(9, 10)]
    public void SplicesAtTheEdgesGiveThePlainList(int from, int to)
    {
        var tokens = Flat(10);

        var spliced = TokenList.Create([.. tokens]).Splice(from, to, [], -2);

        AssertSame(Expected(tokens, from, to, [], -2), spliced);
    }

    [Fact]
    public void ManySplicesEqualThePlainListAndStayFewPieces()
    {
        var random = new Random(1234);
        var expected = Flat(200);
        var list = TokenList.Create([.. expected]);
        for (var edit = 0; edit < 300; edit++)
        {
            var from = random.Next(expected.Count + 1);
            var to = Math.Min(expected.Count, from + random.Next(4));
            var delta = random.Next(-3, 4);
            var at = from == 0 ? 0 : expected[from - 1].Span.End;
            SyntaxToken[] inserted = [.. Enumerable.Range(0, random.Next(3)).Select(i => Token(at + i, $"e{edit}.{i}"))];

            expected = Expected(expected, from, to, inserted, delta);
            list = list.Splice(from, to, inserted, delta);

            AssertSame(expected, list);
            Assert.InRange(list.PieceCount, 0, TokenList.MaxPieces);
        }
    }

    [Fact]
    public void SameWordsComparesKindAndTextWhetherOrNotTheArraysAreShared()
    {
        var random = new Random(99);
        var plain = Flat(120);
        var list = TokenList.Create([.. plain]);
        for (var edit = 0; edit < 100; edit++)
        {
            // Spliced lists share arrays with the list before them and move tokens (delta), which must not matter.
            var from = random.Next(plain.Count);
            var to = Math.Min(plain.Count, from + 1 + random.Next(3));
            var delta = random.Next(1, 4);
            var before = list;
            SyntaxToken[] same = [.. plain.Skip(from).Take(to - from).Select(t => t with { Span = new TextSpan(t.Span.Start + 1, t.Span.Length) })];
            list = list.Splice(from, to, same, delta);
            plain = Expected(plain, from, to, same, delta);
            Assert.True(list.SameWords(before));
            Assert.True(before.SameWords(list));
            Assert.True(list.SameWords(TokenList.Create([.. plain])));

            // One word changed, anywhere: not the same, whichever list shares what.
            var at = random.Next(plain.Count);
            var changed = list.Splice(at, at + 1, [plain[at] with { Text = plain[at].Text + "x" }], 0);
            Assert.False(changed.SameWords(list));
            Assert.False(list.SameWords(changed));
            Assert.False(changed.SameWords(TokenList.Create([.. plain])));
            Assert.False(list.SameWords(list.Splice(at, at + 1, [plain[at] with { Kind = TokenKind.Number }], 0)));
            Assert.False(list.SameWords(list.Splice(at, at, [plain[at]], 0)));
        }

        Assert.True(TokenList.Empty.SameWords(TokenList.Create([])));

        // The same array read from another place: t1 t2 t3 against t0 t1 t2.
        var four = TokenList.Create([.. Flat(4)]);
        Assert.False(four.Splice(0, 1, [], 0).SameWords(four.Splice(3, 4, [], 0)));
    }

    [Fact]
    public void AnEditedFileSharesTheEarlierVersionsTokenArrays()
    {
        const string path = "/platform/t.rasdl";
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => $"block b{i} : interconnect {{\n    on slverr -> slverr;\n}}\n\n"));
        var clean = Parser.Parse(path, text);
        var edited = text.Replace("block b20 ", "block b20x ", StringComparison.Ordinal);

        var parse = IncrementalParser.Parse(path, new SourceText(edited), clean);

        Assert.True(parse.Spliced);
        Assert.True(parse.Tree.Tokens.PieceCount > 1);
        Assert.Equal(Parser.Parse(path, edited).Tokens.ToList(), parse.Tree.Tokens.ToList());
    }
}
