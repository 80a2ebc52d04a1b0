/*
 * evaluate.c - forecasts scored out of sample at rolling origins against
 * persistence, a linear trend in shares and a random walk with drift in log
 * shares; disputes against a peace-years logit (include/orbis/evaluate.h;
 * docs/model.md, "Evaluation").
 *
 * An origin: re-estimate (orbi_estimates_before), run the origin's world
 * `runs` times for up to ORB_EVAL_MAXH years keeping each run's shares at
 * the horizons and, before each year's step, its onset probabilities of
 * every pair; then score the shares at each horizon and the dyad-years of
 * each horizon's window. Cost per origin: one calibration, runs x 16 years,
 * runs x 16 x N^2 / 2 onset predictors, and a logit on about 24 x N^2 / 2
 * dyad-years.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib_int.h"
#include "dyad_int.h"
#include "data_int.h"
#include "orb_int.h"
#include "orbis/evaluate.h"
#include "orbis/run.h"
#include "orbis/stats.h"
#include "run_int.h"
#include "stats_int.h"

static const int horizons[ORB_EVAL_NHORIZONS] = {1, 5, 10, 16};

#define SHARE_FLOOR 1e-12 /* a trend extrapolated below zero: a share this small */

orb_evaluate_opts orb_evaluate_opts_default(void)
{
    orb_evaluate_opts o;

    memset(&o, 0, sizeof o);
    o.first_origin = 1975;
    o.last_origin = 2005;
    o.step = 3;
    o.fit_years = ORB_EVAL_FIT_YEARS;
    o.runs = 20;
    o.seed = 1;
    o.regime = ORB_REGIME_HISTORICAL;
    return o;
}

void orb_evaluation_free(orb_evaluation *e)
{
    if (e == NULL) return;
    free(e->origin);
    free(e);
}

/* ---- scores ---------------------------------------------------------------- */

double orb_crps_ensemble(double *x, size_t n, double y)
{
    if (x == NULL) return NAN;
    double a = 0, b = 0;
    size_t i;

    if (n == 0) return NAN;
    orb_sort(x, n);
    for (i = 0; i < n; i++) {
        a += fabs(x[i] - y);
        b += (2.0 * (double)i + 1.0 - (double)n) * x[i]; /* sum over pairs i < j of |x - x'| */
    }
    return n == 1 ? a : a / (double)n - b / ((double)n * (double)(n - 1));
}

/* A score and its index, ranked by descending score. */
typedef struct scored {
    double p;
    size_t i;
} scored;

static int cmp_desc(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->p != y->p) return x->p < y->p ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Sort (p, i) by descending p into s[0..n). */
static void rank_desc(const double *p, size_t n, scored *s)
{
    size_t k;

    for (k = 0; k < n; k++) {
        s[k].p = p[k];
        s[k].i = k;
    }
    qsort(s, n, sizeof *s, cmp_desc);
}

static double auc_of(const scored *s, const unsigned char *y, size_t n)
{
    double pos = 0, neg = 0, above = 0; /* negatives ranked above, ties half */
    size_t k = 0;

    while (k < n) { /* a run of equal scores */
        size_t e = k;
        double rp = 0, rn = 0;
        while (e < n && s[e].p == s[k].p) {
            if (y[s[e].i])
                rp++;
            else
                rn++;
            e++;
        }
        above += rp * (neg + rn / 2);
        pos += rp;
        neg += rn;
        k = e;
    }
    return pos > 0 && neg > 0 ? 1 - above / (pos * neg) : NAN;
}

static double ap_of(const scored *s, const unsigned char *y, size_t n)
{
    double tp = 0, sum = 0, total = 0;
    size_t k = 0;

    for (k = 0; k < n; k++)
        total += y[k];
    if (!(total > 0) || total == (double)n) return NAN;
    k = 0;
    while (k < n) { /* ties: one threshold, precision at its end */
        size_t e = k;
        double rp = 0;
        while (e < n && s[e].p == s[k].p) {
            rp += y[s[e].i];
            e++;
        }
        tp += rp;
        sum += rp * tp / (double)e;
        k = e;
    }
    return sum / total;
}

