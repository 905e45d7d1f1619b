using System.Collections.Concurrent;
using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>
/// Maps LSP document URIs to the paths the compiler uses and back: file URIs to full paths,
/// the standard library ("std/…") to its files on disk, and other schemes (e.g. untitled
/// buffers) to paths of their own in the server's private folder (one per distinct URI). A URI the client sent is remembered,
/// so answers name a document exactly as the client does.
/// </summary>
public sealed class DocumentUris(StandardLibraryFiles standardLibrary)
{
    private readonly ConcurrentDictionary<string, string> _uriByPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _pathByUri = new(StringComparer.Ordinal);

    public StandardLibraryFiles StandardLibrary { get; } = standardLibrary;

    /// <summary>The compiler path for a URI ("std/kvm.rasdl" for a materialised standard-library file); null if it is not a usable URI.</summary>
    public string? ToPath(string uri)
    {
        // The generated types say a URI is required, but JSON can still hold null there ({"uri": null}): the client's error, not ours.
        if (uri is null)
        {
            throw Protocol.LspErrors.InvalidParams("the document's uri is null");
        }

        if (_pathByUri.TryGetValue(uri, out var known))
        {
            return known;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        string path;
        if (parsed.IsFile)
        {
            // "%00" decodes to a NUL, which no path may hold (GetFullPath would throw).
            if (parsed.LocalPath.Contains('\0', StringComparison.Ordinal))
            {
                return null;
            }

            path = Path.GetFullPath(parsed.LocalPath);
            path = StandardLibrary.FromDiskPath(path) ?? path;
        }
        else
        {
            // Readable, and distinct for distinct URIs ("a:/x/y" and "a:/x_y" read alike): a hash of the whole URI ends the name.
            var name = string.Concat(uri.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
            name = name[..Math.Min(name.Length, 100)].TrimEnd('.') + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri)))[..16];
            path = Path.Combine(StandardLibrary.BufferFolder, name + ".rasdl");
        }

        _pathByUri[uri] = path;
        _uriByPath.TryAdd(path, uri);
        return path;
    }

    /// <summary>Remembers the URI a client used for a path (on didOpen), so answers use the same spelling.</summary>
    public void Remember(string uri, string path)
    {
        _pathByUri[uri] = path;
        _uriByPath[path] = uri;
    }

    public string ToUri(string path)
    {
        if (_uriByPath.TryGetValue(path, out var uri))
        {
            return uri;
        }

        var diskPath = StandardLibraryPath.IsStandardLibrary(path) ? StandardLibrary.ToDiskPath(path) : path;
        return new Uri(diskPath).AbsoluteUri;
    }
}
