// Which lines of the server's standard error the client shows, and at which level
// (out/serverLog.js, free of VS Code).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as path from "node:path";
import { test } from "node:test";
import { extensionRoot } from "./helpers/paths.mjs";

const require = createRequire(import.meta.url);
const { stderrLineLevel } = require(path.join(extensionRoot, "out", "serverLog.js"));

test("the server's own log lines are skipped: they come as window/logMessage at their level", () => {
    assert.equal(stderrLineLevel("rasdl-lsp: warmed up in 2320 ms"), "skip");
    assert.equal(stderrLineLevel("rasdl-lsp: the compiler failed on file:///a.rasdl: boom"), "skip");
});

test("anything else on standard error is an error: the runtime failing, an unhandled exception", () => {
    assert.equal(stderrLineLevel("You must install or update .NET to run this application."), "error");
    assert.equal(stderrLineLevel("Unhandled exception. System.InvalidOperationException: x"), "error");
    assert.equal(stderrLineLevel("   at Rasdl.LanguageServer.Program.Main()"), "error");
});

test("blank lines are not shown", () => {
    assert.equal(stderrLineLevel(""), "none");
    assert.equal(stderrLineLevel("   "), "none");
});
