#!/usr/bin/env python3
"""numcmp.py WANT GOT TOL - compare two text outputs token by token: words
must be equal; numbers equal within the relative tolerance TOL (for the few
golden outputs whose last digits depend on the build's optimisation level,
e.g. GSL fits printed at full precision). Exit 0 if equal, 1 (and the first
difference) if not."""
import re
import sys

TOKEN = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[^\s,\d-]+|[-,]")


def num(t):
    try:
        return float(t)
    except ValueError:
        return None


def main():
    want, got, tol = open(sys.argv[1]).read(), open(sys.argv[2]).read(), float(sys.argv[3])
    wl, gl = want.splitlines(), got.splitlines()
    if len(wl) != len(gl):
        print("%d lines, want %d" % (len(gl), len(wl)))
        return 1
    for n, (a, b) in enumerate(zip(wl, gl), 1):
        ta, tb = TOKEN.findall(a), TOKEN.findall(b)
        if len(ta) != len(tb):
            print("line %d: %r, want %r" % (n, b, a))
            return 1
        for x, y in zip(ta, tb):
            fx, fy = num(x), num(y)
            if fx is None or fy is None:
                if x != y:
                    print("line %d: %r, want %r" % (n, y, x))
                    return 1
            elif abs(fx - fy) > tol * max(abs(fx), abs(fy)):
                print("line %d: %s, want %s (relative tolerance %g)" % (n, y, x, tol))
                return 1
    return 0


sys.exit(main())
