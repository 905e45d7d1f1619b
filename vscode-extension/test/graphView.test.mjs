// The containment graph view: the server's rasdl/containmentGraph answer (the real server from
// the .vsix), its layout by dagre (out/graphLayout.js), and the view's page (out/graphPage.js
// with the bundled script media/containmentGraph.js) loaded in a real headless Chromium with
// that answer, as the webview would get it: the SVG is drawn from the layout with every block,
// conversion and the worst path, the profiles and regions are offered, and a click on a node
// or a pick is posted back to the extension.
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
const layout = require(path.join(extensionRoot, "out", "graphLayout.js"));
const media = path.join(extensionRoot, "media");

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

    test("the server answers with the graph as data: kinds, verdicts, conversions, the worst path and where each is declared", () => {
        assert.deepEqual(graph.profiles, ["legacy", "production"]);
        assert.equal(graph.profile, "production");
        assert.equal(graph.svg, undefined, "the view draws the graph itself");
        const rp0 = page.elementById(graph, "block:rp0");
        assert.equal(rp0.location.uri, fileUri(example));
        assert.equal(rp0.kind, "block");
        assert.equal(rp0.kindWord, "root_port");
        assert.match(fs.readFileSync(example, "utf8").split("\n")[rp0.location.range.start.line], /block rp0/);
        assert.deepEqual(new Set(graph.nodes.map(n => n.kind)), new Set(["hypervisor", "block", "endpoint"]));
        assert.deepEqual(graph.legend.map(l => l.verdict), ["uncontained", "contained-in-vm", "contained-in-device", "not-reached"]);
        const ids = new Set(graph.nodes.map(n => n.id));
        for (const edge of graph.edges) {
            assert.ok(ids.has(edge.from) && ids.has(edge.to), edge.id);
            assert.equal(edge.label, edge.conversions.join("; "));
        }
        assert.ok(graph.worstPath, "nc-only's production profile has a worst path");
        assert.ok(graph.nodes.some(n => n.onWorstPath) && graph.edges.some(e => e.onWorstPath));
    });

    test("dagre lays the graph out in layers: endpoints at the bottom, the hypervisor at the top, every edge routed and labelled", () => {
        const drawing = layout.layOut(graph);
        const top = box => drawing.nodes.get(box.id).y;
        const hypervisor = graph.nodes.find(n => n.kind === "hypervisor");
        for (const node of graph.nodes.filter(n => n.kind !== "hypervisor")) {
            assert.ok(top(hypervisor) < top(node), `${node.id} is below the hypervisor`);
        }
        for (const endpoint of graph.nodes.filter(n => n.kind === "endpoint")) {
            for (const block of graph.nodes.filter(n => n.kind === "block")) {
                assert.ok(top(block) < top(endpoint), `${endpoint.id} is below ${block.id}`);
            }
        }
        for (const edge of graph.edges) {
            const laid = drawing.edges.get(edge.id);
            assert.ok(laid.points.length >= 2, edge.id);
            assert.equal(laid.label !== undefined, edge.conversions.length > 0, edge.id);
        }
        // No label covers a node.
        const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        for (const { label } of drawing.edges.values()) {
            for (const [id, node] of drawing.nodes) {
                assert.ok(!label || !overlaps(label, node), `a label covers ${id}`);
            }
        }
        assert.ok(drawing.width > 0 && drawing.height > 0);
    });

    test("a graph too large to lay out is narrowed to the worst path's region, and the notice says so", () => {
        const node = i => ({ ...graph.nodes[0], id: `endpoint:e${i}`, label: `e${i}`, kind: "endpoint" });
        const large = { ...graph, worstPathRegion: "e7.bar0", nodes: Array.from({ length: page.layoutLimit + 1 }, (_, i) => node(i)) };
        assert.equal(page.tooLargeToLayOut(graph), false);
        assert.equal(page.tooLargeToLayOut(large), true);
        assert.equal(page.regionToNarrowTo(large), "e7.bar0");
        assert.equal(page.regionToNarrowTo({ ...large, worstPathRegion: null, regions: ["a.r", "b.r"] }), "a.r");
        assert.match(page.narrowedNotice(large, "e7.bar0"), new RegExp(`^The whole platform has ${page.layoutLimit + 1} blocks and endpoints, .*showing the routes of e7\\.bar0 \\(the worst path's region\\)\\. .*rasdl graph`));
    });

    test("through the real server, a platform too large to lay out is narrowed to the worst path's region, with the notice", async () => {
        // nc-only with 320 more endpoints under its root port: more nodes than the page lays out.
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-graph-large-"));
        try {
            const file = path.join(folder, "large.rasdl");
            const extra = Array.from({ length: 320 }, (_, i) => `endpoint nic${i} : pcie_endpoint under rp0 { region bar0 mmio size 4K; faults ur; }`);
            fs.writeFileSync(file, `${fs.readFileSync(example, "utf8")}\n${extra.join("\n")}\n`);
            const uri = fileUri(file);
            await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "rasdl", version: 1, text: fs.readFileSync(file, "utf8") } });
            const asked = [];
            const ask = region => {
                asked.push(region ?? null);
                return server.connection.sendRequest(page.graphRequest, { textDocument: { uri }, profile: "production", region: region ?? null });
            };

            const drawable = await page.drawableGraph(ask, undefined);

            assert.deepEqual(asked, [null, graph.worstPathRegion]);
            assert.equal(drawable.region, graph.worstPathRegion);
            assert.equal(drawable.graph.region, graph.worstPathRegion);
            assert.equal(page.tooLargeToLayOut(drawable.graph), false);
            assert.ok(drawable.graph.nodes.every(n => !n.id.startsWith("endpoint:nic")), "only the region's endpoint is drawn");
            assert.match(drawable.notice, /^The whole platform has 32\d blocks and endpoints, more than the 300 this view lays out: showing the routes of /);
            // A region picked is drawn as asked, without a notice.
            const picked = await page.drawableGraph(ask, "fpga0.stream");
            assert.equal(picked.graph.region, "fpga0.stream");
            assert.equal(picked.notice, undefined);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    test("the page allows no network: its script and style sheet come from the extension's files", () => {
        const html = page.graphPageHtml({ nonce: "abc123", cspSource: "vscode-resource:", script: "vscode-resource:/media/containmentGraph.js", style: "vscode-resource:/media/containmentGraph.css" });
        assert.match(html, /content="default-src 'none'; style-src vscode-resource:; script-src 'nonce-abc123'; img-src vscode-resource: data:"/);
        assert.match(html, /<script nonce="abc123" src="vscode-resource:\/media\/containmentGraph.js"><\/script>/);
        assert.match(html, /<link rel="stylesheet" href="vscode-resource:\/media\/containmentGraph.css">/);
        assert.doesNotMatch(html, /https?:\/\//);
        assert.doesNotMatch(fs.readFileSync(path.join(media, "containmentGraph.js"), "utf8"), /\b(fetch|XMLHttpRequest|importScripts)\(/, "the bundle loads nothing");
    });

    test("in a browser the page lays the graph out and draws every block, conversion and the worst path, and posts clicks and picks back", () => {
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
                // A click on an edge's label text reveals the edge's rule.
                const conversion = document.querySelector(".edge.worst-path .conversion");
                conversion?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
                const picker = document.getElementById("profile");
                const regions = document.getElementById("region");
                const shown = { profiles: [...picker.options].map(o => o.value), selected: picker.value, regions: [...regions.options].map(o => o.value), edge: conversion?.closest("[data-id]").getAttribute("data-id") };
                picker.value = "legacy";
                picker.dispatchEvent(new Event("change"));
                regions.value = regions.options[1].value;
                regions.dispatchEvent(new Event("change"));
                const out = document.createElement("pre");
                out.id = "posted";
                out.textContent = JSON.stringify({ ...shown, posted: window.posted });
                document.body.appendChild(out);
            }, 100);
        </script>`;
        const html = page.graphPageHtml({ nonce, cspSource: "file:", script: fileUri(path.join(media, "containmentGraph.js")), style: fileUri(path.join(media, "containmentGraph.css")) })
            .replace("<script nonce", `${host}\n<script nonce`).replace("</body>", `${driver}\n</body>`);

        const dom = renderedDom(html);

        assert.match(dom, /<div id="graph"><svg class="rasdl-graph"/);
        assert.match(dom, /<span id="file">nc-only.rasdl<\/span>/);
        const svg = dom.match(/<svg class="rasdl-graph".*<\/svg>/s)[0];
        for (const node of graph.nodes) {
            assert.match(svg, new RegExp(`<g class="node ${node.kind} ${node.verdict}${node.onWorstPath ? " worst-path" : ""}" data-id="${node.id}">`), node.id);
            assert.ok(svg.includes(`<text class="name" `) && svg.includes(`>${node.label}</text>`), node.label);
        }
        for (const edge of graph.edges) {
            assert.ok(svg.includes(`data-id="${edge.id}"`), edge.id);
            for (const conversion of edge.conversions) {
                assert.ok(svg.includes(`>${conversion.replaceAll("&", "&amp;").replaceAll(">", "&gt;")}</text>`), conversion);
            }
        }
        const worst = [...svg.matchAll(/<g class="(?:node|edge) [^"]*worst-path" data-id="([^"]+)"/g)].map(m => m[1]);
        assert.deepEqual(new Set(worst), new Set([...graph.nodes, ...graph.edges].filter(e => e.onWorstPath).map(e => e.id)));
        assert.match(svg, /marker-end="url\(#arrow-worst-path\)"/);
        assert.match(dom, /<div id="worst-path">worst path: /);
        for (const entry of graph.legend) {
            assert.match(dom, new RegExp(`<span class="legend-item ${entry.verdict}" title="${entry.meaning}"><span class="swatch"></span>${entry.verdict}</span>`));
        }
        assert.match(dom, /<span class="legend-item worst-path" [^>]*><span class="swatch"><\/span>worst path<\/span>/);
        const seen = JSON.parse(dom.match(/<pre id="posted">(.*?)<\/pre>/s)[1].replaceAll("&quot;", "\"").replaceAll("&gt;", ">").replaceAll("&lt;", "<").replaceAll("&amp;", "&"));
        assert.deepEqual(seen.profiles, ["legacy", "production"]);
        assert.equal(seen.selected, "production");
        assert.deepEqual(seen.regions, ["", ...graph.regions]);
        assert.ok(graph.edges.find(e => e.id === seen.edge)?.onWorstPath, "an edge of the worst path was clicked");
        assert.deepEqual(seen.posted, [
            { type: "ready" },
            { type: "reveal", id: "block:rp0" },
            { type: "reveal", id: seen.edge },
            { type: "profile", profile: "legacy" },
            { type: "region", region: graph.regions[0] },
        ]);
    });

    test("in a browser the page refuses to lay out a graph too large for it, and says what to do instead", () => {
        const nonce = "test-nonce";
        const node = i => ({ ...graph.nodes[0], id: `endpoint:e${i}`, label: `e${i}`, kind: "endpoint" });
        const large = { ...graph, nodes: Array.from({ length: page.layoutLimit + 1 }, (_, i) => node(i)), edges: [] };
        const host = `<script nonce="${nonce}">window.acquireVsCodeApi = () => ({ postMessage() {} });</script>`;
        const driver = `<script nonce="${nonce}">window.postMessage(${JSON.stringify({ type: "graph", file: "large.rasdl", graph: large })}, "*");</script>`;
        const html = page.graphPageHtml({ nonce, cspSource: "file:", script: fileUri(path.join(media, "containmentGraph.js")), style: fileUri(path.join(media, "containmentGraph.css")) })
            .replace("<script nonce", `${host}\n<script nonce`).replace("</body>", `${driver}\n</body>`);

        const dom = renderedDom(html);

        assert.match(dom, /<div id="graph"><\/div>/);
        assert.match(dom, new RegExp(`<div id="empty">${page.layoutLimit + 1} blocks and endpoints: too many to lay out here\\. Pick a region above, or draw the whole platform with \`rasdl graph FILE -o graph\\.svg\`\\.</div>`));
    });

    test("messages from the page are checked before use", () => {
        assert.deepEqual(page.parsePageMessage({ type: "reveal", id: "block:rp0" }), { type: "reveal", id: "block:rp0" });
        assert.equal(page.parsePageMessage({ type: "reveal", id: 7 }), undefined);
        assert.equal(page.parsePageMessage("ready"), undefined);
        assert.equal(page.parsePageMessage(null), undefined);
        assert.equal(page.elementById(graph, "no such id"), undefined);
    });
});
