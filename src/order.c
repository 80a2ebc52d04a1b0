/*
 * order.c - the order regime: actions states propose, checked against the
 * regime's rules, with the Security Council where the rules send them.
 *
 * Each rule has an enforcement e >= 0 (orb_scenario_enforcement) and a
 * breach cost c (order.breach_*, a log odds ratio). An action the record
 * has at log-odds eta happens, under the rule at e, at log-odds
 * eta + (h - e) c, h the rule's enforcement in the record (the historical
 * regime: 1 for force and interference, 0 for the rest). The engine
 * proposes it at eta + h c (the rule-free rate; orbi_order_shift) and a
 * proposal the rule restricts -- not exempt (hegemon_privilege) -- goes
 * ahead with probability logistic(eta + (h - e) c) / logistic(eta + h c)
 * (orbi_order_accept; below 1 for e > 0, exact thinning): the actor breaks
 * the rule, the action is taken and recorded as a breach; otherwise it is
 * blocked. A proposal the Council mandates goes ahead at the record's rate
 * (e taken as min(e, h)), so under the historical regime every action,
 * mandated or not, happens at the rate it was estimated at. An action the
 * engine proposes for certain (a crisis's force, a scenario's pact,
 * arming: eta NaN) goes ahead with probability min(1, exp(-(e - h) c)).
 *
 *   sanction   restricted by unilateral_sanctions: the draft goes to the
 *              Council first (adopted: a UN sanction)
 *   interfere  restricted by interference
 *   pact       restricted by bloc_expansion (unless either side is
 *              privileged), and by indivisible_security when it would raise
 *              some third state's threat by more than order.threat_threshold
 *   arm        restricted by indivisible_security, the same test
 *   force      restricted by force_authorisation: the draft goes to the
 *              Council first (adopted: authorised); the target's defence is
 *              not an action
 *
 * With every rule at enforcement 0 nothing is restricted and no draw is
 * made, so every regime runs the same numbers. A state decides once a year
 * whether to break a rule for a given action on a given target (one draw
 * per year, actor, target, action and rule).
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
    ORBI_SCRATCH(orbi_order, ipsan, 1, ORBI_DIM_N),
    ORBI_ARRAY(orbi_order, lnout, 1, ORBI_DIM_N),
    ORBI_ARRAY(orbi_order, lnin, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, lncinc, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, under, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, seta, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, ieta, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, sj, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, ij_, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, shit, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, ihit, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, sprop, 1, ORBI_DIM_N),
    ORBI_SCRATCH(orbi_order, iprop, 1, ORBI_DIM_N),
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

static int privileged(const orb_run *r, size_t i)
{
    const orb_sim *s = r->sim;

    return s->enforce[ORB_RULE_HEGEMON_PRIVILEGE] > 0 && s->hegemon != (size_t)-1 &&
           (i == s->hegemon || r->ally[i * s->n + s->hegemon]);
}

/* Each restricting rule's breach cost (order.breach_*). */
static const int breach_param[ORB_RULE_HEGEMON_PRIVILEGE] = {
    [ORB_RULE_UNILATERAL_SANCTIONS] = ORBI_P_BREACH_SANCTIONS,
    [ORB_RULE_INTERFERENCE] = ORBI_P_BREACH_INTERFERENCE,
    [ORB_RULE_BLOC_EXPANSION] = ORBI_P_BREACH_BLOCS,
    [ORB_RULE_INDIVISIBLE_SECURITY] = ORBI_P_BREACH_INDIVISIBLE,
    [ORB_RULE_FORCE_AUTHORISATION] = ORBI_P_BREACH_FORCE};

double orbi_order_shift(const orb_run *r, orb_rule rule)
{
    return orbi_regime_enforcement(ORB_REGIME_HISTORICAL, rule) * r->sim->par.v[breach_param[rule]];
}

double orbi_order_accept(const orb_run *r, orb_rule rule, double eta, double e)
{
    const double c = r->sim->par.v[breach_param[rule]],
                 h = orbi_regime_enforcement(ORB_REGIME_HISTORICAL, rule);

    if (isnan(eta)) return fmin(1.0, exp(-(e - h) * c));
    return orbi_logistic(eta + (h - e) * c) / orbi_logistic(eta + h * c);
}

