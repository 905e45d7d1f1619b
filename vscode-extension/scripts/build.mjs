// Bundles src/extension.ts (with vscode-languageclient) into out/extension.js, the VS Code–free
// modules into out/ on their own so that tests can load them in plain Node, and the containment
// graph view's script (with dagre) into media/containmentGraph.js, which the webview loads
// from the extension's own files.
import * as esbuild from "esbuild";

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

console.log("built out/extension.js, out/serverLaunch.js, out/reportCommands.js, out/serverLog.js, out/graphPage.js, out/graphLayout.js, media/containmentGraph.js");
