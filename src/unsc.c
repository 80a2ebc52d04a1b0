/*
 * unsc.c - the Security Council: the voting rule and power indices, the
 * membership of each year (the data while it lasts, then a documented
 * election rule), and votes on drafts proposed by the engine.
 *
 * Election rule after the data (docs/model.md): each year the members in
 * the second year of their term leave; each seat is refilled from the same
 * UN regional group by the group's member (not permanent, in the system)
 * that served longest ago (never is longest), ties by larger population.
 *
 * Drafts (Romer & Rosenthal 1978's agenda setter, as Allen & Yuen 2022
 * apply it to the Council): the sponsor pens a draft against a target;
 * each member k takes sides by d_k, its affinity with the sponsor over that
 * with the target (plus unsc.ally_weight for a defence pact with either,
 * minus unsc.rival_weight for a strategic rival on either side),
 * and supports a text of strength t (1 the whole draft, with its action) by
 * d_k + unsc.text_cost (1 - t) / 2: quadratic loss around an ideal strength
 * proportional to d_k, so a weaker text wins members at the margin and the
 * whole draft is voted on d_k alone, as in the plain vote. Yes above
 * unsc.vote_margin, no below minus it; a permanent member votes no, a veto,
 * only below minus unsc.veto_margin and abstains short of it. The whole
 * draft goes to a vote when it would pass (its action follows). When it
 * would fail, the sponsor adopts the weakest text worth having, strength
 * unsc.min_text, if that passes (a resolution without the action: the text
 * between it and the whole draft is not modelled); when none passes, it
 * forces the draft to a vote for its audience with probability
 * unsc.forced_vote (vetoed, or failing short of nine: the only vetoes) and
 * withdraws it otherwise. Whether a draft passes whole depends on the
 * side-taking alone (affinity, and the pact and rivalry weights);
 * text_cost, min_text and forced_vote decide only how a failing draft is
 * recorded (adopted weakened, vetoed or failed, withdrawn), never what
 * follows from it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orb_int.h"
#include "order_int.h"
#include "params_int.h"

orb_status orb_voting_power(size_t n, size_t quota, size_t nveto, double *ss, double *bz,
                            double *bza, size_t *sw)
{
    double fact[25], tot = 0;
    size_t swings[24] = {0}, i;
    unsigned long s, full, vmask;

    if (n == 0 || n > 24 || quota > n || nveto > n) return ORB_EINVAL;
    fact[0] = 1;
    for (i = 1; i <= n; i++)
        fact[i] = fact[i - 1] * (double)i;
    full = 1UL << n;
    vmask = (1UL << nveto) - 1;
    if (ss)
        for (i = 0; i < n; i++)
            ss[i] = 0;
    for (s = 0; s < full; s++) { /* each coalition s; a player outside it may swing it */
        size_t size = (size_t)__builtin_popcountl(s);
        int wins = size >= quota && (s & vmask) == vmask;
        if (wins) continue;
        for (i = 0; i < n; i++) {
            unsigned long t = s | (1UL << i);
            if (s & (1UL << i)) continue;
            if ((size_t)__builtin_popcountl(t) >= quota && (t & vmask) == vmask) {
                swings[i]++;
                if (ss) ss[i] += fact[size] * fact[n - size - 1] / fact[n];
            }
        }
    }
    for (i = 0; i < n; i++)
        tot += (double)swings[i];
    for (i = 0; i < n; i++) {
        if (bz) bz[i] = tot > 0 ? (double)swings[i] / tot : 0;
        if (bza) bza[i] = (double)swings[i] / (double)(1UL << (n - 1));
        if (sw) sw[i] = swings[i];
    }
    return ORB_OK;
}

