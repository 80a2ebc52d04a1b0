/*
 * conflict.c - the conflict phase: wars end, disputes begin and some
 * escalate to war. For each pair not at war,
 *
 *   P(onset_ij) = logistic(eta_ij)
 *
 * with eta the estimated dispute-onset logit's predictor (onset.c: one
 * definition for the engine, the calibration and the tests; its fixed part,
 * intercept, contiguity, distance and major powers, is the sim's eta0).
 * An onset becomes a war with the escalation logit's probability,
 * conflict.esc_* on ln(C_hi / C_lo), major-power involvement and strategic
 * rivalry (the stronger side's use of force, which the order regime
 * checks: proposed at the rule-free rate, thinned); a war ends each year
 * with probability conflict.war_end; the economy charges conflict.war_cost
 * to each state at war. Cost: O(N^2) per year, one logistic and up to three
 * draws per pair; pairs whose log-odds are below ORBI_ETA_NEGLIGIBLE
 * (p < 1e-13, mostly pairs at peace for a century) are not drawn.
 *
 * The phase owns the wars: the order phase's settlements and the
 * negotiation phase's escalations go through orbi_conflict_war_end and
 * orbi_conflict_war_begin.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "order_int.h"
#include "params_int.h"
#include "run_int.h"

/* The conflict phase's own record. */
typedef struct conflict {
    unsigned short *peace; /* [n * n] years since the last dispute onset */
    /* the onset logit's covariates, lagged a year: the state at the end of the
     * last year's conflict phase (the start's at init); state, so a run copied
     * from the shared world has its start's values */
    double *cinc;        /* [n] CINC shares */
    double *lncinc;      /* [n] their logs (NaN if none) */
    double *aff;         /* [n * n] affinities */
    unsigned char *ally; /* [n * n] defence pacts */
    size_t leader;       /* the dominant state (order.hegemon; else the largest CINC) */
    /* scratch of a row's onset draws (orbi_sparse_draw) */
    double *reta;        /* [n] log-odds of the row's pairs at risk */
    size_t *rj;          /* [n] their j */
    unsigned char *rhit; /* [n] onsets */
} conflict;

static const orbi_array conflict_arrays[] = {
    ORBI_ARRAY(conflict, peace, 1, ORBI_DIM_NN), ORBI_ARRAY(conflict, cinc, 1, ORBI_DIM_N),
    ORBI_ARRAY(conflict, lncinc, 1, ORBI_DIM_N), ORBI_ARRAY(conflict, aff, 1, ORBI_DIM_NN),
    ORBI_ARRAY(conflict, ally, 1, ORBI_DIM_NN),  ORBI_SCRATCH(conflict, reta, 1, ORBI_DIM_N),
    ORBI_SCRATCH(conflict, rj, 1, ORBI_DIM_N),   ORBI_SCRATCH(conflict, rhit, 1, ORBI_DIM_N),
};

#define CONFLICT(r) ((conflict *)(r)->ps[ORBI_PH_CONFLICT])

void orbi_conflict_war_begin(orb_run *r, size_t i, size_t j)
{
    const size_t n = r->sim->n;

    r->war[i * n + j] = r->war[j * n + i] = 1;
    r->atwar[i] = r->atwar[j] = 1;
    r->m.wars_begun++;
    r->m.wars_ongoing++;
}

void orbi_conflict_war_end(orb_run *r, size_t i, size_t j)
{
    const size_t n = r->sim->n;

    r->war[i * n + j] = r->war[j * n + i] = 0;
}

/* The covariates the next year's onsets read (lagged a year, as the logit
 * is estimated): CINC shares and their logs, affinities, pacts, and the
 * dominant state. Dissatisfaction is hostility to the dominant state of the
 * power transition: order.hegemon (the status-quo power that built the
 * order, Organski & Kugler 1980), or the largest CINC share if it is not in
 * the system. */
