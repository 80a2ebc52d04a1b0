/*
 * world.c - one year's cross-section of the state system.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data_int.h"
#include "orb_int.h"

static const char *const ppp_kind_source[] = {"", "fariss", "fariss%d*wdireal", "fariss%d",
                                              "fariss%d*pop"};

static int cmp_ccode(const void *a, const void *b)
{
    const orb_state *x = a, *y = b;

    return (x->ccode > y->ccode) - (x->ccode < y->ccode);
}

int orb_state_gdp_imputed(const orb_state *s)
{
    return s != NULL && !isnan(s->gdp_usd) && strcmp(s->gdp_usd_source, "wb") != 0;
}

/* Fill the attributes that come from the tables. */
static void fill_info(const orb_tables *t, int year, orb_state *s)
{
    const orbi_state_info *info = orbi_tables_state(t, s->ccode);
    int gw;

    if (info != NULL) {
        orbi_strlcpy(s->abb, info->abb, sizeof s->abb);
        orbi_strlcpy(s->name, info->name, sizeof s->name);
        orbi_strlcpy(s->region, info->region, sizeof s->region);
        orbi_strlcpy(s->un_group, info->un_group, sizeof s->un_group);
        s->global_south = info->global_south;
        s->entry_year = info->first_year;
    }
    s->growth_effect = t->growth_effect[s->ccode];
    if (orb_tables_cow_to_iso3(t, s->ccode, year, s->iso3) != ORB_OK) s->iso3[0] = '\0';
    s->gwcode = orb_tables_cow_to_gw(t, s->ccode, year, &gw) == ORB_OK ? gw : 0;
    s->major = orb_tables_is_major(t, s->ccode, year);
    if (!orbi_tables_capital(t, s->ccode, year, &s->lat, &s->lon)) s->lat = s->lon = NAN;
    s->p5 = orb_tables_is_p5(t, s->ccode, year);
}

/* Mean annual log growth from prev to now over ORB_TREND_YEARS years; NaN if
 * either is missing or not positive. */
static double trend(double now, double prev)
{
    if (!(now > 0) || !(prev > 0) || isinf(now) || isinf(prev)) return NAN;
    return log(now / prev) / ORB_TREND_YEARS;
}

int orbi_pop_trend(const double *pop, double *growth, double *trend)
{
    const int L = ORB_POP_TREND_YEARS;
    double g[ORB_POP_TREND_YEARS], xm = (L - 1) / 2.0, gm = 0, sxy = 0, sxx = 0;
    int k;

    *growth = *trend = NAN;
    for (k = 0; k <= L; k++)
        if (!(pop[k] > 0)) return 0;
    for (k = 0; k < L; k++) {
        g[k] = log(pop[k + 1] / pop[k]);
        gm += g[k];
    }
    gm /= L;
    for (k = 0; k < L; k++) {
        sxy += (k - xm) * (g[k] - gm);
        sxx += (k - xm) * (k - xm);
    }
    *growth = g[L - 1];
    *trend = sxy / sxx;
    return 1;
}

static void fill_from_base(const orbi_base_row *b, orb_state *s)
{
    s->ccode = b->ccode;
    memcpy(s->comp, b->comp, sizeof s->comp);
    s->cinc_pub = b->cinc_pub;
    s->gdp_usd = b->gdp_usd;
    orbi_strlcpy(s->gdp_usd_source, b->gdp_usd_source, sizeof s->gdp_usd_source);
    s->gdp_ppp = b->gdp_ppp;
    orbi_strlcpy(s->gdp_ppp_source, b->gdp_ppp_source, sizeof s->gdp_ppp_source);
    s->pop = b->pop;
    orbi_strlcpy(s->pop_source, b->pop_source, sizeof s->pop_source);
    s->tpop_growth = trend(s->comp[ORB_TPOP], b->tpop_prev);
    s->upop_growth = trend(s->comp[ORB_UPOP], b->upop_prev);
    s->gdppc_trend = b->gdppc_trend;
    s->pop_growth = b->pop_growth;
    s->pop_trend = b->pop_trend;
    s->ideal = b->ideal;
    s->ideal_year = b->ideal_year;
    s->ideal_mean = b->ideal_mean;
}

