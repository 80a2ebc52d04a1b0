/*
 * calibrate.c - least-squares estimates of the engine's empirical parameters
 * (GSL multifit), from Maddison, COW NMC, Fariss et al. and COW trade.
 *
 * The samples are fixed here and documented in docs/model.md ("Calibration").
 * Standard errors are clustered by state (Liang-Zeger sandwich with the
 * G/(G-1) (n-1)/(n-k) small-sample factor, as Stata's vce(cluster)) unless an
 * estimate says otherwise.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "calib_int.h"
#include "csv_int.h"
#include "data_int.h"
#include "orb_int.h"
#include "params_int.h"

/* Default samples (years of the dependent variable). */
#define DEF_FROM   1991 /* first year of every sample (growth 1990 -> 1991 first) */
#define ECON_LAST  2018 /* last year of the Maddison Project Database 2020 */
#define NMC_LAST   2019 /* last year of Fariss et al. GDP (no extension used) */
#define POP_LAST   2022 /* last NMC year */
#define TRADE_LAST 2014 /* last year of COW Trade v4.0 national totals */

/* The samples of one calibration. */
typedef struct samples {
    int econ_from, econ_to, nmc_from, nmc_to, pop_from, pop_to, trade_year;
} samples;

static int imin(int a, int b)
{
    return a < b ? a : b;
}

orb_calibrate_opts orb_calibrate_opts_default(void)
{
    orb_calibrate_opts o;

    o.last_year = 0;
    o.years = 0;
    return o;
}
#define FRONTIER "USA" /* the frontier economy (distance-to-frontier convention) */

#define EARTH_RADIUS_KM 6371.0088 /* IUGG mean Earth radius */

double orb_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180.0;
    double p1 = lat1 * rad, p2 = lat2 * rad, dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

    if (a > 1) a = 1;
    return 2.0 * EARTH_RADIUS_KM * asin(sqrt(a));
}

int orbi_sample_add(orbi_sample *s, const double *x, size_t nx, double y, int cl, int grp)
{
    size_t j;

    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        void *q;
        for (j = 0; j < ORBI_KMAX; j++) {
            if ((q = realloc(s->x[j], cap * sizeof *s->x[j])) == NULL) return -1;
            s->x[j] = q;
        }
        if ((q = realloc(s->y, cap * sizeof *s->y)) == NULL) return -1;
        s->y = q;
        if ((q = realloc(s->cl, cap * sizeof *s->cl)) == NULL) return -1;
        s->cl = q;
        if ((q = realloc(s->grp, cap * sizeof *s->grp)) == NULL) return -1;
        s->grp = q;
        s->cap = cap;
    }
    for (j = 0; j < ORBI_KMAX; j++)
        s->x[j][s->n] = j < nx ? x[j] : 0.0;
    s->y[s->n] = y;
    s->cl[s->n] = cl;
    s->grp[s->n] = grp;
    s->n++;
    return 0;
}

void orbi_sample_free(orbi_sample *s)
{
    size_t j;

    for (j = 0; j < ORBI_KMAX; j++)
        free(s->x[j]);
    free(s->y);
    free(s->cl);
    free(s->grp);
    memset(s, 0, sizeof *s);
}

/*
 * OLS of y on (1, x_1..x_nx) (intercept = 1) or on x_1..x_nx alone, with
 * GSL; standard errors clustered by s->cl (COW codes, < ORBI_MAX_CCODE).
 */
orb_status orbi_ols(const orbi_sample *s, size_t nx, int intercept, const char *what, orbi_fit *f,
                    orb_error *err)
{
    size_t k = nx + (intercept ? 1 : 0), i, a, b;
    gsl_matrix *X = NULL, *cov = NULL;
    gsl_vector *y = NULL, *c = NULL;
    gsl_multifit_linear_workspace *w = NULL;
    double chisq, s2, xtxi[ORBI_KMAX + 1][ORBI_KMAX + 1], meat[ORBI_KMAX + 1][ORBI_KMAX + 1],
        factor;
    double(*score)[ORBI_KMAX + 1] = NULL;
    unsigned char *seen = NULL;
    orb_status st = ORB_OK;

    memset(f, 0, sizeof *f);
    memset(meat, 0, sizeof meat);
    if (s->n <= k + 1)
        return orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: only %zu observations", what, s->n);
    X = gsl_matrix_alloc(s->n, k);
    y = gsl_vector_alloc(s->n);
    c = gsl_vector_alloc(k);
    cov = gsl_matrix_alloc(k, k);
    w = gsl_multifit_linear_alloc(s->n, k);
    f->resid = malloc(s->n * sizeof *f->resid);
    score = calloc(ORBI_MAX_CCODE, sizeof *score);
    seen = calloc(ORBI_MAX_CCODE, 1);
    if (!X || !y || !c || !cov || !w || !f->resid || !score || !seen) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        if (intercept) gsl_matrix_set(X, i, 0, 1.0);
        for (a = 0; a < nx; a++)
            gsl_matrix_set(X, i, a + (intercept ? 1 : 0), s->x[a][i]);
        gsl_vector_set(y, i, s->y[i]);
    }
    if (gsl_multifit_linear(X, y, c, cov, &chisq, w) != GSL_SUCCESS || !(chisq > 0)) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: least squares failed", what);
        goto done;
    }
    s2 = chisq / (double)(s->n - k);
    for (a = 0; a < k; a++)
        for (b = 0; b < k; b++)
            xtxi[a][b] = gsl_matrix_get(cov, a, b) / s2; /* GSL's cov is s^2 (X'X)^-1 */
    for (i = 0; i < s->n; i++) {
        double u = s->y[i];
        size_t slot = s->contiguous ? 0 : (size_t)s->cl[i];
        for (a = 0; a < k; a++)
            u -= gsl_vector_get(c, a) * gsl_matrix_get(X, i, a);
        f->resid[i] = u;
        if (s->contiguous) { /* clusters are runs: flush at each change */
            if (i > 0 && s->cl[i] != s->cl[i - 1]) {
                orbi_meat_add(meat, score[0], k);
                memset(score[0], 0, sizeof score[0]);
            }
            if (i == 0 || s->cl[i] != s->cl[i - 1]) f->ncl++;
        } else {
            if (!seen[slot]) f->ncl++;
            seen[slot] = 1;
        }
        for (a = 0; a < k; a++)
            score[slot][a] += gsl_matrix_get(X, i, a) * u;
    }
    for (i = 0; i < (s->contiguous ? 1 : ORBI_MAX_CCODE); i++)
        orbi_meat_add(meat, score[i], k);
    factor = (f->ncl > 1) ? ((double)f->ncl / (double)(f->ncl - 1)) *
                                ((double)(s->n - 1) / (double)(s->n - k))
                          : 1.0;
    f->k = k;
    f->n = s->n;
    orbi_sandwich_se((const double(*)[ORBI_KMAX + 1]) xtxi, (const double(*)[ORBI_KMAX + 1]) meat,
                     k, factor, f->se);
    for (a = 0; a < k; a++)
        f->b[a] = gsl_vector_get(c, a);
