/*
 * dyads.c - the dyadic and relational data of a world: UNGA ideal points,
 * COW direct contiguity and ATOP defence pacts (with NATO's accessions after
 * ATOP ends), read from the raw data for the panel and from data/ for the
 * base year. Rules (documented in data/README.md, applied identically by
 * tools/build_data.py for the base year):
 *   - a contiguity spell still running at the end of COW v3.2 (2016) runs on;
 *   - defence pacts after 2018 are those of 2018 plus NATO accessions from
 *     recent_memberships, NATO being Canada and its 2018 defence partners;
 *   - an ideal point missing in a year is carried from the latest of the
 *     five years before it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"
#include "data_int.h"
#include "orb_int.h"

#define IDEAL_FILE  "unga_idealpoints/IdealpointsJuly2025.csv"
#define CONT_FILE   "cow_geography/cow_contdir_v3.2.csv"
#define ATOP_FILE   "alliances_atop/atop5_1_ddyr.csv"
#define RECENT_FILE "recent_memberships/memberships_2015_2025.csv"
#define MID_FILE    "conflict_mid/cow_mid_dirdisps_5.0.csv"
#define RAW_HINT    "expected in the raw data folder (set ORBIS_DATA; default ../shared/data)"

#define CONT_LAST_YEAR 2016               /* COW contiguity v3.2: spells running on 2016-12-01 */
#define IDEAL_CARRY    5                  /* years an ideal point may be carried forward */
#define IDEAL_Z95      1.6448536269514722 /* the standard normal's 95% quantile */

static orb_status grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    void *p;
    size_t nc;

    if (n < *cap) return ORB_OK;
    nc = *cap ? *cap * 2 : 256;
    p = realloc(*arr, nc * sz);
    if (p == NULL) return ORB_ENOMEM;
    *arr = p;
    *cap = nc;
    return ORB_OK;
}

/* Year of a "YYYY-MM-DD" field. */
static orb_status date_year(orbi_csv *c, size_t idx, int *out, orb_error *err)
{
    const char *s = orbi_csv_str(c, idx);
    int y = 0, k;

    for (k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9')
            return orbi_csv_fail(c, idx, err, "expected a date YYYY-MM-DD, found '%.20s'", s);
        y = 10 * y + (s[k] - '0');
    }
    *out = y;
    return ORB_OK;
}

static orb_status ideal_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    orbi_dyadpanel *d = ud;
    int cc, y;
    double v, q5, q95;

    ORB_TRY(orbi_csv_int(c, ix[0], 1, ORBI_MAX_CCODE - 1, &cc, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 1900, 9999, &y, err));
    ORB_TRY(orbi_csv_double(c, ix[2], "NA", 1, &v, err));
    ORB_TRY(orbi_csv_double(c, ix[3], "NA", 1, &q5, err));
    ORB_TRY(orbi_csv_double(c, ix[4], "NA", 1, &q95, err));
    if (y >= ORB_FIRST_YEAR && y <= ORB_LAST_YEAR && !isnan(v)) {
        const size_t k = (size_t)cc * ORBI_NYEARS + (size_t)(y - ORB_FIRST_YEAR);
        const double sd = (q95 - q5) / (2 * IDEAL_Z95);
        d->ideal[k] = v;
        d->ideal_var[k] = sd * sd; /* NaN when a quantile is missing */
    }
    return ORB_OK;
}

static orb_status cont_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    orbi_dyadpanel *d = ud;
    orbi_cont k;
    int t;

    ORB_TRY(orbi_csv_int(c, ix[0], 1, ORBI_MAX_CCODE - 1, &k.c1, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 1, ORBI_MAX_CCODE - 1, &k.c2, err));
    ORB_TRY(orbi_csv_int(c, ix[2], 0, 5, &t, err));
    ORB_TRY(date_year(c, ix[3], &k.from, err));
    ORB_TRY(date_year(c, ix[4], &k.to, err));
    if (k.c1 >= k.c2 || t == 0) return ORB_OK; /* directed file: keep each pair once */
    if (k.to >= CONT_LAST_YEAR) k.to = 9999;
    k.type = (unsigned char)t;
    if (grow((void **)&d->cont, &d->capcont, d->ncont, sizeof *d->cont) != ORB_OK)
        return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    d->cont[d->ncont++] = k;
    return ORB_OK;
}

