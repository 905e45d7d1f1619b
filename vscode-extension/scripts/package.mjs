// Builds the .vsix: publishes the server and the command line into server/, then runs
// vsce (whose vscode:prepublish step bundles the TypeScript). The extension is bundled by
// esbuild, so no node_modules go into the package.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8"));
const vsix = `${manifest.name}-${manifest.version}.vsix`;

function run(command, args) {
    const result = spawnSync(command, args, { cwd: extensionRoot, stdio: "inherit" });
    if (result.status !== 0) {
        console.error(`package: ${command} ${args.join(" ")} failed (exit code ${result.status ?? result.error?.message}).`);
        process.exit(1);
    }
}

// RASDL_REUSE_SERVER=1 keeps an already published server/ (for quick local iterations).
if (process.env.RASDL_REUSE_SERVER === "1" && fs.existsSync(path.join(extensionRoot, "server", "rasdl-lsp.dll"))) {
    console.log("package: reusing server/ (RASDL_REUSE_SERVER=1)");
} else {
    run(process.execPath, [path.join("scripts", "publish-server.mjs")]);
}

fs.rmSync(path.join(extensionRoot, vsix), { force: true });
run(process.execPath, [
    path.join("node_modules", "@vscode", "vsce", "vsce"),
    "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", vsix,
]);
console.log(`package: ${vsix}`);