/* Does actor i take this action on j under `rule` at effective enforcement
 * e? With probability orbi_order_accept (see the head of the file): one
 * draw a year per actor, target, action and rule; no draw when it is 1. */
static int goes_ahead(orb_run *r, orb_rule rule, orb_action kind, size_t i, size_t j, double eta,
                      double e)
{
    const size_t n = r->sim->n;
    const double a = orbi_order_accept(r, rule, eta, e);
    uint64_t idx = (((uint64_t)i * n + j) * ORB_NACTIONS + (uint64_t)kind) * ORB_NRULES + rule;

    return a >= 1.0 || orbi_uniform4(r, (uint64_t)r->year, ORBI_DRAW_BREACH, idx) < a;
}

/* A mandated action's enforcement: the record's, or the rule's if weaker. */
static double mandated(const orb_run *r, orb_rule rule)
{
    return fmin(r->sim->enforce[rule], orbi_regime_enforcement(ORB_REGIME_HISTORICAL, rule));
}

/* Is target j under a Council sanction already? */
static int un_sanctioned(const orb_run *r, size_t j)
{
    const size_t n = r->sim->n;
    size_t k;

    for (k = 0; k < n; k++)
        if (r->sanction[k * n + j] == 2) return 1;
    return 0;
}

/* Is the rule there (enforcement above 0)? */
static int enforced(const orb_run *r, orb_rule rule)
{
    return r->sim->enforce[rule] > 0;
}

/* Would the action raise some third state's threat by more than tau of it?
 * (Arming has j = i.) */
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

