// Lays the containment graph out for the view with dagre (@dagrejs/dagre), bundled into the
// extension: a layered (Sugiyama) layout, as `rasdl graph` makes with GraphShape, so the view
// and the CLI's picture read alike. Errors flow upward (rankdir BT): endpoints at the bottom,
// the CPU and the hypervisor at the top. Each edge's conversions are a label that dagre places
// as a node of its own on the edge, so labels never cover nodes or each other.
//
// Why dagre and not elkjs (the other well-kept layered layout for JavaScript): dagre is 52 KB
// against elkjs's 1.6 MB (a Java program compiled to JavaScript), MIT-licensed, with a plain
// synchronous API, and on the benchmark generator's 10,000-line platform (1,224 nodes) it took
// half the CPU time elkjs did (3.2 s against 7.1 s). elkjs would keep the page responsive only
// in a Web Worker, which a webview can start only from a blob: URL (a looser CSP). elkjs draws
// orthogonal edges with fewer crossings, which our graphs, nearly trees, hardly need.
//
// Free of the DOM and of `vscode`, so tests run it in plain Node.

import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import type { ContainmentGraphResult, GraphNode } from "./graphPage";

/** A box: its top-left corner and size, in SVG user units. */
export interface Box {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export interface Point {
    readonly x: number;
    readonly y: number;
}

/** Where every node, edge and edge label is drawn. */
export interface GraphDrawing {
    readonly nodes: ReadonlyMap<string, Box>;
    readonly edges: ReadonlyMap<string, { readonly points: readonly Point[]; readonly label: Box | undefined }>;
    readonly width: number;
    readonly height: number;
}

// The sizes `rasdl graph` uses: 12px monospace names, 10px conversions.
export const charWidth = 7.2;
export const labelCharWidth = 6;
export const labelLineHeight = 12.5;
export const nodeHeight = 44;
const padding = 10;
const margin = 20;

export function nodeWidth(node: GraphNode): number {
    return (Math.max(node.label.length, node.kindWord.length + 2) * charWidth) + (2 * padding);
}

/** Lays `graph` out; its nodes and edges keep their ids. */
export function layOut(graph: ContainmentGraphResult): GraphDrawing {
    const layout = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
    layout.setGraph({ rankdir: "BT", nodesep: 28, ranksep: 36, edgesep: 12, marginx: margin, marginy: margin });
    for (const node of graph.nodes) {
        layout.setNode(node.id, { width: nodeWidth(node), height: nodeHeight });
    }
    for (const edge of graph.edges) {
        const label = edge.conversions.length === 0 ? {} : {
            width: (Math.max(...edge.conversions.map(c => c.length)) * labelCharWidth) + padding,
            height: (edge.conversions.length * labelLineHeight) + 6,
            labelpos: "c" as const,
        };
        layout.setEdge(edge.from, edge.to, label, edge.id);
    }
    dagre.layout(layout);

    // dagre gives centres; the drawing wants top-left corners.
    const nodes = new Map<string, Box>();
    for (const node of graph.nodes) {
        const { x = 0, y = 0, width, height } = layout.node(node.id);
        nodes.set(node.id, { x: x - (width / 2), y: y - (height / 2), width, height });
    }
    const edges = new Map<string, { points: Point[]; label: Box | undefined }>();
    for (const edge of graph.edges) {
        const laid = layout.edge(edge.from, edge.to, edge.id);
        const label = edge.conversions.length === 0 || laid.x === undefined || laid.y === undefined
            ? undefined
            : { x: laid.x - ((laid.width ?? 0) / 2), y: laid.y - ((laid.height ?? 0) / 2), width: laid.width ?? 0, height: laid.height ?? 0 };
        edges.set(edge.id, { points: (laid.points ?? []).map(p => ({ x: p.x, y: p.y })), label });
    }
    const { width = 0, height = 0 } = layout.graph();
    return { nodes, edges, width, height };
}
