/*
 * capability.c - the power phase: the six NMC components follow the
 * economy, then CINC and the shares of every power measure.
 *
 *   X_i <- X_i exp(a_X + e_X dlnGDP_i + s_X,i z)   X = irst, pec, milper (estimated)
 *   s_X,i = sigma_X (share_X,i / 0.01)^(-kappa_X), share of last year's world total;
 *   z ~ N(0, 1) at counter (year, ORBI_DRAW_COMP, 3 i + k), when econ.shocks is 1
 *   milex_i = x_i GDPnom_i,0 GDP_i / GDP_i,0      (x: the burden the security phase sets)
 *   tpop_i <- tpop_i exp(dlnpop_i);  u_i <- rho_u u_i;
 *   upop_i <- min(tpop_i, upop_i exp(dlnpop_i + u_i))
 *
 * Missing components stay missing (NaN); zeros stay zero.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "data_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* The power phase's own record. */
typedef struct power {
    double *urbd; /* [n] urban minus total population growth (decays) */
} power;

static const orbi_array power_arrays[] = {
    ORBI_ARRAY(power, urbd, 1, ORBI_DIM_N),
};

/* Normalise v (NaN skipped) into out; NaN where v is NaN. */
static void normalise(const double *v, size_t n, double *out)
{
    double s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        if (!isnan(v[i])) s += v[i];
    for (i = 0; i < n; i++)
        out[i] = (isnan(v[i]) || !(s > 0)) ? NAN : v[i] / s;
}

void orbi_power_shares(orb_run *r)
{
    size_t i, n = r->sim->n;
    double *net = r->share[ORB_MEASURE_NET];

    orb_cinc(r->comp, n, ORB_CINC_CODEBOOK, r->cinc);
    normalise(r->cinc, n, r->share[ORB_MEASURE_CINC]);
    normalise(r->gdp, n, r->share[ORB_MEASURE_GDP]);
    for (i = 0; i < n; i++) /* milex column of the row-major components */
        net[i] = r->comp[i * ORB_NCOMP + ORB_MILEX];
    normalise(net, n, r->share[ORB_MEASURE_MILEX]);
    for (i = 0; i < n; i++) /* Beckley (2018): GDP x GDP per capita */
        net[i] = r->gdp[i] * r->y[i];
    normalise(net, n, net);
}

static void grow(double *x, double dln)
{
    if (!isnan(*x)) *x *= exp(dln);
}

double orbi_milex(const orb_run *r, size_t i)
{
    return r->burden[i] * r->sim->nomgdp0[i] * (r->gdp[i] / r->sim->gdp0[i]) / 1000.0;
}

static void power_step(orb_run *r, void *self)
{
    power *pw = self;
    const orb_sim *sim = r->sim;
    const double *P = sim->par.v;
    static const int comp[3] = {ORB_IRST, ORB_PEC, ORB_MILPER};
    const double trend[3] = {P[ORBI_P_IRST_TREND], P[ORBI_P_PEC_TREND], P[ORBI_P_MILPER_TREND]};
    const double elast[3] = {P[ORBI_P_IRST_ELAST], P[ORBI_P_PEC_ELAST], P[ORBI_P_MILPER_ELAST]};
    const double sd[3] = {P[ORBI_P_IRST_SD], P[ORBI_P_PEC_SD], P[ORBI_P_MILPER_SD]};
    const double size[3] = {P[ORBI_P_IRST_SIZE], P[ORBI_P_PEC_SIZE], P[ORBI_P_MILPER_SIZE]};
    const int random = P[ORBI_P_ECON_SHOCKS] != 0;
    const double rho_u = P[ORBI_P_DEMO_URBAN];
    double tot[3] = {0, 0, 0};
    size_t i, s, q;

    for (i = 0; random && i < sim->n; i++) /* last year's world totals, for the shocks' size */
        for (q = 0; q < 3; q++)
            if (r->comp[i * ORB_NCOMP + (size_t)comp[q]] > 0)
                tot[q] += r->comp[i * ORB_NCOMP + (size_t)comp[q]];
    for (i = 0; i < sim->n; i++) {
        double *c = &r->comp[i * ORB_NCOMP], g = r->dlngdp[i];
        for (q = 0; q < 3; q++) {
            double d = trend[q] + elast[q] * g, x = c[comp[q]];
            if (random && x > 0 && tot[q] > 0)
                d += sd[q] * pow(x / tot[q] / ORBI_SHOCK_REF_SHARE, -size[q]) *
                     orb_rng_normal(&r->rng, (uint64_t)r->year, ORBI_DRAW_COMP, 3 * i + q);
            grow(&c[comp[q]], d);
        }
        if (!isnan(c[ORB_MILEX])) /* the burden the security phase sets, times nominal GDP */
            c[ORB_MILEX] = orbi_milex(r, i);
        grow(&c[ORB_TPOP], r->dlnpop[i]);
        pw->urbd[i] *= rho_u;
        grow(&c[ORB_UPOP], r->dlnpop[i] + pw->urbd[i]);
        if (c[ORB_UPOP] > c[ORB_TPOP]) c[ORB_UPOP] = c[ORB_TPOP];
    }
    for (s = 0; s < sim->nshock; s++) { /* scenario shocks to components */
        static const int comp_of[ORB_NSHOCK_VARS] = {-1,       -1,      ORB_MILEX, ORB_MILPER,
                                                     ORB_IRST, ORB_PEC, ORB_UPOP};
        const orb_shock *k = &sim->shock[s];
        if (k->year != r->year || comp_of[k->var] < 0) continue;
        for (i = 0; i < sim->n; i++)
            if (sim->ccode[i] == k->ccode) {
                double *c = &r->comp[i * ORB_NCOMP];
                if (k->var == ORB_SHOCK_MILEX) { /* spending follows the burden: shock that */
                    orbi_security_scale_burden(r, i, 1.0 + k->change);
                    if (!isnan(c[ORB_MILEX])) c[ORB_MILEX] = orbi_milex(r, i);
                    continue;
                }
                grow(&c[comp_of[k->var]], log1p(k->change));
                if (c[ORB_UPOP] > c[ORB_TPOP]) c[ORB_UPOP] = c[ORB_TPOP];
            }
    }
    orbi_power_shares(r);
}

/* The start year's components and shares. */
static orb_status power_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                             orb_error *err)
{
    power *pw = self;
    size_t i;

    (void)scn;
    (void)err;
    for (i = 0; i < r->sim->n; i++) {
        const orb_state *s = &w->s[i];
        memcpy(&r->comp[i * ORB_NCOMP], s->comp, sizeof s->comp);
        pw->urbd[i] = (isnan(s->upop_growth) || isnan(s->tpop_growth))
                          ? 0.0
                          : s->upop_growth - s->tpop_growth;
    }
    orbi_power_shares(r);
    return ORB_OK;
}

const orbi_phase orbi_phase_power = {
    .name = "power",
    .size = sizeof(power),
    .arrays = power_arrays,
    .narrays = sizeof power_arrays / sizeof power_arrays[0],
    .init = power_init,
    .step = power_step,
};
