using System.Collections.Immutable;
using Rasdl.Diagnostics;
using Rasdl.Text;

namespace Rasdl.Syntax;

/// <summary>One parsed source file: its text, syntax model, tokens (comments included) and syntax diagnostics.</summary>
public sealed class SyntaxTree
{
    public SyntaxTree(string path, SourceText text, CompilationUnitSyntax root, TokenList tokens, ImmutableArray<Diagnostic> diagnostics)
    {
        Path = path;
        Text = text;
        Root = root;
        Tokens = tokens;
        Diagnostics = diagnostics;
    }

    /// <summary>The file's full path, or "std/NAME.rasdl" for the standard library.</summary>
    public string Path { get; }

    public SourceText Text { get; }

    public CompilationUnitSyntax Root { get; }

    public TokenList Tokens { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public bool HasSyntaxErrors => Diagnostics.Any(d => d.IsError);

    public bool IsStandardLibrary => StandardLibraryPath.IsStandardLibrary(Path);

    public SourceLocation GetLocation(TextSpan span) => SourceLocation.Create(Path, Text, span);

    /// <summary>Where a node is written, given where its top-level declaration starts (<paramref name="origin"/>: nodes hold spans relative to it).</summary>
    public SourceLocation GetLocation(int origin, SyntaxNode node) => GetLocation(node.RelativeSpan.MovedBy(origin));
}
