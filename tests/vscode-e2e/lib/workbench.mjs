// Drives VS Code's workbench in the browser the way a user does: the keyboard, the command
// palette, quick open, and what is rendered on screen. Every wait is for a condition on the
// page, with a generous limit: the machine running this may be busy.
import * as path from "node:path";
import { chromium } from "playwright-core";
import { chromiumExecutable } from "./tools.mjs";

/** The longest a single UI condition is waited for. */
export const patience = 60_000;

/** The text editor of the active editor group (not the rename box or a peek view inside it). */
const activeEditor = ".editor-group-container.active .editor-instance .monaco-editor[role='code']";
const hoverWidget = ".monaco-editor .monaco-hover:not(.hidden)";
const quickInput = ".quick-input-widget";
const quickInputBox = `${quickInput} .quick-input-box input`;
const quickInputRow = `${quickInput} .quick-input-list .monaco-list-row`;

export class Workbench {
    /** Opens headless Chromium (a fresh profile) on the workbench URL and waits until the workbench is up. */
    static async open(url, screenshots) {
        const browser = await chromium.launch({
            executablePath: chromiumExecutable(),
            headless: true,
            args: [
                ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        try {
            const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
            page.setDefaultTimeout(patience);
            await page.goto(url, { timeout: 120_000 });
            await page.locator(".monaco-workbench .part.statusbar").waitFor({ timeout: 120_000 });
            // The explorer lists the workspace once the workbench has restored itself.
            await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 120_000 });
            return new Workbench(browser, page, screenshots);
        } catch (error) {
            await browser.close().catch(() => undefined);
            throw error;
        }
    }

    constructor(browser, page, screenshots) {
        this.browser = browser;
        this.page = page;
        this.screenshots = screenshots;
    }

    async close() {
        await this.browser.close().catch(() => undefined);
    }

    async screenshot(name) {
        const file = path.join(this.screenshots, `${name}.png`);
        await this.page.screenshot({ path: file, timeout: patience });
        return file;
    }

    /**
     * Retries an interaction until its check passes: a keystroke the workbench was not yet
     * listening for, or an answer the language server had not yet computed, gets another try.
     * ATTEMPT gets the time it may wait for each condition.
     */
    async retry(what, attempt, { tries = 4, timeout = 20_000 } = {}) {
        let last;
        for (let i = 0; i < tries; i++) {
            try {
                return await attempt(timeout);
            } catch (error) {
                last = error;
                console.log(`vscode-e2e: ${what}: attempt ${i + 1} of ${tries} failed: ${String(error.message).split("\n")[0]}`);
                await this.page.keyboard.press("Escape").catch(() => undefined);
            }
        }
        throw new Error(`${what}, tried ${tries} times: ${last?.message ?? last}`);
    }

    /** Polls CONDITION (an async function) until it returns something truthy, and returns that. */
    async until(what, condition, timeout = patience, interval = 200) {
        const deadline = Date.now() + timeout;
        let last;
        while (Date.now() < deadline) {
            try {
                const value = await condition();
                if (value) {
                    return value;
                }
            } catch (error) {
                last = error;
            }
            await this.page.waitForTimeout(interval);
        }
        throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${last ? ` (${last.message})` : ""}`);
    }

    /**
     * Runs a command from the command palette by its title, e.g. "Format Document". With
     * opensPicker, the command opens a quick pick of its own, which is left open.
     */
    async runCommand(title, { opensPicker = false } = {}) {
        await this.retry(`command "${title}"`, async timeout => {
            await this.page.keyboard.press("F1");
            const input = this.page.locator(quickInputBox);
            await input.waitFor({ state: "visible", timeout });
            await input.fill(`>${title}`);
            await this.page.locator(quickInputRow, { hasText: title }).first().waitFor({ state: "visible", timeout });
            await this.page.keyboard.press("Enter");
            if (opensPicker) {
                await this.until("the command's own quick pick", async () => !(await input.inputValue()).startsWith(">"), timeout);
            } else {
                await this.page.locator(quickInput).waitFor({ state: "hidden", timeout });
            }
        });
    }

    /** Picks the item whose label matches LABEL in the quick pick that is open. */
    async pickQuickItem(label) {
        const row = this.page.locator(quickInputRow, { hasText: label }).first();
        await row.waitFor({ state: "visible" });
        await row.click();
        await this.page.locator(quickInput).waitFor({ state: "hidden" });
    }

    /** Opens a workspace file by its path relative to the workspace, through quick open, and waits for its editor. */
    async openFile(relativePath) {
        const name = path.basename(relativePath);
        await this.retry(`open ${relativePath}`, async timeout => {
            await this.page.keyboard.press("Control+P");
            const input = this.page.locator(quickInputBox);
            await input.waitFor({ state: "visible", timeout });
            await input.fill(relativePath);
            // Click the file's own row: the list may still be filling when Enter would pick its first.
            const folder = path.dirname(relativePath);
            const row = this.page.locator(quickInputRow, { hasText: name }).filter({ hasText: folder === "." ? name : path.basename(folder) }).first();
            await row.waitFor({ state: "visible", timeout });
            await row.click();
            await this.activeTab(name, timeout);
            await this.page.locator(activeEditor).first().waitFor({ state: "visible", timeout });
        });
    }

    /**
     * Waits until the active editor tab is the file NAME: the name as a whole word, so that
     * "serror-soc.rasdl" is not taken for the report "serror-soc.rasdl.txt" beside it.
     */
    async activeTab(name, timeout = patience) {
        const whole = new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\.\\w)`);
        await this.page.locator(".editor-group-container.active .tab.active", { hasText: whole }).first().waitFor({ state: "visible", timeout });
    }

