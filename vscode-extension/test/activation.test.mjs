// The extension as VS Code runs it: out/extension.js from the unpacked .vsix, loaded with a
// stand-in for the `vscode` module (the host API only). The real vscode-languageclient in
// the bundle starts the real server from the .vsix; documents, diagnostics and commands go
// through the stand-in.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { extensionRoot, fixturesFolder, rasdlFilesUnder, repositoryRoot } from "./helpers/paths.mjs";
import { installVsix } from "./helpers/vsix.mjs";

const require = createRequire(import.meta.url);
const Module = require("node:module");
const standInFile = require.resolve("./helpers/vscode-standin.cjs");
const vscode = require(standInFile);
const host = vscode.standIn;
// Where the launch logic looks for the server (the same code as the bundle's, built unbundled).
const launch = require(path.join(extensionRoot, "out", "serverLaunch.js"));

// `require("vscode")` inside the bundle gets the stand-in, as the extension host provides it.
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    return request === "vscode" ? standInFile : originalResolve.call(this, request, ...rest);
};

/** A fresh copy of the installed bundle (its module state is per activation). */
function loadExtension(root) {
    const bundle = path.join(root, "out", "extension.js");
    delete require.cache[bundle];
    return require(bundle);
}

function context(root) {
    const memento = () => { const values = new Map(); return { get: (k, d) => values.get(k) ?? d, update: async (k, v) => { values.set(k, v); }, keys: () => [...values.keys()], setKeysForSync() { } }; };
    return {
        extensionPath: root,
        extensionUri: vscode.Uri.file(root),
        asAbsolutePath: relative => path.join(root, relative),
        subscriptions: [],
        globalState: memento(),
        workspaceState: memento(),
        storageUri: undefined,
        globalStorageUri: vscode.Uri.file(os.tmpdir()),
        logUri: vscode.Uri.file(os.tmpdir()),
        extensionMode: 3,
        environmentVariableCollection: {},
        secrets: {},
    };
}

/** The next diagnostics the client delivers for `uri` (already delivered ones count when `accept` holds). */
function diagnosticsFor(uri, accept = () => true, timeoutMs = 60_000) {
    const current = vscode.languages.getDiagnostics(uri);
    return new Promise((resolve, reject) => {
        const key = uri.toString();
        if (host.diagnosticCollections.some(c => c.has(uri)) && accept(current)) {
            resolve(current);
            return;
        }
        const timer = setTimeout(() => { subscription.dispose(); reject(new Error(`no diagnostics for ${key} within ${timeoutMs} ms`)); }, timeoutMs);
        const subscription = host.diagnosticsChanged.event(event => {
            if (event.uri.toString() === key && accept(event.diagnostics)) {
                clearTimeout(timer);
                subscription.dispose();
                resolve(event.diagnostics);
            }
        });
    });
}

/** Process ids whose command line names `file` (Linux /proc; empty elsewhere). */
function processesRunning(file) {
    if (!fs.existsSync("/proc")) {
        return [];
    }
    return fs.readdirSync("/proc").filter(p => /^\d+$/.test(p)).filter(pid => {
        try {
            return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(file);
        } catch {
            return false;
        }
    });
}

