// The containment graph view: the server's rasdl/containmentGraph answer (the real server from
// the .vsix), and the view's page (out/graphPage.js) loaded in a real headless Chromium with
// that answer, as the webview would get it: the SVG is drawn, the profiles are offered, and a
// click on a node or a profile change is posted back to the extension.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileUri, startServer } from "./helpers/lsp.mjs";
import { extensionRoot, repositoryRoot } from "./helpers/paths.mjs";
import { installVsix } from "./helpers/vsix.mjs";

const require = createRequire(import.meta.url);
const page = require(path.join(extensionRoot, "out", "graphPage.js"));

const example = path.join(repositoryRoot, "examples", "nc-only", "nc-only.rasdl");

/** Loads `html` in headless Chromium (fresh profile, no network features) and returns the DOM once its timers have run. */
function renderedDom(html) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-graph-page-"));
    try {
        const file = path.join(folder, "page.html");
        fs.writeFileSync(file, html);
        const result = spawnSync("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            `--user-data-dir=${path.join(folder, "profile")}`, "--virtual-time-budget=5000", "--dump-dom", fileUri(file),
        ], { encoding: "utf8", timeout: 90_000 });
        assert.equal(result.status, 0, `chromium failed: ${result.error ?? ""}${result.stderr}`);
        return result.stdout;
    } finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
}

describe("containment graph view", () => {
    let server;
    let graph;

    before(async () => {
        server = startServer(await installVsix());
        await server.connection.sendRequest("initialize", { processId: process.pid, rootUri: fileUri(repositoryRoot), capabilities: {} });
        await server.connection.sendNotification("initialized", {});
        const uri = fileUri(example);
        await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "rasdl", version: 1, text: fs.readFileSync(example, "utf8") } });
        graph = await server.connection.sendRequest(page.graphRequest, { textDocument: { uri }, profile: "production" });
    });

    after(() => {
        if (server && server.child.exitCode === null) {
            server.child.kill();
        }
    });

    test("the server answers with the SVG, the profiles and where every node and edge is declared", () => {
        assert.deepEqual(graph.profiles, ["legacy", "production"]);
        assert.equal(graph.profile, "production");
        assert.match(graph.svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        const rp0 = page.elementById(graph, "block:rp0");
        assert.equal(rp0.location.uri, fileUri(example));
        assert.match(fs.readFileSync(example, "utf8").split("\n")[rp0.location.range.start.line], /block rp0/);
        for (const edge of graph.edges) {
            assert.ok(graph.svg.includes(`data-id="${edge.id}"`), edge.id);
        }
    });

    test("the page allows no network and runs only its own script", () => {
        const html = page.graphPageHtml("abc123");
        assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-abc123'; img-src data:"/);
        assert.doesNotMatch(html, /https?:\/\//);
    });

    test("in a browser the page draws the graph it is sent, offers the profiles and posts clicks back", () => {
        const nonce = "test-nonce";
        // The webview's API, as VS Code injects it: messages posted go into the page for the test to read.
        const host = `<script nonce="${nonce}">
            window.posted = [];
            window.acquireVsCodeApi = () => ({ postMessage: message => window.posted.push(message) });
        </script>`;
        const driver = `<script nonce="${nonce}">
            window.postMessage(${JSON.stringify({ type: "graph", file: "nc-only.rasdl", graph })}, "*");
            setTimeout(() => {
                document.querySelector('[data-id="block:rp0"] rect').dispatchEvent(new MouseEvent("click", { bubbles: true }));
                const picker = document.getElementById("profile");
                const shown = { profiles: [...picker.options].map(o => o.value), selected: picker.value };
                picker.value = "legacy";
                picker.dispatchEvent(new Event("change"));
                const out = document.createElement("pre");
                out.id = "posted";
                out.textContent = JSON.stringify({ ...shown, posted: window.posted });
                document.body.appendChild(out);
            }, 100);
        </script>`;
        const html = page.graphPageHtml(nonce).replace("<script nonce", `${host}\n<script nonce`).replace("</body>", `${driver}\n</body>`);

        const dom = renderedDom(html);

        assert.match(dom, /<div id="graph"><svg [^>]*class="rasdl-graph"/);
        assert.match(dom, /<span id="file">nc-only.rasdl<\/span>/);
        const seen = JSON.parse(dom.match(/<pre id="posted">(.*?)<\/pre>/s)[1].replaceAll("&quot;", "\""));
        assert.deepEqual(seen.profiles, ["legacy", "production"]);
        assert.equal(seen.selected, "production");
        assert.deepEqual(seen.posted, [{ type: "ready" }, { type: "reveal", id: "block:rp0" }, { type: "profile", profile: "legacy" }]);
    });

    test("messages from the page are checked before use", () => {
        assert.deepEqual(page.parsePageMessage({ type: "reveal", id: "block:rp0" }), { type: "reveal", id: "block:rp0" });
        assert.equal(page.parsePageMessage({ type: "reveal", id: 7 }), undefined);
        assert.equal(page.parsePageMessage("ready"), undefined);
        assert.equal(page.parsePageMessage(null), undefined);
        assert.equal(page.elementById(graph, "no such id"), undefined);
    });
});
