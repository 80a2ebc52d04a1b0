/*
 * panel.c - the 1816-2022 panel: COW NMC v7.0 plus GDP and population.
 *
 * Rows are the NMC state-years, sorted by year then COW code. GDP (2017 PPP
 * USD) is Fariss et al. (2022) up to their last year (2019), then moved by
 * each state's World Bank current-USD growth ratio (carried flat where the
 * World Bank has no value); tools/build_data.py applies the same rule to the
 * shipped baseline and tests/unit/test_data.c checks that the two agree.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"
#include "data_int.h"
#include "orb_int.h"

#define NMC_FILE      "cow_nmc/NMC-70-abridged_via_peacesciencer.csv"
#define FARISS_FILE   "economy_fariss_sim/cw_gdppop.csv"
#define WB_GDP_FILE   "economy_worldbank/gdp.csv"
#define WDI_REAL_FILE "economy_realgdp/wdi_gdp_constant2015usd.csv"
#define WB_POP_FILE   "economy_worldbank/population.csv"
#define RAW_HINT      "expected in the raw data folder (set ORBIS_DATA; default ../shared/data)"

/* A COW-code x year grid of doubles, NaN where absent. */
typedef struct grid {
    double *v;
} grid;

static double *grid_at(grid *g, int ccode, int year)
{
    return &g->v[(size_t)ccode * ORBI_NYEARS + (size_t)(year - ORB_FIRST_YEAR)];
}

/* The largest value a raw series may hold: above every GDP (current or PPP
 * USD, or millions), population and NMC component on record by orders of
 * magnitude, far below where sums overflow (1e308). */
#define ORBI_RAW_MAX 1e16

static orb_status grid_new(grid *g)
{
    size_t i, n = (size_t)ORBI_MAX_CCODE * ORBI_NYEARS;

    g->v = malloc(n * sizeof *g->v);
    if (g->v == NULL) return ORB_ENOMEM;
    for (i = 0; i < n; i++)
        g->v[i] = NAN;
    return ORB_OK;
}

static void path_join(char *out, size_t n, const char *dir, const char *file)
{
    snprintf(out, n, "%s/%s", dir, file);
}

/* Read a Fariss et al. file into g (pwtrgdp, millions of 2017 PPP USD) and
 * gpc (mrgdppc, 2011 PPP USD per person, Maddison-anchored). */
static orb_status load_fariss(const char *dir, grid *g, grid *gpc, int *last_out, orb_error *err)
{
    static const char *const cols[] = {"ccode", "year", "pwtrgdp", "mrgdppc"};
    char path[1024];
    orbi_csv c;
    size_t ix[4], ic, iy, ig;
    orb_status st;
    int eof = 0;

    path_join(path, sizeof path, dir, FARISS_FILE);
    ORB_TRY(orbi_csv_open_cols(&c, path, RAW_HINT, cols, 4, ix, err));
    ic = ix[0];
    iy = ix[1];
    ig = ix[2];
    *last_out = 0;
    for (;;) {
        int cc, yr;
        double v, pc;

        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) goto done;
        if ((st = orbi_csv_int(&c, ic, 1, ORBI_MAX_CCODE - 1, &cc, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, iy, 0, 9999, &yr, err)) != ORB_OK ||
            (st = orbi_csv_double(&c, ig, "NA", 1, &v, err)) != ORB_OK ||
            (st = orbi_csv_double(&c, ix[3], "NA", 1, &pc, err)) != ORB_OK)
            goto done;
        if (yr >= ORB_FIRST_YEAR && yr <= ORB_LAST_YEAR && pc > 0) *grid_at(gpc, cc, yr) = pc;
        if (!isnan(v) && !(v >= 0 && v <= ORBI_RAW_MAX)) {
            st = orbi_csv_fail(&c, ig, err, "expected a GDP in [0, %g] (millions), found %g",
                               ORBI_RAW_MAX, v);
            goto done;
        }
        if (yr < ORB_FIRST_YEAR || yr > ORB_LAST_YEAR || isnan(v)) continue;
        if (!isnan(*grid_at(g, cc, yr)) && *grid_at(g, cc, yr) != v * 1e6) {
            st =
                orbi_csv_fail(&c, ig, err, "a second, different GDP for COW code %d in %d", cc, yr);
            goto done;
        }
        *grid_at(g, cc, yr) = v * 1e6;
        if (yr > *last_out) *last_out = yr;
    }
