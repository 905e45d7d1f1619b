// The packaged extension in a real VS Code: the .vsix is installed into code-server, a copy
// of examples/ is opened as the workspace, and each check of checks.mjs drives the workbench
// in headless Chromium and looks at what is rendered. Every check saves a screenshot into
// artifacts/vscode-e2e/run/ (RASDL_E2E_ARTEFACTS); a failing check names its screenshot.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { checks } from "./checks.mjs";
import { CodeServer } from "./lib/codeServer.mjs";
import { artefactsFolder } from "./lib/paths.mjs";
import { extensionPackage } from "./lib/tools.mjs";
import { Workbench } from "./lib/workbench.mjs";

const context = { session: undefined, workbench: undefined, timings: {} };
const began = Date.now();
context.timings.loadAverageAtStart = os.loadavg().map(load => Number(load.toFixed(1)));

before(async () => {
    fs.rmSync(artefactsFolder, { recursive: true, force: true });
    fs.mkdirSync(artefactsFolder, { recursive: true });
    context.session = await CodeServer.start(extensionPackage());
    context.timings.codeServerReadyMs = Date.now() - began;
    context.workbench = await Workbench.open(context.session.workbenchUrl(), artefactsFolder);
});

after(async () => {
    const { session, workbench, timings } = context;
    const log = session?.rasdlLog();
    if (log !== undefined) {
        fs.writeFileSync(path.join(artefactsFolder, "rasdl-output-channel.log"), log);
    }
    fs.writeFileSync(path.join(artefactsFolder, "code-server.log"), session?.output ?? "");
    await workbench?.close();
    await session?.stop();
    timings.totalMs = Date.now() - began;
    timings.loadAverageAtEnd = os.loadavg().map(load => Number(load.toFixed(1)));
    fs.writeFileSync(path.join(artefactsFolder, "timings.json"), JSON.stringify(timings, null, 2) + "\n");
    console.log(`vscode-e2e timings (ms): ${JSON.stringify(timings)}`);
    console.log(`vscode-e2e screenshots and logs: ${artefactsFolder}`);
});

checks.forEach((check, index) => {
    const name = `${String(index + 1).padStart(2, "0")}-${check.name}`;
    test(check.title, async () => {
        const { workbench } = context;
        if (!workbench) {
            throw new Error("the workbench did not open (see the before hook's error)");
        }
        try {
            await check.run(context);
            await workbench.screenshot(name);
        } catch (error) {
            const screenshot = await workbench.screenshot(`${name}-FAILED`).catch(e => `(none: ${e.message})`);
            throw new Error(`${check.title}: ${error.message}\n  screenshot: ${screenshot}`, { cause: error });
        } finally {
            // Leave the workbench as the next check expects it, whatever happened.
            await check.cleanUp?.(context).catch(() => undefined);
        }
    });
});