/* A ranking score (auc_of, ap_of) of p against y, with the ranking's
 * indices into idx when it is not NULL. */
static double ranked(const double *p, const unsigned char *y, size_t n, size_t *idx,
                     double (*score)(const scored *, const unsigned char *, size_t))
{
    scored *s = malloc((n + 1) * sizeof *s);
    double a;
    size_t k;

    if (s == NULL) return NAN;
    rank_desc(p, n, s);
    a = score(s, y, n);
    for (k = 0; idx != NULL && k < n; k++)
        idx[k] = s[k].i;
    free(s);
    return a;
}

double orb_auc(const double *p, const unsigned char *y, size_t n, size_t *idx)
{
    if (p == NULL || y == NULL) {
        if (idx) *idx = 0;
        return NAN;
    }
    return ranked(p, y, n, idx, auc_of);
}

double orb_average_precision(const double *p, const unsigned char *y, size_t n, size_t *idx)
{
    if (p == NULL || y == NULL) {
        if (idx) *idx = 0;
        return NAN;
    }
    return ranked(p, y, n, idx, ap_of);
}

/* ---- one origin ------------------------------------------------------------ */

#define MAX_FIT 32 /* the baselines' window at most */

typedef struct origin_work {
    orb_world *w0, *win[MAX_FIT]; /* the origin; the baselines' window, oldest first */
    double *win_cinc[MAX_FIT];    /* CINC of each window year's states */
    orb_scenario *scn;
    orb_sim *sim;
    size_t n0, runs;
    double *cinc0;                                  /* [n0] CINC at the origin */
    double *sh[ORB_BT_NSHARES][ORB_EVAL_NHORIZONS]; /* [runs * n0] a run's shares */
    double *haz;    /* [MAXH * n0 * n0] summed onset probabilities */
    double *eta0;   /* [n0 * n0] the onset logit at the origin, peace years taken out */
    double *peace0; /* [n0 * n0] peace years at the origin */
    scored *rank;   /* work space */
} origin_work;

static void work_free(origin_work *w)
{
    size_t k;
    int m, h;

    orb_sim_free(w->sim);
    orb_scenario_free(w->scn);
    orb_world_free(w->w0);
    for (k = 0; k < MAX_FIT; k++) {
        orb_world_free(w->win[k]);
        free(w->win_cinc[k]);
    }
    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++)
            free(w->sh[m][h]);
    free(w->cinc0);
    free(w->haz);
    free(w->eta0);
    free(w->peace0);
    free(w->rank);
    memset(w, 0, sizeof *w);
}

