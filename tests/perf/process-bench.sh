#!/usr/bin/env bash
# Whole-process benchmark: `rasdl check` against `dtc -I dts -O dtb` on the equivalent
# devicetree source, the two run alternately; medians, their ratio, and peak memory.
#
#   process-bench.sh RASDL_COMMAND DIR LINES RUNS [LABEL]
#
# RASDL_COMMAND is the rasdl program to time (a path, or "dotnet path/rasdl.dll"); DIR holds
# platform-LINES.rasdl and platform-LINES.dts (written by the generator), or with SHAPE=wide or
# SHAPE=deep platform-SHAPE-LINES.rasdl and .dts (the generator's --shape). Prints one
# Markdown table row:
#   | label | lines | rasdl median s | dtc median s | ratio | rasdl peak MB | dtc peak MB | runs | rasdl median CPU s | dtc median CPU s |
# (CPU: user + system, from GNU time: what other processes on the machine disturb least.)
# Set DTC_RUNS to run dtc fewer times than rasdl (dtc takes minutes on the largest inputs).
set -euo pipefail

rasdl=$1
dir=$2
lines=$3
runs=$4
label=${5:-rasdl}
dtc_runs=${DTC_RUNS:-$runs}
shape=${SHAPE:-mixed}
base="$dir/platform-$lines"
[ "$shape" != mixed ] && base="$dir/platform-$shape-$lines"
rasdl_file="$base.rasdl"
dts_file="$base.dts"

# shellcheck source=timing.sh
source "$(dirname "${BASH_SOURCE[0]}")/timing.sh"

# shellcheck disable=SC2086 # RASDL_COMMAND may be "dotnet x.dll"
$rasdl check "$rasdl_file" > /dev/null # warm the file cache and check that it is clean

rasdl_times=() ; dtc_times=() ; rasdl_cpu=() ; dtc_cpu=() ; rasdl_rss=0 ; dtc_rss=0
for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2086
    read -r t m c < <(timed_run 0 $rasdl check "$rasdl_file")
    rasdl_times+=("$t"); rasdl_cpu+=("$c"); ((m > rasdl_rss)) && rasdl_rss=$m
    if ((i < dtc_runs)); then
        read -r t m c < <(timed_run 0 dtc -q -I dts -O dtb -o /dev/null "$dts_file")
        dtc_times+=("$t"); dtc_cpu+=("$c"); ((m > dtc_rss)) && dtc_rss=$m
    fi
done

r=$(printf '%s\n' "${rasdl_times[@]}" | median)
d=$(printf '%s\n' "${dtc_times[@]}" | median)
rc=$(printf '%s\n' "${rasdl_cpu[@]}" | median)
dc=$(printf '%s\n' "${dtc_cpu[@]}" | median)
awk -v label="$label" -v lines="$lines" -v r="$r" -v d="$d" -v rm="$rasdl_rss" -v dm="$dtc_rss" -v n="$runs" -v dn="$dtc_runs" -v rc="$rc" -v dc="$dc" \
    'BEGIN { printf "| %s | %d | %.3f | %.3f | %.3f | %.0f | %.0f | %d/%d | %.2f | %.2f |\n", label, lines, r, d, r / d, rm / 1024, dm / 1024, n, dn, rc, dc }'