int orbi_order_act(orb_run *r, orb_action kind, size_t i, size_t j, double amount, double eta)
{
    orbi_order *o = ORBI_ORDER(r);
    const size_t n = r->sim->n;
    const double *E = r->sim->enforce;
    orb_block_reason why = ORB_BLOCK_NONE, broke = ORB_BLOCK_NONE;
    int council = 0, taken = 1;

    r->m.proposed[kind]++;
    switch (kind) {
    case ORB_ACT_SANCTION: {
        const orb_rule R = ORB_RULE_UNILATERAL_SANCTIONS;
        if (enforced(r, R) && !privileged(r, i)) {
            if (!un_sanctioned(r, j)) { /* one UN sanction per target */
                council = 1;
                if (orbi_unsc_draft(r, o, ORB_RES_SANCTION, i, j, j)) {
                    if (goes_ahead(r, R, kind, i, j, eta, mandated(r, R)))
                        r->sanction[i * n + j] = 2;
                    else
                        why = ORB_BLOCK_UNILATERAL_SANCTIONS;
                    break;
                }
            }
            if (goes_ahead(r, R, kind, i, j, eta, E[R])) {
                r->sanction[i * n + j] = 1;
                broke = ORB_BLOCK_UNILATERAL_SANCTIONS;
            } else {
                why = ORB_BLOCK_UNILATERAL_SANCTIONS;
            }
        } else {
            r->sanction[i * n + j] = 1;
        }
        if (r->sanction[i * n + j] == 1 && r->gsum[i] > 0) /* the sender's loss, once */
            r->drag[i] += r->sim->par.v[ORBI_P_SANC_COST_SENDER] /
                          r->sim->par.v[ORBI_P_SANC_ANCHOR] * r->gdp[j] * r->sim->kern[i * n + j] /
                          r->gsum[i];
        break;
    }
    case ORB_ACT_INTERFERE:
        if (enforced(r, ORB_RULE_INTERFERENCE) && !privileged(r, i)) {
            if (goes_ahead(r, ORB_RULE_INTERFERENCE, kind, i, j, eta, E[ORB_RULE_INTERFERENCE]))
                broke = ORB_BLOCK_INTERFERENCE;
            else
                why = ORB_BLOCK_INTERFERENCE;
        }
        break;
    case ORB_ACT_PACT:
        if (enforced(r, ORB_RULE_BLOC_EXPANSION) && !privileged(r, i) && !privileged(r, j)) {
            if (goes_ahead(r, ORB_RULE_BLOC_EXPANSION, kind, i, j, eta, E[ORB_RULE_BLOC_EXPANSION]))
                broke = ORB_BLOCK_BLOC_EXPANSION;
            else
                why = ORB_BLOCK_BLOC_EXPANSION;
        }
        if (why == ORB_BLOCK_NONE && enforced(r, ORB_RULE_INDIVISIBLE_SECURITY) &&
            indivisible_breach(r, ORB_ACT_PACT, i, j, 0)) {
            if (!goes_ahead(r, ORB_RULE_INDIVISIBLE_SECURITY, kind, i, j, eta,
                            E[ORB_RULE_INDIVISIBLE_SECURITY]))
                why = ORB_BLOCK_INDIVISIBLE_SECURITY;
            else if (broke == ORB_BLOCK_NONE) /* the first rule broken is the one recorded */
                broke = ORB_BLOCK_INDIVISIBLE_SECURITY;
        }
        break;
    case ORB_ACT_ARM:
        if (enforced(r, ORB_RULE_INDIVISIBLE_SECURITY) &&
            indivisible_breach(r, ORB_ACT_ARM, i, i, amount)) {
            if (goes_ahead(r, ORB_RULE_INDIVISIBLE_SECURITY, kind, i, j, eta,
                           E[ORB_RULE_INDIVISIBLE_SECURITY]))
                broke = ORB_BLOCK_INDIVISIBLE_SECURITY;
            else
                why = ORB_BLOCK_INDIVISIBLE_SECURITY;
        }
        break;
    case ORB_ACT_FORCE: {
        const orb_rule R = ORB_RULE_FORCE_AUTHORISATION;
        if (enforced(r, R) && !privileged(r, i)) {
            council = 1;
            if (orbi_unsc_draft(r, o, ORB_RES_FORCE, i, j, j)) {
                if (!goes_ahead(r, R, kind, i, j, eta, mandated(r, R)))
                    why = ORB_BLOCK_NO_AUTHORISATION;
            } else if (goes_ahead(r, R, kind, i, j, eta, E[R])) {
                /* force in breach of the ban: a demand that it cease, penned
                 * by the victim or the member that sides most with it (no
                 * effect beyond the record of the vote; docs/model.md) */
                size_t pen = orbi_unsc_penholder(r, o, i, j);
                broke = ORB_BLOCK_NO_AUTHORISATION;
                if (pen != (size_t)-1) orbi_unsc_draft(r, o, ORB_RES_CONDEMN, pen, i, j);
            } else {
                why = ORB_BLOCK_NO_AUTHORISATION;
            }
        }
        break;
    }
    }
    taken = why == ORB_BLOCK_NONE;
    if (taken)
        r->m.taken[kind]++;
    else
        r->m.blocked[kind]++;
    if (taken && broke != ORB_BLOCK_NONE) r->m.breached[kind]++;
    if (o->nlog < ORB_ACTION_LOG) {
        orb_action_record *a = &o->log[o->nlog++];
        a->year = r->year;
        a->kind = kind;
        a->actor = i;
        a->target = j;
        a->taken = taken;
        a->reason = taken ? broke : why;
        a->via_council = council;
    }
    return taken;
}

/* The record's log-odds that i proposes a sanction on j (the sanction logit,
 * docs/model.md 5e) and that i proposes to interfere in j. */
static double sanction_eta(const orb_run *r, const orbi_order *o, size_t i, size_t j)
{
    const double *P = r->sim->par.v;
    const size_t ij = i * r->sim->n + j;

    return P[ORBI_P_SANC_CONST] + P[ORBI_P_SANC_AFF] * r->aff[ij] +
           P[ORBI_P_SANC_SENDER] * o->lngdp[i] + P[ORBI_P_SANC_TARGET] * o->lngdp[j] +
           P[ORBI_P_SANC_SOUT] * o->lnout[i] + P[ORBI_P_SANC_SIN] * o->lnin[j] +
           P[ORBI_P_SANC_ALLY] * r->ally[ij] + P[ORBI_P_SANC_IP_SENDER] * o->ipsan[i] +
           P[ORBI_P_SANC_IP_TARGET] * o->ipsan[j];
}

