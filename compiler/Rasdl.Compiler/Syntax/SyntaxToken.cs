namespace Rasdl.Syntax;

/// <summary>What a token is, for the formatter, semantic tokens and suppression comments.</summary>
public enum TokenKind
{
    Keyword,
    Identifier,
    Number,
    String,
    Punctuation,
    Arrow,
    LineComment,
    BlockComment,
    Invalid,
}

/// <summary>A token of a source file, comments included, with its span.</summary>
public readonly record struct SyntaxToken(TokenKind Kind, Text.TextSpan Span, string Text)
{
    public bool IsComment => Kind is TokenKind.LineComment or TokenKind.BlockComment;
}
