using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rasdl.Text;

namespace Rasdl.Syntax;

/// <summary>
/// A place in a top-level declaration: the declaration object and a span counted from its
/// start. It holds in every version of a file that keeps the declaration, wherever an edit moved
/// it; a version's <see cref="Placement"/> turns it into a place in the file.
/// </summary>
public readonly struct Place(DeclarationSyntax owner, TextSpan span) : IEquatable<Place>
{
    /// <summary>The top-level declaration the place is in.</summary>
    public DeclarationSyntax Owner { get; } = owner;

    /// <summary>Counted from the start of <see cref="Owner"/>.</summary>
    public TextSpan Span { get; } = span;

    // The declaration by reference: two declarations written alike are equal records, but are
    // two places.
    public bool Equals(Place other) => ReferenceEquals(Owner, other.Owner) && Span == other.Span;

    public override bool Equals(object? obj) => obj is Place other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Owner), Span);

    public static bool operator ==(Place left, Place right) => left.Equals(right);

    public static bool operator !=(Place left, Place right) => !left.Equals(right);

    public override string ToString() => $"{Span} in {Owner.GetType().Name}";
}

/// <summary>
/// Where each top-level declaration of a version's files is: its file and its start. What a
/// <see cref="Place"/> needs to become a place in a file. The table is made when first asked
/// for (one entry per declaration: about 30,000 for a 100,000-line description) and then shared
/// by every reader of the version.
/// </summary>
public sealed class Placement(ImmutableArray<SyntaxTree> trees)
{
    private DeclarationTable? _table;

    public ImmutableArray<SyntaxTree> Trees { get; } = trees;

    /// <summary>The file of a declaration of this version.</summary>
    public SyntaxTree TreeOf(DeclarationSyntax owner) => Find(owner).Tree;

    /// <summary>Where a declaration of this version starts in its file.</summary>
    public int StartOf(DeclarationSyntax owner) => Find(owner).Start;

    /// <summary>Where a place is written in its file.</summary>
    public TextSpan SpanOf(Place place) => place.Span.MovedBy(Find(place.Owner).Start);

    public SourceLocation LocationOf(Place place)
    {
        var (tree, start) = Find(place.Owner);
        return tree.GetLocation(place.Span.MovedBy(start));
    }

    /// <summary>The path of the file a place is in.</summary>
    public string PathOf(Place place) => Find(place.Owner).Tree.Path;

    /// <summary>The file of a declaration of this version and where the declaration starts there.</summary>
    public (SyntaxTree Tree, int Start) Find(DeclarationSyntax owner)
    {
        var table = Volatile.Read(ref _table) ?? Made();
        var ordinal = table.Find(owner);
        if (ordinal < 0)
        {
            throw new InvalidOperationException($"A {owner.GetType().Name} that is not in this version's files.");
        }

        // Declarations are numbered file after file; a version has a few files.
        for (var t = 0; ; t++)
        {
            var root = Trees[t].Root;
            if (ordinal < root.Declarations.Length)
            {
                return (Trees[t], root.Starts[ordinal]);
            }

            ordinal -= root.Declarations.Length;
        }
    }

    private DeclarationTable Made()
    {
        var count = 0;
        foreach (var tree in Trees)
        {
            count += tree.Root.Declarations.Length;
        }

        var made = new DeclarationTable(count);
        var ordinal = 0;
        foreach (var tree in Trees)
        {
            foreach (var declaration in tree.Root.Declarations)
            {
                made.Add(declaration, ordinal++);
            }
        }

        // Two readers asking at once make two equal tables; either may be kept.
        return Interlocked.CompareExchange(ref _table, made, null) ?? made;
    }

    /// <summary>
    /// Declarations by reference (two declarations written alike are equal records) to their
    /// number in the version: an open-addressing table in chunks small enough to stay out of the
    /// large-object heap. A version's table is garbage at the next keystroke, and large-object
    /// garbage makes the collector run full collections (see Collections.ChunkedList).
    /// </summary>
    private sealed class DeclarationTable
    {
        private const int ChunkBits = 13; // 8,192 references (64 KB) or numbers (32 KB) a chunk
        private const int ChunkSize = 1 << ChunkBits;
        private readonly DeclarationSyntax?[][] _keys;
        private readonly int[][] _values;
        private readonly int _mask;

        public DeclarationTable(int count)
        {
            // At most half full: a search meets few others.
            var capacity = 16;
            while (capacity < count * 2)
            {
                capacity <<= 1;
            }

            _mask = capacity - 1;
            var chunks = Math.Max(1, capacity >> ChunkBits);
            var size = Math.Min(capacity, ChunkSize);
            _keys = new DeclarationSyntax?[chunks][];
            _values = new int[chunks][];
            for (var c = 0; c < chunks; c++)
            {
                (_keys[c], _values[c]) = (new DeclarationSyntax?[size], new int[size]);
            }
        }

        /// <summary>Adds a declaration's number unless the declaration is there already (the first number stays).</summary>
        public void Add(DeclarationSyntax declaration, int value)
        {
            for (var i = RuntimeHelpers.GetHashCode(declaration) & _mask; ; i = (i + 1) & _mask)
            {
                ref var key = ref _keys[i >> ChunkBits][i & (ChunkSize - 1)];
                if (key is null)
                {
                    (key, _values[i >> ChunkBits][i & (ChunkSize - 1)]) = (declaration, value);
                    return;
                }

                if (ReferenceEquals(key, declaration))
                {
                    return;
                }
            }
        }

        /// <summary>The declaration's number, or -1.</summary>
        public int Find(DeclarationSyntax declaration)
        {
            for (var i = RuntimeHelpers.GetHashCode(declaration) & _mask; ; i = (i + 1) & _mask)
            {
                var key = _keys[i >> ChunkBits][i & (ChunkSize - 1)];
                if (key is null)
                {
                    return -1;
                }

                if (ReferenceEquals(key, declaration))
                {
                    return _values[i >> ChunkBits][i & (ChunkSize - 1)];
                }
            }
        }
    }
}

/// <summary>
/// Where the places of a version are, for a reader that walks many of them in the model's
/// order: places come declaration by declaration, so each declaration is looked up once per run
/// of them.
/// </summary>
public sealed class PlacementRun(Placement placement)
{
    private DeclarationSyntax? _last;
    private (SyntaxTree Tree, int Start) _found;

    /// <summary>The file of a declaration of this version and where the declaration starts there.</summary>
    public (SyntaxTree Tree, int Start) Find(DeclarationSyntax owner)
    {
        if (!ReferenceEquals(owner, _last))
        {
            (_last, _found) = (owner, placement.Find(owner));
        }

        return _found;
    }
}
