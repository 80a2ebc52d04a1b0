#!/bin/sh
# run.sh - run every test: the unit programs and the CLI golden cases (both
# in parallel, JOBS at a time, default every core), the error cases, the
# determinism and documentation checks and the data-rebuild check. Adds up
# the "N passed, N failed[, N skipped]" lines and ends with the total.
# Without the raw data (ORBIS_DATA) the checks that need them are skipped,
# not failed: the data-free tier. The calibration runs once (test_calibrate),
# and the documentation check reads its estimates.
# Usage: tests/run.sh BUILD_DIR. Writes only to a temporary folder.
BUILD=${1:-build}
ORBIS="$BUILD/orbis"
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/orbis-run-XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
total_pass=0
total_fail=0
total_skip=0
HAVE_DATA=0
[ -f "${ORBIS_DATA:-../shared/data}/SOURCES.md" ] && HAVE_DATA=1
export ORBIS_TEST_CALIBRATION="$TMP/calibration.csv"

add_counts() { # file with a "N passed, N failed[, N skipped]" line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
    if [ -z "$line" ]; then
        total_fail=$((total_fail + 1))
        echo "FAIL $2: no summary line (crashed?)"
        return
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    s=0
    echo "$line" | grep -q skipped && s=$(echo "$line" | sed -E 's/.* ([0-9]+) skipped.*/\1/')
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    total_skip=$((total_skip + s))
}

pass() { total_pass=$((total_pass + 1)); echo "PASS $1"; }
fail() { total_fail=$((total_fail + 1)); echo "FAIL $1"; }
skip() { total_skip=$((total_skip + 1)); echo "SKIP $1"; }

# 1. Unit programs, JOBS at a time; each writes its log, read in order after.
echo "== unit programs ($JOBS at a time)"
for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && echo "$t"; done |
    xargs -P "$JOBS" -I{} sh -c '"{}" >"$0/$(basename "{}").log" 2>&1; echo $? >"$0/$(basename "{}").rc"' "$TMP"
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    echo "== $name"
    rc=$(cat "$TMP/$name.rc" 2>/dev/null || echo 99)
    grep -E '^(FAIL|SKIP|info)' "$TMP/$name.log"
    add_counts "$TMP/$name.log" "$name"
    if [ "$rc" -ne 0 ] && ! grep -q '^FAIL' "$TMP/$name.log"; then
        fail "$name exited $rc"
        tail -5 "$TMP/$name.log"
    fi
    grep -E '^[0-9]+ passed' "$TMP/$name.log"
done

