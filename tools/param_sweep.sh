#!/bin/sh
# param_sweep.sh [ORBIS] [END] [REGEX] - every parameter (or those whose
# names match REGEX) at its lower bound, midpoint
# and upper bound (the others at their defaults), one run of the 2022 world
# to END (default 2200) each: the run is finite (exit 0, no nan or inf in its
# output) or refused with a message (exit 4 and the state, variable and year),
# never a crash. One line a case where it is refused or wrong, then counts.
# Exit 1 if any case crashed or printed a non-finite number. (issue 16)
set -u
ORBIS=${1:-build/orbis}
END=${2:-2200}
ONLY=${3:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ORBIS" params --format csv >"$tmp/params.csv" || exit 1
ok=0 refused=0 bad=0
python3 - "$tmp/params.csv" "$ONLY" >"$tmp/cases" <<'PY'
import csv, re, sys
for r in csv.DictReader(open(sys.argv[1])):
    if not re.search(sys.argv[2], r["name"]):
        continue
    lo, hi = float(r["min"]), float(r["max"])
    mid = (lo + hi) / 2
    if r.get("integer", "0") in ("1", "yes", "true"):
        mid = round(mid)
    for tag, v in (("lo", lo), ("mid", mid), ("hi", hi)):
        print(r["name"], tag, repr(v))
PY
while read -r name tag v; do
    printf 'name: sweep\nstart: 2022\nend: %s\nparameters:\n  %s: %s\n' "$END" "$name" "$v" \
        >"$tmp/s.yaml"
    "$ORBIS" run "$tmp/s.yaml" --format csv >"$tmp/out.csv" 2>"$tmp/err.txt"
    rc=$?
    if [ $rc -eq 0 ] && ! grep -qiE '(^|,)-?(nan|inf)' "$tmp/out.csv"; then
        ok=$((ok + 1))
    elif [ $rc -eq 4 ] || [ $rc -eq 3 ] || [ $rc -eq 2 ]; then
        refused=$((refused + 1))
        printf '%-36s %-3s %-12s refused: %s\n' "$name" "$tag" "$v" "$(head -1 "$tmp/err.txt")"
    else
        bad=$((bad + 1))
        printf '%-36s %-3s %-12s WRONG (exit %d): %s\n' "$name" "$tag" "$v" "$rc" \
            "$(head -1 "$tmp/err.txt")"
    fi
done <"$tmp/cases"
echo "$ok finite, $refused refused with a message, $bad crashed or not finite (to $END)"
[ $bad -eq 0 ]
