// Bundles src/extension.ts (with vscode-languageclient) into out/extension.js, the VS Code–free
// modules into out/ on their own so that tests can load them in plain Node, and the containment
// graph view's script (with dagre) into media/containmentGraph.js, which the webview loads
// from the extension's own files.
import * as esbuild from "esbuild";
import * as fs from "node:fs";

const production = !process.argv.includes("--dev");
const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: production ? false : "inline",
    minify: production,
    logLevel: "warning",
};

await esbuild.build({
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "out/extension.js",
    // Provided by VS Code at run time.
    external: ["vscode"],
});

await esbuild.build({
    ...common,
    entryPoints: ["src/serverLaunch.ts", "src/reportCommands.ts", "src/serverLog.ts", "src/graphPage.ts", "src/graphLayout.ts"],
    outdir: "out",
});

await esbuild.build({
    ...common,
    entryPoints: ["src/graphWebview.ts"],
    outfile: "media/containmentGraph.js",
    platform: "browser",
    format: "iife",
    target: "chrome120",
    // A source map inline would only grow the page; the bundle is small enough to read unminified in a dev build.
    sourcemap: false,
});

// The graph view's bundle carries dagre and graphlib (MIT): their licences go into the .vsix beside it.
fs.writeFileSync("media/containmentGraph.licenses.txt", ["@dagrejs/dagre", "@dagrejs/graphlib"].map(name => {
    const version = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
    return `${name} ${version}, bundled in containmentGraph.js:\n\n${fs.readFileSync(`node_modules/${name}/LICENSE`, "utf8").trim()}\n`;
}).join("\n"));

console.log("built out/extension.js, out/serverLaunch.js, out/reportCommands.js, out/serverLog.js, out/graphPage.js, out/graphLayout.js, media/containmentGraph.js (and its licences)");
