using Rasdl.LanguageServer;
using Rasdl.LanguageServer.Workspace;

// rasdl-lsp: speaks LSP on stdin/stdout; logs go to stderr (stdout carries the protocol).
_ = WarmUp.StartAsync(Console.Error);
var server = new RasdlLanguageServer(Console.OpenStandardOutput(), Console.OpenStandardInput(), Console.Error);
return await server.RunAsync();
