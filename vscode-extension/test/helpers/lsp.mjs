// A Node LSP client (vscode-languageserver-protocol, the layer under vscode-languageclient)
// driving a real server process started as the extension starts it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { extensionRoot } from "./paths.mjs";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";

const require = createRequire(import.meta.url);
const launch = require(path.join(extensionRoot, "out", "serverLaunch.js"));

/** Starts the server of the extension installed at `extensionFolder` and connects to it. */
export function startServer(extensionFolder) {
    return startWith(launch.resolveServerCommand(extensionFolder, {}));
}

export function startWith(command) {
    const child = spawn(command.command, [...command.args], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", chunk => { stderr += chunk; });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const diagnostics = new Map();
    const waiters = [];
    connection.onNotification("textDocument/publishDiagnostics", params => {
        diagnostics.set(params.uri, params.diagnostics);
        for (const waiter of [...waiters]) {
            if (waiter.uri === params.uri) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(params.diagnostics);
            }
        }
    });
    connection.onRequest("workspace/configuration", params => params.items.map(() => null));
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.listen();
    const exited = new Promise(resolve => child.on("exit", (code, signal) => resolve({ code, signal })));
    return {
        child,
        connection,
        exited,
        stderr: () => stderr,
        /** The next publishDiagnostics for `uri` (or the last one already received if `existing`). */
        diagnosticsFor(uri, timeoutMs = 60_000) {
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr:\n${stderr}`)), timeoutMs);
                waiters.push({ uri, resolve: value => { clearTimeout(timer); resolve(value); } });
            });
        },
        async stop() {
            await connection.sendRequest("shutdown");
            await connection.sendNotification("exit");
            const result = await exited;
            connection.dispose();
            return result;
        },
    };
}

export const fileUri = file => pathToFileURL(file).href;
