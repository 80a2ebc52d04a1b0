/*
 * negotiation.c - the negotiation phase: every open scenario crisis goes
 * through negotiate.rounds_per_year expected-utility rounds a year, its
 * states' capabilities their CINC shares that year (non-state actors keep
 * the capability the scenario gives). Then, with A and B the antagonists
 * (the actors at the low and high ends of the initial positions) and
 * p = C_A / (C_A + B's C) A's chance in war, the forecast (median) gives A
 * the share y = (high - median) / (high - low) of the issue:
 *
 *   - if y lies outside Fearon's range [p - c_A, p + c_B], or the issue is
 *     indivisible and no feasible point lies in the range, the bargaining
 *     range is empty at the forecast: the side that prefers war (A below
 *     the range, B above it; the stronger side of an indivisible issue)
 *     proposes force, which the order regime checks like any use of force;
 *     taken, the crisis escalates (A and B at war through the conflict
 *     mechanism's war state, counted as a war begun that year); blocked
 *     (e.g. no Council authorisation), the talks go on next year;
 *   - else, if no one moves any more (the model is stable) or the positions
 *     lie within negotiate.settle_spread of their initial range, the crisis
 *     settles at the median (recorded with its year);
 *   - else it goes on.
 *
 * The EU models are built at orb_run_new; a step does not allocate.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"

void orbi_negotiate_phase(orb_run *r)
{
    const double *P = r->par.v;
    const int rounds = (int)P[ORBI_P_NEG_ROUNDS];
    size_t k, i;

    r->m.crises_open = r->m.crises_settled = r->m.crises_escalated = 0;
    for (k = 0; k < r->ncrisis; k++) {
        orbi_crisis *c = &r->crisis[k];
        const orb_crisis *d = c->def;
        double lo = d->lo, hi = d->hi, ca, cb, p, y, flo, fhi, med;
        int q, stable = 0;

        if (c->status != ORB_CRISIS_OPEN || r->year < d->year) continue;
        for (i = 0; i < d->nactors; i++)
            if (c->idx[i] != (size_t)-1) {
                double s = r->share[ORB_MEASURE_CINC][c->idx[i]];
                c->cap[i] = s > 0 ? s : 0;
            }
        orbi_eu_engine(c->eu, c->cap);
        for (q = 0; q < rounds && !stable; q++)
            stable = orb_eu_round(c->eu) == ORB_DONE;
        med = orb_eu_median(c->eu);
        ca = c->cap[c->a] > 0 ? c->cap[c->a] : d->actors[c->a].capability;
        cb = c->cap[c->b] > 0 ? c->cap[c->b] : d->actors[c->b].capability;
        p = (ca > 0 && cb > 0) ? ca / (ca + cb) : 0.5;
        y = (hi - med) / (hi - lo);
        orb_fearon_range(p, P[ORBI_P_NEG_COST_A], P[ORBI_P_NEG_COST_B], &flo, &fhi);
        if (d->nindivisible > 0) { /* feasible points, as A's share */
            int feasible = 0;
            for (i = 0; i < d->nindivisible; i++) {
                double share = (hi - d->indivisible[i]) / (hi - lo);
                if (share >= flo && share <= fhi) feasible = 1;
            }
            if (!feasible) fhi = flo - 1; /* empty */
        }
        if (y < flo || y > fhi) {
            size_t ia = c->idx[c->a], ib = c->idx[c->b], from = ia, to = ib;
            int states = ia != (size_t)-1 && ib != (size_t)-1 && ia != ib;
            /* who prefers war: A if the forecast gives it less than p - c_A,
             * B if it gives A more than p + c_B; an indivisible issue: the
             * stronger side */
            if (y > fhi && flo <= fhi)
                from = ib, to = ia;
            else if (flo > fhi && cb > ca)
                from = ib, to = ia;
            if (states && !r->war[ia * r->n + ib] &&
                !orbi_order_act(r, ORB_ACT_FORCE, from, to, 0)) {
                r->m.crises_open++; /* the regime blocks the war: talks go on */
                continue;
            }
            c->status = ORB_CRISIS_ESCALATED;
            c->year = r->year;
            c->position = med;
            if (states && !r->war[ia * r->n + ib]) {
                r->war[ia * r->n + ib] = r->war[ib * r->n + ia] = 1;
                r->atwar[ia] = r->atwar[ib] = 1;
                r->m.wars_begun++;
                r->m.wars_ongoing++;
            }
            r->m.crises_escalated++;
        } else if (stable || orbi_eu_spread(c->eu) <= P[ORBI_P_NEG_SPREAD]) {
            c->status = ORB_CRISIS_SETTLED;
            c->year = r->year;
            c->position = med;
            r->m.crises_settled++;
        } else {
            r->m.crises_open++;
        }
    }
}