/* The runs: shares at the horizons, onset probabilities before each year. */
static orb_status simulate(origin_work *w, const orb_evaluate_opts *o, int origin, int hmax,
                           int mid_last, orb_error *err)
{
    const size_t n = w->n0;
    const double *P = orb_sim_params(w->sim)->v;
    size_t r, i, j, k;

    { /* the static logit: the onset logit frozen at the origin, the point estimates' */
        orb_run_opts ro = orb_run_opts_default();
        orb_run *run = NULL;
        ro.seed = o->seed;
        ORB_TRY(orb_sim_run(w->sim, &ro, &run, err));
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++) {
                const double py = orbi_conflict_peace(run, i, j);
                w->peace0[i * n + j] = py;
                w->eta0[i * n + j] = orbi_conflict_eta(run, i, j) - orbi_peace_part(P, py);
            }
        orb_run_free(run);
    }
    for (r = 0; r < w->runs; r++) {
        orb_run_opts ro = orb_run_opts_default();
        orb_run *run = NULL;
        int t, h;
        ro.seed = o->seed;
        ro.run_index = r;
        if (o->uncertainty == ORB_UNC_SHOCKS) {
            ORB_TRY(orb_sim_run(w->sim, &ro, &run, err));
        } else { /* the run's own parameters, its own sim */
            orb_sim_opts so = orb_sim_opts_default();
            orb_sim *own = NULL;
            orb_params q;
            orb_status st;
            orb_params_draw(orb_sim_params(w->sim), o->seed, r, &q);
            if (o->uncertainty == ORB_UNC_PARAMS) q.v[ORBI_P_ECON_SHOCKS] = 0;
            so.params = &q;
            if ((st = orb_sim_new(w->w0, w->scn, &so, &own, err)) != ORB_OK) return st;
            st = orb_sim_run(own, &ro, &run, err);
            orb_sim_free(own); /* the run holds its reference */
            if (st != ORB_OK) return st;
        }
        for (t = 1; t <= hmax; t++) {
            if (origin + t <= mid_last) { /* the year's onset odds, from the state before it */
                double *hz = &w->haz[(size_t)(t - 1) * n * n];
                const double *cinc = run->share[ORB_MEASURE_CINC];
                for (i = 0; i < n; i++)
                    for (j = i + 1; j < n; j++) /* as the conflict phase: none at war or
                                                   without capability */
                        if (!run->war[i * n + j] && cinc[i] > 0 && cinc[j] > 0)
                            hz[i * n + j] += orbi_logistic(orbi_conflict_eta(run, i, j));
            }
            orb_run_step(run);
            {
                orb_status st = orb_run_error(run, err); /* a run that stopped */
                if (st != ORB_OK) {
                    orb_run_free(run);
                    return st;
                }
            }
            for (h = 0; h < ORB_EVAL_NHORIZONS; h++)
                if (horizons[h] == t)
                    for (k = 0; k < n; k++) {
                        w->sh[ORB_BT_CINC][h][r * n + k] = orb_run_share(run, k, ORB_MEASURE_CINC);
                        w->sh[ORB_BT_GDP][h][r * n + k] = orb_run_share(run, k, ORB_MEASURE_GDP);
                    }
        }
        orb_run_free(run);
    }
    return ORB_OK;
}

double orbi_trend_forecast(const double *v, int n, int h)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, a, b, x;
    int y;

    for (y = 0; y < n; y++) {
        sx += y;
        sy += v[y];
        sxx += (double)y * y;
        sxy += (double)y * v[y];
    }
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    a = (sy - b * sx) / n;
    x = a + b * (double)(n - 1 + h);
    return x > SHARE_FLOOR ? x : SHARE_FLOOR;
}

double orbi_drift_forecast(const double *v, int n, int h)
{
    return exp(log(v[n - 1]) + (double)h * (log(v[n - 1]) - log(v[0])) / (n - 1));
}

/* State k's share of measure m in world x (CINC over the world's total, real
 * GDP over the world's), NaN if it is absent or has none. cinc: x's CINC. */
static double world_share(const orb_world *x, const double *cinc, int m, int ccode)
{
    size_t k = orb_world_index(x, ccode), i, n = orb_world_nstates(x);
    double tot = 0, v;

    if (k == (size_t)-1) return NAN;
    for (i = 0; i < n; i++) {
        double c = m == ORB_BT_CINC ? cinc[i] : orb_world_state(x, i)->gdp_ppp;
        if (c > 0) tot += c;
    }
    v = m == ORB_BT_CINC ? cinc[k] : orb_world_state(x, k)->gdp_ppp;
    return v > 0 && tot > 0 ? v / tot : NAN;
}

static void renorm(double *v, size_t n)
{
    double s = 0;
    size_t k;

    for (k = 0; k < n; k++)
        s += v[k];
    for (k = 0; k < n; k++)
        v[k] /= s;
}

