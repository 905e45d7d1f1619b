using Rasdl.LanguageServer.Workspace;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Tests;

/// <summary>The editor buffer's text and line map equal those of a string edited the plain way, after every edit.</summary>
public sealed class EditBufferTests
{
    // Line breaks of every kind, and edits that split or join a "\r\n".
    private static readonly string[] Pieces = ["", "a", "block", "\n", "\r", "\r\n", "\n\r", "x\ny", " { }\r\n", "\t// c\n"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_keep_the_text_and_its_line_starts_equal_to_a_fresh_scan(int seed)
    {
        var random = new Random(seed);
        var expected = "block a : cpu {\r\n}\n\rrest";
        var buffer = new EditBuffer(expected);
        for (var i = 0; i < 3000; i++)
        {
            var start = random.Next(expected.Length + 1);
            var end = Math.Min(expected.Length, start + random.Next(4) * random.Next(6));
            var text = Pieces[random.Next(Pieces.Length)];
            buffer.Replace(start, end, text);
            expected = expected[..start] + text + expected[end..];

            var actual = buffer.ToSourceText();
            Assert.Equal(expected, actual.Text);
            Assert.Equal(new SourceText(expected).LineStarts.ToArray(), actual.LineStarts.ToArray());
        }
    }

    [Fact]
    public void Offsets_clamp_to_the_line_end_and_allow_the_position_after_the_last_line()
    {
        var buffer = new EditBuffer("ab\r\ncd\n");
        var text = new SourceText("ab\r\ncd\n");
        for (var line = 0; line < text.LineCount; line++)
        {
            for (var character = 0; character < 5; character++)
            {
                Assert.True(buffer.TryGetOffset(line, character, out var offset));
                Assert.Equal(text.GetPosition(new LinePosition(line, character)), offset);
            }
        }

        Assert.True(buffer.TryGetOffset(text.LineCount, 0, out var atEnd));
        Assert.Equal(7, atEnd);
        Assert.False(buffer.TryGetOffset(text.LineCount, 1, out _));
        Assert.False(buffer.TryGetOffset(text.LineCount + 1, 0, out _));
        Assert.False(buffer.TryGetOffset(-1, 0, out _));
    }
}
