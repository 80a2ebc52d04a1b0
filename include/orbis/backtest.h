/*
 * backtest.h - start from a past year's data, run to a later year, and
 * compare with what happened: shares of CINC and real GDP against
 * persistence, dispute onsets against COW MID, Council drafts and vetoes
 * against the record (docs/model.md, "Backtests").
 *
 *   orb_backtest_opts o = orb_backtest_opts_default();
 *   orb_backtest *b;
 *   orb_backtest_run(tables, panel, &o, &b, &err);   ... read b ...
 *   orb_backtest_free(b);
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_BACKTEST_H
#define ORBIS_BACKTEST_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/data.h"
#include "orbis/params.h"
#include "orbis/scenario.h"
#include "orbis/status.h"
#include "orbis/unsc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct orb_backtest_opts {
    int from, to;             /* start and end years; default 2000, 2016 */
    size_t runs;              /* ensemble size; default 100 */
    uint64_t seed;            /* master seed; default 1 */
    orb_regime regime;        /* order regime; default historical */
    int out_of_sample;        /* 1: re-estimate the parameters on data that end in from - 1 */
    const char *data_dir;     /* the raw data (ORBIS_DATA), for out_of_sample */
    const orb_params *params; /* the parameters (out_of_sample: those re-estimated replace
                                 them); NULL = the defaults */
} orb_backtest_opts;

orb_backtest_opts orb_backtest_opts_default(void);

/* One year of the backtest (quantiles over the runs: orb_quantile). */
typedef struct orb_backtest_year {
    int year;
    double disputes_p10, disputes_median, disputes_p90; /* onsets (dyads), the model */
    double disputes_record;                             /* COW MID onsets; NaN after the data */
    double drafts_median;                               /* Council drafts, the model */
    double vetoed_median;                               /* drafts vetoed, the model */
    double vetoed_record;                               /* vetoed drafts on record */
} orb_backtest_year;

/* The most sanctioned targets the backtest lists. */
#define ORB_BT_TOP 10

/* The two share measures scored. */
enum { ORB_BT_CINC = 0, ORB_BT_GDP = 1, ORB_BT_NSHARES = 2 };

typedef struct orb_backtest {
    orb_backtest_opts opts;
    size_t nstates; /* states in both years with CINC and real GDP */
    /* mean absolute error of the shares (renormalised over those states) */
    double mae_expected[ORB_BT_NSHARES];    /* one run without random shocks */
    double mae_ensemble[ORB_BT_NSHARES];    /* the mean forecast of the runs */
    double mae_run[ORB_BT_NSHARES];         /* the average error of a single run */
    double mae_persistence[ORB_BT_NSHARES]; /* the start year's shares */
    size_t nyears;                          /* to - from */
    orb_backtest_year *year;                /* [nyears]: from + 1 .. to */
    /* disputes over the years with a record */
    size_t disputes_years;
    double disputes_mean_model, disputes_mean_record; /* the model's median, the record */
    double disputes_mae_model;                        /* |median - record|, mean */
    double disputes_mae_flat; /* a flat line at the record's own mean (hindsight) */
    double disputes_mae_last; /* last year's record (known before the year) */
    size_t disputes_in_band;  /* years whose record lies in the model's 10-90% band */
    /* the Council */
    double vetoed_mean_model, drafts_mean_model, vetoed_mean_record;
    size_t np5;
    int p5_ccode[ORB_UNSC_PERMANENT];         /* the permanent members of the start year */
    char p5_abb[ORB_UNSC_PERMANENT][8];       /* ... their abbreviations */
    double vetoes_model[ORB_UNSC_PERMANENT];  /* vetoes cast, mean per run */
    double vetoes_record[ORB_UNSC_PERMANENT]; /* vetoes cast on record */
    /* sanctions begun from + 1 .. to: the model's (unilateral and Council,
     * from the runs' action logs) against GSDB's state-sender cases
     * (data/sanctions.csv: one per sender and target) */
    double sanctions_model, sanctions_record; /* new sender-target pairs a year */
    double us_share_model, us_share_record;   /* the United States' share of them */
    /* every GSDB case (organisations' included: the universe the model's rate
     * is set to; data/sanction_cases.csv) a year, and the share with the US
     * among the senders */
    double cases_all_record, us_share_all_record;
    int top_model[ORB_BT_TOP], top_record[ORB_BT_TOP]; /* the most sanctioned targets (COW) */
    double top_model_n[ORB_BT_TOP], top_record_n[ORB_BT_TOP];         /* their sanctions a year */
    char top_model_abb[ORB_BT_TOP][8], top_record_abb[ORB_BT_TOP][8]; /* their abbreviations */
    size_t top_overlap;                                               /* targets in both lists */
    /* wars begun from + 1 .. to: dyads a year, the model's mean per run against
     * UCDP/PRIO's interstate war-intensity onsets (data/wars.csv: a pair at war
     * in a year and not the year before); the share of the model's uses of
     * force taken in breach of the ban (no Council authorisation) */
    double wars_model, wars_record, force_breach_share;
} orb_backtest;

