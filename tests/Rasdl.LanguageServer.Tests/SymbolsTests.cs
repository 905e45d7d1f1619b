using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class DocumentSymbolTests
{
    [Fact]
    public async Task The_outline_lists_every_declaration_with_rules_and_regions_as_children()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var symbols = await client.RequestAsync<DocumentSymbol[]>(Methods.TextDocumentDocumentSymbol, new DocumentSymbolParams { TextDocument = LspTestClient.Document(uri) });
        Assert.Equal(
        [
            "File import \"std/kvm.rasdl\" 1:0-1:23", "Namespace example_server 3:0-5:1", "Class core 7:0-11:1", "Class mesh 13:0-16:1", "Class rc0 18:0-25:1",
            "Module gpu0 27:0-30:1", "Operator route core -> mesh -> rc0 32:0-32:26", "Variable assign gpu0.bar0 34:0-34:39",
            "Package production 36:0-36:42", "Package legacy 37:0-37:42",
        ], symbols.Select(s => $"{s.Kind} {s.Name} {PositionFinder.Describe(s.Range)}"));
        var core = symbols[2];
        Assert.Equal("cpu", core.Detail);
        Assert.Equal("7:6-7:10", PositionFinder.Describe(core.SelectionRange));
        Assert.Equal(["on slverr (read) -> sea", "on poison (read) -> sea"], core.Children!.Select(c => c.Name));
        Assert.Equal("Field bar0 mmio", $"{symbols[5].Children![0].Kind} {symbols[5].Children![0].Name} {symbols[5].Children![0].Detail}");
    }
}

public sealed class WorkspaceSymbolTests
{
    [Fact]
    public async Task Names_from_open_documents_workspace_files_and_the_standard_library_are_found()
    {
        await using var client = await LspTestClient.StartAsync();
        client.Workspace.Write("ip/other.rasdl", "block rc_spare : root_port { on any -> all_ones; }\n");
        await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var found = await client.RequestAsync<SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = "rc" });
        Assert.Equal(["Package production server.rasdl", "Class rc0 server.rasdl", "Class rc_spare other.rasdl"], // p-r-o-d-u-c-tion holds r, c
            found.Where(s => !s.Location.Uri.Contains("std", StringComparison.Ordinal)).Select(s => $"{s.Kind} {s.Name} {Requests.FileName(s.Location.Uri)}"));
        var kvm = await client.RequestAsync<SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = "kvm68" });
        Assert.Equal("Interface kvm_6_8 kvm.rasdl", kvm.Select(s => $"{s.Kind} {s.Name} {Requests.FileName(s.Location.Uri)}").Single());
        var region = await client.RequestAsync<SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = "gpu0.bar" });
        Assert.Equal("Field bar0 gpu0", region.Select(s => $"{s.Kind} {s.Name} {s.ContainerName}").Single());
    }
}
