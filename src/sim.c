/*
 * sim.c - the shared world of a scenario: what every run of it only reads
 * (distances, the trade and threat kernels, contiguity, the dispute logit's
 * time-invariant part, the Council's data, the scenario's shocks, events,
 * partnerships, alliance changes and crises sorted by year) and the start
 * year fully set up once (the prototype run every run is copied from).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

orb_sim_opts orb_sim_opts_default(void)
{
    orb_sim_opts o;

    memset(&o, 0, sizeof o);
    return o;
}

static int cmp_year(int a, int b)
{
    return (a > b) - (a < b);
}

static int cmp_shock(const void *a, const void *b)
{
    return cmp_year(((const orb_shock *)a)->year, ((const orb_shock *)b)->year);
}

static int cmp_event(const void *a, const void *b)
{
    return cmp_year(((const orb_event *)a)->year, ((const orb_event *)b)->year);
}

static int cmp_change(const void *a, const void *b)
{
    return cmp_year(((const orb_alliance_change *)a)->year, ((const orb_alliance_change *)b)->year);
}

/* A copy of n items of size sz in the sim's arena (NULL and OK when n is 0). */
static orb_status dup(orb_sim *s, const void *src, size_t n, size_t sz, void **out, orb_error *err)
{
    *out = NULL;
    if (n == 0) return ORB_OK;
    if ((*out = orbi_arena_alloc(&s->arena, n * sz)) == NULL)
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    memcpy(*out, src, n * sz);
    return ORB_OK;
}

#define DUP(dst, src, n)                                                                           \
    do {                                                                                           \
        void *dup_p_;                                                                              \
        ORB_TRY(dup(s, (src), (n), sizeof *(src), &dup_p_, err));                                  \
        (dst) = dup_p_;                                                                            \
    } while (0)

#define NEW(arr, count)                                                                            \
    do {                                                                                           \
        if (((arr) = orbi_arena_alloc(&s->arena, (count) * sizeof *(arr))) == NULL)                \
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");                                            \
    } while (0)

/* UN regional groups, as numbered here (states.csv spells them). */
static unsigned char un_group_id(const char *g)
{
    static const char *const names[] = {"African Group", "Asia-Pacific Group",
                                        "Eastern European Group", "GRULAC", "WEOG"};
    unsigned char k;

    for (k = 0; k < 5; k++)
        if (strcmp(g, names[k]) == 0) return (unsigned char)(k + 1);
    return 0;
}

/* The states: codes, flags, start-year GDP; the frontier, the hegemon, the P5. */
static orb_status build_states(orb_sim *s, const orb_world *w, orb_error *err)
{
    const size_t n = s->n;
    int frontier = (int)s->par.v[ORBI_P_ECON_FRONTIER];
    size_t i;

    NEW(s->ccode, n);
    NEW(s->abb, n);
    NEW(s->gs, n);
    NEW(s->major, n);
    NEW(s->is_p5, n);
    NEW(s->group, n);
    NEW(s->ideal, n);
    NEW(s->ideal_mean, n);
    NEW(s->gdp0, n);
    NEW(s->growth_alpha, n);
    NEW(s->nomgdp0, n);
    s->frontier = (size_t)-1;
    s->np5 = 0;
    for (i = 0; i < n; i++) {
        const orb_state *x = &w->s[i];
        if (!(x->gdp_ppp > 0) || !(x->pop > 0))
            ORB_FAIL(err, ORB_ENODATA, "%s (%d) has no real GDP or population in %d", x->abb,
                     x->ccode, w->year);
        if (isnan(x->lat))
            ORB_FAIL(err, ORB_ENODATA, "%s (%d) has no capital in %d", x->abb, x->ccode, w->year);
        s->ccode[i] = x->ccode;
        orbi_strlcpy(s->abb[i], x->abb, sizeof s->abb[i]);
        s->gs[i] = (unsigned char)(x->global_south != 0);
        s->major[i] = (unsigned char)(x->major != 0);
        s->is_p5[i] = (unsigned char)(x->p5 != 0);
        if (x->p5 && s->np5 < ORB_UNSC_PERMANENT) s->p5[s->np5++] = i;
        s->group[i] = un_group_id(x->un_group);
        s->ideal[i] = x->ideal;
        s->ideal_mean[i] = isnan(x->ideal_mean) ? x->ideal : x->ideal_mean;
        s->gdp0[i] = x->gdp_ppp;
        s->growth_alpha[i] = !isnan(x->growth_effect) ? x->growth_effect
                             : x->global_south        ? s->par.v[ORBI_P_ECON_FE_SOUTH]
                                                      : s->par.v[ORBI_P_ECON_FE_NORTH];
        s->nomgdp0[i] = x->gdp_usd > 0 ? x->gdp_usd : x->gdp_ppp;
        if (x->ccode == frontier) s->frontier = i;
    }
    s->ideal_range = orbi_world_ideal_range(w);
    if (s->frontier == (size_t)-1)
        ORB_FAIL(err, ORB_EINVAL,
                 "the frontier economy (econ.frontier = %d) is not in the %d world", frontier,
                 w->year);
    s->hegemon = orb_world_index(w, (int)s->par.v[ORBI_P_ORD_HEGEMON]);
    return ORB_OK;
}

/* The pairs: distances, contiguity, the threat and trade kernels, the onset
 * logit's fixed part (intercept, contiguity, distance, major powers). */
static orb_status build_pairs(orb_sim *s, const orb_world *w, orb_error *err)
{
    const size_t n = s->n;
    const double *P = s->par.v;
    size_t i, j;

    NEW(s->contig, n * n);
    NEW(s->rival, n * n);
    NEW(s->dist, n * n);
    NEW(s->lnd, n * n);
    NEW(s->tker, n * n);
    NEW(s->kern, n * n);
    NEW(s->eta0, n * n);
    for (i = 0; i < ORBI_PTAB; i++) /* the peace-years term by integer year, as computed */
        s->ptab[i] = orbi_peace_part(P, (double)i);
    for (i = 0; i <= 2 * ORBI_LTAB; i++) /* orbi_below_logistic's bounds */
        s->ltab[i] = (1.0 / (1.0 + exp(-((double)i - ORBI_LTAB)))) * (1 + 1e-12);
    s->spbar = orbi_logistic(ORBI_SPARSE_T); /* orbi_sparse_draw's bound for the rare */
    s->slq = log1p(-s->spbar);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            const size_t ij = i * n + j;
            const orb_state *a = &w->s[i], *b = &w->s[j];
            orbi_dyad x;
            s->dist[ij] = i == j ? 0 : orb_distance_km(a->lat, a->lon, b->lat, b->lon);
            s->contig[ij] = w->contig[ij];
            s->rival[ij] = w->rival[ij];
            s->tker[ij] = i == j ? 0 : orbi_threat_kernel(P, w->contig[ij], s->dist[ij]);
            s->lnd[ij] = log(s->dist[ij] > 1 ? s->dist[ij] : 1);
            orbi_dyad_fixed(&x, w->contig[ij], s->dist[ij], a->major || b->major, w->rival[ij]);
            s->eta0[ij] = orbi_onset_fixed(P, &x);
        }
    for (i = 0; i < n; i++) /* trade kernel d^-theta (km): symmetric, zero diagonal */
        for (j = i + 1; j < n; j++) {
            double d = orb_distance_km(w->s[i].lat, w->s[i].lon, w->s[j].lat, w->s[j].lon);
            s->kern[i * n + j] = s->kern[j * n + i] = orbi_trade_kernel(d, P[ORBI_P_TRADE_THETA]);
        }
    return ORB_OK;
}

