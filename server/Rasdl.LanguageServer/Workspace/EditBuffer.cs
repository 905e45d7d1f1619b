using System.Collections.Immutable;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// An open document's text as the editor changes it: a gap buffer with its line starts kept up
/// to date edit by edit. An edit costs the distance the gap moves plus the lines after it (one
/// add each), never a copy of the whole text or a scan of it, so a burst of thousands of
/// keystrokes on a large file is applied at once; a <see cref="SourceText"/> is made only when
/// something reads the text (analysis, a request), once per version.
/// Line breaks are those of <see cref="SourceText"/>: "\n", "\r\n" and a lone "\r".
/// </summary>
public sealed class EditBuffer
{
    private const int MinimumGap = 256;

    private readonly List<int> _lineStarts = [0];
    private char[] _chars;
    private int _gapStart;
    private int _gapEnd;

    public EditBuffer(string text)
    {
        _chars = new char[text.Length + MinimumGap];
        text.CopyTo(_chars);
        _gapStart = text.Length;
        _gapEnd = _chars.Length;
        AddLineStarts(_lineStarts, 1, text.Length);
    }

    public int Length => _chars.Length - GapLength;

    public int LineCount => _lineStarts.Count;

    private int GapLength => _gapEnd - _gapStart;

    private char this[int index] => index < _gapStart ? _chars[index] : _chars[index + GapLength];

    /// <summary>
    /// The offset of a line and UTF-16 column, as <see cref="SourceText.GetPosition"/> gives it
    /// (a column past the line's end clamps to it); false for a line past the end, except the
    /// position just after the last line (LSP allows it for the end of the document).
    /// </summary>
    public bool TryGetOffset(int line, int character, out int offset)
    {
        offset = 0;
        if (line < 0 || character < 0 || line > _lineStarts.Count || (line == _lineStarts.Count && character != 0))
        {
            return false;
        }

        if (line == _lineStarts.Count)
        {
            offset = Length;
            return true;
        }

        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : Length;
        while (end > start && this[end - 1] is '\n' or '\r')
        {
            end--;
        }

        offset = Math.Min(start + character, end);
        return true;
    }

    /// <summary>The text between two offsets (used to undo an edit).</summary>
    public string Slice(int start, int end)
    {
        MoveGap(end);
        return new string(_chars, start, end - start);
    }

    /// <summary>Replaces the characters in [start, end) by <paramref name="text"/>.</summary>
    public void Replace(int start, int end, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Length);

        MoveGap(start);
        _gapEnd += end - start;
        if (GapLength < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(0, _chars, _gapStart, text.Length);
        _gapStart += text.Length;

        // Whether an offset starts a line depends on the character before it and the one at it,
        // so the starts before `start` and after the old `end` stand (the latter shifted); those in
        // between are found again in the new text.
        var first = LowerBound(start);
        var afterEnd = LowerBound(end + 1);
        var found = new List<int>();
        if (start == 0)
        {
            found.Add(0);
        }

        AddLineStarts(found, Math.Max(start, 1), start + text.Length);
        _lineStarts.RemoveRange(first, afterEnd - first);
        _lineStarts.InsertRange(first, found);
        var delta = text.Length - (end - start);
        if (delta != 0)
        {
            for (var i = first + found.Count; i < _lineStarts.Count; i++)
            {
                _lineStarts[i] += delta;
            }
        }
    }

    /// <summary>The current text with its line map, copied out of the buffer.</summary>
    public SourceText ToSourceText()
    {
        var text = string.Create(Length, this, static (span, buffer) =>
        {
            buffer._chars.AsSpan(0, buffer._gapStart).CopyTo(span);
            buffer._chars.AsSpan(buffer._gapEnd).CopyTo(span[buffer._gapStart..]);
        });
        return SourceText.WithLineStarts(text, ImmutableArray.CreateRange(_lineStarts));
    }

    /// <summary>Adds each offset in [from, to] (from >= 1) that starts a line.</summary>
    private void AddLineStarts(List<int> starts, int from, int to)
    {
        var length = Length;
        for (var position = from; position <= to; position++)
        {
            var before = this[position - 1];
            if (before == '\n' || (before == '\r' && (position == length || this[position] != '\n')))
            {
                starts.Add(position);
            }
        }
    }

    /// <summary>The index of the first line start at or after <paramref name="offset"/>.</summary>
    private int LowerBound(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index;
    }

    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_chars, position, _chars, _gapEnd - count, count);
            _gapStart -= count;
            _gapEnd -= count;
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_chars, _gapEnd, _chars, _gapStart, count);
            _gapStart += count;
            _gapEnd += count;
        }
    }

    private void Grow(int needed)
    {
        var length = Length;
        var larger = new char[Math.Max(_chars.Length * 2, length + needed + MinimumGap)];
        Array.Copy(_chars, 0, larger, 0, _gapStart);
        var tail = _chars.Length - _gapEnd;
        Array.Copy(_chars, _gapEnd, larger, larger.Length - tail, tail);
        _gapEnd = larger.Length - tail;
        _chars = larger;
    }
}
