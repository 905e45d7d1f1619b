// Publishes the language server (rasdl-lsp.dll) and the `rasdl` command line (rasdl.dll),
// framework-dependent and platform-neutral, into server/ of the extension.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repositoryRoot = path.resolve(extensionRoot, "..");
const outputFolder = path.join(extensionRoot, "server");
const projects = [
    { project: "server/Rasdl.LanguageServer/Rasdl.LanguageServer.csproj", assembly: "rasdl-lsp.dll", what: "the language server" },
    { project: "compiler/Rasdl.Cli/Rasdl.Cli.csproj", assembly: "rasdl.dll", what: "the rasdl command line" },
];

function fail(message) {
    console.error(`publish-server: ${message}`);
    process.exit(1);
}

for (const { project, what } of projects) {
    if (!fs.existsSync(path.join(repositoryRoot, project))) {
        fail(`${project} (${what}) is not in this checkout, so the extension cannot bundle it. ` +
            "The .vsix is only built with both the server and the command line inside.");
    }
}

fs.rmSync(outputFolder, { recursive: true, force: true });
for (const { project, what } of projects) {
    console.log(`publish-server: dotnet publish ${project} (${what})`);
    const result = spawnSync("dotnet", [
        "publish", project,
        "--configuration", "Release",
        "--output", outputFolder,
        "--self-contained", "false",
        "--nologo",
        "--verbosity", "quiet",
        // One platform-neutral .vsix: `dotnet rasdl-lsp.dll`, no native launcher.
        "-p:UseAppHost=false",
    ], { cwd: repositoryRoot, stdio: "inherit" });
    if (result.error) {
        fail(`could not run dotnet (${result.error.message}). Building the extension needs the .NET SDK.`);
    }
    if (result.status !== 0) {
        fail(`dotnet publish ${project} failed (exit code ${result.status}).`);
    }
}

for (const { assembly } of projects) {
    if (!fs.existsSync(path.join(outputFolder, assembly))) {
        fail(`server/${assembly} is missing after publishing.`);
    }
}
console.log(`publish-server: ${projects.map(p => "server/" + p.assembly).join(", ")} ready`);
