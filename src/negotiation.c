/*
 * negotiation.c - the negotiation phase: every open scenario crisis holds
 * its year's talks, its states' capabilities their CINC shares that year
 * (non-state actors keep the capability the scenario gives; so do states
 * given one). The talks run to their end: expected-utility rounds until no
 * one moves (a fixed point) or the positions repeat those of k <=
 * ORB_EU_MAX_PERIOD rounds before (a cycle of period k, whose forecast is the
 * mean of its medians), or negotiate.max_rounds (unconverged: the mean of
 * the last rounds' medians). The model is left at the fixed point or at the
 * cycle's canonical phase (its lexicographically smallest positions), so
 * neither the year's verdict nor the next year's start depends on how many
 * rounds a year are run or where in a cycle the talks stopped. Then, with A
 * and B the antagonists (the actors with the lowest and highest initial
 * positions x_A < x_B, the stakes the span D = x_B - x_A between them):
 *
 *   p   A's chance in war: C_A / (C_A + C_B), weighed with the third
 *       parties' support (support() below) by negotiate.third_party_support;
 *   y   the share of the stakes the forecast gives A, y = (x_B - f) / D;
 *   the costs c_A, c_B are shares of the whole scale S = high - low, so on
 *       the stakes they weigh c S / D (a quarrel over a sliver of the scale
 *       is cheap to settle and dear to fight).
 *
 *   - if y lies outside Fearon's range [p - c_A S/D, p + c_B S/D], or the
 *     issue is indivisible and no feasible point lies in the range, the
 *     bargaining range is empty at the forecast: the side that prefers war
 *     (A below the range, B above it; the likelier winner of an indivisible
 *     issue) proposes force, which the order regime checks like any use of
 *     force; taken, the crisis escalates (A and B at war through the
 *     conflict mechanism's war state, counted as a war begun that year);
 *     blocked (e.g. no Council authorisation), the talks go on next year;
 *   - else, if the talks reached a fixed point or the positions lie within
 *     negotiate.settle_spread of their initial range, the crisis settles at
 *     the forecast (recorded with its year);
 *   - else it goes on.
 *
 * The EU models are built at orb_run_new; a step does not allocate.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* A crisis in the engine: its EU model, its actors' run indices, status. */
typedef struct crisis {
    const orb_crisis *def; /* the scenario's crisis (the sim's copy) */
    orb_eu *eu;            /* the run's own model */
    size_t *idx;           /* [nactors] run index of each actor, (size_t)-1 for non-states */
    double *cap;           /* [nactors] capabilities this year */
    size_t a, b;           /* actor numbers of the antagonists (lowest, highest position) */
    int status;            /* orb_crisis_status */
    int year;              /* year settled or escalated */
    double position;       /* settlement position */
    int period;            /* the last year's talks: 0 fixed point, k a cycle, -1 unconverged */
    int rounds;            /* and the rounds they took */
    double forecast;       /* and their forecast */
} crisis;

/* The negotiation phase's own record. */
typedef struct negotiation {
    size_t ncrisis;
    crisis *crisis; /* [ncrisis] */
} negotiation;

/* Actor i's capability this year: its CINC share, or the one the scenario gives. */
static double capability(const crisis *c, const orb_crisis *d, size_t i)
{
    return c->cap[i] > 0 ? c->cap[i] : d->actors[i].capability;
}

/* A's chance with every actor behind the antagonist it prefers
 * (Bueno de Mesquita 1981's third-party support, the EU model's probability
 * of success with the antagonists' demands x_A < x_B as the contending
 * positions):
 *   v_k = c_k s_k (|x_k - x_B| - |x_k - x_A|),
 *   p = sum max(v_k, 0) / sum |v_k|   (p_dyad if every v_k is 0),
 * x_k the actor's initial position: the side it would fight for is its
 * stake, not the offers it accepts while talking (an antagonist who gives
 * way at the table does not join the other side in a war). */