/* The scenario's interventions, copied and sorted by year; checked against
 * the world (shocks name states of it; alliance changes name NATO or an
 * alliance formed earlier in the scenario). */
static orb_status build_scenario(orb_sim *s, const orb_world *w, const orb_scenario *scn,
                                 orb_error *err)
{
    const orb_shock *sh;
    const orb_event *ev;
    const orb_partnership *pt;
    const orb_alliance_change *ac;
    const orb_crisis *cr;
    size_t k;

    for (k = 0; k < ORB_NRULES; k++) /* no scenario: the historical regime */
        s->enforce[k] = scn ? orb_scenario_enforcement(scn, (orb_rule)k)
                            : orbi_regime_enforcement(ORB_REGIME_HISTORICAL, (orb_rule)k);
    DUP(s->unsc, w->unsc, w->nunsc);
    s->nunsc = w->nunsc;
    if (scn == NULL) return ORB_OK;
    sh = orb_scenario_shocks(scn, &s->nshock);
    ev = orb_scenario_events(scn, &s->nevent);
    pt = orb_scenario_partnerships(scn, &s->npart);
    ac = orb_scenario_alliances(scn, &s->nachange);
    cr = orb_scenario_crises(scn, &s->ncrisis);
    DUP(s->shock, sh, s->nshock);
    DUP(s->event, ev, s->nevent);
    DUP(s->part, pt, s->npart);
    DUP(s->achange, ac, s->nachange);
    DUP(s->crisis, cr, s->ncrisis);
    if (s->nshock) qsort(s->shock, s->nshock, sizeof *s->shock, cmp_shock);
    if (s->nevent) qsort(s->event, s->nevent, sizeof *s->event, cmp_event);
    if (s->nachange) qsort(s->achange, s->nachange, sizeof *s->achange, cmp_change);
    for (k = 0; k < s->nshock; k++) /* shocks name COW codes; the run uses indices */
        if (orb_world_index(w, s->shock[k].ccode) == (size_t)-1)
            ORB_FAIL(err, ORB_EINVAL, "shock on state %d, not in the %d world", s->shock[k].ccode,
                     w->year);
    if (s->nachange) {
        const char *known[ORBI_MAX_ALLIANCES + 1];
        size_t nk = 0, q;
        if (orb_world_index(w, ORBI_NATO_ANCHOR) != (size_t)-1) known[nk++] = "NATO";
        for (k = 0; k < s->nachange; k++) {
            const orb_alliance_change *c = &s->achange[k];
            for (q = 0; q < nk; q++)
                if (strcmp(known[q], c->alliance) == 0) break;
            if (strcmp(c->action, "form") == 0) {
                if (q == nk && nk == ORBI_MAX_ALLIANCES)
                    ORB_FAIL(err, ORB_EINVAL, "more than %d named alliances", ORBI_MAX_ALLIANCES);
                if (q == nk) known[nk++] = c->alliance;
            } else if (q == nk) {
                ORB_FAIL(err, ORB_EINVAL,
                         "alliance change in %d: '%s' is neither NATO nor formed earlier in the "
                         "scenario",
                         c->year, c->alliance);
            }
        }
    }
    return ORB_OK;
}

