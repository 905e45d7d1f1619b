using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;

namespace Rasdl.LanguageServer.Tests;

public sealed class FoldingTests
{
    [Fact]
    public async Task Bodies_comments_and_imports_fold()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "// one\n// two\nimport \"std/kvm.rasdl\";\nimport \"std/ip/pcie.rasdl\";\nblock rc0 : root_port {\n    on ur -> all_ones;\n    on ca -> all_ones;\n}\n/*\n long\n*/\nprofile p { hypervisor kvm_6_8; }\n";
        var uri = await client.OpenAsync("main.rasdl", text);
        var ranges = await client.RequestAsync<FoldingRange[]>(Methods.TextDocumentFoldingRange, new FoldingRangeParams { TextDocument = LspTestClient.Document(uri) });
        Assert.Equal(["0-1 comment", "2-3 imports", "4-6 ", "8-10 comment"], ranges.Select(r => $"{r.StartLine}-{r.EndLine} {r.Kind}"));
    }
}

public sealed class SelectionRangeTests
{
    [Fact]
    public async Task Selection_expands_from_the_word_through_the_rule_and_block_to_the_file()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var ranges = await client.RequestAsync<Protocol.SelectionRange[]>(Methods.TextDocumentSelectionRange, new SelectionRangeParams
        {
            TextDocument = LspTestClient.Document(uri),
            Positions = [PositionFinder.Find(Samples.DesignExample, "read)         -> all_ones", 1)],
        });
        var chain = new List<string>();
        for (var range = Assert.Single(ranges); range is not null; range = range.Parent)
        {
            chain.Add(PositionFinder.Describe(range.Range));
        }

        // read, (read), the rule, the block, the file.
        Assert.Equal(["19:12-19:16", "19:11-19:17", "19:4-19:38", "18:0-25:1", "0:0-38:0"], chain);
    }
}