static double support(const crisis *c, const orb_crisis *d, double p_dyad)
{
    const double xa = d->actors[c->a].position, xb = d->actors[c->b].position;
    double for_a = 0, all = 0;
    size_t k;

    if (!(xb > xa)) return p_dyad;
    for (k = 0; k < d->nactors; k++) {
        double ck = capability(c, d, k), x = d->actors[k].position,
               v = (ck > 0 ? ck : 0) * d->actors[k].salience * (fabs(x - xb) - fabs(x - xa));
        if (v > 0) for_a += v;
        all += fabs(v);
    }
    return all > 0 ? for_a / all : p_dyad;
}

static void negotiation_step(orb_run *r, void *self)
{
    negotiation *ng = self;
    const double *P = r->sim->par.v;
    const size_t n = r->sim->n;
    const int max_rounds = (int)P[ORBI_P_NEG_MAX_ROUNDS];
    size_t k, i;

    r->m.crises_open = r->m.crises_settled = r->m.crises_escalated = 0;
    for (k = 0; k < ng->ncrisis; k++) {
        crisis *c = &ng->crisis[k];
        const orb_crisis *d = c->def;
        double lo = d->lo, hi = d->hi, xa = d->actors[c->a].position, xb = d->actors[c->b].position,
               ca, cb, p, y, flo, fhi, med, span;

        if (c->status != ORB_CRISIS_OPEN || r->year < d->year) continue;
        for (i = 0; i < d->nactors; i++) /* states without a given capability: CINC */
            if (c->idx[i] != (size_t)-1 && isnan(d->actors[i].capability)) {
                double s = r->share[ORB_MEASURE_CINC][c->idx[i]];
                c->cap[i] = s > 0 ? s : 0;
            }
        orbi_eu_engine(c->eu, c->cap);
        orb_eu_talks(c->eu, max_rounds, &c->period, &c->rounds, &c->forecast);
        med = c->forecast;
        ca = capability(c, d, c->a);
        cb = capability(c, d, c->b);
        p = (ca > 0 && cb > 0) ? ca / (ca + cb) : 0.5;
        p = (1 - P[ORBI_P_NEG_SUPPORT]) * p + P[ORBI_P_NEG_SUPPORT] * support(c, d, p);
        /* the stakes: the span between the antagonists' demands; costs are
         * shares of the whole scale, so in span units they are c (hi - lo) / D */
        span = xb - xa;
        if (span > 0) {
            y = (xb - med) / span;
            orb_fearon_range(p, P[ORBI_P_NEG_COST_A] * (hi - lo) / span,
                             P[ORBI_P_NEG_COST_B] * (hi - lo) / span, &flo, &fhi);
        } else { /* everyone demands the same: nothing to fight over */
            y = flo = fhi = p;
        }
        if (span > 0 && d->nindivisible > 0) { /* feasible points, as A's share */
            int feasible = 0;
            for (i = 0; i < d->nindivisible; i++) {
                double share = (xb - d->indivisible[i]) / span;
                if (share >= flo && share <= fhi) feasible = 1;
            }
            if (!feasible) fhi = flo - 1; /* empty */
        }
        if (y < flo || y > fhi) {
            size_t ia = c->idx[c->a], ib = c->idx[c->b], from = ia, to = ib;
            int states = ia != (size_t)-1 && ib != (size_t)-1 && ia != ib;
            /* who prefers war: A if the forecast gives it less than p - c_A,
             * B if it gives A more than p + c_B; an indivisible issue: the
             * likelier winner */
            if (y > fhi && flo <= fhi)
                from = ib, to = ia;
            else if (flo > fhi && p < 0.5)
                from = ib, to = ia;
            if (states && !r->war[ia * n + ib] &&
                !orbi_order_act(r, ORB_ACT_FORCE, from, to, 0, NAN)) {
                r->m.crises_open++; /* the regime blocks the war: talks go on */
                continue;
            }
            c->status = ORB_CRISIS_ESCALATED;
            c->year = r->year;
            c->position = med;
            if (states && !r->war[ia * n + ib]) orbi_conflict_war_begin(r, ia, ib);
            r->m.crises_escalated++;
        } else if (c->period == 0 || orbi_eu_spread(c->eu) <= P[ORBI_P_NEG_SPREAD]) {
            c->status = ORB_CRISIS_SETTLED;
            c->year = r->year;
            c->position = med;
            r->m.crises_settled++;
        } else {
            r->m.crises_open++;
        }
    }
}

