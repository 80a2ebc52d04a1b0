/*
 * onset.c - the dispute-onset logit: its covariates and linear predictor,
 *
 *   eta = b0 + b_l land + b_s sea + b_d ln d + b_M major
 *         + b_c |ln C_i - ln C_j| + b_A ally + b_a a_ij + b_pd parity x dissat
 *         + b_1 t + b_2 t^2/100 + b_3 t^3/1000,
 *
 * one definition shared by the conflict phase (whose fixed part is computed
 * once per sim), the calibration (calibrate_dyad.c), orb_dispute_probability
 * and the tests. Parity: the weaker's CINC share is at least
 * conflict.parity_cut of the stronger's; dissatisfaction: the larger of the
 * two sides' hostility to the leading state, (1 - a_iL) / 2.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "dyad_int.h"
#include "params_int.h"

void orbi_dyad_fixed(orbi_dyad *x, int conttype, double dist_km, int major, int rival)
{
    memset(x, 0, sizeof *x);
    x->rival = rival != 0;
    x->land = conttype == 1;
    x->sea = conttype >= 2;
    x->lndist = log(dist_km > 1 ? dist_km : 1);
    x->major = major != 0;
}

double orbi_onset_eta(const double *P, const orbi_dyad *x)
{
    return orbi_onset_vary(P, x, orbi_onset_fixed(P, x));
}

double orb_dispute_probability(const orb_params *p, const orb_dyad_covariates *c)
{
    orb_params def;
    orbi_dyad x;

    if (c == NULL || !(c->cap_ratio >= 1) || !(c->affinity >= -1 && c->affinity <= 1) ||
        !(c->peace_years >= 0) || !(c->dist_km >= 0) || !(c->parity_dissat >= 0))
        return NAN;
    if (p == NULL) {
        orb_params_default(&def);
        p = &def;
    }
    orbi_dyad_fixed(&x, 0, c->dist_km, c->major, c->rival);
    x.land = c->land != 0;
    x.sea = c->sea != 0;
    x.lncapratio = log(c->cap_ratio);
    x.ally = c->alliance != 0;
    x.aff = c->affinity;
    x.pardis = c->parity_dissat;
    x.t = c->peace_years;
    return 1.0 / (1.0 + exp(-orbi_onset_eta(p->v, &x)));
}
