/*
 * calibrate_dyad.c - estimates of the security, relations, alliance and
 * conflict mechanisms from dyad-years (COW MID 5.0, COW wars, ATOP, UNGA
 * ideal points, COW contiguity, NMC), by logit (IRLS, GSL) and OLS, with
 * standard errors clustered by dyad (or by state for monadic samples).
 * The samples and variables are documented in docs/model.md ("Calibration").
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_roots.h>

#include "calib_int.h"
#include "csv_int.h"
#include "dyad_int.h"
#include "data_int.h"
#include "orb_int.h"
#include "params_int.h"

#define MID_FILE "conflict_mid/cow_mid_dirdisps_5.0.csv"
#define WAR_FILE "conflict_cow_war/cow_war_inter_dirdyad_4.0.csv"
#define MAD_FILE "economy_maddison/mpd2020.csv"
#define RAW_HINT "the raw data folder is ORBIS_DATA"

/* Default samples. */
#define MID_FROM     1991 /* dispute onsets 1991-2014 (MID 5.0 ends in 2014) */
#define MID_TO       2014
#define CHARTER_YEAR 1946 /* the first full year of the UN Charter in force (24 Oct 1945) */
#define ARMS_FROM    1992 /* burden changes 1991->1992 ... 2018->2019 (Fariss GDP ends 2019) */
#define ARMS_TO      2019
#define ALLY_FROM    1991 /* pact changes t -> t+1 for t = 1991..2017 (ATOP ends 2018) */
#define ALLY_TO      2017
#define WAR_FROM     1946 /* war termination and cost (COW inter-state wars to 2007) */
#define WAR_LAST     2007
#define GSDB_FILE    "sanctions_gsdb/GSDB_V3.csv"
#define SANC_FROM    1992 /* sanction cases begun 1992-2019 */
#define SANC_TO      2019
#define GSDB_LAST    2022 /* GSDB release 3 writes 2022 as the end of cases still in force */

/* Burdens above 20% of GDP (war years, currency breaks) are left out. */
#define ARMS_MAX_BURDEN 0.2

/* ---- logit by IRLS ----------------------------------------------------------- */

/* A dyad's score sum, by unordered pair (dyadic_se). */
typedef struct dyscore {
    int key; /* min * 1000 + max of the members' COW codes */
    double s[ORBI_KMAX + 1];
} dyscore;

static int cmp_dyscore(const void *a, const void *b)
{
    int x = ((const dyscore *)a)->key, y = ((const dyscore *)b)->key;
    return (x > y) - (x < y);
}

/*
 * Dyadic-robust standard errors (Aronow, Samii & Assenova 2015, "Cluster-
 * robust variance estimation for dyadic data", Political Analysis 23(4)):
 * the meat sums the score products of every two observations whose dyads
 * share a member, sum_i S_i S_i' - sum_d S_d S_d', S_i the scores of the
 * observations with member i, S_d those of unordered pair d (i -> j and
 * j -> i together: a pair of observations within it shares both members,
 * so it is counted twice in the first sum and once removed). The cluster
 * ids are a * 1000 + b of COW codes, directed or not, in any order of the
 * sample. No small-sample factor.
 */
static orb_status dyadic_se(const orbi_sample *s, size_t nx, const double *beta,
                            double bread[][ORBI_KMAX + 1], double *se, orb_error *err)
{
    const size_t k = nx + 1;
    double(*S)[ORBI_KMAX + 1] = calloc(ORBI_MAX_CCODE, sizeof *S);
    dyscore *d = calloc(s->n + 1, sizeof *d);
    double meat[ORBI_KMAX + 1][ORBI_KMAX + 1], sd[ORBI_KMAX + 1], v[ORBI_KMAX + 1][ORBI_KMAX + 1];
    size_t i, a, b, c, nd = 0;
    int m;

    if (S == NULL || d == NULL) {
        free(S);
        free(d);
        return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    memset(meat, 0, sizeof meat);
    for (i = 0; i < s->n; i++) {
        double xi[ORBI_KMAX + 1], eta = beta[0], r;
        int mem[2] = {s->cl[i] / 1000, s->cl[i] % 1000},
            key = mem[0] < mem[1] ? mem[0] * 1000 + mem[1] : mem[1] * 1000 + mem[0];
        if (nd == 0 || d[nd - 1].key != key) d[nd++].key = key; /* a new run */
        xi[0] = 1;
        for (a = 0; a < nx; a++) {
            xi[a + 1] = s->x[a][i];
            eta += beta[a + 1] * xi[a + 1];
        }
        r = s->y[i] - 1.0 / (1.0 + exp(-eta));
        for (a = 0; a < k; a++) {
            d[nd - 1].s[a] += xi[a] * r;
            for (m = 0; m < 2; m++)
                if (mem[m] > 0 && mem[m] < ORBI_MAX_CCODE) S[mem[m]][a] += xi[a] * r;
        }
    }
    qsort(d, nd, sizeof *d, cmp_dyscore); /* runs of one unordered pair together */
    for (i = 0; i < nd;) {
        size_t j = i;
        memset(sd, 0, sizeof sd);
        for (; j < nd && d[j].key == d[i].key; j++)
            for (a = 0; a < k; a++)
                sd[a] += d[j].s[a];
        for (a = 0; a < k; a++)
            for (b = 0; b < k; b++)
                meat[a][b] -= sd[a] * sd[b];
        i = j;
    }
    for (c = 0; c < ORBI_MAX_CCODE; c++)
        for (a = 0; a < k; a++)
            for (b = 0; b < k; b++)
                meat[a][b] += S[c][a] * S[c][b];
    free(S);
    free(d);
    for (a = 0; a < k; a++) /* V = B M B */
        for (b = 0; b < k; b++) {
            double t = 0;
            size_t p, q;
            for (p = 0; p < k; p++)
                for (q = 0; q < k; q++)
                    t += bread[a][p] * meat[p][q] * bread[q][b];
            v[a][b] = t;
        }
    for (a = 0; a < k; a++)
        se[a] = v[a][a] > 0 ? sqrt(v[a][a]) : NAN;
    return ORB_OK;
}

/* Log likelihood at beta; with H and g, also X'WX (lower and upper) and X'(y - p). */
static double logit_pass(const orbi_sample *s, size_t nx, const double *beta, gsl_matrix *H,
                         gsl_vector *g)
{
    const size_t k = nx + 1;
    double ll = 0;
    size_t i, a, b;

    if (H) gsl_matrix_set_zero(H);
    if (g) gsl_vector_set_zero(g);
    for (i = 0; i < s->n; i++) {
        double xi[ORBI_KMAX + 1], eta = beta[0], p, wgt;
        xi[0] = 1;
        for (a = 0; a < nx; a++) {
            xi[a + 1] = s->x[a][i];
            eta += beta[a + 1] * xi[a + 1];
        }
        /* log p and log(1 - p) without overflow */
        ll += s->y[i] > 0 ? -log1p(exp(-eta)) : -log1p(exp(eta));
        if (!H) continue;
        p = 1.0 / (1.0 + exp(-eta));
        wgt = p * (1 - p);
        for (a = 0; a < k; a++) {
            *gsl_vector_ptr(g, a) += xi[a] * (s->y[i] - p);
            for (b = 0; b <= a; b++)
                *gsl_matrix_ptr(H, a, b) += wgt * xi[a] * xi[b];
        }
    }
    for (a = 0; H && a < k; a++)
        for (b = a + 1; b < k; b++)
            gsl_matrix_set(H, a, b, gsl_matrix_get(H, b, a));
    return ll;
}

orb_status orbi_logit(const orbi_sample *s, size_t nx, const char *what, orbi_fit *f,
                      orb_error *err)
{
    const size_t k = nx + 1;
    gsl_matrix *H = NULL;
    gsl_vector *g = NULL, *d = NULL;
    double beta[ORBI_KMAX + 1] = {0}, meat[ORBI_KMAX + 1][ORBI_KMAX + 1], sc[ORBI_KMAX + 1];
    size_t i, a, b, it;
    orb_status st = ORB_OK;
    double ybar = 0, factor;

    memset(f, 0, sizeof *f);
    if (s->n < 20 * k)
        return orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: only %zu observations", what, s->n);
    H = gsl_matrix_alloc(k, k);
    g = gsl_vector_alloc(k);
    d = gsl_vector_alloc(k);
    if (!H || !g || !d) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < s->n; i++)
        ybar += s->y[i];
    ybar /= (double)s->n;
    if (!(ybar > 0 && ybar < 1)) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: the outcome does not vary", what);
        goto done;
    }
    beta[0] = log(ybar / (1 - ybar));
    for (it = 0; it < 100; it++) { /* Newton with step halving: H d = g */
        double step = 0, ll, lt = 1.0, ll_try = -INFINITY, trial[ORBI_KMAX + 1];
        int h;
        ll = logit_pass(s, nx, beta, H, g);
        if (gsl_linalg_cholesky_decomp1(H) != GSL_SUCCESS ||
            gsl_linalg_cholesky_solve(H, g, d) != GSL_SUCCESS) {
            st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: the information matrix is singular",
                            what);
            goto done;
        }
        for (h = 0; h < 40; h++, lt /= 2) { /* halve until the likelihood does not fall */
            for (a = 0; a < k; a++)
                trial[a] = beta[a] + lt * gsl_vector_get(d, a);
            ll_try = logit_pass(s, nx, trial, NULL, NULL);
            if (ll_try >= ll - 1e-9 * fabs(ll)) break;
        }
        for (a = 0; a < k; a++) {
            step += fabs(trial[a] - beta[a]);
            beta[a] = trial[a];
        }
        f->loglik = ll_try;
        if (step < 1e-9) break;
    }
    /* The information matrix at the estimate, for the standard errors. */
    logit_pass(s, nx, beta, H, g);
    if (gsl_linalg_cholesky_decomp1(H) != GSL_SUCCESS) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: the information matrix is singular",
                        what);
        goto done;
    }
    /* H holds the Cholesky factor of X'WX at the last iterate; invert it. */
    if (gsl_linalg_cholesky_invert(H) != GSL_SUCCESS) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s: cannot invert", what);
        goto done;
    }
    memset(meat, 0, sizeof meat);
    memset(sc, 0, sizeof sc);
    for (i = 0; i < s->n; i++) { /* clustered scores: runs of equal cluster ids */
        double xi[ORBI_KMAX + 1], eta = beta[0], p;
        if (i > 0 && s->cl[i] != s->cl[i - 1]) {
            orbi_meat_add(meat, sc, k);
            memset(sc, 0, sizeof sc);
        }
        if (i == 0 || s->cl[i] != s->cl[i - 1]) f->ncl++;
        xi[0] = 1;
        for (a = 0; a < nx; a++) {
            xi[a + 1] = s->x[a][i];
            eta += beta[a + 1] * xi[a + 1];
        }
        p = 1.0 / (1.0 + exp(-eta));
        for (a = 0; a < k; a++)
            sc[a] += xi[a] * (s->y[i] - p);
    }
    orbi_meat_add(meat, sc, k);
    factor = f->ncl > 1 ? (double)f->ncl / (double)(f->ncl - 1) : 1.0;
    f->k = k;
    f->n = s->n;
    {
        double bread[ORBI_KMAX + 1][ORBI_KMAX + 1];
        for (a = 0; a < k; a++)
            for (b = 0; b < k; b++)
                bread[a][b] = gsl_matrix_get(H, a, b);
        orbi_sandwich_se((const double(*)[ORBI_KMAX + 1]) bread,
                         (const double(*)[ORBI_KMAX + 1]) meat, k, factor, f->se);
        for (a = 0; a < k; a++)
            f->se_dyadic[a] = NAN;
        if (s->dyadic) st = dyadic_se(s, nx, beta, bread, f->se_dyadic, err);
    }
    for (a = 0; a < k; a++)
        f->b[a] = beta[a];
