# Shared by the perf scripts (sourced, not run).

# One timed run of a command: prints wall seconds (bash's microsecond clock), peak RSS in KB
# and user + system seconds (GNU time). A run that exits above ALLOWED_EXIT fails.
#   timed_run ALLOWED_EXIT COMMAND...
# (0 for a program that must succeed; 1 for `rasdl check`, whose exit 1 means it found errors.)
timed_run() {
    local allowed=$1 ; shift
    local rss_file code=0
    rss_file=$(mktemp)
    local start=$EPOCHREALTIME
    /usr/bin/time -f "%M %U %S" -o "$rss_file" "$@" > /dev/null 2>&1 || code=$?
    local end=$EPOCHREALTIME
    if ((code > allowed)); then
        echo "failed (exit $code): $*" >&2
        rm -f "$rss_file"
        return 1
    fi
    # GNU time writes "Command exited with non-zero status N" before its line when N > 0.
    echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }') $(grep -E '^[0-9]+ ' "$rss_file" | tail -n 1 | awk '{ printf "%d %.2f", $1, $2 + $3 }')"
    rm -f "$rss_file"
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
