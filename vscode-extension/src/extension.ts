// The VS Code side of RASDL: starts the language server, registers the commands and shows
// what they produce. Finding programs and running the command line live in serverLaunch.ts
// and reportCommands.ts, which do not depend on VS Code.

import * as path from "node:path";
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { CommandOutput, containmentReport, diagnosticCodeAt, explainDiagnostic, normaliseCode } from "./reportCommands";
import { ContainmentGraphView } from "./graphView";
import { stderrLineLevel } from "./serverLog";
import { LaunchError, LaunchSettings, ProcessCommand, resolveCliCommand, resolveServerCommand } from "./serverLaunch";

const languageId = "rasdl";
const reportScheme = "rasdl-report";

/** What activate() returns: lets other extensions (and the extension's tests) reach the client. */
export interface RasdlExtensionApi {
    readonly client: () => LanguageClient | undefined;
    readonly outputChannel: vscode.LogOutputChannel;
}

/** Read-only documents holding command output, addressed as rasdl-report:/NAME. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
    private readonly contents = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? "";
    }

    set(name: string, text: string): vscode.Uri {
        const uri = vscode.Uri.from({ scheme: reportScheme, path: "/" + name });
        this.contents.set(uri.toString(), text);
        this.changed.fire(uri);
        return uri;
    }

    dispose(): void {
        this.changed.dispose();
    }
}

/**
 * Where the client writes LSP traces. vscode-languageclient traces only while its trace
 * channel's log level is Trace; this channel reports Trace exactly while the setting
 * rasdl.trace.server is not "off", so the setting alone switches tracing on and off.
 */
class TraceChannel implements vscode.LogOutputChannel {
    private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
    readonly onDidChangeLogLevel = this.levelChanged.event;
    readonly name: string;

    constructor(private readonly output: vscode.LogOutputChannel) {
        this.name = output.name;
    }

    get logLevel(): vscode.LogLevel {
        return vscode.workspace.getConfiguration("rasdl").get<string>("trace.server", "off") === "off" ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
    }

    settingChanged(): void {
        this.levelChanged.fire(this.logLevel);
    }

    trace(message: string): void {
        if (this.logLevel === vscode.LogLevel.Trace) {
            this.output.appendLine(`[trace] ${message}`);
        }
    }
    debug(message: string): void { this.output.debug(message); }
    info(message: string): void { this.output.info(message); }
    warn(message: string): void { this.output.warn(message); }
    error(error: string | Error): void { this.output.error(error); }
    append(value: string): void { this.output.append(value); }
    appendLine(value: string): void { this.output.appendLine(value); }
    replace(value: string): void { this.output.replace(value); }
    clear(): void { this.output.clear(); }
    show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
        this.output.show(typeof columnOrPreserveFocus === "boolean" ? columnOrPreserveFocus : preserveFocus);
    }
    hide(): void { this.output.hide(); }
    dispose(): void { this.levelChanged.dispose(); }
}

let client: LanguageClient | undefined;
let traceChannel: TraceChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RasdlExtensionApi> {
    const output = vscode.window.createOutputChannel("RASDL", { log: true });
    const reports = new ReportDocuments();
    traceChannel = new TraceChannel(output);
    const graphView = new ContainmentGraphView(() => client, output, context.extensionUri);
    context.subscriptions.push(
        output,
        reports,
        traceChannel,
        vscode.workspace.registerTextDocumentContentProvider(reportScheme, reports),
        vscode.commands.registerCommand("rasdl.restartServer", () => restartServer(context, output)),
        vscode.commands.registerCommand("rasdl.showContainmentReport", (uri?: vscode.Uri) => showContainmentReport(context, output, reports, uri)),
        vscode.commands.registerCommand("rasdl.explainDiagnostic", (code?: string) => explain(context, output, reports, code)),
        vscode.commands.registerCommand("rasdl.showWitness", showWitness),
        graphView,
        vscode.commands.registerCommand("rasdl.showContainmentGraph", (uri?: vscode.Uri) => {
            graphView.show(uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri);
        }),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration("rasdl.trace.server")) {
                traceChannel?.settingChanged();
            }
            if (event.affectsConfiguration("rasdl.server.path")) {
                output.appendLine("rasdl.server.path changed: restarting the language server.");
                void restartServer(context, output);
            }
        }),
    );
    await startServer(context, output);
    return { client: () => client, outputChannel: output };
}

interface LspPosition { line: number; character: number }
interface LspLocation { uri: string; range: { start: LspPosition; end: LspPosition } }

/**
 * The server's code lens on an uncontained region runs this with the region's document and
 * position and the witness's steps (LSP locations); VS Code's peek view lists the steps.
 */
async function showWitness(uri: string, position: LspPosition, steps: LspLocation[]): Promise<void> {
    const toPosition = (p: LspPosition) => new vscode.Position(p.line, p.character);
    const locations = steps.map(step =>
        new vscode.Location(vscode.Uri.parse(step.uri), new vscode.Range(toPosition(step.range.start), toPosition(step.range.end))));
    await vscode.commands.executeCommand("editor.action.showReferences", vscode.Uri.parse(uri), toPosition(position), locations);
}

export async function deactivate(): Promise<void> {
    const running = client;
    client = undefined;
    if (running) {
        await running.dispose();
    }
}

function launchSettings(): LaunchSettings {
    const configuration = vscode.workspace.getConfiguration("rasdl");
    return {
        serverPath: configuration.get<string>("server.path", ""),
        workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    };
}

