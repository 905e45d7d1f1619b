// Where the language server and the `rasdl` command line are, and how to start them.
// Deliberately free of the `vscode` module so that it runs (and is tested) in plain Node.

import * as fs from "node:fs";
import * as path from "node:path";

/** The assembly the language server project publishes (server/Rasdl.LanguageServer). */
export const serverAssembly = "rasdl-lsp.dll";
/** The assembly the command line project publishes (compiler/Rasdl.Cli). */
export const cliAssembly = "rasdl.dll";
/** Where the build places both, relative to the extension's root. */
export const bundledServerFolder = "server";
/**
 * The platforms with a native language server (Native AOT: it starts and analyses the first
 * file in a fraction of the framework-dependent assembly's time, docs/performance.md "Server
 * start"), by `${platform}-${arch}` as Node names them, and the folder under server/ that holds it.
 * A .vsix holds those its build machine could compile (scripts/publish-server.mjs); everywhere
 * else, and where the folder is missing, the bundled rasdl-lsp.dll runs under `dotnet`.
 */
export const nativeServers: Readonly<Record<string, string>> = { "linux-x64": "linux-x64", "linux-arm64": "linux-arm64" };
/** The native server's executable, in its platform's folder. */
export const nativeServerExecutable = "rasdl-lsp";

/** A program and its arguments: what to spawn. */
export interface ProcessCommand {
    readonly command: string;
    readonly args: readonly string[];
    /** For messages and the output channel: where the command came from. */
    readonly origin: "bundled" | "setting" | "path";
}

/** Why a command could not be resolved, worded for the user. */
export class LaunchError extends Error {
    constructor(message: string, readonly kind: "dotnet-missing" | "server-missing" | "cli-missing") {
        super(message);
        this.name = "LaunchError";
    }
}

/** What the launch logic needs from the machine; tests pass their own. */
export interface HostEnvironment {
    readonly platform: NodeJS.Platform;
    /** The processor architecture (process.arch); unknown: no native server is chosen. */
    readonly arch?: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    isFile(file: string): boolean;
}

export const nodeHost: HostEnvironment = {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    isFile(file: string): boolean {
        try {
            return fs.statSync(file).isFile();
        } catch {
            return false;
        }
    },
};

export interface LaunchSettings {
    /** `rasdl.server.path`: empty or undefined means the bundled server. */
    readonly serverPath?: string;
    /** Relative setting paths are resolved against this folder (the first workspace folder). */
    readonly workspaceFolder?: string;
}

