// What the test checks in the workbench, one entry per feature, in the order they run. A check
// gets { workbench, session, timings } and throws when what it sees is wrong; the runner then
// takes the screenshot (before cleanUp, so that it shows what the check saw). To add a check,
// append { name, title, run, cleanUp? } here.
//
// Places in the examples are found by a pattern whose first group is the word to put the
// cursor on, so the checks follow the examples when lines move.
import * as fs from "node:fs";
import * as path from "node:path";
import { patience } from "./lib/workbench.mjs";

const hover = ".monaco-editor .monaco-hover:not(.hidden)";
const suggestions = ".editor-widget.suggest-widget.visible";
const peek = ".zone-widget .peekview-widget";
const codeActions = ".action-widget";

// What checks leave behind for the next one to start from a clean screen.
const showAllProblems = ({ workbench }) => workbench.problems("");
const closeWidget = ({ workbench }) => workbench.page.keyboard.press("Escape");
const revertFile = ({ workbench }) => workbench.runCommand("File: Revert File");

export const checks = [
    {
        name: "first-diagnostics",
        title: "opening a file with errors: the server's diagnostics appear in the editor (and how long they took)",
        async run({ workbench, session, timings }) {
            await workbench.openFile("serror-soc/serror-soc.rasdl");
            const opened = Date.now();
            // The status bar's problem count and the squiggles come from the server's first publishDiagnostics.
            const shown = await workbench.until("the first diagnostics on screen", async () =>
                (await workbench.page.locator(".monaco-editor .squiggly-error").count()) > 0 ? Date.now() : 0, 180_000, 50);
            const started = session.serverStartTime();
            timings.openToDiagnosticsMs = shown - opened;
            timings.serverStartToDiagnosticsMs = started === undefined ? undefined : shown - started;
            timings.serverStartToOpenMs = started === undefined ? undefined : opened - started;
        },
    },
    {
        name: "server-log-levels",
        title: "the server's start-up report is in the RASDL channel at [info], and nothing there is an [error]",
        async run({ workbench, session }) {
            // The JIT build reports its warm-up; the Native AOT build (bundled on linux-x64) that
            // it has nothing to warm up.
            const report = / \[info\] (warmed up in \d+ ms|compiled ahead of time \(Native AOT\): no warm-up)/;
            const log = await workbench.until("the RASDL channel to report the start-up", () => {
                const text = session.rasdlLog();
                return text?.includes("warmed up in") || text?.includes("no warm-up") ? text : undefined;
            }, 180_000);
            const startUp = log.split("\n").filter(line => line.includes("warmed up in") || line.includes("no warm-up"));
            assertThat(startUp.length === 1 && report.test(startUp[0]), `the start-up report is logged once at [info]: ${JSON.stringify(startUp)}`);
            const errors = log.split("\n").filter(line => / \[error\] /.test(line));
            assertThat(errors.length === 0, `nothing in the RASDL channel is logged at [error]:\n${errors.join("\n")}`);
            // And on screen: the Output view on the RASDL channel, filtered to the report.
            await workbench.runCommand("Output: Show Output Channels...", { opensPicker: true });
            await workbench.pickQuickItem(/^RASDL$/);
            await workbench.filterPanel("warm");
            await workbench.anyEditorShows(".part.panel", report);
        },
        async cleanUp({ workbench }) {
            await workbench.filterPanel("");
        },
    },
    {
        name: "restart-server",
        title: "RASDL: Restart Server with a file open: a new server, and its first diagnostics (timed from its start)",
        async run({ workbench, session, timings }) {
            await workbench.openFile("serror-soc/serror-soc.rasdl");
            const errors = workbench.page.locator(".part.statusbar [id='status.problems']");
            const errorCount = async () => Number(/\d+/.exec(await errors.innerText())?.[0] ?? Number.NaN);
            await workbench.until("the status bar to count the file's errors", async () => (await errorCount()) > 0);
            const starts = () => (session.rasdlLog() ?? "").split("\n").filter(line => line.includes("Starting the RASDL language server")).length;
            const before = starts();
            await workbench.runCommand("RASDL: Restart Server");
            // Stopping the old client clears its diagnostics before the new server starts. The native
            // server starts and publishes again within a few tens of milliseconds, often before the
            // status bar has shown the cleared count, so the clearing is noted when seen, not awaited:
            // what is awaited is the new start in the RASDL channel, then the count.
            let cleared = false;
            const look = async () => {
                const count = await errorCount();
                cleared ||= count === 0;
                return count;
            };
            await workbench.until("the RASDL channel to report the new server's start", async () => { await look(); return starts() === before + 1; }, patience, 10);
            const shown = await workbench.until("the new server's first diagnostics", async () => (await look()) > 0 ? Date.now() : 0, 180_000, 10);
            assertThat(starts() === before + 1, `the RASDL channel reports one more server start (${before} before, ${starts()} after)`);
            timings.restartClearedCountSeen = cleared;
            // The new server answers: a hover on a route hop comes from it (the old one has exited).
            await workbench.showHoverAt(at(session, "serror-soc/serror-soc.rasdl", /route (cpu_cluster) -> noc/));
            await workbench.hoverShows(/block cpu_cluster : cpu/);
            const started = session.serverStartTime(-1);
            timings.restartToDiagnosticsMs = started === undefined ? undefined : shown - started;
            // Of which: the process starting and answering initialize (the client logs "running" then).
            const running = session.logTime("RASDL language server running", -1);
            timings.restartToInitializedMs = started === undefined || running === undefined ? undefined : running - started;
        },
    },
    {
        name: "problems",
        title: "Problems panel: an uncontained region's error with its witness as related information",
        async run({ workbench }) {
            await workbench.openFile("serror-soc/serror-soc.rasdl");
            const panel = await workbench.problems("profile device_stage2");
            await panel.locator(".monaco-list-row", { hasText: /RASDL2001/ }).first().waitFor();
            await panel.locator(".monaco-list-row", { hasText: /wifi0\.bar0 \(profile device_stage2/ }).first().waitFor();
            // The witness, step by step, beneath the error, with the route (and its cpu) it took.
            await panel.locator(".monaco-list-row", { hasText: /route cpu_cluster -> noc -> pcie_rc \(cpu cpu_cluster\)/ }).first().waitFor();
            await panel.locator(".monaco-list-row", { hasText: /wifi0 can produce cto/ }).first().waitFor();
            await panel.locator(".monaco-list-row", { hasText: /pcie_rc turns cto into slverr/ }).first().waitFor();
            await panel.locator(".monaco-list-row", { hasText: /cpu_cluster takes slverr as SError\(UC\)/ }).first().waitFor();
        },
        cleanUp: showAllProblems,
    },
    {
        name: "hover-block",
        title: "hover on a block: its declaration and its rules",
        async run({ workbench, session }) {
            await workbench.openFile("server/server.rasdl");
            await workbench.showHoverAt(at(session, "server/server.rasdl", /route core -> (mesh) -> rc0;/));
            await workbench.hoverShows(/block mesh : interconnect/);
            await workbench.hoverShows(/on slverr -> slverr;/);
        },
        cleanUp: closeWidget,
    },
    {
        name: "hover-vocabulary",
        title: "hover on a vocabulary word: what it means",
        async run({ workbench, session }) {
            await workbench.openFile("server/server.rasdl");
            await workbench.showHoverAt(at(session, "server/server.rasdl", /block mesh : interconnect \{\n\s+on slverr -> (slverr);/));
            await workbench.hoverShows(/slverr\s+—\s+error/);
            await workbench.hoverShows(/error response/);
        },
        cleanUp: closeWidget,
    },
    {
        name: "completion",
        title: "completion after `on `: the errors a rule can match",
        async run({ workbench, session }) {
            await workbench.openFile("server/server.rasdl");
            await workbench.goTo(at(session, "server/server.rasdl", /block mesh : interconnect \{\n {4}on slverr -> slverr; +\/\/.*\n {4}on poison -> (poison);/));
            await workbench.page.keyboard.press("End");
            await workbench.page.keyboard.press("Enter");
            await workbench.page.keyboard.type("on ");
            await workbench.retry("the completion list", async timeout => {
                if (!(await workbench.page.locator(suggestions).isVisible())) {
                    await workbench.page.keyboard.press("Control+Space");
                }
                await workbench.page.locator(`${suggestions} .monaco-list-row`, { hasText: "slverr" }).first().waitFor({ timeout });
            });
            const labels = workbench.page.locator(`${suggestions} .monaco-list-row .label-name`);
            await workbench.until("errors among the completions", async () => {
                const offered = (await labels.allInnerTexts()).map(label => label.trim());
                return ["ur", "ca", "cto", "poison", "slverr"].every(word => offered.includes(word));
            });
        },
        async cleanUp({ workbench }) {
            await workbench.page.keyboard.press("Escape");
            await workbench.runCommand("File: Revert File");
        },
    },
    {
        name: "definition",
        title: "go to definition: a root port used on the board opens its declaration in ip/",
        async run({ workbench, session }) {
            await workbench.openFile("multi-file/multi-file.rasdl");
            await workbench.goTo(at(session, "multi-file/multi-file.rasdl", /route server_core -> mesh -> (io_rp0);/));
            await workbench.retry("go to definition", async timeout => {
                await workbench.page.keyboard.press("F12");
                await workbench.activeTab("root-ports.rasdl", timeout);
            });
            const declaration = at(session, "multi-file/ip/root-ports.rasdl", /block (io_rp0)\b/);
            await workbench.statusShows(`Ln ${declaration.line}, Col ${declaration.column}`);
            await workbench.editorShows(/block io_rp0\b/);
        },
    },
    {
        name: "rename",
        title: "rename of a block across files: its declaration in ip/ and its uses on the board",
        async run({ workbench, session }) {
            await workbench.openFile("multi-file/multi-file.rasdl");
            await workbench.goTo(at(session, "multi-file/multi-file.rasdl", /route (server_core) -> mesh -> io_rp0;/));
            await workbench.retry("rename", async timeout => {
                await workbench.page.keyboard.press("F2");
                const input = workbench.page.locator("input.rename-input");
                await input.waitFor({ state: "visible", timeout });
                await input.fill("board_core");
                await workbench.page.keyboard.press("Enter");
                await workbench.editorShows(/route board_core -> mesh -> io_rp0;\s+route board_core -> mesh -> io_rp1;/, timeout);
            });
            await workbench.runCommand("File: Save All Files");
            await workbench.openFile("multi-file/ip/cores.rasdl");
            await workbench.editorShows(/block board_core : cpu\b/);
            const cores = fs.readFileSync(path.join(session.workspace, "multi-file", "ip", "cores.rasdl"), "utf8");
            assertThat(/block board_core\b/.test(cores) && !/\bserver_core\b/.test(cores), "ip/cores.rasdl on disk declares board_core and no longer names server_core");
            // Nothing is left pointing at the old name.
            await workbench.openFile("multi-file/multi-file.rasdl");
            const panel = await workbench.problems("server_core");
            await workbench.until("no problem naming server_core", async () => /No problems have been detected|No results found/i.test(await panel.innerText()));
        },
        cleanUp: showAllProblems,
    },
    {
        name: "format",
        title: "Format Document lays the design's example out as `rasdl fmt` does",
        async run({ workbench, session }) {
            await workbench.openFile("server/server.rasdl");
            // The example is in the canonical layout (a test holds it there): push its route's
            // trailing comment out of place, as a hurried edit would, then let the formatter put it back.
            await workbench.goTo(at(session, "server/server.rasdl", /route core -> mesh -> rc0;( )\/\/ the path/));
            await workbench.page.keyboard.type("      ");
            await workbench.editorShows(/route core -> mesh -> rc0; {7}\/\/ the path/);
            await workbench.retry("Format Document", async timeout => {
                await workbench.runCommand("Format Document");
                await workbench.editorShows(/route core -> mesh -> rc0; \/\/ the path a CPU access takes/, timeout);
            });
            await workbench.editorShows(/assign gpu0\.bar0 to guest via vfio_pci;/);
        },
        cleanUp: revertFile,
    },
    {
        name: "code-lens-witness",
        title: "the code lens \"show witness\" on an uncontained region opens the witness's steps",
        async run({ workbench, session }) {
            await workbench.openFile("serror-soc/serror-soc.rasdl");
            await workbench.goTo(at(session, "serror-soc/serror-soc.rasdl", /(region) bar0 mmio size 2M;/));
            const lens = workbench.page.locator(".codelens-decoration a", { hasText: /uncontained under device_stage2 — show witness/ }).first();
            await lens.waitFor({ state: "visible" });
            await workbench.retry("the witness peek view", async timeout => {
                await lens.click();
                await workbench.page.locator(peek).first().waitFor({ state: "visible", timeout });
            });
            // The steps: the root port turning the error into SLVERR, the interconnect passing it on, the core's exception.
            const steps = workbench.page.locator(`${peek} .monaco-list-row`);
            await steps.filter({ hasText: /-> slverr;/ }).first().waitFor();
            await workbench.until("at least three steps", async () => (await steps.count()) >= 3);
        },
        cleanUp: closeWidget,
    },
    {
        name: "quick-fix-missing-rule",
        title: "quick fix for a missing rule: it adds the rule, and the warning goes",
        async run({ workbench, session }) {
            const file = "incomplete/incomplete.rasdl";
            await workbench.openFile(file);
            // The root port's RASDL2002 warnings, one per error it has no rule for.
            const panel = await workbench.problems("'rp0' has no rule for");
            await panel.locator(".monaco-list-row", { hasText: /'rp0' has no rule for cto/ }).first().waitFor();
            await workbench.goTo(at(session, file, /block (rp0) : root_port/));
            const fix = "Add 'on cto -> all_ones;' to 'rp0'";
            await workbench.retry("the quick fix", async timeout => {
                await workbench.page.keyboard.press("Control+.");
                const item = workbench.page.locator(`${codeActions} .monaco-list-row`, { hasText: fix }).first();
                await item.waitFor({ state: "visible", timeout });
                await workbench.screenshot("quick-fix-menu");
                await item.click();
                await workbench.editorShows(/on cto -> all_ones;/, timeout);
            });
            // The others stay; the one for cto goes once the server has re-analysed the edit.
            await workbench.until("the warning for cto to go while the others stay", async () => {
                const text = await panel.innerText();
                return text.includes("'rp0' has no rule for ur") && !text.includes("'rp0' has no rule for cto");
            });
        },
        async cleanUp({ workbench }) {
            await workbench.runCommand("File: Revert File");
            await workbench.problems("");
        },
    },
    {
        name: "containment-report",
        title: "RASDL: Show Containment Report shows the report beside the file",
        async run({ workbench }) {
            await workbench.openFile("serror-soc/serror-soc.rasdl");
            await workbench.runCommand("RASDL: Show Containment Report");
            const tab = workbench.page.locator(".editor-group-container .tab", { hasText: "serror-soc.rasdl.txt" }).first();
            await tab.waitFor();
            await workbench.anyEditorShows(".editor-group-container", /RASDL containment report: serror-soc\.rasdl/);
            await workbench.anyEditorShows(".editor-group-container", /serror-soc\.rasdl:\d+:\d+: error RASDL2001: wifi0\.bar0/);
            // The verdicts are at the end of the report: Monaco renders only the lines on screen.
            await tab.click();
            await workbench.activeTab("serror-soc.rasdl.txt");
            await workbench.page.locator(".editor-group-container.active .monaco-editor[role='code'] .view-lines").first().click();
            await workbench.page.keyboard.press("Control+End");
            await workbench.editorShows(/checked 1 file: [1-9]\d* errors?/);
            await workbench.editorShows(/profile normal_nc_stage2 \(hypervisor kvm_6_8\): uncontained/);
            await workbench.editorShows(/witness: /);
        },
    },
    {
        name: "containment-graph",
        title: "RASDL: Show Containment Graph lays the platform out in the page (every block, the worst path highlighted); a click on a node or an edge opens its declaration or rule; the profile picker redraws",
        async run({ workbench, session }) {
            const file = "serror-soc/serror-soc.rasdl";
            await workbench.openFile(file);
            await workbench.runCommand("RASDL: Show Containment Graph");
            await workbench.page.locator(".editor-group-container .tab", { hasText: /RASDL: (Containment Graph|serror-soc\.rasdl)/ }).first().waitFor({ timeout: 60_000 });
            // A webview is a frame in a frame: the workbench's host frame, then the page's own.
            const page = workbench.page.frameLocator("iframe.webview").first().frameLocator("iframe").first();
            // The SVG is drawn by the page's own script (dagre's layout), not sent by the server.
            const svg = page.locator("#graph svg.rasdl-graph");
            await svg.first().waitFor({ timeout: 90_000 });
            // Every block and endpoint the file declares, by name, in a node of the drawing.
            const text = fs.readFileSync(path.join(session.workspace, file), "utf8");
            const declared = [...text.matchAll(/^\s*(block|endpoint)\s+(\w+)/gm)].map(m => ({ kind: m[1], name: m[2] }));
            assertThat(declared.length >= 4, `serror-soc declares its blocks and endpoint: ${JSON.stringify(declared)}`);
            for (const { kind, name } of declared) {
                await svg.locator(`g.node[data-id="${kind}:${name}"] text.name`, { hasText: name }).first().waitFor({ timeout: 30_000 });
            }
            // The worst path (wifi0 up to the hypervisor) is highlighted, on nodes and on edges, and written out under the picture.
            await svg.locator('g.node.worst-path[data-id="endpoint:wifi0"]').first().waitFor({ timeout: 30_000 });
            await svg.locator('g.node.worst-path[data-id="block:cpu_cluster"]').first().waitFor({ timeout: 30_000 });
            const worstEdges = await svg.locator("g.edge.worst-path").count();
            assertThat(worstEdges >= declared.length, `every hop of the worst path is a highlighted edge (${worstEdges})`);
            await page.locator("#worst-path", { hasText: /^worst path: wifi0\.bar0: / }).first().waitFor({ timeout: 30_000 });
            await page.locator("#profile option", { hasText: "normal_nc_stage2" }).first().waitFor({ state: "attached", timeout: 30_000 });
            // A click on a node opens its declaration in the editor, a click on an edge's label the rule that makes its first conversion.
            // The status bar shows the cursor of the editor that has the focus. Once, on a loaded
            // machine, a click's cursor never showed there: the webview takes the focus on
            // mouse-down and the opened editor on the reveal, and the two can arrive in either
            // order. Another click settles it, as it would for a user; an attempt that does not
            // is logged, and a reveal that fails is in the RASDL channel's log.
            const clickOpens = async (what, target, line) => workbench.retry(what, async timeout => {
                await target.click();
                await workbench.statusShows(`Ln ${line}, Col`, timeout);
            }, { tries: 3, timeout: 20_000 });
            const noc = at(session, file, /block (noc) : interconnect/);
            await clickOpens("a click on noc's node", svg.locator('g.node[data-id="block:noc"] rect').first(), noc.line);
            const passOn = at(session, file, /block noc : interconnect \{[^}]*?\n\s*(on) slverr -> slverr/);
            await clickOpens("a click on the label of noc's edge", svg.locator('g.edge[data-from="block:noc"] rect.label').first(), passOn.line);
            // Another profile picked in the page: the server's graph for it, drawn again.
            await page.locator("#profile").selectOption("normal_nc_stage2");
            await page.locator("#title", { hasText: /^profile normal_nc_stage2 \(hypervisor kvm_6_8\)/ }).first().waitFor({ timeout: 60_000 });
            await svg.locator('g.node[data-id="hypervisor:kvm_6_8"]').first().waitFor({ timeout: 30_000 });
        },
    },
];

/** The 1-based line and column where PATTERN's first group starts in a file of the workspace. */
function at(session, relativePath, pattern) {
    const text = fs.readFileSync(path.join(session.workspace, relativePath), "utf8");
    const match = new RegExp(pattern.source, `${pattern.flags.replace("d", "")}d`).exec(text);
    if (!match?.indices?.[1]) {
        throw new Error(`${relativePath} has no ${pattern}: the example changed; update the check`);
    }
    const before = text.slice(0, match.indices[1][0]).split("\n");
    return { line: before.length, column: before.at(-1).length + 1 };
}

function assertThat(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}
