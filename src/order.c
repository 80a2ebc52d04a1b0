/*
 * order.c - the order regime: actions states propose, checked against the
 * regime's rules, with the Security Council where the rules send them.
 *
 *   sanction   permitted unilaterally if unilateral_sanctions is on or the
 *              sender is privileged; otherwise only with a Council mandate
 *   interfere  permitted if interference is on or the actor is privileged
 *   pact       forbidden if bloc_expansion is off (unless privileged);
 *              under indivisible_security forbidden when it would raise some
 *              third state's threat by more than order.threat_threshold
 *   arm        under indivisible_security, the same test on the arming
 *   force      with force_authorisation on, only with a Council mandate
 *              (unless privileged); the target's defence is not an action
 *
 * Privileged: hegemon_privilege is on and the actor is order.hegemon or
 * its ally. With every rule permissive (sanctions, interference and bloc
 * expansion allowed; indivisible security, authorisation and privilege off)
 * no check can block anything, so every regime runs the same numbers.
 *
 * The phase: seat the Council, lift sanctions, draw sanction and
 * interference proposals, call for settlement of each war, and charge the
 * costs (growth drags next year, affinity). Cost: O(N^2) per year.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"
#include "order_int.h"
#include "params_int.h"
#include "run_int.h"

static const orbi_array order_arrays[] = {
    ORBI_ARRAY(orbi_order, last_seat, 1, ORBI_DIM_N),
    ORBI_ARRAY(orbi_order, term_start, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, log, ORB_ACTION_LOG, ORBI_DIM_ONE),
    ORBI_SCRATCH(orbi_order, delta, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, lngdp, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, lncinc, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, under, 1, ORBI_DIM_N),
};

static const char *const action_names[ORB_NACTIONS] = {"arm", "pact", "sanction", "interfere",
                                                       "force"};
static const char *const reason_names[] = {"",
                                           "unilateral sanctions forbidden",
                                           "interference forbidden",
                                           "bloc expansion forbidden",
                                           "indivisible security",
                                           "no Council authorisation"};

const char *orb_action_name(orb_action a)
{
    return ((int)a >= 0 && (int)a < ORB_NACTIONS) ? action_names[a] : NULL;
}

const char *orb_block_reason_name(orb_block_reason r)
{
    return ((int)r >= 0 && (int)r <= (int)ORB_BLOCK_NO_AUTHORISATION) ? reason_names[r] : NULL;
}

static double logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

static int privileged(const orb_run *r, size_t i)
{
    const orb_sim *s = r->sim;

    return s->rule[ORB_RULE_HEGEMON_PRIVILEGE] && s->hegemon != (size_t)-1 &&
           (i == s->hegemon || r->ally[i * s->n + s->hegemon]);
}

/* Would the action raise some other state's threat by more than tau of it? */
static int indivisible_breach(orb_run *r, orb_action kind, size_t i, size_t j, double amount)
{
    const double tau = r->sim->par.v[ORBI_P_ORD_TAU];
    double *d = ORBI_ORDER(r)->delta;
    size_t q;

    if (orb_run_threat_delta(r, i, kind, j, amount, d) != ORB_OK) return 0;
    for (q = 0; q < r->sim->n; q++)
        if (q != i && q != j && d[q] > tau * r->threat[q]) return 1;
    return 0;
}

