// The server-launch logic (out/serverLaunch.js, free of VS Code) on made-up machines, and on
// this one with the real dotnet and the published server.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, test } from "node:test";
import { extensionRoot } from "./helpers/paths.mjs";

const require = createRequire(import.meta.url);
const launch = require(path.join(extensionRoot, "out", "serverLaunch.js"));

/** A machine with exactly these files. */
function host(files, env = {}, platform = "linux", arch = undefined) {
    const set = new Set(files);
    return { platform, arch, env, isFile: file => set.has(file) };
}

const ext = "/ext/rasdl-0.1.0";
const bundled = `${ext}/server/rasdl-lsp.dll`;
const bundledCli = `${ext}/server/rasdl.dll`;
const dotnet = "/usr/share/dotnet/dotnet";
const linux = (files, env = { PATH: "/usr/bin:/usr/share/dotnet" }) => host([dotnet, ...files], env);

describe("server launch", () => {
    test("the bundled server runs under dotnet from PATH", () => {
        const command = launch.resolveServerCommand(ext, {}, linux([bundled]));
        assert.deepEqual(command, { command: dotnet, args: [bundled], origin: "bundled" });
    });

    test("linux-x64: the bundled native server, started directly (no dotnet needed)", () => {
        const native = `${ext}/server/linux-x64/rasdl-lsp`;
        assert.deepEqual(launch.resolveServerCommand(ext, {}, host([native, bundled], { PATH: "/usr/bin" }, "linux", "x64")),
            { command: native, args: [], origin: "bundled" });
    });

    test("linux-arm64: its own native server, never the x64 one", () => {
        const x64 = `${ext}/server/linux-x64/rasdl-lsp`;
        const arm64 = `${ext}/server/linux-arm64/rasdl-lsp`;
        assert.deepEqual(launch.resolveServerCommand(ext, {}, host([x64, arm64, bundled], { PATH: "/usr/bin" }, "linux", "arm64")),
            { command: arm64, args: [], origin: "bundled" });
    });

    test("other platforms, or a .vsix without the native server: the assembly under dotnet", () => {
        const native = `${ext}/server/linux-x64/rasdl-lsp`;
        for (const [platform, arch] of [["linux", "arm64"], ["darwin", "x64"], ["darwin", "arm64"], ["linux", "riscv64"]]) {
            const command = launch.resolveServerCommand(ext, {}, host([dotnet, native, bundled], { PATH: "/usr/bin:/usr/share/dotnet" }, platform, arch));
            assert.deepEqual(command, { command: dotnet, args: [bundled], origin: "bundled" }, `${platform}-${arch}`);
        }
        assert.deepEqual(launch.resolveServerCommand(ext, {}, host([dotnet, bundled], { PATH: "/usr/share/dotnet" }, "linux", "x64")).args, [bundled]);
    });

    test("rasdl.server.path wins over the native server", () => {
        const native = `${ext}/server/linux-x64/rasdl-lsp`;
        const dll = "/opt/rasdl/rasdl-lsp.dll";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: dll }, host([dotnet, native, dll], { PATH: "/usr/share/dotnet" }, "linux", "x64")).args, [dll]);
    });

    test("an empty or blank rasdl.server.path means the bundled server", () => {
        for (const serverPath of ["", "   ", undefined]) {
            assert.equal(launch.resolveServerCommand(ext, { serverPath }, linux([bundled])).origin, "bundled");
        }
    });

    test("rasdl.server.path to a .dll runs it under dotnet; to anything else runs it directly", () => {
        const dll = "/opt/rasdl/rasdl-lsp.dll";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: dll }, linux([dll, bundled])),
            { command: dotnet, args: [dll], origin: "setting" });
        const exe = "/opt/rasdl/rasdl-lsp";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: exe }, linux([exe])),
            { command: exe, args: [], origin: "setting" });
    });

    test("a relative rasdl.server.path is resolved against the workspace folder, ~ against home", () => {
        const inWorkspace = "/home/me/platform/tools/rasdl-lsp.dll";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: "tools/rasdl-lsp.dll", workspaceFolder: "/home/me/platform" }, linux([inWorkspace])).args, [inWorkspace]);
        const inHome = "/home/me/rasdl/rasdl-lsp.dll";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: "~/rasdl/rasdl-lsp.dll" }, linux([inHome], { PATH: "/usr/share/dotnet", HOME: "/home/me" })).args, [inHome]);
    });

    test("a rasdl.server.path that does not exist is an error naming the setting, not a silent fallback", () => {
        assert.throws(() => launch.resolveServerCommand(ext, { serverPath: "/nowhere/rasdl-lsp.dll" }, linux([bundled])),
            error => error instanceof launch.LaunchError && error.kind === "server-missing" && /rasdl\.server\.path/.test(error.message) && /\/nowhere\/rasdl-lsp\.dll/.test(error.message));
    });

    test("no bundled server: an error that says to reinstall or set rasdl.server.path", () => {
        assert.throws(() => launch.resolveServerCommand(ext, {}, linux([])),
            error => error.kind === "server-missing" && error.message.includes(bundled) && /rasdl\.server\.path/.test(error.message));
    });

    test("no dotnet anywhere: a clear message that the .NET runtime is needed", () => {
        assert.throws(() => launch.resolveServerCommand(ext, {}, host([bundled], { PATH: "/usr/bin:/bin" })),
            error => error instanceof launch.LaunchError && error.kind === "dotnet-missing" && /\.NET 10 runtime/.test(error.message) && /`dotnet` was not found/.test(error.message));
    });

    test("an executable server needs no dotnet", () => {
        const exe = "/opt/rasdl/rasdl-lsp";
        assert.deepEqual(launch.resolveServerCommand(ext, { serverPath: exe }, host([exe], { PATH: "/usr/bin" })).command, exe);
    });

    test("dotnet: DOTNET_HOST_PATH, then DOTNET_ROOT, then PATH", () => {
        const viaHostPath = "/sdk/dotnet";
        const viaRoot = "/root-dotnet/dotnet";
        const files = [bundled, viaHostPath, viaRoot, dotnet];
        const env = { DOTNET_HOST_PATH: viaHostPath, DOTNET_ROOT: "/root-dotnet", PATH: "/usr/share/dotnet" };
        assert.equal(launch.resolveServerCommand(ext, {}, host(files, env)).command, viaHostPath);
        assert.equal(launch.resolveServerCommand(ext, {}, host(files, { ...env, DOTNET_HOST_PATH: "/gone/dotnet" })).command, viaRoot);
        assert.equal(launch.resolveServerCommand(ext, {}, host(files, { PATH: "/usr/share/dotnet" })).command, dotnet);
    });

    test("Windows: dotnet.exe found through PATH and PATHEXT", () => {
        const winExt = "C:\\ext";
        const winBundled = "C:\\ext\\server\\rasdl-lsp.dll";
        const winDotnet = "C:\\Program Files\\dotnet\\dotnet.EXE";
        const command = launch.resolveServerCommand(winExt, {}, host([winBundled, winDotnet], { Path: "C:\\Windows;C:\\Program Files\\dotnet", PATHEXT: ".COM;.EXE" }, "win32"));
        assert.deepEqual(command, { command: winDotnet, args: [winBundled], origin: "bundled" });
    });

    test("the CLI: beside a configured server, else bundled, else rasdl on PATH, else an error", () => {
        const custom = "/opt/rasdl/rasdl-lsp.dll";
        const customCli = "/opt/rasdl/rasdl.dll";
        assert.deepEqual(launch.resolveCliCommand(ext, { serverPath: custom }, ["explain", "RASDL2001"], linux([custom, customCli, bundledCli])),
            { command: dotnet, args: [customCli, "explain", "RASDL2001"], origin: "setting" });
        assert.deepEqual(launch.resolveCliCommand(ext, { serverPath: custom }, ["check"], linux([custom, bundledCli])).args, [bundledCli, "check"]);
        const tool = "/home/me/.dotnet/tools/rasdl";
        assert.deepEqual(launch.resolveCliCommand(ext, {}, ["check"], host([tool], { PATH: "/home/me/.dotnet/tools" })),
            { command: tool, args: ["check"], origin: "path" });
        assert.throws(() => launch.resolveCliCommand(ext, {}, ["check"], linux([])), error => error.kind === "cli-missing");
    });

    test("on this machine: the server published into the extension, native on linux-x64", () => {
        const command = launch.resolveServerCommand(extensionRoot, {});
        if (`${process.platform}-${process.arch}` === "linux-x64") {
            assert.deepEqual(command, { command: path.join(extensionRoot, "server", "linux-x64", "rasdl-lsp"), args: [], origin: "bundled" });
            return;
        }
        assert.equal(path.basename(command.command).replace(/\.exe$/i, ""), "dotnet");
        assert.ok(fs.statSync(command.command).isFile());
        assert.equal(command.args[0], path.join(extensionRoot, "server", "rasdl-lsp.dll"));
        assert.ok(fs.existsSync(command.args[0]), "run `npm run package` first: it publishes the server into server/");
    });
});