done:
    gsl_matrix_free(X);
    gsl_vector_free(y);
    gsl_vector_free(c);
    gsl_matrix_free(cov);
    if (w) gsl_multifit_linear_free(w);
    free(score);
    free(seen);
    if (st != ORB_OK) {
        free(f->resid);
        f->resid = NULL;
    }
    return st;
}

orb_status orbi_put_estimate(orb_estimate *out, size_t cap, size_t *n, const char *name, double v,
                             double se, size_t nobs, size_t ncl, int from, int to,
                             const char *method, const char *data, orb_error *err)
{
    orb_estimate *e;

    if (*n >= cap) return orbi_error(err, ORB_EINVAL, NULL, 0, 0, "calibrate: cap too small");
    e = &out[(*n)++];
    memset(e, 0, sizeof *e);
    orbi_strlcpy(e->name, name, sizeof e->name);
    e->value = v;
    e->se = se;
    e->se_dyadic = NAN;
    e->n = nobs;
    e->nclusters = ncl;
    e->from_year = from;
    e->to_year = to;
    orbi_strlcpy(e->method, method, sizeof e->method);
    orbi_strlcpy(e->data, data, sizeof e->data);
    return ORB_OK;
}

void orbi_meat_add(double meat[][ORBI_KMAX + 1], const double *score, size_t k)
{
    size_t a, b;

    for (a = 0; a < k; a++)
        for (b = 0; b < k; b++)
            meat[a][b] += score[a] * score[b];
}

void orbi_sandwich_se(const double bread[][ORBI_KMAX + 1], const double meat[][ORBI_KMAX + 1],
                      size_t k, double factor, double *se)
{
    size_t a, p, q;

    for (a = 0; a < k; a++) {
        double v = 0;
        for (p = 0; p < k; p++)
            for (q = 0; q < k; q++)
                v += bread[a][p] * meat[p][q] * bread[q][a];
        se[a] = sqrt(v * factor);
    }
}

/* ---- economy: convergence toward the frontier (Maddison) ------------------ */

#define MADDISON "economy_maddison/mpd2020.csv"

orb_status orbi_maddison_lny(const char *datadir, const orb_tables *t, int first, int last,
                             double **lny_out, double **lnpop_out, int *frontier_out,
                             orb_error *err)
{
    static const char *const cols[] = {"countrycode", "year", "gdppc", "pop"};
    size_t ny = (size_t)(last - first + 1), i, ix[4];
    double *v = malloc((size_t)ORBI_MAX_CCODE * ny * sizeof *v);
    double *vp = lnpop_out ? malloc((size_t)ORBI_MAX_CCODE * ny * sizeof *vp) : NULL;
    char path[1024];
    orbi_csv c;
    orb_status st;
    int eof = 0, fcode = 0;

    *lny_out = NULL;
    if (lnpop_out) *lnpop_out = NULL;
    if (v == NULL || (lnpop_out && vp == NULL)) {
        free(v);
        free(vp);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    for (i = 0; i < (size_t)ORBI_MAX_CCODE * ny; i++)
        v[i] = vp ? (vp[i] = NAN) : NAN;
    snprintf(path, sizeof path, "%s/%s", datadir, MADDISON);
    if ((st = orbi_csv_open_cols(&c, path, "the raw data folder is ORBIS_DATA", cols, 4, ix,
                                 err)) != ORB_OK) {
        free(v);
        free(vp);
        return st;
    }
    for (;;) {
        int year, cc;
        double x;

        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = orbi_csv_int(&c, ix[1], 0, 3000, &year, err)) != ORB_OK) break;
        if (year < first || year > last) continue;
        if ((st = orbi_csv_double(&c, ix[2], NULL, 1, &x, err)) != ORB_OK) break;
        if (!(x > 0)) continue; /* missing, or the two zeros (UAE 1991-92) SOURCES.md flags */
        if (orb_tables_iso3_to_cow(t, orbi_csv_str(&c, ix[0]), year, &cc) != ORB_OK) continue;
        v[(size_t)cc * ny + (size_t)(year - first)] = log(x);
        if (strcmp(orbi_csv_str(&c, ix[0]), FRONTIER) == 0) fcode = cc;
        if (vp == NULL) continue;
        if ((st = orbi_csv_double(&c, ix[3], NULL, 1, &x, err)) != ORB_OK) break;
        if (x > 0) vp[(size_t)cc * ny + (size_t)(year - first)] = log(x * 1000.0); /* thousands */
    }
    orbi_csv_close(&c);
    if (st == ORB_OK && fcode == 0)
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: no rows for the frontier %s", path,
                        FRONTIER);
    if (st != ORB_OK) {
        free(v);
        free(vp);
        return st;
    }
    *lny_out = v;
    if (lnpop_out) *lnpop_out = vp;
    if (frontier_out) *frontier_out = fcode;
    return ORB_OK;
}

/*
 * Growth: the conditional-convergence regression (Maddison GDP per capita),
 *   dlny_it = alpha + beta (lny_i,t-1 - lny_USA,t-1) + gamma trend5_i,t-1 + e_it,
 * then the size of its shocks. Small economies' growth is more volatile than
 * large ones' (Canning, Amaral, Lee, Meyer & Stanley 1998, Economics Letters
 * 60: sigma ~ GDP^-0.15), so the shocks' SD is a power of the state's share
 * of world GDP, estimated across states with at least ORBI_VOL_MIN_YEARS
 * residuals:
 *   ln sd_i + 1/(2(n_i - 1)) = a_g(i) - kappa (mean_t ln share_i,t-1 - ln s_ref)
 * (sd_i the SD of state i's residuals, the second term the small-sample bias
 * of ln sd; g = Global South or not; share of the sample's world GDP, GDP =
 * Maddison GDP per capita x population; s_ref = ORBI_SHOCK_REF_SHARE). So
 * sigma_g = exp(a_g) is the SD of a state of group g holding s_ref of world
 * GDP, SE by the delta method; SEs heteroskedasticity-robust (each state its
 * own cluster).
 */
/* The states' effects, when asked for (orb_calibrate_growth_effects). */
typedef struct fe_out {
    orb_growth_effect *v;
    size_t cap, n;
} fe_out;