done:
    gsl_matrix_free(H);
    gsl_vector_free(g);
    gsl_vector_free(d);
    return st;
}

/* ---- MID and war records ---------------------------------------------------- */

/* Key of an undirected dyad-year: ((c1 * 1000) + c2) * 10000 + year, c1 < c2. */
static long long dykey(int c1, int c2, int year)
{
    int a = c1 < c2 ? c1 : c2, b = c1 < c2 ? c2 : c1;
    return ((long long)a * 1000 + b) * 10000 + year;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int has(const long long *v, size_t n, long long k)
{
    return bsearch(&k, v, n, sizeof *v, cmp_ll) != NULL;
}

/* The latest key of dyad (c1, c2) before year, or -1. */

typedef struct keyset {
    long long *v;
    size_t n, cap;
} keyset;

static int ks_add(keyset *s, long long k)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        long long *nv = realloc(s->v, cap * sizeof *nv);
        if (nv == NULL) return -1;
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = k;
    return 0;
}

static void ks_sort(keyset *s)
{
    size_t i, m = 0;
    qsort(s->v, s->n, sizeof *s->v, cmp_ll);
    for (i = 0; i < s->n; i++)
        if (m == 0 || s->v[i] != s->v[m - 1]) s->v[m++] = s->v[i];
    s->n = m;
}

typedef struct records {
    keyset onset;   /* MID onsets (any year) */
    keyset ongoing; /* MID years that are not onsets */
    keyset warmid;  /* MID onsets whose dyadic dispute reached war (hostility level 5) */
    keyset war;     /* COW inter-state war dyad-years */
    keyset waron;   /* COW inter-state war dyad onsets */
} records;

static void records_free(records *r)
{
    free(r->onset.v);
    free(r->ongoing.v);
    free(r->warmid.v);
    free(r->war.v);
    free(r->waron.v);
}

typedef struct midrow {
    int disp, dyad, year, onset, host;
} midrow;

static int cmp_mid(const void *a, const void *b)
{
    const midrow *x = a, *y = b;
    if (x->disp != y->disp) return (x->disp > y->disp) - (x->disp < y->disp);
    if (x->dyad != y->dyad) return (x->dyad > y->dyad) - (x->dyad < y->dyad);
    return (x->year > y->year) - (x->year < y->year);
}

static orb_status load_records(const char *dir, records *r, orb_error *err)
{
    static const char *const mc[] = {"dispnum",   "ccode1",      "ccode2",   "year",
                                     "disponset", "dispongoing", "hostlev1", "hostlev2"};
    static const char *const wc[] = {"ccode1", "ccode2", "year", "cowinteronset"};
    char path[1024];
    size_t ix[8], i, j, nm = 0, cm = 0;
    midrow *m = NULL;
    orbi_csv c;
    orb_status st;
    int eof = 0;

    snprintf(path, sizeof path, "%s/%s", dir, MID_FILE);
    ORB_TRY(orbi_csv_open_cols(&c, path, RAW_HINT, mc, 8, ix, err));
    for (;;) {
        int a, b, go, h1, h2;
        midrow x;
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = orbi_csv_int(&c, ix[0], 0, 99999, &x.disp, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[1], 1, 999, &a, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[2], 1, 999, &b, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[3], 1800, 2100, &x.year, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[4], 0, 1, &x.onset, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[5], 0, 1, &go, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[6], -9, 5, &h1, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[7], -9, 5, &h2, err)) != ORB_OK)
            break;
        if (a == b) continue;
        x.dyad = (a < b ? a : b) * 1000 + (a < b ? b : a);
        x.host = h1 > h2 ? h1 : h2;
        if (nm == cm) {
            size_t cap = cm ? 2 * cm : 4096;
            midrow *nmr = realloc(m, cap * sizeof *nmr);
            if (nmr == NULL) {
                orbi_csv_close(&c);
                goto nomem;
            }
            m = nmr;
            cm = cap;
        }
        m[nm++] = x;
    }
    orbi_csv_close(&c);
    if (st != ORB_OK) goto done;
    qsort(m, nm, sizeof *m, cmp_mid);
    for (i = 0; i < nm; i = j) { /* one dyadic dispute: rows of the same dispute and dyad */
        int war = 0;
        for (j = i; j < nm && m[j].disp == m[i].disp && m[j].dyad == m[i].dyad; j++)
            if (m[j].host == 5) war = 1;
        for (size_t q = i; q < j; q++) {
            long long k = (long long)m[q].dyad * 10000 + m[q].year;
            if ((m[q].onset ? ks_add(&r->onset, k) : ks_add(&r->ongoing, k)) != 0) goto nomem;
            if (m[q].onset && war && ks_add(&r->warmid, k)) goto nomem;
        }
    }
    snprintf(path, sizeof path, "%s/%s", dir, WAR_FILE);
    if ((st = orbi_csv_open_cols(&c, path, RAW_HINT, wc, 4, ix, err)) != ORB_OK) goto done;
    for (;;) {
        int a, b, y, on;
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = orbi_csv_int(&c, ix[0], 1, 999, &a, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[1], 1, 999, &b, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[2], 1800, 2100, &y, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[3], 0, 1, &on, err)) != ORB_OK)
            break;
        if (ks_add(&r->war, dykey(a, b, y)) || (on && ks_add(&r->waron, dykey(a, b, y)))) {
            orbi_csv_close(&c);
            goto nomem;
        }
    }
    orbi_csv_close(&c);
    if (st != ORB_OK) goto done;
    ks_sort(&r->onset);
    ks_sort(&r->ongoing);
    ks_sort(&r->warmid);
    ks_sort(&r->war);
    ks_sort(&r->waron);
    goto done;
