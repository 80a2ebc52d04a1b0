/*
 * test_evaluate.c - the evaluation's scores and baselines on known answers
 * (CRPS of a two-member and of a normal-quantile ensemble, AUC and average
 * precision with ties, the trend and drift forecasts), and orb_evaluate on
 * the raw data: the persistence score recomputed from the worlds, the dyad
 * years counted, determinism, and its error paths.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>

#include "orb_int.h"
#include "stats_int.h"
#include "../testutil.h"

static void test_crps(void)
{
    double two[2] = {1, 0}, three[3] = {2, 0, 1}, one[1] = {3}, *q;
    const size_t n = 4000;
    size_t k;
    double c;

    CHECK(fabs(orb_crps_ensemble(two, 2, 0)) < 1e-15, "fair CRPS of {0, 1} at 0 is 0");
    CHECK(fabs(orb_crps_ensemble(three, 3, 0) - 1.0 / 3) < 1e-15,
          "fair CRPS of {0, 1, 2} at 0: 1 - 4/6 = 1/3");
    CHECK(fabs(orb_crps_ensemble(one, 1, 1) - 2) < 1e-15, "CRPS of one member is |x - y|");
    q = malloc(n * sizeof *q);
    if (q == NULL) return;
    for (k = 0; k < n; k++) /* N(0, 1) by its quantiles */
        q[k] = gsl_cdf_ugaussian_Pinv(((double)k + 0.5) / (double)n);
    c = orb_crps_ensemble(q, n, 0);
    /* closed form at z = 0: 2 phi(0) - 1 / sqrt(pi) */
    CHECK(fabs(c - (2 / sqrt(2 * M_PI) - 1 / sqrt(M_PI))) < 1e-3,
          "CRPS of a normal-quantile ensemble is the normal's closed form (1e-3)");
    free(q);
}

static void test_auc(void)
{
    const double p[4] = {0.9, 0.8, 0.7, 0.6}, tie[4] = {0.5, 0.5, 0.5, 0.5};
    const unsigned char y[4] = {1, 0, 1, 0}, none[4] = {0, 0, 0, 0};
    size_t idx[4];

    CHECK(fabs(orb_auc(p, y, 4, idx) - 0.75) < 1e-15 && idx[0] == 0 && idx[3] == 3,
          "AUC: 3 of 4 positive-negative pairs ordered");
    CHECK(fabs(orb_average_precision(p, y, 4, NULL) - (1 + 2.0 / 3) / 2) < 1e-15,
          "average precision: (1 + 2/3) / 2");
    CHECK(fabs(orb_auc(tie, y, 4, NULL) - 0.5) < 1e-15 &&
              fabs(orb_average_precision(tie, y, 4, NULL) - 0.5) < 1e-15,
          "all scores tied: AUC 1/2, precision the base rate");
    CHECK(isnan(orb_auc(p, none, 4, NULL)) && isnan(orb_average_precision(p, none, 4, NULL)),
          "no positive: NaN");
}

static void test_baselines(void)
{
    double line[8], geo[8], down[8];
    int k;

    for (k = 0; k < 8; k++) {
        line[k] = 1 + k;
        geo[k] = pow(2, k);
        down[k] = 8 - k;
    }
    CHECK(fabs(orbi_trend_forecast(line, 8, 2) - 10) < 1e-12, "trend: a line goes on");
    CHECK(fabs(orbi_drift_forecast(geo, 8, 3) - pow(2, 10)) < 1e-9,
          "drift: a constant log growth goes on");
    CHECK(orbi_trend_forecast(down, 8, 20) == 1e-12, "trend below zero: floored");
    CHECK(fabs(orbi_drift_forecast(down, 8, 0) - 1) < 1e-15, "drift at h = 0 is the last value");
}