/*
 * The same regression within states: dlny_it - mean_i = beta_w (gap - mean_i)
 * + gamma_w (trend5 - mean_i) + e (states with ORB_GROWTH_EFFECT_MIN_YEARS or
 * more years; SE clustered by state), the state's fixed effect
 * a_i = mean_i(dlny) - beta_w mean_i(gap) - gamma_w mean_i(trend5), its SE
 * s_i = sigma_e / sqrt(T_i) (sigma_e on n - states - 2 degrees of freedom),
 * and empirical Bayes shrinkage toward the group mean m_g (Global South or
 * not): tau_g^2 = var_g(a_i) - mean_g(s_i^2) (method of moments), a_i* = m_g +
 * tau_g^2 / (tau_g^2 + s_i^2) (a_i - m_g). Writes econ.fe_beta,
 * econ.fe_momentum, econ.fe_mean_south and econ.fe_mean_north, and the effects
 * to fe when it is not NULL.
 */
static orb_status cal_fixed_effects(const orb_tables *t, const orbi_sample *s, int from, int to,
                                    orb_estimate *out, size_t cap, size_t *n, fe_out *fe,
                                    orb_error *err)
{
    const char *m = "OLS within states, SE by state; group mean of the fixed effects";
    double *sum = calloc((size_t)ORBI_MAX_CCODE * 3, sizeof *sum), *a = NULL, ssr = 0;
    size_t *cnt = calloc(ORBI_MAX_CCODE, sizeof *cnt), i, ns = 0, k;
    double gm[2] = {0, 0}, gv[2] = {0, 0}, gs2[2] = {0, 0}, tau2[2];
    size_t gn[2] = {0, 0};
    orbi_sample d = {0};
    orbi_fit f = {0};
    orb_status st = ORB_OK;
    int c;

    if (sum == NULL || cnt == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        c = s->cl[i];
        sum[3 * (size_t)c] += s->y[i];
        sum[3 * (size_t)c + 1] += s->x[0][i];
        sum[3 * (size_t)c + 2] += s->x[1][i];
        cnt[c]++;
    }
    for (i = 0; i < s->n; i++) {
        double x[2], T;
        c = s->cl[i];
        if (cnt[c] < ORB_GROWTH_EFFECT_MIN_YEARS) continue;
        T = (double)cnt[c];
        x[0] = s->x[0][i] - sum[3 * (size_t)c + 1] / T;
        x[1] = s->x[1][i] - sum[3 * (size_t)c + 2] / T;
        if (orbi_sample_add(&d, x, 2, s->y[i] - sum[3 * (size_t)c] / T, c, 0)) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    if ((st = orbi_ols(&d, 2, 0, "growth within states", &f, err)) != ORB_OK) goto done;
    for (i = 0; i < f.n; i++)
        ssr += f.resid[i] * f.resid[i];
    a = calloc(ORBI_MAX_CCODE, sizeof *a);
    if (a == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (c = 1; c < ORBI_MAX_CCODE; c++) {
        const orbi_state_info *info = orbi_tables_state(t, c);
        const int g = info && info->global_south;
        double T = (double)cnt[c];
        if (cnt[c] < ORB_GROWTH_EFFECT_MIN_YEARS) continue;
        a[c] = (sum[3 * (size_t)c] - f.b[0] * sum[3 * (size_t)c + 1] -
                f.b[1] * sum[3 * (size_t)c + 2]) /
               T;
        gm[g] += a[c];
        gn[g]++;
        ns++;
    }
    if (ns < 3 || gn[0] < 2 || gn[1] < 2 || f.n <= ns + 2) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "growth effects: too few states");
        goto done;
    }
    {
        const double se2 = ssr / (double)(f.n - ns - 2); /* sigma_e^2 */
        for (k = 0; k < 2; k++)
            gm[k] /= (double)gn[k];
        for (c = 1; c < ORBI_MAX_CCODE; c++) {
            const orbi_state_info *info = orbi_tables_state(t, c);
            const int g = info && info->global_south;
            if (cnt[c] < ORB_GROWTH_EFFECT_MIN_YEARS) continue;
            gv[g] += (a[c] - gm[g]) * (a[c] - gm[g]) / (double)(gn[g] - 1);
            gs2[g] += se2 / (double)cnt[c] / (double)gn[g];
        }
        for (k = 0; k < 2; k++) /* the effects' true spread; a floor keeps it positive */
            tau2[k] = gv[k] - gs2[k] > 1e-3 * gv[k] ? gv[k] - gs2[k] : 1e-3 * gv[k];
        for (c = 1; fe != NULL && c < ORBI_MAX_CCODE; c++) {
            const orbi_state_info *info = orbi_tables_state(t, c);
            const int g = info && info->global_south;
            orb_growth_effect *e;
            double s2 = se2 / (double)cnt[c];
            if (cnt[c] < ORB_GROWTH_EFFECT_MIN_YEARS) continue;
            if (fe->n >= fe->cap) {
                st = orbi_error(err, ORB_ERANGE, NULL, 0, 0, "growth effects: more than %zu",
                                fe->cap);
                goto done;
            }
            e = &fe->v[fe->n++];
            e->ccode = c;
            e->global_south = g;
            e->years = cnt[c];
            e->raw = a[c];
            e->se = sqrt(s2);
            e->shrink = tau2[g] / (tau2[g] + s2);
            e->effect = gm[g] + e->shrink * (a[c] - gm[g]);
        }
        if ((st = orbi_put_estimate(out, cap, n, "econ.fe_beta", f.b[0], f.se[0], f.n, f.ncl, from,
                                    to, m, MADDISON, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.fe_momentum", f.b[1], f.se[1], f.n, f.ncl,
                                    from, to, m, MADDISON, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.fe_mean_south", gm[1],
                                    sqrt(gv[1] / (double)gn[1]), f.n, gn[1], from, to, m, MADDISON,
                                    err)) != ORB_OK)
            goto done;
        st = orbi_put_estimate(out, cap, n, "econ.fe_mean_north", gm[0],
                               sqrt(gv[0] / (double)gn[0]), f.n, gn[0], from, to, m, MADDISON, err);
    }
done:
    free(sum);
    free(cnt);
    free(a);
    free(f.resid);
    orbi_sample_free(&d);
    return st;
}

