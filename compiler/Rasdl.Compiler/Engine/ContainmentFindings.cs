using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Text;

namespace Rasdl.Engine;

/// <summary>
/// The containment diagnostics found for one platform, kept so that a later version of the
/// same description can reuse them: when the later platform has the same
/// <see cref="IrShape"/> (it says the same things, only in other places), the engine would
/// walk the same paths to the same verdicts and report the same findings, each at the place
/// its element moved to. An editor then answers a keystroke that changes no path without
/// walking any.
/// </summary>
public sealed class ContainmentFindings
{
    private readonly PlatformIr _platform;
    private IrShape? _shape;

    public ContainmentFindings(PlatformIr platform, ImmutableArray<Diagnostic> diagnostics)
        : this(platform, diagnostics, null)
    {
    }

    private ContainmentFindings(PlatformIr platform, ImmutableArray<Diagnostic> diagnostics, IrShape? shape)
    {
        _platform = platform;
        _shape = shape;
        Diagnostics = diagnostics;
    }

    /// <summary>The containment diagnostics as the engine reported them (before the project's severities and suppressions).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    private IrShape Shape => _shape ??= IrShape.Of(_platform);

    /// <summary>
    /// These findings moved to a platform of the same shape, or null when its shape differs or
    /// a finding cannot be placed in it for certain (then the platform must be analysed).
    /// </summary>
    public ContainmentFindings? MovedTo(PlatformIr platform)
    {
        var shape = IrShape.Of(platform);
        if (!Shape.SameContent(shape) || Shape.Locations.Length != shape.Locations.Length)
        {
            return null;
        }

        // Nothing found: nothing to move (the common case while editing a sound description).
        if (Diagnostics.IsEmpty)
        {
            return new ContainmentFindings(platform, [], shape);
        }

        // Each element's old place and new place; an old place that would move to two new ones
        // (two elements written at one place) cannot be told apart, so nothing is reused.
        var moves = new Dictionary<SourceLocation, SourceLocation>(shape.Locations.Length, Place.Instance);
        var citesLines = Diagnostics.Any(CitesLines);
        var linesMoved = false;
        for (var i = 0; i < shape.Locations.Length; i++)
        {
            var (from, to) = (Shape.Locations[i], shape.Locations[i]);
            if (moves.TryGetValue(from, out var known))
            {
                if (!Place.Instance.Equals(known, to))
                {
                    return null;
                }

                continue;
            }

            moves[from] = to;
            linesMoved |= citesLines && from.Span.Start != to.Span.Start && from.Range.Start.Line != to.Range.Start.Line;
        }

        var moved = ImmutableArray.CreateBuilder<Diagnostic>(Diagnostics.Length);
        foreach (var diagnostic in Diagnostics)
        {
            // A message that cites a line number (DeadRules.Cite) is only right while no line moved.
            if ((linesMoved && CitesLines(diagnostic)) || !moves.TryGetValue(diagnostic.Location, out var at))
            {
                return null;
            }

            var related = ImmutableArray.CreateBuilder<RelatedLocation>(diagnostic.Related.Length);
            foreach (var note in diagnostic.Related)
            {
                if (!moves.TryGetValue(note.Location, out var noteAt))
                {
                    return null;
                }

                related.Add(note with { Location = noteAt });
            }

            moved.Add(diagnostic with { Location = at, Related = related.MoveToImmutable() });
        }

        return new ContainmentFindings(platform, moved.MoveToImmutable(), shape);
    }

    private static bool CitesLines(Diagnostic diagnostic) => diagnostic.Descriptor == DiagnosticCatalogue.DeadRule;

    // A place is its file and span (the line follows from them): compared without working out
    // lines, hashed without hashing the file's path, which is the same for nearly every place.
    private sealed class Place : IEqualityComparer<SourceLocation>
    {
        public static readonly Place Instance = new();

        public bool Equals(SourceLocation? x, SourceLocation? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Span == y.Span && string.Equals(x.Path, y.Path, StringComparison.Ordinal));

        public int GetHashCode(SourceLocation location) => HashCode.Combine(location.Span.Start, location.Span.Length);
    }
}