nomem:
    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
done:
    free(m);
    return st;
}

/* ---- the world of each year ------------------------------------------------------ */

typedef struct yr {
    int year;
    orb_world *w;
    size_t n;
    double *cinc;               /* [n] CINC shares (normalised), NaN if missing */
    double *dist;               /* [n * n] capital distance, km */
    double *aff;                /* [n * n] affinity from ideal points, NaN if missing */
    double *threat;             /* [n] total threat perceived */
    double *wburden;            /* [n] threat-weighted mean burden of the others */
    double *burden;             /* [n] milex / GDP (current USD), NaN if missing */
    double *tker;               /* [n * n] threat kernel */
    double *capeff;             /* [n] capability with allies */
    size_t *off;                /* [n + 1] threat work space */
    size_t *adj;                /* [n * n] */
    double *wrow;               /* [n] */
    double *tij;                /* [n * n] the threat i perceives from j */
    size_t leader;              /* order.hegemon's index (the largest CINC if absent) */
    double wgdp;                /* world real GDP (PPP), the states with data */
    unsigned short *sout, *sin; /* [ORBI_MAX_CCODE] sanctions in force that year: a state's
                                   targets, its senders (state senders, GSDB) */
    double range;               /* range of the ideal points */
} yr;

static void yr_free(yr *y)
{
    orb_world_free(y->w);
    free(y->cinc);
    free(y->dist);
    free(y->aff);
    free(y->threat);
    free(y->wburden);
    free(y->burden);
    free(y->tker);
    free(y->capeff);
    free(y->off);
    free(y->adj);
    free(y->wrow);
    free(y->tij);
    free(y->sout);
    free(y->sin);
    memset(y, 0, sizeof *y);
}

/* Build a year's world and its dyadic quantities; the threat uses P. */
static orb_status yr_build(const orb_tables *t, const orb_panel *p, int year, const double *P,
                           yr *y, orb_error *err)
{
    size_t i, j, n;
    double tot = 0;

    memset(y, 0, sizeof *y);
    y->year = year;
    ORB_TRY(orb_world_new(t, p, year, &y->w, err));
    n = y->n = y->w->n;
    y->cinc = malloc((n + 1) * sizeof *y->cinc);
    y->dist = malloc((n * n + 1) * sizeof *y->dist);
    y->aff = malloc((n * n + 1) * sizeof *y->aff);
    y->threat = malloc((n + 1) * sizeof *y->threat);
    y->wburden = malloc((n + 1) * sizeof *y->wburden);
    y->burden = malloc((n + 1) * sizeof *y->burden);
    y->tker = malloc((n * n + 1) * sizeof *y->tker);
    y->capeff = malloc((n + 1) * sizeof *y->capeff);
    y->off = malloc((n + 1) * sizeof *y->off);
    y->adj = malloc((n * n + 1) * sizeof *y->adj);
    y->wrow = malloc((n + 1) * sizeof *y->wrow);
    y->tij = malloc((n * n + 1) * sizeof *y->tij);
    y->sout = calloc(ORBI_MAX_CCODE, sizeof *y->sout);
    y->sin = calloc(ORBI_MAX_CCODE, sizeof *y->sin);
    if (!y->sout || !y->sin || !y->cinc || !y->dist || !y->aff || !y->threat || !y->wburden ||
        !y->burden || !y->tker || !y->capeff || !y->off || !y->adj || !y->wrow || !y->tij) {
        yr_free(y);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    orb_world_power(y->w, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, y->cinc);
    for (i = 0; i < n; i++)
        if (!isnan(y->cinc[i])) tot += y->cinc[i];
    y->leader = 0;
    for (i = 0; i < n; i++) {
        const orb_state *s = &y->w->s[i];
        y->cinc[i] /= tot;
        if (!isnan(y->cinc[i]) && (isnan(y->cinc[y->leader]) || y->cinc[i] > y->cinc[y->leader]))
            y->leader = i;
        y->burden[i] = (s->comp[ORB_MILEX] >= 0 && s->gdp_usd > 0)
                           ? s->comp[ORB_MILEX] * 1000.0 / s->gdp_usd
                           : NAN;
    }
    { /* the power transition's dominant state: order.hegemon when in the system */
        size_t h = orb_world_index(y->w, (int)P[ORBI_P_ORD_HEGEMON]);
        if (h != (size_t)-1) y->leader = h;
    }
    y->range = orbi_world_ideal_range(y->w);
    y->wgdp = 0;
    for (i = 0; i < n; i++)
        if (y->w->s[i].gdp_ppp > 0) y->wgdp += y->w->s[i].gdp_ppp;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (y->w->sanction[i * n + j]) {
                y->sout[y->w->s[i].ccode]++;
                y->sin[y->w->s[j].ccode]++;
            }
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            const orb_state *a = &y->w->s[i], *b = &y->w->s[j];
            y->dist[i * n + j] = (i == j || isnan(a->lat) || isnan(b->lat))
                                     ? NAN
                                     : orb_distance_km(a->lat, a->lon, b->lat, b->lon);
            y->aff[i * n + j] = i == j ? 1.0 : orbi_affinity(a->ideal, b->ideal, y->range);
        }
    for (i = 0; i < n; i++) /* the threat kernel: contiguity and distance */
        for (j = 0; j < n; j++)
            y->tker[i * n + j] =
                (i == j || isnan(y->dist[i * n + j]))
                    ? 0.0
                    : orbi_threat_kernel(P, y->w->contig[i * n + j], y->dist[i * n + j]);
    {
        const orbi_threat_work wk = {y->off, y->adj, y->wrow, y->tij};
        orbi_threat_compute(P, n, y->cinc, y->w->ally, y->aff, y->tker, &wk, y->capeff, y->threat,
                            NULL);
    }
    for (i = 0; i < n; i++)
        y->wburden[i] = orbi_others_burden(n, i, y->tij, y->burden);
    return ORB_OK;
}

/* The years first..last, built in order; y[k] is year first + k. */
typedef struct years {
    int first, last;
    yr *y;
} years;

static void years_free(years *ys)
{
    int k;
    for (k = 0; ys->y && k <= ys->last - ys->first; k++)
        yr_free(&ys->y[k]);
    free(ys->y);
    ys->y = NULL;
}