done:
    orbi_csv_close(&c);
    return st;
}

/* The (code, year, value) columns of the World Bank's files and of WDI via
 * Our World in Data. */
static const char *const wb_cols[] = {"Country Code", "Year", "Value"};
static const char *const wdi_cols[] = {"Code", "Year", "GDP"};

/* A grid and the tables that map its rows' ISO3 codes to COW codes. */
typedef struct grid_read {
    const orb_tables *t;
    grid *g;
} grid_read;

/* A (code, year, value) row into the grid by COW code and year. Aggregates
 * (WLD, EUU, ...) have no COW code and are skipped; Our World in Data codes
 * Kosovo OWID_KOS. */
static orb_status grid_row(orbi_csv *c, const size_t *ix, void *ud, orb_error *err)
{
    const grid_read *gr = ud;
    const char *code;
    int yr, cc;
    double v;

    ORB_TRY(orbi_csv_int(c, ix[1], 0, 9999, &yr, err));
    ORB_TRY(orbi_csv_double(c, ix[2], "NA", 1, &v, err));
    if (yr < ORB_FIRST_YEAR || yr > ORB_LAST_YEAR || isnan(v)) return ORB_OK;
    if (!(v > 0 && v <= ORBI_RAW_MAX)) /* GDP and population: positive, and not absurd */
        return orbi_csv_fail(c, ix[2], err, "expected a value in (0, %g], found %g", ORBI_RAW_MAX,
                             v);
    code = orbi_csv_str(c, ix[0]);
    if (strcmp(code, "OWID_KOS") == 0) code = "XKX";
    if (orb_tables_iso3_to_cow(gr->t, code, yr, &cc) == ORB_OK) {
        double *at = grid_at(gr->g, cc, yr);
        if (!isnan(*at) && *at != v)
            return orbi_csv_fail(c, ix[2], err, "a second, different value for %s in %d", code, yr);
        *at = v;
    }
    return ORB_OK;
}

/* Read a file of (code, year, value) columns, named cols, into g. */
static orb_status load_grid(const char *dir, const char *file, const char *const *cols,
                            const orb_tables *t, grid *g, orb_error *err)
{
    grid_read gr = {t, g};
    char path[1024];

    path_join(path, sizeof path, dir, file);
    return orbi_csv_each(path, RAW_HINT, cols, 3, grid_row, &gr, err);
}

/* One NMC row before sorting. */
typedef struct nmc_row {
    int ccode, year;
    double comp[ORB_NCOMP];
    double cinc;
} nmc_row;

static int cmp_row(const void *a, const void *b)
{
    const nmc_row *x = a, *y = b;

    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return (x->ccode > y->ccode) - (x->ccode < y->ccode);
}

static orb_status load_nmc(const char *dir, nmc_row **rows_out, size_t *n_out, orb_error *err)
{
    static const char *const cols[] = {"ccode", "year", "milex", "milper", "irst",
                                       "pec",   "tpop", "upop",  "cinc"};
    char path[1024];
    orbi_csv c;
    size_t ix[9], i, cap = 0, n = 0;
    nmc_row *rows = NULL;
    orb_status st;
    int eof = 0;

    path_join(path, sizeof path, dir, NMC_FILE);
    ORB_TRY(orbi_csv_open_cols(&c, path, RAW_HINT, cols, 9, ix, err));
    for (;;) {
        nmc_row *r;
        int k;

        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16384;
            nmc_row *p = realloc(rows, nc * sizeof *p);
            if (p == NULL) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
            rows = p;
            cap = nc;
        }
        r = &rows[n];
        if ((st = orbi_csv_int(&c, ix[0], 1, ORBI_MAX_CCODE - 1, &r->ccode, err)) != ORB_OK ||
            (st = orbi_csv_int(&c, ix[1], ORB_FIRST_YEAR, ORB_LAST_YEAR, &r->year, err)) != ORB_OK)
            goto done;
        for (k = 0; k < ORB_NCOMP; k++) {
            if ((st = orbi_csv_double(&c, ix[2 + k], "-9", 1, &r->comp[k], err)) != ORB_OK)
                goto done;
            if (r->comp[k] < 0 || r->comp[k] > ORBI_RAW_MAX) {
                st = orbi_csv_fail(&c, ix[2 + k], err,
                                   "expected a value in [0, %g] or -9 (missing)", ORBI_RAW_MAX);
                goto done;
            }
        }
        if ((st = orbi_csv_double(&c, ix[8], "-9", 1, &r->cinc, err)) != ORB_OK) goto done;
        if (!isnan(r->cinc) && !(r->cinc >= 0 && r->cinc <= 1)) {
            st = orbi_csv_fail(&c, ix[8], err, "expected a CINC score in [0, 1] or -9");
            goto done;
        }
        n++;
    }
    if (st == ORB_OK && n == 0) st = orbi_error(err, ORB_EPARSE, path, 2, 0, "no data rows");
    if (st == ORB_OK) {
        qsort(rows, n, sizeof *rows, cmp_row);
        for (i = 1; i < n; i++)
            if (rows[i].year == rows[i - 1].year && rows[i].ccode == rows[i - 1].ccode) {
                st = orbi_error(err, ORB_EPARSE, path, 0, 0, "duplicate state-year: ccode %d, %d",
                                rows[i].ccode, rows[i].year);
                break;
            }
    }