async function eventually(condition, what, timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > end) {
            assert.fail(`timed out waiting for ${what}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

describe("extension activation with the real server", () => {
    let root;
    let extension;
    let api;
    let serverDll;
    const mistakeFolder = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-activation-"));
    const mistakeFile = path.join(mistakeFolder, "mistake.rasdl");
    fs.writeFileSync(mistakeFile, "block core : cpu {\n    on slverr (read) -> sae;\n}\n");
    // DESIGN section 3's example: every path ends contained, so it checks without a diagnostic.
    const cleanFile = path.join(fixturesFolder, "design-example.rasdl");

    before(async () => {
        root = await installVsix();
        // The native server on linux-x64, else the assembly under dotnet (src/serverLaunch.ts).
        serverDll = launch.nativeServerPath(root) ?? path.join(root, "server", "rasdl-lsp.dll");
        host.reset({ workspaceFolders: [repositoryRoot], settings: { "rasdl.trace.server": "off" } });
        // A .rasdl file already open when the extension activates (as on "onLanguage:rasdl").
        await vscode.workspace.openTextDocument(cleanFile);
        extension = loadExtension(root);
        api = await extension.activate(context(root));
    });

    after(async () => {
        await extension?.deactivate();
    });

    test("activation starts the bundled server and completes the LSP handshake", () => {
        const client = api.client();
        assert.ok(client, `no client; output:\n${api.outputChannel.lines.join("\n")}`);
        assert.equal(client.isRunning(), true);
        const result = client.initializeResult;
        assert.ok(result?.capabilities?.textDocumentSync, JSON.stringify(result));
        assert.ok(api.outputChannel.lines.some(l => l.includes(`(bundled): `) && l.includes(serverDll)), api.outputChannel.lines.join("\n"));
        assert.deepEqual(host.messages.filter(m => m.kind === "error"), []);
    });

    test("the server's start-up report is in the RASDL channel at [info], once, and nothing at [error]", async () => {
        const lines = api.outputChannel.lines;
        // A JIT build reports its warm-up; the Native AOT build that nothing needs warming up.
        const report = /warmed up in|no warm-up/;
        await eventually(() => lines.some(l => report.test(l)), "the server's start-up report", 120_000);
        assert.deepEqual(lines.filter(l => report.test(l)).map(l => l.replace(/\d+ ms/, "N ms")),
            [launch.nativeServerPath(root) ? "[info] compiled ahead of time (Native AOT): no warm-up" : "[info] warmed up in N ms"], lines.join("\n"));
        assert.deepEqual(lines.filter(l => l.startsWith("[error]")), []);
    });

    test("the server is a real process running the .vsix's rasdl-lsp.dll", { skip: !fs.existsSync("/proc") && "needs /proc" }, () => {
        assert.equal(processesRunning(serverDll).length, 1);
    });

    test("the document open at activation gets the server's diagnostics: none for a clean platform", async () => {
        const diagnostics = await diagnosticsFor(vscode.Uri.file(cleanFile));
        assert.deepEqual(diagnostics.map(d => d.message), []);
    });

    test("hover through the client's registered provider: the vocabulary word's documentation", async () => {
        const document = await vscode.workspace.openTextDocument(cleanFile);
        const line = document.getText().split("\n").findIndex(l => /^\s*on slverr \(read\)/.test(l));
        assert.ok(line >= 0);
        const character = document.lineAt(line).text.indexOf("slverr") + 2;
        const hover = await host.provider("HoverProvider").provideHover(document, new vscode.Position(line, character), new vscode.CancellationTokenSource().token);
        assert.ok(hover instanceof vscode.Hover, `no hover: ${JSON.stringify(hover)}`);
        const text = hover.contents.map(c => (typeof c === "string" ? c : c.value)).join("\n");
        assert.match(text, /SLVERR/);
    });

    // Opening examples/ shows their diagnostics: each example's diagnostics, as the client
    // delivers them to VS Code, are the ones in the example's committed `rasdl check` baseline.
    for (const example of rasdlFilesUnder("examples").filter(f => fs.existsSync(path.join(repositoryRoot, f.replace(/\.rasdl$/, ".check.json"))))) {
        test(`opening ${example}: the diagnostics of its check baseline`, async () => {
            const file = path.join(repositoryRoot, example);
            const baseline = JSON.parse(fs.readFileSync(file.replace(/\.rasdl$/, ".check.json"), "utf8"));
            const severities = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };
            const expected = baseline.diagnostics
                .filter(d => d.file === example)
                .map(d => `${d.code} ${d.severity} ${d.line}:${d.column}`).sort();
            const uri = vscode.Uri.file(file);
            const delivered = diagnosticsFor(uri, list => list.length === expected.length, 30_000)
                .catch(() => vscode.languages.getDiagnostics(uri));
            await vscode.workspace.openTextDocument(file);
            const actual = (await delivered).map(d => {
                const code = typeof d.code === "object" ? d.code.value : d.code;
                const severity = Object.keys(severities).find(k => severities[k] === d.severity);
                return `${code} ${severity} ${d.range.start.line + 1}:${d.range.start.character + 1}`;
            }).sort();
            assert.deepEqual(actual, expected);
        });
    }

    test("a document opened later is synced; its mistake comes back as a VS Code diagnostic with a RASDL code", async () => {
        const uri = vscode.Uri.file(mistakeFile);
        const delivered = diagnosticsFor(uri, list => list.length > 0);
        await vscode.workspace.openTextDocument(mistakeFile);
        const diagnostics = await delivered;
        const error = diagnostics.find(d => d.severity === vscode.DiagnosticSeverity.Error);
        assert.ok(error, JSON.stringify(diagnostics));
        assert.ok(error instanceof vscode.Diagnostic, "converted by the client into the host's Diagnostic type");
        assert.ok(error.range instanceof vscode.Range);
        assert.equal(error.range.start.line, 1);
        const code = typeof error.code === "object" ? error.code.value : error.code;
        assert.match(String(code), /^RASDL\d{4}$/);
    });

    test("RASDL: Explain Diagnostic explains the diagnostic under the cursor", async () => {
        const document = await vscode.workspace.openTextDocument(mistakeFile);
        const [error] = vscode.languages.getDiagnostics(document.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
        host.showEditor(document, error.range.start);
        host.shownDocuments.length = 0;
        await vscode.commands.executeCommand("rasdl.explainDiagnostic");
        const code = String(typeof error.code === "object" ? error.code.value : error.code);
        assert.equal(host.shownDocuments.length, 1, JSON.stringify(host.messages));
        const shown = host.shownDocuments[0].document;
        assert.equal(shown.uri.scheme, "rasdl-report");
        assert.match(shown.getText(), new RegExp(code));
    });

    test("RASDL: Explain Diagnostic with no diagnostic under the cursor asks for a code", async () => {
        const document = await vscode.workspace.openTextDocument(cleanFile);
        host.showEditor(document, new vscode.Position(0, 0));
        host.shownDocuments.length = 0;
        host.inputBoxAnswers.push("");
        await vscode.commands.executeCommand("rasdl.explainDiagnostic");
        assert.ok(host.messages.some(m => m.kind === "input"), "an input box was shown");
        assert.equal(host.shownDocuments.length, 0, "nothing shown when the user cancels");
    });

    test("RASDL: Show Containment Report shows rasdl check's report in a read-only document", async () => {
        const document = await vscode.workspace.openTextDocument(cleanFile);
        host.showEditor(document);
        host.shownDocuments.length = 0;
        await vscode.commands.executeCommand("rasdl.showContainmentReport");
        assert.equal(host.shownDocuments.length, 1, JSON.stringify(host.messages));
        const shown = host.shownDocuments[0];
        assert.equal(shown.document.uri.scheme, "rasdl-report");
        assert.match(shown.document.getText(), /checked 1 file: 0 errors/);
        assert.equal(shown.options.viewColumn, vscode.ViewColumn.Beside);
    });

    test("RASDL: Show Containment Report on a file with errors lists them", async () => {
        const document = await vscode.workspace.openTextDocument(mistakeFile);
        host.showEditor(document);
        host.shownDocuments.length = 0;
        await vscode.commands.executeCommand("rasdl.showContainmentReport");
        assert.match(host.shownDocuments[0].document.getText(), /mistake\.rasdl:2:\d+: error RASDL\d{4}/);
    });

    test("a code lens's witness command opens the peek view on the witness steps", async () => {
        host.executedExternal.length = 0;
        const step = { uri: "file:///board/main.rasdl", range: { start: { line: 20, character: 4 }, end: { line: 20, character: 29 } } };
        await vscode.commands.executeCommand("rasdl.showWitness", "file:///board/main.rasdl", { line: 12, character: 4 }, [step]);
        const shown = host.executedExternal.find(c => c.id === "editor.action.showReferences");
        assert.ok(shown, JSON.stringify(host.executedExternal));
        const [uri, position, locations] = shown.args;
        assert.equal(uri.path, "/board/main.rasdl");
        assert.ok(position instanceof vscode.Position);
        assert.equal(position.line, 12);
        assert.equal(locations.length, 1);
        assert.ok(locations[0] instanceof vscode.Location);
        assert.equal(locations[0].range.start.line, 20);
        assert.equal(locations[0].range.end.character, 29);
    });

    test("RASDL: Restart Server replaces the server process with a new one", async () => {
        const before = processesRunning(serverDll);
        const first = api.client();
        await vscode.commands.executeCommand("rasdl.restartServer");
        const second = api.client();
        assert.notEqual(second, first);
        assert.equal(second.isRunning(), true);
        assert.ok(second.initializeResult?.capabilities);
        if (fs.existsSync("/proc")) {
            await eventually(() => processesRunning(serverDll).length === 1 && processesRunning(serverDll)[0] !== before[0], "the old server to exit and a new one to run");
        }
    });

    test("deactivation stops the server", async () => {
        await extension.deactivate();
        if (fs.existsSync("/proc")) {
            await eventually(() => processesRunning(serverDll).length === 0, "the server to exit");
        }
        extension = undefined;
    });
});

describe("extension activation when the server cannot start", () => {
    let root;
    before(async () => { root = await installVsix(); });

    test("a rasdl.server.path that does not exist: an error naming the setting, no client", async () => {
        host.reset({ workspaceFolders: [repositoryRoot], settings: { "rasdl.server.path": "/nonexistent/rasdl-lsp.dll" } });
        const extension = loadExtension(root);
        const api = await extension.activate(context(root));
        assert.equal(api.client(), undefined);
        const error = host.messages.find(m => m.kind === "error");
        assert.ok(error, "an error message was shown");
        assert.match(error.message, /rasdl\.server\.path/);
        assert.deepEqual(error.items, ["Open Settings"]);
        await extension.deactivate();
    });

    /** Runs `body` with no dotnet to be found (empty PATH, no DOTNET_ROOT or DOTNET_HOST_PATH). */
    async function withoutDotnet(body) {
        const saved = { PATH: process.env.PATH, DOTNET_ROOT: process.env.DOTNET_ROOT, DOTNET_HOST_PATH: process.env.DOTNET_HOST_PATH };
        process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-empty-path-"));
        delete process.env.DOTNET_ROOT;
        delete process.env.DOTNET_HOST_PATH;
        try {
            await body();
        } finally {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) {
                    delete process.env[key];
                } else {
                    process.env[key] = value;
                }
            }
        }
    }

    // Where the bundled server is the assembly (every platform but linux-x64), or when the
    // setting names one: here the setting stands in for such a platform.
    test("no dotnet for a rasdl-lsp.dll: a message that the .NET runtime is needed, with a way to get it", async () => {
        await withoutDotnet(async () => {
            host.reset({ workspaceFolders: [repositoryRoot], settings: { "rasdl.server.path": path.join(root, "server", "rasdl-lsp.dll") } });
            const extension = loadExtension(root);
            const api = await extension.activate(context(root));
            assert.equal(api.client(), undefined);
            const error = host.messages.find(m => m.kind === "error");
            assert.ok(error, "an error message was shown");
            assert.match(error.message, /\.NET 10 runtime/);
            assert.deepEqual(error.items, ["Get .NET"]);
            assert.ok(api.outputChannel.lines.some(l => /dotnet` was not found/.test(l)));
            await extension.deactivate();
        });
    });

    test("no dotnet on linux-x64: the bundled native server starts all the same", { skip: launch.nativeServerPath(repositoryRoot) === undefined && "linux-x64 only" }, async () => {
        await withoutDotnet(async () => {
            host.reset({ workspaceFolders: [repositoryRoot] });
            const extension = loadExtension(root);
            const api = await extension.activate(context(root));
            try {
                assert.equal(api.client()?.isRunning(), true, api.outputChannel.lines.join("\n"));
                assert.deepEqual(host.messages.filter(m => m.kind === "error"), []);
            } finally {
                await extension.deactivate();
            }
        });
    });
});

