/*
 * test_csv_fuzz.c - mutation fuzzing of the table loaders: random byte
 * flips, insertions and truncations of majors.csv and baseline2022.csv must
 * give ORB_OK or ORB_EPARSE with a message that names the file and line,
 * never a crash, a leak (under make asan) or another status.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testutil.h"
#include "orbis/orbis.h"

static unsigned long rng_state = 2385;

static unsigned long next(void)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return rng_state >> 33;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(buf, 1, len, f);
        fclose(f);
    }
}

static void fuzz_file(const char *tmp, const char *tab, const char *name, int rounds)
{
    static const char alphabet[] = "0123456789,\"-.eE \n\rx\t";
    char src[512], dst[512], what[128];
    size_t len, i;
    char *orig, *buf;
    int r, ok = 1, parse_errors = 0;

    snprintf(src, sizeof src, "%s/%s", tab, name);
    snprintf(dst, sizeof dst, "%s/%s", tmp, name);
    orig = slurp(src, &len);
    if (orig == NULL) {
        CHECK(0, "read the file to fuzz");
        return;
    }
    buf = malloc(len + 64);
    for (r = 0; r < rounds && buf; r++) {
        size_t n = len, edits = 1 + next() % 4;
        orb_tables *t = NULL;
        orb_error e;
        orb_status st;

        memcpy(buf, orig, len);
        for (i = 0; i < edits; i++) {
            size_t at = next() % n;
            switch (next() % 3) {
            case 0:
                buf[at] = alphabet[next() % (sizeof alphabet - 1)];
                break;
            case 1:
                if (n + 1 < len + 64) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = alphabet[next() % (sizeof alphabet - 1)];
                    n++;
                }
                break;
            default:
                n = at + 1;
                break; /* truncate */
            }
        }
        spit(dst, buf, n);
        orb_error_clear(&e);
        st = orb_tables_load(tmp, &t, &e);
        if (st == ORB_EPARSE) {
            parse_errors++;
            if (strstr(e.msg, ".csv") == NULL &&
                strstr(e.msg, "baseline2022.csv has no rows") == NULL) {
                printf("info: message does not name %s: %s\n", name, e.msg);
                ok = 0;
            }
        } else if (st != ORB_OK) {
            printf("info: unexpected status %d: %s\n", (int)st, e.msg);
            ok = 0;
        }
        if ((st == ORB_OK) != (t != NULL)) ok = 0;
        orb_tables_free(t);
    }
    spit(dst, orig, len);
    snprintf(what, sizeof what, "%s: %d mutations give OK or a located parse error (%d errors)",
             name, rounds, parse_errors);
    CHECK(ok && parse_errors > 0, what);
    free(buf);
    free(orig);
}

int main(void)
{
    static const char *const files[] = {
        "states.csv",         "crosswalk.csv", "majors.csv",        "p5.csv",
        "baseline2022.csv",   "capitals.csv",  "cameo.csv",         "dyads2022.csv",
        "unsc.csv",           "vetoes.csv",    "sanctions.csv",     "wars.csv",
        "growth_effects.csv", "rivalries.csv", "sanction_cases.csv"};
    const char *tab = tu_env("ORBIS_TABLES", "data");
    char tmp[256], cmd[600];
    size_t i;

    snprintf(tmp, sizeof tmp, "%s/orbis-fuzz-XXXXXX", tu_env("TMPDIR", "/tmp"));
    if (mkdtemp(tmp) == NULL) {
        CHECK(0, "create a temporary folder");
        return tu_done();
    }
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char src[512], dst[512], *b;
        snprintf(src, sizeof src, "%s/%s", tab, files[i]);
        snprintf(dst, sizeof dst, "%s/%s", tmp, files[i]);
        b = slurp(src, &len);
        if (b) spit(dst, b, len);
        free(b);
    }
    fuzz_file(tmp, tab, "majors.csv", 1500);
    fuzz_file(tmp, tab, "states.csv", 300);
    fuzz_file(tmp, tab, "baseline2022.csv", 300);
    fuzz_file(tmp, tab, "capitals.csv", 300);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) printf("info: could not remove %s\n", tmp);
    return tu_done();
}
