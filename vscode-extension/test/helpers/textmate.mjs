// The real TextMate engine VS Code uses (vscode-textmate on the Oniguruma WebAssembly build),
// loaded with the extension's grammar.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { extensionRoot } from "./paths.mjs";

const require = createRequire(import.meta.url);
const grammarFile = path.join(extensionRoot, "syntaxes", "rasdl.tmLanguage.json");
let loaded;

/** The RASDL grammar, loaded once. */
export async function loadGrammar() {
    if (!loaded) {
        loaded = (async () => {
            const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
            await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
            const registry = new vsctm.Registry({
                onigLib: Promise.resolve({
                    createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
                    createOnigString: text => new oniguruma.OnigString(text),
                }),
                loadGrammar: async scopeName => scopeName === "source.rasdl"
                    ? vsctm.parseRawGrammar(fs.readFileSync(grammarFile, "utf8"), grammarFile)
                    : null,
            });
            const grammar = await registry.loadGrammar("source.rasdl");
            if (!grammar) {
                throw new Error("vscode-textmate did not load source.rasdl");
            }
            return grammar;
        })();
    }
    return loaded;
}

/** Tokenises `text` line by line, carrying the rule stack as VS Code does. */
export function tokenise(grammar, text) {
    let state = vsctm.INITIAL;
    return text.split(/\r?\n/).map(line => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return {
            line,
            tokens: result.tokens.map(token => ({
                text: line.slice(token.startIndex, token.endIndex),
                start: token.startIndex,
                scopes: token.scopes,
            })),
        };
    });
}

/** The scopes of the first token whose text is `text` (after `from` on the line). */
export function scopesOf(lineTokens, text, from = 0) {
    const token = lineTokens.tokens.find(t => t.text === text && t.start >= from);
    if (!token) {
        throw new Error(`no token "${text}" in: ${lineTokens.line}\n${describe(lineTokens)}`);
    }
    return token.scopes;
}

export function describe(lineTokens) {
    return lineTokens.tokens.map(t => `  ${JSON.stringify(t.text)} ${t.scopes.join(" ")}`).join("\n");
}

/** The snapshot text of a file: each line, then each token that is not bare whitespace. */
export function snapshot(grammar, text) {
    const out = [];
    for (const { line, tokens } of tokenise(grammar, text)) {
        out.push(`> ${line}`);
        for (const token of tokens) {
            const scopes = token.scopes.filter(s => s !== "source.rasdl");
            if (token.text.trim().length === 0 && scopes.length === 0) {
                continue;
            }
            out.push(`  ${" ".repeat(token.start)}${"^".repeat(Math.max(1, token.text.length))} ${scopes.join(" ") || "(source)"}`);
        }
    }
    return out.join("\n") + "\n";
}
