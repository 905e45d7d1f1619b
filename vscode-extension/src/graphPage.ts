// The containment graph view's page and the messages between it and the extension. Free of the
// `vscode` module so that tests load it in plain Node (and the page in a real browser). The
// server sends the graph as data (the model `rasdl graph` draws from); the page lays it out with
// dagre (graphLayout.ts) and draws it as SVG (graphWebview.ts, bundled into media/ with dagre).

/** Where a node or edge leads: its declaration or rule. */
export interface GraphLocation {
    readonly uri: string;
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A block, an endpoint or the hypervisor. `kind` places it: the hypervisor at the top, endpoints at the bottom. */
export interface GraphNode {
    readonly id: string;
    readonly label: string;
    readonly kind: "hypervisor" | "block" | "endpoint";
    readonly kindWord: string;
    /** "uncontained", "contained-in-vm", "contained-in-device" or "not-reached". */
    readonly verdict: string;
    readonly onWorstPath: boolean;
    readonly location: GraphLocation;
}

/** An edge in the direction an error travels, labelled with the conversions made there. */
export interface GraphEdge {
    readonly id: string;
    readonly from: string;
    readonly to: string;
    readonly label: string;
    readonly conversions: readonly string[];
    readonly verdict: string;
    readonly onWorstPath: boolean;
    readonly location: GraphLocation;
}

/** One node or edge: its `data-id` in the drawing and the declaration or rule it stands for. */
export type GraphElement = GraphNode | GraphEdge;

/** The answer of the server's `rasdl/containmentGraph` request. */
export interface ContainmentGraphResult {
    readonly title: string;
    readonly profile: string | null;
    readonly profiles: readonly string[];
    readonly region: string | null;
    readonly regions: readonly string[];
    readonly verdict: string | null;
    readonly worstPath: string | null;
    readonly worstPathRegion: string | null;
    readonly legend: readonly { readonly verdict: string; readonly meaning: string }[];
    readonly nodes: readonly GraphNode[];
    readonly edges: readonly GraphEdge[];
}

export const graphRequest = "rasdl/containmentGraph";

/**
 * The most nodes the page lays out. dagre's layout grows faster than linearly: a few hundred
 * nodes take well under a second, the 1,200 of a platform with 800 endpoints several seconds
 * (see the extension's README). Past this the view narrows to one region's routes.
 */
export const layoutLimit = 300;

/** Whether the page would take too long to lay `graph` out (and the picture would be unreadable). */
export function tooLargeToLayOut(graph: ContainmentGraphResult): boolean {
    return graph.nodes.length > layoutLimit;
}

/** The region to narrow a graph too large to draw to: the worst path's, else the first. */
export function regionToNarrowTo(graph: ContainmentGraphResult): string | undefined {
    return graph.worstPathRegion ?? graph.regions[0];
}

/** What the page says when it shows one region's routes instead of a graph too large to draw. */
export function narrowedNotice(whole: ContainmentGraphResult, region: string): string {
    return `The whole platform has ${whole.nodes.length} blocks and endpoints, more than the ${layoutLimit} this view lays out: `
        + `showing the routes of ${region}${region === whole.worstPathRegion ? " (the worst path's region)" : ""}. `
        + "Pick another region above, or draw the whole platform with `rasdl graph FILE -o graph.svg`.";
}

/** The graph the view draws, the region it is narrowed to, and the notice to show when the view narrowed it. */
export interface DrawableGraph {
    readonly graph: ContainmentGraphResult | null;
    readonly region: string | undefined;
    readonly notice: string | undefined;
}

/**
 * Asks for the graph of `region` (undefined: every region); when that is the whole platform and
 * too large to lay out, asks again for the routes of the worst path's region and says so.
 */
export async function drawableGraph(ask: (region: string | undefined) => Promise<ContainmentGraphResult | null>, region: string | undefined): Promise<DrawableGraph> {
    const graph = await ask(region);
    const narrowTo = graph && graph.region === null && tooLargeToLayOut(graph) ? regionToNarrowTo(graph) : undefined;
    if (!graph || narrowTo === undefined) {
        return { graph, region: graph?.region ?? undefined, notice: undefined };
    }
    return { graph: await ask(narrowTo), region: narrowTo, notice: narrowedNotice(graph, narrowTo) };
}

/** Messages the page sends: it is ready, a node or edge was clicked, a profile or a region was picked ("" for every region). */
export type PageMessage =
    | { readonly type: "ready" }
    | { readonly type: "reveal"; readonly id: string }
    | { readonly type: "profile"; readonly profile: string }
    | { readonly type: "region"; readonly region: string };

/** Messages the extension sends: a graph to show (with a notice when it was narrowed), or why there is none. */
export type ExtensionMessage =
    | { readonly type: "graph"; readonly file: string; readonly graph: ContainmentGraphResult; readonly notice?: string }
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
    if (m.type === "region" && typeof m.region === "string") {
        return { type: "region", region: m.region };
    }
    return undefined;
}

/** Where the page's script and style sheet are, as the webview may load them, and the CSP source that covers them. */
export interface PageResources {
    readonly nonce: string;
    readonly cspSource: string;
    readonly script: string;
    readonly style: string;
}

/**
 * The page. Its content security policy allows nothing from the network: the style sheet from
 * the extension's own files (`cspSource`), and only the script carrying this page's nonce,
 * the bundle of graphWebview.ts and dagre under media/.
 */
export function graphPageHtml(resources: PageResources): string {
    const { nonce, cspSource, script, style } = resources;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource} data:">
<title>RASDL: Containment Graph</title>
<link rel="stylesheet" href="${escapeAttribute(style)}">
</head>
<body>
<header>
<span id="file"></span>
<label>Profile <select id="profile"></select></label>
<label>Region <select id="region"></select></label>
</header>
<div id="title"></div>
<div id="notice" role="status"></div>
<div id="empty"></div>
<div id="graph"></div>
<div id="legend"></div>
<div id="worst-path"></div>
<script nonce="${nonce}" src="${escapeAttribute(script)}"></script>
</body>
</html>
`;
}

function escapeAttribute(text: string): string {
    return text.replaceAll("&", "&amp;").replaceAll("\"", "&quot;").replaceAll("<", "&lt;");
}