    /** Puts the cursor at { line, column } (1-based) of the active editor, as Go to Line does; Monaco renders only the lines on screen. */
    async goTo({ line, column }) {
        await this.retry(`go to ${line}:${column}`, async timeout => {
            await this.page.keyboard.press("Control+G");
            const input = this.page.locator(quickInputBox);
            await input.waitFor({ state: "visible", timeout });
            await input.fill(`:${line}:${column}`);
            await this.page.keyboard.press("Enter");
            await this.page.locator(quickInput).waitFor({ state: "hidden", timeout });
            await this.statusShows(`Ln ${line}, Col ${column}`, timeout);
        });
    }

    /** Waits until an item of the status bar (or the one SELECTOR names) shows TEXT (a string or a pattern). */
    async statusShows(text, timeout = patience, selector = ".statusbar-item") {
        await this.page.locator(`.part.statusbar ${selector}`, { hasText: text }).first().waitFor({ state: "visible", timeout });
    }

    /** The text of the lines the active editor renders, spaces as spaces (Monaco renders them as no-break spaces). */
    async visibleText() {
        return textOf(this.page.locator(`${activeEditor} .view-lines`).first());
    }

    /** Waits until the active editor renders text matching PATTERN. */
    async editorShows(pattern, timeout = patience) {
        await this.until(`the editor to show ${pattern}`, async () => pattern.test(await this.visibleText()), timeout);
    }

    /** Waits until some editor matching SELECTOR (a text editor of an editor group, the Output view) renders text matching PATTERN. */
    async anyEditorShows(selector, pattern, timeout = patience) {
        await this.until(`${selector} to show ${pattern}`, async () => {
            for (const lines of await this.page.locator(`${selector} .monaco-editor .view-lines`).all()) {
                if (pattern.test(await textOf(lines))) {
                    return true;
                }
            }
            return false;
        }, timeout);
    }

    /** Puts the cursor at POSITION and shows the hover there, as "Show or Focus Hover" (Ctrl+K Ctrl+I) does. */
    async showHoverAt(position) {
        await this.goTo(position);
        await this.retry(`hover at ${position.line}:${position.column}`, async timeout => {
            await this.runCommand("Show or Focus Hover");
            await this.page.locator(hoverWidget).first().waitFor({ state: "visible", timeout });
        });
    }

    /** Waits until the hover shows text matching PATTERN. */
    async hoverShows(pattern, timeout = patience) {
        await this.until(`the hover to show ${pattern}`, async () => {
            const texts = await this.page.locator(hoverWidget).allInnerTexts();
            return texts.some(text => pattern.test(text));
        }, timeout);
    }

    /** The Problems panel, shown, with its filter set to FILTER (empty: everything); returns its locator. */
    async problems(filter = "") {
        await this.runCommand("Problems: Focus on Problems View");
        const panel = this.page.locator(".markers-panel");
        await panel.waitFor({ state: "visible" });
        await this.filterPanel(filter, "input[aria-label='Filter Problems']");
        return panel;
    }

    /** Types TEXT into the filter box of the panel's view (Problems, Output). */
    async filterPanel(text, selector = "input[placeholder^='Filter']") {
        const input = this.page.locator(`.part.panel ${selector}`).first();
        await input.fill(text);
        await this.until(`the panel's filter to read "${text}"`, async () => (await input.inputValue()) === text, 10_000);
    }
}

async function textOf(locator) {
    return (await locator.innerText()).replace(/\u00a0/g, " ");
}
