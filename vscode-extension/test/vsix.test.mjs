// The .vsix built by `npm run package` (npm test builds it first): what it contains, and
// that the server inside it, unpacked as VS Code installs it, runs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, test } from "node:test";
import { extensionRoot } from "./helpers/paths.mjs";
import { installVsix, readVsix, vsixFile } from "./helpers/vsix.mjs";

const require = createRequire(import.meta.url);
const launch = require(path.join(extensionRoot, "out", "serverLaunch.js"));

describe(".vsix", () => {
    test("it was built", () => {
        assert.ok(fs.existsSync(vsixFile), `${path.basename(vsixFile)} is missing: run \`npm run package\``);
    });

    test("contains the manifest, the bundle, the graph view's script (with dagre) and style, the grammar, the snippets, the language configuration and the README", async () => {
        const entries = await readVsix();
        for (const file of [
            "extension.vsixmanifest",
            "extension/package.json",
            "extension/out/extension.js",
            "extension/media/containmentGraph.js",
            "extension/media/containmentGraph.css",
            "extension/media/containmentGraph.licenses.txt",
            "extension/syntaxes/rasdl.tmLanguage.json",
            "extension/snippets/rasdl.code-snippets",
            "extension/language-configuration.json",
            "extension/readme.md",
        ]) {
            assert.ok(entries.has(file) || entries.has(file.replace("readme.md", "README.md")), `${file} is not in the .vsix:\n${[...entries.keys()].join("\n")}`);
        }
        for (const file of ["package.json", "syntaxes/rasdl.tmLanguage.json", "snippets/rasdl.code-snippets", "language-configuration.json"]) {
            assert.deepEqual(JSON.parse(entries.get(`extension/${file}`).toString("utf8")),
                JSON.parse(fs.readFileSync(path.join(extensionRoot, file), "utf8")), `${file} in the .vsix differs from the source`);
        }
    });

    test("contains the language server and the rasdl command line, framework-dependent", async () => {
        const entries = await readVsix();
        for (const file of ["rasdl-lsp.dll", "rasdl-lsp.deps.json", "rasdl-lsp.runtimeconfig.json", "rasdl.dll", "rasdl.runtimeconfig.json", "Rasdl.Compiler.dll", "Rasdl.Grammar.dll", "StreamJsonRpc.dll", "Antlr4.Runtime.Standard.dll"]) {
            assert.ok(entries.has(`extension/server/${file}`), `server/${file} is not in the .vsix`);
        }
        const runtime = JSON.parse(entries.get("extension/server/rasdl-lsp.runtimeconfig.json").toString("utf8")).runtimeOptions;
        const frameworks = runtime.frameworks ?? [runtime.framework];
        assert.ok(frameworks.some(f => f.name === "Microsoft.NETCore.App"), "the server runs on the shared .NET runtime (framework-dependent)");
    });

    test("contains the Native AOT language server for linux-x64, executable, with the diagnostics' help pages", async () => {
        const entries = await readVsix();
        const native = [...entries.keys()].filter(n => n.startsWith("extension/server/linux-x64/"));
        assert.ok(native.includes("extension/server/linux-x64/rasdl-lsp"), `server/linux-x64/rasdl-lsp is not in the .vsix:\n${native.join("\n")}`);
        assert.ok(native.includes("extension/server/linux-x64/docs/diagnostics/RASDL1002.md"), "the native server's help pages are missing");
        // Nothing but the executable and its help pages: no assemblies (it is one native file), no debug files.
        assert.deepEqual(native.filter(n => !n.startsWith("extension/server/linux-x64/docs/") && n !== "extension/server/linux-x64/rasdl-lsp"), []);
        const executable = entries.get("extension/server/linux-x64/rasdl-lsp");
        assert.equal(executable.subarray(0, 4).toString("latin1"), "\x7fELF", "an ELF executable");
        assert.equal(entries.modes.get("extension/server/linux-x64/rasdl-lsp") & 0o111, 0o111, "installed executable (the zip keeps its x bits)");
    });

    test("the installed extension's native server runs without dotnet: --version", { skip: `${process.platform}-${process.arch}` !== "linux-x64" && "linux-x64 only" }, async () => {
        const root = await installVsix();
        const result = spawnSync(path.join(root, "server", "linux-x64", "rasdl-lsp"), ["--version"], { encoding: "utf8", timeout: 60_000, env: { PATH: "/nonexistent" } });
        assert.equal(result.status, 0, `${result.error ?? ""} ${result.stderr}`);
        assert.match(result.stdout.trim(), /^rasdl-lsp \d+\.\d+\.\d+/);
    });

    // scripts/publish-server.mjs compiles linux-arm64's server on linux-x64 when the project finds
    // the arm64 cross toolchain (RasdlArm64Native), which CI installs (.ci/run): there it must be in.
    test("contains the Native AOT language server for linux-arm64 where it could be built: an AArch64 executable that runs (under qemu, where installed)", async (t) => {
        const entries = await readVsix();
        const native = [...entries.keys()].filter(n => n.startsWith("extension/server/linux-arm64/"));
        if (native.length === 0) {
            assert.ok(!(process.env.CI === "true" && `${process.platform}-${process.arch}` === "linux-x64"),
                "CI installs the arm64 cross toolchain: the .vsix must hold server/linux-arm64/rasdl-lsp");
            t.skip("built without the arm64 cross toolchain");
            return;
        }
        assert.deepEqual(native.filter(n => !n.startsWith("extension/server/linux-arm64/docs/") && n !== "extension/server/linux-arm64/rasdl-lsp"), []);
        const executable = entries.get("extension/server/linux-arm64/rasdl-lsp");
        assert.equal(executable.subarray(0, 4).toString("latin1"), "\x7fELF", "an ELF executable");
        assert.equal(executable.readUInt16LE(18), 0xB7, "for AArch64 (e_machine)");
        assert.equal(entries.modes.get("extension/server/linux-arm64/rasdl-lsp") & 0o111, 0o111, "installed executable (the zip keeps its x bits)");
        const qemu = launch.findOnPath("qemu-aarch64", launch.nodeHost);
        if (qemu) {
            const root = await installVsix();
            // The cross C library's folder is the arm64 root the emulator loads the server's libraries from.
            const result = spawnSync(qemu, ["-L", "/usr/aarch64-linux-gnu", path.join(root, "server", "linux-arm64", "rasdl-lsp"), "--version"],
                { encoding: "utf8", timeout: 60_000, env: { PATH: "/nonexistent" } });
            assert.equal(result.status, 0, `${result.error ?? ""} ${result.stderr}`);
            assert.match(result.stdout.trim(), /^rasdl-lsp \d+\.\d+\.\d+/);
        }
    });

    test("leaves out sources, tests, build scripts and node_modules", async () => {
        const names = [...(await readVsix()).keys()];
        const unwanted = names.filter(n => /^extension\/(src|test|scripts|node_modules)\//.test(n) || n.endsWith(".ts") || n.endsWith(".map") || n.endsWith(".pdb"));
        assert.deepEqual(unwanted, []);
    });

    test("the installed extension's rasdl command line runs", async () => {
        const root = await installVsix();
        const result = spawnSync("dotnet", [path.join(root, "server", "rasdl.dll"), "--version"], { encoding: "utf8", timeout: 60_000 });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout.trim(), /^\d+\.\d+\.\d+/);
    });
});
