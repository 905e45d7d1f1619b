// Bundles src/extension.ts (with vscode-languageclient) into out/extension.js, and the
// VS Code–free modules into out/ on their own so that tests can load them in plain Node.
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
    entryPoints: ["src/serverLaunch.ts", "src/reportCommands.ts", "src/serverLog.ts"],
    outdir: "out",
});

console.log("built out/extension.js, out/serverLaunch.js, out/reportCommands.js, out/serverLog.js");
