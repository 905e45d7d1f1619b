#!/usr/bin/env bash
# Runs every test of the project: the .NET test projects of Lsp.sln, then the VS Code
# extension's tests, then the extension in a real VS Code (tests/vscode-e2e). Prints one closing line "N passed, N failed" and exits non-zero if
# anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
status=0

dotnet test Lsp.sln --nologo 2>&1 | tee "$log" || status=1

extension_packaged=0
if [ -f vscode-extension/package.json ]; then
    ( cd vscode-extension && npm ci --no-audit --no-fund && npm test ) 2>&1 | tee -a "$log" && extension_packaged=1 || status=1
fi

# The packaged extension in a real VS Code (code-server, driven in headless Chromium). It
# tests the .vsix the extension's tests just built, or builds one if they failed before that.
if [ -f tests/vscode-e2e/package.json ]; then
    vsix=()
    if [ "$extension_packaged" = 1 ]; then
        vsix=(RASDL_E2E_VSIX="$PWD/vscode-extension/$(node -p 'const m = require("./vscode-extension/package.json"); `${m.name}-${m.version}.vsix`')")
    fi
    ( cd tests/vscode-e2e && npm ci --no-audit --no-fund && env "${vsix[@]}" npm test ) 2>&1 | tee -a "$log" || status=1
fi

# dotnet test:  "Failed!  - Failed:     1, Passed:    41, Skipped: ..." / "Passed!  - Failed: 0, Passed: 42, ..."
# node --test:  "# pass 12" / "# fail 0"
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
passed=$((passed + $(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))

# Repeat each failure (the test's name and its message, not its stack) and each project's
# summary at the end, where a log that keeps only its tail still shows them.
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
    echo "---- failures ----"
    awk '/^ +Failed [^ !]/ { n = 12 } /Stack Trace:/ { n = 0 } n > 0 { print; n-- }' "$log"
    grep -E '^ *not ok ' "$log" || true
    grep -E '^(Passed|Failed)! +-' "$log" || true
fi
rm -f "$log"

echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
