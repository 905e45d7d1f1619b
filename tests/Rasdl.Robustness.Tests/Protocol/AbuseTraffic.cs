using System.Text;
using System.Text.Json.Nodes;

namespace Rasdl.Robustness.Protocol;

/// <summary>Builders for the messages of the abuse test: documents, positions, edits, broken frames.</summary>
public static class AbuseTraffic
{
    /// <summary>A small valid description (the compiler tests' minimal sample).</summary>
    public const string GoodText = Rasdl.Compiler.Tests.Infrastructure.Samples.Minimal;

    public static JsonObject Document(string uri) => new() { ["uri"] = uri };

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject AtPosition(string uri, int line, int character) =>
        new() { ["textDocument"] = Document(uri), ["position"] = Position(line, character) };

    public static JsonObject Open(string uri, string text, int version = 1) =>
        new() { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "rasdl", ["version"] = version, ["text"] = text } };

    public static JsonObject Change(string uri, int version, int startLine, int startCharacter, int endLine, int endCharacter, string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject
        {
            ["range"] = new JsonObject { ["start"] = Position(startLine, startCharacter), ["end"] = Position(endLine, endCharacter) },
            ["text"] = text,
        }),
    };

    /// <summary>Bodies that are not JSON at all: each must be answered with ParseError and id null.</summary>
    public static string InvalidJson(Random random) => random.Next(7) switch
    {
        0 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":",
        1 => "{'single': 'quotes'}",
        2 => new string('[', 10_000),
        3 => "\u00ff\u00fe garbage \u0001\u0002",
        4 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}}",
        5 => "nul",
        _ => "{\"a\":" + new string('"', random.Next(1, 50)),
    };

    /// <summary>JSON that is not a request object: each must be answered with InvalidRequest and id null.</summary>
    public static string NotARequest(Random random) => random.Next(6) switch
    {
        0 => "[1,2,3]",
        1 => "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}]",
        2 => "42",
        3 => "\"text\"",
        4 => "{}",
        _ => "{\"jsonrpc\":\"2.0\",\"id\":{\"nested\":true},\"method\":\"textDocument/hover\"}",
    };

    /// <summary>Parameters of the wrong shape or type for a hover: each must be answered with an error.</summary>
    public static JsonNode? WrongParameters(Random random, string uri) => random.Next(8) switch
    {
        0 => JsonValue.Create("a string"),
        1 => JsonValue.Create(12345),
        2 => new JsonObject { ["textDocument"] = Document(uri), ["position"] = new JsonObject { ["line"] = "zero", ["character"] = 0 } },
        3 => new JsonObject { ["textDocument"] = Document(uri), ["position"] = new JsonObject { ["line"] = 1e12, ["character"] = 0 } },
        4 => new JsonObject { ["textDocument"] = Document(uri), ["position"] = new JsonObject { ["line"] = 1.5, ["character"] = -0.5 } },
        5 => new JsonObject { ["textDocument"] = JsonValue.Create(7), ["position"] = Position(0, 0) },
        6 => new JsonArray(JsonValue.Create(1), JsonValue.Create(2)),
        _ => new JsonObject { ["textDocument"] = Document(uri), ["position"] = new JsonArray() },
    };

    /// <summary>A URI nobody opened, of a kind an editor or an attacker might send.</summary>
    public static string OddUri(Random random, string root) => random.Next(8) switch
    {
        0 => "file://" + root + "/never-opened-" + random.Next(50) + ".rasdl",
        1 => "untitled:Untitled-" + random.Next(50),
        2 => "file:///../../../../etc/passwd",
        3 => "not a uri at all",
        4 => "file://" + root + "/" + new string('a', 5000) + ".rasdl",
        5 => "http://example.com/x.rasdl",
        6 => "file://" + root + "/%00%2e%2e/x.rasdl",
        _ => "",
    };

    /// <summary>A frame whose Content-Length counts trailing whitespace too: still one valid message.</summary>
    public static byte[] PaddedFrame(string body, int padding)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length + padding}\r\n\r\n"), .. bytes, .. Enumerable.Repeat((byte)' ', padding)];
    }

    /// <summary>A frame with a Content-Type header (the LSP spelling, and the legacy 'utf8').</summary>
    public static byte[] TypedFrame(string body, bool legacyCharset)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var type = legacyCharset ? "application/vscode-jsonrpc; charset=utf8" : "application/vscode-jsonrpc; charset=utf-8";
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\nContent-Type: {type}\r\n\r\n"), .. bytes];
    }
}
