/*
 * tables.c - the compact tables shipped in data/: states, code crosswalk,
 * major powers and the 2022 baseline (built by tools/build_data.py).
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"
#include "data_int.h"
#include "orb_int.h"

#define ORBI_BASE_YEAR ORB_LAST_YEAR

static const char *const comp_names[ORB_NCOMP] = {"milex", "milper", "irst", "pec", "tpop", "upop"};

const char *orb_component_name(int c)
{
    return (c >= 0 && c < ORB_NCOMP) ? comp_names[c] : NULL;
}

/* Grow an array of elements of size sz to hold n + 1. */
static orb_status grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    void *p;
    size_t nc;

    if (n < *cap) return ORB_OK;
    nc = *cap ? *cap * 2 : 64;
    p = realloc(*arr, nc * sz);
    if (p == NULL) return ORB_ENOMEM;
    *arr = p;
    *cap = nc;
    return ORB_OK;
}

static void join(char *out, size_t n, const char *dir, const char *file)
{
    snprintf(out, n, "%s/%s", dir, file);
}

#define TABLES_HINT "the tables are the project's data/ folder (ORBIS_TABLES)"

static orb_status text_field(orbi_csv *c, size_t idx, char *dst, size_t n, int required,
                             orb_error *err)
{
    const char *s = orbi_csv_str(c, idx);

    if (required && s[0] == '\0') return orbi_csv_fail(c, idx, err, "expected a value, found none");
    if (strlen(s) >= n)
        return orbi_csv_fail(c, idx, err, "expected at most %zu characters, found '%.40s'", n - 1,
                             s);
    orbi_strlcpy(dst, s, n);
    return ORB_OK;
}
/* Parse one row of a table into row (zeroed); t gives context (codes). */
typedef orb_status (*row_fn)(orbi_csv *c, const size_t *ix, void *row, orb_tables *t,
                             orb_error *err);

#define MAXCOLS ORBI_CSV_MAXCOLS

/* The largest GDP, population or capability component a table may hold
 * (orders of magnitude above any on record; sums stay far from overflow). */
#define TABLE_MAX 1e16

/* Two rows with one key (a table's duplicate): 1 if a and b share it. */
typedef int (*same_fn)(const void *a, const void *b);

#define SAME(name, type, expr)                                                                     \
    static int name(const void *pa, const void *pb)                                                \
    {                                                                                              \
        const type *a = pa, *b = pb;                                                               \
        return (expr);                                                                             \
    }
#define OVERLAP(a, b)                                                                              \
    ((a)->from_year < (b)->to_year &&                                                              \
     (b)->from_year < (a)->to_year) /* a shared end year is a hand-over */
SAME(same_xw, orbi_xwalk, a->ccode == b->ccode && OVERLAP(a, b))
SAME(same_spell, orbi_major, a->ccode == b->ccode && OVERLAP(a, b))
SAME(same_base, orbi_base_row, a->ccode == b->ccode)
SAME(same_cap, orbi_capital, a->ccode == b->ccode && OVERLAP(a, b))
SAME(same_cameo, orbi_cameo, strcmp(a->code, b->code) == 0)
SAME(same_dyad, orbi_dyadrow, a->c1 == b->c1 && a->c2 == b->c2)
SAME(same_unsc, orbi_unscrow, a->year == b->year && a->ccode == b->ccode)
SAME(same_veto, orbi_unscrow, a->year == b->year && a->draft == b->draft && a->ccode == b->ccode)
SAME(same_sanc, orbi_sancrow, a->id == b->id && a->sender == b->sender && a->target == b->target)
SAME(same_cases, orbi_casesrow, a->year == b->year)
SAME(same_war, orbi_warrow,
     a->year == b->year && a->a == b->a && a->b == b->b && a->conflict == b->conflict)
SAME(same_rival, orbi_rivalrow, a->a == b->a && a->b == b->b && a->start == b->start)
SAME(same_eff, orbi_effectrow, a->ccode == b->ccode)

/*
 * Load dir/file: find the named columns, then parse every row with fn into a
 * growing array *arr of elements of size size, counting them in *n. Errors
 * name file:line:column (ORB_EPARSE) or the missing file (ORB_EIO).
 */