static orb_status years_build(const orb_tables *t, const orb_panel *p, int first, int last,
                              const double *P, years *ys, orb_error *err)
{
    int k;

    ys->first = first;
    ys->last = last;
    ys->y = calloc((size_t)(last - first + 1), sizeof *ys->y);
    if (ys->y == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (k = 0; k <= last - first; k++) {
        orb_status st = yr_build(t, p, first + k, P, &ys->y[k], err);
        if (st != ORB_OK) {
            years_free(ys);
            return st;
        }
    }
    return ORB_OK;
}

/* The sorted list of COW codes present in any of the years. */
static size_t codes_of(const years *ys, int *codes)
{
    unsigned char seen[ORBI_MAX_CCODE] = {0};
    size_t m = 0, i;
    int k, c;

    for (k = 0; k <= ys->last - ys->first; k++)
        for (i = 0; i < ys->y[k].n; i++)
            seen[ys->y[k].w->s[i].ccode] = 1;
    for (c = 1; c < ORBI_MAX_CCODE; c++)
        if (seen[c]) codes[m++] = c;
    return m;
}

/* ---- the estimations ----------------------------------------------------------- */

static orb_status put_fit(orb_estimate *out, size_t cap, size_t *n, const char *const *names,
                          const orbi_fit *f, int from, int to, const char *method, const char *data,
                          orb_error *err)
{
    size_t a;

    for (a = 0; a < f->k; a++) {
        ORB_TRY(orbi_put_estimate(out, cap, n, names[a], f->b[a], f->se[a], f->n, f->ncl, from, to,
                                  method, data, err));
        out[*n - 1].se_dyadic = f->se_dyadic[a];
    }
    return ORB_OK;
}

/* The dispute-onset covariates of pair (i, j) in a year, as the engine's
 * predictor reads them (orbi_dyad_fixed, orbi_dyad_vary), in the order of
 * the logit's names; 0 if a value is missing. */
static int mid_covariates(const yr *y, const yr *yp, const records *r, const orb_tables *t,
                          const double *P, size_t i, size_t j, double *x)
{
    const size_t n = y->n, np = yp->n, L = yp->leader;
    const orb_state *a = &y->w->s[i], *b = &y->w->s[j];
    const size_t ip = orb_world_index(yp->w, a->ccode), jp = orb_world_index(yp->w, b->ccode);
    double ci, cj;
    orbi_dyad d;

    if (ip == (size_t)-1 || jp == (size_t)-1) return 0; /* not in the system the year before */
    ci = yp->cinc[ip];
    cj = yp->cinc[jp];
    if (isnan(ci) || isnan(cj) || !(ci > 0) || !(cj > 0) || isnan(y->dist[i * n + j]) ||
        isnan(yp->aff[ip * np + jp]) || isnan(yp->w->s[L].ideal))
        return 0;
    orbi_dyad_fixed(&d, y->w->contig[i * n + j], y->dist[i * n + j], a->major || b->major,
                    y->w->rival[i * n + j]);
    orbi_dyad_vary(&d, P, ci, cj, log(ci), log(cj), yp->w->ally[ip * np + jp],
                   yp->aff[ip * np + jp], (1 - yp->aff[ip * np + L]) / 2,
                   (1 - yp->aff[jp * np + L]) / 2,
                   orbi_peace_years(r->onset.v, r->onset.n, t, a->ccode, b->ccode, y->year));
    x[0] = d.land;
    x[1] = d.sea;
    x[2] = d.lndist;
    x[3] = d.lncapratio;
    x[4] = d.ally;
    x[5] = d.aff;
    x[6] = d.major;
    x[7] = d.pardis;
    x[8] = log1p(d.t);
    x[9] = exp(-d.t);
    x[10] = d.rival;
    return 1;
}

static orb_status cal_conflict(const orb_tables *t, const years *ys, const records *r, int from,
                               int to, double *P, orb_estimate *out, size_t cap, size_t *n,
                               orb_error *err)
{
    static const char *const names[] = {
        "conflict.const",         "conflict.land",      "conflict.sea",          "conflict.lndist",
        "conflict.lncapratio",    "conflict.alliance",  "conflict.affinity",     "conflict.major",
        "conflict.parity_dissat", "conflict.peace_log", "conflict.peace_recent", "conflict.rival"};
    static const char *const esc_names[] = {"conflict.esc_const", "conflict.esc_lncapratio",
                                            "conflict.esc_major", "conflict.esc_rival"};
    int codes[ORBI_MAX_CCODE];
    size_t nc = codes_of(ys, codes), a, b;
    orbi_sample s = {0}, es = {0};
    orbi_fit f = {0}, ef = {0};
    orb_status st;
    int y;

    s.contiguous = 1;
    s.dyadic = 1; /* ids codes[a] * 1000 + codes[b]: dyadic-robust SEs too */
    es.contiguous = 1;
    for (a = 0; a < nc; a++)
        for (b = a + 1; b < nc; b++)
            for (y = from; y <= to; y++) {
                const yr *Y = &ys->y[y - ys->first];
                size_t i = orb_world_index(Y->w, codes[a]), j = orb_world_index(Y->w, codes[b]);
                long long k = dykey(codes[a], codes[b], y);
                double x[11];
                int on;
                if (i == (size_t)-1 || j == (size_t)-1 ||
                    !mid_covariates(Y, Y - 1, r, t, P, i, j, x)) /* covariates a year before */
                    continue;
                on = has(r->onset.v, r->onset.n, k);
                if (!on && has(r->ongoing.v, r->ongoing.n, k)) continue; /* a dispute goes on */
                if (orbi_sample_add(&s, x, 11, on, codes[a] * 1000 + codes[b], 0) ||
                    (on && orbi_sample_add(&es, (double[]){x[3], x[6], Y->w->rival[i * Y->n + j]},
                                           3, has(r->warmid.v, r->warmid.n, k),
                                           codes[a] * 1000 + codes[b], 0))) {
                    orbi_sample_free(&s);
                    orbi_sample_free(&es);
                    ORB_FAIL(err, ORB_ENOMEM, "out of memory");
                }
            }
    st = orbi_logit(&s, 11, "dispute-onset logit", &f, err);
    if (st == ORB_OK)
        st = put_fit(out, cap, n, names, &f, from, to,
                     "logit (IRLS), SE clustered by dyad; all dyads, onsets",
                     "conflict_mid (cow 5.0) + atop + ideal points + nmc + capitals", err);
    if (st == ORB_OK) {
        for (a = 0; a < f.k; a++)
            P[ORBI_P_CONF_CONST + a] = f.b[a]; /* the threat weights below use these */
        /* escalation: of the sample's onsets, those whose dispute reached war */
        st = orbi_logit(&es, 3, "escalation logit", &ef, err);
    }
    if (st == ORB_OK)
        st = put_fit(out, cap, n, esc_names, &ef, from, to,
                     "logit (IRLS), war given an onset, SE clustered by dyad",
                     "conflict_mid (cow 5.0) + nmc + tss rivalries", err);
    orbi_sample_free(&s);
    orbi_sample_free(&es);
    return st;
}

/* The Charter's ban on force, as the record shows it: a logit over the
 * dyadic dispute onsets of COW MID 5.0 from 1816 to `to` of whether the
 * dispute reached war (hostility level 5), on an indicator of the Charter
 * era (1946 on), SEs clustered by dyad. order.breach_force is minus its
 * coefficient: the log of how much less often a dispute escalated once the
 * Charter was in force. Everything else that changed in 1945 (nuclear
 * weapons, bipolarity, more democracies) is in it too: an upper bound on
 * the rule's own effect (docs/model.md 5e). */
static orb_status cal_charter(const records *r, int to, orb_estimate *out, size_t cap, size_t *n,
                              orb_error *err)
{
    orbi_sample s = {0};
    orbi_fit f = {0};
    orb_status st;
    size_t i;
    int lo = 9999;

    for (i = 0; i < r->onset.n; i++) {
        long long k = r->onset.v[i];
        int y = (int)(k % 10000);
        double x = y >= CHARTER_YEAR;
        if (y > to) continue;
        if (y < lo) lo = y;
        if (orbi_sample_add(&s, &x, 1, has(r->warmid.v, r->warmid.n, k), (int)(k / 10000), 0)) {
            orbi_sample_free(&s);
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        }
    }
    st = orbi_logit(&s, 1, "Charter-era escalation logit", &f, err);
    if (st == ORB_OK)
        st = orbi_put_estimate(out, cap, n, "order.breach_force", -f.b[1], f.se[1], f.n, f.ncl, lo,
                               to,
                               "logit: war given a dyadic onset, on 1[year >= 1946]; SE by dyad; "
                               "minus the coefficient",
                               "conflict_mid (cow 5.0)", err);
    orbi_sample_free(&s);
    return st;
}

static orb_status cal_wars(const char *datadir, const orb_tables *t, const records *r, int WAR_TO,
                           orb_estimate *out, size_t cap, size_t *n, orb_error *err)
{
    size_t i, nyears = 0, spells = 0;
    double *lny = NULL, pe;
    int fc, cc, y;
    orbi_sample s = {0};
    orbi_fit f = {0};
    orb_status st;
    const int ny = WAR_TO - WAR_FROM + 1;
    unsigned char *atwar = calloc((size_t)ORBI_MAX_CCODE * (size_t)ny, 1);

    if (atwar == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (i = 0; i < r->war.n; i++) { /* dyad-nyears and spells of war, undirected */
        long long k = r->war.v[i];
        int yy = (int)(k % 10000), d = (int)(k / 10000);
        if (yy < WAR_FROM || yy > WAR_TO) continue;
        nyears++;
        spells += (size_t)has(r->waron.v, r->waron.n, k);
        atwar[(size_t)(d / 1000) * (size_t)ny + (size_t)(yy - WAR_FROM)] = 1;
        atwar[(size_t)(d % 1000) * (size_t)ny + (size_t)(yy - WAR_FROM)] = 1;
    }
    pe = nyears ? (double)spells / (double)nyears : NAN;
    st = orbi_put_estimate(out, cap, n, "conflict.war_end", pe,
                           sqrt(pe * (1 - pe) / (double)nyears), nyears, spells, WAR_FROM, WAR_TO,
                           "war dyad spells / war dyad-nyears (geometric duration)",
                           "conflict_cow_war (inter-state v4.0)", err);
    if (st == ORB_OK) st = orbi_maddison_lny(datadir, t, WAR_FROM, WAR_TO, &lny, NULL, &fc, err);
    for (cc = 1; st == ORB_OK && cc < ORBI_MAX_CCODE; cc++)
        for (y = WAR_FROM + 1; y <= WAR_TO; y++) {
            double a = lny[(size_t)cc * (size_t)ny + (size_t)(y - 1 - WAR_FROM)];
            double b = lny[(size_t)cc * (size_t)ny + (size_t)(y - WAR_FROM)], x;
            if (isnan(a) || isnan(b)) continue;
            /* at war the year before: the run charges the cost the year after
             * (the economy steps before the year's conflict) */
            x = atwar[(size_t)cc * (size_t)ny + (size_t)(y - 1 - WAR_FROM)];
            if (orbi_sample_add(&s, &x, 1, b - a, cc, 0)) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
        }
    if (st == ORB_OK) st = orbi_ols(&s, 1, 1, "war cost", &f, err);
    if (st == ORB_OK)
        st = orbi_put_estimate(out, cap, n, "conflict.war_cost", f.b[1], f.se[1], f.n, f.ncl,
                               WAR_FROM + 1, WAR_TO,
                               "OLS dlny_t = c + w atwar_t-1, SE clustered by state",
                               "economy_maddison + conflict_cow_war", err);
    free(f.resid);
    orbi_sample_free(&s);
    free(lny);
    free(atwar);
    return st;
}

/* Richardson on burdens, within states: dx = g_i - a x + k y, with the
 * state's grievance g_i removed by demeaning (fixed effects). */
static orb_status cal_arms(const years *ys, int from, int to, orb_estimate *out, size_t cap,
                           size_t *n, orb_error *err)
{
    double sx[ORBI_MAX_CCODE] = {0}, sy[ORBI_MAX_CCODE] = {0}, sd[ORBI_MAX_CCODE] = {0};
    size_t cnt[ORBI_MAX_CCODE] = {0}, i, q;
    orbi_sample s = {0};
    orbi_fit f = {0};
    orb_status st = ORB_OK;
    int y, pass;

    for (pass = 0; pass < 2 && st == ORB_OK; pass++) /* 1: state means; 2: demeaned sample */
        for (y = from; y <= to; y++) {
            const yr *A = &ys->y[y - 1 - ys->first], *B = &ys->y[y - ys->first];
            for (i = 0; i < A->n; i++) {
                int cc = A->w->s[i].ccode;
                size_t j = orb_world_index(B->w, cc);
                double x[2], d;
                if (j == (size_t)-1 || isnan(A->burden[i]) || isnan(B->burden[j]) ||
                    isnan(A->wburden[i]) || A->burden[i] > ARMS_MAX_BURDEN ||
                    B->burden[j] > ARMS_MAX_BURDEN)
                    continue;
                d = B->burden[j] - A->burden[i];
                if (pass == 0) {
                    sx[cc] += A->burden[i];
                    sy[cc] += A->wburden[i];
                    sd[cc] += d;
                    cnt[cc]++;
                    continue;
                }
                if (cnt[cc] < 2) continue; /* a single year has no within variation */
                x[0] = A->burden[i] - sx[cc] / (double)cnt[cc];
                x[1] = A->wburden[i] - sy[cc] / (double)cnt[cc];
                if (orbi_sample_add(&s, x, 2, d - sd[cc] / (double)cnt[cc], cc, 0))
                    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            }
        }
    (void)q;
    if (st == ORB_OK) st = orbi_ols(&s, 2, 0, "Richardson arms regression", &f, err);
    if (st == ORB_OK) {
        const char *m = "OLS within states dx = g_i - a x + k y (burden x <= 0.2; y the "
                        "threat-weighted burden of others), SE by state";
        const char *d = "cow_nmc milex + economy_worldbank gdp + threat weights";
        st = orbi_put_estimate(out, cap, n, "arms.fatigue", -f.b[0], f.se[0], f.n, f.ncl, from, to,
                               m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "arms.reaction", f.b[1], f.se[1], f.n, f.ncl, from,
                                   to, m, d, err);
    }
    free(f.resid);
    orbi_sample_free(&s);
    return st;
}

/* State cc's ideal point of year y as observed that year (none carried), and
 * its measurement variance; NaN where there is none. */
static double ideal_at(const orb_panel *p, int cc, int y)
{
    return p->dy.ideal[(size_t)cc * ORBI_NYEARS + (size_t)(y - ORB_FIRST_YEAR)];
}

static double ideal_var_at(const orb_panel *p, int cc, int y)
{
    return p->dy.ideal_var[(size_t)cc * ORBI_NYEARS + (size_t)(y - ORB_FIRST_YEAR)];
}

/* E|D| for D ~ N(m, s^2): the folded normal's mean. */
static double folded_mean(double m, double s)
{
    if (!(s > 0)) return fabs(m);
    return s * sqrt(2.0 / M_PI) * exp(-m * m / (2 * s * s)) +
           m * (1 - 2 * gsl_cdf_ugaussian_P(-m / s));
}

/* Relations, two stages on the years from..to (levels; changes t -> t + 1).
 * 1. Each state's ideal point around its own mean mu_i over the window:
 *    ip' - mu = phi (ip - mu) + sigma e (within states, no intercept, SE by state),
 *    then corrected for the ideal points' measurement error (errors in
 *    variables): with the within variance V_y and the mean posterior variance
 *    V_u of the same state-years, the reliability lambda = 1 - V_u / V_y, the
 *    true persistence phi / lambda and the true shock SD
 *    sqrt((1 - phi_true^2) (V_y - V_u)); SEs by the delta method with lambda
 *    and the variances held fixed.
 * 2. The pair's affinity next year beyond what stage 1 expects, E[g(ip_i', ip_j')]
 *    under its normal shocks (the folded normal), on a pact, the balance gap and
 *    last year's dispute (no intercept, SE by dyad). Affinity on year t's range. */
static orb_status cal_relations(const years *ys, const orb_panel *p, const records *r, int from,
                                int to, orb_estimate *out, size_t cap, size_t *n, orb_error *err)
{
    static const char *const snames[] = {"relations.persistence"};
    static const char *const names[] = {"relations.alliance", "relations.balance",
                                        "relations.dispute"};
    int codes[ORBI_MAX_CCODE];
    size_t nc = codes_of(ys, codes), a, b, ny = (size_t)(to - from), k;
    double *mu = calloc(ORBI_MAX_CCODE, sizeof *mu), phi = NAN, sigma = NAN, ssr = 0;
    double vy = 0, vu = 0, lambda, phi_t, sigma_t, vx;
    size_t nv = 0;
    orbi_sample s = {0}, ps = {0};
    orbi_fit f = {0}, pf = {0};
    orb_status st = ORB_OK;
    double **M = calloc(ny, sizeof *M), **C = calloc(ny, sizeof *C);
    int y, nstates = 0;

    if (mu == NULL || M == NULL || C == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (k = 0; k < ORBI_MAX_CCODE; k++)
        mu[k] = NAN;
    /* stage 1: the states' means (the engine's orb_state.ideal_mean) and their
       ideal points' persistence, over the states with two or more years */
    for (a = 0; a < nc; a++) {
        const int cc = codes[a];
        int cnt = 0;
        for (y = from; y <= to; y++)
            cnt += !isnan(ideal_at(p, cc, y));
        if (cnt < 2) continue;
        mu[cc] = orbi_dyads_ideal_mean(&p->dy, cc, from, to);
        nstates++;
        for (y = from; y <= to; y++) {
            double x0 = ideal_at(p, cc, y) - mu[cc], u = ideal_var_at(p, cc, y), x1;
            if (isnan(x0)) continue;
            if (!isnan(u)) { /* within and measurement variance */
                vy += x0 * x0;
                vu += u;
                nv++;
            }
            x1 = y < to ? ideal_at(p, cc, y + 1) - mu[cc] : NAN;
            if (!isnan(x1) && orbi_sample_add(&s, &x0, 1, x1, cc, 0)) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
    }
    st = orbi_ols(&s, 1, 0, "ideal-point persistence", &f, err);
    if (st != ORB_OK) goto done;
    phi = f.b[0];
    for (k = 0; k < f.n; k++)
        ssr += f.resid[k] * f.resid[k];
    if (f.n <= (size_t)nstates + 1) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "too few ideal-point changes");
        goto done;
    }
    /* the states' means are estimated too: n - (states + 1) degrees of freedom */
    sigma = sqrt(ssr / (double)(f.n - (size_t)nstates - 1));
    vy /= (double)(nv - (size_t)nstates); /* each state's mean is estimated */
    vu /= (double)nv;
    lambda = 1 - vu / vy;
    if (!(nv > (size_t)nstates && lambda > 0 && phi / lambda < 1)) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0,
                        "ideal points: no reliability or a persistence of 1 or more after the "
                        "measurement-error correction (%.3f)",
                        nv > 0 ? phi / lambda : NAN);
        goto done;
    }
    phi_t = phi / lambda;
    vx = vy - vu;
    sigma_t = sqrt((1 - phi_t * phi_t) * vx);
    st = orbi_put_estimate(out, cap, n, snames[0], phi_t, f.se[0] / lambda, f.n, f.ncl, from, to,
                           "OLS ip' - mu_i = phi (ip - mu_i) by state / reliability, SE by state",
                           "unga_idealpoints (idealpointall, q5all, q95all; none carried)", err);
    if (st == ORB_OK)
        st = orbi_put_estimate(out, cap, n, "relations.shock_sd", sigma_t,
                               phi_t * vx * f.se[0] / lambda / sigma_t, f.n, f.ncl, from, to,
                               "sqrt((1 - phi^2) (within var - measurement var)), SE delta",
                               "unga_idealpoints", err);
    if (st != ORB_OK) goto done;
    /* stage 2: the balance sums of each year before the change (the engine's definition) */
    for (k = 0; k < ny; k++) {
        const yr *A = &ys->y[from + (int)k - ys->first];
        M[k] = malloc(A->n * A->n * sizeof **M);
        C[k] = malloc(A->n * A->n * sizeof **C);
        if (M[k] == NULL || C[k] == NULL) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        orbi_balance_sums(A->n, A->w->ally, A->aff, 0, M[k], C[k], NULL);
    }
    ps.contiguous = 1;
    for (a = 0; a < nc; a++)
        for (b = a + 1; b < nc; b++)
            for (y = from; y < to; y++) {
                const yr *A = &ys->y[y - ys->first], *B = &ys->y[y + 1 - ys->first];
                const size_t q = (size_t)(y - from);
                size_t i = orb_world_index(A->w, codes[a]), j = orb_world_index(A->w, codes[b]);
                size_t i2 = orb_world_index(B->w, codes[a]), j2 = orb_world_index(B->w, codes[b]);
                double a0, a1, ei, ej, x[3];
                if (i == (size_t)-1 || j == (size_t)-1 || i2 == (size_t)-1 || j2 == (size_t)-1)
                    continue;
                a0 = orbi_affinity(ideal_at(p, codes[a], y), ideal_at(p, codes[b], y), A->range);
                a1 = orbi_affinity(ideal_at(p, codes[a], y + 1), ideal_at(p, codes[b], y + 1),
                                   A->range);
                if (isnan(a0) || isnan(a1)) continue; /* both observed twice: mu known */
                ei = mu[codes[a]] + phi * (ideal_at(p, codes[a], y) - mu[codes[a]]);
                ej = mu[codes[b]] + phi * (ideal_at(p, codes[b], y) - mu[codes[b]]);
                x[0] = A->w->ally[i * A->n + j];
                x[1] = orbi_balance_target(A->n, A->w->ally, A->aff, M[q], C[q], NULL, i, j) - a0;
                /* the onset of year t moves the change t -> t + 1 (the engine: the
                   onsets of year Y - 1 in step Y) */
                x[2] = has(r->onset.v, r->onset.n, dykey(codes[a], codes[b], y));
                if (orbi_sample_add(&ps, x, 3,
                                    a1 - (1 - 2 * folded_mean(ei - ej, sigma * M_SQRT2) / A->range),
                                    codes[a] * 1000 + codes[b], 0)) {
                    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                    goto done;
                }
            }
    st = orbi_ols(&ps, 3, 0, "affinity beyond the ideal points", &pf, err);
    if (st == ORB_OK)
        st = put_fit(out, cap, n, names, &pf, from, to,
                     "OLS a' - E[g(ip')] = p ally + b (bal - a) + m mid, SE by dyad",
                     "unga_idealpoints + atop + conflict_mid", err);
done:
    for (k = 0; M && C && k < ny; k++) {
        free(M[k]);
        free(C[k]);
    }
    free(M);
    free(C);
    free(mu);
    free(f.resid);
    free(pf.resid);
    orbi_sample_free(&s);
    orbi_sample_free(&ps);
    return st;
}

