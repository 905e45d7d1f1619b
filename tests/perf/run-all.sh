#!/usr/bin/env bash
# Reruns every benchmark behind docs/performance.md and writes the figures to
# artifacts/perf/results.md (the machine, then one section per benchmark):
#   1. whole-process `rasdl check` against `dtc` at 10k and 100k lines, for the JIT build,
#      ReadyToRun and Native AOT (each built here; a build that fails is reported as such);
#      then each of the generator's shapes (mixed, wide, deep) at 100k lines with the fastest build;
#   2. the scaling series 12.5k-200k lines (mixed shape) with the fitted exponent;
#   3. server start and the editor latency benchmark against the real language server, the
#      JIT build and the Native AOT build the extension ships on linux-x64, at 10k and 100k lines;
#   4. the BenchmarkDotNet stage benchmarks (set NO_BDN=1 to skip; they take ~15 minutes).
# Set QUICK=1 for a short run (fewer repetitions, no 200k point, no BenchmarkDotNet).
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=${QUICK:-0}
out=artifacts/perf
data=$out/data
results=$out/results.md
mkdir -p "$data"

# dtc (Debian's device-tree-compiler) and GNU time are the only tools besides the .NET SDK.
if ! command -v dtc > /dev/null || [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        apt-get install -y device-tree-compiler time > /dev/null
    else
        echo "run-all.sh needs dtc and GNU time: apt-get install device-tree-compiler time" >&2
        exit 2
    fi
fi

rid=$(dotnet --info | awk '/ RID:/ { print $2; exit }')
echo "building (Release, $rid)..."
dotnet build compiler/Rasdl.Cli -c Release --nologo -v q > /dev/null
dotnet build server/Rasdl.LanguageServer -c Release --nologo -v q > /dev/null
dotnet build tests/Rasdl.Benchmarks -c Release --nologo -v q > /dev/null
dotnet publish compiler/Rasdl.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" --nologo -v q > /dev/null
# The language server as the extension ships it on linux-x64 (Native AOT), beside the JIT build.
server_aot_status="built"
if ! dotnet publish server/Rasdl.LanguageServer -c Release -r "$rid" -p:PublishAot=true -o "$out/server-aot" --nologo -v q > "$out/server-aot-build.log" 2>&1; then
    server_aot_status="failed to build (see artifacts/perf/server-aot-build.log)"
fi
aot_status="built"
if ! dotnet publish compiler/Rasdl.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out/aot" --nologo -v q > "$out/aot-build.log" 2>&1; then
    aot_status="failed to build (see artifacts/perf/aot-build.log)"
fi

jit="compiler/Rasdl.Cli/bin/Release/net10.0/rasdl"
r2r="$out/r2r/rasdl"
aot="$out/aot/rasdl"
benchmarks="tests/Rasdl.Benchmarks/bin/Release/net10.0/Rasdl.Benchmarks.dll"
generator="tests/Rasdl.Benchmarks.Generator/bin/Release/net10.0/Rasdl.Benchmarks.Generator.dll"
server="server/Rasdl.LanguageServer/bin/Release/net10.0/rasdl-lsp"
server_aot="$out/server-aot/rasdl-lsp"

sizes=(10000 12500 25000 50000 100000 200000)
[ "$quick" = 1 ] && sizes=(10000 12500 25000 50000 100000)
for lines in "${sizes[@]}"; do
    dotnet "$generator" --lines "$lines" --out "$data" > /dev/null
done
shapes=(mixed wide deep)
for shape in wide deep; do
    dotnet "$generator" --lines 100000 --shape "$shape" --out "$data" > /dev/null
done

{
    echo "# RASDL performance results ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo '## Machine'
    echo '```'
    lscpu | grep -E '^(Architecture|CPU\(s\)|Model name|Thread|Core|Socket|L2|L3)' || true
    grep MemTotal /proc/meminfo
    grep PRETTY_NAME /etc/os-release
    echo "dotnet $(dotnet --version)"
    dtc --version
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo '```'
    echo
    echo "Native AOT: $aot_status; language server Native AOT: $server_aot_status."
    echo
    echo '## Whole process: rasdl check against dtc (alternating runs, medians)'
    echo
    echo '| build | lines | rasdl s | dtc s | ratio | rasdl peak MB | dtc peak MB | runs rasdl/dtc | rasdl CPU s | dtc CPU s |'
    echo '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
} > "$results"

small_runs=11 ; large_runs=5 ; large_dtc_runs=3
[ "$quick" = 1 ] && { small_runs=3 ; large_runs=1 ; large_dtc_runs=1 ; }
for build in jit r2r aot; do
    program=${!build}
    [ -x "$program" ] || continue
    echo "process benchmark: $build..."
    bash tests/perf/process-bench.sh "$program" "$data" 10000 "$small_runs" "$build" >> "$results"
    DTC_RUNS=$large_dtc_runs bash tests/perf/process-bench.sh "$program" "$data" 100000 "$large_runs" "$build" >> "$results"
done

best=$jit
[ -x "$r2r" ] && best=$r2r
[ -x "$aot" ] && best=$aot
echo "shapes ($best)..."
{
    echo
    echo "## Shapes at 100k lines ($(basename "$(dirname "$best")") build; load average $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo '| shape | lines | rasdl s | dtc s | ratio | rasdl peak MB | dtc peak MB | runs rasdl/dtc | rasdl CPU s | dtc CPU s |'
    echo '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    for shape in "${shapes[@]}"; do
        SHAPE=$shape DTC_RUNS=$large_dtc_runs bash tests/perf/process-bench.sh "$best" "$data" 100000 "$large_runs" "$shape"
    done
} >> "$results"

echo "scaling series ($best)..."
scaling_sizes=("${sizes[@]:1}")
{
    echo
    echo "## Scaling ($(basename "$(dirname "$best")") build for the whole process)"
    echo
    bash tests/perf/scaling.sh "$best" "$benchmarks" "$data" "$([ "$quick" = 1 ] && echo 1 || echo 5)" "${scaling_sizes[@]}"
    echo
    echo '## Compiler stages at 100k lines (in process, after a warm-up)'
    echo
    echo '```'
    dotnet "$benchmarks" phases "$data/platform-100000.rasdl" --repeat "$([ "$quick" = 1 ] && echo 1 || echo 5)"
    echo '```'
} >> "$results"

echo "editor latency..."
servers=(jit)
[ -x "$server_aot" ] && servers+=(aot)
edits=$([ "$quick" = 1 ] && echo 40 || echo 200)
queries=$([ "$quick" = 1 ] && echo 20 || echo 100)
{
    echo
    echo '## Server start: process start -> first diagnostics, 1k lines (builds alternately)'
    for round in 1 2 3; do
        for build in "${servers[@]}"; do
            program=$server; [ "$build" = aot ] && program=$server_aot
            echo
            echo "### $build, round $round (load average $(cut -d' ' -f1-3 /proc/loadavg))"
            echo
            dotnet "$benchmarks" editor --server "$program" --lines 1000 --edits 4 --queries 2 | grep -E 'process start|first diagnostics'
        done
    done
    for build in "${servers[@]}"; do
        program=$server; [ "$build" = aot ] && program=$server_aot
        for lines in 10000 100000; do
            echo
            echo "## Editor latency ($build server, $lines lines, real server over stdio; load average $(cut -d' ' -f1-3 /proc/loadavg))"
            echo
            dotnet "$benchmarks" editor --server "$program" --lines "$lines" --edits "$edits" --queries "$queries"
        done
    done
} >> "$results"

if [ "$quick" != 1 ] && [ "${NO_BDN:-0}" != 1 ]; then
    echo "BenchmarkDotNet (in process, short job)..."
    dotnet "$benchmarks" --filter '*' --job short --inProcess --memory --artifacts "$out/bdn" > "$out/bdn.log" 2>&1
    {
        echo
        echo '## BenchmarkDotNet: compiler stages (short job, in process)'
        echo
        cat "$out"/bdn/results/*-report-github.md
    } >> "$results"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
echo "results: $results"
