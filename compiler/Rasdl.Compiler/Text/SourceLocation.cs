using System.Runtime.CompilerServices;

namespace Rasdl.Text;

/// <summary>
/// A place in a source file: its path (or "std/…" for the standard library), character span and
/// line range. The binder makes one for every name and word it meets (half a million in a
/// 100,000-line description) and most are never shown, so the line range is worked out from
/// the text when first asked for.
/// </summary>
public sealed class SourceLocation : IEquatable<SourceLocation>
{
    private readonly SourceText? _text;

    // Boxed so that two threads asking at once see either nothing or a whole range, never half of one.
    private StrongBox<LinePositionSpan>? _range;

    public SourceLocation(string path, TextSpan span, LinePositionSpan range)
    {
        Path = path;
        Span = span;
        _range = new StrongBox<LinePositionSpan>(range);
    }

    private SourceLocation(string path, TextSpan span, SourceText text)
    {
        Path = path;
        Span = span;
        _text = text;
    }

    public static SourceLocation Create(string path, SourceText text, TextSpan span) => new(path, span, text);

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan Range => (_range ??= new StrongBox<LinePositionSpan>(_text!.GetLinePositionSpan(Span))).Value;

    /// <summary>True for locations inside the standard library shipped with the compiler.</summary>
    public bool IsInStandardLibrary => StandardLibraryPath.IsStandardLibrary(Path);

    public bool Equals(SourceLocation? other) =>
        other is not null && (ReferenceEquals(this, other) || (Path == other.Path && Span == other.Span && Range == other.Range));

    public override bool Equals(object? obj) => Equals(obj as SourceLocation);

    // The range follows from the path's text and the span: hashing it too would add nothing.
    public override int GetHashCode() => HashCode.Combine(Path, Span);

    public static bool operator ==(SourceLocation? left, SourceLocation? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SourceLocation? left, SourceLocation? right) => !(left == right);

    public override string ToString() => $"{Path}:{Range.Start}";
}

/// <summary>How standard-library files are named: "std/NAME.rasdl", resolved to resources inside the compiler.</summary>
public static class StandardLibraryPath
{
    public const string Prefix = "std/";

    public static bool IsStandardLibrary(string path) => path.StartsWith(Prefix, StringComparison.Ordinal);
}