static orb_status cal_alliances(const years *ys, int from, int to, orb_estimate *out, size_t cap,
                                size_t *n, orb_error *err)
{
    static const char *const fnames[] = {"alliance.form_const", "alliance.form_affinity",
                                         "alliance.form_land", "alliance.form_lndist",
                                         "alliance.form_threat"};
    static const char *const lnames[] = {"alliance.lapse_const", "alliance.lapse_affinity"};
    int codes[ORBI_MAX_CCODE];
    size_t nc = codes_of(ys, codes), a, b;
    orbi_sample fs = {0}, ls = {0};
    orbi_fit ff = {0}, lf = {0};
    orb_status st = ORB_OK;
    int y;

    fs.contiguous = ls.contiguous = 1;
    for (a = 0; a < nc && st == ORB_OK; a++)
        for (b = a + 1; b < nc && st == ORB_OK; b++)
            for (y = from; y <= to; y++) {
                const yr *A = &ys->y[y - ys->first], *B = &ys->y[y + 1 - ys->first];
                size_t i = orb_world_index(A->w, codes[a]), j = orb_world_index(A->w, codes[b]);
                size_t i2 = orb_world_index(B->w, codes[a]), j2 = orb_world_index(B->w, codes[b]);
                int cl = codes[a] * 1000 + codes[b], was, now;
                double af, x[4];
                if (i == (size_t)-1 || j == (size_t)-1 || i2 == (size_t)-1 || j2 == (size_t)-1)
                    continue;
                af = A->aff[i * A->n + j];
                if (isnan(af) || isnan(A->dist[i * A->n + j])) continue;
                was = A->w->ally[i * A->n + j];
                now = B->w->ally[i2 * B->n + j2];
                if (was) {
                    if (orbi_sample_add(&ls, &af, 1, !now, cl, 0)) st = ORB_ENOMEM;
                    continue;
                }
                if (!(A->threat[i] > 0 && A->threat[j] > 0)) continue;
                x[0] = af;
                x[1] = A->w->contig[i * A->n + j] == 1;
                x[2] = log(A->dist[i * A->n + j] > 1 ? A->dist[i * A->n + j] : 1);
                x[3] = log(A->threat[i]) + log(A->threat[j]);
                if (orbi_sample_add(&fs, x, 4, now, cl, 0)) st = ORB_ENOMEM;
            }
    if (st == ORB_ENOMEM) st = orbi_error(err, st, NULL, 0, 0, "out of memory");
    if (st == ORB_OK) st = orbi_logit(&fs, 4, "alliance-formation logit", &ff, err);
    if (st == ORB_OK) st = orbi_logit(&ls, 1, "alliance-lapse logit", &lf, err);
    if (st == ORB_OK)
        st = put_fit(out, cap, n, fnames, &ff, from + 1, to + 1,
                     "logit (IRLS) of a new pact in t+1 among unallied pairs, SE by dyad",
                     "atop + unga_idealpoints + threat", err);
    if (st == ORB_OK)
        st = put_fit(out, cap, n, lnames, &lf, from + 1, to + 1,
                     "logit (IRLS) of a pact ending in t+1 among allied pairs, SE by dyad",
                     "atop + unga_idealpoints", err);
    orbi_sample_free(&fs);
    orbi_sample_free(&ls);
    return st;
}

