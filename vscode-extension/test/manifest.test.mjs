// package.json's contributions, the snippets and the language configuration: each file
// parses, every path it names exists, the pieces agree with each other and with the code,
// and the snippets expand to RASDL the real compiler accepts.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { extensionRoot, readJson } from "./helpers/paths.mjs";
import { rasdl } from "./helpers/rasdl.mjs";
import { loadGrammar, tokenise } from "./helpers/textmate.mjs";

const manifest = readJson("package.json");
const contributes = manifest.contributes;
const extensionSource = fs.readFileSync(path.join(extensionRoot, "src", "extension.ts"), "utf8");

describe("package.json", () => {
    test("names the bundled entry point, an engine vscode-languageclient 11 supports, and activates on .rasdl", () => {
        assert.equal(manifest.main, "./out/extension.js");
        assert.match(manifest.engines.vscode, /^\^1\.(9[1-9]|[1-9]\d\d)\./);
        const clientEngine = readJson("node_modules/vscode-languageclient/package.json").engines.vscode;
        assert.equal(manifest.engines.vscode, clientEngine, "the extension's VS Code engine is the client library's");
        assert.ok(manifest.activationEvents.includes("onLanguage:rasdl"));
        assert.ok(manifest.activationEvents.includes("workspaceContains:**/*.rasdl"));
        assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
        assert.equal(manifest.dependencies["vscode-languageclient"].split(".")[0], "11");
    });

    test("a workspace's settings cannot choose the server program (rasdl.server.path is machine-scoped)", () => {
        // machine-overridable would let a repository's .vscode/settings.json point the extension at a program inside it.
        assert.equal(contributes.configuration.properties["rasdl.server.path"].scope, "machine");
    });

    test("contributes the rasdl language for .rasdl files with its configuration", () => {
        assert.equal(contributes.languages.length, 1);
        const [language] = contributes.languages;
        assert.equal(language.id, "rasdl");
        assert.deepEqual(language.extensions, [".rasdl"]);
        assert.ok(fs.existsSync(path.join(extensionRoot, language.configuration)), language.configuration);
    });

    test("the grammar contribution matches the grammar file", () => {
        const [grammar] = contributes.grammars;
        assert.equal(grammar.language, "rasdl");
        const file = readJson(grammar.path);
        assert.equal(file.scopeName, grammar.scopeName);
        assert.equal(grammar.scopeName, "source.rasdl");
        for (const [name, rule] of Object.entries(file.repository)) {
            for (const pattern of rule.patterns ?? [rule]) {
                for (const key of ["match", "begin", "end"]) {
                    if (pattern[key]) {
                        // Oniguruma is a superset here, but every pattern of this grammar is also valid JS.
                        assert.doesNotThrow(() => new RegExp(pattern[key]), `${name}.${key}: ${pattern[key]}`);
                    }
                }
                for (const include of [pattern.include, ...(pattern.patterns ?? []).map(p => p.include)].filter(Boolean)) {
                    assert.ok(file.repository[include.slice(1)], `${name} includes ${include}, which does not exist`);
                }
            }
        }
        for (const { include } of file.patterns) {
            assert.ok(file.repository[include.slice(1)], `top-level include ${include} does not exist`);
        }
    });

    test("settings: rasdl.server.path, rasdl.trace.server, rasdl.defaultProfile, and the code reads only declared ones", () => {
        const properties = contributes.configuration.properties;
        assert.deepEqual(Object.keys(properties).sort(), ["rasdl.defaultProfile", "rasdl.server.path", "rasdl.trace.server"]);
        assert.equal(properties["rasdl.server.path"].type, "string");
        assert.deepEqual(properties["rasdl.trace.server"].enum, ["off", "messages", "verbose"]);
        assert.equal(properties["rasdl.trace.server"].default, "off");
        assert.equal(properties["rasdl.defaultProfile"].type, "string");
        for (const property of Object.values(properties)) {
            assert.ok((property.description ?? property.markdownDescription ?? "").length > 20);
        }
        const read = [...extensionSource.matchAll(/get<[^>]+>\("([^"]+)"/g)].map(m => `rasdl.${m[1]}`);
        assert.ok(read.length >= 2);
        for (const key of read) {
            assert.ok(properties[key], `src/extension.ts reads ${key}, which package.json does not declare`);
        }
    });

    test("commands: each contributed command is registered by the extension, and each registered one is contributed", () => {
        const contributed = contributes.commands.map(c => c.command).sort();
        assert.deepEqual(contributed, ["rasdl.explainDiagnostic", "rasdl.restartServer", "rasdl.showContainmentReport", "rasdl.showWitness"]);
        const registered = [...extensionSource.matchAll(/registerCommand\("([^"]+)"/g)].map(m => m[1]).sort();
        assert.deepEqual(registered, contributed);
        const titles = Object.fromEntries(contributes.commands.map(c => [c.command, `${c.category}: ${c.title}`]));
        assert.equal(titles["rasdl.restartServer"], "RASDL: Restart Server");
        assert.equal(titles["rasdl.showContainmentReport"], "RASDL: Show Containment Report");
        assert.equal(titles["rasdl.explainDiagnostic"], "RASDL: Explain Diagnostic");
        // The witness command is run by the server's code lenses, not by hand: hidden from the palette.
        assert.ok(contributes.menus.commandPalette.some(m => m.command === "rasdl.showWitness" && m.when === "false"));
        for (const menu of Object.values(contributes.menus).flat()) {
            assert.ok(contributed.includes(menu.command), `menu entry for unknown command ${menu.command}`);
        }
    });
});

describe("language-configuration.json", () => {
    const configuration = readJson("language-configuration.json");

    test("comments, brackets, auto-closing and surrounding pairs", () => {
        assert.deepEqual(configuration.comments, { lineComment: "//", blockComment: ["/*", "*/"] });
        assert.deepEqual(configuration.brackets, [["{", "}"], ["(", ")"]]);
        const opens = configuration.autoClosingPairs.map(p => p.open);
        for (const open of ["{", "(", "\""]) {
            assert.ok(opens.includes(open), `no auto-closing pair for ${open}`);
        }
        assert.ok(configuration.surroundingPairs.length >= 3);
    });

    test("indentation rules and folding markers are regular expressions that do what they say", () => {
        const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
        assert.ok(increase.test("block rc0 : root_port {"));
        assert.ok(!increase.test("profile p { hypervisor kvm_6_8; }"));
        assert.ok(decrease.test("    }"));
        const start = new RegExp(configuration.folding.markers.start);
        const end = new RegExp(configuration.folding.markers.end);
        assert.ok(start.test("// region root ports") && start.test("  //#region"));
        assert.ok(end.test("// endregion") && !end.test("region bar0 mmio;"));
    });

    test("the word pattern keeps vocabulary words, sizes and hex numbers whole", () => {
        const word = new RegExp(`^(?:${configuration.wordPattern})$`);
        for (const text of ["device_nGnRE", "kvm_6_8", "64M", "0x4000_0000", "4096"]) {
            assert.ok(word.test(text), text);
        }
        assert.ok(!word.test("a->b"));
    });
});

describe("snippets", () => {
    const snippets = readJson(contributes.snippets[0].path);

    test("every snippet has a prefix, a body, a description, and balanced placeholders", () => {
        assert.equal(contributes.snippets[0].language, "rasdl");
        for (const [name, snippet] of Object.entries(snippets)) {
            assert.ok(snippet.prefix && snippet.description && snippet.body, name);
            const body = [snippet.body].flat().join("\n");
            let depth = 0;
            for (const match of body.matchAll(/\$\{|\}/g)) {
                depth += match[0] === "${" ? 1 : 0;
                if (match[0] === "}" && depth > 0) {
                    depth--;
                }
            }
            assert.equal(depth, 0, `${name}: unbalanced \${...}`);
        }
    });

    test("the platform, cpu block, root port, endpoint, route and profile snippets exist", () => {
        const prefixes = Object.values(snippets).flatMap(s => [s.prefix].flat());
        for (const prefix of ["platform", "cpu", "root_port", "endpoint", "route", "profile"]) {
            assert.ok(prefixes.includes(prefix), `no snippet with prefix ${prefix}`);
        }
    });

    test("expanded with their defaults, the snippets make a platform the compiler checks without a diagnostic", async () => {
        const text = ["import \"std/kvm.rasdl\";", ...Object.values(snippets).filter(s => s.prefix !== "on").map(s => expand([s.body].flat().join("\n")))].join("\n");
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-snippets-"));
        fs.writeFileSync(path.join(folder, "snippets.rasdl"), text);
        const result = rasdl(["check", "snippets.rasdl"], { cwd: folder });
        assert.equal(result.status, 0, `rasdl check on the expanded snippets:\n${result.stdout}${result.stderr}\n---\n${text}`);
        assert.match(result.stdout, /0 errors, 0 warnings/, `${result.stdout}\n---\n${text}`);
        const grammar = await loadGrammar();
        for (const { tokens, line } of tokenise(grammar, text)) {
            assert.ok(!tokens.some(t => t.scopes.some(s => s.startsWith("invalid"))), line);
        }
    });
});

/** A snippet body with each placeholder replaced by its default (the first choice of a choice). */
function expand(body) {
    let text = body;
    for (let previous = ""; previous !== text;) {
        previous = text;
        text = text
            .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, "$1")
            .replace(/\$\{\d+:([^${}]*)\}/g, "$1")
            .replace(/\$\{\d+\}|\$\d+/g, "");
    }
    return text.replace(/\t/g, "    ");
}
