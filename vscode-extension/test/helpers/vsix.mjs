// Reads the .vsix that `npm run package` built (a zip), and unpacks it the way VS Code
// installs it: the folder `extension/` becomes the installed extension.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import yauzl from "yauzl";
import { extensionRoot, readJson } from "./paths.mjs";

const manifest = readJson("package.json");
export const vsixFile = path.join(extensionRoot, `${manifest.name}-${manifest.version}.vsix`);

/**
 * Every entry of the .vsix: Map(name -> Buffer); its `modes` property maps each name to the
 * Unix permission bits recorded in the zip (what VS Code gives the installed file).
 */
export function readVsix(file = vsixFile) {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (error, zip) => {
            if (error) {
                reject(error);
                return;
            }
            const entries = new Map();
            entries.modes = new Map();
            zip.on("error", reject);
            zip.on("end", () => resolve(entries));
            zip.on("entry", entry => {
                if (entry.fileName.endsWith("/")) {
                    zip.readEntry();
                    return;
                }
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError) {
                        reject(streamError);
                        return;
                    }
                    const chunks = [];
                    stream.on("data", chunk => chunks.push(chunk));
                    stream.on("end", () => {
                        entries.set(entry.fileName, Buffer.concat(chunks));
                        // As VS Code's installer reads it: the high 16 bits, else rw-r--r--.
                        entries.modes.set(entry.fileName, ((entry.externalFileAttributes >>> 16) || 0o100644) & 0o777);
                        zip.readEntry();
                    });
                });
            });
            zip.readEntry();
        });
    });
}

let installed;

/** The .vsix's extension/ folder unpacked into a temporary folder (once per test process). */
export async function installVsix() {
    if (!installed) {
        installed = (async () => {
            const entries = await readVsix();
            const root = fs.mkdtempSync(path.join(os.tmpdir(), "rasdl-vsix-"));
            process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
            for (const [name, content] of entries) {
                if (!name.startsWith("extension/")) {
                    continue;
                }
                const target = path.join(root, ...name.slice("extension/".length).split("/"));
                fs.mkdirSync(path.dirname(target), { recursive: true });
                fs.writeFileSync(target, content, { mode: entries.modes.get(name) });
            }
            return root;
        })();
    }
    return installed;
}