static int cmp_pact(const void *a, const void *b)
{
    const orbi_pact *x = a, *y = b;
    if (x->year != y->year) return (x->year > y->year) - (x->year < y->year);
    if (x->c1 != y->c1) return (x->c1 > y->c1) - (x->c1 < y->c1);
    return (x->c2 > y->c2) - (x->c2 < y->c2);
}

static orb_status atop_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    orbi_dyadpanel *d = ud;
    orbi_pact k;
    int def, a, b;

    ORB_TRY(orbi_csv_int(c, ix[0], 1, ORBI_MAX_CCODE - 1, &a, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 1, ORBI_MAX_CCODE - 1, &b, err));
    ORB_TRY(orbi_csv_int(c, ix[2], 1800, 9999, &k.year, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 0, 1, &def, err));
    if (k.year > d->atop_last) d->atop_last = k.year;
    if (!def || a == b || k.year < ORB_FIRST_YEAR || k.year > ORB_LAST_YEAR) return ORB_OK;
    k.c1 = a < b ? a : b;
    k.c2 = a < b ? b : a;
    if (grow((void **)&d->pact, &d->cappact, d->npact, sizeof *d->pact) != ORB_OK)
        return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    d->pact[d->npact++] = k;
    return ORB_OK;
}

/* Sort the pacts, drop the directed file's duplicates, index them by year. */
static void index_pacts(orbi_dyadpanel *d)
{
    size_t i, m;

    qsort(d->pact, d->npact, sizeof *d->pact, cmp_pact);
    for (i = m = 0; i < d->npact; i++)
        if (m == 0 || cmp_pact(&d->pact[i], &d->pact[m - 1]) != 0) d->pact[m++] = d->pact[i];
    d->npact = m;
    for (i = 0; i < ORBI_NYEARS; i++)
        d->pact_count[i] = 0;
    for (i = d->npact; i-- > 0;) {
        size_t y = (size_t)(d->pact[i].year - ORB_FIRST_YEAR);
        d->pact_start[y] = i;
        d->pact_count[y]++;
    }
}

static orb_status recent_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    orbi_dyadpanel *d = ud;
    orbi_accession k;

    if (strcmp(orbi_csv_str(c, ix[0]), "NATO") != 0 || strcmp(orbi_csv_str(c, ix[2]), "join") != 0)
        return ORB_OK;
    ORB_TRY(orbi_csv_int(c, ix[1], 1, ORBI_MAX_CCODE - 1, &k.ccode, err));
    ORB_TRY(date_year(c, ix[3], &k.year, err));
    if (grow((void **)&d->nato, &d->capnato, d->nnato, sizeof *d->nato) != ORB_OK)
        return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    d->nato[d->nnato++] = k;
    return ORB_OK;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static orb_status mid_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    orbi_dyadpanel *d = ud;
    int a, b, y, on;

    ORB_TRY(orbi_csv_int(c, ix[0], 1, ORBI_MAX_CCODE - 1, &a, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 1, ORBI_MAX_CCODE - 1, &b, err));
    ORB_TRY(orbi_csv_int(c, ix[2], 1800, 9999, &y, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 0, 1, &on, err));
    if (!on || a >= b) return ORB_OK; /* directed file: each onset once */
    if (grow((void **)&d->mid, &d->capmid, d->nmid, sizeof *d->mid) != ORB_OK)
        return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    d->mid[d->nmid++] = ((long long)a * 1000 + b) * 10000 + y;
    return ORB_OK;
}

/* Read dir/file with the named columns through fn. */
static orb_status each(const char *dir, const char *file, const char *const *cols, size_t n,
                       orbi_row_fn fn, orbi_dyadpanel *d, orb_error *err)
{
    char path[1024];

    snprintf(path, sizeof path, "%s/%s", dir, file);
    return orbi_csv_each(path, RAW_HINT, cols, n, fn, d, err);
}

