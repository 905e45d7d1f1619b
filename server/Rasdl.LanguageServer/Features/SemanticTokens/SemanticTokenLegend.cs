using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Features.SemanticTokens;

/// <summary>The token types and modifiers the server reports, in the order of their indices.</summary>
public static class SemanticTokenLegend
{
    public static readonly string[] Types =
    [
        SemanticTokenTypes.Keyword, SemanticTokenTypes.Comment, SemanticTokenTypes.String, SemanticTokenTypes.Number, SemanticTokenTypes.Operator,
        SemanticTokenTypes.Type, SemanticTokenTypes.Class, SemanticTokenTypes.Struct, SemanticTokenTypes.Property, SemanticTokenTypes.Interface,
        SemanticTokenTypes.Namespace, SemanticTokenTypes.EnumMember,
    ];

    public static readonly string[] Modifiers = [SemanticTokenModifiers.Declaration, SemanticTokenModifiers.DefaultLibrary];

    public static SemanticTokensLegend Legend => new() { TokenTypes = Types, TokenModifiers = Modifiers };

    public static int TypeIndex(string type) => Array.IndexOf(Types, type);

    public const int DeclarationModifier = 1;
    public const int DefaultLibraryModifier = 2;
}
