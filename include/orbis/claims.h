/*
 * claims.h - claims about how the world works as hypotheses (docs/claims.md).
 *
 * A claims file (YAML) lists claims: the words of a text that makes them,
 * where they stand, the opposing view, and a test. A test is a contrast of
 * two variants of a base scenario, A and B (each the base with a change
 * merged in; a side without one is the base), one or more outcomes (a yearly
 * metric read at a year, or summed, averaged or differenced over years) and
 * the direction the claim predicts for B - A. A claim without a contrast
 * predicts the sign of the outcome itself in the base (e.g. the change of a
 * share from 2022 to 2050). A claim the model cannot test says why.
 *
 *   orb_claims_load(path, tables, &set)
 *   orb_claim_run(set, k, ..., &result) for each testable claim k
 *   orb_claim_result_free(&result)
 *   orb_claims_free(set)
 *
 * The two sides run as paired ensembles: the same seed and run index give
 * the same random streams (common random numbers), so B - A is the effect of
 * the change in that future.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_CLAIMS_H
#define ORBIS_CLAIMS_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/data.h"
#include "orbis/ensemble.h"
#include "orbis/params.h"
#include "orbis/scenario.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct orb_claimset orb_claimset;

/* How an outcome reads a metric's yearly series. */
typedef enum orb_reduce {
    ORB_REDUCE_AT = 0,    /* the value in year `to` */
    ORB_REDUCE_SUM = 1,   /* the sum over from .. to */
    ORB_REDUCE_MEAN = 2,  /* the mean over from .. to */
    ORB_REDUCE_CHANGE = 3 /* the value in `to` minus the value in `from` */
} orb_reduce;

const char *orb_reduce_name(orb_reduce r);

#define ORB_CLAIM_MAX_OUTCOMES 8
#define ORB_CLAIM_MAX_CHANNEL  16

/* What an outcome reads. */
typedef enum orb_outcome_kind {
    ORB_OUTCOME_METRIC = 0, /* a yearly metric of the world (orb_metric_find) */
    ORB_OUTCOME_STATES = 1, /* a per-state variable (orb_state_var_name) over listed states: their
                               total for gdp, pop, the shares and at_war, else their mean */
    ORB_OUTCOME_EVENT = 2   /* the number of events of a kind (orb_event_kind_name, not "pass")
                               or of a named pass (orb_pass_name) in from .. to */
} orb_outcome_kind;

#define ORB_CLAIM_MAX_STATES 32

typedef struct orb_claim_outcome {
    orb_outcome_kind kind;
    char metric[48]; /* the metric's, variable's or event's name */
    size_t index;    /* the metric's index, the variable (ORB_SV_*) or the event kind */
    int pass;        /* a pass's number (orb_pass_name), -1 for another event */
    size_t nstates;  /* ORB_OUTCOME_STATES: the states' COW codes */
    int ccode[ORB_CLAIM_MAX_STATES];
    orb_reduce reduce;
    int from, to;  /* years; from = to for ORB_REDUCE_AT */
    int direction; /* +1: the claim predicts B - A > 0 (or the outcome > 0), -1: < 0 */
} orb_claim_outcome;

typedef struct orb_claim {
    const char *id;        /* unique in the file */
    const char *statement; /* the text's words */
    const char *passage;   /* where they stand */
    const char *opposing;  /* the opposing view, or "" */
    int testable;          /* 0: reason says why */
    const char *reason;
    int contrast;           /* 1: B - A; 0: the outcome in the base */
    const char *base;       /* the base scenario's path, as resolved */
    const char *mechanisms; /* what the change touches, derived from it ("" if none) */
    size_t noutcomes;
    orb_claim_outcome outcome[ORB_CLAIM_MAX_OUTCOMES];
    size_t nchannel; /* parameters the claim names as carrying it */
    const char *channel[ORB_CLAIM_MAX_CHANNEL];
    unsigned long line; /* of the claim in the file */
} orb_claim;

/*
 * Load a claims file; base scenarios are read relative to the file's
 * folder, changes merged into them and the variants validated now. Errors
 * (ORB_EIO, ORB_EPARSE, ORB_ERANGE) name file:line:column; a variant that is
 * not a valid scenario is reported at the claim, with the scenario's own
 * message.
 */
