using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Features.SemanticTokens;

/// <summary>The token types the server reports: a type's number is its place in the legend.</summary>
public enum SemanticTokenType
{
    Keyword,
    Comment,
    String,
    Number,
    Operator,
    Type,
    Class,
    Struct,
    Property,
    Interface,
    Namespace,
    EnumMember,
}

/// <summary>The token types and modifiers the server reports, in the order of their numbers.</summary>
public static class SemanticTokenLegend
{
    public static readonly string[] Types = [.. Enum.GetValues<SemanticTokenType>().Select(NameOf)];

    public static readonly string[] Modifiers = [SemanticTokenModifiers.Declaration, SemanticTokenModifiers.DefaultLibrary];

    public static SemanticTokensLegend Legend => new() { TokenTypes = Types, TokenModifiers = Modifiers };

    public const int DeclarationModifier = 1;
    public const int DefaultLibraryModifier = 2;

    /// <summary>The protocol's name of a token type.</summary>
    public static string NameOf(SemanticTokenType type) => type switch
    {
        SemanticTokenType.Keyword => SemanticTokenTypes.Keyword,
        SemanticTokenType.Comment => SemanticTokenTypes.Comment,
        SemanticTokenType.String => SemanticTokenTypes.String,
        SemanticTokenType.Number => SemanticTokenTypes.Number,
        SemanticTokenType.Operator => SemanticTokenTypes.Operator,
        SemanticTokenType.Type => SemanticTokenTypes.Type,
        SemanticTokenType.Class => SemanticTokenTypes.Class,
        SemanticTokenType.Struct => SemanticTokenTypes.Struct,
        SemanticTokenType.Property => SemanticTokenTypes.Property,
        SemanticTokenType.Interface => SemanticTokenTypes.Interface,
        SemanticTokenType.Namespace => SemanticTokenTypes.Namespace,
        SemanticTokenType.EnumMember => SemanticTokenTypes.EnumMember,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
