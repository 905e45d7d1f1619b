using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>How protocol messages are (de)serialised: names and omitted fields come from the generated types' attributes.</summary>
public static class LspJson
{
    public static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 256,
    };
}
