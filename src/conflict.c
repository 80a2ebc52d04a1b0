/*
 * conflict.c - the conflict phase: wars end, disputes begin and some
 * escalate to war. For each pair not at war,
 *
 *   P(onset_ij) = logistic(b0 + b_l land + b_s sea + b_d ln d + b_c ln(C_hi/C_lo)
 *                          + b_A A_ij + b_a a_ij + b_M major + b_pd parity x dissat
 *                          + b_1 t + b_2 t^2/100 + b_3 t^3/1000)
 *
 * (the estimated dispute-onset logit; t peace years; dissatisfaction the
 * larger of the pair's hostility to the leading state). An onset becomes a
 * war with probability conflict.p_war; a war ends each year with probability
 * conflict.war_end; the economy charges conflict.war_cost to each state at
 * war. Cost: O(N^2) per year, one logistic and up to three draws per pair;
 * pairs whose log-odds are below ORBI_ETA_NEGLIGIBLE (p < 1e-13, mostly pairs
 * at peace for a century) are not drawn.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"

void orbi_conflict_phase(orb_run *r)
{
    const double *P = r->par.v, *cinc = r->share[ORB_MEASURE_CINC];
    const size_t n = r->n;
    const uint64_t yr = (uint64_t)r->year;
    size_t i, j, L = 0;

    for (i = 1; i < n; i++) /* the leading state (dissatisfaction is hostility to it) */
        if (!isnan(cinc[i]) && (isnan(cinc[L]) || cinc[i] > cinc[L])) L = i;
    for (i = 0; i < n; i++) {
        r->atwar[i] = 0;
        r->lncinc[i] = cinc[i] > 0 ? log(cinc[i]) : NAN;
    }
    r->m.disputes = r->m.wars_begun = r->m.wars_ongoing = 0;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            size_t ij = i * n + j;
            double ci = cinc[i], cj = cinc[j], hi, lo, dis, t, eta;
            r->dispute[ij] = r->dispute[j * n + i] = 0;
            if (r->war[ij]) {
                if (orbi_uniform4(&r->rng, yr, ORBI_DRAW_PEACE, ij) < P[ORBI_P_CONF_WAREND]) {
                    r->war[ij] = r->war[j * n + i] = 0;
                } else {
                    r->atwar[i] = r->atwar[j] = 1;
                    r->m.wars_ongoing++;
                }
                continue;
            }
            if (!(ci > 0 && cj > 0)) { /* a state with no capability data */
                if (r->peace[ij] < 65535) r->peace[ij]++;
                r->peace[j * n + i] = r->peace[ij];
                continue;
            }
            hi = ci > cj ? ci : cj;
            lo = ci > cj ? cj : ci;
            dis = (1 - r->aff[i * n + L]) / 2;
            if ((1 - r->aff[j * n + L]) / 2 > dis) dis = (1 - r->aff[j * n + L]) / 2;
            t = r->peace[ij];
            /* eta0 holds the fixed part (intercept, contiguity, distance, majors);
             * orbi_onset_eta gives the same sum (a test checks the two paths) */
            eta = r->eta0[ij] + P[ORBI_P_CONF_LNCAP] * fabs(r->lncinc[i] - r->lncinc[j]) +
                  P[ORBI_P_CONF_ALLY] * r->ally[ij] + P[ORBI_P_CONF_AFF] * r->aff[ij] +
                  P[ORBI_P_CONF_PARDIS] * (lo / hi >= 0.8) * dis + P[ORBI_P_CONF_PEACE1] * t +
                  P[ORBI_P_CONF_PEACE2] * t * t / 100.0 +
                  P[ORBI_P_CONF_PEACE3] * t * t * t / 1000.0;
            if (eta > ORBI_ETA_NEGLIGIBLE &&
                orbi_uniform4(&r->rng, yr, ORBI_DRAW_MID, ij) < 1.0 / (1.0 + exp(-eta))) {
                r->dispute[ij] = r->dispute[j * n + i] = 1;
                r->peace[ij] = r->peace[j * n + i] = 0;
                r->m.disputes++;
                /* escalation: the stronger side's use of force, which the regime checks */
                if (orbi_uniform4(&r->rng, yr, ORBI_DRAW_WAR, ij) < P[ORBI_P_CONF_PWAR] &&
                    orbi_order_act(r, ORB_ACT_FORCE, ci >= cj ? i : j, ci >= cj ? j : i, 0)) {
                    r->war[ij] = r->war[j * n + i] = 1;
                    r->atwar[i] = r->atwar[j] = 1;
                    r->m.wars_begun++;
                    r->m.wars_ongoing++;
                }
            } else if (r->peace[ij] < 65535) {
                r->peace[ij]++;
                r->peace[j * n + i] = r->peace[ij];
            }
        }
}
