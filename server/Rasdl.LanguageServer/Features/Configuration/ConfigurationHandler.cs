using System.Text.Json;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Features.Configuration;

/// <summary>
/// The editor's settings (<c>rasdl.defaultProfile</c>): from initializationOptions at start and
/// from workspace/didChangeConfiguration after. Inlay hints and code lenses then show that profile.
/// </summary>
public sealed class ConfigurationHandler(RasdlWorkspace workspace, LanguageClient client)
{
    [JsonRpcMethod(Methods.WorkspaceDidChangeConfiguration, UseSingleObjectParameterDeserialization = true)]
    public async Task DidChangeConfigurationAsync(DidChangeConfigurationParams parameters)
    {
        // VS Code's client sends the whole "rasdl" section: {"rasdl": {"defaultProfile": ...}}.
        var section = parameters.Settings is JsonElement { ValueKind: JsonValueKind.Object } settings
            && settings.TryGetProperty("rasdl", out var rasdl) ? rasdl : (JsonElement?)null;
        if (section is null)
        {
            return;
        }

        var profile = ReadDefaultProfile(section);
        if (profile == workspace.DefaultProfile)
        {
            return;
        }

        workspace.DefaultProfile = profile;
        await client.RefreshAsync(Methods.WorkspaceInlayHintRefresh, client.Capabilities.Workspace?.InlayHint?.RefreshSupport).ConfigureAwait(false);
        await client.RefreshAsync(Methods.WorkspaceCodeLensRefresh, client.Capabilities.Workspace?.CodeLens?.RefreshSupport).ConfigureAwait(false);
    }

    /// <summary>The profile named by <c>defaultProfile</c> in a settings object, or null when none (or empty).</summary>
    public static string? ReadDefaultProfile(JsonElement? settings) =>
        settings is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("defaultProfile", out var profile)
        && profile.ValueKind == JsonValueKind.String
        && profile.GetString() is { Length: > 0 } name
            ? name
            : null;
}