static orb_status cal_economy(const char *datadir, const orb_tables *t, const samples *sm,
                              orb_estimate *out, size_t cap, size_t *n, fe_out *fe, orb_error *err)
{
    const int MAD_FIRST = sm->econ_from - 1 - ORB_TREND_YEARS, ECON_FROM = sm->econ_from;
    const int ECON_TO = sm->econ_to, MAD_NY = ECON_TO - MAD_FIRST + 1;
    double *lnyv = NULL, *lnpv = NULL;
    double *front = calloc((size_t)MAD_NY, sizeof *front);
    double *world = calloc((size_t)MAD_NY, sizeof *world);
    double *ssum = calloc((size_t)ORBI_MAX_CCODE * 3, sizeof *ssum); /* sum e, e^2, ln share */
    size_t *scount = calloc((size_t)ORBI_MAX_CCODE, sizeof *scount);
    size_t i;
    int yr, fcode = 0;
    orbi_sample s = {0}, v = {0};
    orbi_fit f = {0}, fv = {0};
    orb_status st;

#define lny(cc, k) lnyv[(size_t)(cc) * (size_t)MAD_NY + (size_t)(k)]
#define lnp(cc, k) lnpv[(size_t)(cc) * (size_t)MAD_NY + (size_t)(k)]
    if (front == NULL || world == NULL || ssum == NULL || scount == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = orbi_maddison_lny(datadir, t, MAD_FIRST, ECON_TO, &lnyv, &lnpv, &fcode, err)) !=
        ORB_OK)
        goto done;
    for (yr = 0; yr < MAD_NY; yr++) {
        front[yr] = lny(fcode, yr);
        for (i = 1; i < ORBI_MAX_CCODE; i++) /* world GDP: the states with both series */
            if (!isnan(lny(i, yr)) && !isnan(lnp(i, yr))) world[yr] += exp(lny(i, yr) + lnp(i, yr));
    }
    for (i = 0; i < ORBI_MAX_CCODE; i++) {
        for (yr = ECON_FROM - MAD_FIRST; yr < MAD_NY; yr++) {
            double a = lny(i, yr - 1), b = lny(i, yr), h = lny(i, yr - 1 - ORB_TREND_YEARS), x[2];
            if (isnan(a) || isnan(b) || isnan(h) || isnan(front[yr - 1])) continue;
            x[0] = a - front[yr - 1];         /* gap to the frontier */
            x[1] = (a - h) / ORB_TREND_YEARS; /* the state's own recent trend */
            /* grp: the observation's year index, to find its size below */
            if (orbi_sample_add(&s, x, 2, b - a, (int)i, yr)) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
    }
    if ((st = orbi_ols(&s, 2, 1, "convergence regression", &f, err)) != ORB_OK) goto done;
    for (i = 0; i < s.n; i++) { /* each state's residuals and mean log share of world GDP */
        int cc = s.cl[i], y1 = s.grp[i] - 1;
        double e = f.resid[i], lp = lnp(cc, y1);
        if (isnan(lp) || !(world[y1] > 0)) continue;
        ssum[3 * (size_t)cc] += e;
        ssum[3 * (size_t)cc + 1] += e * e;
        ssum[3 * (size_t)cc + 2] += lny(cc, y1) + lp - log(world[y1]);
        scount[cc]++;
    }
    for (i = 0; i < ORBI_MAX_CCODE; i++) {
        const orbi_state_info *info = orbi_tables_state(t, (int)i);
        double m, var, x[3];
        int gs;
        if (scount[i] < ORBI_VOL_MIN_YEARS) continue;
        m = ssum[3 * i] / (double)scount[i];
        var = (ssum[3 * i + 1] - (double)scount[i] * m * m) / (double)(scount[i] - 1);
        if (!(var > 0)) continue;
        gs = info ? info->global_south : 0;
        x[0] = gs ? 0.0 : 1.0;
        x[1] = gs ? 1.0 : 0.0;
        x[2] = ssum[3 * i + 2] / (double)scount[i] - log(ORBI_SHOCK_REF_SHARE);
        if (orbi_sample_add(&v, x, 3, 0.5 * log(var) + 0.5 / (double)(scount[i] - 1), (int)i, gs)) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    if ((st = orbi_ols(&v, 3, 0, "shock size regression", &fv, err)) != ORB_OK) goto done;
    {
        const char *m = "OLS dlny = a + b ln(y/y_USA) + c trend5, SE clustered by state";
        const char *m2 = "ln sd_i = a_g - kappa ln(share_i/0.01) across states, robust SE";
        const char *d2 = "economy_maddison/mpd2020.csv (gdppc, pop)";
        double sn = exp(fv.b[0]), ss = exp(fv.b[1]);
        size_t nn = 0, nsouth = 0;
        for (i = 0; i < v.n; i++)
            nsouth += v.grp[i] != 0;
        nn = v.n - nsouth;
        if ((st = orbi_put_estimate(out, cap, n, "econ.alpha", f.b[0], f.se[0], f.n, f.ncl,
                                    ECON_FROM, ECON_TO, m, MADDISON, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.beta", f.b[1], f.se[1], f.n, f.ncl,
                                    ECON_FROM, ECON_TO, m, MADDISON, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.momentum", f.b[2], f.se[2], f.n, f.ncl,
                                    ECON_FROM, ECON_TO, m, MADDISON, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.shock_sd_south", ss, ss * fv.se[1], nsouth,
                                    nsouth, ECON_FROM, ECON_TO, m2, d2, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.shock_sd_north", sn, sn * fv.se[0], nn, nn,
                                    ECON_FROM, ECON_TO, m2, d2, err)) != ORB_OK ||
            (st = orbi_put_estimate(out, cap, n, "econ.shock_size", -fv.b[2], fv.se[2], fv.n,
                                    fv.ncl, ECON_FROM, ECON_TO, m2, d2, err)) != ORB_OK)
            goto done;
    }
    st = cal_fixed_effects(t, &s, ECON_FROM, ECON_TO, out, cap, n, fe, err);
done:
    free(f.resid);
    free(fv.resid);
    orbi_sample_free(&s);
    orbi_sample_free(&v);
    free(lnyv);
    free(lnpv);
    free(front);
    free(world);
    free(ssum);
    free(scount);
    return st;
#undef lny
#undef lnp
}

/* ---- demography: persistence of population growth and urbanisation ------ */

static double comp_at(const orb_panel *p, int cc, int year, int k)
{
    size_t r = orbi_panel_find(p, cc, year);
    return r == (size_t)-1 ? NAN : p->comp[r * ORB_NCOMP + (size_t)k];
}

static double pop_at(const orb_panel *p, int cc, int year)
{
    size_t r = orbi_panel_find(p, cc, year);
    return r == (size_t)-1 ? NAN : p->pop_wb[r];
}

/*
 * A state's population over the window t - ORB_POP_TREND_YEARS .. t into pw
 * and at t + POP_H into *ph, from one source: the World Bank; for a window
 * that begins before its first year (POP_WB_FIRST), COW NMC's total
 * population (thousands: only ratios are used). 0 if that source lacks a year.
 */
#define POP_WB_FIRST 1960
static int pop_window(const orb_panel *p, int cc, int t, int h, double *pw, double *ph)
{
    const int nmc = t - ORB_POP_TREND_YEARS < POP_WB_FIRST;
    int k;

    for (k = 0; k <= ORB_POP_TREND_YEARS; k++) {
        int y = t - ORB_POP_TREND_YEARS + k;
        pw[k] = nmc ? comp_at(p, cc, y, ORB_TPOP) : pop_at(p, cc, y);
        if (!(pw[k] > 0)) return 0;
    }
    *ph = nmc ? comp_at(p, cc, t + h, ORB_TPOP) : pop_at(p, cc, t + h);
    return *ph > 0;
}

/*
 * Population growth: n <- rho n + d, d <- phi d (economy.c), n_t the state's
 * growth at origin t and d_t its trend (orbi_pop_trend: the OLS slope of its
 * last 10 yearly growth rates, World Bank). The mean growth over the next
 * H = 10 years is then A(rho) n_t + B(rho, phi) d_t, A = (1/H) sum_h rho^h,
 * B = (1/H) sum_h sum_{k<=h} rho^(h-k) phi^k. (rho, phi) minimise the
 * population-weighted absolute error over a grid (rho 0.9-1 by 0.0025, phi
 * 0-1 by 0.02): least absolute deviations because refugee flows (Afghanistan,
 * Rwanda, Kuwait, Bosnia) swing growth and reverse; population weights
 * because the demographic transition, not migration, drives the large
 * states' paths. SEs by a bootstrap over states (POP_BOOT draws).
 * Urbanisation: ORB_TREND_YEARS-year windows, g(t, t+W) = rho_W g(t-W, t)
 * through the origin, rho by the delta method, SE clustered by state.
 */
#define POP_H        10
#define POP_BOOT     100
#define POP_SEED     UINT64_C(20240516)
#define POP_RHO_LO   0.9
#define POP_RHO_N    41
#define POP_RHO_STEP 0.0025
#define POP_PHI_N    51
#define POP_PHI_STEP 0.02
#define POP_REFINE   50
#define POP_QLO      0.01
#define POP_QHI      0.99

typedef struct pop_obs {
    double y, n, d, w; /* mean growth over H years, growth and trend at t, weight */
    int cl;            /* cluster: the state */
} pop_obs;

/* A(rho) and B(rho, phi) above. */
static void pop_coef(double rho, double phi, double *A, double *B)
{
    int h, k;

    *A = *B = 0;
    for (h = 1; h <= POP_H; h++) {
        *A += pow(rho, h);
        for (k = 1; k <= h; k++)
            *B += pow(rho, h - k) * pow(phi, k);
    }
    *A /= POP_H;
    *B /= POP_H;
}

/* The grid point of least weighted absolute error; each observation's weight
 * times mult[cl] (NULL: 1). */
static double pop_obj(const pop_obs *o, size_t n, const double *mult, double a, double b)
{
    double obj = 0;
    size_t k;

    for (k = 0; k < n; k++)
        obj += o[k].w * (mult ? mult[o[k].cl] : 1.0) * fabs(o[k].y - a * o[k].n - b * o[k].d);
    return obj;
}

static void pop_fit(const pop_obs *o, size_t n, const double *A, const double *B,
                    const double *mult, double *rho, double *phi)
{
    double best = INFINITY, r0, f0;
    size_t i, j;

    for (i = 0; i < POP_RHO_N; i++)
        for (j = 0; j < POP_PHI_N; j++) {
            double obj = pop_obj(o, n, mult, A[i * POP_PHI_N + j], B[i * POP_PHI_N + j]);
            if (obj < best) {
                best = obj;
                *rho = POP_RHO_LO + (double)i * POP_RHO_STEP;
                *phi = (double)j * POP_PHI_STEP;
            }
        }
    /* then rho to a fiftieth of the grid step around the best point, phi held */
    r0 = *rho;
    f0 = *phi;
    for (i = 0; i <= 2 * POP_REFINE; i++) {
        double r = r0 + POP_RHO_STEP * ((double)i - POP_REFINE) / POP_REFINE, a, b, obj;
        if (r < POP_RHO_LO || r > 1) continue;
        pop_coef(r, f0, &a, &b);
        obj = pop_obj(o, n, mult, a, b);
        if (obj < best) {
            best = obj;
            *rho = r;
        }
    }
}

static int cmp_pop_y(const void *a, const void *b)
{
    double x = ((const pop_obs *)a)->y, y = ((const pop_obs *)b)->y;
    return (x > y) - (x < y);
}

/* The 1st and 99th percentiles of the 10-year mean growth of o (sorted by
 * y): type 7 (orb_quantile) when mult is NULL; in a bootstrap draw, each
 * observation counted mult[cl] times, the empirical quantile of the draw. */
static void pop_bounds(const pop_obs *o, size_t n, const double *mult, double *ys, double *lo,
                       double *hi)
{
    double tot = 0, acc = 0;
    size_t k;

    if (mult == NULL) {
        for (k = 0; k < n; k++)
            ys[k] = o[k].y;
        *lo = orb_quantile(ys, n, POP_QLO);
        *hi = orb_quantile(ys, n, POP_QHI);
        return;
    }
    for (k = 0; k < n; k++)
        tot += mult[o[k].cl];
    *lo = *hi = NAN;
    for (k = 0; k < n; k++) {
        acc += mult[o[k].cl];
        if (isnan(*lo) && acc >= POP_QLO * tot) *lo = o[k].y;
        if (isnan(*hi) && acc >= POP_QHI * tot) *hi = o[k].y;
    }
}

/* Population growth persistence and trend persistence (the comment above). */
static orb_status cal_pop_trend(const orb_panel *p, const samples *sm, orb_estimate *out,
                                size_t cap, size_t *n, orb_error *err)
{
    pop_obs *o = NULL;
    double *mult = NULL, *A = NULL, *B = NULL, rho = 0, phi = 0;
    double s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0}, se[4], qlo, qhi, *ys = NULL;
    int *clus = NULL; /* COW code -> cluster + 1 */
    size_t no = 0, r, ns = 0, b, i, j;
    orb_status st = ORB_OK;
    orb_rng rng;
    const char *m = "pop-weighted LAD: 10-year mean growth on growth and trend at t; SE "
                    "bootstrap";
    const char *d = sm->pop_from - ORB_POP_TREND_YEARS < POP_WB_FIRST
                        ? "economy_worldbank (population); cow_nmc (tpop) for windows before 1960"
                        : "economy_worldbank (population)";

    o = malloc((p->nrows + 1) * sizeof *o);
    clus = calloc(ORBI_MAX_CCODE, sizeof *clus);
    ys = malloc((p->nrows + 1) * sizeof *ys);
    A = malloc(POP_RHO_N * POP_PHI_N * sizeof *A);
    B = malloc(POP_RHO_N * POP_PHI_N * sizeof *B);
    if (!o || !clus || !A || !B || !ys) goto nomem;
    for (i = 0; i < POP_RHO_N; i++)
        for (j = 0; j < POP_PHI_N; j++)
            pop_coef(POP_RHO_LO + (double)i * POP_RHO_STEP, (double)j * POP_PHI_STEP,
                     &A[i * POP_PHI_N + j], &B[i * POP_PHI_N + j]);
    for (r = 0; r < p->nrows; r++) {
        int cc = p->ccode[r], t = p->year[r];
        double pw[ORB_POP_TREND_YEARS + 1], g, dd, ph;
        if (t < sm->pop_from || t + POP_H > sm->pop_to) continue;
        if (cc < 0 || cc >= ORBI_MAX_CCODE) continue;
        if (!pop_window(p, cc, t, POP_H, pw, &ph) || !orbi_pop_trend(pw, &g, &dd)) continue;
        if (clus[cc] == 0) clus[cc] = (int)++ns;
        o[no].y = log(ph / pw[ORB_POP_TREND_YEARS]) / POP_H;
        o[no].n = g;
        o[no].d = dd;
        o[no].w = pw[ORB_POP_TREND_YEARS];
        o[no++].cl = clus[cc] - 1;
    }
    if (no < 10) {
        st =
            orbi_error(err, ORB_ENODATA, NULL, 0, 0, "population growth: %zu observations in %d-%d",
                       no, sm->pop_from, sm->pop_to);
        goto done;
    }
    qsort(o, no, sizeof *o, cmp_pop_y); /* for the percentiles; the fit is order-free */
    pop_fit(o, no, A, B, NULL, &rho, &phi);
    pop_bounds(o, no, NULL, ys, &qlo, &qhi);
    if (!(mult = calloc(ns, sizeof *mult))) goto nomem;
    orb_rng_init(&rng, POP_SEED, 0);
    for (b = 0; b < POP_BOOT; b++) { /* states drawn with replacement */
        double br = 0, bp = 0;
        size_t k;
        for (k = 0; k < ns; k++)
            mult[k] = 0;
        for (k = 0; k < ns; k++) {
            size_t pick = (size_t)(orb_rng_uniform(&rng, b, k, 0) * (double)ns);
            mult[pick < ns ? pick : ns - 1] += 1;
        }
        pop_fit(o, no, A, B, mult, &br, &bp);
        s1[0] += br;
        s2[0] += br * br;
        s1[1] += bp;
        s2[1] += bp * bp;
        pop_bounds(o, no, mult, ys, &br, &bp);
        s1[2] += br;
        s2[2] += br * br;
        s1[3] += bp;
        s2[3] += bp * bp;
    }
    for (i = 0; i < 4; i++)
        se[i] = sqrt(fmax(0.0, (s2[i] - s1[i] * s1[i] / POP_BOOT) / (POP_BOOT - 1)));
    if (phi <= 0) se[1] = NAN; /* at the bound of its range: no standard error */
    if ((st = orbi_put_estimate(out, cap, n, "demo.pop_persistence", rho, se[0], no, ns,
                                sm->pop_from, sm->pop_to, m, d, err)) != ORB_OK)
        goto done;
    if ((st = orbi_put_estimate(out, cap, n, "demo.pop_trend_persistence", phi, se[1], no, ns,
                                sm->pop_from, sm->pop_to, m, d, err)) != ORB_OK ||
        (st = orbi_put_estimate(
             out, cap, n, "demo.pop_growth_min", qlo, se[2], no, ns, sm->pop_from, sm->pop_to,
             "1st percentile of 10-year mean growth (type 7); SE bootstrap", d, err)) != ORB_OK)
        goto done;
    st = orbi_put_estimate(out, cap, n, "demo.pop_growth_max", qhi, se[3], no, ns, sm->pop_from,
                           sm->pop_to,
                           "99th percentile of 10-year mean growth (type 7); SE bootstrap", d, err);
    goto done;
nomem:
    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
done:
    free(o);
    free(clus);
    free(mult);
    free(A);
    free(B);
    free(ys);
    return st;
}

