/*
 * evaluate.h - forecasts scored out of sample at rolling origins against the
 * strongest simple baselines (docs/model.md, "Evaluation").
 *
 * At every origin (first_origin, first_origin + step, ... last_origin) the
 * estimates are re-made on data that end the year before (orb_calibrate with
 * last_year = origin - 1; the states' long-run ideal points too), the world
 * of the origin is run `runs` times, and at each horizon (1, 5, 10 and 16
 * years) the shares of CINC and real GDP of the states present at the origin
 * and at the target year (renormalised over them) are scored against:
 *
 *   persistence   the origin's shares;
 *   trend         a least-squares line in the shares over the fit_years
 *                 years to the origin, extrapolated (floored at 1e-12);
 *   drift         a random walk with drift in log shares: ln s_o + h d, d the
 *                 mean yearly change of ln s over the fit_years years.
 *
 * (A state without fit_years years of positive shares keeps its origin share
 * in the trend and drift baselines.) Scores: the mean absolute error of the
 * shares and the mean absolute log-share error (the model's point forecast:
 * the median of its runs, renormalised over the states scored), the model's
 * CRPS (the runs as its predictive distribution, the fair estimator: spread
 * over n (n - 1); a baseline's CRPS is its MAE), and the share of states whose outcome lies in the
 * runs' central 50% and 90% bands (orb_quantile). The scored states are those present at the origin
 * and at the target year: a state that left the system has no outcome.
 *
 * Disputes: every pair of the origin's states both in the system that year,
 * in every year from origin + 1 to origin + h (to the last year of COW MID):
 * the model's probability of an onset (the mean over the runs of the onset
 * logit on the simulated state of the year before; 0 in a run where the pair
 * is at war or a state has no capability, as the conflict phase has it)
 * against the static logit (the same onset logit on the origin's state, peace
 * years counting on) and a logit on peace years alone (t, t^2/100, t^3/1000)
 * fitted on the dyad-years of the 24 years before the origin, whose peace
 * years also count on from the origin (no later record). Scores: AUC, PR-AUC
 * (average precision) and Brier.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_EVALUATE_H
#define ORBIS_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/backtest.h"
#include "orbis/data.h"
#include "orbis/ensemble.h"
#include "orbis/params.h"
#include "orbis/scenario.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORB_EVAL_NHORIZONS 4 /* 1, 5, 10, 16 years */
#define ORB_EVAL_MAXH      16
#define ORB_EVAL_FIT_YEARS 8
#define ORB_EVAL_MID_YEARS 24 /* the peace-years logit's sample: years before the origin */

/* The forecasts scored: the model and three baselines. */
enum { ORB_EVAL_MODEL, ORB_EVAL_PERSISTENCE, ORB_EVAL_TREND, ORB_EVAL_DRIFT, ORB_EVAL_NF };

typedef struct orb_evaluate_opts {
    int first_origin, last_origin, step; /* default 1975, 2005, 3 */
    int fit_years;                       /* the baselines' window; default 8 */
    size_t runs;                         /* ensemble size; default 20 */
    uint64_t seed;                       /* master seed; default 1 */
    orb_regime regime;                   /* default historical */
    int in_sample;                       /* 1: keep the parameters (no re-estimation); default 0 */
    const char *data_dir;                /* the raw data (ORBIS_DATA), for the re-estimation */
    const orb_params *params;            /* the starting parameters; NULL = the defaults */
    orb_uncertainty uncertainty;         /* default ORB_UNC_SHOCKS; params/all: each run draws its
                                            parameters around the origin's (orb_params_draw, with the
                                            spreads of the full-sample calibration) */
} orb_evaluate_opts;

orb_evaluate_opts orb_evaluate_opts_default(void);

