/*
 * economy.c - the economy phase: growth of real GDP per capita by a trend
 * plus conditional convergence toward the frontier, population growth moved
 * by its own damped trend, random and scenario shocks, and gravity trade.
 *
 *   g_i = alpha + beta ln(y_i / y_F) + gamma m_i + sigma_i e_i
 *   (econ.state_effects = 1: alpha_i, the state's own intercept, with the
 *   within estimates of beta and gamma)
 *   sigma_i = sigma_g(i) (s_i / 0.01)^(-kappa)   (s_i: last year's share of world GDP)
 *   y_i <- y_i exp(g_i);  d_i <- phi d_i;  n_i <- rho n_i + d_i;  pop_i <- pop_i exp(n_i)
 *   T_i = k sum_j GDP_i GDP_j / (Y_W d_ij^theta)     (Y_W: world GDP)
 *
 * A state at war the year before grows by conflict.war_cost less.
 * m_i is the mean of the state's last ORB_TREND_YEARS growth rates; e_i is
 * a standard normal draw at counter (year, ORBI_DRAW_GROWTH, state). The
 * equations and estimates are in docs/model.md.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "data_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* The economy's own record. */
typedef struct economy {
    double *ghist; /* [n * ORB_TREND_YEARS] ring of per-capita growth */
    size_t ghead;  /* next ring slot */
    double *popg;  /* [n] population growth rate */
    double *popd;  /* [n] its yearly change (the trend, damped) */
} economy;

static const orbi_array economy_arrays[] = {
    ORBI_ARRAY(economy, ghist, ORB_TREND_YEARS, ORBI_DIM_N),
    ORBI_ARRAY(economy, popg, 1, ORBI_DIM_N),
    ORBI_ARRAY(economy, popd, 1, ORBI_DIM_N),
};

void orbi_economy_trade(orb_run *r)
{
    const size_t n = r->sim->n;
    double yw = 0, k;
    size_t i, j;

    for (i = 0; i < n; i++)
        yw += r->gdp[i];
    k = exp(r->sim->par.v[ORBI_P_TRADE_SCALE]) / yw;
    for (i = 0; i < n; i++) {
        const double *row = &r->sim->kern[i * n];
        double s = 0;
        for (j = 0; j < n; j++)
            s += row[j] * r->gdp[j];
        r->gsum[i] = s;
        r->trade[i] = k * r->gdp[i] * s;
    }
}

/* Apply this year's scenario shocks to GDP and population. */
static void shocks(orb_run *r, double *lny_add, double *lnpop_add)
{
    const orb_sim *sim = r->sim;
    size_t i, s;

    for (s = 0; s < sim->nshock; s++) {
        const orb_shock *k = &sim->shock[s];
        if (k->year != r->year) continue;
        for (i = 0; i < sim->n; i++) {
            if (sim->ccode[i] != k->ccode) continue;
            if (k->var == ORB_SHOCK_GDP) lny_add[i] += log1p(k->change);
            if (k->var == ORB_SHOCK_POP) lnpop_add[i] += log1p(k->change);
        }
    }
}

