/*
 * store.h - the results store of an ensemble: one SQLite file (schema in
 * docs/store.md) holding the scenario and its settings, every finished
 * run's yearly metrics and events (and per-state series on request), and
 * the ensemble's summaries.
 *
 *   orb_store_create(path, &meta, ...) or orb_store_resume(path, &meta, done, ...)
 *   orb_store_add(store, result) for every finished run (the ensemble callback)
 *   orb_store_summarise(store, years, n) at the end
 *   orb_store_close(store)
 *
 * Runs are written in transactions (one a second, and at the close): a
 * killed ensemble leaves a valid file holding every run committed, and
 * orb_store_resume tells which runs are done so the rest can be run.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_STORE_H
#define ORBIS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/ensemble.h"
#include "orbis/params.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct orb_store orb_store;

/* What identifies an ensemble; a resumed store must match it. */
typedef struct orb_store_meta {
    const char *scenario_name;
    const char *scenario_text; /* the scenario file as read; its hash is stored */
    uint64_t seed;
    size_t runs;
    int start, end;
    int per_state;           /* 1: per-state series are stored */
    const char *uncertainty; /* "shocks", "params" or "all" (orb_uncertainty_name) */
    const orb_params *params;
    size_t nstates; /* the states (for the states table) */
    const int *ccode;
    const char *const *abb;
} orb_store_meta;

/* FNV-1a 64-bit hash of text, as the store keeps it (hex in meta). */
uint64_t orb_text_hash(const char *text);

/* Create a new store at path; ORB_EINVAL if the file exists (resume it,
 * or remove it), ORB_EIO if it cannot be written. */
orb_status orb_store_create(const char *path, const orb_store_meta *meta, orb_store **out,
                            orb_error *err);

/* Open an existing store to finish it: ORB_EINVAL if its scenario hash,
 * seed, runs, years or per-state setting differ from meta (named);
 * done[run] (meta->runs entries) gets 1 for every run already stored. */
orb_status orb_store_resume(const char *path, const orb_store_meta *meta, unsigned char *done,
                            orb_store **out, orb_error *err);

/* Add a finished run (its metrics, events, per-state series). */
orb_status orb_store_add(orb_store *s, const orb_run_result *res, orb_error *err);

/* Runs stored so far. */
size_t orb_store_nruns(const orb_store *s);

/* Commit what is pending, then compute the summaries for the given years
 * (those outside start..end are ignored): each headline metric's quantiles,
 * mean and its Monte Carlo standard error, and each named event's
 * probability by each year with its standard error. */
orb_status orb_store_summarise(orb_store *s, const int *years, size_t nyears, orb_error *err);

/* Record how the ensemble ran (host, threads, ranks, seconds): kept apart
 * from the results (the timing table), which do not depend on it. */
orb_status orb_store_timing(orb_store *s, const char *key, const char *value, orb_error *err);

/* Commit and close (NULL is a no-op); returns the commit's status. */
orb_status orb_store_close(orb_store *s, orb_error *err);

/* One value of a row read from a store. */
typedef enum orb_store_type {
    ORB_STORE_NULL = 0,
    ORB_STORE_INT,
    ORB_STORE_REAL,
    ORB_STORE_TEXT
} orb_store_type;

typedef struct orb_store_value {
    orb_store_type type;
    long long i;
    double d;
    const char *s; /* valid during the call */
} orb_store_value;

/* Called for each row, with the column names; non-zero stops the reading. */
typedef int (*orb_store_row_fn)(size_t ncols, const char *const *names,
                                const orb_store_value *values, void *ud);

/*
 * Read every row of a table of the store at path (a table of docs/store.md:
 * meta, params, metric, states, runs, run_metrics, events, state_years,
 * summary, event_prob, timing), in its key order. ORB_EIO (cannot open),
 * ORB_EINVAL (no such table: the tables named), ORB_EPARSE (not a store).
 */
orb_status orb_store_export(const char *path, const char *table, orb_store_row_fn fn, void *ud,
                            orb_error *err);

/*
 * Paired differences of two ensembles of the same seed and runs (common
 * random numbers: run i of A and of B share the stream (seed, i)), for the
 * headline metrics and the given years. fn gets a row per metric and year:
 * metric, year, n, median, p05, p95 of d_i = B_i - A_i, p_gt0 = P(d > 0),
 * p_lt0, agreement = max(p_gt0, p_lt0), and for contrast the 5-95% band of
 * unpaired differences B_(i+1 mod n) - A_i (other streams). ORB_EINVAL if
 * the two stores' seeds or runs differ.
 */
orb_status orb_store_paired_metrics(const char *a, const char *b, const int *years, size_t nyears,
                                    orb_store_row_fn fn, void *ud, orb_error *err);

/* The same for the named events: event, by_year, n, p_a, p_b, diff = p_b -
 * p_a and its paired standard error sd(I_B - I_A) / sqrt(n). */
orb_status orb_store_paired_events(const char *a, const char *b, const int *years, size_t nyears,
                                   orb_store_row_fn fn, void *ud, orb_error *err);

/* The headline metrics the summaries cover (k = 0, 1, ... until NULL). */
const char *orb_store_headline(size_t k);

/* The named events whose probabilities the summaries give (k = 0, 1, ...
 * until NULL): a name ("war_major", "gdp_chn_passes_usa", ...) and what it
 * means. */
const char *orb_store_event(size_t k, const char **meaning);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_STORE_H */
