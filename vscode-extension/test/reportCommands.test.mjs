// The command handlers' work (out/reportCommands.js): the containment report and the
// explanation of a diagnostic, run through the real `rasdl` command line; and the choice of
// the diagnostic under the cursor.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { extensionRoot, fixturesFolder } from "./helpers/paths.mjs";
import { rasdl } from "./helpers/rasdl.mjs";

const require = createRequire(import.meta.url);
const report = require(path.join(extensionRoot, "out", "reportCommands.js"));
const launch = require(path.join(extensionRoot, "out", "serverLaunch.js"));

/** The real CLI, as the extension resolves it (bundled in server/). */
const cli = args => launch.resolveCliCommand(extensionRoot, {}, args);

const range = (l1, c1, l2, c2) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe("containment report", () => {
    test("a clean file: the report is rasdl check's text, with the summary line", async () => {
        const file = path.join(fixturesFolder, "design-example.rasdl");
        const result = await report.containmentReport(file, cli);
        assert.equal(result.ok, true, result.text);
        assert.match(result.title, /design-example\.rasdl/);
        assert.match(result.text, /checked 1 file: 0 errors/);
        const direct = rasdl(["check", "--format", "text", "design-example.rasdl"], { cwd: fixturesFolder });
        assert.ok(result.text.includes(direct.stdout.trim()), "the report shows what `rasdl check --format text` prints");
    });

    test("a file with errors is still a report: it lists each diagnostic with its code", async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-report-"));
        const file = path.join(folder, "broken.rasdl");
        fs.writeFileSync(file, "block core : cpu {\n    on slverr (read) -> sae;\n}\n");
        const result = await report.containmentReport(file, cli, undefined, "production");
        assert.equal(result.ok, true, result.text);
        assert.match(result.text, /broken\.rasdl:2:\d+: error RASDL\d{4}/);
        assert.match(result.text, /rasdl\.defaultProfile\): production/);
        assert.match(result.text, /[1-9]\d* errors?/);
    });

    test("an unreadable file: the command failed (exit 2), with rasdl's message", async () => {
        const result = await report.containmentReport(path.join(os.tmpdir(), "no-such-dir-rasdl", "gone.rasdl"), args => ({ command: "rasdl", args, origin: "path" }), async () => ({ exitCode: 2, stdout: "", stderr: "rasdl: cannot read 'gone.rasdl'" }));
        assert.equal(result.ok, false);
        assert.match(result.text, /exit code 2/);
        assert.match(result.text, /cannot read/);
    });

    test("the runner is given `check --format text FILE` in the file's folder", async () => {
        const calls = [];
        await report.containmentReport("/home/me/platform/platform.rasdl", args => ({ command: "rasdl", args, origin: "path" }), async (command, options) => {
            calls.push({ command, options });
            return { exitCode: 0, stdout: "checked 1 file: 0 errors, 0 warnings, 0 info\n", stderr: "" };
        });
        assert.deepEqual(calls[0].command.args, ["check", "--format", "text", "platform.rasdl"]);
        assert.equal(calls[0].options.cwd, "/home/me/platform");
    });

    test("a process that cannot start rejects (the extension shows the error)", async () => {
        await assert.rejects(report.containmentReport(path.join(fixturesFolder, "design-example.rasdl"),
            args => ({ command: path.join(os.tmpdir(), "no-such-rasdl-binary"), args, origin: "path" })));
    });
});

describe("explain diagnostic", () => {
    test("a real code: rasdl explain's help page", async () => {
        const listing = rasdl(["explain"]);
        const code = listing.stdout.match(/RASDL\d{4}/)?.[0];
        assert.ok(code, `rasdl explain listed no code: ${listing.stdout}`);
        const result = await report.explainDiagnostic(code, cli);
        assert.equal(result.ok, true, result.text);
        assert.match(result.text, new RegExp(code));
        assert.equal(result.title, `RASDL ${code}`);
    });

    test("an unknown code: not ok, with rasdl's message", async () => {
        const result = await report.explainDiagnostic("RASDL9999", cli);
        assert.equal(result.ok, false);
        assert.match(result.text, /not a RASDL diagnostic code/);
    });
});

describe("diagnostic under the cursor", () => {
    const diagnostics = [
        { range: range(3, 4, 3, 30), code: "RASDL2001" },
        { range: range(3, 10, 3, 16), code: { value: "RASDL1002", target: "https://example.invalid" } },
        { range: range(5, 0, 5, 5), code: "other-linter-42" },
        { range: range(7, 20, 7, 25), code: "RASDL3001" },
    ];

    test("the narrowest RASDL diagnostic containing the cursor", () => {
        assert.equal(report.diagnosticCodeAt(diagnostics, { line: 3, character: 12 }), "RASDL1002");
        assert.equal(report.diagnosticCodeAt(diagnostics, { line: 3, character: 25 }), "RASDL2001");
    });

    test("else the nearest RASDL diagnostic on the line; never another tool's code", () => {
        assert.equal(report.diagnosticCodeAt(diagnostics, { line: 7, character: 2 }), "RASDL3001");
        assert.equal(report.diagnosticCodeAt(diagnostics, { line: 5, character: 2 }), undefined);
        assert.equal(report.diagnosticCodeAt(diagnostics, { line: 9, character: 0 }), undefined);
        assert.equal(report.diagnosticCodeAt([], { line: 0, character: 0 }), undefined);
    });

    test("typed codes are normalised", () => {
        assert.equal(report.normaliseCode("2001"), "RASDL2001");
        assert.equal(report.normaliseCode(" rasdl1002 "), "RASDL1002");
        assert.equal(report.normaliseCode("RASDL20011"), undefined);
        assert.equal(report.normaliseCode("hello"), undefined);
    });
});
