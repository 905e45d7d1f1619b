using Rasdl.Text;

namespace Rasdl.LanguageServer.Workspace;

/// <summary>One version of an open editor buffer: the client's URI, the compiler path, the version and its text.</summary>
public sealed record TextDocument(string Uri, string Path, int Version, SourceText Text);
