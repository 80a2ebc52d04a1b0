/*
 * testutil.h - a minimal test harness: numbered PASS/FAIL lines, tolerance
 * checks, and the closing "N passed, N failed" line every test program ends
 * with (tests/run.sh adds them up).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_TESTUTIL_H
#define ORB_TESTUTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int tu_passed, tu_failed, tu_skipped;

static inline void tu_report(int ok, const char *file, int line, const char *what,
                             const char *detail)
{
    if (ok) {
        tu_passed++;
        printf("PASS %s\n", what);
    } else {
        tu_failed++;
        printf("FAIL %s (%s:%d)%s%s\n", what, file, line, detail[0] ? ": " : "", detail);
    }
}

#define CHECK(cond, what) tu_report((cond) != 0, __FILE__, __LINE__, (what), #cond)

#define CHECK_ABS(got, want, tol, what)                                                            \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        char d_[160];                                                                              \
        snprintf(d_, sizeof d_, "got %.10g, want %.10g (tol %g)", g_, w_, (double)(tol));          \
        tu_report(fabs(g_ - w_) <= (tol), __FILE__, __LINE__, (what), d_);                         \
    } while (0)

#define CHECK_REL(got, want, tol, what)                                                            \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        char d_[160];                                                                              \
        snprintf(d_, sizeof d_, "got %.10g, want %.10g (rel tol %g)", g_, w_, (double)(tol));      \
        tu_report(fabs(g_ - w_) <= (tol)*fabs(w_), __FILE__, __LINE__, (what), d_);                \
    } while (0)

#define CHECK_INT(got, want, what)                                                                 \
    do {                                                                                           \
        long g_ = (long)(got), w_ = (long)(want);                                                  \
        char d_[96];                                                                               \
        snprintf(d_, sizeof d_, "got %ld, want %ld", g_, w_);                                      \
        tu_report(g_ == w_, __FILE__, __LINE__, (what), d_);                                       \
    } while (0)

/* Print the closing line and return the process exit status. */
static inline int tu_done(void)
{
    if (tu_skipped)
        printf("%d passed, %d failed, %d skipped\n", tu_passed, tu_failed, tu_skipped);
    else
        printf("%d passed, %d failed\n", tu_passed, tu_failed);
    fflush(stdout); /* LeakSanitizer exits without flushing stdio */
    return tu_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Raw-data and tables folders, from the environment (set by the Makefile). */
static inline const char *tu_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return (v && v[0]) ? v : fallback;
}

/* The raw data sets' folder (ORBIS_DATA), or NULL when it is not there: the
 * checks that need it are then skipped (the data-free tier of the suite). */
static inline const char *tu_data(void)
{
    const char *d = tu_env("ORBIS_DATA", "../shared/data");
    char probe[1024];
    FILE *f;

    snprintf(probe, sizeof probe, "%s/SOURCES.md", d);
    if ((f = fopen(probe, "r")) == NULL) return NULL;
    fclose(f);
    return d;
}

/* Skip what follows for want of the raw data (counted, with the reason). */
#define SKIP(what)                                                                                 \
    do {                                                                                           \
        tu_skipped++;                                                                              \
        printf("SKIP %s (no raw data: set ORBIS_DATA)\n", (what));                                 \
    } while (0)

#endif