static orb_status cal_demography(const orb_panel *p, const samples *sm, orb_estimate *out,
                                 size_t cap, size_t *n, orb_error *err)
{
    const int POP_FROM = sm->pop_from, POP_TO = sm->pop_to;
    const int W = ORB_TREND_YEARS;
    orbi_sample su = {0};
    orbi_fit fu = {0};
    orb_status st;
    size_t r;
    const char *m = "OLS g(t,t+5) = rho^5 g(t-5,t), rho by delta method, SE clustered";

    if ((st = cal_pop_trend(p, sm, out, cap, n, err)) != ORB_OK) return st;
    for (r = 0; r < p->nrows; r++) {
        int cc = p->ccode[r], y = p->year[r];
        double t0 = comp_at(p, cc, y - W, ORB_TPOP), t1 = p->comp[r * ORB_NCOMP + ORB_TPOP];
        double t2 = comp_at(p, cc, y + W, ORB_TPOP), u0 = comp_at(p, cc, y - W, ORB_UPOP);
        double u1 = p->comp[r * ORB_NCOMP + ORB_UPOP], u2 = comp_at(p, cc, y + W, ORB_UPOP);
        double x;
        if (y - W < POP_FROM - 1 || y + W > POP_TO) continue;
        if (!(t0 > 0 && t1 > 0 && t2 > 0 && u0 > 0 && u1 > 0 && u2 > 0)) continue;
        x = log(u1 / u0) - log(t1 / t0);
        if (orbi_sample_add(&su, &x, 1, log(u2 / u1) - log(t2 / t1), cc, 0)) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    if ((st = orbi_ols(&su, 1, 0, "urbanisation persistence", &fu, err)) != ORB_OK) goto done;
    if (!(fu.b[0] > 0)) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "urbanisation persistence is not positive");
        goto done;
    }
    {
        double ru = pow(fu.b[0], 1.0 / W), su1 = ru / (W * fu.b[0]) * fu.se[0];
        st = orbi_put_estimate(out, cap, n, "demo.urban_persistence", ru, su1, fu.n, fu.ncl,
                               POP_FROM, POP_TO, m, "cow_nmc (upop, tpop)", err);
    }
