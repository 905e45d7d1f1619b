#!/usr/bin/env bash
# Redraws the pictures the README shows: examples/NAME/NAME.graph.svg for every example root
# file, with `rasdl graph`. tests/Rasdl.Cli.Tests compares them with what `rasdl graph` draws
# now and fails when one is stale (RASDL_UPDATE_BASELINES=1 there rewrites them the same way).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build compiler/Rasdl.Cli --nologo -v quiet >/dev/null
rasdl=(dotnet compiler/Rasdl.Cli/bin/Debug/net10.0/rasdl.dll)
for folder in examples/*/; do
    name=$(basename "$folder")
    roots=()
    [ -f "$folder$name.rasdl" ] && roots+=("$folder$name.rasdl")
    if [ -f "${folder}roots.txt" ]; then
        while read -r line; do
            case "$line" in ''|'#'*) ;; *) roots+=("$line") ;; esac
        done < "${folder}roots.txt"
    fi
    for root in "${roots[@]}"; do
        "${rasdl[@]}" graph "$root" --format svg -o "${root%.rasdl}.graph.svg"
        echo "${root%.rasdl}.graph.svg"
    done
done
