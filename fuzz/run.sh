#!/bin/sh
# run.sh BUILD SECONDS [TARGET...] - run each libFuzzer target for SECONDS
# on its committed seeds (fuzz/corpus/T, read only) with new inputs kept in
# BUILD/corpus/T, and print one line a target: executions, seconds, edges
# covered, crashes. Exit 1 if any target found a crash (its input is then in
# BUILD/crash/; make it a regression test: fuzz/README.md).
set -u
B=$1
S=$2
shift 2
[ $# -gt 0 ] || set -- $(ls "$B"/fuzz/)
mkdir -p "$B/crash"
fail=0
printf '%-16s %12s %8s %8s %8s\n' target executions seconds edges crashes
for t in "$@"; do
    mkdir -p "$B/corpus/$t"
    dict=
    [ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
    start=$(date +%s)
    "$B/fuzz/$t" -max_total_time="$S" -print_final_stats=1 -rss_limit_mb=2048 -timeout=20 \
        -max_len=65536 -artifact_prefix="$B/crash/$t-" $dict "$B/corpus/$t" "fuzz/corpus/$t" \
        >"$B/$t.log" 2>&1
    rc=$?
    end=$(date +%s)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/$t.log" | tail -1)
    edges=$(grep -o 'cov: [0-9]*' "$B/$t.log" | tail -1 | sed 's/cov: //')
    crashes=$(ls "$B/crash" 2>/dev/null | grep -c "^$t-")
    printf '%-16s %12s %8s %8s %8s\n' "$t" "${execs:-?}" "$((end - start))" "${edges:-?}" "$crashes"
    if [ $rc -ne 0 ] || [ "$crashes" -ne 0 ]; then
        fail=1
        grep -m3 -E 'ERROR|SUMMARY|runtime error' "$B/$t.log" | sed 's/^/    /'
    fi
done
exit $fail
