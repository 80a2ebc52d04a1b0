/*
 * fuzz.h - shared set-up of the libFuzzer targets (make fuzz; fuzz/README.md).
 *
 * Each target is one translation unit that includes this header once. The
 * readers orbis exposes take paths, so an input is written to a file in a
 * private temporary folder (made once per process, under TMPDIR) and read
 * back from there. The tables (ORBIS_TABLES, else the build's data/) and,
 * for the targets that need them, the raw data (ORBIS_DATA) are loaded once.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_FUZZ_H
#define ORB_FUZZ_H

#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbis/orbis.h"

#ifndef FUZZ_TABLES
#define FUZZ_TABLES "data"
#endif
#ifndef FUZZ_DATA
#define FUZZ_DATA "../shared/data"
#endif

char *mkdtemp(char *tmpl);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message: a set-up failure is not a finding. */
static void fz_die(const char *what, const orb_error *err)
{
    fprintf(stderr, "fuzz set-up: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
    abort();
}

static const char *fz_env(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return (v && v[0]) ? v : dflt;
}

/* The process's private folder (made on first use). */
static const char *fz_dir(void)
{
    static char dir[512];
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "%s/orbis-fuzz-XXXXXX", fz_env("TMPDIR", "/tmp"));
        if (mkdtemp(dir) == NULL) fz_die("cannot make a temporary folder", NULL);
    }
    return dir;
}

/* Write data to dir/name (dir NULL: the private folder); the path, static. */
static const char *fz_write_in(const char *dir, const char *name, const uint8_t *data, size_t n)
{
    static char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir ? dir : fz_dir(), name);
    if ((f = fopen(path, "wb")) == NULL) fz_die("cannot write an input file", NULL);
    if (n > 0 && fwrite(data, 1, n, f) != n) fz_die("cannot write an input file", NULL);
    if (fclose(f) != 0) fz_die("cannot write an input file", NULL);
    return path;
}

static const char *fz_write(const char *name, const uint8_t *data, size_t n)
{
    return fz_write_in(NULL, name, data, n);
}

/* The shipped tables, loaded once. */
static const orb_tables *fz_tables(void)
{
    static orb_tables *t;
    orb_error err;
    if (t == NULL && orb_tables_load(fz_env("ORBIS_TABLES", FUZZ_TABLES), &t, &err) != ORB_OK)
        fz_die("cannot load the tables", &err);
    return t;
}

#endif /* ORB_FUZZ_H */
