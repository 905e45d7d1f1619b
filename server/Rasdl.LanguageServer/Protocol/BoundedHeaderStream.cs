using System.Text;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// The client's byte stream on its way to the JSON-RPC reader, with the header part of each
/// frame bounded: a header line longer than <see cref="MaxHeaderLine"/> bytes, or a header block
/// longer than <see cref="MaxHeaderBlock"/>, fails the read. The reader would otherwise buffer a
/// line that never ends without limit and search it again on every read (quadratic work); like
/// a frame without a usable Content-Length, nothing in it can be trusted to find the next frame,
/// so the connection ends (docs/robustness.md, "Frames that cannot be delimited"). Bodies pass
/// untouched: their length comes from the Content-Length header, as the reader reads it.
/// </summary>
public sealed class BoundedHeaderStream(Stream inner) : Stream
{
    public const int MaxHeaderLine = 8 * 1024;
    public const int MaxHeaderBlock = 64 * 1024;

    private readonly List<byte> _line = [];
    private long _bodyLeft;
    private long? _contentLength;
    private int _blockLength;
    private bool _untracked;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Track(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Track(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Track(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && !_untracked)
        {
            if (_bodyLeft > 0)
            {
                var skipped = (int)Math.Min(_bodyLeft, bytes.Length);
                _bodyLeft -= skipped;
                bytes = bytes[skipped..];
                continue;
            }

            var end = bytes.IndexOf((byte)'\n');
            var part = end < 0 ? bytes : bytes[..(end + 1)];
            _line.AddRange(part);
            _blockLength += part.Length;
            bytes = bytes[part.Length..];
            if (_line.Count > MaxHeaderLine || _blockLength > MaxHeaderBlock)
            {
                throw new IOException($"an LSP header line or block is longer than the limit ({MaxHeaderLine} bytes a line, {MaxHeaderBlock} a block): the frame cannot be delimited");
            }

            if (end >= 0)
            {
                EndLine();
            }
        }
    }

    private void EndLine()
    {
        var line = Encoding.ASCII.GetString([.. _line]).TrimEnd('\r', '\n');
        _line.Clear();
        if (line.Length > 0)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line[(colon + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                _contentLength = length;
            }

            return;
        }

        // The blank line ends the header block: the body follows. Without a length the reader
        // ends the connection itself; from here on the stream cannot be followed, so it is not.
        _blockLength = 0;
        if (_contentLength is { } body)
        {
            _bodyLeft = body;
            _contentLength = null;
        }
        else
        {
            _untracked = true;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