orb_status orb_claims_load(const char *path, const orb_tables *tables, orb_claimset **out,
                           orb_error *err);
void orb_claims_free(orb_claimset *set);

const char *orb_claims_name(const orb_claimset *set);
uint64_t orb_claims_seed(const orb_claimset *set); /* the file's seed; default 1 */
size_t orb_claims_runs(const orb_claimset *set);   /* the file's ensemble size; default 100 */
size_t orb_claims_count(const orb_claimset *set);
const orb_claim *orb_claims_get(const orb_claimset *set, size_t k); /* NULL if out of range */
/* The claim's sides: A (the base with `against` merged in) and B (with
 * `change`); B is NULL for a claim without a contrast, both for one that is
 * not testable. Owned by the set. */
const orb_scenario *orb_claims_side(const orb_claimset *set, size_t k, int b);

typedef struct orb_claims_opts {
    size_t runs;                 /* 0: the file's */
    uint64_t seed;               /* used when have_seed */
    int have_seed;               /* 0: the file's seed */
    unsigned threads;            /* 0: every core */
    orb_uncertainty uncertainty; /* default ORB_UNC_SHOCKS */
    const orb_params *params;    /* NULL: the defaults (each side's scenario overrides on top) */
} orb_claims_opts;

orb_claims_opts orb_claims_opts_default(void);

/* What a claim's outcome comes to: z = mean / se against z_crit, the
 * two-sided 5% point for the ntests outcomes judged together (Bonferroni:
 * alpha = 0.05 / ntests; 1.96 for one). */
typedef enum orb_verdict {
    ORB_VERDICT_UNTESTABLE = 0,
    ORB_VERDICT_SUPPORTED = 1,    /* the mean effect has the claimed sign, |z| >= z_crit */
    ORB_VERDICT_CONTRADICTED = 2, /* the opposite sign, |z| >= z_crit */
    ORB_VERDICT_INDISTINCT = 3    /* not distinguishable from zero at this ensemble size */
} orb_verdict;

const char *orb_verdict_name(orb_verdict v);

typedef struct orb_claim_stats {
    size_t runs, nonzero;    /* runs, and runs where the effect is not 0 */
    double mean, sd, se;     /* of the effect over the runs; se = sd / sqrt(runs) */
    double median, q05, q95; /* type-7 quantiles */
    double p_dir, p_dir_se;  /* share of runs with the effect in the claimed direction */
    double z;                /* mean / se (0 when se is 0 and the mean 0; +-INFINITY when se is 0
                                and the mean not) */
    double z_crit;           /* the threshold (orb_verdict) */
    orb_verdict verdict;
    double runs_needed;    /* INDISTINCT: runs for 80% power at z_crit if the mean were the truth
                              (INFINITY: no run differs, or the mean is 0); else 0 */
    double mean_a, mean_b; /* each side's mean outcome (orb_claim_run; mean_b NaN without a
                              contrast) */
} orb_claim_stats;

/* The statistics of n effects d (any order; not modified) for a claim of
 * direction dir (+1 or -1), one of ntests outcomes judged together (>= 1). */
void orb_claim_stats_of(const double *d, size_t n, int dir, size_t ntests, orb_claim_stats *out);

typedef struct orb_claim_result {
    size_t claim, runs, noutcomes;
    uint64_t seed;
    double *a, *b;  /* [noutcomes * runs]: each side's outcome (b NaN without contrast) */
    double *effect; /* [noutcomes * runs]: B - A, or the outcome itself */
    orb_claim_stats stats[ORB_CLAIM_MAX_OUTCOMES];
} orb_claim_result;

/*
 * Run claim k: each side's ensemble (the same seed and runs) and the
 * statistics of each outcome, judged as one of all the set's testable
 * outcomes (so a verdict does not depend on which claims run). panel may be NULL when the scenarios
 * start in the tables' base year. ORB_EINVAL for an untestable claim or bad options; those of
 * orb_world_new, orb_sim_new and orb_ensemble_run.
 */
orb_status orb_claim_run(const orb_claimset *set, size_t k, const orb_tables *tables,
                         const orb_panel *panel, const orb_claims_opts *opts, orb_claim_result *out,
                         orb_error *err);
void orb_claim_result_free(orb_claim_result *r);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_CLAIMS_H */