async function startServer(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
    let command: ProcessCommand;
    try {
        command = resolveServerCommand(context.extensionPath, launchSettings());
    } catch (error) {
        reportLaunchError(error, output);
        return;
    }
    output.appendLine(`Starting the RASDL language server (${command.origin}): ${command.command} ${command.args.join(" ")}`);
    const serverOptions: ServerOptions = {
        command: command.command,
        args: [...command.args],
        options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(command.args[0] ?? command.command) },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: "file", language: languageId },
            { scheme: "untitled", language: languageId },
        ],
        outputChannel: output,
        traceOutputChannel: traceChannel,
        stdioOptions: {
            stdout: () => undefined, // stdout carries the protocol: the client reads it
            stderr: serverStderr,
        },
        initializationOptions: {
            defaultProfile: vscode.workspace.getConfiguration("rasdl").get<string>("defaultProfile", "") || undefined,
        },
        synchronize: {
            configurationSection: "rasdl",
            fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rasdl"),
        },
    };
    // The id "rasdl" makes the client follow the rasdl.trace.server setting.
    const starting = new LanguageClient(languageId, "RASDL Language Server", serverOptions, clientOptions);
    client = starting;
    try {
        await starting.start();
        output.appendLine(`RASDL language server running (${starting.initializeResult?.serverInfo?.name ?? "rasdl-lsp"} ${starting.initializeResult?.serverInfo?.version ?? ""}).`.replace(" )", ")"));
    } catch (error) {
        output.appendLine(`The RASDL language server did not start: ${errorText(error)}`);
        void vscode.window.showErrorMessage(`The RASDL language server did not start: ${errorText(error)} See the RASDL output channel.`, "Show Output")
            .then(choice => { if (choice) { output.show(); } });
    }
}

/** The server's standard error, line by line: its own log lines come as window/logMessage at their level; the rest are errors. */
function serverStderr(input: Readable, output: vscode.LogOutputChannel): void {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on("line", line => {
        if (stderrLineLevel(line) === "error") {
            output.error(line);
        }
    });
}

async function restartServer(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
    const running = client;
    client = undefined;
    if (running) {
        output.appendLine("Stopping the RASDL language server.");
        try {
            if (running.state !== State.Stopped) {
                await running.stop();
            }
            await running.dispose();
        } catch (error) {
            output.appendLine(`Stopping the server failed (${errorText(error)}); starting a new one anyway.`);
        }
    }
    await startServer(context, output);
}

function reportLaunchError(error: unknown, output: vscode.LogOutputChannel): void {
    const message = errorText(error);
    output.appendLine(message);
    if (error instanceof LaunchError && error.kind === "dotnet-missing") {
        void vscode.window.showErrorMessage(message, "Get .NET").then(choice => {
            if (choice) {
                void vscode.env.openExternal(vscode.Uri.parse("https://dot.net"));
            }
        });
        return;
    }
    void vscode.window.showErrorMessage(message, "Open Settings").then(choice => {
        if (choice) {
            void vscode.commands.executeCommand("workbench.action.openSettings", "rasdl.server.path");
        }
    });
}

function cliFor(context: vscode.ExtensionContext): (args: readonly string[]) => ProcessCommand {
    const settings = launchSettings();
    return args => resolveCliCommand(context.extensionPath, settings, args);
}

async function showContainmentReport(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, reports: ReportDocuments, uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== languageId) {
        void vscode.window.showWarningMessage("Open a .rasdl file to see its containment report.");
        return;
    }
    if (document.isUntitled) {
        void vscode.window.showWarningMessage("Save the file first: the containment report checks the file on disk.");
        return;
    }
    if (document.isDirty) {
        await document.save();
    }
    const profile = vscode.workspace.getConfiguration("rasdl", document.uri).get<string>("defaultProfile", "") || undefined;
    await runAndShow(output, reports, `containment-report/${path.basename(document.fileName)}.txt`,
        () => containmentReport(document.fileName, cliFor(context), undefined, profile));
}

async function explain(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, reports: ReportDocuments, requested?: string): Promise<void> {
    let code = typeof requested === "string" ? normaliseCode(requested) : undefined;
    const editor = vscode.window.activeTextEditor;
    if (!code && editor) {
        code = diagnosticCodeAt(vscode.languages.getDiagnostics(editor.document.uri), editor.selection.active);
    }
    if (!code) {
        const typed = await vscode.window.showInputBox({
            title: "RASDL: Explain Diagnostic",
            prompt: "No RASDL diagnostic under the cursor. Which code? (e.g. RASDL2001)",
            validateInput: value => normaliseCode(value) ? undefined : "A RASDL code: RASDL followed by four digits, or just the digits.",
        });
        code = typed ? normaliseCode(typed) : undefined;
        if (!code) {
            return;
        }
    }
    const explained = code;
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? context.extensionPath;
    await runAndShow(output, reports, `explain/${explained}.md`, () => explainDiagnostic(explained, cliFor(context), undefined, cwd));
}

async function runAndShow(output: vscode.LogOutputChannel, reports: ReportDocuments, name: string, produce: () => Promise<CommandOutput>): Promise<void> {
    let result: CommandOutput;
    try {
        result = await produce();
    } catch (error) {
        output.appendLine(errorText(error));
        void vscode.window.showErrorMessage(errorText(error));
        return;
    }
    output.appendLine(`${result.title}${result.ok ? "" : " (failed)"}`);
    if (!result.ok) {
        output.appendLine(result.text);
        void vscode.window.showErrorMessage(`${result.title} failed: see the RASDL output channel.`, "Show Output")
            .then(choice => { if (choice) { output.show(); } });
        return;
    }
    const uri = reports.set(name, result.text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
}

function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