static void fill_from_panel(const orb_panel *p, size_t r, orb_state *s)
{
    unsigned char k = p->gdp_ppp_kind[r];
    size_t q = orbi_panel_find(p, p->ccode[r], p->year[r] - ORB_TREND_YEARS);

    s->ccode = p->ccode[r];
    memcpy(s->comp, &p->comp[r * ORB_NCOMP], sizeof s->comp);
    s->cinc_pub = p->cinc_pub[r];
    s->gdp_usd = p->gdp_usd[r];
    orbi_strlcpy(s->gdp_usd_source, isnan(s->gdp_usd) ? "" : "wb", sizeof s->gdp_usd_source);
    s->gdp_ppp = p->gdp_ppp[r];
    if (k >= 2)
        snprintf(s->gdp_ppp_source, sizeof s->gdp_ppp_source, ppp_kind_source[k], p->fariss_last);
    else
        orbi_strlcpy(s->gdp_ppp_source, ppp_kind_source[k], sizeof s->gdp_ppp_source);
    if (!isnan(p->pop_wb[r])) {
        s->pop = p->pop_wb[r];
        orbi_strlcpy(s->pop_source, "wb", sizeof s->pop_source);
    } else if (!isnan(s->comp[ORB_TPOP])) {
        s->pop = s->comp[ORB_TPOP] * 1000.0;
        orbi_strlcpy(s->pop_source, "nmc", sizeof s->pop_source);
    } else {
        s->pop = NAN;
        s->pop_source[0] = '\0';
    }
    s->tpop_growth = NAN;
    s->upop_growth = NAN;
    s->gdppc_trend = NAN;
    {
        double pw[ORB_POP_TREND_YEARS + 1];
        int y;
        for (y = 0; y <= ORB_POP_TREND_YEARS; y++) {
            size_t a = orbi_panel_find(p, s->ccode, p->year[r] - ORB_POP_TREND_YEARS + y);
            pw[y] = a == (size_t)-1 ? NAN : p->pop_wb[a];
        }
        orbi_pop_trend(pw, &s->pop_growth, &s->pop_trend);
    }
    {
        int y1 = p->year[r] < p->fariss_last ? p->year[r] : p->fariss_last;
        size_t a = orbi_panel_find(p, s->ccode, y1),
               b = orbi_panel_find(p, s->ccode, y1 - ORB_TREND_YEARS);
        if (a != (size_t)-1 && b != (size_t)-1)
            s->gdppc_trend = trend(p->gdppc_f[a], p->gdppc_f[b]);
    }
    if (q != (size_t)-1) {
        s->tpop_growth = trend(s->comp[ORB_TPOP], p->comp[q * ORB_NCOMP + ORB_TPOP]);
        s->upop_growth = trend(s->comp[ORB_UPOP], p->comp[q * ORB_NCOMP + ORB_UPOP]);
    }
}

/*
 * The year's conflicts and sanctions (docs/model.md, "The start year"):
 * pairs at war (UCDP/PRIO ACD interstate, intensity 2: a war under way),
 * the last conflict-year of each pair after COW MID's last year (UCDP
 * interstate, any intensity: peace years then count from it), and the
 * sanctions in force (GSDB cases with state senders only).
 */