int orbi_order_act(orb_run *r, orb_action kind, size_t i, size_t j, double amount)
{
    orbi_order *o = ORBI_ORDER(r);
    const int *rule = r->sim->rule;
    const size_t n = r->sim->n;
    orb_block_reason why = ORB_BLOCK_NONE;
    int council = 0, taken = 1;

    r->m.proposed[kind]++;
    switch (kind) {
    case ORB_ACT_SANCTION:
        if (!rule[ORB_RULE_UNILATERAL_SANCTIONS] && !privileged(r, i)) {
            council = 1;
            if (orbi_unsc_vote(r, o, ORB_RES_SANCTION, i, j)) {
                r->sanction[i * n + j] = 2;
            } else {
                why = ORB_BLOCK_UNILATERAL_SANCTIONS;
            }
        } else {
            r->sanction[i * n + j] = 1;
        }
        break;
    case ORB_ACT_INTERFERE:
        if (!rule[ORB_RULE_INTERFERENCE] && !privileged(r, i)) why = ORB_BLOCK_INTERFERENCE;
        break;
    case ORB_ACT_PACT:
        if (!rule[ORB_RULE_BLOC_EXPANSION] && !privileged(r, i) && !privileged(r, j))
            why = ORB_BLOCK_BLOC_EXPANSION;
        else if (rule[ORB_RULE_INDIVISIBLE_SECURITY] &&
                 indivisible_breach(r, ORB_ACT_PACT, i, j, 0))
            why = ORB_BLOCK_INDIVISIBLE_SECURITY;
        break;
    case ORB_ACT_ARM:
        if (rule[ORB_RULE_INDIVISIBLE_SECURITY] && indivisible_breach(r, ORB_ACT_ARM, i, 0, amount))
            why = ORB_BLOCK_INDIVISIBLE_SECURITY;
        break;
    case ORB_ACT_FORCE:
        if (rule[ORB_RULE_FORCE_AUTHORISATION] && !privileged(r, i)) {
            council = 1;
            if (!orbi_unsc_vote(r, o, ORB_RES_FORCE, i, j)) why = ORB_BLOCK_NO_AUTHORISATION;
        }
        break;
    }
    taken = why == ORB_BLOCK_NONE;
    if (taken)
        r->m.taken[kind]++;
    else
        r->m.blocked[kind]++;
    if (o->nlog < ORB_ACTION_LOG) {
        orb_action_record *a = &o->log[o->nlog++];
        a->year = r->year;
        a->kind = kind;
        a->actor = i;
        a->target = j;
        a->taken = taken;
        a->reason = why;
        a->via_council = council;
    }
    return taken;
}

static void order_step(orb_run *r, void *self)
{
    orbi_order *o = self;
    const orb_sim *s = r->sim;
    const double *P = s->par.v, *cinc = r->share[ORB_MEASURE_CINC];
    const double *lngdp = o->lngdp, *lncinc = o->lncinc;
    const size_t n = s->n;
    const uint64_t yr = (uint64_t)r->year;
    size_t i, j;

    orbi_unsc_seat(r, o);
    for (i = 0; i < n; i++) { /* ln GDP and ln CINC, once a state */
        o->lngdp[i] = log(r->gdp[i]);
        o->lncinc[i] = cinc[i] > 0 ? log(cinc[i]) : NAN;
        r->drag[i] = 0; /* this year's sanctions and interference, charged next year */
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            double a, eta;
            if (i == j) continue;
            if (r->sanction[ij]) { /* sanctions in force: lifted, or they go on */
                if (orbi_uniform4(&r->rng, yr, ORBI_DRAW_LIFT, ij) < P[ORBI_P_SANC_LIFT])
                    r->sanction[ij] = 0;
                continue;
            }
            if (r->ally[ij]) continue;
            a = r->aff[ij];
            eta = P[ORBI_P_SANC_CONST] + P[ORBI_P_SANC_AFF] * a +
                  P[ORBI_P_SANC_SIZE] * (lngdp[i] - lngdp[j]);
            if (eta > ORBI_ETA_NEGLIGIBLE &&
                orbi_uniform4(&r->rng, yr, ORBI_DRAW_SANCTION, ij) < logistic(eta))
                orbi_order_act(r, ORB_ACT_SANCTION, i, j, 0);
            if (isnan(lncinc[i]) || isnan(lncinc[j]) || cinc[i] <= cinc[j] ||
                !(s->contig[ij] || s->major[i]))
                continue; /* interference: a stronger neighbour or a major power */
            eta = P[ORBI_P_INT_CONST] + P[ORBI_P_INT_AFF] * a +
                  P[ORBI_P_INT_POWER] * (lncinc[i] - lncinc[j]);
            if (eta > ORBI_ETA_NEGLIGIBLE &&
                orbi_uniform4(&r->rng, yr, ORBI_DRAW_INTERFERE, ij) < logistic(eta) &&
                orbi_order_act(r, ORB_ACT_INTERFERE, i, j, 0)) {
                r->drag[j] += P[ORBI_P_INT_COST];
                orbi_relations_shift(r, i, j, P[ORBI_P_INT_AFFCOST]);
            }
        }
    for (i = 0; i < n; i++) /* a call for settlement of each war */
        for (j = i + 1; j < n; j++) {
            size_t k, best = (size_t)-1;
            double bv = -INFINITY;
            if (!r->war[i * n + j]) continue;
            for (k = 0; k < o->ncouncil; k++) { /* the sponsor closest to both sides */
                size_t m = o->council[k];
                double v = fmin(r->aff[m * n + i], r->aff[m * n + j]);
                if (m != i && m != j && v > bv) {
                    bv = v;
                    best = m;
                }
            }
            if (best == (size_t)-1) continue;
            /* the target is the stronger side, which the call restrains */
            if (orbi_unsc_vote(r, o, ORB_RES_SETTLEMENT, best, cinc[i] >= cinc[j] ? i : j))
                orbi_conflict_war_end(r, i, j);
        }
    r->m.sanctions_unilateral = r->m.sanctions_un = 0;
    /* Costs of the sanctions in force. A target pays the growth cost of being
     * under unilateral sanctions once, and of UN sanctions once, however many
     * states send them: the estimates (Neuenkirch & Neumeier 2015) are of a
     * sanction episode's effect on its target, not per sender. Each
     * sender-target pair's affinity pays its own cost. */
    for (j = 0; j < n; j++)
        o->under[j] = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            if (!r->sanction[ij]) continue;
            if (r->sanction[ij] == 2) {
                r->m.sanctions_un++;
                o->under[j] |= 2;
            } else {
                r->m.sanctions_unilateral++;
                o->under[j] |= 1;
            }
            orbi_relations_shift(r, i, j, P[ORBI_P_SANC_AFFCOST]);
        }
    for (j = 0; j < n; j++) {
        if (o->under[j] & 1) r->drag[j] += P[ORBI_P_SANC_COST_UNI];
        if (o->under[j] & 2) r->drag[j] += P[ORBI_P_SANC_COST_UN];
    }
}