static void conflict_snapshot(orb_run *r, conflict *c)
{
    const double *cinc = r->share[ORB_MEASURE_CINC];
    const size_t n = r->sim->n;
    size_t i, L = 0;

    for (i = 1; i < n; i++)
        if (!isnan(cinc[i]) && (isnan(cinc[L]) || cinc[i] > cinc[L])) L = i;
    if (r->sim->hegemon != (size_t)-1) L = r->sim->hegemon;
    for (i = 0; i < n; i++) {
        c->cinc[i] = cinc[i];
        c->lncinc[i] = cinc[i] > 0 ? log(cinc[i]) : NAN;
    }
    memcpy(c->aff, r->aff, n * n * sizeof *c->aff);
    memcpy(c->ally, r->ally, n * n);
    c->leader = L;
}

static inline double conflict_eta(const orb_run *r, size_t i, size_t j)
{
    const conflict *c = CONFLICT(r);
    const orb_sim *s = r->sim;
    const size_t n = s->n, ij = i * n + j, L = c->leader;
    const double *cinc = c->cinc;
    orbi_dyad x;

    /* the dominant state is not dissatisfied with itself (the affinity
     * matrix's diagonal is not an affinity) */
    orbi_dyad_vary(&x, s->par.v, cinc[i], cinc[j], c->lncinc[i], c->lncinc[j], c->ally[ij],
                   c->aff[ij], i == L ? 0 : (1 - c->aff[i * n + L]) / 2,
                   j == L ? 0 : (1 - c->aff[j * n + L]) / 2, c->peace[ij]);
    /* the peace-years term tabled by the sim (the same value computed) */
    return orbi_onset_vary_with(s->par.v, &x, s->eta0[ij],
                                c->peace[ij] < ORBI_PTAB ? s->ptab[c->peace[ij]]
                                                         : orbi_peace_part(s->par.v, x.t));
}

double orbi_conflict_eta(const orb_run *r, size_t i, size_t j)
{
    return conflict_eta(r, i, j);
}

double orbi_conflict_peace(const orb_run *r, size_t i, size_t j)
{
    return CONFLICT(r)->peace[i * r->sim->n + j];
}

static void conflict_step(orb_run *r, void *self)
{
    conflict *c = self;
    const double *P = r->sim->par.v, *cinc = r->share[ORB_MEASURE_CINC];
    const size_t n = r->sim->n;
    const uint64_t yr = (uint64_t)r->year;
    /* escalation: the rule-free proposal's shift of the record's log-odds */
    const double shift = orbi_order_shift(r, ORB_RULE_FORCE_AUTHORISATION);
    unsigned char *dispute = orbi_onsets(r, r->year);
    unsigned short *peace = c->peace;
    size_t i, j;

    memset(r->atwar, 0, n);
    memset(dispute, 0, n * n);
    r->m.disputes = r->m.wars_begun = r->m.wars_ongoing = 0;
    /* the onsets: the pairs at risk (not at war, capabilities known) row by
     * row, drawn sparsely (orbi_sparse_draw) into the upper triangle of
     * dispute; every probability reads last year's state, so which pairs
     * have onsets does not depend on what the pass below does first */
    for (i = 0; i < n; i++) {
        size_t m = 0, q;
        for (j = i + 1; j < n; j++) {
            if (r->war[i * n + j] || !(c->cinc[i] > 0 && c->cinc[j] > 0)) continue;
            c->reta[m] = conflict_eta(r, i, j); /* = orbi_conflict_eta, which the tests call */
            c->rj[m++] = j;
        }
        orbi_sparse_draw(r, yr, ORBI_DRAW_MID, i, n, m, c->rj, c->reta, c->rhit);
        for (q = 0; q < m; q++)
            if (c->rhit[q]) dispute[i * n + c->rj[q]] = 1;
    }
    for (i = 0; i < n; i++) /* then every pair in order: wars, onsets, escalation */
        for (j = i + 1; j < n; j++) {
            size_t ij = i * n + j;
            double ci = cinc[i], cj = cinc[j];
            if (r->war[ij]) {
                /* peace years count the years since the last onset, wars included,
                 * as the calibration counts them (orbi_peace_years) */
                dispute[ij] = 0; /* (only pairs not at war were drawn) */
                if (peace[ij] < 65535) peace[ij]++;
                peace[j * n + i] = peace[ij];
                if (orbi_uniform4(r, yr, ORBI_DRAW_PEACE, ij) < P[ORBI_P_CONF_WAREND]) {
                    orbi_conflict_war_end(r, i, j);
                } else {
                    r->atwar[i] = r->atwar[j] = 1;
                    r->m.wars_ongoing++;
                }
                continue;
            }
            if (dispute[ij]) {
                dispute[j * n + i] = 1;
                peace[ij] = peace[j * n + i] = 0;
                r->m.disputes++;
                /* escalation: the stronger side's use of force, which the regime checks */
                double eta_w = P[ORBI_P_ESC_CONST] +
                               P[ORBI_P_ESC_LNCAP] * fabs(c->lncinc[i] - c->lncinc[j]) +
                               P[ORBI_P_ESC_MAJOR] * (r->sim->major[i] || r->sim->major[j]) +
                               P[ORBI_P_ESC_RIVAL] * r->sim->rival[ij];
                if (orbi_below_logistic(r->sim, orbi_uniform4(r, yr, ORBI_DRAW_WAR, ij),
                                        eta_w + shift) &&
                    orbi_order_act(r, ORB_ACT_FORCE, ci >= cj ? i : j, ci >= cj ? j : i, 0, eta_w))
                    orbi_conflict_war_begin(r, i, j);
            } else if (peace[ij] < 65535) {
                peace[ij]++;
                peace[j * n + i] = peace[ij];
            }
        }
    conflict_snapshot(r, c); /* what next year's onsets read */
}