/* The scenario's crises: an EU model each (built now, from the run's
 * allocator; a step never allocates), the actors' run indices and the
 * antagonists at the ends of the scale. Every run builds its own. */
static orb_status negotiation_build(orb_run *r, negotiation *ng, orb_error *err)
{
    const orb_sim *s = r->sim;
    orb_eu_opts o;
    size_t k, i;

    ng->ncrisis = s->ncrisis;
    ng->crisis = NULL;
    if (ng->ncrisis == 0) return ORB_OK;
    if ((ng->crisis = orbi_arena_alloc(&r->arena, ng->ncrisis * sizeof *ng->crisis)) == NULL)
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    orb_eu_preset("scholz", &o);
    o.alloc = &r->arena.al; /* the crises' models: the run's allocator */
    for (k = 0; k < ng->ncrisis; k++) {
        crisis *c = &ng->crisis[k];
        const orb_crisis *def = &s->crisis[k];
        orb_eu_actor *a = orbi_arena_alloc(&r->arena, (def->nactors + 1) * sizeof *a);
        orb_status st;
        c->idx = orbi_arena_alloc(&r->arena, (def->nactors + 1) * sizeof *c->idx);
        c->cap = orbi_arena_alloc(&r->arena, (def->nactors + 1) * sizeof *c->cap);
        if (a == NULL || c->idx == NULL || c->cap == NULL)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        c->def = def;
        c->a = c->b = 0;
        for (i = 0; i < def->nactors; i++) {
            const orb_crisis_actor *x = &def->actors[i];
            c->idx[i] = x->ccode ? orbi_sim_index(s, x->ccode) : (size_t)-1;
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
                         def->name, x->name, s->start);
            c->cap[i] = isnan(x->capability) ? a[i].c : 0; /* 0: keep the given capability */
            if (x->position < def->actors[c->a].position) c->a = i;
            if (x->position > def->actors[c->b].position) c->b = i;
        }
        if ((st = orb_eu_new(a, def->nactors, &o, &c->eu, err)) != ORB_OK) return st;
        c->status = ORB_CRISIS_OPEN;
        c->period = c->rounds = 0;
        c->forecast = NAN;
    }
    return ORB_OK;
}

static orb_status negotiation_init(orb_run *r, void *self, const orb_world *w,
                                   const orb_scenario *scn, orb_error *err)
{
    (void)w;
    (void)scn;
    return negotiation_build(r, self, err);
}

/* A copy of the start: the same crises, with models of the run's own. */
static orb_status negotiation_clone(orb_run *r, void *self, const void *proto, orb_error *err)
{
    (void)proto;
    return negotiation_build(r, self, err);
}

static void negotiation_fini(orb_run *r, void *self)
{
    negotiation *ng = self;
    size_t k;

    (void)r;
    for (k = 0; k < ng->ncrisis && ng->crisis; k++)
        orb_eu_free(ng->crisis[k].eu);
}

orb_status orb_run_crisis(const orb_run *r, size_t k, orb_crisis_status *status, int *year,
                          double *position)
{
    const negotiation *ng = r ? r->ps[ORBI_PH_NEGOTIATE] : NULL;

    if (ng == NULL || k >= ng->ncrisis) return ORB_EINVAL;
    if (status) *status = (orb_crisis_status)ng->crisis[k].status;
    if (year) *year = ng->crisis[k].year;
    if (position) *position = ng->crisis[k].position;
    return ORB_OK;
}

orb_status orb_run_crisis_talks(const orb_run *r, size_t k, int *period, int *rounds,
                                double *forecast)
{
    const negotiation *ng = r ? r->ps[ORBI_PH_NEGOTIATE] : NULL;

    if (ng == NULL || k >= ng->ncrisis) return ORB_EINVAL;
    if (period) *period = ng->crisis[k].period;
    if (rounds) *rounds = ng->crisis[k].rounds;
    if (forecast) *forecast = ng->crisis[k].forecast;
    return ORB_OK;
}

const orbi_phase orbi_phase_negotiate = {
    .name = "negotiate",
    .size = sizeof(negotiation),
    .init = negotiation_init,
    .clone = negotiation_clone,
    .step = negotiation_step,
    .fini = negotiation_fini,
};
