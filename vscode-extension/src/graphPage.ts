// The containment graph view's page and the messages between it and the extension. Free of the
// `vscode` module so that tests load it in plain Node (and the page in a real browser). The
// server lays the graph out and draws the SVG (the same picture `rasdl graph` and the HTML
// report draw); the page only shows it, offers the profiles, and reports clicks.

/** One node or edge of the graph: its `data-id` in the SVG and the declaration or rule it stands for. */
export interface GraphElement {
    readonly id: string;
    readonly label: string;
    readonly location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** The answer of the server's `rasdl/containmentGraph` request. */
export interface ContainmentGraphResult {
    readonly title: string;
    readonly profile: string | null;
    readonly profiles: readonly string[];
    readonly svg: string;
    readonly worstPath: string | null;
    readonly nodes: readonly GraphElement[];
    readonly edges: readonly GraphElement[];
}

export const graphRequest = "rasdl/containmentGraph";

/** Messages the page sends: it is ready, a node or edge was clicked, a profile was picked. */
export type PageMessage =
    | { readonly type: "ready" }
    | { readonly type: "reveal"; readonly id: string }
    | { readonly type: "profile"; readonly profile: string };

/** Messages the extension sends: a graph to show, or why there is none. */
export type ExtensionMessage =
    | { readonly type: "graph"; readonly file: string; readonly graph: ContainmentGraphResult }
    | { readonly type: "empty"; readonly text: string };

/** The element a click on `id` stands for, if the graph has it. */
export function elementById(graph: ContainmentGraphResult, id: string): GraphElement | undefined {
    return graph.nodes.find(n => n.id === id) ?? graph.edges.find(e => e.id === id);
}

/** Reads a message from the page, refusing anything malformed (the page is ours, but a message is data). */
export function parsePageMessage(message: unknown): PageMessage | undefined {
    if (typeof message !== "object" || message === null) {
        return undefined;
    }
    const m = message as Record<string, unknown>;
    if (m.type === "ready") {
        return { type: "ready" };
    }
    if (m.type === "reveal" && typeof m.id === "string") {
        return { type: "reveal", id: m.id };
    }
    if (m.type === "profile" && typeof m.profile === "string") {
        return { type: "profile", profile: m.profile };
    }
    return undefined;
}

/**
 * The page. Its content security policy allows nothing from the network: no default source,
 * styles inline, and only the script carrying this page's nonce.
 */
export function graphPageHtml(nonce: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:">
<title>RASDL: Containment Graph</title>
<style>
body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #222); padding: 0.5em 1em; }
header { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; margin-bottom: 0.5em; }
#file { font-weight: bold; }
#graph svg { max-width: 100%; height: auto; border-radius: 4px; }
#graph .node, #graph .edge { cursor: pointer; }
#graph .node:hover rect, #graph .edge:hover path { filter: brightness(0.9); }
#empty { opacity: 0.8; }
</style>
</head>
<body>
<header>
<span id="file"></span>
<label>Profile <select id="profile"></select></label>
</header>
<div id="empty"></div>
<div id="graph"></div>
<script nonce="${nonce}">
${pageScript}
</script>
</body>
</html>
`;
}

// Runs in the webview: shows each graph it is sent and reports clicks and profile changes.
const pageScript = `(function () {
    const vscode = acquireVsCodeApi();
    const graph = document.getElementById("graph");
    const empty = document.getElementById("empty");
    const file = document.getElementById("file");
    const picker = document.getElementById("profile");
    window.addEventListener("message", event => {
        const message = event.data;
        if (message.type === "empty") {
            graph.innerHTML = "";
            empty.textContent = message.text;
            return;
        }
        if (message.type !== "graph") {
            return;
        }
        empty.textContent = "";
        file.textContent = message.file;
        picker.innerHTML = "";
        for (const name of message.graph.profiles) {
            const option = document.createElement("option");
            option.value = name;
            option.textContent = name;
            option.selected = name === message.graph.profile;
            picker.appendChild(option);
        }
        // The SVG comes from the language server's SVG writer (XML-escaped text only).
        graph.innerHTML = message.graph.svg;
    });
    graph.addEventListener("click", event => {
        const element = event.target instanceof Element ? event.target.closest("[data-id]") : null;
        if (element) {
            vscode.postMessage({ type: "reveal", id: element.getAttribute("data-id") });
        }
    });
    picker.addEventListener("change", () => vscode.postMessage({ type: "profile", profile: picker.value }));
    vscode.postMessage({ type: "ready" });
}());`;