/* Peace years at the start: since the pair's last onset (MID, then UCDP),
 * else since both states existed. The wars under way in the start year
 * (UCDP, war intensity) are wars: their states are at war, and a use of
 * force between them is not a new war. */
static orb_status conflict_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                                orb_error *err)
{
    conflict *c = self;
    const size_t n = r->sim->n;
    size_t i, j;

    (void)scn;
    (void)err;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            size_t ij = i * n + j;
            int last = w->lastmid[ij], start = ORB_FIRST_YEAR;
            if (i == j) continue;
            if (w->s[i].entry_year > start) start = w->s[i].entry_year;
            if (w->s[j].entry_year > start) start = w->s[j].entry_year;
            if (last > 0) start = last + 1;
            /* the peace years the first step (year + 1) reads: the calibration's
               year + 1 - start (years since the last onset before year + 1) */
            c->peace[ij] = (unsigned short)(w->year + 1 >= start ? w->year + 1 - start : 0);
            r->war[ij] = w->war[ij];
            if (w->war[ij]) {
                r->atwar[i] = r->atwar[j] = 1;
                if (i < j) r->m.wars_ongoing++;
            }
        }
    conflict_snapshot(r, c);
    return ORB_OK;
}

/* Wars and peace years are symmetric; a state at war is marked so. */
static orb_status conflict_check(const orb_run *r, const void *self, orb_error *err)
{
    const conflict *c = self;
    const size_t n = r->sim->n;
    size_t i, j;

    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (c->peace[i * n + j] != c->peace[j * n + i] ||
                (r->war[i * n + j] && r->year > r->sim->start && !r->atwar[i]))
                ORB_FAIL(err, ORB_EINVAL, "%d: peace years or war of %s-%s inconsistent", r->year,
                         r->sim->abb[i], r->sim->abb[j]);
    return ORB_OK;
}

const orbi_phase orbi_phase_conflict = {
    .name = "conflict",
    .size = sizeof(conflict),
    .arrays = conflict_arrays,
    .narrays = sizeof conflict_arrays / sizeof conflict_arrays[0],
    .init = conflict_init,
    .step = conflict_step,
    .check = conflict_check,
};
