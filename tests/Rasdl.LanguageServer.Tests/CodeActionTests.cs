using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class CodeActionTests
{
    private static Task<CodeAction[]> ActionsAsync(LspTestClient client, string uri, Position at) =>
        client.RequestAsync<CodeAction[]>(Methods.TextDocumentCodeAction, new CodeActionParams
        {
            TextDocument = LspTestClient.Document(uri),
            Range = new Protocol.Range { Start = at, End = at },
            Context = new CodeActionContext { Diagnostics = [] },
        });

    private static string EditOf(CodeAction action)
    {
        var (uri, edits) = action.Edit!.Changes!.Single();
        var edit = Assert.Single(edits);
        return $"{Requests.FileName(uri)} {Describe(edit.Range)} {edit.NewText}";
    }

    [Fact]
    public async Task An_unknown_name_gets_a_did_you_mean_fix()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = Samples.Minimal.Replace("route core -> rc0;", "route core -> rc1;");
        var uri = await client.OpenAsync("main.rasdl", text);
        var actions = await ActionsAsync(client, uri, Find(text, "rc1", 1));
        var fix = actions.First();
        Assert.Equal("Change 'rc1' to 'rc0'", fix.Title);
        Assert.Equal(CodeActionKind.QuickFix, fix.Kind);
        Assert.True(fix.IsPreferred);
        Assert.Equal("main.rasdl 5:14-5:17 rc0", EditOf(fix));
        Assert.Equal("RASDL1002", $"{Assert.Single(fix.Diagnostics!).Code}");
    }

    [Fact]
    public async Task An_unknown_vocabulary_word_gets_a_did_you_mean_fix()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = Samples.Minimal.Replace("on any -> drop;", "on any -> dropp;");
        var uri = await client.OpenAsync("main.rasdl", text);
        var fix = (await ActionsAsync(client, uri, Find(text, "dropp"))).First();
        Assert.Equal("Change 'dropp' to 'drop'", fix.Title);
    }

    [Fact]
    public async Task A_missing_rule_gets_a_contained_rule_as_a_choice()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var actions = await ActionsAsync(client, uri, Find(TestSamples.Unsafe, "rc0 :"));
        var rules = actions.Where(a => a.Title.StartsWith("Add ", StringComparison.Ordinal)).Select(a => $"{a.Title} | {EditOf(a)}").ToArray();
        Assert.Equal(
        [
            "Add 'on ca -> all_ones;' to 'rc0' (all_ones: contained in the device) | unsafe.rasdl 6:0-6:0     on ca -> all_ones;\n",
        ], rules);
    }

    [Fact]
    public async Task A_region_unsafe_only_under_normal_nc_can_switch_its_profile_to_a_device_hypervisor()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("main.rasdl", TestSamples.NormalNcOnly);
        var actions = await ActionsAsync(client, uri, Find(TestSamples.NormalNcOnly, "assign"));
        var fix = Assert.Single(actions, a => a.Title.StartsWith("Switch", StringComparison.Ordinal));
        Assert.Equal("Switch profile 'production' to hypervisor 'kvm_6_7' (DEVICE_nGnRE at stage 2 for vfio_pci)", fix.Title);
        Assert.Equal("main.rasdl 10:32-10:39 kvm_6_7", EditOf(fix));
    }

    [Fact]
    public async Task Any_diagnostic_can_be_suppressed_on_its_line()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var actions = await ActionsAsync(client, uri, Find(TestSamples.Unsafe, "on cto"));
        var suppress = Assert.Single(actions, a => a.Title.StartsWith("Suppress", StringComparison.Ordinal));
        Assert.Equal("Suppress RASDL2001 on this line", suppress.Title);
        Assert.Equal("unsafe.rasdl 5:0-5:0     // rasdl-disable-next-line RASDL2001\n", EditOf(suppress));
    }

    [Fact]
    public async Task A_clean_line_has_no_actions()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.Empty(await ActionsAsync(client, uri, Find(Samples.DesignExample, "mesh :")));
    }
}