/* The scores of one measure at one horizon. */
static orb_status score_shares(origin_work *w, const orb_evaluate_opts *o, const orb_panel *p,
                               const orb_tables *t, int origin, int hi, int m, orb_eval_share *out,
                               orb_error *err)
{
    const size_t n = w->n0, R = w->runs;
    const int h = horizons[hi], fy = o->fit_years;
    orb_world *wy = NULL;
    double *cy = NULL, *act = NULL, *f[ORB_EVAL_NF] = {NULL}, *col = NULL, *val = NULL;
    size_t *set = NULL, ns = 0, k, r, q, c50 = 0, c90 = 0, nl[ORB_EVAL_NF] = {0};
    orb_status st = ORB_OK;
    int y;

    memset(out, 0, sizeof *out);
    if ((st = orb_world_new(t, p, origin + h, &wy, err)) != ORB_OK) return st;
    cy = malloc((orb_world_nstates(wy) + 1) * sizeof *cy);
    act = malloc((n + 1) * sizeof *act);
    set = malloc((n + 1) * sizeof *set);
    col = malloc((R + 1) * sizeof *col);
    val = malloc((R * n + 1) * sizeof *val);
    for (q = 0; q < ORB_EVAL_NF; q++)
        f[q] = malloc((n + 1) * sizeof *f[q]);
    if (!cy || !act || !set || !col || !val || !f[0] || !f[1] || !f[2] || !f[3]) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = orb_world_power(wy, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, cy)) != ORB_OK)
        goto done;
    for (k = 0; k < n; k++) { /* present at both ends with CINC and real GDP */
        const orb_state *s0 = orb_world_state(w->w0, k);
        size_t j = orb_world_index(wy, s0->ccode);
        if (j == (size_t)-1 || !(w->cinc0[k] > 0) || !(s0->gdp_ppp > 0) || !(cy[j] > 0) ||
            !(orb_world_state(wy, j)->gdp_ppp > 0))
            continue;
        set[ns] = k;
        act[ns] = m == ORB_BT_CINC ? cy[j] : orb_world_state(wy, j)->gdp_ppp;
        f[ORB_EVAL_PERSISTENCE][ns] = m == ORB_BT_CINC ? w->cinc0[k] : s0->gdp_ppp;
        ns++;
    }
    if (ns < 2) goto done; /* nothing to score */
    renorm(act, ns);
    renorm(f[ORB_EVAL_PERSISTENCE], ns);
    for (k = 0; k < ns; k++) { /* trend and drift over the window's shares */
        const int cc = orb_world_state(w->w0, set[k])->ccode;
        double v[MAX_FIT];
        int ok = 1;
        for (y = 0; y < fy; y++) { /* years origin - fy + 1 .. origin */
            v[y] = world_share(w->win[y], w->win_cinc[y], m, cc);
            ok = ok && v[y] > 0;
        }
        if (ok) {
            f[ORB_EVAL_TREND][k] = orbi_trend_forecast(v, fy, h);
            f[ORB_EVAL_DRIFT][k] = orbi_drift_forecast(v, fy, h);
        } else { /* too young for a window: its origin share (on the same scale) */
            f[ORB_EVAL_TREND][k] = f[ORB_EVAL_DRIFT][k] =
                v[fy - 1] > 0 ? v[fy - 1] : f[ORB_EVAL_PERSISTENCE][k];
        }
    }
    renorm(f[ORB_EVAL_TREND], ns);
    renorm(f[ORB_EVAL_DRIFT], ns);
    for (r = 0; r < R; r++) { /* each run renormalised over the set; their mean */
        double s = 0;
        for (k = 0; k < ns; k++)
            s += w->sh[m][hi][r * n + set[k]];
        for (k = 0; k < ns; k++)
            val[r * ns + k] = w->sh[m][hi][r * n + set[k]] / s;
    }
    for (k = 0; k < ns; k++) {
        double q05, q25, q75, q95;
        for (r = 0; r < R; r++)
            col[r] = val[r * ns + k];
        out->crps += orb_crps_ensemble(col, R, act[k]) / (double)ns; /* sorts col */
        f[ORB_EVAL_MODEL][k] = orb_quantile(col, R, 0.5); /* the median: absolute error's */
        q05 = orb_quantile(col, R, 0.05);
        q25 = orb_quantile(col, R, 0.25);
        q75 = orb_quantile(col, R, 0.75);
        q95 = orb_quantile(col, R, 0.95);
        c50 += act[k] >= q25 && act[k] <= q75;
        c90 += act[k] >= q05 && act[k] <= q95;
    }
    renorm(f[ORB_EVAL_MODEL], ns); /* the medians, as shares of the set */
    for (q = 0; q < ORB_EVAL_NF; q++) {
        for (k = 0; k < ns; k++) {
            out->mae[q] += fabs(f[q][k] - act[k]) / (double)ns;
            if (f[q][k] > 0 && act[k] > 0) {
                out->logerr[q] += fabs(log(f[q][k]) - log(act[k]));
                nl[q]++;
            }
        }
        out->logerr[q] = nl[q] ? out->logerr[q] / (double)nl[q] : NAN;
    }
    out->nstates = ns;
    out->cover50 = (double)c50 / (double)ns;
    out->cover90 = (double)c90 / (double)ns;