/* The sanction proposal's covariates for i on j in year Y (affinity, ln GDP
 * ratio), as the engine's order phase forms them: 1, or 0 for a pair outside
 * the sample (i = j, allied, or missing affinity or GDP). The logit and the
 * intercept's root finding both use it, so they see the same pairs. */
/* The sanction logit's covariates of i on j in year Y (Yp the base year,
 * the one before the sample's first, whose sanctions in force are the
 * states' traits): affinity, ln shares of world GDP, ln(1 + i's targets)
 * and ln(1 + j's senders) in the base year, and a defence pact between them.
 * 0 if the pair is out of the sample (no data; a sanction in force). Traits, not last year's
 * counts: fed back year by year, the counts make the simulated rate explode (each sanction begets
 * more than one). */
static int sanc_covariates(const yr *Y, const yr *Yp, const yr *Yl, size_t i, size_t j, double x[8])
{
    const double gi = Y->w->s[i].gdp_ppp, gj = Y->w->s[j].gdp_ppp;
    const size_t il = orb_world_index(Yl->w, Y->w->s[i].ccode),
                 jl = orb_world_index(Yl->w, Y->w->s[j].ccode);

    if (i == j) return 0;
    /* a pair whose sanction was in force the year before cannot begin one (as in
     * the engine) */
    if (il != (size_t)-1 && jl != (size_t)-1 && Yl->w->sanction[il * Yl->n + jl]) return 0;
    x[0] = Y->aff[i * Y->n + j];
    if (isnan(x[0]) || !(gi > 0) || !(gj > 0)) return 0;
    x[1] = log(gi / Y->wgdp);
    x[2] = log(gj / Y->wgdp);
    x[3] = Y->w->ally[i * Y->n + j] != 0; /* allies sanction each other too (GSDB: a fifth) */
    x[4] = Y->w->s[i].ideal;              /* where each stands, beyond how far apart */
    x[5] = Y->w->s[j].ideal;
    if (isnan(x[4]) || isnan(x[5])) return 0;
    x[6] = log1p(Yp->sout[Y->w->s[i].ccode]); /* the traits last: dropped without base cases */
    x[7] = log1p(Yp->sin[Y->w->s[j].ccode]);
    return 1;
}

