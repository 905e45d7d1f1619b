using Rasdl.LanguageServer.Workspace;

namespace Rasdl.LanguageServer.Features;

/// <summary>The handler of every LSP feature besides lifecycle and document sync, one class per feature.</summary>
public static class FeatureHandlers
{
    public static IEnumerable<object> Create(RasdlWorkspace workspace, LanguageClient client) =>
    [
    ];
}
