using System.Runtime.CompilerServices;
using Rasdl.LanguageServer;
using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;

// rasdl-lsp: speaks LSP on stdin/stdout; logs go to stderr (stdout carries the protocol).
if (ServerCommandLine.Handle(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var server = new RasdlLanguageServer(Console.OpenStandardOutput(), Console.OpenStandardInput(), Console.Error);
var serving = server.RunAsync(); // listening once this returns: the warm-up's report can be sent
// The warm-up gets a JIT to compile the hot paths optimised before the first edit. A Native
// AOT build has compiled them all ahead of time: there it would only take a core from the
// first analysis (docs/performance.md, "Server start").
if (RuntimeFeature.IsDynamicCodeCompiled)
{
    _ = WarmUp.StartAsync(message => server.Client.Log(MessageType.Info, message));
}
else
{
    server.Client.Log(MessageType.Info, "compiled ahead of time (Native AOT): no warm-up");
}

return await serving;
