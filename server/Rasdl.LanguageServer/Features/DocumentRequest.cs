using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using Rasdl.Semantics;
using Rasdl.Syntax;

namespace Rasdl.LanguageServer.Features;

/// <summary>What a request about one document works on: the document's compilation and syntax tree.</summary>
public sealed record DocumentRequest(string Uri, string Path, Compilation Compilation, SyntaxTree Tree)
{
    public SemanticModel Model => Compilation.Model;

    /// <summary>The compilation rooted at the document (its open buffer, else the file on disk); null if the document cannot be read.</summary>
    public static DocumentRequest? For(RasdlWorkspace workspace, string uri)
    {
        if (workspace.Uris.ToPath(uri) is not { } path)
        {
            return null;
        }

        var compilation = workspace.GetCompilation(path);
        return compilation.SyntaxTrees.FirstOrDefault(t => t.Path == path) is { } tree
            ? new DocumentRequest(uri, path, compilation, tree)
            : null;
    }

    /// <summary>The offset of a position; a position outside the document is rejected with an InvalidParams error.</summary>
    public int Offset(Position position)
    {
        if (position.Line < 0 || position.Character < 0 || position.Line >= Tree.Text.LineCount)
        {
            throw LspErrors.InvalidParams($"position {position.Line}:{position.Character} is outside {Uri} ({Tree.Text.LineCount} lines)");
        }

        return LspRanges.ToOffset(Tree.Text, position);
    }

    public Protocol.Range Range(Rasdl.Text.TextSpan span) => LspRanges.ToRange(Tree.Text, span);
}
