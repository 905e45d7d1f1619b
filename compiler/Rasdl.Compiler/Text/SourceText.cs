using System.Collections.Immutable;

namespace Rasdl.Text;

/// <summary>An immutable source text with its line map, so spans convert to lines and columns in O(log lines).</summary>
public sealed class SourceText
{
    private readonly ImmutableArray<int> _lineStarts;

    public SourceText(string text)
        : this(text, ComputeLineStarts(text))
    {
    }

    private SourceText(string text, ImmutableArray<int> lineStarts)
    {
        Text = text;
        _lineStarts = lineStarts;
    }

    /// <summary>
    /// A text whose line starts the caller already knows (an editor buffer keeps them up to date
    /// edit by edit), so they need no scan of the text: they must be exactly what the scan finds.
    /// </summary>
    public static SourceText WithLineStarts(string text, ImmutableArray<int> lineStarts) => new(text, lineStarts);

    public string Text { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public ImmutableArray<int> LineStarts => _lineStarts;

    public LinePosition GetLinePosition(int position)
    {
        position = Math.Clamp(position, 0, Text.Length);
        var line = _lineStarts.BinarySearch(position);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, position - _lineStarts[line]);
    }

    public LinePositionSpan GetLinePositionSpan(TextSpan span) =>
        new(GetLinePosition(span.Start), GetLinePosition(span.End));

    /// <summary>The offset of a line position; positions past a line's end clamp to it, lines past the end clamp to the text's end.</summary>
    public int GetPosition(LinePosition position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _lineStarts.Length)
        {
            return Text.Length;
        }

        var lineEnd = GetLineEnd(position.Line);
        return Math.Min(_lineStarts[position.Line] + Math.Max(0, position.Character), lineEnd);
    }

    /// <summary>The offset just past the last character of a line, before its line break.</summary>
    public int GetLineEnd(int line)
    {
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > _lineStarts[line] && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return end;
    }

    public string GetLineText(int line) =>
        Text.Substring(_lineStarts[line], GetLineEnd(line) - _lineStarts[line]);

    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    private static ImmutableArray<int> ComputeLineStarts(string text)
    {
        // The next line break is searched for a vector at a time: a 100k-line file is 4 MB.
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n')
            {
                i++;
            }

            starts.Add(++i);
        }

        return [.. starts];
    }
}
