using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Semantics;

/// <summary>A place where a declared name is written: its declaration or a use.</summary>
public sealed record SymbolReference(Symbol Symbol, SourceLocation Location, bool IsDeclaration);

/// <summary>A place where a vocabulary word is written, with the word it resolved to.</summary>
public sealed record WordReference(IVocabularyWord Word, SourceLocation Location);