void orbi_world_conflicts(const orb_tables *t, const orb_panel *p, orb_world *w)
{
    const size_t n = w->n;
    int mid_last = 0;
    size_t k;

    if (p != NULL) {
        mid_last = orb_panel_disputes_last_year(p);
    } else {
        for (k = 0; k < t->ndyad; k++) /* the base year's dyads: the last MID onset */
            if (t->dyad[k].last_mid > mid_last) mid_last = t->dyad[k].last_mid;
    }
    for (k = 0; k < t->nwar; k++) {
        const orbi_warrow *r = &t->war[k];
        size_t a, b;
        if (r->year > w->year) continue;
        a = orb_world_index(w, r->a);
        b = orb_world_index(w, r->b);
        if (a == (size_t)-1 || b == (size_t)-1) continue;
        if (r->year == w->year && r->intensity == 2) w->war[a * n + b] = w->war[b * n + a] = 1;
        if (r->year > mid_last && r->year > w->lastmid[a * n + b])
            w->lastmid[a * n + b] = w->lastmid[b * n + a] = (short)r->year;
    }
    for (k = 0; k < t->nrival; k++) { /* the data end in 2020: later years keep 2020's */
        const orbi_rivalrow *r = &t->rival[k];
        int y = w->year < ORBI_RIVAL_LAST ? w->year : ORBI_RIVAL_LAST;
        size_t a, b;
        if (r->start > y || r->end < y) continue;
        a = orb_world_index(w, r->a);
        b = orb_world_index(w, r->b);
        if (a != (size_t)-1 && b != (size_t)-1) w->rival[a * n + b] = w->rival[b * n + a] = 1;
    }
    for (k = 0; k < t->nsanc; k++) {
        const orbi_sancrow *r = &t->sanc[k];
        size_t a, b;
        if (r->begin > w->year || r->end < w->year) continue;
        a = orb_world_index(w, r->sender);
        b = orb_world_index(w, r->target);
        if (a != (size_t)-1 && b != (size_t)-1 && a != b) w->sanction[a * n + b] = 1;
    }
}

orb_status orb_world_new(const orb_tables *t, const orb_panel *p, int year, orb_world **world_out,
                         orb_error *err)
{
    return orb_world_new_with(NULL, t, p, year, world_out, err);
}

