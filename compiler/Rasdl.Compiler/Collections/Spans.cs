namespace Rasdl.Collections;

/// <summary>What .NET's span helpers leave out.</summary>
public static class Spans
{
    /// <summary>
    /// How many items at the end of the two spans are equal: the twin of
    /// <see cref="MemoryExtensions.CommonPrefixLength{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.
    /// An edited file's text and the numbers of a document's semantic tokens differ in one short
    /// stretch and share millions of items after it, so they are compared a block at a time
    /// (vectorised), then item by item in the block that differs.
    /// </summary>
    public static int CommonSuffixLength<T>(ReadOnlySpan<T> left, ReadOnlySpan<T> right)
        where T : IEquatable<T>
    {
        var limit = Math.Min(left.Length, right.Length);
        var length = 0;
        const int Block = 256;
        while (length + Block <= limit && left[^(length + Block)..^length].SequenceEqual(right[^(length + Block)..^length]))
        {
            length += Block;
        }

        while (length < limit && left[left.Length - length - 1].Equals(right[right.Length - length - 1]))
        {
            length++;
        }

        return length;
    }
}