/** Finds `name` in the PATH of `host` (with the Windows extensions on Windows). */
export function findOnPath(name: string, host: HostEnvironment): string | undefined {
    const pathValue = host.env.PATH ?? host.env.Path ?? "";
    const delimiter = host.platform === "win32" ? ";" : ":";
    const extensions = host.platform === "win32"
        ? (host.env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(e => e.length > 0)
        : [""];
    for (const folder of pathValue.split(delimiter)) {
        if (folder.length === 0) {
            continue;
        }
        for (const extension of extensions) {
            const candidate = pathJoin(host, folder, name + extension);
            if (host.isFile(candidate)) {
                return candidate;
            }
        }
    }
    return undefined;
}

/**
 * The `dotnet` host that runs framework-dependent assemblies: DOTNET_HOST_PATH (set by the
 * SDK), then DOTNET_ROOT, then PATH.
 */
export function findDotnet(host: HostEnvironment): string {
    const executable = host.platform === "win32" ? "dotnet.exe" : "dotnet";
    const hostPath = host.env.DOTNET_HOST_PATH;
    if (hostPath && host.isFile(hostPath)) {
        return hostPath;
    }
    const root = host.env.DOTNET_ROOT;
    if (root && host.isFile(pathJoin(host, root, executable))) {
        return pathJoin(host, root, executable);
    }
    const onPath = findOnPath("dotnet", host);
    if (onPath) {
        return onPath;
    }
    throw new LaunchError(
        "RASDL needs the .NET 10 runtime to run its language server, but `dotnet` was not found " +
        "(looked at DOTNET_HOST_PATH, DOTNET_ROOT and PATH). Install the .NET 10 runtime " +
        "(https://dot.net), then run \"RASDL: Restart Server\".",
        "dotnet-missing");
}

/**
 * How to start the language server: the configured path, else the bundled native server for
 * this platform, else the bundled assembly under `dotnet`.
 */
export function resolveServerCommand(extensionRoot: string, settings: LaunchSettings, host: HostEnvironment = nodeHost): ProcessCommand {
    const configured = configuredServerPath(settings, host);
    if (configured !== undefined) {
        if (!host.isFile(configured)) {
            throw new LaunchError(
                `The setting rasdl.server.path is "${settings.serverPath ?? ""}", but ${configured} does not exist. ` +
                "Correct the setting, or clear it to use the server bundled with the extension.",
                "server-missing");
        }
        return commandFor(configured, [], "setting", host);
    }
    const native = nativeServerPath(extensionRoot, host);
    if (native !== undefined && host.isFile(native)) {
        return { command: native, args: [], origin: "bundled" };
    }
    const bundled = pathJoin(host, extensionRoot, bundledServerFolder, serverAssembly);
    if (!host.isFile(bundled)) {
        throw new LaunchError(
            `The RASDL extension has no bundled language server (${bundled} is missing). ` +
            "Reinstall the extension, or set rasdl.server.path to a rasdl-lsp.dll.",
            "server-missing");
    }
    return commandFor(bundled, [], "bundled", host);
}

/**
 * How to run the `rasdl` command line with `args`: rasdl.dll beside a configured server,
 * else the one bundled beside the extension's server, else `rasdl` on PATH (the .NET tool).
 */
export function resolveCliCommand(extensionRoot: string, settings: LaunchSettings, args: readonly string[], host: HostEnvironment = nodeHost): ProcessCommand {
    const configured = configuredServerPath(settings, host);
    if (configured !== undefined) {
        const beside = pathJoin(host, pathDirname(host, configured), cliAssembly);
        if (host.isFile(beside)) {
            return commandFor(beside, args, "setting", host);
        }
    }
    const bundled = pathJoin(host, extensionRoot, bundledServerFolder, cliAssembly);
    if (host.isFile(bundled)) {
        return commandFor(bundled, args, "bundled", host);
    }
    const tool = findOnPath("rasdl", host);
    if (tool) {
        return { command: tool, args: [...args], origin: "path" };
    }
    throw new LaunchError(
        `The RASDL command line was not found: neither ${bundled} nor \`rasdl\` on PATH. ` +
        "Reinstall the extension, put rasdl.dll beside the server set in rasdl.server.path, " +
        "or install the tool (dotnet tool install --global Rasdl.Cli).",
        "cli-missing");
}

/** Where this platform's native server would be in the extension, or undefined if it has none. */
export function nativeServerPath(extensionRoot: string, host: HostEnvironment = nodeHost): string | undefined {
    const folder = host.arch === undefined ? undefined : nativeServers[`${host.platform}-${host.arch}`];
    return folder === undefined ? undefined : pathJoin(host, extensionRoot, bundledServerFolder, folder, nativeServerExecutable);
}

function configuredServerPath(settings: LaunchSettings, host: HostEnvironment): string | undefined {
    const value = settings.serverPath?.trim();
    if (!value) {
        return undefined;
    }
    const expanded = expandHome(value, host);
    if (isAbsolute(host, expanded)) {
        return expanded;
    }
    return pathResolve(host, settings.workspaceFolder ?? ".", expanded);
}

/** A .dll runs under `dotnet`; anything else is taken to be an executable. */
function commandFor(program: string, args: readonly string[], origin: ProcessCommand["origin"], host: HostEnvironment): ProcessCommand {
    if (program.toLowerCase().endsWith(".dll")) {
        return { command: findDotnet(host), args: [program, ...args], origin };
    }
    return { command: program, args: [...args], origin };
}

function expandHome(value: string, host: HostEnvironment): string {
    const home = host.env.HOME ?? host.env.USERPROFILE;
    if (home && (value === "~" || value.startsWith("~/") || value.startsWith("~\\"))) {
        return pathJoin(host, home, value.slice(1));
    }
    return value;
}

function paths(host: HostEnvironment): path.PlatformPath {
    return host.platform === "win32" ? path.win32 : path.posix;
}

function pathJoin(host: HostEnvironment, ...parts: string[]): string {
    return paths(host).join(...parts);
}

function pathResolve(host: HostEnvironment, ...parts: string[]): string {
    return paths(host).resolve(...parts);
}

function pathDirname(host: HostEnvironment, file: string): string {
    return paths(host).dirname(file);
}

function isAbsolute(host: HostEnvironment, file: string): boolean {
    return paths(host).isAbsolute(file);
}
