using Rasdl.LanguageServer.Protocol;

namespace Rasdl.LanguageServer.Features.Completion;

/// <summary>A snippet offered where a declaration may start.</summary>
public sealed record Snippet(string Label, string Description, string Body)
{
    /// <summary>New block, endpoint and profile declarations, with tab stops and choices from the vocabulary.</summary>
    public CompletionItem ToItem(Protocol.Range range) => new()
    {
        Label = Label,
        Kind = CompletionItemKind.Snippet,
        Detail = Description,
        InsertTextFormat = InsertTextFormat.Snippet,
        SortText = "9" + Label,
        TextEdit = new TextEdit { Range = range, NewText = Body },
    };
}

/// <summary>The snippets of the language.</summary>
public static class Snippets
{
    public static readonly Snippet[] TopLevel =
    [
        new("block …", "a new IP block with its first rule",
            "block ${1:name} : ${2|cpu,interconnect,root_port,pcie_switch,bridge|} {\n    doc \"${3:What this block does with errors.}\";\n    on ${4:ur} (${5:read}) -> ${6:all_ones};\n}\n"),
        new("endpoint …", "a new endpoint with a region and its faults",
            "endpoint ${1:name} : ${2|pcie_endpoint,platform_device|} under ${3:rc0} {\n    region ${4:bar0} mmio size ${5:64M};\n    faults ${6:ur, ca, cto, poison};\n}\n"),
        new("profile …", "a new profile compiled under a hypervisor",
            "profile ${1:production} { hypervisor ${2|kvm_6_8,kvm_6_7|}; }\n"),
    ];
}
