#!/bin/sh
# golden.sh - run one CLI golden case and print one line: PASS, FAIL (with
# what differed) or SKIP. A case is tests/cli/NAME.args (arguments) with
# NAME.out (expected stdout), optional NAME.code (expected exit code, default
# 0), NAME.err (a text the error message must contain), NAME.env (VAR=value
# lines), NAME.data (it needs the raw data: skipped without them) and
# NAME.tol (a relative tolerance for numbers: the output's last digits depend
# on the build, e.g. GSL fits at full precision under -O1 and -O2).
# Usage: tests/golden.sh ORBIS NAME TMPDIR
ORBIS=$1
name=$2
TMP=$3
dir=tests/cli
if [ -f "$dir/$name.data" ] && [ ! -f "${ORBIS_DATA:-../shared/data}/SOURCES.md" ]; then
    echo "SKIP cli $name (no raw data)"
    exit 0
fi
want_code=0
[ -f "$dir/$name.code" ] && want_code=$(cat "$dir/$name.code")
envs=""
[ -f "$dir/$name.env" ] && envs=$(cat "$dir/$name.env")
# shellcheck disable=SC2046
env $envs "$ORBIS" $(cat "$dir/$name.args") >"$TMP/$name.out" 2>"$TMP/$name.err"
code=$?
why=""
[ "$code" = "$want_code" ] || why="$why; exit $code, want $want_code"
if [ -f "$dir/$name.out" ] && [ -f "$dir/$name.tol" ]; then
    python3 tests/numcmp.py "$dir/$name.out" "$TMP/$name.out" "$(cat "$dir/$name.tol")" >"$TMP/$name.cmp" ||
        why="$why; stdout differs: $(cat "$TMP/$name.cmp")"
elif [ -f "$dir/$name.out" ]; then
    cmp -s "$TMP/$name.out" "$dir/$name.out" ||
        why="$why; stdout differs: $(diff "$dir/$name.out" "$TMP/$name.out" | head -4 | tr '\n' ' ')"
else
    [ -s "$TMP/$name.out" ] && why="$why; wrote to stdout on an error"
fi
if [ -f "$dir/$name.err" ]; then
    grep -qF -- "$(cat "$dir/$name.err")" "$TMP/$name.err" ||
        why="$why; stderr lacks '$(cat "$dir/$name.err")': $(head -2 "$TMP/$name.err" | tr '\n' ' ')"
fi
if [ -z "$why" ]; then echo "PASS cli $name"; else echo "FAIL cli $name${why}"; fi
