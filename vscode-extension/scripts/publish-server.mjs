// Publishes the language server (rasdl-lsp.dll) and the `rasdl` command line (rasdl.dll),
// framework-dependent and platform-neutral, into server/ of the extension; and the language
// server as a Native AOT executable into server/RUNTIME/ for each Linux runtime this machine can
// compile it for, which the extension starts there instead of the assembly
// (src/serverLaunch.ts; docs/performance.md, "Server start"): its own (linux-x64 or
// linux-arm64), and linux-arm64 from linux-x64 when the project finds the arm64 cross
// toolchain (RasdlArm64Native in Directory.Build.props). Native AOT compiles only for the
// machine's own operating system, so other build machines make a .vsix with the
// framework-dependent server alone, and say so.
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

// The project's own answer to "can this machine compile Native AOT for linux-arm64?".
function projectProperty(project, name) {
    const result = spawnSync("dotnet", ["msbuild", project, `-getProperty:${name}`, "-nologo"], { cwd: repositoryRoot, encoding: "utf8" });
    return result.status === 0 ? result.stdout.trim() : "";
}

const serverProject = projects[0].project;
const host = `${process.platform}-${process.arch}`;
const nativeRuntimes = [];
if (host === "linux-x64" || host === "linux-arm64") {
    nativeRuntimes.push(host);
}
if (host === "linux-x64" && projectProperty(serverProject, "RasdlArm64Native") === "true") {
    nativeRuntimes.push("linux-arm64");
}

for (const nativeRuntime of nativeRuntimes) {
    const started = Date.now();
    console.log(`publish-server: dotnet publish ${serverProject} -r ${nativeRuntime} (the language server, Native AOT)`);
    const result = spawnSync("dotnet", [
        "publish", serverProject,
        "--configuration", "Release",
        "--runtime", nativeRuntime,
        "--output", path.join(outputFolder, nativeRuntime),
        "--nologo",
        "--verbosity", "quiet",
    ], { cwd: repositoryRoot, stdio: "inherit" });
    if (result.error) {
        fail(`could not run dotnet (${result.error.message}).`);
    }
    if (result.status !== 0) {
        fail(`dotnet publish ${serverProject} -r ${nativeRuntime} failed (exit code ${result.status}). ` +
            "Native AOT links with clang or gcc and needs zlib's headers; for linux-arm64 on x64, Debian's arm64 cross toolchain (.ci/run installs them).");
    }
    const native = path.join(outputFolder, nativeRuntime, "rasdl-lsp");
    if (!fs.existsSync(native)) {
        fail(`server/${nativeRuntime}/rasdl-lsp is missing after publishing.`);
    }
    // Only the executable and what it reads at run time (the diagnostics' help pages) ship;
    // the protocol generator and the libraries' debug files come along with any publish.
    for (const entry of fs.readdirSync(path.dirname(native))) {
        if (entry !== "rasdl-lsp" && entry !== "docs") {
            fs.rmSync(path.join(path.dirname(native), entry), { recursive: true, force: true });
        }
    }
    console.log(`publish-server: server/${nativeRuntime}/rasdl-lsp ready (${Math.round((Date.now() - started) / 1000)} s)`);
}
if (nativeRuntimes.length === 0) {
    console.log(`publish-server: no native server (Native AOT is compiled on Linux only; this is ${host}): ` +
        "the .vsix runs the framework-dependent server everywhere.");
} else if (!nativeRuntimes.includes("linux-arm64")) {
    console.log("publish-server: no linux-arm64 native server (no arm64 cross toolchain here): on linux-arm64 the .vsix runs the framework-dependent server.");
}

for (const { assembly } of projects) {
    if (!fs.existsSync(path.join(outputFolder, assembly))) {
        fail(`server/${assembly} is missing after publishing.`);
    }
}
console.log(`publish-server: ${projects.map(p => "server/" + p.assembly).join(", ")} ready`);
