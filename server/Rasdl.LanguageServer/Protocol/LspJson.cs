using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Rasdl.LanguageServer.Features.Graph;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// How protocol messages are (de)serialised: names and omitted fields come from the generated
/// types' attributes. Metadata comes from source-generated contexts only, never from
/// reflection, in every build: the Native AOT server and the tests that run it in-process
/// resolve types the same way, so a type missing from a context fails a test, not a user.
/// </summary>
public static class LspJson
{
    public static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 256,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ServerJsonContext.Default, ProtocolJsonContext.Default),
    };
}

/// <summary>
/// The server's own message types (rasdl/containmentGraph, a code lens's data), and the arrays its handlers return
/// that no protocol type holds as a property (the protocol context knows every other type).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ContainmentGraphParams))]
[JsonSerializable(typeof(ContainmentGraphResult))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(TextEdit[]))]
[JsonSerializable(typeof(InlayHint[]))]
[JsonSerializable(typeof(SelectionRange[]))]
[JsonSerializable(typeof(CodeLens[]))]
[JsonSerializable(typeof(Features.CodeLens.CodeLensData))]
[JsonSerializable(typeof(FoldingRange[]))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(SymbolInformation[]))]
[JsonSerializable(typeof(Location[]))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
