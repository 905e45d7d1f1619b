// The containment graph view's script, running in the webview: lays each graph it is sent out
// with dagre (graphLayout.ts) and draws it as SVG — nodes coloured by the worst verdict through
// them, edges labelled with their conversions, the worst path drawn thick — with the legend and
// the pickers; it reports clicks (by `data-id`) and picks to the extension. Colours come from
// the VS Code theme (media/containmentGraph.css), so the picture reads in light and dark themes.
// Bundled with dagre into media/containmentGraph.js by scripts/build.mjs.

import type { ContainmentGraphResult, ExtensionMessage, GraphEdge, GraphNode, PageMessage } from "./graphPage";
import { tooLargeToLayOut } from "./graphPage";
import { type Box, type GraphDrawing, labelLineHeight, layOut } from "./graphLayout";

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void };

const svgNamespace = "http://www.w3.org/2000/svg";
const vscode = acquireVsCodeApi();
const byId = (id: string): HTMLElement => document.getElementById(id)!;
const graphBox = byId("graph");
const profilePicker = byId("profile") as HTMLSelectElement;
const regionPicker = byId("region") as HTMLSelectElement;

window.addEventListener("message", (event: MessageEvent<ExtensionMessage>) => {
    const message = event.data;
    if (message.type === "empty") {
        show({ empty: message.text });
    } else {
        byId("file").textContent = message.file;
        fill(profilePicker, message.graph.profiles.map(p => [p, p]), message.graph.profile ?? "");
        fill(regionPicker, [["", "every region"], ...message.graph.regions.map(r => [r, r] as [string, string])], message.graph.region ?? "");
        if (tooLargeToLayOut(message.graph)) {
            const way = message.graph.regions.length > 0 ? "Pick a region above, or draw" : "Draw";
            show({ empty: `${message.graph.nodes.length} blocks and endpoints: too many to lay out here. ${way} the whole platform with \`rasdl graph FILE -o graph.svg\`.` });
            return;
        }
        show({ graph: message.graph, notice: message.notice });
    }
});

graphBox.addEventListener("click", event => {
    const element = event.target instanceof Element ? event.target.closest("[data-id]") : null;
    const id = element?.getAttribute("data-id");
    if (id) {
        vscode.postMessage({ type: "reveal", id });
    }
});
profilePicker.addEventListener("change", () => { vscode.postMessage({ type: "profile", profile: profilePicker.value }); });
regionPicker.addEventListener("change", () => { vscode.postMessage({ type: "region", region: regionPicker.value }); });
vscode.postMessage({ type: "ready" });

function show(what: { empty: string } | { graph: ContainmentGraphResult; notice: string | undefined }): void {
    const graph = "graph" in what ? what.graph : undefined;
    byId("empty").textContent = "empty" in what ? what.empty : "";
    byId("notice").textContent = "notice" in what ? what.notice ?? "" : "";
    byId("title").textContent = graph?.title ?? "";
    byId("worst-path").textContent = graph?.worstPath ? `worst path: ${graph.worstPath}` : "";
    graphBox.replaceChildren(...(graph ? [draw(graph, layOut(graph))] : []));
    const legend = (graph?.legend ?? []).map(entry => legendItem(entry.verdict, entry.verdict, entry.meaning));
    if (graph?.worstPath) {
        legend.push(legendItem("worst-path", "worst path", "the worst witness of the selection, written out below"));
    }
    byId("legend").replaceChildren(...legend);
}

function legendItem(className: string, text: string, meaning: string): HTMLElement {
    const item = document.createElement("span");
    item.className = `legend-item ${className}`;
    item.title = meaning;
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    item.append(swatch, text);
    return item;
}

function fill(picker: HTMLSelectElement, options: readonly (readonly [string, string])[], selected: string): void {
    picker.replaceChildren(...options.map(([value, text]) => {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = text;
        option.selected = value === selected;
        return option;
    }));
    picker.disabled = options.length < 2;
}

function draw(graph: ContainmentGraphResult, drawing: GraphDrawing): SVGSVGElement {
    const svg = element("svg", { class: "rasdl-graph", width: drawing.width, height: drawing.height, viewBox: `0 0 ${drawing.width} ${drawing.height}` });
    svg.append(element("title", {}, graph.title), markers(graph));
    // The worst path last, so that it is drawn over the edges it crosses.
    const edges = [...graph.edges].sort((a, b) => Number(a.onWorstPath) - Number(b.onWorstPath));
    for (const edge of edges) {
        svg.append(drawEdge(edge, drawing));
    }
    for (const node of graph.nodes) {
        const box = drawing.nodes.get(node.id);
        if (box) {
            svg.append(drawNode(node, box));
        }
    }
    return svg;
}

function markers(graph: ContainmentGraphResult): SVGDefsElement {
    const defs = element("defs", {});
    for (const verdict of [...graph.legend.map(l => l.verdict), "worst-path"]) {
        const marker = element("marker", {
            id: `arrow-${verdict}`, class: `arrow ${verdict}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
            markerUnits: "userSpaceOnUse", markerWidth: 10, markerHeight: 10, orient: "auto-start-reverse",
        });
        marker.append(element("path", { d: "M0,0 L10,5 L0,10 z" }));
        defs.append(marker);
    }
    return defs;
}

function drawNode(node: GraphNode, box: Box): SVGGElement {
    const group = element("g", { class: `node ${node.kind} ${node.verdict}${node.onWorstPath ? " worst-path" : ""}`, "data-id": node.id });
    group.append(
        element("title", {}, `${node.label} : ${node.kindWord} — ${node.verdict}`),
        element("rect", { x: box.x, y: box.y, width: box.width, height: box.height, rx: node.kind === "endpoint" ? 14 : 4 }),
        element("text", { class: "name", x: box.x + (box.width / 2), y: box.y + 18 }, node.label),
        element("text", { class: "kind", x: box.x + (box.width / 2), y: box.y + 34 }, node.kindWord),
    );
    return group;
}

function drawEdge(edge: GraphEdge, drawing: GraphDrawing): SVGGElement {
    const laid = drawing.edges.get(edge.id);
    const verdict = edge.onWorstPath ? "worst-path" : edge.verdict;
    const group = element("g", { class: `edge ${edge.verdict}${edge.onWorstPath ? " worst-path" : ""}`, "data-id": edge.id, "data-from": edge.from, "data-to": edge.to });
    group.append(element("title", {}, edge.conversions.join("\n") || `${edge.from} → ${edge.to}`));
    const points = laid?.points ?? [];
    group.append(element("path", { d: points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)},${round(p.y)}`).join(" "), "marker-end": `url(#arrow-${verdict})` }));
    if (laid?.label) {
        const { x, y, width, height } = laid.label;
        group.append(element("rect", { class: "label", x, y, width, height, rx: 3 }));
        edge.conversions.forEach((conversion, i) => {
            group.append(element("text", { class: "conversion", x: x + (width / 2), y: y + 3 + (labelLineHeight * (i + 1)) - 2.5 }, conversion));
        });
    }
    return group;
}

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
    const created = document.createElementNS(svgNamespace, name);
    for (const [key, value] of Object.entries(attributes)) {
        created.setAttribute(key, typeof value === "number" ? String(round(value)) : value);
    }
    if (text !== undefined) {
        created.textContent = text;
    }
    return created;
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
