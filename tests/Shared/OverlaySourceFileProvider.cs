using Rasdl.Semantics;

namespace Rasdl.Testing;

/// <summary>Serves one file's text from memory (a fuzzed or generated input) and every other file from disk.</summary>
public sealed class OverlaySourceFileProvider(string path, string text) : ISourceFileProvider
{
    private readonly Lazy<SourceFile> _overlay = new(() => new SourceFile(path, Rasdl.Parsing.Parser.Parse(path, text), null, null));

    public SourceFile Load(string requested) =>
        string.Equals(requested, path, StringComparison.Ordinal) ? _overlay.Value : DiskSourceFileProvider.Shared.Load(requested);
}