int orb_unsc_passes(const int votes[ORB_UNSC_MEMBERS], int *veto_out)
{
    int k, yes = 0, veto = -1;

    if (veto_out) *veto_out = -1;
    if (votes == NULL) return 0;
    for (k = 0; k < ORB_UNSC_MEMBERS; k++) {
        if (votes[k] > 0) yes++;
        if (k < ORB_UNSC_PERMANENT && votes[k] < 0 && veto < 0) veto = k;
    }
    /* a permanent member's no is a veto only on a draft that has its nine
     * votes (the Dag Hammarskjold Library's list counts drafts "not adopted
     * owing to the negative vote of a permanent member"); without nine yes
     * the draft fails anyway */
    if (yes < ORB_UNSC_QUOTA) veto = -1;
    if (veto_out) *veto_out = veto;
    return yes >= ORB_UNSC_QUOTA && veto < 0;
}

void orbi_unsc_seat(orb_run *r, orbi_order *o)
{
    const orb_sim *s = r->sim;
    const size_t n = s->n;
    size_t k, m = 0, nd = 0, i;
    int codes[10];
    size_t prev[10], nprev = 0;

    /* the permanent members stay as the start year has them */
    for (k = 0; k < ORB_UNSC_PERMANENT && k < s->np5; k++)
        o->council[m++] = s->p5[k];
    for (k = 0; k < o->nelected; k++)
        prev[nprev++] = o->council[ORB_UNSC_PERMANENT + k];
    for (k = 0; k < s->nunsc; k++) /* the data, while they last */
        if (s->unsc[k].year == r->year && nd < 10) codes[nd++] = s->unsc[k].ccode;
    o->nelected = 0;
    if (nd == 10 || (nd > 0 && r->year < 1966)) {
        for (k = 0; k < nd; k++) {
            size_t x = orbi_sim_index(s, codes[k]);
            if (x != (size_t)-1) o->council[ORB_UNSC_PERMANENT + o->nelected++] = x;
        }
    } else {
        /* continuing members: those in the first year of their term last year */
        for (k = 0; k < nprev; k++)
            if (o->term_start[prev[k]] == r->year - 1)
                o->council[ORB_UNSC_PERMANENT + o->nelected++] = prev[k];
        for (k = 0; k < nprev && o->nelected < 10; k++) { /* refill the leavers' seats */
            size_t leaver = prev[k], best = (size_t)-1;
            if (o->term_start[leaver] == r->year - 1) continue;
            for (i = 0; i < n; i++) {
                size_t q;
                int taken = 0;
                if (s->is_p5[i] || s->group[i] != s->group[leaver] || s->group[i] == 0) continue;
                for (q = 0; q < o->nelected; q++)
                    taken |= o->council[ORB_UNSC_PERMANENT + q] == i;
                if (taken || i == leaver) continue;
                if (best == (size_t)-1 || o->last_seat[i] < o->last_seat[best] ||
                    (o->last_seat[i] == o->last_seat[best] && r->pop[i] > r->pop[best]))
                    best = i;
            }
            if (best == (size_t)-1) best = leaver; /* a group with no one else: stays */
            o->council[ORB_UNSC_PERMANENT + o->nelected++] = best;
        }
    }
    o->ncouncil = ORB_UNSC_PERMANENT + o->nelected;
    for (k = ORB_UNSC_PERMANENT; k < o->ncouncil; k++) {
        size_t x = o->council[k];
        if (o->last_seat[x] != r->year - 1) o->term_start[x] = r->year;
        o->last_seat[x] = r->year;
    }
    (void)m;
}

/* The votes on a text of strength t (1 the whole draft): a member's net
 * support is d_k + unsc.text_cost (1 - t) / 2 (d_k its side-taking, below); yes
 * above unsc.vote_margin, no below minus it (a permanent member: no, a veto,
 * only below minus unsc.veto_margin; it abstains otherwise). The sponsor
 * votes yes, the target no. Returns whether the text passes; *veto the first
 * permanent seat whose no blocked it (-1 if none). */
static int votes_at(const orbi_order *o, const double *d, size_t ks, size_t kt, double t,
                    double cost, double margin, double vmargin, int votes[ORB_UNSC_MEMBERS],
                    int *veto)
{
    size_t k;

    for (k = 0; k < o->ncouncil && k < ORB_UNSC_MEMBERS; k++) {
        double net = d[k] + cost * (1 - t) / 2;
        if (k == ks)
            votes[k] = 1;
        else if (k == kt)
            votes[k] = -1;
        else if (k < ORB_UNSC_PERMANENT)
            votes[k] = net > margin ? 1 : (net < -vmargin ? -1 : 0);
        else
            votes[k] = net > margin ? 1 : (net < -margin ? -1 : 0);
    }
    for (; k < ORB_UNSC_MEMBERS; k++)
        votes[k] = 0;
    return orb_unsc_passes(votes, veto);
}

