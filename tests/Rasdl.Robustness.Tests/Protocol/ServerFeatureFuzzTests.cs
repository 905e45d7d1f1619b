using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Rasdl.Robustness.Fuzzing;
using Xunit.Abstractions;

namespace Rasdl.Robustness.Protocol;

/// <summary>
/// The server's feature handlers on fuzzed documents: each input replaces an open document of
/// the real rasdl-lsp process, then every feature is asked about it at positions taken from
/// the text. Every answer must be a result or an error the protocol allows for the request
/// (InvalidParams, RequestFailed), never an internal error, and the server must not exit.
/// </summary>
public sealed class ServerFeatureFuzzTests(FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    private static readonly int Seconds = FuzzTime.Seconds(12);

    [Fact]
    public async Task EveryFeatureAnswersProperlyOnFuzzedDocuments()
    {
        using var folder = new TempFolder();
        foreach (var seed in fixture.Corpus.Seeds)
        {
            folder.Write(seed.RelativePath, seed.Text);
        }

        await using var server = LspProcess.Start(folder.Root);
        var initialize = await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = "file://" + folder.Root,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = "file://" + folder.Root, ["name"] = "fuzz" }),
        });
        Assert.False(initialize.IsError);
        await server.NotifyAsync("initialized", new JsonObject());
        var uri = "file://" + Path.Combine(folder.Root, "examples", "fuzzed.rasdl");
        await server.NotifyAsync("textDocument/didOpen", AbuseTraffic.Open(uri, ""));
        var version = 1;
        var inputs = 0;
        var requests = 0;

        var gen = Gen.Frequency((1, CorpusMutator.Inputs(fixture.Corpus)), (1, GrammarGenerator.Inputs("examples/fuzzed.rasdl")));
        gen.Sample(
            input =>
            {
                requests += Check(server, uri, ++version, input.Text).GetAwaiter().GetResult();
                inputs++;
            },
            time: Seconds, threads: 1, print: i => i.ToString());

        output.WriteLine($"{inputs} documents, {requests} requests, every answer proper");
        Assert.True(inputs >= 20, $"only {inputs} documents in {Seconds} s");
        Assert.False(server.HasExited);
    }

    private static async Task<int> Check(LspProcess server, string uri, int version, string text)
    {
        await server.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
        var lines = text.Split('\n');
        var hash = (uint)text.GetHashCode(StringComparison.Ordinal);
        var line = (int)(hash % (uint)lines.Length);
        var character = (int)((hash >> 7) % (uint)(lines[line].Length + 1));
        var at = AbuseTraffic.AtPosition(uri, line, character);
        var document = new JsonObject { ["textDocument"] = AbuseTraffic.Document(uri) };
        var whole = new JsonObject { ["start"] = AbuseTraffic.Position(0, 0), ["end"] = AbuseTraffic.Position(lines.Length - 1, lines[^1].Length) };
        var asks = new (string Method, JsonNode Parameters)[]
        {
            ("textDocument/hover", at),
            ("textDocument/completion", at),
            ("textDocument/definition", at),
            ("textDocument/references", With(at, "context", new JsonObject { ["includeDeclaration"] = true })),
            ("textDocument/prepareRename", at),
            ("textDocument/rename", With(at, "newName", "renamed")),
            ("textDocument/signatureHelp", at),
            ("textDocument/selectionRange", With(document, "positions", new JsonArray(AbuseTraffic.Position(line, character)))),
            ("textDocument/documentSymbol", document),
            ("textDocument/semanticTokens/full", document),
            // An earlier answer's id (the server numbers them from 1), known to the server or not.
            ("textDocument/semanticTokens/full/delta", With(document, "previousResultId", (version % 5).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ("textDocument/foldingRange", document),
            ("textDocument/codeLens", document),
            ("textDocument/inlayHint", With(document, "range", whole)),
            ("textDocument/formatting", With(document, "options", new JsonObject { ["tabSize"] = 4, ["insertSpaces"] = true })),
            ("textDocument/rangeFormatting", With(With(document, "range", whole), "options", new JsonObject { ["tabSize"] = 4, ["insertSpaces"] = true })),
            ("textDocument/codeAction", With(With(document, "range", whole), "context", new JsonObject { ["diagnostics"] = new JsonArray() })),
            ("workspace/symbol", new JsonObject { ["query"] = lines[line].Length > 0 ? lines[line][..Math.Min(3, lines[line].Length)] : "" }),
        };
        var answers = asks.Select(ask => (ask.Method, Response: server.RequestAsync(ask.Method, ask.Parameters))).ToList();
        foreach (var (method, response) in answers)
        {
            var finished = await Task.WhenAny(response, Task.Delay(TimeSpan.FromSeconds(30)));
            if (finished != response)
            {
                throw new InvalidOperationException($"{method}: no answer in 30 s");
            }

            var answer = await response;
            if (answer.IsError && answer.ErrorCode is not (-32602 or -32803))
            {
                throw new InvalidOperationException($"{method} at {line}:{character}: {answer}");
            }
        }

        if (server.HasExited)
        {
            throw new InvalidOperationException($"the server exited: {server.StandardError}");
        }

        return asks.Length;
    }

    private static JsonObject With(JsonObject parameters, string name, JsonNode value)
    {
        var copy = (JsonObject)parameters.DeepClone();
        copy[name] = value.DeepClone();
        return copy;
    }
}
