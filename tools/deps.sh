#!/bin/sh
# deps.sh - install the Debian packages orbis needs, only when missing.
# Idempotent and silent when everything is present. Called by `make deps`,
# which `make run`, `make test`, `make asan` and `make bench` call first.
set -e

# Package -> what it is for.
#   gcc, make, libc6-dev : the C11 toolchain
#   python3              : tools/build_data.py (rebuilds data/; a test checks it)
#   libgsl-dev           : GSL least squares (calibration)
#   libyaml-dev          : scenario files
#   librandom123-dev     : Philox counter-based random streams (header-only)
#   libigraph-dev        : bloc detection (community detection)
#   libsqlite3-dev       : the results store of an ensemble
#   sqlite3              : the store's shell (docs/store.md's examples)
#   libopenmpi-dev, openmpi-bin : ensembles across processes and machines (make mpi)
#   clang-format         : make fmt-check
#   clang, libclang-rt-14-dev : libFuzzer (make fuzz)
PKGS="gcc make libc6-dev libgsl-dev libyaml-dev librandom123-dev libigraph-dev libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin clang-format \
      clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
command -v python3 >/dev/null 2>&1 || missing="$missing python3"

if [ -n "$missing" ]; then
    echo "deps: installing$missing" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
fi