/* A new year: the action log and the action and Council counts start from zero. */
static void order_begin(orb_run *r, void *self)
{
    orbi_order *o = self;
    size_t k;

    o->nlog = 0;
    for (k = 0; k < ORB_NACTIONS; k++)
        r->m.proposed[k] = r->m.taken[k] = r->m.blocked[k] = 0;
    for (k = 0; k < ORB_NRESOLUTIONS; k++)
        r->m.resolutions[k] = r->m.passed[k] = 0;
    r->m.vetoed = 0;
    for (k = 0; k < ORB_UNSC_PERMANENT; k++)
        r->m.vetoes_by[k] = 0;
}

/* The Council's service record from the data up to the start year; the
 * start year's Council; the sanctions in force in the start year (GSDB cases
 * with state senders, so unilateral; the UN's and the EU's are not in the
 * shipped table). */
static orb_status order_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                             orb_error *err)
{
    orbi_order *o = self;
    const orb_sim *s = r->sim;
    size_t k;

    (void)scn;
    (void)err;
    for (k = 0; k < s->nunsc; k++) {
        size_t x = orbi_sim_index(s, s->unsc[k].ccode);
        if (x == (size_t)-1 || s->unsc[k].year > w->year) continue;
        if (s->unsc[k].year > o->last_seat[x]) {
            if (s->unsc[k].year != o->last_seat[x] + 1) o->term_start[x] = s->unsc[k].year;
            o->last_seat[x] = s->unsc[k].year;
        }
    }
    o->ncouncil = o->nelected = 0;
    orbi_unsc_seat(r, o);
    for (k = 0; k < s->n * s->n; k++) /* sanctions in force (state senders: unilateral) */
        if (w->sanction[k]) {
            r->sanction[k] = 1;
            r->m.sanctions_unilateral++;
        }
    return ORB_OK;
}

const orb_action_record *orb_run_actions(const orb_run *r, size_t *n_out)
{
    const orbi_order *o = ORBI_ORDER(r);

    if (n_out) *n_out = o->nlog;
    return o->log;
}

const orbi_phase orbi_phase_order = {
    .name = "order",
    .size = sizeof(orbi_order),
    .arrays = order_arrays,
    .narrays = sizeof order_arrays / sizeof order_arrays[0],
    .init = order_init,
    .begin = order_begin,
    .step = order_step,
};