/*
 * Who sanctions whom: a logit over directed pairs of states (allied or not) and
 * years, of a state's new sanction on another (GSDB cases whose senders are
 * all states; data/sanctions.csv), on the engine's covariates:
 *   P(i sanctions j in t) = logistic(c + s_a a_ij,t + s_i ln g_i,t + s_j ln g_j,t
 *                                    + p_i ln(1 + out_i,0) + p_j ln(1 + in_j,0)
 *                                    + s_A A_ij,t),
 * g the states' shares of world GDP, out_i the states i sanctioned and in_j
 * the states sanctioning j in the base year (from - 1): traits, as the
 * engine holds those of its start year. The slopes are the engine's
 * order.sanction_affinity, _sender, _target, _sender_cases, _target_cases;
 * the intercept here describes state senders only, so the engine's constant
 * is set afterwards by cal_sanctions to GSDB's count of all new cases. SEs
 * clustered by directed dyad.
 */
static orb_status cal_sanction_logit(const orb_tables *t, const years *ys, int from, int to,
                                     double *P, orb_estimate *out, size_t cap, size_t *n,
                                     orb_error *err)
{
    int codes[ORBI_MAX_CCODE];
    size_t nc = codes_of(ys, codes), a, b, k, nk = 0, ones = 0;
    long long *keys = malloc((t->nsanc + 1) * sizeof *keys);
    orbi_sample s = {0};
    orbi_fit f = {0};
    orb_status st = ORB_OK;
    int y, traits = 0;
    const size_t nx = 8;

    if (keys == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (k = 0; k < t->nsanc; k++) /* directed: sender * 1000 + target, then the year */
        if (t->sanc[k].begin >= from && t->sanc[k].begin <= to)
            keys[nk++] = ((long long)t->sanc[k].sender * 1000 + t->sanc[k].target) * 10000 +
                         t->sanc[k].begin;
    qsort(keys, nk, sizeof *keys, cmp_ll);
    { /* the base year's traits: none when it predates GSDB's cases */
        const yr *Yp = &ys->y[from - 1 - ys->first];
        for (a = 0; a < nc && !traits; a++)
            traits = Yp->sout[codes[a]] > 0 || Yp->sin[codes[a]] > 0;
    }
    s.contiguous = 1;
    s.dyadic = 1; /* sender * 1000 + target: dyadic-robust SEs */
    for (a = 0; a < nc && st == ORB_OK; a++)
        for (b = 0; b < nc && st == ORB_OK; b++)
            for (y = from; y <= to && a != b; y++) {
                const yr *Y = &ys->y[y - ys->first], *Yp = &ys->y[from - 1 - ys->first];
                size_t i = orb_world_index(Y->w, codes[a]), j = orb_world_index(Y->w, codes[b]);
                double x[8];
                int hit;
                if (i == (size_t)-1 || j == (size_t)-1 || !sanc_covariates(Y, Yp, Y - 1, i, j, x))
                    continue;
                hit = has(keys, nk, ((long long)codes[a] * 1000 + codes[b]) * 10000 + y);
                ones += (size_t)hit;
                if (orbi_sample_add(&s, x, traits ? nx : nx - 2, hit, codes[a] * 1000 + codes[b],
                                    0))
                    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            }
    if (st == ORB_OK && ones < 10)
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0,
                        "sanction logit: only %zu new state-sender cases in %d-%d", ones, from, to);
    if (st == ORB_OK) st = orbi_logit(&s, traits ? nx : nx - 2, "sanction-proposal logit", &f, err);
    if (st == ORB_OK && !traits) { /* the traits' slopes are not identified: 0, SE NaN */
        f.b[7] = f.b[8] = 0;
        f.se_dyadic[7] = f.se_dyadic[8] = NAN;
    }
    if (st == ORB_OK) {
        const char *m = traits
                            ? "logit: new sanction i on j, directed pairs; SE dyadic-robust (ASA)"
                            : "logit, directed pairs, SE dyadic-robust; no base-year cases: "
                              "traits set to 0";
        const char *d = "sanctions_gsdb (state senders) + unga_idealpoints + fariss gdp";
        P[ORBI_P_SANC_AFF] = f.b[1];
        P[ORBI_P_SANC_SENDER] = f.b[2];
        P[ORBI_P_SANC_TARGET] = f.b[3];
        P[ORBI_P_SANC_ALLY] = f.b[4];
        P[ORBI_P_SANC_IP_SENDER] = f.b[5];
        P[ORBI_P_SANC_IP_TARGET] = f.b[6];
        P[ORBI_P_SANC_SOUT] = f.b[7];
        P[ORBI_P_SANC_SIN] = f.b[8];
        st = orbi_put_estimate(out, cap, n, "order.sanction_affinity", f.b[1], f.se_dyadic[1], f.n,
                               f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_sender", f.b[2], f.se_dyadic[2],
                                   f.n, f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_target", f.b[3], f.se_dyadic[3],
                                   f.n, f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_sender_cases", f.b[7],
                                   f.se_dyadic[7], f.n, f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_target_cases", f.b[8],
                                   f.se_dyadic[8], f.n, f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_ally", f.b[4], f.se_dyadic[4], f.n,
                                   f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_ideal_sender", f.b[5],
                                   f.se_dyadic[5], f.n, f.ncl, from, to, m, d, err);
        if (st == ORB_OK)
            st = orbi_put_estimate(out, cap, n, "order.sanction_ideal_target", f.b[6],
                                   f.se_dyadic[6], f.n, f.ncl, from, to, m, d, err);
    }
    free(f.resid);
    free(keys);
    orbi_sample_free(&s);
    return st;
}

/* Expected yearly sanction proposals at intercept c, minus the target. */
typedef struct sanc_fit {
    const years *ys;
    const double *P;
    int from, to;
    double target;
} sanc_fit;

static double sanc_gap(double c, void *vp)
{
    const sanc_fit *sf = vp;
    double tot = 0;
    int y;

    for (y = sf->from; y <= sf->to; y++) {
        const yr *Y = &sf->ys->y[y - sf->ys->first];
        size_t i, j;
        double x[8];
        for (i = 0; i < Y->n; i++)
            for (j = 0; j < Y->n; j++)
                if (sanc_covariates(Y, &sf->ys->y[sf->from - 1 - sf->ys->first], Y - 1, i, j, x))
                    tot +=
                        1.0 /
                        (1.0 +
                         exp(-(c + sf->P[ORBI_P_SANC_AFF] * x[0] +
                               sf->P[ORBI_P_SANC_SENDER] * x[1] + sf->P[ORBI_P_SANC_TARGET] * x[2] +
                               sf->P[ORBI_P_SANC_ALLY] * x[3] +
                               sf->P[ORBI_P_SANC_IP_SENDER] * x[4] +
                               sf->P[ORBI_P_SANC_IP_TARGET] * x[5] +
                               sf->P[ORBI_P_SANC_SOUT] * x[6] + sf->P[ORBI_P_SANC_SIN] * x[7])));
    }
    return tot / (double)(sf->to - sf->from + 1) - sf->target;
}

/* The share of state j's gravity trade that state i carries in world Y:
 * GDP_i k(d_ji) / sum_m GDP_m k(d_jm), k the engine's trade kernel. */
static double trade_share(const yr *Y, size_t j, size_t i, double theta)
{
    double all = 0, mine = 0;
    size_t m;

    for (m = 0; m < Y->n; m++) {
        double g = Y->w->s[m].gdp_ppp, d = Y->dist[j * Y->n + m], k;
        if (m == j || !(g > 0) || isnan(d)) continue;
        k = g * orbi_trade_kernel(d, theta);
        all += k;
        if (m == i) mine = k;
    }
    return all > 0 ? mine / all : NAN;
}

/* The trade share at which a target pays the literature's cost of
 * unilateral sanctions: Neuenkirch & Neumeier (2015) estimate US sanctions'
 * effect, so the anchor is the mean share of the United States in the
 * gravity trade of the targets of its cases begun from..to (their start
 * years' worlds), with its standard error of the mean. */
