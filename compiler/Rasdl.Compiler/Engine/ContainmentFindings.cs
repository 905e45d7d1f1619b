using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Intermediate;
using Rasdl.Syntax;
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
    private readonly ImmutableArray<SyntaxTree> _trees;

    // The shape once it is known, else the platform (a Lazy<PlatformIr>) to make it from. One
    // field, so that the platform is let go of as the shape is made: an editor keeps findings
    // between versions, and a platform holds its version's symbols (an unlowered one, the
    // whole compilation). Findings with nothing found keep their lowered platform instead, to
    // compare the next version with (see LoweredPlatform): it shares nearly every element, and
    // so nearly all its memory, with the version after it.
    private object _shapeOrPlatform;

    /// <param name="trees">The files the platform was compiled from.</param>
    /// <param name="platform">The platform, lowered when first needed.</param>
    /// <param name="analysis">The analysis they were found by, whose region verdicts they keep (made when first asked for), if any.</param>
    public ContainmentFindings(ImmutableArray<SyntaxTree> trees, Lazy<PlatformIr> platform, ImmutableArray<Diagnostic> diagnostics, ContainmentAnalysis? analysis)
        : this(trees, diagnostics, platform, analysis, runs: analysis?.KeptRuns)
    {
    }

    private ContainmentFindings(ImmutableArray<SyntaxTree> trees, ImmutableArray<Diagnostic> diagnostics, object shapeOrPlatform, object? verdicts, string? reuse = null, KeptRuns? runs = null)
    {
        Runs = runs;
        Reuse = reuse;
        _trees = trees;
        _shapeOrPlatform = shapeOrPlatform;
        Diagnostics = diagnostics;
        _verdicts = verdicts;
    }

    // The verdicts once made (or NoVerdicts), else the analysis to make them from, let go of as
    // they are made: a batch check never asks for them, and an editor asks when it shows them
    // (inlay hints, code lenses), not on the way to a later version's diagnostics. Findings
    // moved to a later version take them as they are, made or not.
    private object? _verdicts;

    private static readonly object NoVerdicts = new();

    /// <summary>
    /// The verdicts of the runs of the analysis these findings were found by (or moved from):
    /// what the analysis of a later version keeps for every endpoint whose paths the edit left
    /// alone (see <see cref="KeptRuns"/>). Null for findings that were not analysed.
    /// </summary>
    internal KeptRuns? Runs { get; }

    /// <summary>The containment diagnostics as the engine reported them (before the project's severities and suppressions).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Every assigned region's verdicts, when an analysis made them: moved findings carry them
    /// unchanged, since a platform of the same shape has the same verdicts (null otherwise).
    /// </summary>
    public RegionVerdicts? Verdicts
    {
        get
        {
            var known = Volatile.Read(ref _verdicts);
            if (known is ContainmentAnalysis analysis)
            {
                known = RegionVerdicts.Of(analysis) ?? NoVerdicts;
                Volatile.Write(ref _verdicts, known);
            }

            return known as RegionVerdicts;
        }
    }

    /// <summary>For findings moved from an earlier version: why they still hold.</summary>
    public string? Reuse { get; }

    // The places are only needed to move findings: without any, the content is enough.
    private IrShape Shape
    {
        get
        {
            var source = Volatile.Read(ref _shapeOrPlatform);
            if (source is IrShape known)
            {
                return known;
            }

            var shape = IrShape.Of(((Lazy<PlatformIr>)source).Value, withLocations: !Diagnostics.IsEmpty);
            Volatile.Write(ref _shapeOrPlatform, shape);
            return shape;
        }
    }

    /// <summary>
    /// The platform these findings were found for (or moved to), if it is lowered and kept:
    /// findings with nothing found keep it rather than its shape, so that a later version is
    /// compared with it element by element (<see cref="IrShape.SameShape"/>), and lowered from
    /// it (<see cref="Lowering.Lower"/>).
    /// </summary>
    public PlatformIr? LoweredPlatform => Volatile.Read(ref _shapeOrPlatform) is Lazy<PlatformIr> { IsValueCreated: true } lowered ? lowered.Value : null;

    // The names of the lowered platform, once made (see IrShape.Names), or NoNames when its
    // names do not say which element is meant; a platform of the same shape has the same ones,
    // so findings moved to it keep them.
    private object? _names;

    private static readonly object NoNames = new();

    private IrShape.Names? NamesOf(PlatformIr platform)
    {
        var names = Volatile.Read(ref _names);
        if (names is null)
        {
            names = IrShape.Names.Of(platform) ?? NoNames;
            Volatile.Write(ref _names, names);
        }

        return names as IrShape.Names;
    }

    /// <summary>
    /// These findings moved to a later version of the files, or null when its platform's shape
    /// differs or a finding cannot be placed in it for certain (then it must be analysed).
    /// </summary>
    public ContainmentFindings? MovedTo(ImmutableArray<SyntaxTree> trees, Lazy<PlatformIr> platform)
    {
        // Files that say the same words in the same order (only spaces and line breaks between
        // them differ) parse, bind and lower alike: with nothing found there is nothing to move,
        // and the platform need not even be lowered to know its shape is the same.
        // Their shape is this one's too: this one's shape or lowered platform is kept (the later
        // platform need not be lowered to compare the next version with), with its names.
        if (Diagnostics.IsEmpty && SameWords(_trees, trees))
        {
            object kept = Volatile.Read(ref _shapeOrPlatform) switch
            {
                IrShape known => known.WithoutLocations(),
                Lazy<PlatformIr> { IsValueCreated: true } lowered => lowered,
                _ => platform,
            };
            return new ContainmentFindings(trees, [], kept, Volatile.Read(ref _verdicts), "the files say the same words", Runs) { _names = ReferenceEquals(kept, platform) ? null : _names };
        }

        // This platform is lowered (kept with nothing found, or the one an analysis walked):
        // compared element by element with the later one, whose elements are mostly the same
        // objects (see IrShape.SameShape). With nothing found that is the whole answer. With
        // something found only a "no" is taken from it, without writing both whole shapes with
        // their places (about 20 ms and 20 MB at 100k lines, before an analysis that must run
        // anyway): the same shape still needs the places, to move each finding.
        if (LoweredPlatform is { } earlier && NamesOf(earlier) is { } names)
        {
            var same = IrShape.SameShape(earlier, platform.Value, names);
            if (Diagnostics.IsEmpty)
            {
                return same ? new ContainmentFindings(trees, [], platform, Volatile.Read(ref _verdicts), "the platform has the same shape", Runs) { _names = names } : null;
            }

            if (!same)
            {
                return null;
            }
        }

        if (Shape.Match(platform.Value, withLocations: !Diagnostics.IsEmpty) is not { } shape)
        {
            return null;
        }

        // Nothing found: nothing to move (the common case while editing a sound description).
        if (Diagnostics.IsEmpty)
        {
            return new ContainmentFindings(trees, [], shape, Volatile.Read(ref _verdicts), "the platform has the same shape", Runs);
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

        return new ContainmentFindings(trees, moved.MoveToImmutable(), shape, Volatile.Read(ref _verdicts), "the platform has the same shape", Runs);
    }

    // The same files in the same order, each with the same tokens (kind and text; comments are
    // tokens too, so a changed comment is not the same words).
    private static bool SameWords(ImmutableArray<SyntaxTree> earlier, ImmutableArray<SyntaxTree> later)
    {
        if (earlier.Length != later.Length)
        {
            return false;
        }

        for (var i = 0; i < earlier.Length; i++)
        {
            var (was, now) = (earlier[i], later[i]);
            if (ReferenceEquals(was, now))
            {
                continue;
            }

            if (was.Path != now.Path || !was.Diagnostics.IsEmpty || !now.Diagnostics.IsEmpty || !was.Tokens.SameWords(now.Tokens))
            {
                return false;
            }
        }

        return true;
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