/* One origin, horizon and share measure (nstates 0: past the data). */
typedef struct orb_eval_share {
    size_t nstates;
    double mae[ORB_EVAL_NF];    /* mean absolute error of the shares */
    double logerr[ORB_EVAL_NF]; /* mean |ln forecast - ln outcome| */
    double crps;                /* the model's; a baseline's is its MAE */
    double cover50, cover90;    /* outcomes in the runs' central 50% / 90% bands */
} orb_eval_share;

/* The dispute forecasts scored: the model (its runs), the static logit (the
 * model's own onset logit frozen at the origin, peace years counting on: what
 * the simulation adds), and the peace-years logit. */
enum { ORB_EVAL_D_MODEL, ORB_EVAL_D_STATIC, ORB_EVAL_D_PEACE, ORB_EVAL_ND };

/* Disputes over the years origin + 1 .. origin + h, cut at the record's end
 * (years: how many were scored); dyad_years 0: no record. */
typedef struct orb_eval_disputes {
    int years;
    size_t dyad_years, onsets;
    double auc[ORB_EVAL_ND], prauc[ORB_EVAL_ND], brier[ORB_EVAL_ND];
} orb_eval_disputes;

typedef struct orb_eval_origin {
    int origin;
    orb_eval_share share[ORB_BT_NSHARES][ORB_EVAL_NHORIZONS];
    orb_eval_disputes disputes[ORB_EVAL_NHORIZONS];
} orb_eval_origin;

/* Over the origins scored at a horizon: how often the model's MAE is below
 * each forecast's (beats[ORB_EVAL_MODEL] unused), the mean of each score,
 * coverage pooled over the states of every origin. */
typedef struct orb_eval_summary {
    size_t origins;
    size_t beats[ORB_EVAL_NF];
    double mae[ORB_EVAL_NF], logerr[ORB_EVAL_NF], crps;
    double cover50, cover90;
} orb_eval_summary;

typedef struct orb_eval_dsummary {
    size_t origins;
    size_t beats_auc[ORB_EVAL_ND], beats_brier[ORB_EVAL_ND]; /* the model the better ([0] unused) */
    double auc[ORB_EVAL_ND], prauc[ORB_EVAL_ND], brier[ORB_EVAL_ND]; /* means over the origins */
} orb_eval_dsummary;

typedef struct orb_evaluation {
    orb_evaluate_opts opts;
    int horizon[ORB_EVAL_NHORIZONS];
    size_t norigins;
    orb_eval_origin *origin; /* [norigins] */
    orb_eval_summary summary[ORB_BT_NSHARES][ORB_EVAL_NHORIZONS];
    orb_eval_dsummary dsummary[ORB_EVAL_NHORIZONS];
} orb_evaluation;

/*
 * Evaluate. Errors: ORB_EINVAL (origins, runs, fit_years, no data_dir for
 * the re-estimation), ORB_ERANGE (an origin whose estimation samples the
 * data cannot fill: the dyadic windows need UNGA ideal points from 1946),
 * those of orb_calibrate, ORB_ENOMEM.
 */
orb_status orb_evaluate(const orb_tables *tables, const orb_panel *panel,
                        const orb_evaluate_opts *opts, orb_evaluation **out, orb_error *err);
void orb_evaluation_free(orb_evaluation *e);

/* The fair CRPS of an ensemble x[0..n) (sorted in place) for the outcome y
 * (Ferro 2014): mean |x - y| - sum_{i<j} |x_i - x_j| / (n (n - 1)); |x - y|
 * for one member. */
double orb_crps_ensemble(double *x, size_t n, double y);

/* Area under the ROC curve of scores p for outcomes y (ties count half) and
 * the average precision; NaN when y has no positive or no negative. idx is
 * work space [n]. */
double orb_auc(const double *p, const unsigned char *y, size_t n, size_t *idx);
double orb_average_precision(const double *p, const unsigned char *y, size_t n, size_t *idx);

#ifdef __cplusplus
}
#endif

#endif /* ORBIS_EVALUATE_H */
