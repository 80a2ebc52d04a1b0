/*
 * params_int.h - private: the parameter table's indices (params.c holds the table in this order).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_PARAMS_INT_H
#define ORB_PARAMS_INT_H

#include "orb_int.h"

enum {
    ORBI_P_ECON_ALPHA,
    ORBI_P_ECON_BETA,
    ORBI_P_ECON_MOMENTUM,
    ORBI_P_ECON_EFFECTS,
    ORBI_P_ECON_FE_BETA,
    ORBI_P_ECON_FE_MOMENTUM,
    ORBI_P_ECON_FE_SOUTH,
    ORBI_P_ECON_FE_NORTH,
    ORBI_P_ECON_SD_SOUTH,
    ORBI_P_ECON_SD_NORTH,
    ORBI_P_ECON_SHOCK_SIZE,
    ORBI_P_ECON_SHOCKS,
    ORBI_P_ECON_FRONTIER,
    ORBI_P_DEMO_POP,
    ORBI_P_DEMO_POPTREND,
    ORBI_P_DEMO_POPMIN,
    ORBI_P_DEMO_POPMAX,
    ORBI_P_DEMO_URBAN,
    ORBI_P_IRST_TREND,
    ORBI_P_IRST_ELAST,
    ORBI_P_PEC_TREND,
    ORBI_P_PEC_ELAST,
    ORBI_P_MILPER_TREND,
    ORBI_P_MILPER_ELAST,
    ORBI_P_IRST_SD,
    ORBI_P_IRST_SIZE,
    ORBI_P_PEC_SD,
    ORBI_P_PEC_SIZE,
    ORBI_P_MILPER_SD,
    ORBI_P_MILPER_SIZE,
    ORBI_P_TRADE_THETA,
    ORBI_P_TRADE_SCALE,
    ORBI_P_POLE_SHARE,
    ORBI_P_PARITY,
    ORBI_P_CONF_CONST, /* dispute-onset logit: intercept and coefficients, in this order */
    ORBI_P_CONF_LAND,
    ORBI_P_CONF_SEA,
    ORBI_P_CONF_LNDIST,
    ORBI_P_CONF_LNCAP,
    ORBI_P_CONF_ALLY,
    ORBI_P_CONF_AFF,
    ORBI_P_CONF_MAJOR,
    ORBI_P_CONF_PARDIS,
    ORBI_P_CONF_PEACE1, /* ln(1 + t) */
    ORBI_P_CONF_PEACE2, /* exp(-t) */
    ORBI_P_CONF_RIVAL,
    ORBI_P_ESC_CONST, /* the escalation logit */
    ORBI_P_ESC_LNCAP,
    ORBI_P_ESC_MAJOR,
    ORBI_P_ESC_RIVAL,
    ORBI_P_CONF_WAREND,
    ORBI_P_CONF_WARCOST,
    ORBI_P_CONF_PARITY, /* the parity cut-off of the onset logit */
    ORBI_P_ARMS_G,
    ORBI_P_ARMS_A,
    ORBI_P_ARMS_K,
    ORBI_P_SEC_OMEGA,
    ORBI_P_SEC_DELTA,
    ORBI_P_SEC_DREF,
    ORBI_P_REL_PERSIST,
    ORBI_P_REL_SHOCK,
    ORBI_P_REL_DYAD,
    ORBI_P_REL_ALLY,
    ORBI_P_REL_BAL,
    ORBI_P_REL_MID,
    ORBI_P_REL_EVENT,
    ORBI_P_REL_PARTNER,
    ORBI_P_ALLY_FCONST, /* alliance-formation logit */
    ORBI_P_ALLY_FAFF,
    ORBI_P_ALLY_FLAND,
    ORBI_P_ALLY_FLNDIST,
    ORBI_P_ALLY_FTHREAT,
    ORBI_P_ALLY_LCONST, /* alliance-lapse logit */
    ORBI_P_ALLY_LAFF,
    ORBI_P_BLOC_AFF,
    ORBI_P_ORD_HEGEMON, /* order regime */
    ORBI_P_ORD_TAU,
    ORBI_P_SANC_CONST,
    ORBI_P_SANC_AFF,
    ORBI_P_SANC_SENDER,
    ORBI_P_SANC_TARGET,
    ORBI_P_SANC_SOUT,
    ORBI_P_SANC_SIN,
    ORBI_P_SANC_ALLY,
    ORBI_P_SANC_IP_SENDER,
    ORBI_P_SANC_IP_TARGET,
    ORBI_P_SANC_LIFT,
    ORBI_P_SANC_CONCEDE,
    ORBI_P_SANC_ANCHOR,
    ORBI_P_SANC_COST_UN,
    ORBI_P_SANC_COST_UNI,
    ORBI_P_SANC_COST_SENDER,
    ORBI_P_SANC_AFFCOST,
    ORBI_P_INT_CONST,
    ORBI_P_INT_AFF,
    ORBI_P_INT_POWER,
    ORBI_P_INT_COST,
    ORBI_P_INT_AFFCOST,
    ORBI_P_BREACH_FORCE, /* the rules' costs of breaking them */
    ORBI_P_BREACH_SANCTIONS,
    ORBI_P_BREACH_INTERFERENCE,
    ORBI_P_BREACH_BLOCS,
    ORBI_P_BREACH_INDIVISIBLE,
    ORBI_P_UNSC_MARGIN,
    ORBI_P_UNSC_VETO,
    ORBI_P_UNSC_TEXT,
    ORBI_P_UNSC_MIN_TEXT,
    ORBI_P_UNSC_ALLY,
    ORBI_P_UNSC_RIVAL,
    ORBI_P_UNSC_FORCED,
    ORBI_P_NEG_MAX_ROUNDS, /* negotiation in the engine */
    ORBI_P_NEG_SPREAD,
    ORBI_P_NEG_COST_A,
    ORBI_P_NEG_COST_B,
    ORBI_P_NEG_SUPPORT,
    ORBI_P_COUNT
};

/* Growth shocks' SD is stated for a state holding this share of world GDP
 * (a choice of units for econ.shock_sd_*, not a model parameter):
 * sigma_i = sigma_g (share_i / ORBI_SHOCK_REF_SHARE)^(-econ.shock_size). */
#define ORBI_SHOCK_REF_SHARE 0.01
/* States need this many convergence residuals to enter the shock-size
 * regression (calibrate.c): an SD from fewer is too noisy. */
#define ORBI_VOL_MIN_YEARS 10

/* Every value of p in its table range (NaN is not): ORB_OK, or ORB_EINVAL
 * naming the first parameter outside (orb_sim_new's check of given values). */
ORB_INTERNAL orb_status orbi_params_check(const orb_params *p, orb_error *err);

#endif /* ORB_PARAMS_INT_H */