static orb_status load_table(orb_tables *t, const char *dir, const char *file,
                             const char *const *cols, size_t ncols, size_t size, void **arr,
                             size_t *n, row_fn fn, same_fn same, orb_error *err)
{
    size_t ix[MAXCOLS], cap = 0;
    char path[1024];
    orbi_csv c;
    orb_status st;
    int eof = 0;

    if (ncols > MAXCOLS)
        ORB_FAIL(err, ORB_EINVAL, "%s: %zu columns, at most %d", file, ncols, MAXCOLS);
    join(path, sizeof path, dir, file);
    ORB_TRY(orbi_csv_open_cols(&c, path, TABLES_HINT, cols, ncols, ix, err));
    for (;;) {
        void *row;

        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if (grow(arr, &cap, *n, size) != ORB_OK) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        row = (char *)*arr + *n * size;
        memset(row, 0, size);
        if ((st = fn(&c, ix, row, t, err)) != ORB_OK) break;
        if (same != NULL) { /* a key given twice: the file is wrong, whichever row is right */
            size_t j;
            for (j = 0; j < *n; j++)
                if (same((char *)*arr + j * size, row)) break;
            if (j < *n) {
                st = orbi_csv_fail(&c, ix[0], err, "a duplicate of line %zu (the same key)", j + 2);
                break;
            }
        }
        (*n)++;
    }
    orbi_csv_close(&c);
    return st;
}

/* A COW code column. */
static orb_status ccode_field(orbi_csv *c, size_t idx, int *out, orb_error *err)
{
    return orbi_csv_int(c, idx, 1, ORBI_MAX_CCODE - 1, out, err);
}

/* An optional Gleditsch-Ward code: empty is 0. */
static orb_status gw_field(orbi_csv *c, size_t idx, int *out, orb_error *err)
{
    if (orbi_csv_str(c, idx)[0] == '\0') return ORB_OK;
    return orbi_csv_int(c, idx, 1, 999, out, err);
}

static const char *const state_cols[] = {"ccode",      "stateabb", "name",     "iso3",
                                         "gwcode",     "region",   "un_group", "global_south",
                                         "first_year", "last_year"};

static orb_status state_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_state_info *s = row;

    ORB_TRY(ccode_field(c, ix[0], &s->ccode, err));
    ORB_TRY(text_field(c, ix[1], s->abb, sizeof s->abb, 1, err));
    ORB_TRY(text_field(c, ix[2], s->name, sizeof s->name, 1, err));
    ORB_TRY(text_field(c, ix[3], s->iso3, sizeof s->iso3, 0, err));
    ORB_TRY(gw_field(c, ix[4], &s->gwcode, err));
    ORB_TRY(text_field(c, ix[5], s->region, sizeof s->region, 1, err));
    ORB_TRY(text_field(c, ix[6], s->un_group, sizeof s->un_group, 0, err));
    ORB_TRY(orbi_csv_int(c, ix[7], 0, 1, &s->global_south, err));
    ORB_TRY(orbi_csv_int(c, ix[8], ORB_FIRST_YEAR, ORB_LAST_YEAR, &s->first_year, err));
    ORB_TRY(orbi_csv_int(c, ix[9], ORB_FIRST_YEAR, ORB_LAST_YEAR, &s->last_year, err));
    if (t->st_index[s->ccode] >= 0)
        return orbi_csv_fail(c, ix[0], err, "duplicate COW code %d", s->ccode);
    t->st_index[s->ccode] = (int)t->nstates;
    return ORB_OK;
}

static const char *const xw_cols[] = {"ccode", "gwcode", "iso3", "from_year", "to_year"};

static orb_status xw_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_xwalk *x = row;
    size_t k;

    (void)t;
    ORB_TRY(ccode_field(c, ix[0], &x->ccode, err));
    ORB_TRY(gw_field(c, ix[1], &x->gwcode, err));
    ORB_TRY(text_field(c, ix[2], x->iso3, sizeof x->iso3, 0, err));
    ORB_TRY(orbi_csv_int(c, ix[3], ORB_FIRST_YEAR, ORB_LAST_YEAR, &x->from_year, err));
    ORB_TRY(orbi_csv_int(c, ix[4], ORB_FIRST_YEAR, ORB_LAST_YEAR, &x->to_year, err));
    for (k = 0; x->iso3[k]; k++) /* ISO3 lookups compare upper case */
        x->iso3[k] = (char)toupper((unsigned char)x->iso3[k]);
    return ORB_OK;
}

