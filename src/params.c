/*
 * params.c - the parameter table (name, default, unit, range, source).
 *
 * Estimated defaults are orb_calibrate()'s results rounded to six
 * significant digits; tests/unit/test_calibrate.c re-estimates them from
 * ORBIS_DATA and checks the agreement. Modules read values through the
 * ORBI_P_* indices in orb_int.h, which follow this table's order.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orb_int.h"

#define EST_MAD "estimated: calibrate, Maddison 2020 growth 1991-2018 (see model.md)"
#define EST_NMC "estimated: calibrate, COW NMC v7 + Fariss et al. GDP 1991-2019"
#define EST_POP "estimated: calibrate, COW NMC v7 tpop/upop 1991-2022"

static const orb_param_info table[ORBI_P_COUNT] = {
    /* economy */
    [ORBI_P_ECON_ALPHA] = {"econ.alpha", 0.0141633, -0.2, 0.2, 0, "1/year",
                           "growth of GDP per capita at the frontier (intercept)", EST_MAD},
    [ORBI_P_ECON_BETA] = {"econ.beta", -0.00109059, -1, 1, 0, "1/year",
                          "convergence: growth per unit of ln(y/y_frontier)", EST_MAD},
    [ORBI_P_ECON_MOMENTUM] = {"econ.momentum", 0.417128, -1, 1, 0, "1",
                              "weight of the state's own 5-year growth trend (conditioning)",
                              EST_MAD},
    [ORBI_P_ECON_SD_SOUTH] = {"econ.shock_sd_south", 0.0679761, 0, 1, 0, "log points/year",
                              "SD of yearly growth shocks, Global South", EST_MAD},
    [ORBI_P_ECON_SD_NORTH] = {"econ.shock_sd_north", 0.037459, 0, 1, 0, "log points/year",
                              "SD of yearly growth shocks, other states", EST_MAD},
    [ORBI_P_ECON_SHOCKS] = {"econ.shocks", 1, 0, 1, 1, "switch",
                            "1 draws random growth shocks, 0 runs the expected path",
                            "design choice (orbis)"},
    [ORBI_P_ECON_FRONTIER] = {"econ.frontier", 2, 1, 999, 1, "COW code",
                              "the frontier economy (2 = United States)",
                              "distance-to-frontier convention: Acemoglu, Aghion & Zilibotti "
                              "(2006), JEEA 4(1)"},
    /* demography */
    [ORBI_P_DEMO_POP] = {"demo.pop_persistence", 0.869348, 0, 1, 0, "per year",
                         "yearly persistence of population growth (from 5-year windows)", EST_POP},
    [ORBI_P_DEMO_URBAN] = {"demo.urban_persistence", 0.449541, 0, 1, 0, "per year",
                           "yearly persistence of urban minus total growth (5-year windows)",
                           EST_POP},
    /* capabilities */
    [ORBI_P_IRST_TREND] = {"power.irst_trend", -0.0274279, -0.5, 0.5, 0, "1/year",
                           "iron and steel growth at zero GDP growth", EST_NMC},
    [ORBI_P_IRST_ELAST] = {"power.irst_elasticity", 1.40662, -5, 5, 0, "1",
                           "elasticity of iron and steel to real GDP", EST_NMC},
    [ORBI_P_PEC_TREND] = {"power.pec_trend", -0.00159547, -0.5, 0.5, 0, "1/year",
                          "energy consumption growth at zero GDP growth", EST_NMC},
    [ORBI_P_PEC_ELAST] = {"power.pec_elasticity", 0.595522, -5, 5, 0, "1",
                          "elasticity of energy consumption to real GDP", EST_NMC},
    [ORBI_P_MILPER_TREND] = {"power.milper_trend", -0.0122149, -0.5, 0.5, 0, "1/year",
                             "military personnel growth at zero GDP growth", EST_NMC},
    [ORBI_P_MILPER_ELAST] = {"power.milper_elasticity", 0.179405, -5, 5, 0, "1",
                             "elasticity of military personnel to real GDP", EST_NMC},
    [ORBI_P_MILEX_ELAST] = {"power.milex_elasticity", 1, 0, 5, 0, "1",
                            "elasticity of military spending to real GDP (1 = constant share)",
                            "assumption until the security mechanism drives spending (issue 3)"},
    /* trade */
    [ORBI_P_TRADE_THETA] = {"trade.theta", 0.9, 0, 3, 0, "1",
                            "distance exponent of the gravity form",
                            "Disdier & Head (2008), REStat 90(1): mean distance effect 0.9"},
    [ORBI_P_TRADE_SCALE] = {"trade.log_scale", 6.67039, -50, 50, 0, "ln(km^theta)",
                            "ln k in T_ij = k GDP_i GDP_j / (Y_W d_ij^theta)",
                            "estimated: calibrate, COW Trade v4 totals 2014"},
    /* polarity */
    [ORBI_P_POLE_SHARE] = {"polarity.pole_share", 0.10, 1e-6, 1, 0, "share",
                           "share of the total that makes a pole",
                           "Modelski & Thompson (1988): 10% of capability"},
    [ORBI_P_PARITY] = {"polarity.parity_ratio", 0.80, 1e-6, 1, 0, "ratio",
                       "challenger/leader ratio that counts as parity",
                       "Organski & Kugler (1980), The War Ledger"},
};

size_t orb_params_count(void)
{
    return ORBI_P_COUNT;
}

const orb_param_info *orb_params_info(size_t i)
{
    return i < ORBI_P_COUNT ? &table[i] : NULL;
}

orb_status orb_params_index(const char *name, size_t *index_out)
{
    size_t i;

    for (i = 0; name != NULL && i < ORBI_P_COUNT; i++) {
        if (strcmp(table[i].name, name) == 0) {
            if (index_out) *index_out = i;
            return ORB_OK;
        }
    }
    return ORB_EINVAL;
}

void orb_params_default(orb_params *p)
{
    size_t i;

    memset(p, 0, sizeof *p);
    for (i = 0; i < ORBI_P_COUNT; i++)
        p->v[i] = table[i].def;
}

size_t orb_params_nearest(const char *name, const char **out, size_t k)
{
    const char *names[ORBI_P_COUNT];
    size_t i;

    for (i = 0; i < ORBI_P_COUNT; i++)
        names[i] = table[i].name;
    return orbi_nearest(name, names, ORBI_P_COUNT, out, k);
}

orb_status orb_params_set(orb_params *p, const char *name, double v, orb_error *err)
{
    const orb_param_info *r;
    size_t i;

    if (p == NULL || name == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_params_set: NULL argument");
    if (orb_params_index(name, &i) != ORB_OK) {
        const char *near[3];
        char hint[160];
        orbi_nearest_msg(hint, sizeof hint, near, orb_params_nearest(name, near, 3));
        ORB_FAIL(err, ORB_EINVAL, "unknown parameter '%s'%s", name, hint);
    }
    r = &table[i];
    if (!(v >= r->lo && v <= r->hi))
        ORB_FAIL(err, ORB_EINVAL, "parameter '%s' must be in [%g, %g] (%s), got %g", name, r->lo,
                 r->hi, r->unit, v);
    if (r->integer && v != floor(v))
        ORB_FAIL(err, ORB_EINVAL, "parameter '%s' must be a whole number, got %g", name, v);
    p->v[i] = v;
    return ORB_OK;
}

double orb_params_get(const orb_params *p, const char *name)
{
    size_t i;

    return orb_params_index(name, &i) == ORB_OK ? p->v[i] : NAN;
}