orb_status orbi_dyads_load(const char *dir, orbi_dyadpanel *d, orb_error *err)
{
    static const char *const ideal_cols[] = {"ccode", "year", "idealpointall", "q5all", "q95all"};
    static const char *const cont_cols[] = {"ccode1", "ccode2", "conttype", "stdate", "enddate"};
    static const char *const atop_cols[] = {"ccode1", "ccode2", "year", "atop_defense"};
    static const char *const mid_cols[] = {"ccode1", "ccode2", "year", "disponset"};
    static const char *const recent_cols[] = {"group", "ccode", "event", "date"};
    size_t i, n = (size_t)ORBI_MAX_CCODE * ORBI_NYEARS;

    memset(d, 0, sizeof *d);
    d->ideal = malloc(n * sizeof *d->ideal);
    d->ideal_var = malloc(n * sizeof *d->ideal_var);
    if (d->ideal == NULL || d->ideal_var == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (i = 0; i < n; i++)
        d->ideal[i] = d->ideal_var[i] = NAN;
    ORB_TRY(each(dir, IDEAL_FILE, ideal_cols, 5, ideal_row, d, err));
    ORB_TRY(each(dir, CONT_FILE, cont_cols, 5, cont_row, d, err));
    ORB_TRY(each(dir, ATOP_FILE, atop_cols, 4, atop_row, d, err));
    index_pacts(d);
    ORB_TRY(each(dir, MID_FILE, mid_cols, 4, mid_row, d, err));
    qsort(d->mid, d->nmid, sizeof *d->mid, cmp_ll);
    return each(dir, RECENT_FILE, recent_cols, 4, recent_row, d, err);
}

void orbi_dyads_free(orbi_dyadpanel *d)
{
    free(d->ideal);
    free(d->ideal_var);
    free(d->cont);
    free(d->pact);
    free(d->nato);
    free(d->mid);
    memset(d, 0, sizeof *d);
}

double orbi_dyads_ideal(const orbi_dyadpanel *d, int ccode, int year, int *year_out)
{
    int y;

    for (y = year; y >= year - IDEAL_CARRY && y >= ORB_FIRST_YEAR; y--) {
        double v = d->ideal[(size_t)ccode * ORBI_NYEARS + (size_t)(y - ORB_FIRST_YEAR)];
        if (!isnan(v)) {
            if (year_out) *year_out = y;
            return v;
        }
    }
    if (year_out) *year_out = 0;
    return NAN;
}

/* Mark a pair of world states in an n x n byte matrix (both halves). */
static void mark(const orb_world *w, unsigned char *m, int c1, int c2, unsigned char v,
                 int keep_min)
{
    size_t i = orb_world_index(w, c1), j = orb_world_index(w, c2), n = w->n;

    if (i == (size_t)-1 || j == (size_t)-1 || i == j) return;
    if (keep_min && m[i * n + j] != 0 && m[i * n + j] < v) return;
    m[i * n + j] = m[j * n + i] = v;
}

void orbi_dyads_fill(const orbi_dyadpanel *d, orb_world *w)
{
    const int Y = w->year;
    int ya = Y < d->atop_last ? Y : d->atop_last;
    size_t k, i, n = w->n;

    for (k = 0; k < d->ncont; k++) {
        const orbi_cont *c = &d->cont[k];
        if (c->from <= Y && Y <= c->to) mark(w, w->contig, c->c1, c->c2, c->type, 1);
    }
    if (ya >= ORB_FIRST_YEAR)
        for (k = 0; k < d->pact_count[ya - ORB_FIRST_YEAR]; k++) {
            const orbi_pact *p = &d->pact[d->pact_start[ya - ORB_FIRST_YEAR] + k];
            mark(w, w->ally, p->c1, p->c2, 1, 0);
        }
    if (Y > d->atop_last) { /* NATO accessions after ATOP ends */
        size_t a = orb_world_index(w, ORBI_NATO_ANCHOR);
        for (k = 0; a != (size_t)-1 && k < d->nnato; k++) {
            size_t c = orb_world_index(w, d->nato[k].ccode);
            if (d->nato[k].year <= d->atop_last || d->nato[k].year > Y || c == (size_t)-1) continue;
            for (i = 0; i < n; i++) /* tie the new member to the anchor and its partners */
                if (i != c && (i == a || w->ally[a * n + i]))
                    w->ally[c * n + i] = w->ally[i * n + c] = 1;
        }
    }
    for (k = 0; k < d->nmid; k++) { /* the last onset up to Y (keys sorted: later wins) */
        int y = (int)(d->mid[k] % 10000), pair = (int)(d->mid[k] / 10000);
        size_t a, b;
        if (y > Y) continue;
        a = orb_world_index(w, pair / 1000);
        b = orb_world_index(w, pair % 1000);
        if (a == (size_t)-1 || b == (size_t)-1) continue;
        w->lastmid[a * n + b] = w->lastmid[b * n + a] = (short)y;
    }
    for (i = 0; i < n; i++) {
        orb_state *s = &w->s[i];
        s->ideal = orbi_dyads_ideal(d, s->ccode, Y, &s->ideal_year);
        s->ideal_mean = orbi_dyads_ideal_mean(d, s->ccode, ORB_IDEAL_MEAN_FROM, ORB_IDEAL_MEAN_TO);
    }
}

double orbi_dyads_ideal_mean(const orbi_dyadpanel *d, int ccode, int from, int to)
{
    double sum = 0;
    int y, k = 0;

    for (y = from < ORB_FIRST_YEAR ? ORB_FIRST_YEAR : from; y <= to && y <= ORB_LAST_YEAR; y++) {
        double v = d->ideal[(size_t)ccode * ORBI_NYEARS + (size_t)(y - ORB_FIRST_YEAR)];
        if (!isnan(v)) {
            sum += v;
            k++;
        }
    }
    return k > 0 ? sum / k : NAN;
}

int orbi_last_onset_before(const long long *v, size_t n, int c1, int c2, int year)
{
    const long long pair = (long long)(c1 < c2 ? c1 : c2) * 1000 + (c1 < c2 ? c2 : c1);
    const long long k = pair * 10000 + year; /* the first key >= k */
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || v[lo - 1] / 10000 != pair) return -1;
    return (int)(v[lo - 1] % 10000);
}

