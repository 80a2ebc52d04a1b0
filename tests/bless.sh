#!/bin/sh
# bless.sh - re-record the CLI golden outputs (tests/cli/NAME.out) from the
# program as it is now, and say what changed: for each golden, the lines
# removed and added (diff), or "same". Review the summary (and `git diff
# tests/cli`) before committing: a golden is re-recorded deliberately.
# Usage: tests/bless.sh BUILD_DIR [NAME ...]   (default: every golden case)
BUILD=${1:-build}
shift 2>/dev/null
ORBIS="$BUILD/orbis"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/orbis-bless-XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
changed=0
same=0
if [ $# -gt 0 ]; then names="$*"; else
    names=$(for o in tests/cli/*.out; do basename "$o" .out; done)
fi
for name in $names; do
    a="tests/cli/$name.args"
    o="tests/cli/$name.out"
    [ -f "$a" ] && [ -f "$o" ] || { echo "bless: no golden case '$name'"; exit 2; }
    envs=""
    [ -f "tests/cli/$name.env" ] && envs=$(cat "tests/cli/$name.env")
    # shellcheck disable=SC2046
    env $envs "$ORBIS" $(cat "$a") >"$TMP/out" 2>"$TMP/err"
    code=$?
    want=0
    [ -f "tests/cli/$name.code" ] && want=$(cat "tests/cli/$name.code")
    if [ "$code" != "$want" ]; then
        echo "bless: $name exits $code, want $want; not re-recorded:"
        cat "$TMP/err"
        exit 1
    fi
    if cmp -s "$TMP/out" "$o"; then
        same=$((same + 1))
        continue
    fi
    del=$(diff "$o" "$TMP/out" | grep -c '^<')
    add=$(diff "$o" "$TMP/out" | grep -c '^>')
    echo "  $name: -$del +$add lines"
    cp "$TMP/out" "$o"
    changed=$((changed + 1))
done
echo "bless: $changed re-recorded, $same unchanged"
