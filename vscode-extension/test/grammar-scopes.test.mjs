// What the grammar gives each construct, checked on single lines with the real TextMate
// engine, and that it knows every word of the compiler's vocabulary (`rasdl vocabulary`).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { readJson } from "./helpers/paths.mjs";
import { vocabulary } from "./helpers/rasdl.mjs";
import { loadGrammar, scopesOf, tokenise } from "./helpers/textmate.mjs";

let grammar;
before(async () => { grammar = await loadGrammar(); });

const line = text => tokenise(grammar, text)[0];
const has = (scopes, prefix) => scopes.some(s => s === prefix || s.startsWith(prefix + "."));
const assertScope = (scopes, prefix, what) => assert.ok(has(scopes, prefix), `${what}: expected ${prefix}, got ${scopes.join(" ")}`);

describe("grammar scopes", () => {
    test("line comment, also after code", () => {
        const l = line("on ur -> drop; // a comment with -> and \"quotes\"");
        assertScope(scopesOf(l, "//"), "comment.line.double-slash", "//");
        assertScope(scopesOf(l, " a comment with -> and \"quotes\""), "comment.line.double-slash", "comment text");
        assertScope(scopesOf(l, "ur"), "support.constant.error", "ur before the comment");
    });

    test("block comment spanning lines, and code after it", () => {
        const lines = tokenise(grammar, "/* first\n block rc0 : cpu\n end */ block x : cpu {");
        assertScope(scopesOf(lines[1], " block rc0 : cpu"), "comment.block", "inside the comment");
        assertScope(scopesOf(lines[2], "*/"), "comment.block", "*/");
        assertScope(scopesOf(lines[2], "block"), "storage.type.block", "block after the comment");
    });

    test("strings, escapes, and an unterminated string ending at the end of its line", () => {
        const l = line("doc \"say \\\"hi\\\" \\\\ now\";");
        assertScope(scopesOf(l, "\\\""), "constant.character.escape", "escaped quote");
        assertScope(scopesOf(l, "\\\\"), "constant.character.escape", "escaped backslash");
        assertScope(scopesOf(l, ";"), "punctuation.terminator", "; after the string");
        const lines = tokenise(grammar, "doc \"open\n on ur -> drop;");
        assertScope(scopesOf(lines[1], "on"), "keyword.other", "the next line is code again");
    });

    test("numbers: decimal, size literals with their unit, hexadecimal with separators", () => {
        const l = line("region r mmio size 64M at 0x4000_0000;");
        assertScope(scopesOf(l, "64"), "constant.numeric.size", "64 of 64M");
        assertScope(scopesOf(l, "M"), "keyword.other.unit", "M of 64M");
        assertScope(scopesOf(l, "0x4000_0000"), "constant.numeric.hex", "hex");
        for (const size of ["4K", "1G", "2T", "1_024M"]) {
            assertScope(scopesOf(line(`size ${size};`), size.slice(0, -1)), "constant.numeric.size", size);
        }
        assertScope(scopesOf(line("size 4096;"), "4096"), "constant.numeric.decimal", "4096");
        assert.ok(!line("size 64Q;").tokens.some(t => has(t.scopes, "constant.numeric")), "64Q is not a number");
    });

    test("declarations name what they declare", () => {
        assertScope(scopesOf(line("platform srv {"), "srv"), "entity.name.type.platform", "platform name");
        assertScope(scopesOf(line("block rc0 : root_port {"), "rc0"), "entity.name.type.block", "block name");
        assertScope(scopesOf(line("endpoint gpu0 : pcie_endpoint under rc0 {"), "gpu0"), "entity.name.type.endpoint", "endpoint name");
        assertScope(scopesOf(line("endpoint gpu0 : pcie_endpoint under rc0 {"), "rc0"), "entity.other.inherited-class", "parent");
        assertScope(scopesOf(line("hypervisor kvm_x {"), "kvm_x"), "entity.name.type.hypervisor", "hypervisor declaration");
        assertScope(scopesOf(line("profile p { hypervisor kvm_6_8; }"), "kvm_6_8"), "entity.other.reference.hypervisor", "hypervisor reference");
        assertScope(scopesOf(line("profile p { hypervisor kvm_6_8; }"), "p"), "entity.name.type.profile", "profile name");
        assertScope(scopesOf(line("region bar0 mmio;"), "bar0"), "entity.name.variable.region", "region name");
        const assign = line("assign gpu0.bar0 to guest via vfio_pci;");
        assertScope(scopesOf(assign, "gpu0"), "entity.other.reference.endpoint", "assigned endpoint");
        assertScope(scopesOf(assign, "bar0"), "variable.other.member.region", "assigned region");
        assertScope(scopesOf(assign, "vfio_pci"), "support.constant.driver", "driver");
        const route = tokenise(grammar, "route core -> mesh // the fabric\n  -> rc0; block x : cpu {");
        assertScope(scopesOf(route[0], "core"), "entity.other.reference.block", "route start");
        assertScope(scopesOf(route[0], "mesh"), "entity.other.reference.block", "route member");
        assertScope(scopesOf(route[0], "//"), "comment.line", "comment inside a route");
        assertScope(scopesOf(route[1], "rc0"), "entity.other.reference.block", "route member on the next line");
        assertScope(scopesOf(route[1], "block"), "storage.type.block", "after the route's ;");
    });

    test("rules: error, filter, arrow, outcome; serror and irq arguments have their own vocabulary", () => {
        const rule = line("on any (write, device) -> serror(any);");
        assertScope(scopesOf(rule, "any"), "support.constant.error", "`any` as the error");
        assertScope(scopesOf(rule, "any", 10), "support.constant.severity", "`any` as the severity");
        assertScope(scopesOf(rule, "->"), "keyword.operator.arrow", "->");
        assertScope(scopesOf(rule, "serror"), "support.function.outcome", "serror");
        assertScope(scopesOf(rule, "device"), "support.type.memory-type", "device");
        assertScope(scopesOf(line("on ur -> irq(aer);"), "aer"), "support.constant.interrupt", "irq argument");
    });

    test("sound verdicts: signals beside a response, claims, the firmware block, contexts", () => {
        const rule = line("on cto (read) -> all_ones, irq(aer);");
        assertScope(scopesOf(rule, "all_ones"), "support.function.outcome", "the response");
        assertScope(scopesOf(rule, "aer"), "support.constant.interrupt", "the signal's kind");
        const claim = line("claim serror_in_guest (write, gathered);");
        assertScope(scopesOf(claim, "claim"), "keyword.other", "claim");
        assertScope(scopesOf(claim, "serror_in_guest"), "support.constant.claim", "the claim");
        assertScope(scopesOf(claim, "gathered"), "support.constant.access", "a claimed access");
        const firmware = line("on serror (uc, ueu) -> fatal;");
        assertScope(scopesOf(firmware, "ueu"), "support.constant.severity", "a firmware rule's severity filter");
        assertScope(scopesOf(firmware, "fatal"), "support.function.outcome", "a CPER severity");
        const treatment = line("on serror(any) when firmware_first, guest -> firmware;");
        assertScope(scopesOf(treatment, "firmware_first"), "support.constant.feature", "firmware_first");
        assertScope(scopesOf(treatment, "guest"), "support.constant.context", "a context");
        assertScope(scopesOf(line("stage2 vfio_pci_cacheable when fwb -> refused;"), "refused"), "support.type.stage2-attribute", "refused");
    });

    test("characters the compiler rejects are invalid, vocabulary inside identifiers is not", () => {
        assertScope(scopesOf(line("on ur -> drop @;"), "@"), "invalid.illegal", "@");
        const l = line("block my_cpu_ur : cpu {");
        assert.ok(!has(scopesOf(l, "my_cpu_ur"), "support"), "a name that contains vocabulary words is one name");
    });

    test("every keyword and vocabulary word of `rasdl vocabulary` has its category's scope", () => {
        // Category (as `rasdl vocabulary` names it) -> the scope the grammar gives it.
        const expected = {
            "keyword": ["keyword", "storage.type"],
            "block kind": ["support.type.block-kind"],
            "endpoint kind": ["support.type.endpoint-kind"],
            "error": ["support.constant.error"],
            "access kind": ["support.constant.access"],
            "memory type": ["support.type.memory-type"],
            "outcome": ["support.function.outcome"],
            "SError severity": ["support.constant.severity"],
            "interrupt kind": ["support.constant.interrupt"],
            "feature": ["support.constant.feature"],
            "context": ["support.constant.context"],
            "claim": ["support.constant.claim"],
            "driver": ["support.constant.driver"],
            "stage-2 attribute": ["support.type.stage2-attribute"],
            "hypervisor action": ["support.constant.action"],
            "address space": ["support.type.address-space"],
            "region attribute": ["storage.modifier.region-attribute"],
        };
        const words = vocabulary();
        assert.ok(words.length > 50, `rasdl vocabulary listed only ${words.length} words`);
        const categoriesOf = new Map();
        for (const { word, category } of words) {
            assert.ok(expected[category], `rasdl vocabulary has a category the grammar does not know: "${category}" (word "${word}"). Add it to syntaxes/rasdl.tmLanguage.json and to this test.`);
            categoriesOf.set(word, [...(categoriesOf.get(word) ?? []), category]);
        }
        const missing = [];
        for (const [word, categories] of categoriesOf) {
            // Severities and interrupt kinds are arguments of serror(...) and irq(...).
            const text = categories.includes("SError severity") && categories.length > 1 ? `serror(${word})`
                : categories.includes("interrupt kind") && categories.length > 1 ? `irq(${word})`
                : word;
            const scopes = scopesOf(line(text), word);
            const accepted = categories.flatMap(c => expected[c]);
            if (!accepted.some(prefix => has(scopes, prefix))) {
                missing.push(`${word} (${categories.join(", ")}): got ${scopes.join(" ")}`);
            }
        }
        assert.deepEqual(missing, [], "words the grammar does not colour as their category (add them to syntaxes/rasdl.tmLanguage.json)");
    });

    test("the grammar lists no word the compiler does not know", () => {
        const known = new Set(vocabulary().map(w => w.word));
        const grammarJson = readJson("syntaxes/rasdl.tmLanguage.json");
        const listed = [
            ...grammarJson.repository.vocabulary.patterns,
            ...grammarJson.repository.keywords.patterns,
            ...grammarJson.repository["outcome-with-arguments"].patterns.flatMap(p => p.patterns),
        ].flatMap(p => (p.match ?? "").match(/(?<=\(\?:|\|)[A-Za-z_0-9]+(?=\||\))|(?<=\\b)[a-z_0-9]+(?=\\b)/g) ?? []);
        assert.ok(listed.length > 50, `read only ${listed.length} words from the grammar`);
        const unknown = [...new Set(listed)].filter(w => !known.has(w));
        assert.deepEqual(unknown, [], "words in syntaxes/rasdl.tmLanguage.json that `rasdl vocabulary` does not list");
    });
});
