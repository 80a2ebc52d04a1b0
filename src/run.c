/*
 * run.c - one future: construction from a world and a scenario, the fixed
 * phase sequence, queries and the invariant check.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orb_int.h"

typedef void (*phase_fn)(orb_run *r);

/* The step: fixed phases, each a module with one entry point (DESIGN.md 2). */
static const struct {
    const char *name;
    phase_fn fn;
} phases[ORBI_NPHASES] = {
    {"economy", orbi_economy_phase},     {"power", orbi_power_phase},
    {"security", orbi_security_phase},   {"relations", orbi_relations_phase},
    {"alliances", orbi_alliances_phase}, {"order", orbi_order_phase},
    {"conflict", orbi_conflict_phase},   {"negotiate", orbi_negotiate_phase},
    {"metrics", orbi_metrics_phase},
};

orb_run_opts orb_run_opts_default(void)
{
    orb_run_opts o;

    memset(&o, 0, sizeof o);
    o.seed = 1;
    return o;
}

static int cmp_shock(const void *a, const void *b)
{
    const orb_shock *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static int cmp_event(const void *a, const void *b)
{
    const orb_event *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static int cmp_change(const void *a, const void *b)
{
    const orb_alliance_change *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

/* The scenario's crises: an EU model each (built now; a step never allocates),
 * the actors' run indices and the antagonists at the ends of the scale. */
static orb_status init_crises(orb_run *r, const orb_world *w, const orb_scenario *scn,
                              orb_error *err)
{
    const orb_crisis *cr = orb_scenario_crises(scn, &r->ncrisis);
    orb_eu_opts o;
    size_t k, i;

    if (r->ncrisis == 0) return ORB_OK;
    r->crisis = orbi_arena_alloc(&r->arena, r->ncrisis * sizeof *r->crisis);
    if (r->crisis == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    orb_eu_preset("scholz", &o);
    o.alloc = &r->arena.al; /* the crises' models: the run's allocator */
    for (k = 0; k < r->ncrisis; k++) {
        orbi_crisis *c = &r->crisis[k];
        orb_crisis *def = orbi_arena_alloc(&r->arena, sizeof *def);
        orb_eu_actor *a = orbi_arena_alloc(&r->arena, (cr[k].nactors + 1) * sizeof *a);
        orb_status st;
        c->idx = orbi_arena_alloc(&r->arena, (cr[k].nactors + 1) * sizeof *c->idx);
        c->cap = orbi_arena_alloc(&r->arena, (cr[k].nactors + 1) * sizeof *c->cap);
        if (def == NULL || a == NULL || c->idx == NULL || c->cap == NULL)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        *def = cr[k];
        c->def = def;
        c->a = c->b = 0;
        for (i = 0; i < def->nactors; i++) {
            const orb_crisis_actor *x = &def->actors[i];
            c->idx[i] = x->ccode ? orb_world_index(w, x->ccode) : (size_t)-1;
            orbi_strlcpy(a[i].name, x->name, sizeof a[i].name);
            a[i].x = x->position;
            a[i].s = x->salience;
            a[i].c = !isnan(x->capability) ? x->capability
                     : c->idx[i] != (size_t)-1 && r->share[ORB_MEASURE_CINC][c->idx[i]] > 0
                         ? r->share[ORB_MEASURE_CINC][c->idx[i]]
                         : NAN;
            if (!(a[i].c > 0))
                ORB_FAIL(err, ORB_EINVAL,
                         "crisis '%s': actor '%s' has no capability (give one, or use a state in "
                         "the %d world)",
                         def->name, x->name, w->year);
            c->cap[i] = isnan(x->capability) ? a[i].c : 0; /* 0: keep the given capability */
            if (x->position < def->actors[c->a].position) c->a = i;
            if (x->position > def->actors[c->b].position) c->b = i;
        }
        if ((st = orb_eu_new(a, def->nactors, &o, &c->eu, err)) != ORB_OK) return st;
        c->status = ORB_CRISIS_OPEN;
    }
    return ORB_OK;
}

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

/* The order regime's rules, the leading power, the Council's permanent
 * members, regional groups and service record from the data. */
static void init_order(orb_run *r, const orb_world *w, const orb_scenario *scn)
{
    size_t i, k;
    int hg = (int)r->par.v[ORBI_P_ORD_HEGEMON];

    for (k = 0; k < ORB_NRULES; k++) /* no scenario: anarchy's rules */
        r->rule[k] = scn ? orb_scenario_rule(scn, (orb_rule)k) : (k <= ORB_RULE_BLOC_EXPANSION);
    r->hegemon = orb_world_index(w, hg);
    r->np5 = 0;
    for (i = 0; i < r->n; i++) {
        r->is_p5[i] = (unsigned char)(w->s[i].p5 != 0);
        if (w->s[i].p5 && r->np5 < ORB_UNSC_PERMANENT) r->p5[r->np5++] = i;
        r->group[i] = un_group_id(w->s[i].un_group);
        r->last_seat[i] = 0;
        r->term_start[i] = 0;
    }
    r->unsc = w->unsc;
    r->nunsc = w->nunsc;
    for (k = 0; k < w->nunsc; k++) { /* service up to the start year */
        size_t x = orb_world_index(w, w->unsc[k].ccode);
        if (x == (size_t)-1 || w->unsc[k].year > w->year) continue;
        if (w->unsc[k].year > r->last_seat[x]) {
            if (w->unsc[k].year != r->last_seat[x] + 1) r->term_start[x] = w->unsc[k].year;
            r->last_seat[x] = w->unsc[k].year;
        }
    }
    r->ncouncil = r->nelected = 0;
    orbi_unsc_seat(r);
}

/*
 * The dyadic state at the start: distances, contiguity, the threat kernel,
 * affinity from ideal points (0 when a state has none), pacts, NATO (Canada
 * and its pact partners), peace years, burdens; the scenario's events,
 * partnerships and alliance changes (whose alliance names must be NATO or
 * formed earlier in the scenario).
 */
static orb_status init_relations(orb_run *r, const orb_world *w, const orb_scenario *scn,
                                 orb_error *err)
{
    const size_t n = r->n;
    double lo = INFINITY, hi = -INFINITY;
    size_t i, j, k;
    const orb_event *ev = NULL;
    const orb_partnership *pt = NULL;
    const orb_alliance_change *ac = NULL;

    for (i = 0; i < n; i++) {
        const orb_state *s = &w->s[i];
        if (!isnan(s->ideal)) {
            if (s->ideal < lo) lo = s->ideal;
            if (s->ideal > hi) hi = s->ideal;
        }
        r->major[i] = (unsigned char)(s->major != 0);
        r->ideal[i] = s->ideal;
        r->gdp0[i] = r->gdp[i];
        r->nomgdp0[i] = s->gdp_usd > 0 ? s->gdp_usd : s->gdp_ppp;
        r->burden[i] = s->comp[ORB_MILEX] >= 0 ? s->comp[ORB_MILEX] * 1000.0 / r->nomgdp0[i] : NAN;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            const orb_state *a = &w->s[i], *b = &w->s[j];
            double af = orbi_affinity(a->ideal, b->ideal, hi - lo);
            r->dist[ij] = i == j ? 0 : orb_distance_km(a->lat, a->lon, b->lat, b->lon);
            r->contig[ij] = w->contig[ij];
            r->tker[ij] = i == j ? 0 : orbi_threat_kernel(r->par.v, w->contig[ij], r->dist[ij]);
            r->lnd[ij] = log(r->dist[ij] > 1 ? r->dist[ij] : 1);
            /* the onset logit's fixed part: contiguity, distance, major powers */
            r->eta0[ij] =
                orbi_onset_eta(r->par.v, w->contig[ij] == 1, w->contig[ij] >= 2, r->dist[ij], 1.0,
                               0, 0.0, w->s[i].major || w->s[j].major, 0.0, 0.0);
            r->aff[ij] = i == j ? 1.0 : (isnan(af) ? 0.0 : af);
            r->ally[ij] = w->ally[ij];
            if (i != j) { /* peace years: since the last onset, else since both existed */
                int last = w->lastmid[ij], start = ORB_FIRST_YEAR;
                if (a->entry_year > start) start = a->entry_year;
                if (b->entry_year > start) start = b->entry_year;
                if (last > 0) start = last + 1;
                r->peace[ij] = (unsigned short)(w->year >= start ? w->year - start : 0);
            }
        }
    init_order(r, w, scn);
    k = orb_world_index(w, ORBI_NATO_ANCHOR); /* NATO: Canada and its pact partners */
    if (k != (size_t)-1) {
        orbi_alliance *al = &r->alliance[r->nalliance++];
        orbi_strlcpy(al->name, "NATO", sizeof al->name);
        al->member[k] = 1;
        for (j = 0; j < n; j++)
            if (r->ally[k * n + j]) al->member[j] = 1;
    }
    if (scn == NULL) return ORB_OK;
    ev = orb_scenario_events(scn, &r->nevent);
    pt = orb_scenario_partnerships(scn, &r->npart);
    ac = orb_scenario_alliances(scn, &r->nachange);
    if (r->nevent) {
        if ((r->event = orbi_arena_alloc(&r->arena, r->nevent * sizeof *ev)) == NULL)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        memcpy(r->event, ev, r->nevent * sizeof *ev);
        qsort(r->event, r->nevent, sizeof *ev, cmp_event);
    }
    if (r->npart) {
        if ((r->part = orbi_arena_alloc(&r->arena, r->npart * sizeof *pt)) == NULL)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        memcpy(r->part, pt, r->npart * sizeof *pt);
        for (k = 0; k < r->npart; k++) { /* partnerships declared by the start are in force */
            size_t x = orb_world_index(w, pt[k].a), y = orb_world_index(w, pt[k].b);
            if (pt[k].year <= w->year && x != (size_t)-1 && y != (size_t)-1)
                r->partner[x * n + y] = r->partner[y * n + x] = 1;
        }
    }
    if (r->nachange) {
        const char *known[ORBI_MAX_ALLIANCES + 1];
        size_t nk = 0, q;
        if ((r->achange = orbi_arena_alloc(&r->arena, r->nachange * sizeof *ac)) == NULL)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        memcpy(r->achange, ac, r->nachange * sizeof *ac);
        qsort(r->achange, r->nachange, sizeof *ac, cmp_change);
        if (r->nalliance) known[nk++] = "NATO";
        for (k = 0; k < r->nachange; k++) {
            const orb_alliance_change *c = &r->achange[k];
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

#define NEW(arr, count)                                                                            \
    do {                                                                                           \
        (arr) = orbi_arena_alloc(&r->arena, (count) * sizeof *(arr));                              \
        if ((arr) == NULL) goto nomem;                                                             \
    } while (0)

orb_status orb_run_new(const orb_world *w, const orb_scenario *scn, const orb_run_opts *opts,
                       orb_run **run_out, orb_error *err)
{
    orb_run_opts def = orb_run_opts_default();
    orb_run *r;
    orb_status st;
    size_t i, j, k, n;
    double steady;
    const orb_shock *sh = NULL;
    orb_allocator al;
    int frontier;

    if (run_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_new: run_out is NULL");
    *run_out = NULL;
    if (w == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_new: world is NULL");
    if (opts == NULL) opts = &def;
    if (scn != NULL && orb_scenario_start(scn) != w->year)
        ORB_FAIL(err, ORB_EINVAL, "the scenario starts in %d but the world is of %d",
                 orb_scenario_start(scn), w->year);
    if ((st = orbi_allocator(opts->alloc, &al, err)) != ORB_OK) return st;
    r = orbi_calloc(&al, 1, sizeof *r);
    if (r == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    r->arena.al = al;
    if (opts->params != NULL) {
        r->par = *opts->params;
    } else {
        orb_params_default(&r->par);
        if (scn != NULL) orb_scenario_apply_params(scn, &r->par);
    }
    r->start = r->year = w->year;
    r->end = opts->end_year ? opts->end_year : (scn ? orb_scenario_end(scn) : 0);
    if (r->end <= r->start || r->end > ORB_MAX_END_YEAR) {
        st = orbi_error(err, ORB_EINVAL, NULL, 0, 0, "end year %d must be in %d-%d", r->end,
                        r->start + 1, ORB_MAX_END_YEAR);
        goto fail;
    }
    r->profile = opts->profile;
    orb_rng_init(&r->rng, opts->seed, opts->run_index);
    r->popts = orb_polarity_opts_default();
    r->popts.pole_share = r->par.v[ORBI_P_POLE_SHARE];
    r->popts.parity_ratio = r->par.v[ORBI_P_PARITY];
    n = r->n = w->n;
    NEW(r->ccode, n);
    NEW(r->abb, n);
    NEW(r->gs, n);
    NEW(r->y, n);
    NEW(r->pop, n);
    NEW(r->gdp, n);
    NEW(r->dlngdp, n);
    NEW(r->dlnpop, n);
    NEW(r->ghist, n * ORB_TREND_YEARS);
    NEW(r->popg, n);
    NEW(r->urbd, n);
    NEW(r->comp, n * ORB_NCOMP);
    NEW(r->cinc, n);
    for (k = 0; k < ORB_NMEASURES; k++)
        NEW(r->share[k], n);
    NEW(r->kern, n * n);
    NEW(r->trade, n);
    NEW(r->gw, 2 * n);
    NEW(r->gdp0, n);
    NEW(r->nomgdp0, n);
    NEW(r->burden, n);
    NEW(r->griev, n);
    NEW(r->capeff, n);
    NEW(r->threat, n);
    NEW(r->secidx, n);
    NEW(r->tker, n * n);
    NEW(r->dist, n * n);
    NEW(r->lnd, n * n);
    NEW(r->eta0, n * n);
    NEW(r->lncinc, n);
    NEW(r->contig, n * n);
    NEW(r->major, n);
    NEW(r->aff, n * n);
    NEW(r->ideal, n);
    NEW(r->scratch, n * n);
    NEW(r->deg, n);
    NEW(r->partner, n * n);
    NEW(r->ally, n * n);
    NEW(r->bloc, n);
    NEW(r->peace, n * n);
    NEW(r->dispute, n * n);
    NEW(r->war, n * n);
    NEW(r->atwar, n);
    NEW(r->sanction, n * n);
    NEW(r->drag, n);
    NEW(r->delta, n);
    NEW(r->is_p5, n);
    NEW(r->group, n);
    NEW(r->last_seat, n);
    NEW(r->term_start, n);
    NEW(r->log, ORB_ACTION_LOG);
    for (k = 0; k < ORBI_MAX_ALLIANCES; k++)
        NEW(r->alliance[k].member, n);
    frontier = (int)r->par.v[ORBI_P_ECON_FRONTIER];
    r->frontier = (size_t)-1;
    steady = r->par.v[ORBI_P_ECON_ALPHA] / (1.0 - r->par.v[ORBI_P_ECON_MOMENTUM]);
    for (i = 0; i < n; i++) {
        const orb_state *s = &w->s[i];
        double g = isnan(s->gdppc_trend) ? steady : s->gdppc_trend;
        if (!(s->gdp_ppp > 0) || !(s->pop > 0)) {
            st = orbi_error(err, ORB_ENODATA, NULL, 0, 0,
                            "%s (%d) has no real GDP or population in %d", s->abb, s->ccode,
                            w->year);
            goto fail;
        }
        if (isnan(s->lat)) {
            st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "%s (%d) has no capital in %d", s->abb,
                            s->ccode, w->year);
            goto fail;
        }
        r->ccode[i] = s->ccode;
        orbi_strlcpy(r->abb[i], s->abb, sizeof r->abb[i]);
        r->gs[i] = (unsigned char)(s->global_south != 0);
        r->pop[i] = s->pop;
        r->gdp[i] = s->gdp_ppp;
        r->y[i] = s->gdp_ppp / s->pop;
        for (k = 0; k < ORB_TREND_YEARS; k++)
            r->ghist[i * ORB_TREND_YEARS + k] = g;
        r->popg[i] = isnan(s->tpop_growth) ? 0.0 : s->tpop_growth;
        r->urbd[i] = (isnan(s->upop_growth) || isnan(s->tpop_growth))
                         ? 0.0
                         : s->upop_growth - s->tpop_growth;
        memcpy(&r->comp[i * ORB_NCOMP], s->comp, sizeof s->comp);
        if (s->ccode == frontier) r->frontier = i;
    }
    if (r->frontier == (size_t)-1) {
        st = orbi_error(err, ORB_EINVAL, NULL, 0, 0,
                        "the frontier economy (econ.frontier = %d) is not in the %d world",
                        frontier, w->year);
        goto fail;
    }
    for (i = 0; i < n; i++) /* distance kernel d^-theta (km): symmetric, zero diagonal */
        for (j = i + 1; j < n; j++) {
            double d = orb_distance_km(w->s[i].lat, w->s[i].lon, w->s[j].lat, w->s[j].lon);
            if (d < 1.0) d = 1.0; /* capitals closer than 1 km (none today) */
            r->kern[i * n + j] = r->kern[j * n + i] = pow(d, -r->par.v[ORBI_P_TRADE_THETA]);
        }
    if ((st = init_relations(r, w, scn, err)) != ORB_OK) goto fail;
    if (scn != NULL) sh = orb_scenario_shocks(scn, &r->nshock);
    if (r->nshock > 0) {
        NEW(r->shock, r->nshock);
        memcpy(r->shock, sh, r->nshock * sizeof *sh);
        qsort(r->shock, r->nshock, sizeof *r->shock, cmp_shock);
        for (i = 0; i < r->nshock; i++) /* shocks name COW codes; the run uses indices */
            if (orb_world_index(w, r->shock[i].ccode) == (size_t)-1) {
                st = orbi_error(err, ORB_EINVAL, NULL, 0, 0,
                                "shock on state %d, not in the %d world", r->shock[i].ccode,
                                w->year);
                goto fail;
            }
    }
    /* The start year's trade, power and metrics, without moving anything. */
    for (i = 0; i < n; i++)
        r->dlngdp[i] = r->dlnpop[i] = 0;
    orbi_economy_trade(r);
    orbi_power_shares(r);
    if (scn != NULL && (st = init_crises(r, w, scn, err)) != ORB_OK) goto fail;
    orbi_security_threat(r);
    orbi_security_grievance(r);
    orbi_alliances_blocs(r);
    orbi_metrics_phase(r);
#ifdef ORB_DEBUG
    {
        orb_error e;
        ORB_ASSERT(orb_run_check(r, &e) == ORB_OK);
    }
#endif
    *run_out = r;
    return ORB_OK;
nomem:
    st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
fail:
    orb_run_free(r);
    return st;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int orb_run_step(orb_run *r)
{
    size_t p, k;

    if (r->year >= r->end) return ORB_DONE;
    r->year++;
    r->nlog = 0; /* this year's actions and Council counts start from zero */
    for (k = 0; k < ORB_NACTIONS; k++)
        r->m.proposed[k] = r->m.taken[k] = r->m.blocked[k] = 0;
    for (k = 0; k < ORB_NRESOLUTIONS; k++)
        r->m.resolutions[k] = r->m.passed[k] = 0;
    r->m.vetoed = 0;
    for (k = 0; k < ORB_UNSC_PERMANENT; k++)
        r->m.vetoes_by[k] = 0;
    for (p = 0; p < ORBI_NPHASES; p++) {
        double t0 = r->profile ? now() : 0;
        phases[p].fn(r);
        if (r->profile) r->phase_sec[p] += now() - t0;
#ifdef ORB_DEBUG
        {
            orb_error e;
            ORB_ASSERT(orb_run_check(r, &e) == ORB_OK);
        }
#endif
    }
    return ORB_OK;
}

void orb_run_to_end(orb_run *r)
{
    while (orb_run_step(r) == ORB_OK) {
    }
}

void orb_run_free(orb_run *r)
{
    orb_allocator al;
    size_t k;

    if (r == NULL) return;
    for (k = 0; k < r->ncrisis && r->crisis; k++)
        orb_eu_free(r->crisis[k].eu);
    al = r->arena.al;
    orbi_arena_free(&r->arena);
    orbi_free(&al, r);
}

int orb_run_year(const orb_run *r)
{
    return r->year;
}

int orb_run_start_year(const orb_run *r)
{
    return r->start;
}

int orb_run_end_year(const orb_run *r)
{
    return r->end;
}

const orb_metrics *orb_run_metrics(const orb_run *r)
{
    return &r->m;
}

size_t orb_run_nstates(const orb_run *r)
{
    return r->n;
}

int orb_run_ccode(const orb_run *r, size_t i)
{
    return i < r->n ? r->ccode[i] : 0;
}

const char *orb_run_abb(const orb_run *r, size_t i)
{
    return i < r->n ? r->abb[i] : "";
}

double orb_run_gdp(const orb_run *r, size_t i)
{
    return i < r->n ? r->gdp[i] : NAN;
}

double orb_run_pop(const orb_run *r, size_t i)
{
    return i < r->n ? r->pop[i] : NAN;
}

double orb_run_comp(const orb_run *r, size_t i, orb_component c)
{
    return (i < r->n && (int)c >= 0 && (int)c < ORB_NCOMP) ? r->comp[i * ORB_NCOMP + c] : NAN;
}

double orb_run_share(const orb_run *r, size_t i, orb_measure m)
{
    return (i < r->n && (int)m >= 0 && (int)m < ORB_NMEASURES) ? r->share[m][i] : NAN;
}

double orb_run_trade(const orb_run *r, size_t i)
{
    return i < r->n ? r->trade[i] : NAN;
}

const orb_params *orb_run_params(const orb_run *r)
{
    return &r->par;
}

size_t orb_run_nphases(void)
{
    return ORBI_NPHASES;
}

const char *orb_run_phase_name(size_t p)
{
    return p < ORBI_NPHASES ? phases[p].name : NULL;
}

double orb_run_phase_seconds(const orb_run *r, size_t p)
{
    return p < ORBI_NPHASES ? r->phase_sec[p] : NAN;
}

double orb_run_threat(const orb_run *r, size_t i)
{
    return i < r->n ? r->threat[i] : NAN;
}

double orb_run_security(const orb_run *r, size_t i)
{
    return i < r->n ? r->secidx[i] : NAN;
}

double orb_run_burden(const orb_run *r, size_t i)
{
    return i < r->n ? r->burden[i] : NAN;
}

double orb_run_affinity(const orb_run *r, size_t i, size_t j)
{
    return (i < r->n && j < r->n) ? r->aff[i * r->n + j] : NAN;
}

int orb_run_allied(const orb_run *r, size_t i, size_t j)
{
    return (i < r->n && j < r->n) ? r->ally[i * r->n + j] : 0;
}

double orb_run_ideal_distance(const orb_run *r, size_t i, size_t j)
{
    return (i < r->n && j < r->n) ? fabs(r->ideal[i] - r->ideal[j]) : NAN;
}

int orb_run_at_war(const orb_run *r, size_t i, size_t j)
{
    return (i < r->n && j < r->n) ? r->war[i * r->n + j] : 0;
}

int orb_run_bloc(const orb_run *r, size_t i)
{
    return i < r->n ? r->bloc[i] : -1;
}

const orb_action_record *orb_run_actions(const orb_run *r, size_t *n_out)
{
    if (n_out) *n_out = r->nlog;
    return r->log;
}

size_t orb_run_council(const orb_run *r, size_t *members_out)
{
    size_t k;

    for (k = 0; k < r->ncouncil && k < ORB_UNSC_MEMBERS; k++)
        members_out[k] = r->council[k];
    return r->ncouncil;
}

int orb_run_rule(const orb_run *r, orb_rule rule)
{
    return ((int)rule >= 0 && (int)rule < ORB_NRULES) ? r->rule[rule] : 0;
}

orb_status orb_run_crisis(const orb_run *r, size_t k, orb_crisis_status *status, int *year,
                          double *position)
{
    if (k >= r->ncrisis) return ORB_EINVAL;
    if (status) *status = (orb_crisis_status)r->crisis[k].status;
    if (year) *year = r->crisis[k].year;
    if (position) *position = r->crisis[k].position;
    return ORB_OK;
}

size_t orbi_run_index(const orb_run *r, int ccode)
{
    size_t lo = 0, hi = r->n;

    while (lo < hi) { /* states are sorted by COW code, as in the world */
        size_t mid = lo + (hi - lo) / 2;
        if (r->ccode[mid] < ccode)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < r->n && r->ccode[lo] == ccode) ? lo : (size_t)-1;
}

/* Relative tolerance of "sums to one". */
#define SUM_TOL 1e-9

orb_status orb_run_check(const orb_run *r, orb_error *err)
{
    size_t i, k;

    for (i = 0; i < r->n; i++) {
        if (!isfinite(r->y[i]) || !(r->y[i] > 0) || !isfinite(r->pop[i]) || !(r->pop[i] > 0) ||
            !isfinite(r->gdp[i]) || !isfinite(r->trade[i]))
            ORB_FAIL(err, ORB_EINVAL, "%d: %s has a non-finite or non-positive GDP or population",
                     r->year, r->abb[i]);
        for (k = 0; k < ORB_NCOMP; k++) {
            double v = r->comp[i * ORB_NCOMP + k];
            if (isinf(v) || v < 0)
                ORB_FAIL(err, ORB_EINVAL, "%d: %s component %s is %g", r->year, r->abb[i],
                         orb_component_name((int)k), v);
        }
    }
    for (i = 0; i < r->n; i++) {
        size_t j;
        if (!isfinite(r->threat[i]) || r->threat[i] < 0 || !(r->secidx[i] >= 0) ||
            r->secidx[i] > 1 || (!isnan(r->burden[i]) && !(r->burden[i] >= 0)))
            ORB_FAIL(err, ORB_EINVAL, "%d: %s has threat %g, security %g, burden %g", r->year,
                     r->abb[i], r->threat[i], r->secidx[i], r->burden[i]);
        for (j = 0; j < r->n; j++) {
            double a = r->aff[i * r->n + j];
            if (!(a >= -1 && a <= 1) || a != r->aff[j * r->n + i])
                ORB_FAIL(err, ORB_EINVAL, "%d: affinity %s-%s is %g (and %g the other way)",
                         r->year, r->abb[i], r->abb[j], a, r->aff[j * r->n + i]);
            if (r->ally[i * r->n + j] != r->ally[j * r->n + i] ||
                r->war[i * r->n + j] != r->war[j * r->n + i] || (i == j && r->ally[i * r->n + j]))
                ORB_FAIL(err, ORB_EINVAL, "%d: pact or war %s-%s is not symmetric", r->year,
                         r->abb[i], r->abb[j]);
        }
    }
    for (k = 0; k < ORB_NMEASURES; k++) {
        double sum = 0;
        for (i = 0; i < r->n; i++) {
            double v = r->share[k][i];
            if (isnan(v)) continue;
            if (!(v >= 0 && v <= 1))
                ORB_FAIL(err, ORB_EINVAL, "%d: %s share of %s is %g", r->year,
                         orb_measure_name((orb_measure)k), r->abb[i], v);
            sum += v;
        }
        if (fabs(sum - 1.0) > SUM_TOL)
            ORB_FAIL(err, ORB_EINVAL, "%d: %s shares sum to %.12g", r->year,
                     orb_measure_name((orb_measure)k), sum);
    }
    return ORB_OK;
}