done:
    orb_world_free(wy);
    free(cy);
    free(act);
    free(set);
    free(col);
    free(val);
    for (q = 0; q < ORB_EVAL_NF; q++)
        free(f[q]);
    return st;
}

/* ---- disputes ------------------------------------------------------------- */

static int onset_in(const orbi_dyadpanel *d, int a, int b, int year)
{
    return orbi_last_onset_before(d->mid, d->nmid, a, b, year + 1) == year;
}

static void peace_terms(double py, double *x)
{
    x[0] = py;
    x[1] = py * py / 100;
    x[2] = py * py * py / 1000;
}

/* The peace-years logit on the dyad-years of the ORB_EVAL_MID_YEARS years
 * before the origin (pairs of states in the panel that year), pair by pair. */
static orb_status fit_peace_logit(const orb_tables *t, const orb_panel *p, int origin, orbi_fit *f,
                                  orb_error *err)
{
    const int from = origin - ORB_EVAL_MID_YEARS, to = origin - 1;
    unsigned char seen[ORBI_MAX_CCODE] = {0};
    int codes[ORBI_MAX_CCODE], nc = 0, a, b, y, c;
    orbi_sample s = {0};
    orb_status st;
    size_t r;

    for (y = from; y <= to; y++)
        for (r = p->year_start[y - ORB_FIRST_YEAR];
             r < p->year_start[y - ORB_FIRST_YEAR] + p->year_count[y - ORB_FIRST_YEAR]; r++)
            seen[p->ccode[r]] = 1;
    for (c = 1; c < ORBI_MAX_CCODE; c++)
        if (seen[c]) codes[nc++] = c;
    s.contiguous = 1;
    for (a = 0; a < nc; a++)
        for (b = a + 1; b < nc; b++)
            for (y = from; y <= to; y++) {
                double x[3];
                if (orbi_panel_find(p, codes[a], y) == (size_t)-1 ||
                    orbi_panel_find(p, codes[b], y) == (size_t)-1)
                    continue;
                peace_terms(orbi_peace_years(p->dy.mid, p->dy.nmid, t, codes[a], codes[b], y), x);
                if (orbi_sample_add(&s, x, 3, onset_in(&p->dy, codes[a], codes[b], y),
                                    codes[a] * 1000 + codes[b], 0)) {
                    orbi_sample_free(&s);
                    ORB_FAIL(err, ORB_ENOMEM, "out of memory");
                }
            }
    st = orbi_logit(&s, 3, "peace-years logit", f, err);
    orbi_sample_free(&s);
    return st;
}

