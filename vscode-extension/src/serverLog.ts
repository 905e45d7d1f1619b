// What the client does with a line the server writes to standard error. Free of VS Code so
// that tests can load it in plain Node.

/** Every line rasdl-lsp writes through its own log starts so (server/Rasdl.LanguageServer/LanguageClient.cs). */
export const serverLogPrefix = "rasdl-lsp: ";

/**
 * "skip": a line of the server's own log. The server sends each of those to the client as a
 * window/logMessage too, with its level (an "Info" start-up message shows as [info]), and
 * vscode-languageclient writes those into the output channel; showing the stderr copy as
 * well would repeat it, and at the wrong level: the client's default prints all of standard
 * error as [error].
 * "error": anything else, such as the .NET host failing to start or an unhandled exception.
 */
export function stderrLineLevel(line: string): "skip" | "error" | "none" {
    if (line.trim() === "") {
        return "none";
    }
    return line.startsWith(serverLogPrefix) ? "skip" : "error";
}
