using System.Text;
using System.Text.Json.Nodes;

namespace Rasdl.Robustness.Protocol;

public static class Probe
{
    public static async Task<int> RunAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "probe-ws");
        Directory.CreateDirectory(dir);
        await using var server = LspProcess.Start(dir);
        async Task Show(string what, Task<LspResponse> t)
        {
            var done = await Task.WhenAny(t, Task.Delay(5000));
            Console.WriteLine($"{what}: {(done == t ? (t.IsFaulted ? t.Exception!.InnerException!.Message : t.Result.ToString()) : "NO ANSWER")}  alive={!server.HasExited}");
            if (server.HasExited)
            {
                await Task.Delay(500);
                Console.WriteLine("stderr: " + server.StandardError);
                Environment.Exit(1);
            }
        }

        var hoverParams = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file://" + dir + "/a.rasdl" }, ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 } };
        await Show("hover before initialize", server.RequestAsync("textDocument/hover", hoverParams.DeepClone()));
        await Show("initialize", server.RequestAsync("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = "file://" + dir, ["capabilities"] = new JsonObject() }));
        await server.NotifyAsync("initialized", new JsonObject());
        await Show("unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        await Show("hover params array", server.RequestAsync("textDocument/hover", new JsonArray(1, 2)));
        await Show("hover params string", server.RequestAsync("textDocument/hover", "x"));
        await Show("hover line string", server.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file:///x.rasdl" }, ["position"] = new JsonObject { ["line"] = "a", ["character"] = 0 } }));
        await Show("hover line huge", server.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file:///x.rasdl" }, ["position"] = new JsonObject { ["line"] = 1e12, ["character"] = 0 } }));
        await Show("hover unopened", server.RequestAsync("textDocument/hover", hoverParams.DeepClone()));
        await Show("hover uri garbage", server.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "::::" }, ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 } }));
        // invalid JSON in a good frame
        var (id1, r1) = server.Expect();
        await server.SendRawAsync(LspProcess.Frame("{\"jsonrpc\":\"2.0\",\"id\":" + id1 + ",\"method\":"));
        await Task.Delay(500);
        Console.WriteLine($"invalid json: unmatched={server.Unmatched.Count} {string.Join(" | ", server.Unmatched)} alive={!server.HasExited}");
        await Show("after invalid json: unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        await server.SendRawAsync(LspProcess.Frame("[1,2,3]"));
        await server.SendRawAsync(LspProcess.Frame("42"));
        await server.SendRawAsync(LspProcess.Frame("{}"));
        await server.SendRawAsync(LspProcess.Frame("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"x\"}"));
        await Task.Delay(500);
        Console.WriteLine($"non-object json: unmatched={server.Unmatched.Count} {string.Join(" | ", server.Unmatched)} alive={!server.HasExited}");
        await Show("after non-object: unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        // larger content-length padded with spaces
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":777,\"method\":\"foo\"}");
        await server.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length + 10}\r\n\r\n"), .. body, .. Encoding.ASCII.GetBytes("          ")]);
        await Task.Delay(300);
        await Show("after padded: unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"));
        await Show("after content-type header: unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        var args = Environment.GetCommandLineArgs();
        var mode = args.Length > 2 ? args[2] : "";
        if (mode == "huge")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 1000000000000\r\n\r\n{}"));
        }
        else if (mode == "negative")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: -5\r\n\r\n{}"));
        }
        else if (mode == "nolength")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("X-Foo: 1\r\n\r\n{}"));
        }
        else if (mode == "garbage")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("hello world\r\n\r\n"));
        }
        else if (mode == "lowercase")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("content-length: 2\r\n\r\n{}"));
        }
        else if (mode == "zero")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 0\r\n\r\n"));
        }
        else if (mode == "big")
        {
            await server.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 2000000000\r\n\r\n{}"));
        }

        await Task.Delay(2000);
        Console.WriteLine($"after {mode}: alive={!server.HasExited} rss={(server.HasExited ? 0 : server.ResidentBytes() / 1048576)}MB");
        await Show($"after {mode}: unknown method", server.RequestAsync("foo/bar", new JsonObject()));
        await Show("shutdown", server.RequestAsync("shutdown", null));
        await Show("hover after shutdown", server.RequestAsync("textDocument/hover", hoverParams.DeepClone()));
        await server.NotifyAsync("exit", null);
        Console.WriteLine($"exited={await server.WaitForExitAsync(TimeSpan.FromSeconds(5))}");
        Console.WriteLine("stderr: " + server.StandardError[..Math.Min(3000, server.StandardError.Length)]);
        return 0;
    }
}
