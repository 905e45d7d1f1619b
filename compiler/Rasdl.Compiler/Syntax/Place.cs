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
    private Dictionary<DeclarationSyntax, (SyntaxTree Tree, int Start)>? _table;

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
    public (SyntaxTree Tree, int Start) Find(DeclarationSyntax owner) =>
        Table().TryGetValue(owner, out var found)
            ? found
            : throw new InvalidOperationException($"A {owner.GetType().Name} that is not in this version's files.");

    private Dictionary<DeclarationSyntax, (SyntaxTree Tree, int Start)> Table()
    {
        if (Volatile.Read(ref _table) is { } table)
        {
            return table;
        }

        // Keyed by reference: two declarations written alike are equal records.
        var made = new Dictionary<DeclarationSyntax, (SyntaxTree, int)>(ReferenceEqualityComparer.Instance);
        foreach (var tree in Trees)
        {
            var root = tree.Root;
            for (var i = 0; i < root.Declarations.Length; i++)
            {
                made.TryAdd(root.Declarations[i], (tree, root.Starts[i]));
            }
        }

        // Two readers asking at once make two equal tables; either may be kept.
        return Interlocked.CompareExchange(ref _table, made, null) ?? made;
    }
}

/// <summary>
/// Where the places of one file are, for a reader that walks many places in the model's order:
/// places come declaration by declaration, so each declaration is looked up once per run of them.
/// </summary>
public sealed class DeclarationsIn(Placement placement, SyntaxTree tree)
{
    private DeclarationSyntax? _last;
    private int? _lastStart;

    /// <summary>Where the declaration starts in the file, or null when it is in another file.</summary>
    public int? StartOf(DeclarationSyntax owner)
    {
        if (!ReferenceEquals(owner, _last))
        {
            var (found, start) = placement.Find(owner);
            (_last, _lastStart) = (owner, ReferenceEquals(found, tree) ? start : null);
        }

        return _lastStart;
    }
}
