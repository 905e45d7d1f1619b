// The language server inside the .vsix, unpacked as VS Code installs it and started by the
// extension's launch logic, driven over stdio by a Node LSP client.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileUri, startServer } from "./helpers/lsp.mjs";
import { fixturesFolder, repositoryRoot } from "./helpers/paths.mjs";
import { installVsix } from "./helpers/vsix.mjs";

describe("language server from the .vsix", () => {
    let server;
    let initializeResult;
    let folder;

    before(async () => {
        folder = await installVsix();
        server = startServer(folder);
        initializeResult = await server.connection.sendRequest("initialize", {
            processId: process.pid,
            rootUri: fileUri(repositoryRoot),
            workspaceFolders: [{ uri: fileUri(repositoryRoot), name: "rasdl" }],
            capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ["markdown", "plaintext"] } } },
            initializationOptions: { defaultProfile: "production" },
        });
        await server.connection.sendNotification("initialized", {});
    });

    after(async () => {
        if (server && server.child.exitCode === null) {
            server.child.kill();
        }
    });

    test("the process is the bundled server: native on linux-x64, else rasdl-lsp.dll under dotnet", () => {
        if (`${process.platform}-${process.arch}` === "linux-x64") {
            assert.equal(server.child.spawnfile, path.join(folder, "server", "linux-x64", "rasdl-lsp"));
            return;
        }
        assert.equal(path.basename(server.child.spawnfile).replace(/\.exe$/i, ""), "dotnet");
        assert.equal(server.child.spawnargs.at(-1), path.join(folder, "server", "rasdl-lsp.dll"));
    });

    test("initialize: full or incremental sync and diagnostics by push", () => {
        const capabilities = initializeResult.capabilities;
        assert.ok(capabilities, JSON.stringify(initializeResult));
        const sync = typeof capabilities.textDocumentSync === "number" ? capabilities.textDocumentSync : capabilities.textDocumentSync?.change;
        assert.ok(sync === 1 || sync === 2, `textDocumentSync: ${JSON.stringify(capabilities.textDocumentSync)}`);
        assert.equal(capabilities.textDocumentSync?.openClose ?? true, true);
    });

    test("a platform without problems (DESIGN section 3's example) gets an empty diagnostics list", async () => {
        const file = path.join(fixturesFolder, "design-example.rasdl");
        const uri = fileUri(file);
        const published = server.diagnosticsFor(uri);
        await server.connection.sendNotification("textDocument/didOpen", {
            textDocument: { uri, languageId: "rasdl", version: 1, text: fs.readFileSync(file, "utf8") },
        });
        const diagnostics = await published;
        assert.deepEqual(diagnostics, []);
    });

    test("a mistake gets a diagnostic with its RASDL code on the right line; fixing it clears it", async () => {
        const uri = fileUri(path.join(fixturesFolder, "unsaved-mistake.rasdl"));
        const published = server.diagnosticsFor(uri);
        await server.connection.sendNotification("textDocument/didOpen", {
            textDocument: { uri, languageId: "rasdl", version: 1, text: "block core : cpu {\n    on slverr (read) -> sae;\n}\n" },
        });
        const diagnostics = await published;
        const error = diagnostics.find(d => d.severity === 1);
        assert.ok(error, JSON.stringify(diagnostics));
        assert.match(String(error.code), /^RASDL\d{4}$/);
        assert.equal(error.range.start.line, 1);
        assert.equal(error.source, "rasdl");

        const republished = server.diagnosticsFor(uri);
        await server.connection.sendNotification("textDocument/didChange", {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: "block core : cpu {\n    on slverr (read) -> sea;\n}\n" }],
        });
        assert.deepEqual((await republished).filter(d => d.severity === 1), []);
    });

    test("shutdown and exit end the process", async () => {
        const result = await server.stop();
        assert.equal(result.code, 0, server.stderr());
    });
});
