using Rasdl.LanguageServer;

// rasdl-lsp: speaks LSP on stdin/stdout; logs go to stderr (stdout carries the protocol).
var server = new RasdlLanguageServer(Console.OpenStandardOutput(), Console.OpenStandardInput(), Console.Error);
return await server.RunAsync();