/* A spell table (ccode, from_year, to_year) such as majors.csv or p5.csv. */
static const char *const spell_cols[] = {"ccode", "from_year", "to_year"};

static orb_status spell_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_major *m = row;

    (void)t;
    ORB_TRY(ccode_field(c, ix[0], &m->ccode, err));
    ORB_TRY(orbi_csv_int(c, ix[1], ORB_FIRST_YEAR, 9999, &m->from_year, err));
    return orbi_csv_int(c, ix[2], ORB_FIRST_YEAR, 9999, &m->to_year, err);
}

/* capitals.csv: ccode, from_year, to_year, lat, lon. */
static const char *const cap_cols[] = {"ccode", "from_year", "to_year", "lat", "lon"};

static orb_status cap_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_capital *k = row;

    (void)t;
    ORB_TRY(ccode_field(c, ix[0], &k->ccode, err));
    ORB_TRY(orbi_csv_int(c, ix[1], ORB_FIRST_YEAR, 9999, &k->from_year, err));
    ORB_TRY(orbi_csv_int(c, ix[2], ORB_FIRST_YEAR, 9999, &k->to_year, err));
    ORB_TRY(orbi_csv_double(c, ix[3], NULL, 0, &k->lat, err));
    ORB_TRY(orbi_csv_double(c, ix[4], NULL, 0, &k->lon, err));
    if (fabs(k->lat) > 90) return orbi_csv_fail(c, ix[3], err, "latitude must be in [-90, 90]");
    if (fabs(k->lon) > 180) return orbi_csv_fail(c, ix[4], err, "longitude must be in [-180, 180]");
    return ORB_OK;
}

static int cmp_capital(const void *a, const void *b)
{
    const orbi_capital *x = a, *y = b;
    if (x->ccode != y->ccode) return (x->ccode > y->ccode) - (x->ccode < y->ccode);
    return (x->from_year > y->from_year) - (x->from_year < y->from_year);
}

int orbi_tables_capital(const orb_tables *t, int ccode, int year, double *lat, double *lon)
{
    const orbi_capital *best = NULL;
    size_t lo = 0, hi = t->ncap, i;

    while (lo < hi) { /* capitals are sorted by code: find the code's first spell */
        size_t mid = lo + (hi - lo) / 2;
        if (t->cap[mid].ccode < ccode)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < t->ncap && t->cap[i].ccode == ccode; i++) { /* the latest spell wins */
        const orbi_capital *k = &t->cap[i];
        if (year < k->from_year || year > k->to_year) continue;
        if (best == NULL || k->from_year > best->from_year) best = k;
    }
    if (best == NULL) return 0;
    *lat = best->lat;
    *lon = best->lon;
    return 1;
}

/* cameo.csv: code (text), goldstein in [-10, 10], description. */
static const char *const cameo_cols[] = {"code", "goldstein", "description"};

static orb_status cameo_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_cameo *k = row;

    (void)t;
    ORB_TRY(text_field(c, ix[0], k->code, sizeof k->code, 0, err));
    ORB_TRY(orbi_csv_double(c, ix[1], NULL, 0, &k->goldstein, err));
    if (fabs(k->goldstein) > 10)
        return orbi_csv_fail(c, ix[1], err, "Goldstein weight must be in [-10, 10]");
    orbi_strlcpy(k->desc, orbi_csv_str(c, ix[2]), sizeof k->desc);
    return ORB_OK;
}

orb_status orb_tables_goldstein(const orb_tables *t, const char *code, double *weight_out)
{
    size_t i;

    for (i = 0; t != NULL && code != NULL && i < t->ncameo; i++) {
        if (strcmp(t->cameo[i].code, code) == 0) {
            if (weight_out) *weight_out = t->cameo[i].goldstein;
            return ORB_OK;
        }
    }
    return ORB_ERANGE;
}

