// "RASDL: Show Containment Graph": a webview beside the editor showing the active RASDL file's
// graph. The language server sends the graph as data; the page lays it out with dagre and draws
// it (media/containmentGraph.js, loaded from the extension's own files: no network). The view
// follows the active editor, redraws whenever the server publishes new diagnostics for the file
// (every analysis does), keeps the profile and region picked in the page, narrows a graph too
// large to lay out to one region, and opens the declaration or rule behind a clicked node or edge.

import * as crypto from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { ContainmentGraphResult, ExtensionMessage, drawableGraph, elementById, graphPageHtml, graphRequest, parsePageMessage } from "./graphPage";

export class ContainmentGraphView implements vscode.Disposable {
    static readonly viewType = "rasdl.containmentGraph";

    private panel: vscode.WebviewPanel | undefined;
    private document: vscode.Uri | undefined;
    private profile: string | undefined;
    private region: string | undefined;
    // Set when the view narrowed a graph too large to draw; said on the page until another pick.
    private notice: string | undefined;
    private graph: ContainmentGraphResult | undefined;
    private pending: ReturnType<typeof setTimeout> | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly client: () => LanguageClient | undefined, private readonly output: vscode.LogOutputChannel, private readonly extensionUri: vscode.Uri) {
        this.subscriptions.push(
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor?.document.languageId === "rasdl") {
                    this.follow(editor.document.uri);
                }
            }),
            vscode.languages.onDidChangeDiagnostics(event => {
                if (this.document && event.uris.some(uri => uri.toString() === this.document?.toString())) {
                    this.refreshSoon();
                }
            }),
        );
    }

    /** Opens the view (or brings it forward) on a file. */
    show(uri: vscode.Uri | undefined): void {
        if (!this.panel) {
            const media = vscode.Uri.joinPath(this.extensionUri, "media");
            this.panel = vscode.window.createWebviewPanel(ContainmentGraphView.viewType, "RASDL: Containment Graph",
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [media] });
            const webview = this.panel.webview;
            webview.html = graphPageHtml({
                nonce: crypto.randomBytes(16).toString("base64"),
                cspSource: webview.cspSource,
                script: webview.asWebviewUri(vscode.Uri.joinPath(media, "containmentGraph.js")).toString(),
                style: webview.asWebviewUri(vscode.Uri.joinPath(media, "containmentGraph.css")).toString(),
            });
            this.panel.webview.onDidReceiveMessage((message: unknown) => { void this.receive(message); }, undefined, this.subscriptions);
            this.panel.onDidDispose(() => { this.panel = undefined; }, undefined, this.subscriptions);
        } else {
            this.panel.reveal(undefined, true);
        }
        if (uri) {
            this.follow(uri);
        }
    }

    dispose(): void {
        clearTimeout(this.pending);
        this.panel?.dispose();
        for (const subscription of this.subscriptions) {
            subscription.dispose();
        }
    }

    private follow(uri: vscode.Uri): void {
        if (this.document?.toString() !== uri.toString()) {
            this.document = uri;
            this.region = undefined;
            this.notice = undefined;
            this.refreshSoon();
        }
    }

    // Diagnostics come per document and in bursts: one redraw for a burst.
    private refreshSoon(): void {
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.refresh(), 50);
    }

    private async refresh(): Promise<void> {
        const client = this.client();
        if (!this.panel || !this.document) {
            return;
        }
        if (!client?.isRunning()) {
            this.post({ type: "empty", text: "The RASDL language server is not running." });
            return;
        }
        try {
            const document = this.document;
            const ask = (region: string | undefined) => client.sendRequest<ContainmentGraphResult | null>(graphRequest, {
                textDocument: { uri: client.code2ProtocolConverter.asUri(document) },
                profile: this.profile ?? null,
                region: region ?? null,
            });
            const drawable = await drawableGraph(ask, this.region);
            if (drawable.notice) {
                // Too many nodes to lay out in the page without freezing it: one region's routes instead, said on the page until another pick.
                this.notice = drawable.notice;
                this.region = drawable.region;
            }
            const graph = drawable.graph;
            if (!graph) {
                this.post({ type: "empty", text: `Cannot read ${document.fsPath}.` });
                return;
            }
            this.graph = graph;
            this.panel.title = `RASDL: ${path.basename(document.fsPath)}`;
            this.post({ type: "graph", file: path.basename(document.fsPath), graph, ...(this.notice ? { notice: this.notice } : {}) });
        } catch (error) {
            this.output.appendLine(`The containment graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    private async receive(raw: unknown): Promise<void> {
        const message = parsePageMessage(raw);
        if (!message) {
            return;
        }
        if (message.type === "ready") {
            this.refreshSoon();
        } else if (message.type === "profile") {
            this.profile = message.profile;
            this.refreshSoon();
        } else if (message.type === "region") {
            this.region = message.region === "" ? undefined : message.region;
            this.notice = undefined;
            this.refreshSoon();
        } else if (this.graph) {
            const element = elementById(this.graph, message.id);
            if (element) {
                const { start, end } = element.location.range;
                const range = new vscode.Range(start.line, start.character, end.line, end.character);
                const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.document?.toString());
                try {
                    await vscode.window.showTextDocument(vscode.Uri.parse(element.location.uri), { selection: range, viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One });
                } catch (error) {
                    this.output.appendLine(`${message.id} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
                }
            }
        }
    }

    private post(message: ExtensionMessage): void {
        void this.panel?.webview.postMessage(message);
    }
}