describe("rasdl.trace.server", () => {
    test("\"messages\" traces the LSP traffic in the RASDL channel; \"off\" stops it", async () => {
        const root = await installVsix();
        host.reset({ workspaceFolders: [repositoryRoot], settings: { "rasdl.trace.server": "messages" } });
        const extension = loadExtension(root);
        const api = await extension.activate(context(root));
        try {
            const lines = api.outputChannel.lines;
            assert.ok(lines.some(l => l.startsWith("[trace] Sending request 'initialize")), lines.join("\n"));
            assert.ok(lines.some(l => l.startsWith("[trace] Received response 'initialize")), lines.join("\n"));

            host.settings["rasdl.trace.server"] = "off";
            host.emitter("workspace.onDidChangeConfiguration").fire({ affectsConfiguration: section => "rasdl.trace.server".startsWith(section) });
            await new Promise(resolve => setTimeout(resolve, 200));
            const before = lines.length;
            const uri = vscode.Uri.file(path.join(fixturesFolder, "design-example.rasdl"));
            const delivered = diagnosticsFor(uri);
            await vscode.workspace.openTextDocument(uri.fsPath);
            await delivered;
            assert.deepEqual(lines.slice(before).filter(l => l.startsWith("[trace]")), []);
        } finally {
            await extension.deactivate();
        }
    });

    test("\"off\" (the default): no trace", async () => {
        const root = await installVsix();
        host.reset({ workspaceFolders: [repositoryRoot] });
        const extension = loadExtension(root);
        const api = await extension.activate(context(root));
        try {
            assert.ok(api.client()?.isRunning());
            assert.deepEqual(api.outputChannel.lines.filter(l => l.startsWith("[trace]")), []);
        } finally {
            await extension.deactivate();
        }
    });
});
