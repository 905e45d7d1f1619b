using Rasdl.Semantics;

namespace Rasdl.Testing;

/// <summary>Serves one file already parsed (a version an editor spliced from the one before) and every other file from disk.</summary>
public sealed class ParsedSourceFileProvider(SourceFile file) : ISourceFileProvider
{
    public SourceFile Load(string path) => string.Equals(path, file.Path, StringComparison.Ordinal) ? file : DiskSourceFileProvider.Shared.Load(path);
}