/* Persistence's MAE at one horizon, from the worlds alone. */
static double persistence_mae(const orb_tables *t, const orb_panel *p, int o, int h, int gdp)
{
    orb_world *a = NULL, *b = NULL;
    double ca[400], cb[400], x[400], y[400], sx = 0, sy = 0, mae = 0;
    size_t k, n = 0;
    orb_error e;

    if (orb_world_new(t, p, o, &a, &e) != ORB_OK || orb_world_new(t, p, o + h, &b, &e) != ORB_OK ||
        orb_world_nstates(a) > 400 || orb_world_nstates(b) > 400 ||
        orb_world_power(a, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, ca) != ORB_OK ||
        orb_world_power(b, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, cb) != ORB_OK) {
        orb_world_free(a);
        orb_world_free(b);
        return NAN;
    }
    for (k = 0; k < orb_world_nstates(a); k++) {
        const orb_state *s = orb_world_state(a, k);
        size_t j = orb_world_index(b, s->ccode);
        if (j == (size_t)-1 || !(ca[k] > 0) || !(s->gdp_ppp > 0) || !(cb[j] > 0) ||
            !(orb_world_state(b, j)->gdp_ppp > 0))
            continue;
        x[n] = gdp ? s->gdp_ppp : ca[k];
        y[n] = gdp ? orb_world_state(b, j)->gdp_ppp : cb[j];
        sx += x[n];
        sy += y[n];
        n++;
    }
    for (k = 0; k < n; k++)
        mae += fabs(x[k] / sx - y[k] / sy) / (double)n;
    orb_world_free(a);
    orb_world_free(b);
    return mae;
}

