// Tokenises every example, every standard-library file and every fixture with the real
// TextMate engine and compares the scopes with the committed snapshot in test/snapshots/.
// After an intended change: `npm run test:update`, then review the snapshot diff like code.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { extensionRoot, repositoryRoot, snapshotsFolder, tokenisedFiles } from "./helpers/paths.mjs";
import { loadGrammar, snapshot, tokenise } from "./helpers/textmate.mjs";

const updating = process.env.UPDATE_SNAPSHOTS === "1";
const files = tokenisedFiles();
const snapshotFile = file => path.join(snapshotsFolder, file.replace(/^vscode-extension\/test\//, "") + ".tokens");
const relativeToExtension = file => path.relative(extensionRoot, file).split(path.sep).join("/");

describe("grammar snapshots", () => {
    test("there are files to tokenise: the standard library and the fixtures at least", () => {
        assert.ok(files.some(f => f.startsWith("compiler/Rasdl.Compiler/Std/")), files.join(", "));
        assert.ok(files.some(f => f.endsWith("design-example.rasdl")), files.join(", "));
    });

    test("the design-example fixture is DESIGN section 3's example, as examples/server/server.rasdl writes it", () => {
        assert.equal(
            fs.readFileSync(path.join(extensionRoot, "test", "fixtures", "design-example.rasdl"), "utf8"),
            fs.readFileSync(path.join(repositoryRoot, "examples", "server", "server.rasdl"), "utf8"));
    });

    for (const file of files) {
        test(`tokens of ${file}`, async () => {
            const grammar = await loadGrammar();
            const actual = snapshot(grammar, fs.readFileSync(path.join(repositoryRoot, file), "utf8"));
            const expectedFile = snapshotFile(file);
            if (updating) {
                fs.mkdirSync(path.dirname(expectedFile), { recursive: true });
                fs.writeFileSync(expectedFile, actual);
                return;
            }
            assert.ok(fs.existsSync(expectedFile),
                `${file} has no token snapshot (${relativeToExtension(expectedFile)}). ` +
                "Run `npm run test:update` in vscode-extension and commit the new snapshot.");
            const expected = fs.readFileSync(expectedFile, "utf8");
            if (actual !== expected) {
                assert.fail(`${file}: tokens differ from ${relativeToExtension(expectedFile)}.\n` +
                    "If the change is intended, run `npm run test:update` in vscode-extension and review `git diff test/snapshots`.\n" +
                    firstDifference(expected, actual));
            }
        });
    }

    test("no snapshot is left without its file", () => {
        const wanted = new Set(files.map(snapshotFile));
        const present = fs.existsSync(snapshotsFolder)
            ? fs.readdirSync(snapshotsFolder, { recursive: true }).map(f => path.join(snapshotsFolder, f)).filter(f => f.endsWith(".tokens"))
            : [];
        const stale = present.filter(f => !wanted.has(f));
        if (updating) {
            stale.forEach(f => fs.rmSync(f));
            return;
        }
        assert.deepEqual(stale.map(relativeToExtension), [], "snapshots of files that no longer exist: run `npm run test:update`");
    });

    // Files the compiler accepts must not contain anything the grammar marks invalid, and
    // every comment and string must be scoped as one from its first character.
    for (const file of files.filter(f => !f.endsWith("bad-input.rasdl"))) {
        test(`${file}: no invalid token, comments and strings scoped`, async () => {
            const grammar = await loadGrammar();
            const lines = tokenise(grammar, fs.readFileSync(path.join(repositoryRoot, file), "utf8"));
            lines.forEach(({ line, tokens }, index) => {
                for (const token of tokens) {
                    assert.ok(!token.scopes.some(s => s.startsWith("invalid")), `${file}:${index + 1}: "${token.text}" is invalid in: ${line}`);
                }
                const comment = line.indexOf("//");
                if (comment >= 0 && !inString(line, comment)) {
                    const at = tokens.find(t => t.start <= comment && comment < t.start + t.text.length);
                    assert.ok(at?.scopes.some(s => s.startsWith("comment.line")), `${file}:${index + 1}: the // comment is not scoped as a comment`);
                }
            });
        });
    }
});

function inString(line, index) {
    let quotes = 0;
    for (let i = 0; i < index; i++) {
        if (line[i] === "\\") {
            i++;
        } else if (line[i] === "\"") {
            quotes++;
        }
    }
    return quotes % 2 === 1;
}

function firstDifference(expected, actual) {
    const a = expected.split("\n");
    const b = actual.split("\n");
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i]) {
            return `first difference at snapshot line ${i + 1}:\n  expected: ${a[i] ?? "(end)"}\n  actual:   ${b[i] ?? "(end)"}`;
        }
    }
    return "";
}