/* Dispute scores of the windows origin + 1 .. origin + h. */
static orb_status score_disputes(origin_work *w, const orb_tables *t, const orb_panel *p,
                                 int origin, int hmax, int mid_last, orb_eval_origin *out,
                                 orb_error *err)
{
    const size_t n = w->n0;
    const double *P = orb_sim_params(w->sim)->v;
    const int last = origin + hmax < mid_last ? origin + hmax : mid_last;
    size_t cap = (size_t)(last > origin ? last - origin : 0) * n * n / 2 + 1, nd = 0, i, j, e;
    double *pr[ORB_EVAL_ND] = {NULL};
    unsigned char *yy = NULL;
    orbi_fit f = {0};
    orb_status st = ORB_OK;
    int yr, hi, q;

    if (last <= origin) return ORB_OK; /* no record after the origin */
    for (q = 0; q < ORB_EVAL_ND; q++)
        pr[q] = malloc(cap * sizeof *pr[q]);
    yy = malloc(cap);
    if (!pr[0] || !pr[1] || !pr[2] || !yy) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = fit_peace_logit(t, p, origin, &f, err)) != ORB_OK) goto done;
    for (yr = origin + 1; yr <= last; yr++) { /* year by year: a window is a prefix */
        const double *hz = &w->haz[(size_t)(yr - origin - 1) * n * n];
        const double k = (double)(yr - origin - 1); /* years since the origin's next */
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++) {
                const int a = orb_world_state(w->w0, i)->ccode,
                          b = orb_world_state(w->w0, j)->ccode;
                double x[3];
                /* the pairs of the origin whose states are both in the system that year */
                if (orbi_panel_find(p, a, yr) == (size_t)-1 ||
                    orbi_panel_find(p, b, yr) == (size_t)-1)
                    continue;
                /* peace years known at the origin, counting on (no later record) */
                peace_terms(orbi_peace_years(p->dy.mid, p->dy.nmid, t, a, b, origin + 1) + k, x);
                pr[ORB_EVAL_D_MODEL][nd] = hz[i * n + j] / (double)w->runs;
                pr[ORB_EVAL_D_STATIC][nd] = orbi_logistic(
                    w->eta0[i * n + j] + orbi_peace_part(P, w->peace0[i * n + j] + k));
                pr[ORB_EVAL_D_PEACE][nd] =
                    orbi_logistic(f.b[0] + f.b[1] * x[0] + f.b[2] * x[1] + f.b[3] * x[2]);
                yy[nd] = (unsigned char)onset_in(&p->dy, a, b, yr);
                nd++;
            }
        for (hi = 0; hi < ORB_EVAL_NHORIZONS; hi++) {
            orb_eval_disputes *d = &out->disputes[hi];
            const int end = origin + horizons[hi] < last ? origin + horizons[hi] : last;
            if (end != yr) continue; /* a window past the record ends where it does */
            d->years = yr - origin;
            d->dyad_years = nd;
            d->onsets = 0;
            for (e = 0; e < nd; e++)
                d->onsets += yy[e];
            for (q = 0; q < ORB_EVAL_ND; q++) {
                double br = 0;
                rank_desc(pr[q], nd, w->rank);
                d->auc[q] = auc_of(w->rank, yy, nd);
                d->prauc[q] = ap_of(w->rank, yy, nd);
                for (e = 0; e < nd; e++)
                    br += (pr[q][e] - yy[e]) * (pr[q][e] - yy[e]);
                d->brier[q] = br / (double)nd;
            }
        }
    }
done:
    for (q = 0; q < ORB_EVAL_ND; q++)
        free(pr[q]);
    free(yy);
    free(f.resid);
    return st;
}

/* ---- the evaluation ------------------------------------------------------- */

