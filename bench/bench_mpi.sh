#!/bin/sh
# bench_mpi.sh - an ensemble of the full world 2022 -> 2050 on 1 and 2 Open
# MPI ranks (one thread each) with build/orbis-mpi: runs per second of the
# whole program (MPI start-up, store and summary included) for RUNS and
# 2 x RUNS runs, the marginal rate (the extra RUNS over the extra time) and
# the parallel efficiency of both. Prints figures; never passes or fails.
# Usage: bench/bench_mpi.sh BUILD_DIR
BUILD=${1:-build}
RUNS=${RUNS:-60}
if [ ! -x "$BUILD/orbis-mpi" ] || ! command -v mpirun >/dev/null 2>&1; then
    echo "bench_mpi: no $BUILD/orbis-mpi or mpirun (make mpi)"
    exit 0
fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/orbis-bench-XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
seconds() { # ranks runs
    rm -f "$TMP/b.db"
    t0=$(date +%s.%N)
    mpirun --oversubscribe -np "$1" "$BUILD/orbis-mpi" run scenarios/beijing-2024.yaml --runs "$2" \
        --threads 1 --out "$TMP/b.db" >/dev/null 2>&1 || { echo "bench_mpi: np $1 failed" >&2; exit 1; }
    t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}
echo "bench_mpi: beijing-2024.yaml, one thread a rank, $RUNS and $((2 * RUNS)) runs"
for k in 1 2; do
    a=$(seconds $k "$RUNS")
    b=$(seconds $k $((2 * RUNS)))
    whole=$(echo "$RUNS $b" | awk '{ printf "%.2f", 2 * $1 / $2 }')
    marg=$(echo "$RUNS $a $b" | awk '{ printf "%.2f", $1 / ($3 - $2) }')
    echo "$k rank(s)  $whole runs/s whole program ($((2 * RUNS)) runs, ${b} s); marginal $marg runs/s"
    eval "w$k=$whole m$k=$marg"
done
echo "parallel efficiency on 2 ranks: whole program $(echo "$w2 $w1" | awk '{ printf "%.2f", $1 / (2 * $2) }'), marginal $(echo "$m2 $m1" | awk '{ printf "%.2f", $1 / (2 * $2) }')"
