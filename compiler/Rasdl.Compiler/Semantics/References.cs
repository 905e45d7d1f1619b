using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>
/// A place where a declared name is written: its declaration or a use. A large description has
/// hundreds of thousands of them and most are never shown: the <see cref="Location"/> of a use
/// is made when first asked for (<see cref="Path"/> and <see cref="Span"/> need none).
/// </summary>
public sealed class SymbolReference
{
    private readonly SyntaxTree? _tree;
    private SourceLocation? _location;

    /// <summary>The declaration of a symbol, at the location of its name.</summary>
    public SymbolReference(Symbol symbol, SourceLocation location)
    {
        Symbol = symbol;
        _location = location;
        Path = location.Path;
        Span = location.Span;
        IsDeclaration = true;
    }

    /// <summary>A use of the symbol at a span of a tree.</summary>
    public SymbolReference(Symbol symbol, SyntaxTree tree, TextSpan span)
    {
        Symbol = symbol;
        _tree = tree;
        Path = tree.Path;
        Span = span;
    }

    public Symbol Symbol { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public bool IsDeclaration { get; }

    public SourceLocation Location => _location ??= _tree!.GetLocation(Span);

    public override string ToString() => $"{Symbol.Name} at {Location}{(IsDeclaration ? " (declaration)" : "")}";
}

/// <summary>A place where a vocabulary word is written, with the word it resolved to; its <see cref="Location"/> is made when asked for.</summary>
public sealed class WordReference(IVocabularyWord word, SyntaxTree tree, TextSpan span)
{
    public IVocabularyWord Word { get; } = word;

    public string Path => tree.Path;

    public TextSpan Span { get; } = span;

    public SourceLocation Location => tree.GetLocation(Span);

    public override string ToString() => $"{Word} at {Location}";
}