static const char *const base_cols[] = {"ccode",
                                        "milex",
                                        "milper",
                                        "irst",
                                        "pec",
                                        "tpop",
                                        "upop",
                                        "cinc",
                                        "gdp",
                                        "gdp_source",
                                        "gdp_ppp",
                                        "gdp_ppp_source",
                                        "pop",
                                        "pop_source",
                                        "tpop_prev",
                                        "upop_prev",
                                        "gdppc_trend",
                                        "idealpoint",
                                        "idealpoint_year",
                                        "pop_growth",
                                        "pop_trend",
                                        "ideal_mean"};

static orb_status base_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_base_row *b = row;
    int k;

    ORB_TRY(ccode_field(c, ix[0], &b->ccode, err));
    if (t->st_index[b->ccode] < 0)
        return orbi_csv_fail(c, ix[0], err, "COW code %d is not in states.csv", b->ccode);
    for (k = 0; k < ORB_NCOMP; k++) {
        ORB_TRY(orbi_csv_double(c, ix[1 + k], "-9", 1, &b->comp[k], err));
        if (b->comp[k] < 0 || b->comp[k] > TABLE_MAX)
            return orbi_csv_fail(c, ix[1 + k], err, "expected a value in [0, %g] or -9", TABLE_MAX);
    }
    ORB_TRY(orbi_csv_double(c, ix[7], NULL, 0, &b->cinc_pub, err));
    if (!(b->cinc_pub >= 0 && b->cinc_pub <= 1))
        return orbi_csv_fail(c, ix[7], err, "expected a CINC score in [0, 1]");
    ORB_TRY(orbi_csv_double(c, ix[8], NULL, 0, &b->gdp_usd, err));
    if (!(b->gdp_usd > 0 && b->gdp_usd <= TABLE_MAX))
        return orbi_csv_fail(c, ix[8], err, "expected a GDP in (0, %g]", TABLE_MAX);
    ORB_TRY(text_field(c, ix[9], b->gdp_usd_source, sizeof b->gdp_usd_source, 1, err));
    ORB_TRY(orbi_csv_double(c, ix[10], NULL, 1, &b->gdp_ppp, err));
    ORB_TRY(text_field(c, ix[11], b->gdp_ppp_source, sizeof b->gdp_ppp_source, 0, err));
    if (!isnan(b->gdp_ppp) && !(b->gdp_ppp > 0 && b->gdp_ppp <= TABLE_MAX))
        return orbi_csv_fail(c, ix[10], err, "expected a GDP in (0, %g] or empty", TABLE_MAX);
    ORB_TRY(orbi_csv_double(c, ix[12], NULL, 0, &b->pop, err));
    if (!(b->pop > 0 && b->pop <= TABLE_MAX))
        return orbi_csv_fail(c, ix[12], err, "expected a population in (0, %g]", TABLE_MAX);
    ORB_TRY(text_field(c, ix[13], b->pop_source, sizeof b->pop_source, 1, err));
    ORB_TRY(orbi_csv_double(c, ix[14], NULL, 1, &b->tpop_prev, err));
    ORB_TRY(orbi_csv_double(c, ix[15], NULL, 1, &b->upop_prev, err));
    ORB_TRY(orbi_csv_double(c, ix[16], NULL, 1, &b->gdppc_trend, err));
    ORB_TRY(orbi_csv_double(c, ix[19], NULL, 1, &b->pop_growth, err));
    ORB_TRY(orbi_csv_double(c, ix[20], NULL, 1, &b->pop_trend, err));
    ORB_TRY(orbi_csv_double(c, ix[17], NULL, 1, &b->ideal, err));
    ORB_TRY(orbi_csv_double(c, ix[21], NULL, 1, &b->ideal_mean, err));
    b->ideal_year = 0;
    if (!isnan(b->ideal))
        ORB_TRY(orbi_csv_int(c, ix[18], 1946, ORB_LAST_YEAR, &b->ideal_year, err));
    return ORB_OK;
}