static void test_evaluate(const orb_tables *t, const orb_panel *p)
{
    orb_evaluate_opts o = orb_evaluate_opts_default();
    orb_evaluation *a = NULL, *b = NULL;
    orb_error e;
    int ok = 1, h, m;
    size_t k;

    o.first_origin = 2002;
    o.last_origin = 2005;
    o.runs = 4;
    o.in_sample = 1;
    CHECK(orb_evaluate(t, p, &o, &a, &e) == ORB_OK && a != NULL && a->norigins == 2,
          "two origins, in sample");
    if (a == NULL) {
        printf("info: %s\n", e.msg);
        return;
    }
    for (k = 0; k < a->norigins; k++)
        for (m = 0; m < ORB_BT_NSHARES; m++)
            for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
                const orb_eval_share *x = &a->origin[k].share[m][h];
                double want = persistence_mae(t, p, a->origin[k].origin, a->horizon[h], m);
                if (x->nstates < 150 || fabs(x->mae[ORB_EVAL_PERSISTENCE] - want) > 1e-15 ||
                    !(x->mae[ORB_EVAL_MODEL] > 0) || !(x->crps > 0) || !isfinite(x->crps) ||
                    x->cover50 > x->cover90 || x->cover90 > 1)
                    ok = 0;
            }
    CHECK(ok,
          "persistence's MAE equals the worlds' (1e-15); CRPS positive; coverage 50% <= 90% <= 1");
    {
        const orb_eval_disputes *d1 = &a->origin[0].disputes[0], *d5 = &a->origin[0].disputes[1];
        const orb_eval_disputes *late = &a->origin[1].disputes[3];
        size_t n0 = 0, pairs;
        orb_world *w = NULL;
        if (orb_world_new(t, p, 2002, &w, &e) == ORB_OK) n0 = orb_world_nstates(w);
        orb_world_free(w);
        pairs = n0 * (n0 - 1) / 2;
        printf("info: 2002: h=1 %zu dyad-years, %zu onsets, AUC model %.4f, static %.4f, "
               "peace %.4f\n",
               d1->dyad_years, d1->onsets, d1->auc[0], d1->auc[1], d1->auc[2]);
        CHECK(fabs(d1->auc[ORB_EVAL_D_MODEL] - d1->auc[ORB_EVAL_D_STATIC]) < 0.005 &&
                  fabs(d1->brier[ORB_EVAL_D_MODEL] - d1->brier[ORB_EVAL_D_STATIC]) < 1e-5,
              "the first year: the runs' probability is the static logit's (but for pairs at war)");
        CHECK(d1->dyad_years == pairs && d5->dyad_years == 5 * pairs && d1->onsets > 10 &&
                  d5->onsets > d1->onsets,
              "the windows hold every pair of the origin's states, year by year");
        CHECK(late->dyad_years == 9 * (size_t)(a->origin[1].disputes[0].dyad_years),
              "2005 + 16 ends with the record in 2014: 9 years");
        CHECK(d1->auc[0] > 0.5 && d1->auc[0] <= 1 && d1->brier[0] > 0 && d1->brier[0] < 0.01,
              "the model's dispute scores are in range");
    }
    CHECK(orb_evaluate(t, p, &o, &b, &e) == ORB_OK && b != NULL &&
              memcmp(a->origin, b->origin, a->norigins * sizeof *a->origin) == 0 &&
              memcmp(a->summary, b->summary, sizeof a->summary) == 0,
          "the same options give identical scores");
    orb_evaluation_free(b);
    b = NULL;
    { /* parameter uncertainty: the runs differ, the baselines do not, and it repeats */
        orb_evaluation *c = NULL;
        o.uncertainty = ORB_UNC_ALL;
        CHECK(orb_evaluate(t, p, &o, &b, &e) == ORB_OK &&
                  orb_evaluate(t, p, &o, &c, &e) == ORB_OK &&
                  memcmp(b->origin, c->origin, b->norigins * sizeof *b->origin) == 0,
              "--uncertainty all: the same options give identical scores");
        if (b != NULL) {
            const orb_eval_share *x = &a->origin[0].share[ORB_BT_GDP][2],
                                 *y = &b->origin[0].share[ORB_BT_GDP][2];
            CHECK(x->mae[ORB_EVAL_MODEL] != y->mae[ORB_EVAL_MODEL] &&
                      x->mae[ORB_EVAL_DRIFT] == y->mae[ORB_EVAL_DRIFT] &&
                      x->mae[ORB_EVAL_PERSISTENCE] == y->mae[ORB_EVAL_PERSISTENCE],
                  "--uncertainty all: the model's forecast changes, the baselines' do not");
        }
        orb_evaluation_free(c);
        o.uncertainty = (orb_uncertainty)7;
        CHECK(orb_evaluate(t, p, &o, &c, &e) == ORB_EINVAL && c == NULL,
              "an unknown uncertainty: refused");
    }
    orb_evaluation_free(a);
    orb_evaluation_free(b);
    o = orb_evaluate_opts_default();
    o.runs = 1;
    CHECK(orb_evaluate(t, p, &o, &a, &e) == ORB_EINVAL && a == NULL, "one run: refused");
    o = orb_evaluate_opts_default();
    o.first_origin = 1820;
    CHECK(orb_evaluate(t, p, &o, &a, &e) == ORB_ERANGE, "an origin before the data: refused");
    o = orb_evaluate_opts_default();
    CHECK(orb_evaluate(t, p, &o, &a, &e) == ORB_EINVAL && strstr(e.msg, "raw data") != NULL,
          "re-estimation without the raw data's folder: refused");
    o.data_dir = tu_data();
    o.first_origin = o.last_origin = 1972;
    CHECK(orb_evaluate(t, p, &o, &a, &e) != ORB_OK && strstr(e.msg, "origin 1972") != NULL,
          "an origin the data cannot re-estimate: the error names it");
    printf("info: %s\n", e.msg);
}

int main(void)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    const char *raw = tu_data();
    orb_error e;

    test_crps();
    test_auc();
    test_baselines();
    if (raw == NULL) {
        SKIP("orb_evaluate on the raw data");
        return tu_done();
    }
    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &t, &e) != ORB_OK ||
        orb_panel_load(raw, t, &p, &e) != ORB_OK) {
        CHECK(0, e.msg);
    } else {
        test_evaluate(t, p);
    }
    orb_panel_free(p);
    orb_tables_free(t);
    return tu_done();
}
