/*
 * backtest.c - the backtest (backtest.h): a past year's world run forward
 * and scored against what happened and against persistence.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "calib_int.h"
#include "csv_int.h"
#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "orbis/backtest.h"
#include "run_int.h"
#include "orbis/calibrate.h"
#include "orbis/run.h"
#include "orbis/stats.h"

orb_backtest_opts orb_backtest_opts_default(void)
{
    orb_backtest_opts o;

    memset(&o, 0, sizeof o);
    o.from = 2000;
    o.to = 2016;
    o.runs = 100;
    o.seed = 1;
    o.regime = ORB_REGIME_HISTORICAL;
    return o;
}

void orb_backtest_free(orb_backtest *b)
{
    if (b == NULL) return;
    free(b->year);
    free(b);
}

/* Renormalise v to sum to one. */
static void renorm(double *v, size_t n)
{
    double s = 0;
    size_t k;

    for (k = 0; k < n; k++)
        s += v[k];
    for (k = 0; k < n; k++)
        v[k] /= s;
}

static double mae(const double *a, const double *b, size_t n)
{
    double s = 0;
    size_t k;

    for (k = 0; k < n; k++)
        s += fabs(a[k] - b[k]);
    return s / (double)n;
}

/* Work space of a backtest. */
typedef struct bt {
    orb_world *w0, *w1;
    orb_scenario *scn;
    orb_sim *sim, *expected;
    size_t nc, *idx;
    double *act[ORB_BT_NSHARES], *per[ORB_BT_NSHARES], *now[ORB_BT_NSHARES], *acc[ORB_BT_NSHARES];
    double *cinc0, *cinc1;
    double *mids, *vet, *drafts, *col; /* [runs * years], [runs] */
    double sanc_by[ORBI_MAX_CCODE];    /* sanctions begun on each target, all runs */
    double sanc_all, sanc_us;          /* ... in all, and by the United States */
    double wars, force, breach;        /* wars begun, uses of force, in breach: all runs */
} bt;

static void bt_free(bt *x)
{
    int m;

    orb_sim_free(x->sim);
    orb_sim_free(x->expected);
    orb_scenario_free(x->scn);
    orb_world_free(x->w0);
    orb_world_free(x->w1);
    for (m = 0; m < ORB_BT_NSHARES; m++) {
        free(x->act[m]);
        free(x->per[m]);
        free(x->now[m]);
        free(x->acc[m]);
    }
    free(x->idx);
    free(x->cinc0);
    free(x->cinc1);
    free(x->mids);
    free(x->vet);
    free(x->drafts);
    free(x->col);
}

/* The states in both years with CINC and real GDP, their actual and
 * persistence shares. */
