using System.Collections;
using System.Runtime.CompilerServices;
using Rasdl.Text;

namespace Rasdl.Syntax;

/// <summary>
/// The tokens of a file, in order. An edited version shares the token arrays of the version
/// before it: its list is pieces of those arrays (the tokens before the edit as they were, the
/// edit's own tokens, the tokens after it moved by the edit's change in length), so a keystroke
/// in a large file copies no token it did not touch. A token is moved when it is read. Once a
/// list has <see cref="MaxPieces"/> pieces the next edit copies it into one array again, so
/// reading a token stays a search among a few pieces.
/// </summary>
[CollectionBuilder(typeof(TokenList), nameof(Create))]
public sealed class TokenList : IReadOnlyList<SyntaxToken>
{
    /// <summary>After this many pieces, an edit makes one array again.</summary>
    public const int MaxPieces = 32;

    public static readonly TokenList Empty = new([]);

    private readonly Piece[] _pieces;
    // The index in this list of each piece's first token, and the list's length at the end.
    private readonly int[] _firstIndex;
    private int _lastPiece;

    private TokenList(Piece[] pieces)
    {
        _pieces = pieces;
        _firstIndex = new int[pieces.Length + 1];
        for (var i = 0; i < pieces.Length; i++)
        {
            _firstIndex[i + 1] = _firstIndex[i] + pieces[i].Count;
        }
    }

    /// <summary>A run of an array's tokens, each moved by <see cref="Delta"/> characters.</summary>
    private readonly record struct Piece(SyntaxToken[] Array, int Start, int Count, int Delta)
    {
        public SyntaxToken this[int index] => Moved(Array[Start + index], Delta);
    }

    public int Length => _firstIndex[^1];

    public int Count => Length;

    public bool IsEmpty => Length == 0;

    /// <summary>How many arrays the list reads from (for tests and the benchmarks).</summary>
    public int PieceCount => _pieces.Length;

    public SyntaxToken this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            if (_pieces.Length == 1)
            {
                return _pieces[0][index];
            }

            // Tokens are mostly read in order: start from the piece read last (a racy hint, checked).
            var piece = _lastPiece;
            if (index < _firstIndex[piece] || index >= _firstIndex[piece + 1])
            {
                piece = PieceOf(index);
                _lastPiece = piece;
            }

            return _pieces[piece][index - _firstIndex[piece]];
        }
    }

    public static TokenList Create(ReadOnlySpan<SyntaxToken> tokens) => Own(tokens.ToArray());

    /// <summary>A list of the array's tokens, which the caller hands over: nothing may change it afterwards.</summary>
    internal static TokenList Own(SyntaxToken[] tokens) =>
        tokens.Length == 0 ? Empty : new([new Piece(tokens, 0, tokens.Length, 0)]);

    /// <summary>
    /// This list with the tokens from <paramref name="from"/> up to (not including)
    /// <paramref name="to"/> replaced by <paramref name="inserted"/> (at their final places), and
    /// every token from <paramref name="to"/> on moved by <paramref name="delta"/> characters.
    /// </summary>
    public TokenList Splice(int from, int to, ReadOnlySpan<SyntaxToken> inserted, int delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, Length);
        var pieces = new List<Piece>(_pieces.Length + 3);
        Take(pieces, 0, from, 0);
        if (!inserted.IsEmpty)
        {
            pieces.Add(new Piece(inserted.ToArray(), 0, inserted.Length, 0));
        }

        Take(pieces, to, Length, delta);
        if (pieces.Count > MaxPieces)
        {
            var flat = new SyntaxToken[pieces.Sum(p => p.Count)];
            var at = 0;
            foreach (var piece in pieces)
            {
                for (var i = 0; i < piece.Count; i++)
                {
                    flat[at++] = piece[i];
                }
            }

            return new TokenList([new Piece(flat, 0, flat.Length, 0)]);
        }

        return pieces.Count == 0 ? Empty : new TokenList([.. pieces]);
    }

    /// <summary>
    /// Whether the two lists hold the same tokens, kind and text, in the same order (where they
    /// are may differ). A run that both lists read from the same places of the same array is
    /// the same without being read: two versions of an edited file share nearly all of theirs.
    /// </summary>
    public bool SameWords(TokenList other)
    {
        if (Length != other.Length)
        {
            return false;
        }

        // A piece of each list and how far into it; both lists end together.
        int p = 0, i = 0, q = 0, j = 0;
        while (p < _pieces.Length && q < other._pieces.Length)
        {
            var (a, b) = (_pieces[p], other._pieces[q]);
            var run = Math.Min(a.Count - i, b.Count - j);
            if (!ReferenceEquals(a.Array, b.Array) || a.Start + i != b.Start + j)
            {
                var mine = a.Array.AsSpan(a.Start + i, run);
                var theirs = b.Array.AsSpan(b.Start + j, run);
                for (var k = 0; k < run; k++)
                {
                    if (mine[k].Kind != theirs[k].Kind || !string.Equals(mine[k].Text, theirs[k].Text, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            (i, j) = (i + run, j + run);
            if (i == a.Count)
            {
                (p, i) = (p + 1, 0);
            }

            if (j == b.Count)
            {
                (q, j) = (q + 1, 0);
            }
        }

        return true;
    }

    // The pieces holding this list's tokens [from, to), each moved by delta more.
    private void Take(List<Piece> pieces, int from, int to, int delta)
    {
        if (from >= to)
        {
            return;
        }

        for (var p = PieceOf(from); p < _pieces.Length && _firstIndex[p] < to; p++)
        {
            var piece = _pieces[p];
            var start = Math.Max(from, _firstIndex[p]) - _firstIndex[p];
            var end = Math.Min(to, _firstIndex[p + 1]) - _firstIndex[p];
            pieces.Add(piece with { Start = piece.Start + start, Count = end - start, Delta = piece.Delta + delta });
        }
    }

    // The last piece whose first token is at or before the index.
    private int PieceOf(int index)
    {
        int low = 0, high = _pieces.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_firstIndex[middle] <= index)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static SyntaxToken Moved(SyntaxToken token, int delta) =>
        delta == 0 ? token : token with { Span = new TextSpan(token.Span.Start + delta, token.Span.Length) };

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SyntaxToken> IEnumerable<SyntaxToken>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the pieces in order: no search per token.</summary>
    public struct Enumerator(TokenList list) : IEnumerator<SyntaxToken>
    {
        private int _piece;
        private int _index = -1;

        public readonly SyntaxToken Current => list._pieces[_piece][_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_piece < list._pieces.Length)
            {
                if (++_index < list._pieces[_piece].Count)
                {
                    return true;
                }

                _piece++;
                _index = -1;
            }

            return false;
        }

        public void Reset() => (_piece, _index) = (0, -1);

        public readonly void Dispose()
        {
        }
    }
}
