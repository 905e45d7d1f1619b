// The work behind "Show Containment Report" and "Explain Diagnostic": run the `rasdl` command
// line and turn its result into text for a read-only document. Free of the `vscode` module,
// so it is tested in plain Node; extension.ts only shows what these functions return.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { ProcessCommand } from "./serverLaunch";

/** What a finished `rasdl` run printed and returned. */
export interface ProcessResult {
    readonly exitCode: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs a command to completion; tests substitute their own. */
export type ProcessRunner = (command: ProcessCommand, options: { cwd: string; timeoutMs: number }) => Promise<ProcessResult>;

/** `rasdl` exit codes (DESIGN: 0 clean, 1 errors found, 2 bad usage or unreadable input). */
export const enum RasdlExit {
    Clean = 0,
    ErrorsFound = 1,
    BadUsage = 2,
}

const reportTimeoutMs = 120_000;

export const runProcess: ProcessRunner = (command, options) => new Promise((resolve, reject) => {
    const child = spawn(command.command, [...command.args], { cwd: options.cwd, windowsHide: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${path.basename(command.args[0] ?? command.command)} did not finish within ${options.timeoutMs / 1000} s.`));
    }, options.timeoutMs);
    child.on("error", error => {
        clearTimeout(timer);
        reject(error);
    });
    child.on("close", exitCode => {
        clearTimeout(timer);
        resolve({ exitCode, stdout, stderr });
    });
});

/** The text shown by a command: a title for the document and its body. */
export interface CommandOutput {
    readonly title: string;
    readonly text: string;
    /** False when the command itself failed (not when it found problems in the file). */
    readonly ok: boolean;
}

/**
 * "Show Containment Report": `rasdl check --format text FILE`, run in the file's folder so
 * that the paths in the report are short. Diagnostics found (exit 1) are a report too.
 */
export async function containmentReport(
    file: string,
    cli: (args: readonly string[]) => ProcessCommand,
    run: ProcessRunner = runProcess,
    profile?: string,
): Promise<CommandOutput> {
    const folder = path.dirname(file);
    const name = path.basename(file);
    const result = await run(cli(["check", "--format", "text", name]), { cwd: folder, timeoutMs: reportTimeoutMs });
    const title = `RASDL containment report: ${name}`;
    const header = [
        title,
        `Folder:  ${folder}`,
        ...(profile ? [`Editor profile (rasdl.defaultProfile): ${profile}; the report covers every profile.`] : []),
        "",
    ];
    if (result.exitCode === RasdlExit.Clean || result.exitCode === RasdlExit.ErrorsFound) {
        return { title, text: [...header, result.stdout.trimEnd(), ""].join("\n"), ok: true };
    }
    return {
        title,
        text: [...header, `rasdl check failed (exit code ${String(result.exitCode)}):`, result.stderr.trimEnd(), result.stdout.trimEnd(), ""].join("\n"),
        ok: false,
    };
}

/** "Explain Diagnostic": `rasdl explain CODE` (markdown help for one diagnostic code). */
export async function explainDiagnostic(
    code: string,
    cli: (args: readonly string[]) => ProcessCommand,
    run: ProcessRunner = runProcess,
    cwd: string = process.cwd(),
): Promise<CommandOutput> {
    const result = await run(cli(["explain", code]), { cwd, timeoutMs: reportTimeoutMs });
    if (result.exitCode === RasdlExit.Clean) {
        return { title: `RASDL ${code}`, text: result.stdout, ok: true };
    }
    return { title: `RASDL ${code}`, text: (result.stderr || result.stdout).trim() || `rasdl explain ${code} failed (exit code ${String(result.exitCode)}).`, ok: false };
}

/** A zero-based position and range, shaped like LSP's (and VS Code's). */
export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position }

/** The parts of a diagnostic this extension reads; VS Code's Diagnostic fits. */
export interface DiagnosticLike {
    readonly range: Range;
    readonly code?: string | number | { readonly value: string | number; readonly target?: unknown };
    readonly source?: string;
}

const codePattern = /^RASDL\d{4}$/;

/** The RASDL code of a diagnostic, or undefined for other diagnostics. */
export function rasdlCode(diagnostic: DiagnosticLike): string | undefined {
    const raw = typeof diagnostic.code === "object" ? diagnostic.code.value : diagnostic.code;
    const text = raw === undefined ? undefined : String(raw);
    return text !== undefined && codePattern.test(text) ? text : undefined;
}

/**
 * The code to explain at the cursor: a diagnostic whose range holds the position (the
 * narrowest one when several do), else the nearest one on the same line.
 */
export function diagnosticCodeAt(diagnostics: readonly DiagnosticLike[], position: Position): string | undefined {
    const coded = diagnostics.filter(d => rasdlCode(d) !== undefined);
    const containing = coded.filter(d => contains(d.range, position)).sort((a, b) => extent(a.range) - extent(b.range));
    if (containing.length > 0) {
        return rasdlCode(containing[0]!);
    }
    const onLine = coded
        .filter(d => d.range.start.line <= position.line && position.line <= d.range.end.line)
        .sort((a, b) => distance(a.range, position) - distance(b.range, position));
    return onLine.length > 0 ? rasdlCode(onLine[0]!) : undefined;
}

/** Accepts "RASDL2001", "rasdl2001" or "2001"; undefined for anything else. */
export function normaliseCode(input: string): string | undefined {
    const text = input.trim().toUpperCase();
    const code = /^\d{4}$/.test(text) ? `RASDL${text}` : text;
    return codePattern.test(code) ? code : undefined;
}

function compare(a: Position, b: Position): number {
    return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function contains(range: Range, position: Position): boolean {
    return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

function extent(range: Range): number {
    return (range.end.line - range.start.line) * 100_000 + (range.end.character - range.start.character);
}

function distance(range: Range, position: Position): number {
    if (compare(position, range.start) < 0) {
        return range.start.character - position.character;
    }
    return position.character - range.end.character;
}