static orb_status common_states(bt *x, orb_error *err)
{
    size_t n0 = orb_world_nstates(x->w0), k;
    int m;

    x->idx = calloc(n0 + 1, sizeof *x->idx);
    x->cinc0 = calloc(n0 + 1, sizeof *x->cinc0);
    x->cinc1 = calloc(orb_world_nstates(x->w1) + 1, sizeof *x->cinc1);
    for (m = 0; m < ORB_BT_NSHARES; m++) {
        x->act[m] = calloc(n0 + 1, sizeof **x->act);
        x->per[m] = calloc(n0 + 1, sizeof **x->per);
        x->now[m] = calloc(n0 + 1, sizeof **x->now);
        x->acc[m] = calloc(n0 + 1, sizeof **x->acc);
        if (!x->act[m] || !x->per[m] || !x->now[m] || !x->acc[m])
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    if (!x->idx || !x->cinc0 || !x->cinc1) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    ORB_TRY(orb_world_power(x->w0, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, x->cinc0));
    ORB_TRY(orb_world_power(x->w1, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, x->cinc1));
    x->nc = 0;
    for (k = 0; k < n0; k++) {
        const orb_state *s0 = orb_world_state(x->w0, k);
        size_t j = orb_world_index(x->w1, s0->ccode);
        if (j == (size_t)-1 || isnan(x->cinc0[k]) || isnan(x->cinc1[j]) ||
            !(orb_world_state(x->w1, j)->gdp_ppp > 0))
            continue;
        x->idx[x->nc] = k;
        x->act[ORB_BT_CINC][x->nc] = x->cinc1[j];
        x->act[ORB_BT_GDP][x->nc] = orb_world_state(x->w1, j)->gdp_ppp;
        x->per[ORB_BT_CINC][x->nc] = x->cinc0[k];
        x->per[ORB_BT_GDP][x->nc] = s0->gdp_ppp;
        x->nc++;
    }
    if (x->nc == 0) ORB_FAIL(err, ORB_ENODATA, "no state has CINC and real GDP in both years");
    for (m = 0; m < ORB_BT_NSHARES; m++) {
        renorm(x->act[m], x->nc);
        renorm(x->per[m], x->nc);
    }
    return ORB_OK;
}

/* One run to the end: the shares of the common states, renormalised; the
 * yearly counts when counts is set (run index i). */
static orb_status one_run(bt *x, orb_backtest *b, const orb_sim *s, size_t i, int counts,
                          orb_error *err)
{
    orb_run_opts o = orb_run_opts_default();
    const size_t ny = b->nyears;
    orb_run *r = NULL;
    size_t k;
    int m;

    o.seed = b->opts.seed;
    o.run_index = i;
    ORB_TRY(orb_sim_run(s, &o, &r, err));
    while (orb_run_step(r) == ORB_OK) {
        const orb_metrics *mm = orb_run_metrics(r);
        size_t at = i * ny + (size_t)(orb_run_year(r) - b->opts.from - 1), q, d = 0;
        if (!counts) continue;
        x->mids[at] = (double)mm->disputes;
        x->wars += (double)mm->wars_begun;
        x->force += (double)mm->taken[ORB_ACT_FORCE];
        x->breach += (double)mm->breached[ORB_ACT_FORCE];
        x->vet[at] = (double)mm->vetoed;
        for (q = 0; q < ORB_NRESOLUTIONS; q++)
            d += mm->resolutions[q];
        x->drafts[at] = (double)d;
        for (q = 0; q < ORB_UNSC_PERMANENT; q++)
            b->vetoes_model[q] += (double)mm->vetoes_by[q] / (double)b->opts.runs;
        {
            size_t na;
            const orb_action_record *log = orb_run_actions(r, &na);
            for (q = 0; q < na; q++) {
                int tc;
                if (log[q].kind != ORB_ACT_SANCTION || !log[q].taken) continue;
                tc = orb_run_ccode(r, log[q].target);
                if (tc > 0 && tc < ORBI_MAX_CCODE) x->sanc_by[tc] += 1;
                x->sanc_all += 1;
                x->sanc_us += orb_run_ccode(r, log[q].actor) == 2;
            }
        }
    }
    {
        orb_status st = orb_run_error(r, err); /* a run that stopped has no end state */
        if (st != ORB_OK) {
            orb_run_free(r);
            return st;
        }
    }
    for (k = 0; k < x->nc; k++) {
        x->now[ORB_BT_CINC][k] = orb_run_share(r, x->idx[k], ORB_MEASURE_CINC);
        x->now[ORB_BT_GDP][k] = orb_run_share(r, x->idx[k], ORB_MEASURE_GDP);
    }
    orb_run_free(r);
    for (m = 0; m < ORB_BT_NSHARES; m++)
        renorm(x->now[m], x->nc);
    return ORB_OK;
}

/* The ORB_BT_TOP largest counts of by[] (ties: the lower code), as codes
 * and counts divided by div. */
static void top_targets(const double *by, double div, int *code, double *cnt)
{
    int k, c;

    for (k = 0; k < ORB_BT_TOP; k++) {
        int best = 0;
        for (c = 1; c < ORBI_MAX_CCODE; c++) {
            int m, taken = 0;
            for (m = 0; m < k; m++)
                if (code[m] == c) taken = 1;
            if (!taken && by[c] > 0 && (best == 0 || by[c] > by[best])) best = c;
        }
        code[k] = best;
        cnt[k] = best ? by[best] / div : 0;
    }
}

/* Sanctions begun from + 1 .. to: the runs' (collected by one_run) against
 * GSDB's state-sender cases. */
static void sanctions_check(const orb_tables *t, const bt *x, orb_backtest *b)
{
    const double years = (double)b->nyears, runs = (double)b->opts.runs;
    double rec[ORBI_MAX_CCODE] = {0}, all = 0, us = 0;
    size_t k, m;

    for (k = 0; k < t->nsanc; k++) {
        const orbi_sancrow *c = &t->sanc[k];
        if (c->begin <= b->opts.from || c->begin > b->opts.to) continue;
        if (c->target > 0 && c->target < ORBI_MAX_CCODE) rec[c->target] += 1;
        all += 1;
        us += c->sender == 2;
    }
    b->sanctions_record = all / years;
    b->us_share_record = all > 0 ? us / all : NAN;
    all = us = 0;
    for (k = 0; k < t->ncases; k++)
        if (t->cases[k].year > b->opts.from && t->cases[k].year <= b->opts.to) {
            all += t->cases[k].cases;
            us += t->cases[k].us_cases;
        }
    b->cases_all_record = all / years;
    b->us_share_all_record = all > 0 ? us / all : NAN;
    b->sanctions_model = x->sanc_all / (years * runs);
    b->us_share_model = x->sanc_all > 0 ? x->sanc_us / x->sanc_all : NAN;
    top_targets(rec, years, b->top_record, b->top_record_n);
    { /* wars begun: UCDP/PRIO war-intensity pairs not at war the year before */
        double on = 0;
        for (k = 0; k < t->nwar; k++) {
            const orbi_warrow *w = &t->war[k];
            int before = 0;
            if (w->intensity != 2 || w->year <= b->opts.from || w->year > b->opts.to) continue;
            for (m = 0; m < t->nwar; m++)
                if (t->war[m].year == w->year - 1 && t->war[m].intensity == 2 &&
                    t->war[m].a == w->a && t->war[m].b == w->b)
                    before = 1;
            on += !before;
        }
        b->wars_record = on / years;
        b->wars_model = x->wars / (years * runs);
        b->force_breach_share = x->force > 0 ? x->breach / x->force : NAN;
    }
    top_targets(x->sanc_by, years * runs, b->top_model, b->top_model_n);
    b->top_overlap = 0;
    for (k = 0; k < ORB_BT_TOP; k++) {
        const orbi_state_info *a = orbi_tables_state(t, b->top_model[k]),
                              *z = orbi_tables_state(t, b->top_record[k]);
        orbi_strlcpy(b->top_model_abb[k], a ? a->abb : "-", sizeof b->top_model_abb[k]);
        orbi_strlcpy(b->top_record_abb[k], z ? z->abb : "-", sizeof b->top_record_abb[k]);
        for (m = 0; m < ORB_BT_TOP; m++)
            if (b->top_model[k] && b->top_model[k] == b->top_record[m]) b->top_overlap++;
    }
}

/* The median (and 10% and 90% quantiles) over the runs of column y of v. */
static double column_quantiles(bt *x, const orb_backtest *b, const double *v, size_t y, double *p10,
                               double *p90)
{
    size_t i;

    for (i = 0; i < b->opts.runs; i++)
        x->col[i] = v[i * b->nyears + y];
    orb_sort(x->col, b->opts.runs);
    if (p10) *p10 = orb_quantile(x->col, b->opts.runs, 0.1);
    if (p90) *p90 = orb_quantile(x->col, b->opts.runs, 0.9);
    return orb_quantile(x->col, b->opts.runs, 0.5);
}

/* The options both backtests check before they read anything. */
static orb_status check_opts(const orb_backtest_opts *o, orb_error *err)
{
    if (o->to <= o->from) ORB_FAIL(err, ORB_EINVAL, "the end year must be after the start");
    if (o->runs == 0) ORB_FAIL(err, ORB_EINVAL, "a backtest needs at least one run");
    if (o->out_of_sample && o->data_dir == NULL)
        ORB_FAIL(err, ORB_EINVAL, "an out-of-sample backtest needs the raw data's folder");
    return ORB_OK;
}

orb_status orbi_estimates_before(const char *data_dir, const orb_tables *t, const orb_panel *p,
                                 int year, orb_world *w0, orb_params *par, orb_error *err)
{
    orb_estimate est[ORB_CALIBRATE_MAX];
    orb_calibrate_opts co = orb_calibrate_opts_default();
    size_t ne = 0;
    int from, to;

    co.last_year = year - 1;
    ORB_TRY(orb_calibrate(data_dir, t, p, &co, est, ORB_CALIBRATE_MAX, &ne, err));
    ORB_TRY(orb_calibrate_apply(est, ne, par, err));
    orbi_ideal_window(co.last_year, &from, &to);
    orbi_world_ideal_means(w0, p, from, to);
    orbi_world_forget_after(w0, year);
    return orbi_world_growth_effects(w0, data_dir, t, &co, err);
}

static orb_status backtest(bt *x, orb_backtest *b, const orb_tables *t, const orb_panel *p,
                           orb_error *err)
{
    const orb_backtest_opts *o = &b->opts;
    const size_t runs = o->runs;
    orb_params base, flat;
    orb_sim_opts so = orb_sim_opts_default();
    size_t i, k, y;
    int m, last;

    if (o->params != NULL)
        base = *o->params;
    else
        orb_params_default(&base);
    ORB_TRY(orb_world_new(t, p, o->from, &x->w0, err));
    if (o->out_of_sample)
        ORB_TRY(orbi_estimates_before(o->data_dir, t, p, o->from, x->w0, &base, err));
    ORB_TRY(orb_world_new(t, p, o->to, &x->w1, err));
    ORB_TRY(orb_scenario_new(NULL, "backtest", o->from, o->to, &x->scn, err));
    ORB_TRY(orb_scenario_set_regime(x->scn, o->regime));
    ORB_TRY(common_states(x, err));
    b->nstates = x->nc;
    b->nyears = (size_t)(o->to - o->from);
    b->year = calloc(b->nyears, sizeof *b->year);
    x->mids = calloc(runs * b->nyears + 1, sizeof *x->mids);
    x->vet = calloc(runs * b->nyears + 1, sizeof *x->vet);
    x->drafts = calloc(runs * b->nyears + 1, sizeof *x->drafts);
    x->col = calloc(runs + 1, sizeof *x->col);
    if (!b->year || !x->mids || !x->vet || !x->drafts || !x->col)
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    /* the start year's permanent members, by COW code (the world's order) */
    for (k = 0; k < orb_world_nstates(x->w0) && b->np5 < ORB_UNSC_PERMANENT; k++) {
        const orb_state *s = orb_world_state(x->w0, k);
        if (!s->p5) continue;
        b->p5_ccode[b->np5] = s->ccode;
        orbi_strlcpy(b->p5_abb[b->np5++], s->abb, sizeof b->p5_abb[0]);
    }
    /* the expected path: no random shocks */
    flat = base;
    ORB_TRY(orb_params_set(&flat, "econ.shocks", 0, err));
    so.params = &flat;
    ORB_TRY(orb_sim_new(x->w0, x->scn, &so, &x->expected, err));
    ORB_TRY(one_run(x, b, x->expected, 0, 0, err));
    for (m = 0; m < ORB_BT_NSHARES; m++)
        b->mae_expected[m] = mae(x->now[m], x->act[m], x->nc);
    /* the ensemble: one shared world, runs 0 .. runs - 1 */
    so.params = &base;
    ORB_TRY(orb_sim_new(x->w0, x->scn, &so, &x->sim, err));
    for (i = 0; i < runs; i++) {
        ORB_TRY(one_run(x, b, x->sim, i, 1, err));
        for (m = 0; m < ORB_BT_NSHARES; m++) {
            b->mae_run[m] += mae(x->now[m], x->act[m], x->nc) / (double)runs;
            for (k = 0; k < x->nc; k++)
                x->acc[m][k] += x->now[m][k] / (double)runs;
        }
    }
    for (m = 0; m < ORB_BT_NSHARES; m++) {
        b->mae_ensemble[m] = mae(x->acc[m], x->act[m], x->nc);
        b->mae_persistence[m] = mae(x->per[m], x->act[m], x->nc);
    }
    /* the years: disputes against COW MID, the Council against the record */
    last = orb_panel_disputes_last_year(p);
    for (y = 0; y < b->nyears; y++) {
        orb_backtest_year *Y = &b->year[y];
        Y->year = o->from + 1 + (int)y;
        Y->disputes_median = column_quantiles(x, b, x->mids, y, &Y->disputes_p10, &Y->disputes_p90);
        Y->disputes_record = Y->year <= last ? (double)orb_panel_disputes(p, Y->year) : NAN;
        Y->vetoed_median = column_quantiles(x, b, x->vet, y, NULL, NULL);
        Y->drafts_median = column_quantiles(x, b, x->drafts, y, NULL, NULL);
        Y->vetoed_record = (double)orb_tables_vetoes(t, Y->year, 0);
        if (!isnan(Y->disputes_record)) {
            b->disputes_mean_model += Y->disputes_median;
            b->disputes_mean_record += Y->disputes_record;
            b->disputes_years++;
        }
        b->vetoed_mean_model += Y->vetoed_median;
        b->drafts_mean_model += Y->drafts_median;
        b->vetoed_mean_record += Y->vetoed_record;
        for (k = 0; k < b->np5; k++)
            b->vetoes_record[k] += (double)orb_tables_vetoes(t, Y->year, b->p5_ccode[k]);
    }
    sanctions_check(t, x, b);
    b->vetoed_mean_model /= (double)b->nyears;
    b->drafts_mean_model /= (double)b->nyears;
    b->vetoed_mean_record /= (double)b->nyears;
    if (b->disputes_years > 0) {
        b->disputes_mean_model /= (double)b->disputes_years;
        b->disputes_mean_record /= (double)b->disputes_years;
        for (y = 0; y < b->nyears; y++) {
            const orb_backtest_year *Y = &b->year[y];
            double prev = (double)orb_panel_disputes(p, Y->year - 1);
            if (isnan(Y->disputes_record)) continue;
            b->disputes_mae_model += fabs(Y->disputes_median - Y->disputes_record);
            b->disputes_mae_flat += fabs(b->disputes_mean_record - Y->disputes_record);
            b->disputes_mae_last += fabs(prev - Y->disputes_record);
            b->disputes_in_band +=
                Y->disputes_record >= Y->disputes_p10 && Y->disputes_record <= Y->disputes_p90;
        }
        b->disputes_mae_model /= (double)b->disputes_years;
        b->disputes_mae_flat /= (double)b->disputes_years;
        b->disputes_mae_last /= (double)b->disputes_years;
    }
    return ORB_OK;
}

orb_status orb_backtest_run(const orb_tables *t, const orb_panel *p, const orb_backtest_opts *opts,
                            orb_backtest **out, orb_error *err)
{
    orb_backtest_opts def = orb_backtest_opts_default();
    orb_backtest *b;
    bt x;
    orb_status st;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_backtest_run: out is NULL");
    *out = NULL;
    if (t == NULL || p == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_backtest_run: the tables and the panel are required");
    if (opts == NULL) opts = &def;
    ORB_TRY(check_opts(opts, err));
    if ((b = calloc(1, sizeof *b)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    b->opts = *opts;
    memset(&x, 0, sizeof x);
    st = backtest(&x, b, t, p, err);
    bt_free(&x);
    if (st != ORB_OK) {
        orb_backtest_free(b);
        return st;
    }
    *out = b;
    return ORB_OK;
}

/* ---- relations -------------------------------------------------------------------- */

static double sd_of(const double *v, size_t n)
{
    double m = 0, s = 0;
    size_t k;

    for (k = 0; k < n; k++)
        m += v[k] / (double)n;
    for (k = 0; k < n; k++)
        s += (v[k] - m) * (v[k] - m);
    return n > 1 ? sqrt(s / (double)(n - 1)) : NAN;
}

/* Pairs whose affinity is below cut. */
static size_t below(const double *v, size_t n, double cut)
{
    size_t k, h = 0;

    for (k = 0; k < n; k++)
        h += v[k] < cut;
    return h;
}

#define HOSTILE (-0.5) /* affinity of a hostile pair: ideal points 3/4 of the range apart */

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v) return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Ranks of v (average ranks for ties) into r; work space w [n]. */
static void ranks_of(const double *v, size_t n, double *r, ranked *w)
{
    size_t k, j;

    for (k = 0; k < n; k++) {
        w[k].v = v[k];
        w[k].i = k;
    }
    qsort(w, n, sizeof *w, cmp_ranked);
    for (k = 0; k < n; k = j) {
        double avg;
        for (j = k + 1; j < n && w[j].v == w[k].v; j++) {
        }
        avg = ((double)k + (double)(j - 1)) / 2.0 + 1.0;
        while (k < j)
            r[w[k++].i] = avg;
        k = j;
    }
}

/* Spearman's rho of a and b: the Pearson correlation of their ranks. */
static double spearman(const double *a, const double *b, size_t n, double *ra, double *rb,
                       ranked *w)
{
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    size_t k;

    ranks_of(a, n, ra, w);
    ranks_of(b, n, rb, w);
    for (k = 0; k < n; k++) {
        ma += ra[k] / (double)n;
        mb += rb[k] / (double)n;
    }
    for (k = 0; k < n; k++) {
        sab += (ra[k] - ma) * (rb[k] - mb);
        saa += (ra[k] - ma) * (ra[k] - ma);
        sbb += (rb[k] - mb) * (rb[k] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : NAN;
}

/* The q quantile (0..1) of v [n], sorted in place (linear interpolation). */
static double quantile_of(double *v, size_t n, double q)
{
    gsl_sort(v, 1, n);
    return gsl_stats_quantile_from_sorted_data(v, 1, n, q);
}

/* The record's hostile and negative pairs in every year from..to: the pairs of
 * pi/pj (indexes into w0), on each year's own range; a pair one of whose states
 * has no ideal point that year is left out of that year's count. */
static orb_status record_counts(const orb_tables *t, const orb_panel *p, const orb_world *w0,
                                const size_t *pi, const size_t *pj, size_t np, int from, int to,
                                orb_relations_check *out, orb_error *err)
{
    int y;
    size_t k;
    orb_status st = ORB_OK;

    out->hostile_record_min = out->negative_record_min = INFINITY;
    out->hostile_record_max = out->negative_record_max = -INFINITY;
    for (y = from; y <= to; y++) {
        orb_world *w = NULL;
        double r, h = 0, ng = 0;
        if ((st = orb_world_new(t, p, y, &w, err)) != ORB_OK) return st;
        r = orbi_world_ideal_range(w);
        for (k = 0; k < np; k++) {
            size_t a = orb_world_index(w, orb_world_state(w0, pi[k])->ccode),
                   b = orb_world_index(w, orb_world_state(w0, pj[k])->ccode);
            double g;
            if (a == (size_t)-1 || b == (size_t)-1) continue;
            g = orbi_affinity(orb_world_state(w, a)->ideal, orb_world_state(w, b)->ideal, r);
            if (isnan(g)) continue;
            h += g < HOSTILE;
            ng += g < 0;
        }
        orb_world_free(w);
        out->hostile_record_mean += h / (double)(to - from + 1);
        out->negative_record_mean += ng / (double)(to - from + 1);
        if (h < out->hostile_record_min) {
            out->hostile_record_min = h;
            out->hostile_record_min_year = y;
        }
        if (h > out->hostile_record_max) {
            out->hostile_record_max = h;
            out->hostile_record_max_year = y;
        }
        if (ng < out->negative_record_min) out->negative_record_min = ng;
        if (ng > out->negative_record_max) out->negative_record_max = ng;
    }
    return st;
}

orb_status orb_backtest_relations(const orb_tables *t, const orb_panel *p,
                                  const orb_backtest_opts *opts, orb_relations_check *out,
                                  orb_error *err)
{
    orb_backtest_opts def = orb_backtest_opts_default();
    orb_world *w0 = NULL, *w1 = NULL;
    orb_scenario *scn = NULL;
    orb_sim *sim = NULL;
    orb_sim_opts so = orb_sim_opts_default();
    size_t n0, i, j, np = 0, *pi = NULL, *pj = NULL, run;
    double *obs = NULL, *obs0 = NULL, *start = NULL, *mod = NULL, *avg = NULL, *ra = NULL,
           *rb = NULL, *hos = NULL, *neg = NULL, r0, r1;
    orb_params est;
    ranked *w = NULL;
    orb_status st = ORB_OK;

    if (t == NULL || p == NULL || out == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_backtest_relations: NULL argument");
    if (opts == NULL) opts = &def;
    ORB_TRY(check_opts(opts, err));
    memset(out, 0, sizeof *out);
    if ((st = orb_world_new(t, p, opts->from, &w0, err)) != ORB_OK ||
        (st = orb_world_new(t, p, opts->to, &w1, err)) != ORB_OK ||
        (st = orb_scenario_new(NULL, "relations", opts->from, opts->to, &scn, err)) != ORB_OK ||
        (st = orb_scenario_set_regime(scn, opts->regime)) != ORB_OK)
        goto done;
    so.params = opts->params;
    if (opts->out_of_sample) {
        if (opts->params != NULL)
            est = *opts->params;
        else
            orb_params_default(&est);
        if ((st = orbi_estimates_before(opts->data_dir, t, p, opts->from, w0, &est, err)) != ORB_OK)
            goto done;
        so.params = &est;
    }
    if ((st = orb_sim_new(w0, scn, &so, &sim, err)) != ORB_OK) goto done;
    n0 = orb_world_nstates(w0);
    r0 = orbi_world_ideal_range(w0);
    r1 = orbi_world_ideal_range(w1);
    pi = malloc(n0 * n0 / 2 * sizeof *pi + 1);
    pj = malloc(n0 * n0 / 2 * sizeof *pj + 1);
    obs = malloc(n0 * n0 / 2 * sizeof *obs + 1);
    obs0 = malloc(n0 * n0 / 2 * sizeof *obs0 + 1);
    start = malloc(n0 * n0 / 2 * sizeof *start + 1);
    mod = malloc(n0 * n0 / 2 * sizeof *mod + 1);
    avg = calloc(n0 * n0 / 2 + 1, sizeof *avg);
    ra = malloc(n0 * n0 / 2 * sizeof *ra + 1);
    rb = malloc(n0 * n0 / 2 * sizeof *rb + 1);
    w = malloc(n0 * n0 / 2 * sizeof *w + 1);
    hos = malloc(opts->runs * sizeof *hos + 1);
    neg = malloc(opts->runs * sizeof *neg + 1);
    if (!pi || !pj || !obs || !obs0 || !avg || !start || !mod || !ra || !rb || !w || !hos || !neg) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < n0; i++) /* pairs present in both years with ideal points in both */
        for (j = i + 1; j < n0; j++) {
            const orb_state *a = orb_world_state(w0, i), *b = orb_world_state(w0, j);
            size_t a1 = orb_world_index(w1, a->ccode), b1 = orb_world_index(w1, b->ccode);
            double ia, ib;
            if (isnan(a->ideal) || isnan(b->ideal) || a1 == (size_t)-1 || b1 == (size_t)-1)
                continue;
            ia = orb_world_state(w1, a1)->ideal;
            ib = orb_world_state(w1, b1)->ideal;
            if (isnan(ia) || isnan(ib)) continue;
            pi[np] = i;
            pj[np] = j;
            obs[np] = orbi_affinity(ia, ib, r1);
            obs0[np] = orbi_affinity(ia, ib, r0);
            start[np] = orbi_affinity(a->ideal, b->ideal, r0);
            np++;
        }
    if (np < 3) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "fewer than three pairs with ideal points");
        goto done;
    }
    out->pairs = np;
    out->runs = opts->runs;
    out->range_observed = r1;
    out->range_start = r0;
    out->spread_observed = sd_of(obs, np);
    out->hostile_observed = (double)below(obs, np, HOSTILE);
    out->negative_observed = (double)below(obs, np, 0);
    out->spread_observed_start = sd_of(obs0, np);
    out->hostile_observed_start = (double)below(obs0, np, HOSTILE);
    out->negative_observed_start = (double)below(obs0, np, 0);
    out->negative_persistence = (double)below(start, np, 0);
    out->spread_persistence = sd_of(start, np);
    out->hostile_persistence = (double)below(start, np, HOSTILE);
    out->spearman_persistence = spearman(start, obs, np, ra, rb, w);
    out->spread_model_min = INFINITY;
    out->spread_model_max = -INFINITY;
    for (run = 0; run < opts->runs; run++) {
        orb_run_opts ro = orb_run_opts_default();
        orb_run *r = NULL;
        size_t k;
        double sd;
        ro.seed = opts->seed;
        ro.run_index = run;
        if ((st = orb_sim_run(sim, &ro, &r, err)) != ORB_OK) goto done;
        orb_run_to_end(r);
        if ((st = orb_run_error(r, err)) != ORB_OK) {
            orb_run_free(r);
            goto done;
        }
        for (k = 0; k < np; k++) {
            mod[k] = orb_run_affinity(r, pi[k], pj[k]);
            avg[k] += mod[k] / (double)opts->runs;
        }
        out->range_model += orbi_ideal_range(r->ideal, r->sim->n) / (double)opts->runs;
        orb_run_free(r);
        sd = sd_of(mod, np);
        out->spread_model += sd / (double)opts->runs;
        if (sd < out->spread_model_min) out->spread_model_min = sd;
        if (sd > out->spread_model_max) out->spread_model_max = sd;
        hos[run] = (double)below(mod, np, HOSTILE);
        neg[run] = (double)below(mod, np, 0);
        out->hostile_model += hos[run] / (double)opts->runs;
        out->negative_model += neg[run] / (double)opts->runs;
        out->spearman_model += spearman(mod, obs, np, ra, rb, w) / (double)opts->runs;
    }
    out->spearman_mean = spearman(avg, obs, np, ra, rb, w);
    out->hostile_model_p5 = quantile_of(hos, opts->runs, 0.05);
    out->hostile_model_p95 = quantile_of(hos, opts->runs, 0.95);
    out->negative_model_p5 = quantile_of(neg, opts->runs, 0.05);
    out->negative_model_p95 = quantile_of(neg, opts->runs, 0.95);
    st = record_counts(t, p, w0, pi, pj, np, opts->from, opts->to, out, err);
done:
    free(hos);
    free(neg);
    free(avg);
    free(pi);
    free(pj);
    free(obs);
    free(obs0);
    free(start);
    free(mod);
    free(ra);
    free(rb);
    free(w);
    orb_sim_free(sim);
    orb_scenario_free(scn);
    orb_world_free(w0);
    orb_world_free(w1);
    return st;
}

/* ---- population against the World Bank and WPP 2022 ---------------------- */

static int cmp_pop_row(const void *a, const void *b)
{
    double x = ((const orb_pop_row *)a)->pop0, y = ((const orb_pop_row *)b)->pop0;
    return (x < y) - (x > y); /* largest first */
}

/* The row of the state with ISO3 code iso, NULL if none. */
static orb_pop_row *pop_row_of(const orb_world *w, orb_population_check *c, const char *iso)
{
    size_t i;

    for (i = 0; i < c->nrows; i++)
        if (strcmp(orb_world_state(w, i)->iso3, iso) == 0) return &c->rows[i];
    return NULL;
}

/* What the readers below fill: the start's world and the check. */
typedef struct pop_read {
    const orb_world *w;
    orb_population_check *c;
} pop_read;

/* A World Bank population row (Country Code, Year, Value): the two years
 * after the start. */
static orb_status pop_wb_row(orbi_csv *f, const size_t *ix, void *ud, orb_error *err)
{
    pop_read *pr = ud;
    orb_population_check *c = pr->c;
    orb_pop_row *row;
    int yr;
    double v;

    ORB_TRY(orbi_csv_int(f, ix[1], 0, 9999, &yr, err));
    if (yr != c->start + 1 && yr != c->start + 2) return ORB_OK;
    ORB_TRY(orbi_csv_double(f, ix[2], "NA", 1, &v, err));
    if (!isnan(v) && (row = pop_row_of(pr->w, c, orbi_csv_str(f, ix[0]))) != NULL)
        *(yr == c->start + 1 ? &row->wb1 : &row->wb2) = v;
    return ORB_OK;
}

/* A WPP 2022 row (iso3, year, location_type, pop, pop_80l, pop_80u;
 * thousands): at the end year, each state's median and 80% interval, the
 * world's median. */
static orb_status pop_wpp_row(orbi_csv *f, const size_t *ix, void *ud, orb_error *err)
{
    pop_read *pr = ud;
    orb_population_check *c = pr->c;
    orb_pop_row *row;
    int yr, lt;
    double v, lo, hi;

    ORB_TRY(orbi_csv_int(f, ix[1], 0, 9999, &yr, err));
    if (yr != c->end) return ORB_OK;
    ORB_TRY(orbi_csv_int(f, ix[2], 0, 99999999, &lt, err));
    ORB_TRY(orbi_csv_double(f, ix[3], "NA", 1, &v, err));
    ORB_TRY(orbi_csv_double(f, ix[4], "NA", 1, &lo, err));
    ORB_TRY(orbi_csv_double(f, ix[5], "NA", 1, &hi, err));
    if (lt == 0) c->world_wpp_end = v * 1000.0;
    if (lt != 4 || (row = pop_row_of(pr->w, c, orbi_csv_str(f, ix[0]))) == NULL) return ORB_OK;
    row->wpp = v * 1000.0;
    row->wpp_lo80 = lo * 1000.0;
    row->wpp_hi80 = hi * 1000.0;
    return ORB_OK;
}

/* Both sources, from the raw data folder. */
static orb_status pop_read_sources(const char *dir, const orb_world *w, orb_population_check *c,
                                   orb_error *err)
{
    static const char *const wb[] = {"Country Code", "Year", "Value"};
    static const char *const wpp[] = {"iso3", "year", "location_type", "pop", "pop_80l", "pop_80u"};
    static const char *const hint = "the raw data folder (ORBIS_DATA)";
    pop_read pr = {w, c};
    char path[1024];

    snprintf(path, sizeof path, "%s/economy_worldbank/population.csv", dir);
    ORB_TRY(orbi_csv_each(path, hint, wb, 3, pop_wb_row, &pr, err));
    snprintf(path, sizeof path, "%s/population_wpp/wpp2022_popproj.csv", dir);
    return orbi_csv_each(path, hint, wpp, 6, pop_wpp_row, &pr, err);
}

orb_status orb_backtest_population(const orb_tables *t, const orb_panel *p, const char *data_dir,
                                   const orb_params *params, orb_population_check *out,
                                   orb_error *err)
{
    orb_world *w = NULL;
    orb_scenario *scn = NULL;
    orb_sim *sim = NULL;
    orb_run *r = NULL;
    orb_sim_opts so = orb_sim_opts_default();
    orb_run_opts ro = orb_run_opts_default();
    orb_status st;
    size_t i, n;

    if (t == NULL || p == NULL || data_dir == NULL || out == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_backtest_population: NULL argument");
    memset(out, 0, sizeof *out);
    out->start = ORB_LAST_YEAR;
    out->end = ORB_POP_CHECK_END;
    out->world_wpp_end = NAN;
    if ((st = orb_world_new(t, p, out->start, &w, err)) != ORB_OK ||
        (st = orb_scenario_new(NULL, "population", out->start, out->end, &scn, err)) != ORB_OK)
        goto done;
    so.params = params;
    if ((st = orb_sim_new(w, scn, &so, &sim, err)) != ORB_OK ||
        (st = orb_sim_run(sim, &ro, &r, err)) != ORB_OK)
        goto done;
    n = orb_world_nstates(w);
    if ((out->rows = calloc(n + 1, sizeof *out->rows)) == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    out->nrows = n;
    for (i = 0; i < n; i++) {
        orb_pop_row *row = &out->rows[i];
        row->ccode = orb_world_state(w, i)->ccode;
        snprintf(row->abb, sizeof row->abb, "%s", orb_world_state(w, i)->abb);
        row->pop0 = orb_run_pop(r, i);
        {
            const orb_state *s = orb_world_state(w, i);
            double g0 = !isnan(s->pop_growth)   ? s->pop_growth
                        : isnan(s->tpop_growth) ? 0.0
                                                : s->tpop_growth;
            row->naive1 = row->pop0 * exp(g0);
            row->naive2 = row->pop0 * exp(2 * g0);
            row->naive_end = row->pop0 * exp((double)(out->end - out->start) * g0);
        }
        row->wb1 = row->wb2 = row->wpp = row->wpp_lo80 = row->wpp_hi80 = NAN;
    }
    while (orb_run_year(r) < out->end && orb_run_step(r) == ORB_OK) {
        int y = orb_run_year(r);
        for (i = 0; i < n; i++) {
            if (y == out->start + 1) out->rows[i].model1 = orb_run_pop(r, i);
            if (y == out->start + 2) out->rows[i].model2 = orb_run_pop(r, i);
        }
    }
    if ((st = orb_run_error(r, err)) != ORB_OK) goto done;
    for (i = 0; i < n; i++) {
        out->rows[i].model_end = orb_run_pop(r, i);
        out->world_model_end += out->rows[i].model_end;
    }
    if ((st = pop_read_sources(data_dir, w, out, err)) != ORB_OK) goto done;
    qsort(out->rows, n, sizeof *out->rows, cmp_pop_row);
done:
    if (st != ORB_OK) orb_population_check_free(out);
    orb_run_free(r);
    orb_sim_free(sim);
    orb_scenario_free(scn);
    orb_world_free(w);
    return st;
}

void orb_population_check_free(orb_population_check *c)
{
    if (c == NULL) return;
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
}