/*
 * Run a backtest: the start year's world from the panel, one shared world
 * (orb_sim) for the ensemble and one for the expected path; runs i = 0 ..
 * runs - 1 draw from the Philox stream (seed, i). Errors: ORB_EINVAL (years,
 * runs), ORB_ERANGE, those of orb_calibrate (out_of_sample), ORB_ENOMEM.
 */
orb_status orb_backtest_run(const orb_tables *tables, const orb_panel *panel,
                            const orb_backtest_opts *opts, orb_backtest **out, orb_error *err);
void orb_backtest_free(orb_backtest *b);

/*
 * Relations against the record: start from the data of opts->from, run to
 * opts->to (opts->runs runs, opts->seed, opts->regime, opts->params), and
 * compare the pairs' affinity at the end with the affinity of the end
 * year's UNGA ideal points, over the pairs of states present in both years
 * with ideal points in both. For the model (the mean over the runs) and
 * for persistence (the start year's affinities): the spread (standard
 * deviation across pairs), the hostile pairs (affinity < -0.5), the pairs
 * with negative affinity and the Spearman correlation of the pairs with the
 * record. Affinity's scale is each year's range of ideal points, in the
 * record and in the model (docs/model.md 5b); the record's end-year affinity
 * is also given on the start year's range, and the ranges themselves (the
 * model's: the mean over the runs). With opts->out_of_sample the estimates
 * and the states' long-run ideal points are re-made on data that end the
 * year before the start (opts->data_dir).
 */
typedef struct orb_relations_check {
    size_t pairs, runs;
    double spread_observed, spread_model, spread_persistence;
    double hostile_observed, hostile_model, hostile_persistence;    /* pairs; model: mean a run */
    double spearman_model, spearman_persistence;                    /* model: mean over the runs */
    double spread_model_min, spread_model_max;                      /* across the runs */
    double negative_observed, negative_model, negative_persistence; /* pairs below 0 */
    double spread_observed_start, hostile_observed_start, negative_observed_start; /* start scale */
    double
        spearman_mean; /* the Spearman correlation of the runs' mean affinity (a point forecast) */
    double range_observed, range_start, range_model; /* max - min of the ideal points */
    /* A single year's count is volatile: the runs' 5% and 95% quantiles, and the
     * record's counts in every year from..to (the same pairs, each year's range). */
    double hostile_model_p5, hostile_model_p95, negative_model_p5, negative_model_p95;
    double hostile_record_min, hostile_record_mean, hostile_record_max;
    double negative_record_min, negative_record_mean, negative_record_max;
    int hostile_record_min_year, hostile_record_max_year;
} orb_relations_check;

orb_status orb_backtest_relations(const orb_tables *tables, const orb_panel *panel,
                                  const orb_backtest_opts *opts, orb_relations_check *out,
                                  orb_error *err);

/*
 * Population against the record and an outside projection: one run of the
 * world of ORB_LAST_YEAR (population has no random term) to ORB_POP_CHECK_END,
 * each state's population one and two years on against the World Bank's
 * (economy_worldbank/population.csv, which runs past the panel), and at the
 * end against UN World Population Prospects 2022's medium variant and 80%
 * interval (population_wpp/wpp2022_popproj.csv) — an outside check, never
 * fitted. The baseline holds each state's start-year growth (the growth the
 * model starts from) constant. rows: every state of the start year, largest
 * first; NaN where a source has no value. data_dir: the raw data folder.
 */
#define ORB_POP_CHECK_END 2050
typedef struct orb_pop_row {
    int ccode;
    char abb[8];
    double pop0;                      /* the start year (data) */
    double model1, wb1;               /* start + 1: the model, the World Bank */
    double model2, wb2;               /* start + 2 */
    double model_end;                 /* ORB_POP_CHECK_END: the model */
    double wpp, wpp_lo80, wpp_hi80;   /* ... WPP 2022: median and 80% interval */
    double naive1, naive2, naive_end; /* the baseline: the start year's growth held */
} orb_pop_row;

typedef struct orb_population_check {
    int start, end;
    size_t nrows;
    orb_pop_row *rows;
    double world_model_end, world_wpp_end; /* persons */
} orb_population_check;

orb_status orb_backtest_population(const orb_tables *tables, const orb_panel *panel,
                                   const char *data_dir, const orb_params *params,
                                   orb_population_check *out, orb_error *err);
void orb_population_check_free(orb_population_check *c);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_BACKTEST_H */