done:
    free(fu.resid);
    orbi_sample_free(&su);
    return st;
}

/* ---- capabilities: elasticities of irst, pec, milper to real GDP ------------ */

static orb_status cal_components(const orb_panel *p, const samples *sm, orb_estimate *out,
                                 size_t cap, size_t *n, orb_error *err)
{
    const int NMC_FROM = sm->nmc_from, NMC_TO = sm->nmc_to;
    static const struct {
        int k;
        const char *trend, *elast, *sd, *size;
    } comps[] = {{ORB_IRST, "power.irst_trend", "power.irst_elasticity", "power.irst_shock_sd",
                  "power.irst_shock_size"},
                 {ORB_PEC, "power.pec_trend", "power.pec_elasticity", "power.pec_shock_sd",
                  "power.pec_shock_size"},
                 {ORB_MILPER, "power.milper_trend", "power.milper_elasticity",
                  "power.milper_shock_sd", "power.milper_shock_size"}};
    const char *m = "OLS dlnX = a + e dlnGDP, SE clustered by state";
    const char *m2 = "ln sd_i = a - kappa ln(share_i/0.01) across states, robust SE";
    const char *d = "cow_nmc + economy_fariss_sim (pwtrgdp)";
    double *tot = calloc(ORBI_NYEARS, sizeof *tot);
    double *ssum = calloc((size_t)ORBI_MAX_CCODE * 3, sizeof *ssum); /* sum e, e^2, ln share */
    size_t *scount = calloc(ORBI_MAX_CCODE, sizeof *scount);
    orb_status st = ORB_OK;
    size_t j, r;

    if (tot == NULL || ssum == NULL || scount == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (j = 0; st == ORB_OK && j < sizeof comps / sizeof comps[0]; j++) {
        const size_t k = (size_t)comps[j].k;
        orbi_sample s = {0}, v = {0};
        orbi_fit f = {0}, fv = {0};
        int c;
        memset(tot, 0, ORBI_NYEARS * sizeof *tot);
        memset(ssum, 0, (size_t)ORBI_MAX_CCODE * 3 * sizeof *ssum);
        memset(scount, 0, (size_t)ORBI_MAX_CCODE * sizeof *scount);
        for (r = 0; r < p->nrows; r++) /* the world's total of the component, by year */
            if (p->comp[r * ORB_NCOMP + k] > 0)
                tot[p->year[r] - ORB_FIRST_YEAR] += p->comp[r * ORB_NCOMP + k];
        for (r = 0; r < p->nrows; r++) {
            int cc = p->ccode[r], y = p->year[r];
            size_t q;
            double x0, x1, g0, g1;
            if (y < NMC_FROM || y > NMC_TO || p->gdp_ppp_kind[r] != 1) continue;
            q = orbi_panel_find(p, cc, y - 1);
            if (q == (size_t)-1 || p->gdp_ppp_kind[q] != 1) continue;
            x0 = p->comp[q * ORB_NCOMP + k];
            x1 = p->comp[r * ORB_NCOMP + k];
            g0 = p->gdp_ppp[q];
            g1 = p->gdp_ppp[r];
            if (!(x0 > 0 && x1 > 0 && g0 > 0 && g1 > 0)) continue;
            g0 = log(g1 / g0);
            /* grp: the share of the world's component the year before, for the shocks */
            if (orbi_sample_add(&s, &g0, 1, log(x1 / x0), cc, (int)r)) {
                orbi_sample_free(&s);
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
        st = orbi_ols(&s, 1, 1, comps[j].elast, &f, err);
        for (r = 0; st == ORB_OK && r < s.n; r++) { /* each state's residuals and share */
            const size_t row = (size_t)s.grp[r], q = orbi_panel_find(p, s.cl[r], p->year[row] - 1);
            const double e = f.resid[r],
                         sh = p->comp[q * ORB_NCOMP + k] / tot[p->year[row] - 1 - ORB_FIRST_YEAR];
            c = s.cl[r];
            ssum[3 * (size_t)c] += e;
            ssum[3 * (size_t)c + 1] += e * e;
            ssum[3 * (size_t)c + 2] += log(sh);
            scount[c]++;
        }
        for (c = 0; st == ORB_OK && c < ORBI_MAX_CCODE; c++) {
            double mm, var, x[1];
            if (scount[c] < ORBI_VOL_MIN_YEARS) continue;
            mm = ssum[3 * (size_t)c] / (double)scount[c];
            var = (ssum[3 * (size_t)c + 1] - (double)scount[c] * mm * mm) / (double)(scount[c] - 1);
            if (!(var > 0)) continue;
            x[0] = ssum[3 * (size_t)c + 2] / (double)scount[c] - log(ORBI_SHOCK_REF_SHARE);
            if (orbi_sample_add(&v, x, 1, 0.5 * log(var) + 0.5 / (double)(scount[c] - 1), c, 0)) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
        }
        if (st == ORB_OK) st = orbi_ols(&v, 1, 1, comps[j].size, &fv, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, comps[j].trend, f.b[0], f.se[0], f.n, f.ncl,
                                   NMC_FROM, NMC_TO, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, comps[j].elast, f.b[1], f.se[1], f.n, f.ncl,
                                   NMC_FROM, NMC_TO, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, comps[j].sd, exp(fv.b[0]), exp(fv.b[0]) * fv.se[0],
                                   fv.n, fv.ncl, NMC_FROM, NMC_TO, m2, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, comps[j].size, -fv.b[1], fv.se[1], fv.n, fv.ncl,
                                   NMC_FROM, NMC_TO, m2, d, err);
        free(f.resid);
        free(fv.resid);
        orbi_sample_free(&s);
        orbi_sample_free(&v);
    }
done:
    free(tot);
    free(ssum);
    free(scount);
    return st;
}

/* ---- trade: scale of the gravity form ------------------------------------------ */

#define COWTRADE "cow_trade/cow_trade_sy_v4.csv"

static orb_status cal_trade(const char *datadir, const orb_tables *t, const orb_panel *p,
                            const samples *sm, double theta, orb_estimate *out, size_t cap,
                            size_t *n, orb_error *err)
{
    const int TRADE_YEAR = sm->trade_year;
    static const char *const cols[] = {"ccode", "year", "imports", "exports"};
    size_t ix[4], r0, nr, i, j, m = 0;
    double *trade = calloc(ORBI_MAX_CCODE, sizeof *trade), sum = 0, sum2 = 0, yw = 0;
    double lat[ORBI_MAX_CCODE], lon[ORBI_MAX_CCODE];
    char path[1024];
    orbi_csv c;
    int eof = 0;
    orb_status st;

    if (trade == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (i = 0; i < ORBI_MAX_CCODE; i++)
        trade[i] = NAN;
    snprintf(path, sizeof path, "%s/%s", datadir, COWTRADE);
    if ((st = orbi_csv_open_cols(&c, path, "the raw data folder is ORBIS_DATA", cols, 4, ix,
                                 err)) != ORB_OK) {
        free(trade);
        return st;
    }
    for (;;) {
        int cc, y;
        double im, ex;
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = orbi_csv_int(&c, ix[0], 1, ORBI_MAX_CCODE - 1, &cc, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[1], 1800, 3000, &y, err)) != ORB_OK)
            break;
        if (y != TRADE_YEAR) continue;
        if ((st = orbi_csv_double(&c, ix[2], "-9", 1, &im, err)) != ORB_OK ||
            (st = orbi_csv_double(&c, ix[3], "-9", 1, &ex, err)) != ORB_OK)
            break;
        if (im >= 0 && ex >= 0) trade[cc] = (im + ex) * 1e6; /* millions of USD */
    }
    orbi_csv_close(&c);
    if (st != ORB_OK) goto done;
    r0 = p->year_start[TRADE_YEAR - ORB_FIRST_YEAR];
    nr = p->year_count[TRADE_YEAR - ORB_FIRST_YEAR];
    for (i = 0; i < nr; i++)
        if (!orbi_tables_capital(t, p->ccode[r0 + i], TRADE_YEAR, &lat[i], &lon[i])) lat[i] = NAN;
    for (i = 0; i < nr; i++) /* world GDP over the states with a GDP and a capital */
        if (p->gdp_ppp[r0 + i] > 0 && !isnan(lat[i])) yw += p->gdp_ppp[r0 + i];
    for (i = 0; i < nr; i++) {
        double gi = p->gdp_ppp[r0 + i], s = 0, v = trade[p->ccode[r0 + i]];
        if (!(gi > 0) || isnan(lat[i]) || !(v > 0)) continue;
        for (j = 0; j < nr; j++) {
            double gj = p->gdp_ppp[r0 + j];
            if (j == i || !(gj > 0) || isnan(lat[j])) continue;
            s += gi * gj / (yw * pow(orb_distance_km(lat[i], lon[i], lat[j], lon[j]), theta));
        }
        sum += log(v / s);
        sum2 += log(v / s) * log(v / s);
        m++;
    }
    if (m < 30) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "gravity scale: %zu states", m);
        goto done;
    }
    {
        double mean = sum / (double)m, var = (sum2 - (double)m * mean * mean) / (double)(m - 1);
        st = orbi_put_estimate(
            out, cap, n, "trade.log_scale", mean, sqrt(var / (double)m), m, m, TRADE_YEAR,
            TRADE_YEAR, "mean of ln(T_i / sum_j GDP_i GDP_j / (Y_W d_ij^theta)), SE sd/sqrt(n)",
            "cow_trade + economy_fariss_sim + capitals", err);
    }
done:
    free(trade);
    return st;
}

