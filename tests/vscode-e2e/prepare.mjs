// Before the test (outside its time limit): installs Node 24 and code-server into the cache
// folder if they are not there yet, checks that Chromium is, and builds the .vsix.
import { buildExtensionPackage, chromiumExecutable, ensureCodeServer } from "./lib/tools.mjs";

chromiumExecutable();
ensureCodeServer();
console.log(`vscode-e2e: testing ${buildExtensionPackage()}`);
