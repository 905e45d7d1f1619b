using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Tests.Infrastructure;

/// <summary>Finds LSP positions in sample text by searching for a piece of it, so tests say where they point.</summary>
public static class PositionFinder
{
    /// <summary>The position of the n-th (0-based) occurrence of <paramref name="needle"/>, plus an offset into it.</summary>
    public static Position Find(string text, string needle, int offsetInNeedle = 0, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{needle}' (occurrence {occurrence}) is not in the text");
            }
        }

        return PositionOf(text, index + offsetInNeedle);
    }

    public static Position PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position { Line = line, Character = offset - lineStart };
    }

    public static string Describe(Protocol.Range range) => $"{range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}";
}