/* The samples of a calibration's options (the years of each sample). */
static orb_status samples_of(const orb_calibrate_opts *opts, samples *s, orb_error *err)
{
    if (opts->last_year != 0 &&
        (opts->last_year < ORB_CALIBRATE_MIN_YEAR || opts->last_year > ORB_LAST_YEAR))
        ORB_FAIL(err, ORB_ERANGE, "calibration last year %d is outside %d-%d", opts->last_year,
                 ORB_CALIBRATE_MIN_YEAR, ORB_LAST_YEAR);
    if (opts->years != 0 && (opts->years < 10 || opts->years > 100))
        ORB_FAIL(err, ORB_EINVAL, "calibration span %d must be 10-100 years", opts->years);
    s->econ_to = opts->last_year ? imin(opts->last_year, ECON_LAST) : ECON_LAST;
    s->nmc_to = opts->last_year ? imin(opts->last_year, NMC_LAST) : NMC_LAST;
    s->pop_to = opts->last_year ? imin(opts->last_year, POP_LAST) : POP_LAST;
    s->trade_year = opts->last_year ? imin(opts->last_year, TRADE_LAST) : TRADE_LAST;
    s->econ_from = s->nmc_from = s->pop_from = DEF_FROM;
    if (opts->last_year != 0 || opts->years != 0) { /* the span ends at the last year */
        int span = opts->years ? opts->years : ECON_LAST - DEF_FROM + 1;
        s->econ_from = s->econ_to - span + 1;
        s->nmc_from = s->nmc_to - span + 1;
        s->pop_from = s->pop_to - span + 1;
    }
    return ORB_OK;
}