static void economy_step(orb_run *r, void *self)
{
    economy *e = self;
    const double *P = r->sim->par.v;
    const int effects = P[ORBI_P_ECON_EFFECTS] != 0; /* each state's own intercept */
    const double alpha = P[ORBI_P_ECON_ALPHA];
    const double beta = effects ? P[ORBI_P_ECON_FE_BETA] : P[ORBI_P_ECON_BETA];
    const double gamma = effects ? P[ORBI_P_ECON_FE_MOMENTUM] : P[ORBI_P_ECON_MOMENTUM];
    const double rho = P[ORBI_P_DEMO_POP];
    const double phi = P[ORBI_P_DEMO_POPTREND], nlo = P[ORBI_P_DEMO_POPMIN],
                 nhi = P[ORBI_P_DEMO_POPMAX];
    const int random = P[ORBI_P_ECON_SHOCKS] != 0;
    const size_t W = ORB_TREND_YEARS, n = r->sim->n;
    const double lnyf = log(r->y[r->sim->frontier]);
    size_t i, k;

    /* dlngdp/dlnpop hold the shock terms first, then the year's growth. */
    for (i = 0; i < n; i++)
        r->dlngdp[i] = r->dlnpop[i] = 0;
    shocks(r, r->dlngdp, r->dlnpop);
    for (i = 0; i < n; i++) {
        double m = 0, g, old = r->gdp[i];
        for (k = 0; k < W; k++)
            m += e->ghist[i * W + k];
        m /= (double)W;
        g = (effects ? r->sim->growth_alpha[i] : alpha) + beta * (log(r->y[i]) - lnyf) + gamma * m;
        if (random) {
            double sd = r->sim->gs[i] ? P[ORBI_P_ECON_SD_SOUTH] : P[ORBI_P_ECON_SD_NORTH],
                   sh = r->share[ORB_MEASURE_GDP][i]; /* last year's share of world GDP */
            if (sh > 0) sd *= pow(sh / ORBI_SHOCK_REF_SHARE, -P[ORBI_P_ECON_SHOCK_SIZE]);
            g += sd * orb_rng_normal(&r->rng, (uint64_t)r->year, ORBI_DRAW_GROWTH, i);
        }
        /* the trend omits the year's costs (war, sanctions, interference) and
         * one-off scenario shocks: each is an estimated effect on the year's
         * growth, which the momentum term would otherwise carry on, amplified
         * by 1 / (1 - gamma) */
        e->ghist[i * W + e->ghead] = g;
        if (r->atwar[i]) g += P[ORBI_P_CONF_WARCOST]; /* a war last year costs growth */
        g += r->drag[i];                              /* last year's sanctions and interference */
        g += r->dlngdp[i];
        r->y[i] *= exp(g);
        e->popd[i] *= phi; /* growth decays toward zero and moves by its trend */
        e->popg[i] = rho * e->popg[i] + e->popd[i];
        /* bounds: the 1st and 99th percentiles of recorded 10-year growth (an
         * assumption beyond the fit, which does not see them) */
        if (e->popg[i] < nlo) e->popg[i] = nlo;
        if (e->popg[i] > nhi) e->popg[i] = nhi;
        r->dlnpop[i] += e->popg[i];
        r->pop[i] *= exp(r->dlnpop[i]);
        r->gdp[i] = r->y[i] * r->pop[i];
        r->dlngdp[i] = log(r->gdp[i] / old);
    }
    e->ghead = (e->ghead + 1) % W;
    orbi_economy_trade(r);
}

/* GDP and population of the start year; every past growth rate the state's
 * recent trend (the steady state alpha / (1 - gamma) when unknown). */
static orb_status economy_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                               orb_error *err)
{
    economy *e = self;
    const double *P = r->sim->par.v;
    const double steady = P[ORBI_P_ECON_ALPHA] / (1.0 - P[ORBI_P_ECON_MOMENTUM]);
    size_t i, k;

    (void)scn;
    (void)err;
    for (i = 0; i < r->sim->n; i++) {
        const orb_state *s = &w->s[i];
        double g = isnan(s->gdppc_trend) ? steady : s->gdppc_trend;
        r->pop[i] = s->pop;
        r->gdp[i] = s->gdp_ppp;
        r->y[i] = s->gdp_ppp / s->pop;
        r->dlngdp[i] = r->dlnpop[i] = 0;
        for (k = 0; k < ORB_TREND_YEARS; k++)
            e->ghist[i * ORB_TREND_YEARS + k] = g;
        /* World Bank growth and its 10-year trend; else NMC's 5-year trend */
        e->popg[i] = !isnan(s->pop_growth)   ? s->pop_growth
                     : isnan(s->tpop_growth) ? 0.0
                                             : s->tpop_growth;
        e->popd[i] = isnan(s->pop_trend) ? 0.0 : s->pop_trend;
    }
    orbi_economy_trade(r);
    return ORB_OK;
}

const orbi_phase orbi_phase_economy = {
    .name = "economy",
    .size = sizeof(economy),
    .arrays = economy_arrays,
    .narrays = sizeof economy_arrays / sizeof economy_arrays[0],
    .init = economy_init,
    .step = economy_step,
};