static double interfere_eta(const orb_run *r, const orbi_order *o, size_t i, size_t j)
{
    const double *P = r->sim->par.v;

    return P[ORBI_P_INT_CONST] + P[ORBI_P_INT_AFF] * r->aff[i * r->sim->n + j] +
           P[ORBI_P_INT_POWER] * (o->lncinc[i] - o->lncinc[j]);
}

static void order_step(orb_run *r, void *self)
{
    orbi_order *o = self;
    const orb_sim *s = r->sim;
    const double *P = s->par.v, *cinc = r->share[ORB_MEASURE_CINC];
    const double *lncinc = o->lncinc;
    const size_t n = s->n;
    const uint64_t yr = (uint64_t)r->year;
    const double h_sanc = orbi_order_shift(r, ORB_RULE_UNILATERAL_SANCTIONS),
                 h_int = orbi_order_shift(r, ORB_RULE_INTERFERENCE);
    double world = 0;
    size_t i, j;

    orbi_unsc_seat(r, o);
    for (i = 0; i < n; i++)
        world += r->gdp[i];
    for (i = 0; i < n; i++)
        o->under[i] = 0;
    for (i = 0; i < n; i++) { /* ln GDP share and ln CINC, once a state */
        o->lngdp[i] = log(r->gdp[i] / world);
        o->ipsan[i] = isnan(r->ideal[i]) ? 0 : r->ideal[i]; /* none: the scale's middle */
        o->lncinc[i] = cinc[i] > 0 ? log(cinc[i]) : NAN;
        r->drag[i] = 0; /* this year's sanctions and interference, charged next year */
    }
    for (i = 0; i < n; i++) {
        size_t ms = 0, mi = 0, q;
        /* the row's proposals first: their log-odds read nothing this row's
         * actions change (a pair's own affinity, sanctions and pacts move only
         * with its own actions; rows before have acted), so drawing them
         * together (orbi_sparse_draw) changes no probability */
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            double eta;
            o->sprop[j] = o->iprop[j] = 0;
            if (i == j || r->sanction[ij]) continue;
            /* proposed at the rule-free log-odds; negligible ones not at all */
            eta = sanction_eta(r, o, i, j);
            o->seta[ms] = eta > ORBI_ETA_NEGLIGIBLE ? eta + h_sanc : -INFINITY;
            o->sj[ms++] = j;
            if (r->ally[ij] || isnan(lncinc[i]) || isnan(lncinc[j]) || cinc[i] <= cinc[j] ||
                !(s->contig[ij] || s->major[i]))
                continue; /* interference: a stronger neighbour or a major power */
            eta = interfere_eta(r, o, i, j);
            o->ieta[mi] = eta > ORBI_ETA_NEGLIGIBLE ? eta + h_int : -INFINITY;
            o->ij_[mi++] = j;
        }
        orbi_sparse_draw(r, yr, ORBI_DRAW_SANCTION, i, n, ms, o->sj, o->seta, o->shit);
        orbi_sparse_draw(r, yr, ORBI_DRAW_INTERFERE, i, n, mi, o->ij_, o->ieta, o->ihit);
        for (q = 0; q < ms; q++)
            o->sprop[o->sj[q]] = o->shit[q];
        for (q = 0; q < mi; q++)
            o->iprop[o->ij_[q]] = o->ihit[q];
        for (j = 0; j < n; j++) { /* then each pair in order */
            size_t ij = i * n + j;
            double eta;
            if (i == j) continue;
            if (r->sanction[ij]) { /* in force: the target concedes, it ends otherwise, or not */
                double u = orbi_uniform4(r, yr, ORBI_DRAW_LIFT, ij);
                if (u < P[ORBI_P_SANC_CONCEDE]) {
                    r->sanction[ij] = 0;
                    r->m.sanctions_conceded++;
                } else if (u < P[ORBI_P_SANC_CONCEDE] + P[ORBI_P_SANC_LIFT]) {
                    r->sanction[ij] = 0;
                }
                continue;
            }
            if (o->sprop[j]) orbi_order_act(r, ORB_ACT_SANCTION, i, j, 0, sanction_eta(r, o, i, j));
            if (!o->iprop[j]) continue; /* (never between allies) */
            eta = interfere_eta(r, o, i, j);
            if (orbi_order_act(r, ORB_ACT_INTERFERE, i, j, 0, eta)) {
                r->drag[j] += P[ORBI_P_INT_COST];
                orbi_relations_shift(r, i, j, P[ORBI_P_INT_AFFCOST]);
            }
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
            if (orbi_unsc_draft(r, o, ORB_RES_SETTLEMENT, best, cinc[i] >= cinc[j] ? i : j,
                                cinc[i] >= cinc[j] ? j : i))
                orbi_conflict_war_end(r, i, j);
        }
    r->m.sanctions_unilateral = r->m.sanctions_un = 0;
    /* Costs of the sanctions in force. A unilateral sanction costs its
     * target growth each year in proportion to the share of the target's
     * (gravity) trade the sender carries: -0.9 pp a year (Neuenkirch &
     * Neumeier 2015's US sanctions) at the US's mean share in its targets'
     * trade, order.sanction_anchor_share. Its sender paid, once, when it
     * imposed it (orbi_order_act: order.sanction_cost_sender per unit of the
     * share of its own trade the target carries). A UN sanction costs its target
     * -2.3 pp once, however many drafts named it (every member applies it).
     * Each sender-target pair's affinity pays its own cost. */
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            if (!r->sanction[ij]) continue;
            if (r->sanction[ij] == 2) {
                r->m.sanctions_un++;
                o->under[j] = 2;
            } else {
                const double k = P[ORBI_P_SANC_COST_UNI] / P[ORBI_P_SANC_ANCHOR];
                r->m.sanctions_unilateral++;
                if (r->gsum[j] > 0) r->drag[j] += k * r->gdp[i] * s->kern[ij] / r->gsum[j];
            }
            orbi_relations_shift(r, i, j, P[ORBI_P_SANC_AFFCOST]);
        }
    for (j = 0; j < n; j++)
        if (o->under[j] == 2) r->drag[j] += P[ORBI_P_SANC_COST_UN];
}

