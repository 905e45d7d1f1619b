namespace Rasdl.Collections;

/// <summary>
/// A list that grows in chunks small enough to stay out of the large-object heap: growing
/// never copies, and a large description's hundreds of thousands of tokens or walk steps never
/// sit in a doubling array that is left behind as large-object garbage (in a compiler that
/// keeps nearly everything else, such garbage makes the collector run full collections of the
/// whole heap). An array of the exact size is made only when asked for.
/// </summary>
internal sealed class ChunkedList<TItem>
{
    internal const int ChunkBits = 11; // 2,048 items: a chunk of 24-byte tokens is 48 KB, under the 85 KB threshold
    internal const int ChunkSize = 1 << ChunkBits;
    private readonly List<TItem[]> _chunks = [];

    // Items in the chunks; and a range of another list's items appended but not yet copied
    // (AddRange), which the next range may extend.
    private int _written;
    private ChunkedArray<TItem>? _pending;
    private int _pendingStart;
    private int _pendingEnd;

    // Whether a chunk is another list's (AddRange): such a chunk is never written.
    private bool _sharesChunks;

    public int Count => _written + (_pendingEnd - _pendingStart);

    public TItem this[int index]
    {
        get
        {
            Flush();
            return _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }

        set
        {
            Flush();
            if (_sharesChunks)
            {
                throw new InvalidOperationException("a list that shares another's chunks is not written in place");
            }

            _chunks[index >> ChunkBits][index & (ChunkSize - 1)] = value;
        }
    }

    /// <summary>Appends an item and returns its index.</summary>
    public int Add(TItem item)
    {
        Flush();
        if ((_written & (ChunkSize - 1)) == 0)
        {
            _chunks.Add(new TItem[ChunkSize]);
        }

        _chunks[_written >> ChunkBits][_written & (ChunkSize - 1)] = item;
        return _written++;
    }

    /// <summary>
    /// Appends the items of <paramref name="source"/> from <paramref name="start"/> to
    /// <paramref name="end"/>. Ranges that follow each other in the source are put together, and
    /// a whole chunk of the source that falls at a chunk's place here is shared, not copied: a
    /// later version of a model that keeps most of an earlier one's references shares most of
    /// their chunks. The source must never change (a frozen list's items do not).
    /// </summary>
    public void AddRange(ChunkedArray<TItem> source, int start, int end)
    {
        if (start == end)
        {
            return;
        }

        if (ReferenceEquals(_pending, source) && _pendingEnd == start)
        {
            _pendingEnd = end;
            return;
        }

        Flush();
        (_pending, _pendingStart, _pendingEnd) = (source, start, end);
    }

    private void Flush()
    {
        if (_pending is not { } source)
        {
            return;
        }

        var (start, end) = (_pendingStart, _pendingEnd);
        (_pending, _pendingStart, _pendingEnd) = (null, 0, 0);
        while (start < end)
        {
            if ((_written & (ChunkSize - 1)) == 0 && (start & (ChunkSize - 1)) == 0 && end - start >= ChunkSize)
            {
                _chunks.Add(source.Chunk(start >> ChunkBits));
                _sharesChunks = true;
                (start, _written) = (start + ChunkSize, _written + ChunkSize);
                continue;
            }

            if ((_written & (ChunkSize - 1)) == 0)
            {
                _chunks.Add(new TItem[ChunkSize]);
            }

            var from = source.Span(start, end);
            var into = _chunks[_written >> ChunkBits].AsSpan(_written & (ChunkSize - 1));
            var length = Math.Min(from.Length, into.Length);
            from[..length].CopyTo(into);
            (start, _written) = (start + length, _written + length);
        }
    }

    /// <summary>Every item, read where it is; the list must not be added to afterwards.</summary>
    public ChunkedArray<TItem> Freeze()
    {
        Flush();
        return Count == 0 ? ChunkedArray<TItem>.Empty : new([.. _chunks], Count);
    }

    /// <summary>Every item, in a new array of the exact size.</summary>
    public TItem[] ToArray()
    {
        var all = new TItem[Count];
        CopyTo(all, 0);
        return all;
    }

    /// <summary>Every item, into <paramref name="destination"/> from <paramref name="at"/> on.</summary>
    public void CopyTo(TItem[] destination, int at)
    {
        Flush();
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            Array.Copy(_chunks[chunk], 0, destination, at + (chunk * ChunkSize), Math.Min(ChunkSize, Count - (chunk * ChunkSize)));
        }
    }
}

/// <summary>
/// The items of a <see cref="ChunkedList{TItem}"/> once it is complete, read where they are:
/// no array of the exact size is made, so a large list costs its chunks once, not twice.
/// </summary>
public sealed class ChunkedArray<TItem> : IReadOnlyList<TItem>
{
    public static readonly ChunkedArray<TItem> Empty = new([], 0);

    private readonly TItem[][] _chunks;

    internal ChunkedArray(TItem[][] chunks, int count) => (_chunks, Count) = (chunks, count);

    public int Count { get; }

    public int Length => Count;

    public bool IsEmpty => Count == 0;

    public TItem this[int index] =>
        (uint)index < (uint)Count ? _chunks[index >> ChunkedList<TItem>.ChunkBits][index & (ChunkedList<TItem>.ChunkSize - 1)] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>One of the chunks, as it is: for a list that shares it (<see cref="ChunkedList{TItem}.AddRange"/>).</summary>
    internal TItem[] Chunk(int index) => _chunks[index];

    /// <summary>The items from <paramref name="start"/> up to <paramref name="end"/> or the end of its chunk, whichever comes first.</summary>
    internal ReadOnlySpan<TItem> Span(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)end, (uint)Count, nameof(end));
        var offset = start & (ChunkedList<TItem>.ChunkSize - 1);
        return _chunks[start >> ChunkedList<TItem>.ChunkBits].AsSpan(offset, Math.Min(end - start, ChunkedList<TItem>.ChunkSize - offset));
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<TItem> IEnumerable<TItem>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(ChunkedArray<TItem> array) : IEnumerator<TItem>
    {
        private int _index = -1;

        public readonly TItem Current => array[_index];

        readonly object? System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < array.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