static orb_status one_origin(const orb_tables *t, const orb_panel *p, const orb_evaluate_opts *o,
                             int origin, orb_eval_origin *out, orb_error *err)
{
    origin_work w;
    orb_params par;
    orb_sim_opts so = orb_sim_opts_default();
    const int mid_last = orb_panel_disputes_last_year(p);
    int hmax = ORB_LAST_YEAR - origin < ORB_EVAL_MAXH ? ORB_LAST_YEAR - origin : ORB_EVAL_MAXH;
    int m, h, y;
    orb_status st;

    memset(&w, 0, sizeof w);
    memset(out, 0, sizeof *out);
    out->origin = origin;
    if (o->params != NULL)
        par = *o->params;
    else
        orb_params_default(&par);
    if ((st = orb_world_new(t, p, origin, &w.w0, err)) != ORB_OK) goto done;
    if (!o->in_sample &&
        (st = orbi_estimates_before(o->data_dir, t, p, origin, w.w0, &par, err)) != ORB_OK)
        goto done;
    orbi_world_forget_after(w.w0, origin); /* in sample too: no later Council seats */
    if ((st = orb_scenario_new(NULL, "evaluate", origin, origin + hmax, &w.scn, err)) != ORB_OK ||
        (st = orb_scenario_set_regime(w.scn, o->regime)) != ORB_OK)
        goto done;
    so.params = &par;
    if ((st = orb_sim_new(w.w0, w.scn, &so, &w.sim, err)) != ORB_OK) goto done;
    w.n0 = orb_world_nstates(w.w0);
    w.runs = o->runs;
    w.cinc0 = malloc((w.n0 + 1) * sizeof *w.cinc0);
    w.haz = calloc((size_t)ORB_EVAL_MAXH * w.n0 * w.n0 + 1, sizeof *w.haz);
    w.eta0 = calloc(w.n0 * w.n0 + 1, sizeof *w.eta0);
    w.peace0 = calloc(w.n0 * w.n0 + 1, sizeof *w.peace0);
    w.rank = malloc(((size_t)ORB_EVAL_MAXH * w.n0 * w.n0 / 2 + 1) * sizeof *w.rank);
    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++)
            if ((w.sh[m][h] = calloc(w.runs * w.n0 + 1, sizeof *w.sh[m][h])) == NULL)
                st = ORB_ENOMEM;
    if (!w.cinc0 || !w.haz || !w.eta0 || !w.peace0 || !w.rank || st != ORB_OK) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = orb_world_power(w.w0, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, w.cinc0)) != ORB_OK)
        goto done;
    for (y = 0; y < o->fit_years; y++) { /* the baselines' window, oldest first */
        const int year = origin - o->fit_years + 1 + y;
        if ((st = orb_world_new(t, p, year, &w.win[y], err)) != ORB_OK) goto done;
        w.win_cinc[y] = malloc((orb_world_nstates(w.win[y]) + 1) * sizeof *w.win_cinc[y]);
        if (w.win_cinc[y] == NULL) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        if ((st = orb_world_power(w.win[y], ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL,
                                  w.win_cinc[y])) != ORB_OK)
            goto done;
    }
    if ((st = simulate(&w, o, origin, hmax, mid_last, err)) != ORB_OK) goto done;
    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS && horizons[h] <= hmax; h++)
            if ((st = score_shares(&w, o, p, t, origin, h, m, &out->share[m][h], err)) != ORB_OK)
                goto done;
    st = score_disputes(&w, t, p, origin, hmax, mid_last, out, err);
done:
    work_free(&w);
    return st;
}

/* Means over the origins; coverage pooled over their states. */
static void summarise(orb_evaluation *e)
{
    size_t k;
    int m, h, q;

    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
            orb_eval_summary *s = &e->summary[m][h];
            double states = 0;
            memset(s, 0, sizeof *s);
            for (k = 0; k < e->norigins; k++) {
                const orb_eval_share *x = &e->origin[k].share[m][h];
                if (x->nstates == 0) continue;
                s->origins++;
                for (q = 0; q < ORB_EVAL_NF; q++) {
                    s->mae[q] += x->mae[q];
                    s->logerr[q] += x->logerr[q];
                    if (q != ORB_EVAL_MODEL && x->mae[ORB_EVAL_MODEL] < x->mae[q]) s->beats[q]++;
                }
                s->crps += x->crps;
                s->cover50 += x->cover50 * (double)x->nstates;
                s->cover90 += x->cover90 * (double)x->nstates;
                states += (double)x->nstates;
            }
            for (q = 0; s->origins && q < ORB_EVAL_NF; q++) {
                s->mae[q] /= (double)s->origins;
                s->logerr[q] /= (double)s->origins;
            }
            if (s->origins) s->crps /= (double)s->origins;
            s->cover50 = states > 0 ? s->cover50 / states : NAN;
            s->cover90 = states > 0 ? s->cover90 / states : NAN;
        }
    for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
        orb_eval_dsummary *s = &e->dsummary[h];
        memset(s, 0, sizeof *s);
        for (k = 0; k < e->norigins; k++) {
            const orb_eval_disputes *x = &e->origin[k].disputes[h];
            if (x->dyad_years == 0 || isnan(x->auc[0]) || isnan(x->auc[1]) || isnan(x->auc[2]))
                continue;
            s->origins++;
            for (q = 0; q < ORB_EVAL_ND; q++) {
                s->auc[q] += x->auc[q];
                s->prauc[q] += x->prauc[q];
                s->brier[q] += x->brier[q];
                s->beats_auc[q] += x->auc[ORB_EVAL_D_MODEL] > x->auc[q];
                s->beats_brier[q] += x->brier[ORB_EVAL_D_MODEL] < x->brier[q];
            }
        }
        for (q = 0; s->origins && q < ORB_EVAL_ND; q++) {
            s->auc[q] /= (double)s->origins;
            s->prauc[q] /= (double)s->origins;
            s->brier[q] /= (double)s->origins;
        }
    }
}

