using System.Collections.Immutable;
using Rasdl.Text;

namespace Rasdl.Diagnostics;

/// <summary>A further place that explains a diagnostic, e.g. one step of a containment witness.</summary>
public sealed record RelatedLocation(SourceLocation Location, string Message);

/// <summary>A reported problem: what (descriptor and message), where, how severe, and related places.</summary>
/// <param name="Data">Machine-readable facts for quick fixes, e.g. "suggestion" for a did-you-mean.</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    DiagnosticSeverity Severity,
    SourceLocation Location,
    string Message,
    ImmutableArray<RelatedLocation> Related,
    ImmutableDictionary<string, string> Data)
{
    public string Code => Descriptor.Code;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        new(descriptor, descriptor.DefaultSeverity, location, descriptor.Format(arguments), [], ImmutableDictionary<string, string>.Empty);

    public Diagnostic WithRelated(IEnumerable<RelatedLocation> related) => this with { Related = [.. related] };

    public Diagnostic WithData(string key, string value) => this with { Data = Data.SetItem(key, value) };

    /// <summary>file:line:col: severity CODE: message (1-based line and column).</summary>
    public override string ToString() =>
        $"{Location.Path}:{Location.Range.Start.Line + 1}:{Location.Range.Start.Character + 1}: {Severity.ToName()} {Code}: {Message}";
}

/// <summary>Orders diagnostics by file, position, then code, so every output lists them the same way.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static readonly DiagnosticOrder Instance = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byPath = string.CompareOrdinal(x.Location.Path, y.Location.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byStart = x.Location.Span.Start.CompareTo(y.Location.Span.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byCode = string.CompareOrdinal(x.Code, y.Code);
        return byCode != 0 ? byCode : string.CompareOrdinal(x.Message, y.Message);
    }
}