/* dyads2022.csv: ccode1 < ccode2, conttype 0-5, defense 0/1. */
static const char *const dyad_cols[] = {"ccode1", "ccode2", "conttype", "defense", "last_mid"};

static orb_status dyad_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_dyadrow *d = row;

    ORB_TRY(ccode_field(c, ix[0], &d->c1, err));
    ORB_TRY(ccode_field(c, ix[1], &d->c2, err));
    if (d->c1 >= d->c2) return orbi_csv_fail(c, ix[1], err, "expected ccode1 < ccode2");
    if (t->st_index[d->c1] < 0 || t->st_index[d->c2] < 0)
        return orbi_csv_fail(c, ix[0], err, "a COW code is not in states.csv");
    ORB_TRY(orbi_csv_int(c, ix[2], 0, 5, &d->conttype, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 0, 1, &d->defense, err));
    d->last_mid = 0;
    if (strcmp(orbi_csv_str(c, ix[4]), "0") != 0)
        ORB_TRY(orbi_csv_int(c, ix[4], ORB_FIRST_YEAR, ORB_LAST_YEAR, &d->last_mid, err));
    return ORB_OK;
}

static const char *const unsc_cols[] = {"year", "ccode"};

static orb_status unsc_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_unscrow *u = row;

    ORB_TRY(orbi_csv_int(c, ix[0], 1946, 2100, &u->year, err));
    ORB_TRY(ccode_field(c, ix[1], &u->ccode, err));
    if (t->st_index[u->ccode] < 0)
        return orbi_csv_fail(c, ix[1], err, "COW code %d is not in states.csv", u->ccode);
    return ORB_OK;
}

static const char *const veto_cols[] = {"year", "draft", "ccode"};

static orb_status veto_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_unscrow *u = row;

    (void)t;
    ORB_TRY(orbi_csv_int(c, ix[0], 1946, 2100, &u->year, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 1, 100000, &u->draft, err));
    return ccode_field(c, ix[2], &u->ccode, err);
}

static const char *const cases_cols[] = {"year", "cases", "us_cases"};

static orb_status cases_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_casesrow *r = row;

    (void)t;
    ORB_TRY(orbi_csv_int(c, ix[0], 1900, 2100, &r->year, err));
    ORB_TRY(orbi_csv_int(c, ix[1], 0, 100000, &r->cases, err));
    ORB_TRY(orbi_csv_int(c, ix[2], 0, 100000, &r->us_cases, err));
    if (r->us_cases > r->cases)
        return orbi_csv_fail(c, ix[2], err, "more US cases (%d) than cases (%d)", r->us_cases,
                             r->cases);
    return ORB_OK;
}

static const char *const sanc_cols[] = {"sender", "target", "begin", "end", "case"};

static orb_status sanc_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_sancrow *s = row;

    (void)t;
    ORB_TRY(ccode_field(c, ix[0], &s->sender, err));
    ORB_TRY(ccode_field(c, ix[1], &s->target, err));
    ORB_TRY(orbi_csv_int(c, ix[2], 1900, 2100, &s->begin, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 1900, 2100, &s->end, err));
    ORB_TRY(orbi_csv_int(c, ix[4], 1, 1000000, &s->id, err));
    if (s->end < s->begin)
        return orbi_csv_fail(c, ix[3], err, "a sanction ends (%d) before it begins (%d)", s->end,
                             s->begin);
    return ORB_OK;
}

static const char *const war_cols[] = {"year", "a", "b", "intensity", "conflict"};
static const char *const rival_cols[] = {"ccode1", "ccode2", "start", "end"};

static const char *const eff_cols[] = {"ccode", "effect"};

static orb_status eff_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_effectrow *e = row;

    ORB_TRY(ccode_field(c, ix[0], &e->ccode, err));
    if (t->st_index[e->ccode] < 0)
        return orbi_csv_fail(c, ix[0], err, "COW code %d is not in states.csv", e->ccode);
    ORB_TRY(orbi_csv_double(c, ix[1], NULL, 0, &e->effect, err));
    if (!(fabs(e->effect) < 1))
        return orbi_csv_fail(c, ix[1], err, "expected a growth intercept in (-1, 1)");
    return ORB_OK;
}