orb_status orb_evaluate(const orb_tables *t, const orb_panel *p, const orb_evaluate_opts *opts,
                        orb_evaluation **out, orb_error *err)
{
    orb_evaluate_opts def = orb_evaluate_opts_default();
    orb_evaluation *e;
    orb_status st = ORB_OK;
    int origin, h;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_evaluate: out is NULL");
    *out = NULL;
    if (t == NULL || p == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_evaluate: the tables and the panel are required");
    if (opts == NULL) opts = &def;
    if (opts->step < 1 || opts->last_origin < opts->first_origin)
        ORB_FAIL(err, ORB_EINVAL, "origins %d to %d every %d years: no origin", opts->first_origin,
                 opts->last_origin, opts->step);
    if (opts->first_origin - opts->fit_years < ORB_FIRST_YEAR ||
        opts->last_origin + 1 > ORB_LAST_YEAR)
        ORB_FAIL(err, ORB_ERANGE, "origins must lie in %d-%d", ORB_FIRST_YEAR + opts->fit_years,
                 ORB_LAST_YEAR - 1);
    if (opts->runs < 2) ORB_FAIL(err, ORB_EINVAL, "an evaluation needs at least two runs");
    if (orb_uncertainty_name(opts->uncertainty) == NULL)
        ORB_FAIL(err, ORB_EINVAL, "unknown uncertainty %d", (int)opts->uncertainty);
    if (opts->fit_years < 2 || opts->fit_years > MAX_FIT)
        ORB_FAIL(err, ORB_EINVAL, "the baselines' window must be 2-%d years", MAX_FIT);
    if (!opts->in_sample && opts->data_dir == NULL)
        ORB_FAIL(err, ORB_EINVAL, "re-estimating before each origin needs the raw data's folder");
    if ((e = calloc(1, sizeof *e)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    e->opts = *opts;
    for (h = 0; h < ORB_EVAL_NHORIZONS; h++)
        e->horizon[h] = horizons[h];
    e->origin = calloc((size_t)((opts->last_origin - opts->first_origin) / opts->step + 1),
                       sizeof *e->origin);
    if (e->origin == NULL) {
        free(e);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    for (origin = opts->first_origin; st == ORB_OK && origin <= opts->last_origin;
         origin += opts->step)
        if ((st = one_origin(t, p, opts, origin, &e->origin[e->norigins], err)) == ORB_OK)
            e->norigins++;
        else if (err != NULL) { /* say which origin */
            char msg[sizeof err->msg], head[24];
            size_t hl = (size_t)snprintf(head, sizeof head, "origin %d: ", origin);
            memcpy(msg, head, hl);
            memcpy(msg + hl, err->msg, sizeof msg - hl - 1);
            msg[sizeof msg - 1] = '\0';
            memcpy(err->msg, msg, sizeof msg);
        }
    if (st != ORB_OK) {
        orb_evaluation_free(e);
        return st;
    }
    summarise(e);
    *out = e;
    return ORB_OK;
}