done:
    orbi_csv_close(&c);
    if (st != ORB_OK) {
        free(rows);
        return st;
    }
    *rows_out = rows;
    *n_out = n;
    return ORB_OK;
}

static orb_status panel_alloc(orb_panel *p, size_t n)
{
    p->nrows = n;
    p->ccode = malloc(n * sizeof *p->ccode);
    p->year = malloc(n * sizeof *p->year);
    p->comp = malloc(n * ORB_NCOMP * sizeof *p->comp);
    p->cinc_pub = malloc(n * sizeof *p->cinc_pub);
    p->gdp_ppp = malloc(n * sizeof *p->gdp_ppp);
    p->gdp_ppp_kind = malloc(n * sizeof *p->gdp_ppp_kind);
    p->gdp_usd = malloc(n * sizeof *p->gdp_usd);
    p->pop_wb = malloc(n * sizeof *p->pop_wb);
    p->gdppc_f = malloc(n * sizeof *p->gdppc_f);
    if (!p->ccode || !p->year || !p->comp || !p->cinc_pub || !p->gdp_ppp || !p->gdp_ppp_kind ||
        !p->gdp_usd || !p->pop_wb || !p->gdppc_f)
        return ORB_ENOMEM;
    return ORB_OK;
}

orb_status orb_panel_load(const char *datadir, const orb_tables *tables, orb_panel **panel_out,
                          orb_error *err)
{
    orb_panel *p = NULL;
    nmc_row *rows = NULL;
    grid fariss = {NULL}, fpc = {NULL}, wbg = {NULL}, wbp = {NULL}, wdr = {NULL};
    orbi_dyadpanel dy;
    size_t n = 0, i;
    orb_status st;
    int last = 0;

    memset(&dy, 0, sizeof dy);
    if (panel_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_panel_load: panel_out is NULL");
    *panel_out = NULL;
    if (datadir == NULL || tables == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_panel_load: datadir and tables are required");
    st = load_nmc(datadir, &rows, &n, err);
    if (st != ORB_OK) goto fail;
    if (grid_new(&fariss) != ORB_OK || grid_new(&fpc) != ORB_OK || grid_new(&wbg) != ORB_OK ||
        grid_new(&wbp) != ORB_OK || grid_new(&wdr) != ORB_OK) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    if ((st = load_fariss(datadir, &fariss, &fpc, &last, err)) != ORB_OK ||
        (st = orbi_dyads_load(datadir, &dy, err)) != ORB_OK ||
        (st = load_grid(datadir, WB_GDP_FILE, wb_cols, tables, &wbg, err)) != ORB_OK ||
        (st = load_grid(datadir, WB_POP_FILE, wb_cols, tables, &wbp, err)) != ORB_OK ||
        (st = load_grid(datadir, WDI_REAL_FILE, wdi_cols, tables, &wdr, err)) != ORB_OK)
        goto fail;
    if (last < ORB_FIRST_YEAR) {
        st = orbi_error(err, ORB_ENODATA, datadir, 0, 0, "%s has no GDP values", FARISS_FILE);
        goto fail;
    }
    p = calloc(1, sizeof *p);
    if (p == NULL || panel_alloc(p, n) != ORB_OK) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    p->fariss_last = last;
    p->dy = dy;
    memset(&dy, 0, sizeof dy); /* owned by the panel now */
    for (i = 0; i < n; i++) {
        const nmc_row *r = &rows[i];
        size_t y = (size_t)(r->year - ORB_FIRST_YEAR);
        double fl;

        if (p->year_count[y] == 0) p->year_start[y] = i;
        p->year_count[y]++;
        p->ccode[i] = r->ccode;
        p->year[i] = r->year;
        memcpy(&p->comp[i * ORB_NCOMP], r->comp, sizeof r->comp);
        p->cinc_pub[i] = r->cinc;
        p->gdp_usd[i] = *grid_at(&wbg, r->ccode, r->year);
        p->pop_wb[i] = *grid_at(&wbp, r->ccode, r->year);
        p->gdppc_f[i] = *grid_at(&fpc, r->ccode, r->year);
        if (r->year <= last) {
            p->gdp_ppp[i] = *grid_at(&fariss, r->ccode, r->year);
            p->gdp_ppp_kind[i] = (unsigned char)(isnan(p->gdp_ppp[i]) ? 0 : 1);
            continue;
        }
        fl = *grid_at(&fariss, r->ccode, last);
        if (isnan(fl)) {
            p->gdp_ppp[i] = NAN;
            p->gdp_ppp_kind[i] = 0;
        } else if (!isnan(*grid_at(&wdr, r->ccode, r->year)) &&
                   !isnan(*grid_at(&wdr, r->ccode, last))) { /* real growth */
            p->gdp_ppp[i] =
                fl * (*grid_at(&wdr, r->ccode, r->year) / *grid_at(&wdr, r->ccode, last));
            p->gdp_ppp_kind[i] = 2;
        } else if (!isnan(p->pop_wb[i]) && !isnan(*grid_at(&wbp, r->ccode, last))) {
            /* no real series: GDP per capita carried with population */
            p->gdp_ppp[i] = fl * (p->pop_wb[i] / *grid_at(&wbp, r->ccode, last));
            p->gdp_ppp_kind[i] = 4;
        } else {
            p->gdp_ppp[i] = fl;
            p->gdp_ppp_kind[i] = 3;
        }
    }
    free(rows);
    free(fariss.v);
    free(fpc.v);
    free(wbg.v);
    free(wbp.v);
    free(wdr.v);
    *panel_out = p;
    return ORB_OK;
fail:
    free(rows);
    free(fariss.v);
    free(fpc.v);
    free(wbg.v);
    free(wbp.v);
    free(wdr.v);
    orbi_dyads_free(&dy);
    orb_panel_free(p);
    return st;
}

void orb_panel_free(orb_panel *p)
{
    if (p == NULL) return;
    free(p->ccode);
    free(p->year);
    free(p->comp);
    free(p->cinc_pub);
    free(p->gdp_ppp);
    free(p->gdp_ppp_kind);
    free(p->gdp_usd);
    free(p->pop_wb);
    free(p->gdppc_f);
    orbi_dyads_free(&p->dy);
    free(p);
}

size_t orb_panel_nrows(const orb_panel *p)
{
    if (p == NULL) return 0;
    return p->nrows;
}

orb_status orb_panel_row(const orb_panel *p, size_t i, int *ccode_out, int *year_out,
                         double comp_out[ORB_NCOMP], double *cinc_pub_out)
{
    if (p == NULL || i >= p->nrows) return ORB_ERANGE;
    if (ccode_out) *ccode_out = p->ccode[i];
    if (year_out) *year_out = p->year[i];
    if (comp_out) memcpy(comp_out, &p->comp[i * ORB_NCOMP], ORB_NCOMP * sizeof(double));
    if (cinc_pub_out) *cinc_pub_out = p->cinc_pub[i];
    return ORB_OK;
}

/* Row of (ccode, year) in the panel, or (size_t)-1. Rows of a year are sorted by code. */
size_t orbi_panel_find(const orb_panel *p, int ccode, int year)
{
    size_t lo, hi, start;

    if (year < ORB_FIRST_YEAR || year > ORB_LAST_YEAR) return (size_t)-1;
    start = p->year_start[year - ORB_FIRST_YEAR];
    lo = 0;
    hi = p->year_count[year - ORB_FIRST_YEAR];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->ccode[start + mid] < ccode)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->year_count[year - ORB_FIRST_YEAR] && p->ccode[start + lo] == ccode)
        return start + lo;
    return (size_t)-1;
}