orb_status orb_calibrate(const char *datadir, const orb_tables *t, const orb_panel *p,
                         const orb_calibrate_opts *opts, orb_estimate *out, size_t cap,
                         size_t *n_out, orb_error *err)
{
    orb_calibrate_opts def_opts = orb_calibrate_opts_default();
    orb_params def;
    gsl_error_handler_t *old;
    orb_status st;
    samples sm = {0, 0, 0, 0, 0, 0, 0};
    size_t n = 0;

    if (datadir == NULL || t == NULL || p == NULL || out == NULL || n_out == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_calibrate: NULL argument");
    *n_out = 0;
    if (opts == NULL) opts = &def_opts;
    ORB_TRY(samples_of(opts, &sm, err));
    orb_params_default(&def);
    old = gsl_set_error_handler_off(); /* GSL reports through return codes here */
    st = cal_economy(datadir, t, &sm, out, cap, &n, NULL, err);
    if (st == ORB_OK) st = cal_demography(p, &sm, out, cap, &n, err);
    if (st == ORB_OK) st = cal_components(p, &sm, out, cap, &n, err);
    if (st == ORB_OK)
        st = cal_trade(datadir, t, p, &sm, orb_params_get(&def, "trade.theta"), out, cap, &n, err);
    if (st == ORB_OK)
        st = orbi_calibrate_dyadic(datadir, t, p, opts->last_year, def.v, out, cap, &n, err);
    gsl_set_error_handler(old);
    if (st == ORB_OK) *n_out = n;
    return st;
}

orb_status orb_calibrate_apply(const orb_estimate *est, size_t n, orb_params *params,
                               orb_error *err)
{
    if (params == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_calibrate_apply: a required argument is NULL");
    orb_params p = *params;
    size_t i;

    for (i = 0; i < n; i++)
        ORB_TRY(orb_params_set(&p, est[i].name, est[i].value, err));
    *params = p;
    return ORB_OK;
}

orb_status orb_calibrate_growth_effects(const char *datadir, const orb_tables *t,
                                        const orb_calibrate_opts *opts, orb_growth_effect *out,
                                        size_t cap, size_t *n_out, orb_error *err)
{
    orb_calibrate_opts def_opts = orb_calibrate_opts_default();
    orb_estimate est[ORB_CALIBRATE_MAX];
    fe_out fe;
    gsl_error_handler_t *old;
    orb_status st;
    samples sm = {0, 0, 0, 0, 0, 0, 0};
    size_t n = 0;

    if (datadir == NULL || t == NULL || out == NULL || n_out == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_calibrate_growth_effects: NULL argument");
    *n_out = 0;
    if (opts == NULL) opts = &def_opts;
    ORB_TRY(samples_of(opts, &sm, err));
    fe.v = out;
    fe.cap = cap;
    fe.n = 0;
    old = gsl_set_error_handler_off();
    st = cal_economy(datadir, t, &sm, est, ORB_CALIBRATE_MAX, &n, &fe, err);
    gsl_set_error_handler(old);
    if (st == ORB_OK) *n_out = fe.n;
    return st;
}

orb_status orbi_world_growth_effects(orb_world *w, const char *data_dir, const orb_tables *t,
                                     const orb_calibrate_opts *opts, orb_error *err)
{
    orb_growth_effect *e = malloc(ORBI_MAX_CCODE * sizeof *e);
    size_t n = 0, k;
    orb_status st;

    if (e == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    st = orb_calibrate_growth_effects(data_dir, t, opts, e, ORBI_MAX_CCODE, &n, err);
    for (k = 0; st == ORB_OK && k < w->n; k++) {
        size_t q;
        w->s[k].growth_effect = NAN;
        for (q = 0; q < n; q++)
            if (e[q].ccode == w->s[k].ccode) w->s[k].growth_effect = e[q].effect;
    }
    free(e);
    return st;
}
