using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class CompletionTests
{
    private const string Platform = """
        import "std/kvm.rasdl";
        block core : cpu { on slverr -> sea; }
        block rc0 : root_port { on ur -> all_ones; }
        endpoint gpu0 : pcie_endpoint under rc0 { region bar0 mmio size 4K; region bar2 mmio size 4K; faults ur; }

        """;

    private static async Task<(LspTestClient Client, string Uri, string Text)> OpenAsync(string tail)
    {
        var client = await LspTestClient.StartAsync();
        var text = Platform + tail;
        return (client, await client.OpenAsync("main.rasdl", text), text);
    }

    [Fact]
    public async Task At_top_level_keywords_and_snippets_are_offered()
    {
        var (client, uri, text) = await OpenAsync("");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, PositionOf(text, text.Length));
        Assert.Equal(["import", "platform", "block", "endpoint", "route", "assign", "hypervisor", "profile", "block …", "endpoint …", "profile …"], items.Labels());
        var snippet = items.Single(i => i.Label == "block …");
        Assert.Equal(InsertTextFormat.Snippet, snippet.InsertTextFormat);
        Assert.Equal(CompletionItemKind.Snippet, snippet.Kind);
        Assert.StartsWith("4:0-4:0 block ${1:name} : ${2|cpu,interconnect,root_port,pcie_switch,bridge|} {", snippet.EditOf());
    }

    [Fact]
    public async Task After_on_in_a_block_the_errors_are_offered_with_documentation()
    {
        var (client, uri, text) = await OpenAsync("block mesh : interconnect { on  }\n");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, Find(text, "on  }", 3));
        Assert.Equal(["ur", "ca", "cto", "poison", "malformed", "slverr", "decerr", "derr", "nderr", "any"], items.Labels());
        Assert.Equal(CompletionItemKind.EnumMember, items[0].Kind);
        Assert.Equal("error", items[0].Detail);
        Assert.Equal("4:31-4:31 ur", items[0].EditOf());
    }

    [Fact]
    public async Task A_partly_typed_word_is_replaced_whole()
    {
        var (client, uri, text) = await OpenAsync("block mesh : interconnect { on sl }\n");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, Find(text, "sl }", 2));
        Assert.Equal("4:31-4:33 slverr", items.Single(i => i.Label == "slverr").EditOf());
    }

    [Fact]
    public async Task Inside_a_filter_access_kinds_and_memory_types_are_offered_and_speculative_only_in_a_cpu()
    {
        var (client, uri, text) = await OpenAsync("block mesh : interconnect { on ur (read,  }\n");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, Find(text, ",  }", 1));
        Assert.Equal(["read", "write", "gathered", "unaligned", "exclusive", "atomic", "zva", "writeback",
            "device_nGnRnE", "device_nGnRE", "device_nGRE", "device_GRE", "normal_nc", "normal_wt", "normal_wb", "device", "normal"], items.Labels());
    }

    [Fact]
    public async Task After_the_arrow_only_a_cpu_block_is_offered_sea_and_serror()
    {
        var (client, uri, text) = await OpenAsync("block mesh : interconnect { on ur ->  }\nblock core2 : cpu { on ur ->  }\n");
        await using var _ = client;
        var inInterconnect = (await client.CompletionAsync(uri, Find(text, "->  }", 3))).Labels();
        Assert.DoesNotContain("sea", inInterconnect);
        Assert.DoesNotContain("serror", inInterconnect);
        Assert.Contains("all_ones", inInterconnect);
        Assert.Contains("slverr", inInterconnect); // pass an error on
        var inCpu = (await client.CompletionAsync(uri, Find(text, "->  }", 3, occurrence: 1))).Labels();
        Assert.Equal(["all_ones", "drop", "sea", "serror", "irq", "hang", "reset"], inCpu);
    }

    [Fact]
    public async Task Inside_serror_the_severities_are_offered()
    {
        var (client, uri, text) = await OpenAsync("block core2 : cpu { on ur -> serror() }\n");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, Find(text, "serror()", 7));
        Assert.Equal(["uc", "ueu", "uer", "ueo", "ce", "impdef"], items.Labels());
    }

    [Fact]
    public async Task Routes_and_under_offer_blocks_and_assign_offers_endpoints_then_regions()
    {
        var (client, uri, text) = await OpenAsync("route core -> \nendpoint nic : pcie_endpoint under  { }\nassign gpu0.\n");
        await using var _ = client;
        Assert.Equal(["core", "rc0"], (await client.CompletionAsync(uri, Find(text, "-> \n", 3))).Labels());
        Assert.Equal(["core", "rc0"], (await client.CompletionAsync(uri, Find(text, "under  {", 6))).Labels());
        var regions = await client.CompletionAsync(uri, Find(text, "gpu0.\n", 5));
        Assert.Equal(["bar0", "bar2"], regions.Labels());
        Assert.Equal(CompletionItemKind.Field, regions[0].Kind);
    }

    [Fact]
    public async Task A_profile_offers_the_hypervisors_of_the_standard_library()
    {
        var (client, uri, text) = await OpenAsync("profile p { hypervisor  }\n");
        await using var _ = client;
        var items = await client.CompletionAsync(uri, Find(text, "hypervisor  }", 11));
        Assert.Equal(["kvm_6_7", "kvm_6_8", "kvm_6_17", "kvm_6_19"], items.Labels());
        Assert.Equal("hypervisor (std/kvm.rasdl)", items[0].Detail);
    }

    [Fact]
    public async Task An_import_offers_the_standard_library_and_files_beside_the_document()
    {
        await using var client = await LspTestClient.StartAsync();
        client.Workspace.Write("ip/soc.rasdl", "block x : bridge { }\n");
        var text = "import \"\";\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var items = await client.CompletionAsync(uri, LspTestClient.At(0, 8));
        Assert.Equal(["std/ip/cpu.rasdl", "std/ip/interconnect.rasdl", "std/ip/pcie.rasdl", "std/kvm.rasdl", "ip/soc.rasdl"], items.Labels());
        Assert.Equal("0:8-0:8 std/kvm.rasdl", items[3].EditOf());
    }

    [Fact]
    public async Task Block_bodies_offer_their_keywords_and_comments_offer_nothing()
    {
        var (client, uri, text) = await OpenAsync("block mesh : interconnect {  }\n// route \n");
        await using var _ = client;
        Assert.Equal(["on", "doc"], (await client.CompletionAsync(uri, Find(text, "{  }", 2))).Labels());
        Assert.Empty(await client.CompletionAsync(uri, Find(text, "route \n", 6)));
    }
}