orb_status orb_world_new_with(const orb_allocator *alloc, const orb_tables *t, const orb_panel *p,
                              int year, orb_world **world_out, orb_error *err)
{
    orb_world *w;
    orb_allocator al;
    size_t i, n;
    orb_status st;

    if (world_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_world_new: world_out is NULL");
    *world_out = NULL;
    if ((st = orbi_allocator(alloc, &al, err)) != ORB_OK) return st;
    if (t == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_world_new: tables are required");
    if (year < ORB_FIRST_YEAR || year > ORB_LAST_YEAR)
        ORB_FAIL(err, ORB_ERANGE, "year %d is outside the data (%d-%d, COW NMC v7.0)", year,
                 ORB_FIRST_YEAR, ORB_LAST_YEAR);
    if (p == NULL && year != t->base_year)
        ORB_FAIL(err, ORB_ENODATA,
                 "year %d needs the full 1816-%d panel; only the %d baseline is shipped in data/",
                 year, ORB_LAST_YEAR, t->base_year);
    n = p ? p->year_count[year - ORB_FIRST_YEAR] : t->nbase;
    w = orbi_calloc(&al, 1, sizeof *w);
    if (w == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    w->al = al;
    w->s = orbi_calloc(&al, n ? n : 1, sizeof *w->s);
    if (w->s == NULL) {
        orb_world_free(w);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    w->year = year;
    w->n = n;
    for (i = 0; i < n; i++) {
        orb_state *s = &w->s[i];

        if (p != NULL) {
            fill_from_panel(p, p->year_start[year - ORB_FIRST_YEAR] + i, s);
        } else {
            fill_from_base(&t->base[i], s);
        }
        fill_info(t, year, s);
    }
    qsort(w->s, n, sizeof *w->s, cmp_ccode);
    w->contig = orbi_calloc(&al, n * n + 1, 1);
    w->ally = orbi_calloc(&al, n * n + 1, 1);
    w->lastmid = orbi_calloc(&al, n * n + 1, sizeof *w->lastmid);
    w->war = orbi_calloc(&al, n * n + 1, 1);
    w->rival = orbi_calloc(&al, n * n + 1, 1);
    w->sanction = orbi_calloc(&al, n * n + 1, 1);
    if (w->contig == NULL || w->ally == NULL || w->lastmid == NULL || w->war == NULL ||
        w->rival == NULL || w->sanction == NULL) {
        orb_world_free(w);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    w->unsc = orbi_calloc(&al, t->nunsc + 1, sizeof *w->unsc);
    if (w->unsc == NULL) {
        orb_world_free(w);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    memcpy(w->unsc, t->unsc, t->nunsc * sizeof *w->unsc);
    w->nunsc = t->nunsc;
    if (year == t->base_year) { /* the shipped base-year dyads, by either route */
        for (i = 0; i < t->ndyad; i++) {
            size_t a = orb_world_index(w, t->dyad[i].c1), b = orb_world_index(w, t->dyad[i].c2);
            if (a == (size_t)-1 || b == (size_t)-1) continue;
            w->contig[a * n + b] = w->contig[b * n + a] = (unsigned char)t->dyad[i].conttype;
            w->ally[a * n + b] = w->ally[b * n + a] = (unsigned char)t->dyad[i].defense;
            w->lastmid[a * n + b] = w->lastmid[b * n + a] = (short)t->dyad[i].last_mid;
        }
    } else {
        orbi_dyads_fill(&p->dy, w);
    }
    orbi_world_conflicts(t, p, w);
    if (p != NULL && year == t->base_year) {
        /* The baseline's World Bank GDP and population carry the documented
         * imputations; use them so both routes give the same world. */
        for (i = 0; i < t->nbase; i++) {
            size_t k = orb_world_index(w, t->base[i].ccode);
            orb_state *s;

            if (k == (size_t)-1) continue;
            s = &w->s[k];
            s->gdp_usd = t->base[i].gdp_usd;
            orbi_strlcpy(s->gdp_usd_source, t->base[i].gdp_usd_source, sizeof s->gdp_usd_source);
            s->pop = t->base[i].pop;
            orbi_strlcpy(s->pop_source, t->base[i].pop_source, sizeof s->pop_source);
            s->gdppc_trend = t->base[i].gdppc_trend;
            s->ideal = t->base[i].ideal;
            s->ideal_year = t->base[i].ideal_year;
            s->ideal_mean = t->base[i].ideal_mean;
        }
    }
    *world_out = w;
    return ORB_OK;
}

void orb_world_free(orb_world *w)
{
    orb_allocator al;

    if (w == NULL) return;
    al = w->al;
    orbi_free(&al, w->contig);
    orbi_free(&al, w->ally);
    orbi_free(&al, w->lastmid);
    orbi_free(&al, w->war);
    orbi_free(&al, w->rival);
    orbi_free(&al, w->sanction);
    orbi_free(&al, w->unsc);
    orbi_free(&al, w->s);
    orbi_free(&al, w);
}

int orb_world_year(const orb_world *w)
{
    if (w == NULL) return 0;
    return w->year;
}

size_t orb_world_nstates(const orb_world *w)
{
    if (w == NULL) return 0;
    return w->n;
}

const orb_state *orb_world_state(const orb_world *w, size_t i)
{
    return (w != NULL && i < w->n) ? &w->s[i] : NULL;
}

int orb_world_contiguity(const orb_world *w, size_t i, size_t j)
{
    if (w == NULL) return 0;
    return (i < w->n && j < w->n) ? w->contig[i * w->n + j] : 0;
}

int orb_world_last_dispute(const orb_world *w, size_t i, size_t j)
{
    if (w == NULL) return 0;
    return (i < w->n && j < w->n) ? w->lastmid[i * w->n + j] : 0;
}

int orb_world_at_war(const orb_world *w, size_t i, size_t j)
{
    if (w == NULL) return 0;
    return (i < w->n && j < w->n) ? w->war[i * w->n + j] : 0;
}

int orb_world_sanctions(const orb_world *w, size_t i, size_t j)
{
    if (w == NULL) return 0;
    return (i < w->n && j < w->n) ? w->sanction[i * w->n + j] : 0;
}

int orb_world_defense(const orb_world *w, size_t i, size_t j)
{
    if (w == NULL) return 0;
    return (i < w->n && j < w->n) ? w->ally[i * w->n + j] : 0;
}

size_t orb_world_index(const orb_world *w, int ccode)
{
    if (w == NULL) return (size_t)-1;
    size_t lo = 0, hi = w->n;

    while (lo < hi) { /* states are sorted by COW code */
        size_t mid = lo + (hi - lo) / 2;
        if (w->s[mid].ccode < ccode)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < w->n && w->s[lo].ccode == ccode) ? lo : (size_t)-1;
}