double orbi_peace_years(const long long *keys, size_t n, const orb_tables *t, int c1, int c2,
                        int year)
{
    int last = orbi_last_onset_before(keys, n, c1, c2, year);
    if (last < 0) {
        const orbi_state_info *x = orbi_tables_state(t, c1), *y = orbi_tables_state(t, c2);
        int start = ORB_FIRST_YEAR;
        if (x && x->first_year > start) start = x->first_year;
        if (y && y->first_year > start) start = y->first_year;
        return (double)(year - start);
    }
    return (double)(year - last - 1);
}

void orbi_ideal_window(int last_year, int *from, int *to)
{
    *to = last_year && last_year < ORB_IDEAL_MEAN_TO ? last_year : ORB_IDEAL_MEAN_TO;
    *from = ORB_IDEAL_MEAN_FROM;
    if (*to - *from + 1 < ORBI_IDEAL_MIN_YEARS) *from = *to - ORBI_IDEAL_MIN_YEARS + 1;
}

void orbi_world_forget_after(orb_world *w, int year)
{
    size_t k, m = 0;

    for (k = 0; k < w->nunsc; k++)
        if (w->unsc[k].year <= year) w->unsc[m++] = w->unsc[k];
    w->nunsc = m;
}

double orbi_ideal_range(const double *v, size_t n)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t i;

    for (i = 0; i < n; i++)
        if (!isnan(v[i])) {
            if (v[i] < lo) lo = v[i];
            if (v[i] > hi) hi = v[i];
        }
    return hi > lo ? hi - lo : NAN;
}

double orbi_world_ideal_range(const orb_world *w)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t i;

    for (i = 0; i < w->n; i++)
        if (!isnan(w->s[i].ideal)) {
            if (w->s[i].ideal < lo) lo = w->s[i].ideal;
            if (w->s[i].ideal > hi) hi = w->s[i].ideal;
        }
    return hi > lo ? hi - lo : NAN;
}

void orbi_world_ideal_means(orb_world *w, const orb_panel *p, int from, int to)
{
    size_t i;

    for (i = 0; i < w->n; i++)
        w->s[i].ideal_mean = orbi_dyads_ideal_mean(&p->dy, w->s[i].ccode, from, to);
}

size_t orb_panel_disputes(const orb_panel *p, int year)
{
    if (p == NULL) return 0;
    size_t k, c = 0;

    for (k = 0; k < p->dy.nmid; k++)
        c += (int)(p->dy.mid[k] % 10000) == year;
    return c;
}

int orb_panel_disputes_last_year(const orb_panel *p)
{
    if (p == NULL) return 0;
    size_t k;
    int last = 0;

    for (k = 0; k < p->dy.nmid; k++)
        if ((int)(p->dy.mid[k] % 10000) > last) last = (int)(p->dy.mid[k] % 10000);
    return last;
}