static orb_status war_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_warrow *w = row;

    (void)t;
    ORB_TRY(orbi_csv_int(c, ix[0], 1946, 2100, &w->year, err));
    ORB_TRY(ccode_field(c, ix[1], &w->a, err));
    ORB_TRY(ccode_field(c, ix[2], &w->b, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 1, 2, &w->intensity, err));
    return orbi_csv_int(c, ix[4], 1, 1000000000, &w->conflict, err);
}

static orb_status rival_row(orbi_csv *c, const size_t *ix, void *row, orb_tables *t, orb_error *err)
{
    orbi_rivalrow *r = row;

    (void)t;
    ORB_TRY(ccode_field(c, ix[0], &r->a, err));
    ORB_TRY(ccode_field(c, ix[1], &r->b, err));
    if (r->a >= r->b) return orbi_csv_fail(c, ix[1], err, "expected ccode1 < ccode2");
    ORB_TRY(orbi_csv_int(c, ix[2], 1400, 2100, &r->start, err));
    ORB_TRY(orbi_csv_int(c, ix[3], 1400, 2100, &r->end, err));
    if (r->end < r->start) return orbi_csv_fail(c, ix[3], err, "a rivalry ends before it begins");
    return ORB_OK;
}

size_t orb_tables_unsc_elected(const orb_tables *t, int year, int *codes_out)
{
    if (t == NULL || codes_out == NULL) return 0;
    size_t i, n = 0;

    for (i = 0; i < t->nunsc && n < 10; i++)
        if (t->unsc[i].year == year) codes_out[n++] = t->unsc[i].ccode;
    return n;
}

int orb_tables_unsc_last_year(const orb_tables *t)
{
    if (t == NULL) return 0;
    int y, last = 0;
    int codes[10];

    for (y = 1966; y <= 2100; y++) /* ten elected seats from 1966 (Charter amendment) */
        if (orb_tables_unsc_elected(t, y, codes) == 10) last = y;
    return last;
}

size_t orb_tables_vetoes(const orb_tables *t, int year, int ccode)
{
    if (t == NULL) return 0;
    size_t i, n = 0;
    int last = -1;

    for (i = 0; i < t->nveto; i++) {
        const orbi_unscrow *v = &t->veto[i];
        if (v->year != year) continue;
        if (ccode != 0) {
            n += v->ccode == ccode;
        } else if (v->draft != last) { /* count drafts, not the vetoes cast on them */
            n++;
            last = v->draft;
        }
    }
    return n;
}

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
#define LOAD(file, cols, arr, n, fn, same)                                                         \
    load_table(t, dir, (file), (cols), NCOLS(cols), sizeof *(arr), (void **)&(arr), &(n), (fn),    \
               (same), err)

/* Crosswalk order: by ISO3, then first year (orb_tables_iso3_to_cow bisects it;
 * the COW-keyed lookups scan and do not depend on the order). */
static int cmp_xw(const void *a, const void *b)
{
    const orbi_xwalk *x = a, *y = b;
    int c = strcmp(x->iso3, y->iso3);

    if (c != 0) return c;
    return (x->from_year > y->from_year) - (x->from_year < y->from_year);
}

