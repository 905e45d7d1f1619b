using Rasdl.Syntax;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>
/// A place where a declared name is written: its declaration or a use. A large description has
/// hundreds of thousands of them and most are never shown: a value kept in the model's array (no
/// object of its own), whose <see cref="Location"/> is made when asked for.
/// </summary>
public readonly struct SymbolReference
{
    private readonly SyntaxTree _tree;

    /// <summary>The declaration of a symbol, at the location of its name.</summary>
    public SymbolReference(Symbol symbol)
    {
        Symbol = symbol;
        _tree = symbol.Tree;
        Span = symbol.NameSpan;
    }

    /// <summary>A use of the symbol at a span of a tree.</summary>
    public SymbolReference(Symbol symbol, SyntaxTree tree, TextSpan span)
    {
        Symbol = symbol;
        _tree = tree;
        Span = span;
    }

    public Symbol Symbol { get; }

    public string Path => _tree.Path;

    public TextSpan Span { get; }

    /// <summary>
    /// Whether this is the declaration: the place of the symbol's own name (a use is always
    /// written somewhere else). Worked out, not stored: a flag would make each of the model's
    /// hundreds of thousands of references a third larger.
    /// </summary>
    public bool IsDeclaration => ReferenceEquals(_tree, Symbol.Tree) && Span == Symbol.NameSpan;

    public SourceLocation Location => IsDeclaration ? Symbol.Location : _tree.GetLocation(Span);

    public override string ToString() => $"{Symbol.Name} at {Location}{(IsDeclaration ? " (declaration)" : "")}";
}

/// <summary>A place where a vocabulary word is written, with the word it resolved to; a value in the model's array, its <see cref="Location"/> made when asked for.</summary>
public readonly struct WordReference(IVocabularyWord word, SyntaxTree tree, TextSpan span)
{
    public IVocabularyWord Word { get; } = word;

    public string Path => tree.Path;

    public TextSpan Span { get; } = span;

    public SourceLocation Location => tree.GetLocation(Span);

    public override string ToString() => $"{Word} at {Location}";
}
