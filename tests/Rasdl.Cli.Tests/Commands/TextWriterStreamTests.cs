using System.Text;
using Rasdl.Cli;

namespace Rasdl.Cli.Tests.Commands;

/// <summary>JSON reaches standard output through this stream as it is written: every byte must come out as the same text.</summary>
public class TextWriterStreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void TextSplitAnywhereComesOutWhole(int chunk)
    {
        const string Text = "{\"doc\": \"Grüße — 🚀 ok\"}";
        var bytes = Encoding.UTF8.GetBytes(Text);
        var output = new StringWriter();
        using (var stream = new TextWriterStream(output))
        {
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                stream.Write(bytes, i, Math.Min(chunk, bytes.Length - i));
            }
        }

        Assert.Equal(Text, output.ToString());
    }

    [Fact]
    public void AWriteLargerThanItsBufferIsNotCut()
    {
        var text = new string('x', 100_000) + "é";
        var output = new StringWriter();
        using (var stream = new TextWriterStream(output))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        Assert.Equal(text, output.ToString());
    }
}