orb_status orb_tables_load(const char *dir, orb_tables **tables_out, orb_error *err)
{
    orb_tables *t;
    orb_status st;
    size_t i;

    if (tables_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_tables_load: tables_out is NULL");
    *tables_out = NULL;
    if (dir == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_tables_load: dir is NULL");
    t = calloc(1, sizeof *t);
    if (t == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    t->base_year = ORBI_BASE_YEAR;
    for (i = 0; i < ORBI_MAX_CCODE; i++)
        t->st_index[i] = -1;
    st = LOAD("states.csv", state_cols, t->st, t->nstates, state_row, NULL);
    if (st == ORB_OK) st = LOAD("crosswalk.csv", xw_cols, t->xw, t->nxw, xw_row, same_xw);
    if (st == ORB_OK) qsort(t->xw, t->nxw, sizeof *t->xw, cmp_xw);
    if (st == ORB_OK) st = LOAD("majors.csv", spell_cols, t->maj, t->nmaj, spell_row, same_spell);
    if (st == ORB_OK) st = LOAD("p5.csv", spell_cols, t->p5, t->np5, spell_row, same_spell);
    if (st == ORB_OK)
        st = LOAD("baseline2022.csv", base_cols, t->base, t->nbase, base_row, same_base);
    if (st == ORB_OK) st = LOAD("capitals.csv", cap_cols, t->cap, t->ncap, cap_row, same_cap);
    if (st == ORB_OK) qsort(t->cap, t->ncap, sizeof *t->cap, cmp_capital);
    if (st == ORB_OK)
        st = LOAD("cameo.csv", cameo_cols, t->cameo, t->ncameo, cameo_row, same_cameo);
    if (st == ORB_OK) st = LOAD("dyads2022.csv", dyad_cols, t->dyad, t->ndyad, dyad_row, same_dyad);
    if (st == ORB_OK) st = LOAD("unsc.csv", unsc_cols, t->unsc, t->nunsc, unsc_row, same_unsc);
    if (st == ORB_OK) st = LOAD("vetoes.csv", veto_cols, t->veto, t->nveto, veto_row, same_veto);
    if (st == ORB_OK) st = LOAD("sanctions.csv", sanc_cols, t->sanc, t->nsanc, sanc_row, same_sanc);
    if (st == ORB_OK)
        st = LOAD("sanction_cases.csv", cases_cols, t->cases, t->ncases, cases_row, same_cases);
    if (st == ORB_OK) st = LOAD("wars.csv", war_cols, t->war, t->nwar, war_row, same_war);
    if (st == ORB_OK)
        st = LOAD("rivalries.csv", rival_cols, t->rival, t->nrival, rival_row, same_rival);
    if (st == ORB_OK) st = LOAD("growth_effects.csv", eff_cols, t->eff, t->neff, eff_row, same_eff);
    for (i = 0; i < ORBI_MAX_CCODE; i++)
        t->growth_effect[i] = NAN;
    for (i = 0; st == ORB_OK && i < t->neff; i++)
        t->growth_effect[t->eff[i].ccode] = t->eff[i].effect;
    if (st == ORB_OK && t->nbase == 0)
        st = orbi_error(err, ORB_EPARSE, dir, 0, 0, "baseline2022.csv has no rows");
    if (st != ORB_OK) {
        orb_tables_free(t);
        return st;
    }
    *tables_out = t;
    return ORB_OK;
}

void orb_tables_free(orb_tables *t)
{
    if (t == NULL) return;
    free(t->st);
    free(t->xw);
    free(t->maj);
    free(t->p5);
    free(t->base);
    free(t->cap);
    free(t->cameo);
    free(t->dyad);
    free(t->unsc);
    free(t->veto);
    free(t->sanc);
    free(t->cases);
    free(t->war);
    free(t->rival);
    free(t->eff);
    free(t);
}

int orb_tables_base_year(const orb_tables *t)
{
    if (t == NULL) return 0;
    return t->base_year;
}

size_t orb_tables_nstates(const orb_tables *t)
{
    if (t == NULL) return 0;
    return t->nstates;
}

const orbi_state_info *orbi_tables_state(const orb_tables *t, int ccode)
{
    if (ccode <= 0 || ccode >= ORBI_MAX_CCODE || t->st_index[ccode] < 0) return NULL;
    return &t->st[t->st_index[ccode]];
}

int orb_tables_find(const orb_tables *t, const char *key)
{
    size_t i;
    char *end;
    long v;

    if (t == NULL || key == NULL || key[0] == '\0') return 0;
    v = strtol(key, &end, 10);
    if (*end == '\0') return orbi_tables_state(t, (int)v) ? (int)v : 0;
    for (i = 0; i < t->nstates; i++)
        if (orbi_strieq(key, t->st[i].abb)) return t->st[i].ccode;
    for (i = 0; i < t->nstates; i++)
        if (t->st[i].iso3[0] && orbi_strieq(key, t->st[i].iso3)) return t->st[i].ccode;
    for (i = 0; i < t->nstates; i++)
        if (orbi_strieq(key, t->st[i].name)) return t->st[i].ccode;
    return 0;
}

int orb_tables_find_in(const orb_tables *t, const char *key, int year)
{
    size_t i;
    int pass, first;

    first = orb_tables_find(t, key);
    if (first == 0) return 0;
    {
        const orbi_state_info *f = orbi_tables_state(t, first);
        if (f == NULL || (year >= f->first_year && year <= f->last_year)) return first;
    }
    /* the key names a state out of the system that year: another state the
     * same key names (an abbreviation that is another's ISO3 code, e.g. CZE) */
    for (pass = 0; pass < 3; pass++)
        for (i = 0; i < t->nstates; i++) {
            const orbi_state_info *s = &t->st[i];
            const char *k = pass == 0 ? s->abb : pass == 1 ? s->iso3 : s->name;
            if (k[0] && orbi_strieq(key, k) && year >= s->first_year && year <= s->last_year)
                return s->ccode;
        }
    return first;
}

static const orbi_xwalk *xw_find_cow(const orb_tables *t, int ccode, int year)
{
    size_t i;

    for (i = 0; i < t->nxw; i++)
        if (t->xw[i].ccode == ccode && t->xw[i].from_year <= year && year <= t->xw[i].to_year)
            return &t->xw[i];
    return NULL;
}

orb_status orb_tables_cow_to_gw(const orb_tables *t, int ccode, int year, int *gw_out)
{
    if (t == NULL || gw_out == NULL) return ORB_EINVAL;
    const orbi_xwalk *x = xw_find_cow(t, ccode, year);

    if (x == NULL || x->gwcode == 0) return ORB_ERANGE;
    *gw_out = x->gwcode;
    return ORB_OK;
}

orb_status orb_tables_gw_to_cow(const orb_tables *t, int gwcode, int year, int *ccode_out)
{
    if (t == NULL || ccode_out == NULL) return ORB_EINVAL;
    size_t i;

    for (i = 0; i < t->nxw; i++)
        if (t->xw[i].gwcode == gwcode && t->xw[i].from_year <= year && year <= t->xw[i].to_year) {
            *ccode_out = t->xw[i].ccode;
            return ORB_OK;
        }
    return ORB_ERANGE;
}

orb_status orb_tables_cow_to_iso3(const orb_tables *t, int ccode, int year, char *iso3_out)
{
    if (t == NULL || iso3_out == NULL) return ORB_EINVAL;
    const orbi_xwalk *x = xw_find_cow(t, ccode, year);

    if (x == NULL || x->iso3[0] == '\0') return ORB_ERANGE;
    orbi_strlcpy(iso3_out, x->iso3, 8);
    return ORB_OK;
}

orb_status orb_tables_iso3_to_cow(const orb_tables *t, const char *iso3, int year, int *ccode_out)
{
    if (t == NULL || ccode_out == NULL) return ORB_EINVAL;
    char key[sizeof t->xw[0].iso3];
    size_t lo = 0, hi = t->nxw, i;

    if (iso3 == NULL || strlen(iso3) >= sizeof key || iso3[0] == '\0') return ORB_ERANGE;
    for (i = 0; iso3[i]; i++)
        key[i] = (char)toupper((unsigned char)iso3[i]);
    key[i] = '\0';
    while (lo < hi) { /* first spell with iso3 >= key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->xw[mid].iso3, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < t->nxw && strcmp(t->xw[i].iso3, key) == 0; i++)
        if (t->xw[i].from_year <= year && year <= t->xw[i].to_year) {
            *ccode_out = t->xw[i].ccode;
            return ORB_OK;
        }
    return ORB_ERANGE;
}

static int in_spells(const orbi_major *arr, size_t n, int ccode, int year)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (arr[i].ccode == ccode && arr[i].from_year <= year && year <= arr[i].to_year) return 1;
    return 0;
}

int orb_tables_is_major(const orb_tables *t, int ccode, int year)
{
    if (t == NULL) return 0;
    return in_spells(t->maj, t->nmaj, ccode, year);
}

int orb_tables_is_p5(const orb_tables *t, int ccode, int year)
{
    if (t == NULL) return 0;
    return in_spells(t->p5, t->np5, ccode, year);
}