/* A new year: the action log and the action and Council counts start from zero. */
static void order_begin(orb_run *r, void *self)
{
    orbi_order *o = self;
    size_t k;

    o->nlog = 0;
    r->m.sanctions_conceded = 0;
    for (k = 0; k < ORB_NACTIONS; k++)
        r->m.proposed[k] = r->m.taken[k] = r->m.blocked[k] = r->m.breached[k] = 0;
    for (k = 0; k < ORB_NRESOLUTIONS; k++)
        r->m.resolutions[k] = r->m.passed[k] = 0;
    r->m.vetoed = r->m.weakened = r->m.withdrawn = r->m.forced = 0;
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
    for (k = 0; k < s->n; k++)
        o->lnout[k] = o->lnin[k] = 0;
    for (k = 0; k < s->n * s->n; k++) /* sanctions in force (state senders: unilateral) */
        if (w->sanction[k]) {
            r->sanction[k] = 1;
            r->m.sanctions_unilateral++;
            o->lnout[k / s->n] += 1;
            o->lnin[k % s->n] += 1;
        }
    for (k = 0; k < s->n; k++) { /* the traits of the sanction proposal */
        o->lnout[k] = log1p(o->lnout[k]);
        o->lnin[k] = log1p(o->lnin[k]);
    }
    return ORB_OK;
}

const orb_action_record *orb_run_actions(const orb_run *r, size_t *n_out)
{
    const orbi_order *o;

    if (n_out) *n_out = 0;
    if (r == NULL) return NULL;
    o = ORBI_ORDER(r);
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
