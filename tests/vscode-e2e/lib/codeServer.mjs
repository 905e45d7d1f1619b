// One code-server instance for the test: its own user data, extensions and XDG folders in a
// temporary folder (nothing is written into the home directory), the packaged extension
// installed the way users install it, and a copy of the examples as the workspace.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "./paths.mjs";
import { ensureCodeServer, nodeEnvironment } from "./tools.mjs";

/** Settings that keep the screen free of what a first start shows. */
const userSettings = {
    "workbench.startupEditor": "none",
    "chat.disableAIFeatures": true,
    "git.openRepositoryInParentFolders": "never",
    "security.workspace.trust.enabled": false,
    "workbench.tips.enabled": false,
    "extensions.ignoreRecommendations": true,
    "update.mode": "none",
    "telemetry.telemetryLevel": "off",
    // Files other than the one the test types into must not change under it.
    "files.autoSave": "off",
    "editor.formatOnSave": false,
    "editor.minimap.enabled": false,
};

export class CodeServer {
    /** @param {string} vsix */
    static async start(vsix) {
        const launcher = ensureCodeServer();
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-vscode-e2e-"));
        const session = new CodeServer(launcher, root);
        try {
            session.prepare(vsix);
            await session.launch();
        } catch (error) {
            await session.stop();
            throw error;
        }
        return session;
    }

    constructor(launcher, root) {
        this.launcher = launcher;
        this.root = root;
        this.userData = path.join(root, "user-data");
        this.extensions = path.join(root, "extensions");
        this.workspace = path.join(root, "workspace");
        this.env = nodeEnvironment({
            XDG_CONFIG_HOME: path.join(root, "xdg", "config"),
            XDG_DATA_HOME: path.join(root, "xdg", "data"),
            XDG_CACHE_HOME: path.join(root, "xdg", "cache"),
        });
        this.output = "";
        this.process = undefined;
        this.url = undefined;
    }

    prepare(vsix) {
        fs.mkdirSync(path.join(this.userData, "User"), { recursive: true });
        fs.writeFileSync(path.join(this.userData, "User", "settings.json"), JSON.stringify(userSettings, null, 4));
        // The test edits, renames and formats: it works on a copy of the examples.
        fs.cpSync(path.join(repositoryRoot, "examples"), this.workspace, { recursive: true });
        const installed = spawnSync("node", [this.launcher,
            "--install-extension", vsix, "--extensions-dir", this.extensions, "--user-data-dir", this.userData], { env: this.env, encoding: "utf8" });
        if (installed.status !== 0 || !/was successfully installed/.test(installed.stdout)) {
            throw new Error(`code-server --install-extension ${vsix} failed (exit ${installed.status}):\n${installed.stdout}\n${installed.stderr}`);
        }
    }

    async launch() {
        // detached: a new session and process group (setsid), so stop() ends the extension
        // host and the language server with it.
        this.process = spawn("node", [this.launcher,
            "--auth", "none", "--bind-addr", "127.0.0.1:0",
            "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
            "--extensions-dir", this.extensions, "--user-data-dir", this.userData, this.workspace,
        ], { env: this.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        const exited = new Promise(resolve => this.process.once("exit", code => resolve(code)));
        const listening = new Promise(resolve => {
            const watch = chunk => {
                this.output += chunk.toString();
                const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(this.output);
                if (match) {
                    resolve(match[1]);
                }
            };
            this.process.stdout.on("data", watch);
            this.process.stderr.on("data", watch);
        });
        const timeout = new Promise(resolve => setTimeout(() => resolve("timeout"), 120_000).unref());
        const first = await Promise.race([listening, exited.then(code => `exited:${code}`), timeout]);
        if (!first.startsWith("http")) {
            throw new Error(`code-server did not start (${first}):\n${this.output}`);
        }
        this.url = first;
    }

    /** The workbench with the example workspace open. */
    workbenchUrl() {
        return `${this.url}/?folder=${encodeURIComponent(this.workspace)}`;
    }

    /** The extension host's log of the RASDL output channel (the file the Output view shows). */
    rasdlLog() {
        const logs = path.join(this.userData, "logs");
        const found = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).filter(file => /RASDL\.log$/.test(file)) : [];
        return found.length === 0 ? undefined : fs.readFileSync(path.join(logs, found.sort().at(-1)), "utf8");
    }

    /**
     * When the RASDL channel logged its line containing TEXT (INDEX: 0 the first such line, -1
     * the last), on the Date.now() scale; the channel stamps lines in local time, and this
     * process and the extension host share the clock and the time zone.
     */
    logTime(text, index = 0) {
        const line = this.rasdlLog()?.split("\n").filter(l => l.includes(text)).at(index);
        const stamp = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
        return stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() : undefined;
    }

    /** When the extension started the language server (INDEX as for logTime). */
    serverStartTime(index = 0) {
        return this.logTime("Starting the RASDL language server", index);
    }

    async stop() {
        const child = this.process;
        if (child && child.exitCode === null && child.signalCode === null) {
            const ended = new Promise(resolve => child.once("exit", resolve));
            signalGroup(child.pid, "SIGTERM");
            const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), 10_000);
            await ended;
            clearTimeout(timer);
        }
        // The extension host or the server may outlive code-server's own process by a moment.
        if (child) {
            signalGroup(child.pid, "SIGKILL");
        }
        if (process.env.RASDL_E2E_KEEP !== "1") {
            fs.rmSync(this.root, { recursive: true, force: true });
        }
    }
}

function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    } catch {
        // The group has gone already.
    }
}
