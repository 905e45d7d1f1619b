using Rasdl.Syntax;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>
/// A place where a declared name is written: its declaration or a use. A large description has
/// hundreds of thousands of them and most are never shown: a value kept in the model's array (no
/// object of its own), placed in a file through the version's <see cref="Placement"/> when asked.
/// </summary>
public readonly struct SymbolReference
{
    /// <summary>The declaration of a symbol, at the place of its name.</summary>
    public SymbolReference(Symbol symbol)
    {
        Symbol = symbol;
        Place = symbol.NamePlace;
    }

    /// <summary>A use of the symbol at a place.</summary>
    public SymbolReference(Symbol symbol, Place place)
    {
        Symbol = symbol;
        Place = place;
    }

    public Symbol Symbol { get; }

    public Place Place { get; }

    /// <summary>
    /// Whether this is the declaration: the place of the symbol's own name (a use is always
    /// written somewhere else). Worked out, not stored: a flag would make each of the model's
    /// hundreds of thousands of references a third larger.
    /// </summary>
    public bool IsDeclaration => Place == Symbol.NamePlace;

    public override string ToString() => $"{Symbol.Name} at {Place}{(IsDeclaration ? " (declaration)" : "")}";
}

/// <summary>A place where a vocabulary word is written, with the word it resolved to; a value in the model's array.</summary>
public readonly struct WordReference(IVocabularyWord word, Place place)
{
    public IVocabularyWord Word { get; } = word;

    public Place Place { get; } = place;

    public override string ToString() => $"{Word} at {Place}";
}
