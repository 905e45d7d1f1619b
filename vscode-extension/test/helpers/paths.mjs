// Folders the tests read: the extension, the repository around it, the inputs they tokenise.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const repositoryRoot = path.resolve(extensionRoot, "..");
export const fixturesFolder = path.join(extensionRoot, "test", "fixtures");
export const snapshotsFolder = path.join(extensionRoot, "test", "snapshots");

export function readJson(file) {
    return JSON.parse(fs.readFileSync(path.join(extensionRoot, file), "utf8"));
}

/** Every *.rasdl below `folder`, sorted, as paths relative to the repository root. */
export function rasdlFilesUnder(folder) {
    const absolute = path.join(repositoryRoot, folder);
    if (!fs.existsSync(absolute)) {
        return [];
    }
    return fs.readdirSync(absolute, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && entry.name.endsWith(".rasdl"))
        .map(entry => path.relative(repositoryRoot, path.join(entry.parentPath ?? entry.path, entry.name)))
        .filter(file => !file.split(path.sep).some(part => part === "bin" || part === "obj" || part === "node_modules"))
        .map(file => file.split(path.sep).join("/"))
        .sort();
}

/**
 * The files whose tokens are snapshotted: the examples, the standard library and the
 * grammar fixtures.
 */
export function tokenisedFiles() {
    return [
        ...rasdlFilesUnder("examples"),
        ...rasdlFilesUnder("compiler/Rasdl.Compiler/Std"),
        ...rasdlFilesUnder("vscode-extension/test/fixtures"),
    ];
}