int orbi_unsc_draft(orb_run *r, const orbi_order *o, orb_resolution kind, size_t sponsor,
                    size_t target, size_t other)
{
    const orb_sim *s = r->sim;
    const size_t n = s->n;
    const double *P = s->par.v;
    const double margin = P[ORBI_P_UNSC_MARGIN], vmargin = P[ORBI_P_UNSC_VETO],
                 cost = P[ORBI_P_UNSC_TEXT], pi = P[ORBI_P_UNSC_ALLY], rho = P[ORBI_P_UNSC_RIVAL];
    double d[ORB_UNSC_MEMBERS] = {0};
    int votes[ORB_UNSC_MEMBERS], weak[ORB_UNSC_MEMBERS], veto = -1, wveto = -1;
    size_t k, ks = (size_t)-1, kt = (size_t)-1;
    uint64_t idx;

    /* each member's side-taking: its affinity with the sponsor over that
     * with the target, plus unsc.ally_weight for a pact with either and
     * unsc.rival_weight against a strategic rival (TSS) on either side */
    for (k = 0; k < o->ncouncil && k < ORB_UNSC_MEMBERS; k++) {
        size_t m = o->council[k];
        if (m == sponsor) ks = k;
        if (m == target) kt = k;
        d[k] = r->aff[m * n + sponsor] - r->aff[m * n + target] +
               pi * ((double)r->ally[m * n + sponsor] - (double)r->ally[m * n + target]) -
               rho * ((double)s->rival[m * n + sponsor] - (double)s->rival[m * n + target]);
    }
    r->m.resolutions[kind]++;
    if (votes_at(o, d, ks, kt, 1, cost, margin, vmargin, votes, &veto)) {
        r->m.passed[kind]++;
        return 1;
    }
    /* the whole draft would fail (votes, veto: its vote): the sponsor adopts
     * the weakest text worth having if it passes (a resolution without the
     * action); if none passes it forces the draft to a vote for its
     * audience, or withdraws it */
    if (votes_at(o, d, ks, kt, P[ORBI_P_UNSC_MIN_TEXT], cost, margin, vmargin, weak, &wveto)) {
        r->m.weakened++;
        return 0;
    }
    idx = (((uint64_t)kind * n + sponsor) * n + target) * n + other;
    if (orbi_uniform4(r, (uint64_t)r->year, ORBI_DRAW_FORCED, idx) < P[ORBI_P_UNSC_FORCED]) {
        r->m.forced++;
        if (veto >= 0) {
            r->m.vetoed++;
            for (k = 0; k < ORB_UNSC_PERMANENT && k < o->ncouncil; k++)
                if (votes[k] < 0) r->m.vetoes_by[k]++;
        }
    } else {
        r->m.withdrawn++;
    }
    return 0;
}

size_t orbi_unsc_penholder(const orb_run *r, const orbi_order *o, size_t target, size_t victim)
{
    const size_t n = r->sim->n;
    size_t k, best = (size_t)-1;
    double bv = -INFINITY;

    for (k = 0; k < o->ncouncil && k < ORB_UNSC_MEMBERS; k++) {
        size_t m = o->council[k];
        double v;
        if (m == victim) return victim;
        if (m == target) continue;
        v = r->aff[m * n + victim] - r->aff[m * n + target];
        if (v > bv) {
            bv = v;
            best = m;
        }
    }
    return best;
}

size_t orb_run_council(const orb_run *r, size_t *members_out)
{
    if (r == NULL || members_out == NULL) return 0;
    const orbi_order *o = ORBI_ORDER(r);
    size_t k;

    for (k = 0; k < o->ncouncil && k < ORB_UNSC_MEMBERS; k++)
        members_out[k] = o->council[k];
    return o->ncouncil;
}
