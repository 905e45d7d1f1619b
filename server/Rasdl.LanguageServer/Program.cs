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
_ = WarmUp.StartAsync(message => server.Client.Log(MessageType.Info, message));
return await serving;
