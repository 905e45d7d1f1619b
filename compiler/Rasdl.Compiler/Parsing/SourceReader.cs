using System.Text;
using Rasdl.Diagnostics;
using Rasdl.FileSystem;
using Rasdl.Text;

namespace Rasdl.Parsing;

/// <summary>
/// The outcome of reading a file as RASDL text: the text; or the diagnostic saying why the
/// bytes are not RASDL text; or, when the file could not be read at all, the I/O error.
/// </summary>
public sealed record SourceReadResult(string? Text, Diagnostic? Diagnostic, string? IoError = null);

/// <summary>Turns a file's bytes into text, refusing what is too large, not UTF-8, or binary, with a located diagnostic.</summary>
public static class SourceReader
{
    /// <summary>The largest file RASDL reads: far above any real description (200k lines is about 8 MiB).</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceReadResult Read(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Fail(DiagnosticCatalogue.FileTooLarge, path, "", 0, bytes.Length, MaxFileBytes);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = FindInvalidUtf8(bytes);
            var prefix = Encoding.UTF8.GetString(bytes[..offset]);
            return Fail(DiagnosticCatalogue.InvalidEncoding, path, prefix, prefix.Length,
                $"the file is not valid UTF-8: byte 0x{(e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[offset]):X2} at offset {offset} is not part of a UTF-8 character");
        }

        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            return Fail(DiagnosticCatalogue.InvalidEncoding, path, text[..nul], nul,
                $"the file contains a NUL character at offset {nul}: it looks like a binary file, not RASDL text");
        }

        return new SourceReadResult(text, null);
    }

    /// <summary>
    /// The same size limit for text that did not come from a file (an editor's buffer): the
    /// RASDL0005 diagnostic when its UTF-8 form exceeds <see cref="MaxFileBytes"/>, else null.
    /// </summary>
    public static Diagnostic? CheckSize(string path, string text)
    {
        // Each UTF-16 unit is at least one UTF-8 byte and at most three: count only near the limit.
        if (text.Length <= MaxFileBytes / 3)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > MaxFileBytes ? Fail(DiagnosticCatalogue.FileTooLarge, path, "", 0, (long)bytes, MaxFileBytes).Diagnostic : null;
    }

    /// <summary>Reads a file from disk; I/O failures become a diagnostic (never an exception). Only a regular file is read: a FIFO, a device or a socket is refused without waiting.</summary>
    public static SourceReadResult ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                return Fail(DiagnosticCatalogue.FileTooLarge, path, "", 0, info.Length, MaxFileBytes);
            }

            // A file's length can lie (/dev/zero, a growing file): read one byte past the limit, and the size check refuses it.
            var bytes = RegularFile.ReadAtMost(path, MaxFileBytes + 1);
            return Read(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return new SourceReadResult(null, null, e.Message);
        }
    }

    private static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : read;
    }

    private static SourceReadResult Fail(DiagnosticDescriptor descriptor, string path, string prefix, int offset, params object?[] arguments)
    {
        var text = new SourceText(prefix);
        var location = SourceLocation.Create(path, text, new TextSpan(Math.Min(offset, prefix.Length), 0));
        return new SourceReadResult(null, Diagnostic.Create(descriptor, location, arguments));
    }
}
