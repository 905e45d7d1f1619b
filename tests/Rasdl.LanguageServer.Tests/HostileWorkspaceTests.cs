using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using Rasdl.Testing;

namespace Rasdl.LanguageServer.Tests;

/// <summary>
/// A repository someone opens in the editor may hold FIFOs, links to its own folder and links
/// out of it. The workspace scans (symbols, references, rename) and requests about documents
/// never opened must answer within a hard deadline, list each file once, and read nothing
/// outside the workspace.
/// </summary>
public sealed class HostileWorkspaceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static async Task<(LspTestClient Client, TempFolder Outside, string Fifo)> HostileWorkspaceAsync()
    {
        var client = await LspTestClient.StartAsync();
        var outside = new TempFolder();
        outside.Write("secret.rasdl", "block secret_block : cpu { }\n");
        var root = client.Workspace.Root;
        client.Workspace.Write("ip/rp.rasdl", "block rp0 : root_port { on any -> all_ones; }\n");
        var fifo = HostileFiles.MakeFifo(Path.Combine(root, "ip", "x.rasdl"));
        Directory.CreateSymbolicLink(Path.Combine(root, "l1"), ".");
        Directory.CreateSymbolicLink(Path.Combine(root, "l2"), ".");
        Directory.CreateSymbolicLink(Path.Combine(root, "ip", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(root, "out"), outside.Root);
        File.CreateSymbolicLink(Path.Combine(root, "leak.rasdl"), Path.Combine(outside.Root, "secret.rasdl"));
        return (client, outside, fifo);
    }

    [Fact]
    public async Task Workspace_symbols_skip_fifos_visit_each_folder_once_and_never_leave_the_workspace()
    {
        var (client, outside, fifo) = await HostileWorkspaceAsync();
        await using var _ = client;
        using var __ = outside;
        try
        {
            var found = await client.RequestAsync<SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = "" }).WaitAsync(Deadline);

            Assert.Single(found, s => s.Name == "rp0");
            Assert.DoesNotContain(found, s => s.Name == "secret_block");
        }
        finally
        {
            HostileFiles.ReleaseReaders(fifo);
        }
    }

    [Fact]
    public async Task References_and_rename_over_a_hostile_workspace_answer_and_the_server_keeps_serving()
    {
        var (client, outside, fifo) = await HostileWorkspaceAsync();
        await using var _ = client;
        using var __ = outside;
        try
        {
            var text = "import \"ip/rp.rasdl\";\nblock rc : root_port extends rp0 { }\n";
            var uri = await client.OpenAsync("main.rasdl", text);
            var position = LspTestClient.At(1, 31);

            var references = await client.RequestAsync<Location[]>(Methods.TextDocumentReferences, new ReferenceParams
            {
                TextDocument = LspTestClient.Document(uri),
                Position = position,
                Context = new ReferenceContext { IncludeDeclaration = true },
            }).WaitAsync(Deadline);
            var rename = await client.RequestAsync<WorkspaceEdit?>(Methods.TextDocumentRename, new RenameParams
            {
                TextDocument = LspTestClient.Document(uri),
                Position = position,
                NewName = "rp1",
            }).WaitAsync(Deadline);

            Assert.Equal(2, references.Length);
            Assert.Equal(2, rename!.Changes!.Values.Sum(edits => edits.Length));
            Assert.NotNull(await client.HoverAsync(uri, LspTestClient.At(1, 30)).WaitAsync(Deadline));
        }
        finally
        {
            HostileFiles.ReleaseReaders(fifo);
        }
    }

    [Fact]
    public async Task A_hover_on_a_fifo_never_opened_answers_at_once()
    {
        await using var client = await LspTestClient.StartAsync();
        var fifo = HostileFiles.MakeFifo(Path.Combine(client.Workspace.Root, "pipe.rasdl"));
        try
        {
            var hover = await client.HoverAsync(LspTestClient.UriOf(fifo), LspTestClient.At(0, 0)).WaitAsync(Deadline);

            Assert.Null(hover);
        }
        finally
        {
            HostileFiles.ReleaseReaders(fifo);
        }
    }

    [Fact]
    public async Task Imports_may_read_anywhere_in_the_clients_workspace_folders()
    {
        // No rasdl.json: without the workspace folders as roots, only the root file's own folder would be allowed.
        await using var client = await LspTestClient.StartAsync();
        client.Workspace.Write("shared/ip.rasdl", "block rp0 : root_port { on any -> all_ones; }\n");
        var uri = await client.OpenAsync("boards/a/main.rasdl", "import \"../../shared/ip.rasdl\";\nblock rc : root_port extends rp0 { }\n");

        var diagnostics = await client.DiagnosticsAsync(uri);

        Assert.DoesNotContain(diagnostics.Diagnostics, d => $"{d.Code}" is "RASDL1010" or "RASDL1012");
    }

    [Fact]
    public async Task Two_remote_uris_that_read_alike_are_two_buffers()
    {
        await using var client = await LspTestClient.StartAsync();
        string[] uris = ["vscode-vfs://github/org/a/b.rasdl", "vscode-vfs://github/org/a_b.rasdl"];
        string[] names = ["first_block", "second_block"];
        for (var i = 0; i < 2; i++)
        {
            await client.NotifyAsync(Methods.TextDocumentDidOpen, new DidOpenTextDocumentParams
            {
                TextDocument = new TextDocumentItem { Uri = uris[i], LanguageId = "rasdl", Version = 1, Text = $"block {names[i]} : cpu {{ }}\n" },
            });
        }

        for (var i = 0; i < 2; i++)
        {
            var symbols = await client.RequestAsync<DocumentSymbol[]>(Methods.TextDocumentDocumentSymbol, new DocumentSymbolParams { TextDocument = LspTestClient.Document(uris[i]) }).WaitAsync(Deadline);
            Assert.Equal(names[i], Assert.Single(symbols).Name);
        }
    }

    [Fact]
    public async Task A_doc_string_cannot_put_a_link_an_image_or_html_into_a_hover()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "block core : cpu {\n    doc \"see ![t](https://evil.example/t.png) and [docs](https://evil.example) <img src=x> **bold**\";\n}\n";
        var uri = await client.OpenAsync("main.rasdl", text);

        var hover = await client.HoverTextAsync(uri, LspTestClient.At(0, 7));

        Assert.Contains("see \\!\\[t\\](https://evil.example/t.png) and \\[docs\\](https://evil.example) \\<img src=x\\> \\*\\*bold\\*\\*", hover);
    }

    [Fact]
    public void The_standard_library_is_written_to_a_fresh_folder_no_other_user_can_enter()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string root;
        using (var files = new Workspace.StandardLibraryFiles())
        {
            var kvm = files.ToDiskPath("std/kvm.rasdl");
            Assert.True(File.Exists(kvm));
            root = Path.GetDirectoryName(files.Folder)!;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
            using (var other = new Workspace.StandardLibraryFiles())
            {
                Assert.NotEqual(root, Path.GetDirectoryName(other.Folder));
            }

            // A second user (nobody, when the tests run as root) can neither list the folder nor read the file.
            if (Environment.UserName == "root")
            {
                Assert.NotEqual(0, AsNobody("cat", kvm));
                Assert.NotEqual(0, AsNobody("ls", root));
                Assert.Equal(0, AsNobody("true"));
            }
        }

        Assert.False(Directory.Exists(root));
    }

    private static int AsNobody(params string[] command) => HostileFiles.RunAsNobody(Path.GetTempPath(), command).ExitCode;
}
