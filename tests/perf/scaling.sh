#!/usr/bin/env bash
# Scaling series: `rasdl check` (whole process) and the compiler in-process at several sizes,
# with the exponent b of time = a * lines^b fitted by least squares on log-log.
#
#   scaling.sh RASDL_COMMAND BENCHMARKS_DLL DIR RUNS LINES...
#
# Prints a Markdown table (one row per size) and the two fitted exponents.
set -euo pipefail

rasdl=$1
benchmarks=$2
dir=$3
runs=$4
shift 4

# shellcheck source=timing.sh
source "$(dirname "${BASH_SOURCE[0]}")/timing.sh"

echo "| lines | rasdl check, whole process (median s) | in-process parse + bind + analysis + diagnostics (median ms) | peak MB |"
echo "|---:|---:|---:|---:|"
points=$(mktemp)
for lines in "$@"; do
    file="$dir/platform-$lines.rasdl"
    times=() ; rss=0
    for ((i = 0; i < runs; i++)); do
        rss_file=$(mktemp)
        start=$EPOCHREALTIME
        # shellcheck disable=SC2086
        /usr/bin/time -f "%M" -o "$rss_file" $rasdl check "$file" > /dev/null
        end=$EPOCHREALTIME
        times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')")
        m=$(tail -n 1 "$rss_file"); ((m > rss)) && rss=$m
        rm -f "$rss_file"
    done
    wall=$(printf '%s\n' "${times[@]}" | median)
    # The in-process figure: parse plus everything after it, medians after a warm-up run.
    inproc=$(dotnet "$benchmarks" phases "$file" --repeat "$runs" | awk '$1 == "parse" { p = $2 } $1 == "all" { a = $5 } END { printf "%.1f", p + a }')
    echo "| $lines | $wall | $inproc | $((rss / 1024)) |"
    echo "$lines $wall $inproc" >> "$points"
done

fit() { awk -v col="$1" '{ x = log($1); y = log($col); n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
    END { printf "%.3f", (n * sxy - sx * sy) / (n * sxx - sx * sx) }' "$points"; }
echo
echo "Fitted exponent (time = a * lines^b): whole process b = $(fit 2), in-process b = $(fit 3)"
rm -f "$points"
