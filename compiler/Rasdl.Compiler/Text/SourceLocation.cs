namespace Rasdl.Text;

/// <summary>A place in a source file: its path (or "std/…" for the standard library), character span and line range.</summary>
public sealed record SourceLocation(string Path, TextSpan Span, LinePositionSpan Range)
{
    public static SourceLocation Create(string path, SourceText text, TextSpan span) =>
        new(path, span, text.GetLinePositionSpan(span));

    /// <summary>True for locations inside the standard library shipped with the compiler.</summary>
    public bool IsInStandardLibrary => StandardLibraryPath.IsStandardLibrary(Path);

    public override string ToString() => $"{Path}:{Range.Start}";
}

/// <summary>How standard-library files are named: "std/NAME.rasdl", resolved to resources inside the compiler.</summary>
public static class StandardLibraryPath
{
    public const string Prefix = "std/";

    public static bool IsStandardLibrary(string path) => path.StartsWith(Prefix, StringComparison.Ordinal);
}