static orb_status cal_sanction_anchor(const orb_tables *t, const years *ys, int from, int to,
                                      const double *P, orb_estimate *out, size_t cap, size_t *n,
                                      orb_error *err)
{
    double sum = 0, sum2 = 0, mean, se;
    size_t k, m = 0;

    for (k = 0; k < t->nsanc; k++) {
        const orbi_sancrow *c = &t->sanc[k];
        const yr *Y;
        size_t i, j;
        double w;
        if (c->sender != 2 || c->begin < from || c->begin > to) continue;
        Y = &ys->y[c->begin - ys->first];
        i = orb_world_index(Y->w, 2);
        j = orb_world_index(Y->w, c->target);
        if (i == (size_t)-1 || j == (size_t)-1) continue;
        w = trade_share(Y, j, i, P[ORBI_P_TRADE_THETA]);
        if (isnan(w)) continue;
        sum += w;
        sum2 += w * w;
        m++;
    }
    if (m < 10)
        ORB_FAIL(err, ORB_ENODATA, "sanction anchor: only %zu US cases begun %d-%d", m, from, to);
    mean = sum / (double)m;
    se = sqrt((sum2 / (double)m - mean * mean) / (double)(m - 1));
    return orbi_put_estimate(out, cap, n, "order.sanction_anchor_share", mean, se, m, m, from, to,
                             "mean gravity share of the US in its targets' trade, start years",
                             "sanctions_gsdb (US cases) + fariss gdp + capitals", err);
}

/* The sanction proposal intercept (GSL Brent root finding) so that the model
 * expects GSDB's mean number of new cases a year, and the rates at which
 * cases end, with the target conceding (GSDB success_total or success_part)
 * or not, from GSDB's durations (cases still in force at the end are
 * censored). */
static orb_status cal_sanctions(const char *datadir, const years *ys, int from, int to, int censor,
                                const double *P, orb_estimate *out, size_t cap, size_t *n,
                                orb_error *err)
{
    static const char *const cols[] = {"begin", "end", "success"};
    char path[1024];
    size_t ix[3], cases = 0, ended = 0, conceded = 0, caseyears = 0;
    orbi_csv c;
    int eof = 0, it, status;
    orb_status st;
    gsl_root_fsolver *solver;
    gsl_function F;
    sanc_fit sf;
    double root = 0, lo = -40, hi = 10, p;

    snprintf(path, sizeof path, "%s/%s", datadir, GSDB_FILE);
    ORB_TRY(orbi_csv_open_cols(&c, path, RAW_HINT, cols, 3, ix, err));
    for (;;) {
        int b, e;
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = orbi_csv_int(&c, ix[0], 1900, 2100, &b, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[1], 1900, 2100, &e, err)) != ORB_OK)
            break;
        if (b < from || b > to) continue;
        if (e < b) {
            st = orbi_csv_fail(&c, ix[1], err, "a case ends (%d) before it begins (%d)", e, b);
            break;
        }
        cases++; /* followed to the censoring year: an end after it is not known yet */
        caseyears += (size_t)((e < censor ? e : censor) - b + 1);
        if (e < censor) {
            if (strstr(c.field[ix[2]], "success") != NULL)
                conceded++;
            else
                ended++;
        }
    }
    orbi_csv_close(&c);
    if (st != ORB_OK) return st;
    if (cases < 10)
        ORB_FAIL(err, ORB_ENODATA, "%s: only %zu cases begun %d-%d", path, cases, from, to);
    p = (double)ended / (double)caseyears;
    ORB_TRY(orbi_put_estimate(out, cap, n, "order.sanction_lift", p,
                              sqrt(p * (1 - p) / (double)caseyears), caseyears, cases, from, to,
                              "cases ended without success / case-years (censored)",
                              "sanctions_gsdb (release 3)", err));
    p = (double)conceded / (double)caseyears;
    ORB_TRY(orbi_put_estimate(out, cap, n, "order.sanction_concede", p,
                              sqrt(p * (1 - p) / (double)caseyears), caseyears, cases, from, to,
                              "cases ended in (partial) success / case-years (censored)",
                              "sanctions_gsdb (release 3)", err));
    sf.ys = ys;
    sf.P = P;
    sf.from = from;
    sf.to = to;
    sf.target = (double)cases / (double)(to - from + 1);
    F.function = sanc_gap;
    F.params = &sf;
    if (!(sanc_gap(lo, &sf) < 0 && sanc_gap(hi, &sf) > 0))
        ORB_FAIL(err, ORB_ENODATA, "sanction intercept: no root in [%g, %g]", lo, hi);
    solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (solver == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    gsl_root_fsolver_set(solver, &F, lo, hi);
    for (it = 0, status = GSL_CONTINUE; status == GSL_CONTINUE && it < 200; it++) {
        gsl_root_fsolver_iterate(solver);
        root = gsl_root_fsolver_root(solver);
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(solver),
                                        gsl_root_fsolver_x_upper(solver), 1e-10, 0);
    }
    gsl_root_fsolver_free(solver);
    if (status != GSL_SUCCESS) ORB_FAIL(err, ORB_ENODATA, "sanction intercept: no convergence");
    /* SE from the Poisson count: d(expected)/dc at the root maps sd(count) to c */
    {
        double h = 1e-4, slope = (sanc_gap(root + h, &sf) - sanc_gap(root - h, &sf)) / (2 * h);
        double se = sqrt(sf.target / (double)(to - from + 1)) / slope;
        return orbi_put_estimate(out, cap, n, "order.sanction_const", root, se, cases, cases, from,
                                 to, "root of expected proposals = GSDB new cases a year (Brent)",
                                 "sanctions_gsdb + unga_idealpoints + fariss gdp", err);
    }
}

orb_status orbi_calibrate_dyadic(const char *datadir, const orb_tables *t, const orb_panel *p,
                                 int last_year, double *P, orb_estimate *out, size_t cap, size_t *n,
                                 orb_error *err)
{
    records r;
    years ys = {0, 0, NULL};
    orb_status st;
    int shift = last_year ? last_year - ARMS_TO : 0; /* out-of-sample: move every window */
    int mid_to = last_year ? (last_year < MID_TO ? last_year : MID_TO) : MID_TO;
    int mid_from = mid_to - (MID_TO - MID_FROM), arms_to = ARMS_TO + (shift < 0 ? shift : 0);
    int arms_from = arms_to - (ARMS_TO - ARMS_FROM), rel_to, rel_from;
    int ally_to = last_year ? (last_year - 1 < ALLY_TO ? last_year - 1 : ALLY_TO) : ALLY_TO;
    int ally_from = ally_to - (ALLY_TO - ALLY_FROM);
    int first = mid_from - 1, last = arms_to; /* the onset logit reads the year before */

    orbi_ideal_window(last_year, &rel_from, &rel_to);
    memset(&r, 0, sizeof r);
    if (arms_from - 1 < first) first = arms_from - 1;
    if (rel_from - 1 < first) first = rel_from - 1;
    if (ally_from < first) first = ally_from;
    if (ally_to + 1 > last) last = ally_to + 1;
    if (rel_to > last) last = rel_to;
    if (first < 1946)
        ORB_FAIL(err, ORB_ERANGE, "the dyadic samples need ideal points from 1946 on");
    st = load_records(datadir, &r, err);
    /* conflict first: its contiguity and distance coefficients weight the threat */
    if (st == ORB_OK) st = years_build(t, p, first, last, P, &ys, err);
    if (st == ORB_OK) st = cal_conflict(t, &ys, &r, mid_from, mid_to, P, out, cap, n, err);
    if (st == ORB_OK) st = cal_charter(&r, mid_to, out, cap, n, err);
    if (st == ORB_OK) {
        years_free(&ys);
        st = years_build(t, p, first, last, P, &ys, err);
    }
    if (st == ORB_OK)
        st = cal_wars(datadir, t, &r, last_year && last_year < WAR_LAST ? last_year : WAR_LAST, out,
                      cap, n, err);
    if (st == ORB_OK) st = cal_arms(&ys, arms_from, arms_to, out, cap, n, err);
    if (st == ORB_OK) st = cal_relations(&ys, p, &r, rel_from, rel_to, out, cap, n, err);
    if (st == ORB_OK) st = cal_alliances(&ys, ally_from, ally_to, out, cap, n, err);
    if (st == ORB_OK) {
        int s_to = last_year && last_year < SANC_TO ? last_year : SANC_TO;
        int s_from = s_to - (SANC_TO - SANC_FROM);
        if (s_from <= first) s_from = first + 1; /* the year before: its sanctions in force */
        st = cal_sanction_logit(t, &ys, s_from, s_to, P, out, cap, n, err);
        if (st == ORB_OK)
            st = cal_sanctions(datadir, &ys, s_from, s_to,
                               last_year && last_year < GSDB_LAST ? last_year : GSDB_LAST, P, out,
                               cap, n, err);
        if (st == ORB_OK) st = cal_sanction_anchor(t, &ys, s_from, s_to, P, out, cap, n, err);
    }
    years_free(&ys);
    records_free(&r);
    return st;
}