# 2. CLI golden cases (tests/golden.sh says what a case is), JOBS at a time.
echo "== cli golden cases"
mkdir -p "$TMP/golden"
for a in tests/cli/*.args; do basename "$a" .args; done |
    xargs -P "$JOBS" -I{} sh tests/golden.sh "$ORBIS" {} "$TMP/golden" >"$TMP/golden.log"
sort -k3 "$TMP/golden.log" >"$TMP/golden.sorted"
while IFS= read -r line; do
    case "$line" in
    PASS*) total_pass=$((total_pass + 1)) ;;
    SKIP*) total_skip=$((total_skip + 1)) ;;
    *) total_fail=$((total_fail + 1)) ;;
    esac
    echo "$line"
done <"$TMP/golden.sorted"

# 3. Error cases that need a prepared folder.
echo "== cli error cases with prepared data"
mkdir -p "$TMP/tables"
cp "${ORBIS_TABLES:-data}"/*.csv "$TMP/tables/"
sed -i '3s/^\([0-9]*\),\([A-Z]*\),\([0-9]*\),/\1,\2,12x4,/' "$TMP/tables/baseline2022.csv"
"$ORBIS" --tables "$TMP/tables" polarity --year 2022 >"$TMP/out" 2>"$TMP/err"
code=$?
if [ $code = 3 ] && [ ! -s "$TMP/out" ] &&
    grep -q "baseline2022.csv:3:[0-9]*: column 'milex': expected a number, found '12x4'" "$TMP/err"; then
    pass "cli malformed table row: file:line:column, exit 3, nothing written"
else
    fail "cli malformed table row (exit $code)"; cat "$TMP/err"
fi
rm "$TMP/tables/majors.csv"
"$ORBIS" --tables "$TMP/tables" world >"$TMP/out" 2>"$TMP/err"
code=$?
if [ $code = 3 ] && [ ! -s "$TMP/out" ] && grep -q "majors.csv: cannot open" "$TMP/err"; then
    pass "cli missing table file is named, exit 3"
else
    fail "cli missing table file (exit $code)"; cat "$TMP/err"
fi

# 4. Determinism: the same scenario and seed give byte-identical output;
#    another seed gives different output.
echo "== determinism"
"$ORBIS" run scenarios/beijing-2024.yaml --runs 1 --format csv --seed 11 >"$TMP/d1" 2>&1
"$ORBIS" run scenarios/beijing-2024.yaml --runs 1 --format csv --seed 11 >"$TMP/d2" 2>&1
"$ORBIS" run scenarios/beijing-2024.yaml --runs 1 --format csv --seed 12 >"$TMP/d3" 2>&1
if [ -s "$TMP/d1" ] && cmp -s "$TMP/d1" "$TMP/d2"; then
    pass "same scenario and seed: byte-identical output"
else
    fail "same scenario and seed differ"
fi
if ! cmp -s "$TMP/d1" "$TMP/d3"; then pass "another seed: different output"; else fail "seed ignored"; fi

# No outcome is written in: with every rule at enforcement 0, the four regimes
# give the same numbers for the same seed, one run printed and the stores of
# four runs (every table but meta, which names the file); with their own rules
# they do not.
for r in un-charter rules-based anarchy historical; do
    "$ORBIS" run tests/data/rules_off_$r.yaml --runs 1 --format csv >"$TMP/off_$r" 2>&1
    "$ORBIS" run tests/data/rules_off_$r.yaml --runs 4 --threads 1 --out "$TMP/off_$r.db" \
        >/dev/null 2>&1
    for tb in run_metrics events summary event_prob params; do
        "$ORBIS" export "$TMP/off_$r.db" $tb >>"$TMP/offdb_$r" 2>&1
    done
done
if [ -s "$TMP/off_anarchy" ] && cmp -s "$TMP/off_anarchy" "$TMP/off_un-charter" &&
    cmp -s "$TMP/off_anarchy" "$TMP/off_rules-based" &&
    cmp -s "$TMP/off_anarchy" "$TMP/off_historical"; then
    pass "every rule at 0: un-charter, rules-based and historical equal anarchy, byte for byte"
else
    fail "rules off: regimes differ"
fi
if [ "$(wc -l <"$TMP/offdb_anarchy")" -gt 100 ] &&
    cmp -s "$TMP/offdb_anarchy" "$TMP/offdb_un-charter" &&
    cmp -s "$TMP/offdb_anarchy" "$TMP/offdb_rules-based" &&
    cmp -s "$TMP/offdb_anarchy" "$TMP/offdb_historical"; then
    pass "every rule at 0: the four regimes' stores of 4 runs hold the same results"
else
    fail "rules off: the stores differ"
fi
"$ORBIS" run scenarios/order-anarchy.yaml --runs 1 --format csv >"$TMP/on_a" 2>&1
"$ORBIS" run scenarios/order-un-charter.yaml --runs 1 --format csv >"$TMP/on_u" 2>&1
if ! cmp -s "$TMP/on_a" "$TMP/on_u"; then pass "with their rules, un-charter and anarchy differ"; else fail "regimes have no effect"; fi

# Every estimate in docs/model.md is what the calibration estimates (to the
# six significant digits the table shows): test_calibrate's estimates.
if [ $HAVE_DATA = 0 ]; then
    skip "docs/model.md shows every estimate as orbis calibrate computes it (no raw data)"
elif [ ! -s "$ORBIS_TEST_CALIBRATION" ]; then
    fail "docs/model.md estimates: test_calibrate wrote no estimates"
elif python3 - "$ORBIS_TEST_CALIBRATION" docs/model.md <<'PY'
import csv, sys
doc = open(sys.argv[2], encoding="utf-8").read().replace("\u2212", "-")
bad = []
for r in csv.DictReader(open(sys.argv[1])):
    v = "%.6g" % float(r["estimate"])
    rows = [l for l in doc.split("\n") if l.startswith("| `%s` |" % r["name"])]
    if not rows or not all(l.split("|")[2].strip() == v for l in rows):
        bad.append(r["name"])
print(" ".join(bad))
sys.exit(1 if bad else 0)
PY
then pass "docs/model.md shows every estimate as orbis calibrate computes it"
else fail "docs/model.md estimates differ from orbis calibrate"; fi

# The example in docs/scenario-format.md is a valid scenario.
sed -n '/^```yaml$/,/^```$/p' docs/scenario-format.md | sed '1d;$d' >"$TMP/doc.yaml"
if "$ORBIS" check "$TMP/doc.yaml" >/dev/null 2>"$TMP/err"; then
    pass "docs/scenario-format.md example passes orbis check"
else
    fail "docs/scenario-format.md example"; cat "$TMP/err"
fi

# Every parameter of the table is documented in docs/model.md.
missing=""
for name in $("$ORBIS" params --format csv | tail -n +2 | cut -d, -f1); do
    grep -qF "\`$name\`" docs/model.md || missing="$missing $name"
done
if [ -z "$missing" ]; then pass "docs/model.md documents every parameter"; else fail "undocumented:$missing"; fi

# 5. The example program (public API only) runs, and its numbers are the CLI's.
echo "== examples"
if [ -x "$BUILD/examples/rising_powers" ]; then
    "$BUILD/examples/rising_powers" >"$TMP/ex" 2>&1
    "$ORBIS" run scenarios/beijing-2024.yaml --states CHN --format csv >"$TMP/ex_cli" 2>&1
    # the example prints 4 decimals, the CSV 6: equal within the example's rounding
    awk 'NR > 1 { print $1, $2 }' "$TMP/ex" >"$TMP/ex_a"
    awk -F, 'NR > 1 { print $1, $7 }' "$TMP/ex_cli" >"$TMP/ex_b"
    bad=$(paste -d' ' "$TMP/ex_a" "$TMP/ex_b" |
        awk '$1 != $3 || $2 - $4 > 0.00005 || $4 - $2 > 0.00005 { n++ } END { print n + 0 }')
    if [ "$(wc -l <"$TMP/ex")" -eq 30 ] && [ "$(wc -l <"$TMP/ex_b")" -eq 29 ] && [ "$bad" -eq 0 ]; then
        pass "examples/rising_powers: 29 years, China's CINC share equal to orbis run --states"
    else
        fail "examples/rising_powers"
        head -3 "$TMP/ex"
    fi
else
    fail "examples/rising_powers was not built"
fi

# --states all: every state of the run, every year (none left out).
"$ORBIS" run scenarios/baseline.yaml --states all --format csv >"$TMP/all" 2>&1
nst=$("$ORBIS" run scenarios/baseline.yaml --runs 1 | awk 'NR == 1 { print $(NF - 1) }')
if [ -n "$nst" ] && [ "$(wc -l <"$TMP/all")" -eq $((nst * 29 + 1)) ]; then
    pass "run --states all: $nst states x 29 years, one row each"
else
    fail "run --states all: $(wc -l <"$TMP/all") lines for $nst states"
fi

# 5b. Ensembles: the store's contents do not depend on the threads; a store
#     killed with SIGKILL and resumed equals an uninterrupted one; Python's
#     sqlite3 module reads it.
echo "== ensembles"
dump() { # every table but timing, in key order
    for tb in meta params metric states runs run_metrics events summary event_prob; do
        "$ORBIS" export "$1" $tb
    done
}
for t in 1 2 4; do
    "$ORBIS" run scenarios/beijing-2024.yaml --runs 24 --threads $t --out "$TMP/ens$t.db" \
        --params tests/data/params-pinned.csv >"$TMP/ens$t.txt" 2>"$TMP/ens$t.err"
    dump "$TMP/ens$t.db" >"$TMP/ens$t.dump"
done
if [ -s "$TMP/ens1.dump" ] && cmp -s "$TMP/ens1.dump" "$TMP/ens2.dump" &&
    cmp -s "$TMP/ens1.dump" "$TMP/ens4.dump" && cmp -s "$TMP/ens1.txt" "$TMP/ens4.txt"; then
    pass "ensemble of 24 runs: the store and the summary are the same on 1, 2 and 4 threads"
else
    fail "ensemble: the store depends on the threads"
    cat "$TMP/ens1.err"
fi
"$ORBIS" run scenarios/beijing-2024.yaml --runs 80 --out "$TMP/kill.db" \
    --params tests/data/params-pinned.csv >/dev/null 2>&1 &
pid=$!
n=0
i=0
while [ $i -lt 200 ] && [ "$n" -lt 1 ]; do # until a transaction is in (0.05 s polls)
    sleep 0.05
    n=$(python3 -c "import sqlite3,sys
try: print(sqlite3.connect(sys.argv[1]).execute('select count(*) from runs').fetchone()[0])
except Exception: print(0)" "$TMP/kill.db" 2>/dev/null)
    i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
killed=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from runs').fetchone()[0])" "$TMP/kill.db" 2>/dev/null)
"$ORBIS" run scenarios/beijing-2024.yaml --runs 80 --resume "$TMP/kill.db" \
    --params tests/data/params-pinned.csv >"$TMP/resumed.txt" 2>"$TMP/resumed.err"
"$ORBIS" run scenarios/beijing-2024.yaml --runs 80 --out "$TMP/whole.db" \
    --params tests/data/params-pinned.csv >"$TMP/whole.txt" 2>/dev/null
dump "$TMP/kill.db" >"$TMP/kill.dump"
dump "$TMP/whole.db" >"$TMP/whole.dump"
if [ -n "$killed" ] && [ "$killed" -lt 80 ] && cmp -s "$TMP/kill.dump" "$TMP/whole.dump" &&
    cmp -s "$TMP/resumed.txt" "$TMP/whole.txt"; then
    pass "killed (SIGKILL) with $killed of 80 runs stored, then --resume: equal to an uninterrupted store"
else
    fail "kill and resume (killed with '$killed' runs stored)"
    cat "$TMP/resumed.err"
fi
if python3 - "$TMP/whole.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
runs = db.execute("select count(*) from runs").fetchone()[0]
rows = db.execute("select count(*) from run_metrics").fetchone()[0]
years = db.execute("select count(distinct year) from run_metrics").fetchone()[0]
med = db.execute("select p50 from summary where metric='gs_gdp_share' and year=2050").fetchone()[0]
col = sorted(r[0] for r in db.execute("select gs_gdp_share from run_metrics where year=2050"))
h = (len(col) - 1) * 0.5
want = col[int(h)] + (h - int(h)) * (col[int(h) + 1] - col[int(h)])
sys.exit(0 if runs == 80 and rows == 80 * years and years == 29 and abs(med - want) < 1e-15 else 1)
PY
then pass "Python's sqlite3 reads the store: 80 runs x 29 years; the stored median is the data's"
else fail "Python's sqlite3 and the store"; fi
if "$ORBIS" run scenarios/beijing-2024.yaml --runs 80 --out "$TMP/whole.db" >/dev/null 2>"$TMP/err" ||
    ! grep -q "exists already" "$TMP/err"; then
    fail "an existing store is refused"
else
    pass "an existing store is refused, not overwritten (--resume or remove it)"
fi
if "$ORBIS" run scenarios/baseline.yaml --runs 80 --resume "$TMP/whole.db" >/dev/null 2>"$TMP/err" ||
    ! grep -q "another ensemble" "$TMP/err"; then
    fail "resuming another scenario's store is refused"
else
    pass "resuming a store of another scenario is refused, naming the difference"
fi

# The same ensemble on 1, 2 and 4 Open MPI ranks (build/orbis-mpi, built by
# make test when mpicc is there): the same store as on threads.
if [ -x "$BUILD/orbis-mpi" ] && command -v mpirun >/dev/null 2>&1; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
    same=1
    for k in 1 2 4; do
        mpirun --oversubscribe -np $k "$BUILD/orbis-mpi" run scenarios/beijing-2024.yaml --runs 24 \
            --threads 1 --out "$TMP/mpi$k.db" --params tests/data/params-pinned.csv \
            >"$TMP/mpi$k.txt" 2>"$TMP/mpi$k.err" || { same=0; cat "$TMP/mpi$k.err"; }
        dump "$TMP/mpi$k.db" >"$TMP/mpi$k.dump"
        cmp -s "$TMP/mpi$k.dump" "$TMP/ens1.dump" && cmp -s "$TMP/mpi$k.txt" "$TMP/ens1.txt" || same=0
    done
    if [ $same = 1 ]; then
        pass "ensemble of 24 runs on 1, 2 and 4 MPI ranks: the same store and summary as on threads"
    else
        fail "ensemble on MPI ranks differs from the threads' store"
    fi
else
    skip "ensembles on MPI ranks (no build/orbis-mpi or mpirun)"
fi

# Per-state series, and export's errors.
"$ORBIS" run scenarios/baseline.yaml --runs 3 --per-state --out "$TMP/ps.db" >/dev/null 2>&1
rows=$("$ORBIS" export "$TMP/ps.db" state_years | tail -n +2 | wc -l)
nstates=$("$ORBIS" export "$TMP/ps.db" states | tail -n +2 | wc -l)
if [ "$rows" -eq $((3 * 29 * nstates)) ] && [ "$nstates" -gt 150 ]; then
    pass "--per-state: 3 runs x 29 years x $nstates states in state_years"
else fail "--per-state: $rows rows for $nstates states"; fi
"$ORBIS" export "$TMP/ps.db" nosuch >"$TMP/out" 2>"$TMP/err"
code=$?
if [ $code = 2 ] && [ ! -s "$TMP/out" ] && grep -q "no table 'nosuch'.*run_metrics" "$TMP/err"; then
    pass "export of an unknown table: exit 2, the tables listed, nothing written"
else fail "export of an unknown table (exit $code)"; fi
"$ORBIS" export tests/data/bad_params.csv runs >"$TMP/out" 2>"$TMP/err"
code=$?
if [ $code = 3 ] && [ ! -s "$TMP/out" ]; then
    pass "export of a file that is not a store: exit 3, nothing written"
else fail "export of a non-store (exit $code)"; cat "$TMP/err"; fi

# Parameter uncertainty: each run draws its parameters (stored run by run),
# the same on 1 and 2 threads; growth shocks off under "params".
for t in 1 2; do
    "$ORBIS" run scenarios/beijing-2024.yaml --runs 6 --threads $t --uncertainty params \
        --out "$TMP/unc$t.db" >/dev/null 2>&1
    { dump "$TMP/unc$t.db"; "$ORBIS" export "$TMP/unc$t.db" run_params; } >"$TMP/unc$t.dump"
done
if [ -s "$TMP/unc1.dump" ] && cmp -s "$TMP/unc1.dump" "$TMP/unc2.dump" &&
    python3 - "$TMP/unc1.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("select count(*) from run_params").fetchone()[0]
shocks = db.execute("select max(value) from run_params where name = 'econ.shocks'").fetchone()[0]
alphas = db.execute("select count(distinct value) from run_params where name = 'econ.alpha'").fetchone()[0]
unc = db.execute("select value from meta where key = 'uncertainty'").fetchone()[0]
npar = db.execute("select count(*) from params").fetchone()[0]
sys.exit(0 if n == 6 * npar and shocks == 0 and alphas == 6 and unc == "params" else 1)
PY
then
    pass "--uncertainty params: 6 runs, each its own parameters, stored; same on 1 and 2 threads"
else
    fail "--uncertainty params"
fi

# Paired ensembles: a scenario against itself differs by exactly zero in every
# run (common random numbers); two regimes differ.
"$ORBIS" compare scenarios/order-anarchy.yaml scenarios/order-anarchy.yaml --runs 8 \
    --out "$TMP/self" --format csv >"$TMP/self.csv" 2>"$TMP/self.err"
if python3 - "$TMP/self.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ok = len(rows) > 10 and all(float(r[k]) == 0 for r in rows
                            for k in ("median", "p05", "p95", "p_gt0", "p_lt0") if r[k] != "NA")
sys.exit(0 if ok else 1)
PY
then pass "compare A A over 8 paired runs: every difference is exactly 0"
else fail "compare A A: differences not 0"; cat "$TMP/self.err"; fi
"$ORBIS" compare scenarios/order-anarchy.yaml scenarios/order-un-charter.yaml --runs 8 \
    --out "$TMP/two" --format csv >"$TMP/two.csv" 2>/dev/null
if grep -q '^sanctions_in_force,2050,8,' "$TMP/two.csv" &&
    [ "$(grep '^sanctions_in_force,2050' "$TMP/two.csv" | cut -d, -f4 | cut -c1)" = "-" ]; then
    pass "compare anarchy with un-charter: fewer sanctions in force under the Charter in 2050"
else fail "compare two regimes"; fi

# Output that cannot be written is an error, for every command (issue 16, item
# 14): --version, help and check wrote to /dev/full and exited 0.
if [ -w /dev/full ]; then
    full_ok=1
    for c in "--version" "help" "check scenarios/baseline.yaml" "params"; do
        # shellcheck disable=SC2086
        "$ORBIS" $c >/dev/full 2>"$TMP/full.err" && full_ok=0
        grep -q "cannot write output" "$TMP/full.err" || full_ok=0
    done
    if [ $full_ok = 1 ]; then pass "a full stdout (/dev/full) is an error for --version, help, check, params"
    else fail "a command exited 0 though its output could not be written"; fi
else
    skip "writing to a full device (no /dev/full)"
fi

# An empty --data or --tables is refused, not read as the filesystem's root
# (issue 16, item 12).
if "$ORBIS" --data '' world >/dev/null 2>"$TMP/empty.err"; then fail "--data '' was accepted"
elif grep -q "needs a folder, found an empty value" "$TMP/empty.err"; then
    pass "--data '' is a usage error"
else fail "--data '': wrong message"; fi

# Population from 2022: China falls in 2023 and 2024, as the World Bank shows
# (issue 12); the largest states' one-step errors are small.
if [ $HAVE_DATA = 0 ]; then
    skip "population one and two years on (no raw data)"
elif "$ORBIS" backtest --population --format csv >"$TMP/pop.csv" 2>"$TMP/pop.err" &&
    python3 - "$TMP/pop.csv" <<'PY'
import csv, sys
v = {(r["section"], r["year"], r["name"]): float(r["value"])
     for r in csv.DictReader(open(sys.argv[1])) if r["value"] not in ("", "NA")}
chn = [v[("CHN", y, n)] for y, n in (("2022", "pop"), ("2023", "model"), ("2024", "model"))]
ok = chn[0] > chn[1] > chn[2]
for s in ("IND", "CHN", "USA", "INS", "PAK"):  # one step: within 0.5% of the World Bank
    ok = ok and abs(v[(s, "2023", "model")] / v[(s, "2023", "wb")] - 1) < 0.005
sys.exit(0 if ok else 1)
PY
then pass "population: China falls in 2023 and 2024; the five largest within 0.5% a year on"
else fail "population one and two years on"; cat "$TMP/pop.err"; fi

# The README's samples are what the program prints today: every line of the
# block after "$ build/orbis run scenarios/beijing-2024.yaml --runs N" ("..."
# aside) is in today's output of that command.
readme_sample() { # N, what; extra arguments of the command
    n=$1 what=$2
    shift 2
    "$ORBIS" run scenarios/beijing-2024.yaml --runs "$n" "$@" >"$TMP/readme$n" 2>&1
    awk -v cmd="\$ build/orbis run scenarios/beijing-2024.yaml --runs $n" '
        $0 == cmd { on = 1; next } on && /^```/ { exit } on && $0 != "..." { print }' \
        README.md >"$TMP/readme${n}_sample"
    if [ -s "$TMP/readme${n}_sample" ] &&
        [ "$(grep -cvxFf "$TMP/readme$n" "$TMP/readme${n}_sample")" -eq 0 ]; then
        pass "README's $what lines are all in today's orbis run --runs $n output"
    else
        fail "README's $what is stale"
        grep -vxFf "$TMP/readme$n" "$TMP/readme${n}_sample" | head -3
    fi
}
readme_sample 20 "ensemble sample" --out "$TMP/readme20.db"
readme_sample 1 "sample output"

# 5b. orbis claims into a store: every run's effect, the summary, nothing half-written.
echo "== claims"
if [ $HAVE_DATA = 0 ]; then
    echo "SKIP claims store (no raw data)"
else
    cs="$TMP/claims.db"
    if "$ORBIS" claims tests/data/claims-toy.yaml --runs 6 --out "$cs" >"$TMP/claims.txt" 2>/dev/null &&
        [ ! -e "$cs.part" ] && python3 - "$cs" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("select count(*) from claim_effects").fetchone()[0]
planted = db.execute("select count(*) from claim_effects where claim='planted' and effect < 0").fetchone()[0]
empty = db.execute("select count(*) from claim_effects where claim='empty' and effect = 0").fetchone()[0]
meta = dict(db.execute("select key, value from meta"))
summary = db.execute("select csv from claim_summary").fetchone()[0]
sys.exit(0 if n == 4 * 6 and planted == 6 and empty == 6 and meta["runs"] == "6"
         and summary.startswith("claim,testable") else 1)
PY
    then pass "claims --out: 6 runs x 4 testable claims stored, the planted effect negative in each, the empty one 0"
    else fail "claims --out store"; fi
    if "$ORBIS" claims tests/data/claims-toy.yaml --runs 6 --out "$cs" >"$TMP/claims2.txt" 2>"$TMP/err"; then
        fail "claims --out over an existing store"
    elif grep -q "exists" "$TMP/err" && [ ! -s "$TMP/claims2.txt" ]; then
        pass "claims --out: an existing store is refused, nothing printed"
    else fail "claims --out over an existing store: $(head -1 "$TMP/err")"; fi
    a=$("$ORBIS" claims tests/data/claims-toy.yaml --runs 6 --threads 1 --format csv 2>/dev/null)
    b=$("$ORBIS" claims tests/data/claims-toy.yaml --runs 6 --threads 2 --format csv 2>/dev/null)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then pass "claims: the same results on 1 and 2 threads"
    else fail "claims on 1 and 2 threads differ"; fi
fi

# 6. data/ is what tools/build_data.py makes from ORBIS_DATA.
echo "== data rebuild"
if [ $HAVE_DATA = 0 ]; then
    skip "data/ equals a fresh rebuild from ORBIS_DATA (no raw data)"
elif python3 tools/build_data.py --data "${ORBIS_DATA:-../shared/data}" --out "$TMP/data" 2>"$TMP/build.log"; then
    same=1
    for f in states.csv crosswalk.csv majors.csv p5.csv baseline2022.csv capitals.csv cameo.csv dyads2022.csv unsc.csv vetoes.csv sanctions.csv wars.csv rivalries.csv; do
        cmp -s "$TMP/data/$f" "data/$f" || { same=0; echo "  data/$f differs from a rebuild"; }
    done
    if [ $same = 1 ]; then pass "data/ equals a fresh rebuild from ORBIS_DATA"; else fail "data/ rebuild"; fi
else
    fail "tools/build_data.py failed"; cat "$TMP/build.log"
fi

if [ $total_skip -gt 0 ]; then
    echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
    echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
