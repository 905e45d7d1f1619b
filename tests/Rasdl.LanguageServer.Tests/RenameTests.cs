using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using StreamJsonRpc;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class RenameTests
{
    private static Task<WorkspaceEdit?> RenameAsync(LspTestClient client, string uri, Position position, string name) =>
        client.RequestAsync<WorkspaceEdit?>(Methods.TextDocumentRename, new RenameParams { TextDocument = LspTestClient.Document(uri), Position = position, NewName = name });

    private static string[] Describe(WorkspaceEdit edit) =>
        [.. edit.Changes!.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value.Select(e => $"{Requests.FileName(c.Key)} {PositionFinder.Describe(e.Range)} {e.NewText}"))];

    [Fact]
    public async Task Prepare_rename_gives_the_name_and_its_range()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var prepared = await client.RequestAsync<PrepareRenamePlaceholder>(Methods.TextDocumentPrepareRename, new PrepareRenameParams
        {
            TextDocument = LspTestClient.Document(uri),
            Position = Find(Samples.DesignExample, "mesh -> rc0", 2),
        });
        Assert.Equal("mesh", prepared.Placeholder);
        Assert.Equal("32:14-32:18", PositionFinder.Describe(prepared.Range));
    }

    [Fact]
    public async Task A_block_is_renamed_in_every_file_that_uses_it()
    {
        await using var client = await LspTestClient.StartAsync();
        client.Workspace.Write("main.rasdl", "import \"blocks.rasdl\";\nblock core : cpu { on slverr -> sea; }\nroute core -> rc0;\n");
        var uri = await client.OpenAsync("blocks.rasdl", "block rc0 : root_port { on any -> all_ones; }\n");
        var edit = await RenameAsync(client, uri, LspTestClient.At(0, 6), "pcie_rc");
        Assert.Equal(["blocks.rasdl 0:6-0:9 pcie_rc", "main.rasdl 2:14-2:17 pcie_rc"], Describe(edit!));
    }

    [Fact]
    public async Task A_region_is_renamed_at_its_declaration_and_assignment()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var edit = await RenameAsync(client, uri, Find(Samples.DesignExample, "bar0 mmio"), "frame_buffer");
        Assert.Equal(["server.rasdl 28:11-28:15 frame_buffer", "server.rasdl 34:12-34:16 frame_buffer"], Describe(edit!));
    }

    [Fact]
    public async Task A_standard_library_name_is_refused()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => RenameAsync(client, uri, Find(Samples.DesignExample, "kvm_6_8"), "kvm_next"));
        Assert.Equal((int)LSPErrorCodes.RequestFailed, error.ErrorCode);
        Assert.Equal("a hypervisor 'kvm_6_8' is declared in the standard library (std/kvm.rasdl) and cannot be renamed", error.Message);
        await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<object?>(Methods.TextDocumentPrepareRename, new PrepareRenameParams
        {
            TextDocument = LspTestClient.Document(uri),
            Position = Find(Samples.DesignExample, "kvm_6_8"),
        }));
    }

    [Fact]
    public async Task Invalid_and_clashing_names_are_refused()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var invalid = await Assert.ThrowsAsync<RemoteInvocationException>(() => RenameAsync(client, uri, Find(Samples.DesignExample, "mesh :"), "9lives"));
        Assert.Contains("'9lives' is not a valid name", invalid.Message);
        var keyword = await Assert.ThrowsAsync<RemoteInvocationException>(() => RenameAsync(client, uri, Find(Samples.DesignExample, "mesh :"), "route"));
        Assert.Contains("not a keyword", keyword.Message);
        var clash = await Assert.ThrowsAsync<RemoteInvocationException>(() => RenameAsync(client, uri, Find(Samples.DesignExample, "mesh :"), "rc0"));
        Assert.Equal("a block 'rc0' already exists (server.rasdl:19:7)", clash.Message);
    }
}
