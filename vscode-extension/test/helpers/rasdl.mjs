// Runs the real `rasdl` command line: the one published into server/ by `npm run package`,
// or, before that, the compiler's CLI project built by `dotnet run`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { extensionRoot, repositoryRoot } from "./paths.mjs";

export const publishedCli = path.join(extensionRoot, "server", "rasdl.dll");
export const publishedServer = path.join(extensionRoot, "server", "rasdl-lsp.dll");

/** Runs `rasdl ARGS` and returns { status, stdout, stderr }. */
export function rasdl(args, options = {}) {
    const [command, prefix] = fs.existsSync(publishedCli)
        ? ["dotnet", [publishedCli]]
        : ["dotnet", ["run", "--project", path.join(repositoryRoot, "compiler", "Rasdl.Cli"), "-c", "Release", "--"]];
    const result = spawnSync(command, [...prefix, ...args], { encoding: "utf8", cwd: options.cwd ?? repositoryRoot, timeout: 300_000 });
    if (result.error) {
        throw result.error;
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `rasdl vocabulary --format json`: [{ word, category, summary }]. */
export function vocabulary() {
    const result = rasdl(["vocabulary", "--format", "json"]);
    if (result.status !== 0) {
        throw new Error(`rasdl vocabulary failed (${result.status}): ${result.stderr}`);
    }
    return JSON.parse(result.stdout);
}
