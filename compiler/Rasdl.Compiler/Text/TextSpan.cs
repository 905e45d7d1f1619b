namespace Rasdl.Text;

/// <summary>A range of characters in a source text: [Start, Start + Length).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public bool Contains(int position) => position >= Start && position < End;

    /// <summary>True when the position is inside the span or just after its last character (a caret at the end of a word).</summary>
    public bool Touches(int position) => position >= Start && position <= End;

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    public bool OverlapsWith(TextSpan other) => Start < other.End && other.Start < End;

    /// <summary>The same span <paramref name="offset"/> characters later (earlier when negative).</summary>
    public TextSpan MovedBy(int offset) => new(Start + offset, Length);

    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A zero-based line and UTF-16 column, as LSP counts them.</summary>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public override string ToString() => $"{Line + 1}:{Character + 1}";
}

/// <summary>A zero-based range of line positions.</summary>
public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
