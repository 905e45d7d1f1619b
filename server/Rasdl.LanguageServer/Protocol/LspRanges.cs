using Rasdl.Text;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>Conversions between the compiler's line positions and LSP positions and ranges.</summary>
public static class LspRanges
{
    public static Position ToPosition(LinePosition position) => new() { Line = position.Line, Character = position.Character };

    public static Range ToRange(LinePositionSpan span) => new() { Start = ToPosition(span.Start), End = ToPosition(span.End) };

    public static Range ToRange(SourceText text, TextSpan span) => ToRange(text.GetLinePositionSpan(span));

    public static LinePosition ToLinePosition(Position position) => new(position.Line, position.Character);

    public static int ToOffset(SourceText text, Position position) => text.GetPosition(ToLinePosition(position));

    public static TextSpan ToSpan(SourceText text, Range range)
    {
        var start = ToOffset(text, range.Start);
        return TextSpan.FromBounds(start, Math.Max(start, ToOffset(text, range.End)));
    }

    public static bool Contains(Range range, Position position) =>
        Compare(range.Start, position) <= 0 && Compare(position, range.End) <= 0;

    public static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
}
