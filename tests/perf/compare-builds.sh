#!/usr/bin/env bash
# Two builds of rasdl side by side: `check FILE` with each, alternately, RUNS times; first
# checks that both write the same report (byte for byte) and exit alike. Prints one Markdown
# table row per build:
#   | label | runs | wall median s | wall min s | CPU median s | peak MB |
# (CPU: user + system, from GNU time; wall from bash's microsecond clock.) What the "before
# and after" tables of docs/performance.md are measured with.
#
#   compare-builds.sh BEFORE_COMMAND AFTER_COMMAND FILE RUNS
#
# A command is a rasdl program (a path, or "dotnet path/rasdl.dll").
set -euo pipefail

before=$1
after=$2
file=$3
runs=$4

# shellcheck source=timing.sh
source "$(dirname "${BASH_SOURCE[0]}")/timing.sh"

# The same answer first (this also warms the file cache).
out_before=$(mktemp) ; out_after=$(mktemp)
trap 'rm -f "$out_before" "$out_after"' EXIT
# shellcheck disable=SC2086 # a command may be "dotnet x.dll"
code_before=0 ; $before check "$file" > "$out_before" 2>&1 || code_before=$?
# shellcheck disable=SC2086
code_after=0 ; $after check "$file" > "$out_after" 2>&1 || code_after=$?
if [ "$code_before" != "$code_after" ] || ! cmp -s "$out_before" "$out_after"; then
    echo "the two builds answer differently (exit $code_before and $code_after):" >&2
    diff "$out_before" "$out_after" | head -n 20 >&2 || true
    exit 1
fi

walls_b=() ; walls_a=() ; cpus_b=() ; cpus_a=() ; peak_b=0 ; peak_a=0
for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2086
    read -r t m c < <(timed_run 1 $before check "$file")
    walls_b+=("$t"); cpus_b+=("$c"); ((m > peak_b)) && peak_b=$m
    # shellcheck disable=SC2086
    read -r t m c < <(timed_run 1 $after check "$file")
    walls_a+=("$t"); cpus_a+=("$c"); ((m > peak_a)) && peak_a=$m
done

row() {
    local label=$1 peak=$2 ; shift 2
    local -n walls=$1 cpus=$2
    local med min cpu
    med=$(printf '%s\n' "${walls[@]}" | median)
    min=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    awk -v l="$label" -v n="$runs" -v w="$med" -v m="$min" -v c="$cpu" -v p="$peak" \
        'BEGIN { printf "| %s | %d | %.3f | %.3f | %.2f | %.0f |\n", l, n, w, m, c, p / 1024 }'
}

row before "$peak_b" walls_b cpus_b
row after "$peak_a" walls_a cpus_a
