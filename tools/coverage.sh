#!/bin/sh
# coverage.sh BUILD - line and branch coverage of src/ from the .gcda files
# the suite left in BUILD/src (make coverage). One line a file, then the
# total: lines executed, branches taken at least once (gcov -n: no .gcov
# files are written).
set -eu
B=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
top=$(pwd)
printf '%-22s %7s %7s %7s %7s\n' file lines 'lines%' branches 'taken%'
for f in src/*.c; do
    o="$top/$B/src/$(basename "$f" .c).o"
    [ -f "${o%.o}.gcno" ] || continue
    gcov -n -b -o "$top/$B/src" "$f" 2>/dev/null |
        awk -v f="$(basename "$f")" '
            /^File / { cur = ($0 ~ "src/" f "\x27$") }
            cur && /^Lines executed:/ { split($2, a, "[:%]"); lp = a[2]; ln = $4 }
            cur && /^Taken at least once:/ { split($4, b, "[:%]"); bp = b[2]; bn = $6 }
            END { printf "%-22s %7d %6.1f%% %7d %6.1f%%\n", f, ln, lp, bn, bp }'
done | tee "$tmp/table"
awk '{ l += $2; lx += $2 * $3 / 100; b += $4; bx += $4 * $5 / 100 }
     END { printf "%-22s %7d %6.1f%% %7d %6.1f%%\n", "total (src/)", l, 100 * lx / l, b, 100 * bx / b }' \
    "$tmp/table"