static orb_status sim_build(orb_sim *s, const orb_world *w, const orb_scenario *scn,
                            const orb_sim_opts *o, orb_error *err)
{
    if (o->params != NULL) { /* used as given: each value must lie in its range */
        ORB_TRY(orbi_params_check(o->params, err));
        s->par = *o->params;
    } else {
        orb_params_default(&s->par);
        if (scn != NULL) orb_scenario_apply_params(scn, &s->par);
    }
    s->start = w->year;
    s->end = o->end_year ? o->end_year : (scn ? orb_scenario_end(scn) : 0);
    if (s->end <= s->start || s->end > ORB_MAX_END_YEAR)
        ORB_FAIL(err, ORB_EINVAL, "end year %d must be in %d-%d", s->end, s->start + 1,
                 ORB_MAX_END_YEAR);
    s->popts = orb_polarity_opts_default();
    s->popts.pole_share = s->par.v[ORBI_P_POLE_SHARE];
    s->popts.parity_ratio = s->par.v[ORBI_P_PARITY];
    s->n = w->n;
    ORB_TRY(build_states(s, w, err));
    ORB_TRY(build_pairs(s, w, err));
    ORB_TRY(build_scenario(s, w, scn, err));
    ORB_TRY(orbi_run_alloc(s, &s->proto, err));
    return orbi_run_setup(s->proto, w, scn, err);
}

orb_status orb_sim_new(const orb_world *w, const orb_scenario *scn, const orb_sim_opts *opts,
                       orb_sim **sim_out, orb_error *err)
{
    orb_sim_opts def = orb_sim_opts_default();
    orb_allocator al;
    orb_sim *s;
    orb_status st;

    if (sim_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_sim_new: sim_out is NULL");
    *sim_out = NULL;
    if (w == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_sim_new: world is NULL");
    if (opts == NULL) opts = &def;
    if (scn != NULL && orb_scenario_start(scn) != w->year)
        ORB_FAIL(err, ORB_EINVAL, "the scenario starts in %d but the world is of %d",
                 orb_scenario_start(scn), w->year);
    if ((st = orbi_allocator(opts->alloc, &al, err)) != ORB_OK) return st;
    if ((s = orbi_calloc(&al, 1, sizeof *s)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    s->arena.al = al;
    atomic_init(&s->refs, 1);
    if ((st = sim_build(s, w, scn, opts, err)) != ORB_OK) {
        orb_sim_free(s);
        return st;
    }
    *sim_out = s;
    return ORB_OK;
}

void orb_sim_free(orb_sim *s)
{
    orb_allocator al;

    if (s == NULL) return;
    if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1) return;
    orbi_run_release(s->proto);
    al = s->arena.al;
    orbi_arena_free(&s->arena);
    orbi_free(&al, s);
}

int orb_sim_start_year(const orb_sim *s)
{
    if (s == NULL) return 0;
    return s->start;
}

int orb_sim_end_year(const orb_sim *s)
{
    if (s == NULL) return 0;
    return s->end;
}

size_t orb_sim_nstates(const orb_sim *s)
{
    if (s == NULL) return 0;
    return s->n;
}

const orb_params *orb_sim_params(const orb_sim *s)
{
    if (s == NULL) return NULL;
    return &s->par;
}

int orb_sim_ccode(const orb_sim *s, size_t i)
{
    if (s == NULL) return 0;
    return i < s->n ? s->ccode[i] : 0;
}

const char *orb_sim_abb(const orb_sim *s, size_t i)
{
    if (s == NULL) return "";
    return i < s->n ? s->abb[i] : "";
}
