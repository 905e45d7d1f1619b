using Rasdl.Collections;
using Xunit;

namespace Rasdl.Compiler.Tests.Collections;

/// <summary>
/// A later version's model takes most of its references from the earlier one's, a range at a
/// time: ranges that follow each other are put together, whole chunks at a chunk's place are
/// shared, and the items read back are the source's either way.
/// </summary>
public sealed class ChunkedListTests
{
    private const int Chunk = ChunkedList<int>.ChunkSize;

    [Fact]
    public void RangesPutTogetherShareTheWholeChunksThatFallInPlaceAndCopyTheRest()
    {
        var source = Numbers(0, (3 * Chunk) + 100);
        var list = new ChunkedList<int>();
        // The first two chunks in many small ranges, then an item of its own, then the rest.
        for (var start = 0; start < 2 * Chunk; start += 7)
        {
            list.AddRange(source, start, Math.Min(start + 7, 2 * Chunk));
        }

        list.Add(-1);
        list.AddRange(source, 2 * Chunk, source.Count);
        var frozen = list.Freeze();

        Assert.Equal(source.Count + 1, frozen.Count);
        Assert.Same(source.Chunk(0), frozen.Chunk(0));
        Assert.Same(source.Chunk(1), frozen.Chunk(1));
        // Out of place by the one item added: copied.
        Assert.NotSame(source.Chunk(2), frozen.Chunk(2));
        Assert.Equal([.. Enumerable.Range(0, 2 * Chunk), -1, .. Enumerable.Range(2 * Chunk, Chunk + 100)], frozen);
    }

    [Fact]
    public void CountIncludesRangesNotYetCopiedAndReadingCopiesThem()
    {
        var source = Numbers(0, 10);
        var list = new ChunkedList<int>();
        list.AddRange(source, 2, 5);
        list.AddRange(source, 5, 8);
        Assert.Equal(6, list.Count);
        Assert.Equal(7, list[5]);
        Assert.Equal(6, list.Add(100));
        Assert.Equal([2, 3, 4, 5, 6, 7, 100], list.Freeze());
    }

    [Fact]
    public void AListThatSharesAChunkIsNotWrittenInPlace()
    {
        var source = Numbers(0, Chunk);
        var list = new ChunkedList<int>();
        list.AddRange(source, 0, Chunk);
        Assert.Throws<InvalidOperationException>(() => list[0] = 1);
        Assert.Equal(0, source[0]);
    }

    private static ChunkedArray<int> Numbers(int from, int count)
    {
        var list = new ChunkedList<int>();
        foreach (var n in Enumerable.Range(from, count))
        {
            list.Add(n);
        }

        return list.Freeze();
    }
}
