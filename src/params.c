/*
 * params.c - the parameter table (name, default, unit, range, source).
 *
 * Estimated defaults are orb_calibrate()'s results rounded to six
 * significant digits; tests/unit/test_calibrate.c re-estimates them from
 * ORBIS_DATA and checks the agreement. Modules read values through the
 * ORBI_P_* indices in params_int.h, which follow this table's order.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "csv_int.h"
#include "orb_int.h"
#include "params_int.h"

#define EST_MAD "estimated: calibrate, Maddison 2020 growth 1991-2018 (see model.md)"
#define EST_MAD_FE                                                                                 \
    "estimated: calibrate, Maddison 2020 growth 1991-2018, within states (see model.md)"
#define EST_NMC_SHOCK                                                                              \
    "estimated: calibrate, residuals of the component regressions, COW NMC v7 1991-2019"
#define EST_NMC   "estimated: calibrate, COW NMC v7 + Fariss et al. GDP 1991-2019"
#define EST_POP   "estimated: calibrate, World Bank population 1991-2022"
#define EST_URB   "estimated: calibrate, COW NMC v7 upop/tpop 1991-2022"
#define EST_MID   "estimated: calibrate, dispute-onset logit, COW MID 5.0 dyad-years 1991-2014"
#define EST_ESC   "estimated: calibrate, escalation logit, COW MID 5.0 dyadic onsets 1991-2014"
#define EST_ARMS  "estimated: calibrate, NMC milex / WB GDP burden 1992-2019"
#define EST_REL   "estimated: calibrate, UNGA ideal-point affinity 1992-2019"
#define EST_IDEAL "estimated: calibrate, UNGA ideal points 1992-2019, within states"
#define EST_ALLY  "estimated: calibrate, ATOP v5.1 defence pacts 1991-2018"

_Static_assert(ORBI_P_COUNT <= ORB_PARAMS_MAX, "ORB_PARAMS_MAX is too small for the table");

static const orb_param_info table[ORBI_P_COUNT] = {
    /* economy */
    [ORBI_P_ECON_ALPHA] = {"econ.alpha", 0.0141633, -0.2, 0.2, 0, "1/year",
                           "growth of GDP per capita at the frontier (intercept)", EST_MAD},
    [ORBI_P_ECON_BETA] = {"econ.beta", -0.00109059, -0.05, 0.05, 0, "1/year",
                          "convergence: growth per unit of ln(y/y_frontier)", EST_MAD},
    [ORBI_P_ECON_MOMENTUM] = {"econ.momentum", 0.417128, -0.9, 0.9, 0, "1",
                              "weight of the state's own 5-year growth trend (conditioning)",
                              EST_MAD},
    [ORBI_P_ECON_EFFECTS] = {"econ.state_effects", 0, 0, 1, 1, "switch",
                             "1: each state grows by its own intercept (fixed effect, shrunk; "
                             "data/growth_effects.csv) with econ.fe_beta and econ.fe_momentum; "
                             "0: one intercept, econ.alpha, with econ.beta and econ.momentum",
                             "model choice (orbis): docs/model.md 4 and 9 compare the two"},
    [ORBI_P_ECON_FE_BETA] = {"econ.fe_beta", -0.070723, -1, 1, 0, "1/year",
                             "convergence toward the state's own level (within states)",
                             EST_MAD_FE},
    [ORBI_P_ECON_FE_MOMENTUM] = {"econ.fe_momentum", 0.384292, -1, 1, 0, "1",
                                 "weight of the 5-year growth trend (within states)", EST_MAD_FE},
    [ORBI_P_ECON_FE_SOUTH] = {"econ.fe_mean_south", -0.148425, -1, 1, 0, "1/year",
                              "mean growth intercept of the Global South's fixed effects (a state "
                              "without its own)",
                              EST_MAD_FE},
    [ORBI_P_ECON_FE_NORTH] = {"econ.fe_mean_north", -0.0438907, -1, 1, 0, "1/year",
                              "mean growth intercept of the other states' fixed effects",
                              EST_MAD_FE},
    [ORBI_P_ECON_SD_SOUTH] = {"econ.shock_sd_south", 0.0311284, 0, 0.15, 0, "log points/year",
                              "SD of yearly growth shocks, Global South state with 1% of world "
                              "GDP",
                              EST_MAD},
    [ORBI_P_ECON_SD_NORTH] = {"econ.shock_sd_north", 0.0278946, 0, 0.15, 0, "log points/year",
                              "SD of yearly growth shocks, other state with 1% of world GDP",
                              EST_MAD},
    [ORBI_P_ECON_SHOCK_SIZE] = {"econ.shock_size", 0.0676109, 0, 0.25, 0, "1",
                                "elasticity of the shocks' SD to the share of world GDP (with a "
                                "minus sign: larger economies, smaller shocks)",
                                "estimated: calibrate, Maddison 2020 1991-2018; Canning et al. "
                                "(1998), Economics Letters 60"},
    [ORBI_P_ECON_SHOCKS] =
        {"econ.shocks", 1, 0, 1, 1, "switch",
         "1 draws random shocks to growth and to the capability components, 0 runs the "
         "expected path",
         "design choice (orbis)"},
    [ORBI_P_ECON_FRONTIER] = {"econ.frontier", 2, 1, 999, 1, "COW code",
                              "the frontier economy (2 = United States)",
                              "distance-to-frontier convention: Acemoglu, Aghion & Zilibotti "
                              "(2006), JEEA 4(1)"},
    /* demography */
    [ORBI_P_DEMO_POP] = {"demo.pop_persistence", 0.97715, 0, 1, 0, "per year",
                         "yearly persistence of population growth (its pull toward zero)", EST_POP},
    [ORBI_P_DEMO_POPTREND] = {"demo.pop_trend_persistence", 0, 0, 1, 0, "per year",
                              "yearly persistence of the trend of population growth", EST_POP},
    [ORBI_P_DEMO_POPMIN] = {"demo.pop_growth_min", -0.0122143, -0.2, 0.05, 0, "1/year",
                            "lowest population growth a year: the 1st percentile of 10-year "
                            "mean growth",
                            EST_POP},
    [ORBI_P_DEMO_POPMAX] = {"demo.pop_growth_max", 0.0542716, 0, 0.2, 0, "1/year",
                            "highest population growth a year: the 99th percentile of 10-year "
                            "mean growth",
                            EST_POP},
    [ORBI_P_DEMO_URBAN] = {"demo.urban_persistence", 0.449541, 0, 1, 0, "per year",
                           "yearly persistence of urban minus total growth (5-year windows)",
                           EST_URB},
    /* capabilities */
    [ORBI_P_IRST_TREND] = {"power.irst_trend", -0.0274279, -0.5, 0.5, 0, "1/year",
                           "iron and steel growth at zero GDP growth", EST_NMC},
    [ORBI_P_IRST_ELAST] = {"power.irst_elasticity", 1.40662, -3, 5, 0, "1",
                           "elasticity of iron and steel to real GDP", EST_NMC},
    [ORBI_P_PEC_TREND] = {"power.pec_trend", -0.00159547, -0.5, 0.5, 0, "1/year",
                          "energy consumption growth at zero GDP growth", EST_NMC},
    [ORBI_P_PEC_ELAST] = {"power.pec_elasticity", 0.595522, -5, 5, 0, "1",
                          "elasticity of energy consumption to real GDP", EST_NMC},
    [ORBI_P_MILPER_TREND] = {"power.milper_trend", -0.0122149, -0.5, 0.5, 0, "1/year",
                             "military personnel growth at zero GDP growth", EST_NMC},
    [ORBI_P_MILPER_ELAST] = {"power.milper_elasticity", 0.179405, -5, 5, 0, "1",
                             "elasticity of military personnel to real GDP", EST_NMC},
    /* trade */
    [ORBI_P_IRST_SD] = {"power.irst_shock_sd", 0.13126, 0, 0.3, 0, "log points/year",
                        "SD of the yearly shock to iron and steel, a state with 1% of the world's",
                        EST_NMC_SHOCK},
    [ORBI_P_IRST_SIZE] =
        {"power.irst_shock_size", 0.116594, 0, 0.5, 0, "1",
         "elasticity of that SD to the state's share of the world's iron and steel "
         "(with a minus sign)",
         EST_NMC_SHOCK},
    [ORBI_P_PEC_SD] =
        {"power.pec_shock_sd", 0.0586572, 0, 0.5, 0, "log points/year",
         "SD of the yearly shock to energy consumption, a state with 1% of the world's",
         EST_NMC_SHOCK},
    [ORBI_P_PEC_SIZE] =
        {"power.pec_shock_size", 0.027516, 0, 0.5, 0, "1",
         "elasticity of that SD to the state's share of the world's energy consumption "
         "(with a minus sign)",
         EST_NMC_SHOCK},
    [ORBI_P_MILPER_SD] =
        {"power.milper_shock_sd", 0.0904958, 0, 0.5, 0, "log points/year",
         "SD of the yearly shock to military personnel, a state with 1% of the world's",
         EST_NMC_SHOCK},
    [ORBI_P_MILPER_SIZE] =
        {"power.milper_shock_size", 0.0264755, 0, 0.5, 0, "1",
         "elasticity of that SD to the state's share of the world's military personnel "
         "(with a minus sign)",
         EST_NMC_SHOCK},
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
    /* conflict: the dispute-onset logit (Bremer 1992 covariates; peace years as Carter & Signorino
       2010) */
    [ORBI_P_CONF_CONST] = {"conflict.const", -1.80069, -50, 50, 0, "log-odds", "intercept",
                           EST_MID},
    [ORBI_P_CONF_LAND] = {"conflict.land", 3.18552, -20, 20, 0, "log-odds",
                          "contiguous by land or river", EST_MID},
    [ORBI_P_CONF_SEA] = {"conflict.sea", 2.1375, -20, 20, 0, "log-odds",
                         "contiguous across up to 400 miles of water", EST_MID},
    [ORBI_P_CONF_LNDIST] = {"conflict.lndist", -0.291059, -20, 20, 0, "log-odds per ln km",
                            "capital distance", EST_MID},
    [ORBI_P_CONF_LNCAP] = {"conflict.lncapratio", -0.341959, -20, 20, 0, "log-odds per ln ratio",
                           "ln(stronger CINC / weaker CINC)", EST_MID},
    [ORBI_P_CONF_ALLY] = {"conflict.alliance", 0.0147328, -20, 20, 0, "log-odds", "defence pact",
                          EST_MID},
    [ORBI_P_CONF_AFF] = {"conflict.affinity", -1.39567, -20, 20, 0, "log-odds per unit",
                         "affinity from UNGA ideal points, [-1, 1]", EST_MID},
    [ORBI_P_CONF_MAJOR] = {"conflict.major", 2.00972, -20, 20, 0, "log-odds",
                           "either state a major power", EST_MID},
    [ORBI_P_CONF_PARDIS] = {"conflict.parity_dissat", -0.34946, -20, 20, 0, "log-odds per unit",
                            "parity x dissatisfaction (power transition)", EST_MID},
    [ORBI_P_CONF_PEACE1] = {"conflict.peace_log", -0.645946, -20, 20, 0, "log-odds per ln",
                            "ln(1 + peace years t); with conflict.peace_recent >= 0 the hazard "
                            "falls with t and cannot turn upward",
                            EST_MID},
    [ORBI_P_CONF_PEACE2] = {"conflict.peace_recent", 0.825991, -20, 20, 0, "log-odds",
                            "exp(-t): a recent dispute's extra hazard, fading within a few years",
                            EST_MID},
    [ORBI_P_CONF_RIVAL] = {"conflict.rival", 1.19769, -20, 20, 0, "log-odds",
                           "the pair are strategic rivals (Thompson, Sakuwa & Suhas 2021)",
                           EST_MID},
    [ORBI_P_ESC_CONST] = {"conflict.esc_const", -3.19221, -50, 50, 0, "log-odds",
                          "escalation: a dispute onset reaches war (hostility level 5), intercept",
                          EST_ESC},
    [ORBI_P_ESC_LNCAP] = {"conflict.esc_lncapratio", -0.165137, -20, 20, 0, "log-odds per ln",
                          "escalation: ln(C_hi / C_lo)", EST_ESC},
    [ORBI_P_ESC_MAJOR] = {"conflict.esc_major", -0.623818, -20, 20, 0, "log-odds",
                          "escalation: either state a major power", EST_ESC},
    [ORBI_P_ESC_RIVAL] = {"conflict.esc_rival", 0.77576, -20, 20, 0, "log-odds",
                          "escalation: the pair are strategic rivals (Thompson, Sakuwa & Suhas "
                          "2021)",
                          EST_ESC},
    [ORBI_P_CONF_WAREND] = {"conflict.war_end", 0.438202, 0, 1, 0, "probability per year",
                            "a war dyad ends in a year",
                            "estimated: calibrate, COW inter-state war dyads 1946-2007"},
    [ORBI_P_CONF_WARCOST] = {"conflict.war_cost", -0.00737521, -0.2, 0.2, 0, "log points per year",
                             "growth of GDP per capita in a year at war",
                             "estimated: calibrate, Maddison growth on COW wars 1947-2007"},
    [ORBI_P_CONF_PARITY] = {"conflict.parity_cut", 0.8, 0.5, 1, 0, "ratio",
                            "a pair is at parity when the weaker has at least this share of the "
                            "stronger's CINC (the parity_dissat term; fixed when it is estimated)",
                            "Organski & Kugler (1980), The War Ledger; Lemke & Kugler (1996)"},
    /* security */
    [ORBI_P_ARMS_G] = {"arms.grievance", 0, -0.02, 0.1, 0, "share of GDP per year",
                       "grievance added to every state's own (which keeps its start-year burden at "
                       "rest)",
                       "assumption (orbis); Richardson (1960) grievance term, state-specific"},
    [ORBI_P_ARMS_A] = {"arms.fatigue", 0.352345, -1, 1, 0, "per year", "Richardson fatigue a",
                       EST_ARMS},
    [ORBI_P_ARMS_K] = {"arms.reaction", 0.00385508, -1, 1, 0, "per year",
                       "Richardson reaction k to the threat-weighted burden of others", EST_ARMS},
    [ORBI_P_SEC_OMEGA] = {"security.ally_support", 0.745, 0, 1, 0, "share",
                          "allies' capability counted in a state's strength",
                          "Leeds, Long & Mitchell (2000), JCR 44(5): 74.5% of alliance "
                          "commitments honoured"},
    [ORBI_P_SEC_DELTA] = {"security.ally_discount", 1, 0, 1, 0, "share",
                          "share of an ally's threat discounted (1: allies pose none)",
                          "assumption (orbis)"},
    [ORBI_P_SEC_DREF] = {"security.distance_ref", 500, 1, 5000, 0, "km",
                         "distance below which threat does not decay",
                         "assumption (orbis); the decay itself is the MID logit's"},
    /* relations */
    [ORBI_P_REL_PERSIST] = {"relations.persistence", 0.935704, 0, 1, 0, "per year",
                            "persistence of a state's ideal point around its long-run level",
                            EST_IDEAL},
    [ORBI_P_REL_SHOCK] = {"relations.shock_sd", 0.0836524, 0, 5, 0, "ideal-point units",
                          "SD of a state's yearly ideal-point shock", EST_IDEAL},
    [ORBI_P_REL_DYAD] = {"relations.dyad_persistence", 0.5, 0, 0.9, 0, "per year",
                         "share of the dyadic part of affinity (pacts, balance, disputes, events, "
                         "the order's costs) left after a year",
                         "assumption (orbis): not identified, the record's affinity being its "
                         "ideal points'"},
    [ORBI_P_REL_ALLY] = {"relations.alliance", 0.0211086, -1, 1, 0, "per year",
                         "affinity change from a defence pact", EST_REL},
    [ORBI_P_REL_BAL] = {"relations.balance", 0.00308248, -1, 1, 0, "per year",
                        "pull toward the allies' affinity (structural balance)", EST_REL},
    [ORBI_P_REL_MID] = {"relations.dispute", 0.0028341, -1, 1, 0, "per dispute",
                        "affinity change the year after a dispute onset", EST_REL},
    [ORBI_P_REL_EVENT] = {"relations.event_weight", 0.01, 0, 0.1, 0, "per Goldstein point",
                          "affinity change per Goldstein point of a scenario event",
                          "assumption (orbis): a +10 event moves affinity by 0.1"},
    [ORBI_P_REL_PARTNER] = {"relations.partner_as_ally", 1, 0, 1, 1, "switch",
                            "a declared partnership counts as a pact for affinity",
                            "assumption (orbis)"},
    /* alliances */
    [ORBI_P_ALLY_FCONST] = {"alliance.form_const", -0.0698496, -50, 50, 0, "log-odds",
                            "formation logit: intercept", EST_ALLY},
    [ORBI_P_ALLY_FAFF] = {"alliance.form_affinity", 5.16992, -20, 20, 0, "log-odds per unit",
                          "formation: affinity", EST_ALLY},
    [ORBI_P_ALLY_FLAND] = {"alliance.form_land", -0.34655, -20, 20, 0, "log-odds",
                           "formation: land contiguity", EST_ALLY},
    [ORBI_P_ALLY_FLNDIST] = {"alliance.form_lndist", -1.20904, -20, 20, 0, "log-odds per ln km",
                             "formation: capital distance", EST_ALLY},
    [ORBI_P_ALLY_FTHREAT] = {"alliance.form_threat", 0.0631889, -20, 20, 0, "log-odds per ln",
                             "formation: ln of the two states' threats (shared danger)", EST_ALLY},
    [ORBI_P_ALLY_LCONST] = {"alliance.lapse_const", -5.27294, -50, 50, 0, "log-odds",
                            "lapse logit: intercept", EST_ALLY},
    [ORBI_P_ALLY_LAFF] = {"alliance.lapse_affinity", -1.11958, -20, 20, 0, "log-odds per unit",
                          "lapse: affinity", EST_ALLY},
    [ORBI_P_BLOC_AFF] = {"blocs.affinity_edge", 0.8, -1, 1, 0, "affinity",
                         "affinity above which a pair is an edge of the bloc network",
                         "assumption (orbis)"},
    /* order regime */
    [ORBI_P_ORD_HEGEMON] = {"order.hegemon", 2, 1, 999, 1, "COW code",
                            "the leading power a rules-based order privileges (with its allies)",
                            "assumption: the statement's referent (\"especially the US\")"},
    [ORBI_P_ORD_TAU] = {"order.threat_threshold", 0.05, 0, 10, 0, "share of threat",
                        "indivisible security forbids raising any state's threat by more",
                        "assumption (orbis)"},
    [ORBI_P_SANC_CONST] = {"order.sanction_const", -3.81525, -50, 50, 0, "log-odds",
                           "sanction proposal logit: intercept",
                           "estimated: calibrate, GSDB new cases a year 1992-2019 (root finding)"},
    [ORBI_P_SANC_AFF] = {"order.sanction_affinity", -0.318153, -20, 20, 0, "log-odds per unit",
                         "sanction proposal: affinity of sender and target",
                         "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_SENDER] = {"order.sanction_sender", 0.499132, -5, 5, 0, "log-odds per ln",
                            "sanction proposal: ln of the sender's share of world GDP",
                            "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_TARGET] = {"order.sanction_target", 0.135754, -5, 5, 0, "log-odds per ln",
                            "sanction proposal: ln of the target's share of world GDP",
                            "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_SOUT] = {"order.sanction_sender_cases", 0.433575, -5, 5, 0, "log-odds per ln",
                          "sanction proposal: ln(1 + the states the sender sanctions in the "
                          "start year), a trait",
                          "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_SIN] = {"order.sanction_target_cases", 0.346005, -5, 5, 0, "log-odds per ln",
                         "sanction proposal: ln(1 + the states sanctioning the target in the "
                         "start year), a trait",
                         "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_ALLY] = {"order.sanction_ally", 0.259366, -10, 10, 0, "log-odds",
                          "sanction proposal: a defence pact between sender and target (ATOP, "
                          "the year before)",
                          "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_IP_SENDER] = {"order.sanction_ideal_sender", 0.387981, -10, 10, 0,
                               "log-odds per ideal-point unit",
                               "sanction proposal: the sender's UNGA ideal point (Western-aligned "
                               "states sanction more)",
                               "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_IP_TARGET] = {"order.sanction_ideal_target", -0.268671, -10, 10, 0,
                               "log-odds per ideal-point unit",
                               "sanction proposal: the target's UNGA ideal point",
                               "estimated: calibrate, GSDB state-sender cases 1992-2019 (logit)"},
    [ORBI_P_SANC_LIFT] = {"order.sanction_lift", 0.0322173, 0, 1, 0, "probability per year",
                          "a sanction ends in a year without the target conceding (failed, "
                          "negotiated, still open)",
                          "estimated: calibrate, GSDB durations and outcomes of cases begun "
                          "1992-2019"},
    [ORBI_P_SANC_CONCEDE] = {"order.sanction_concede", 0.073068, 0, 1, 0, "probability per year",
                             "a sanction ends in a year with the target conceding (GSDB "
                             "success_total or success_part)",
                             "estimated: calibrate, GSDB durations and outcomes of cases begun "
                             "1992-2019"},
    [ORBI_P_SANC_ANCHOR] = {"order.sanction_anchor_share", 0.185052, 0.01, 1, 0, "share of trade",
                            "the mean share of the United States in the gravity trade of the "
                            "targets of its sanctions: the trade share at which a target pays "
                            "order.sanction_cost_unilateral",
                            "estimated: calibrate, GSDB US cases begun 1992-2019, gravity "
                            "shares (trade.theta) of their start years"},
    [ORBI_P_SANC_COST_UN] = {"order.sanction_cost_un", -0.023, -0.5, 0, 0, "log points per year",
                             "target's growth under Council sanctions",
                             "Neuenkirch & Neumeier (2015), EJPE 40: UN sanctions -2.3 pp a "
                             "year"},
    [ORBI_P_SANC_COST_UNI] = {"order.sanction_cost_unilateral", -0.009, -0.1, 0, 0,
                              "log points per year",
                              "growth of a target under unilateral sanctions whose senders carry "
                              "order.sanction_anchor_share of its trade (scaled by the share "
                              "they carry; a sender pays the same per unit of its own trade)",
                              "Neuenkirch & Neumeier (2015): US sanctions -0.9 pp a year"},
    [ORBI_P_SANC_COST_SENDER] = {"order.sanction_cost_sender", -0.009, -0.5, 0, 0, "log points",
                                 "a sender's GDP when it imposes a unilateral sanction on a "
                                 "target carrying order.sanction_anchor_share of its trade "
                                 "(scaled by the share; once: a level loss)",
                                 "assumption (orbis): a sender loses once, per unit of trade "
                                 "share, what its target loses in a year (Neuenkirch & Neumeier "
                                 "2015's -0.9 pp)"},
    [ORBI_P_SANC_AFFCOST] = {"order.sanction_affinity_cost", -0.02, -1, 0, 0, "per year",
                             "affinity of sender and target each year of sanctions",
                             "assumption (orbis)"},
    [ORBI_P_INT_CONST] = {"order.interfere_const", -9, -50, -4, 0, "log-odds",
                          "interference proposal logit: intercept",
                          "assumption (orbis); no interference data in ../shared"},
    [ORBI_P_INT_AFF] = {"order.interfere_affinity", -3, -20, 20, 0, "log-odds per unit",
                        "interference proposal: affinity", "assumption (orbis)"},
    [ORBI_P_INT_POWER] = {"order.interfere_power", 0.5, -5, 2, 0, "log-odds per ln",
                          "interference proposal: ln(CINC actor / CINC target)",
                          "assumption (orbis)"},
    [ORBI_P_INT_COST] = {"order.interfere_cost", -0.01, -0.5, 0, 0, "log points",
                         "target's growth the year after interference", "assumption (orbis)"},
    [ORBI_P_INT_AFFCOST] = {"order.interfere_affinity_cost", -0.05, -1, 0, 0, "affinity",
                            "affinity of actor and target after interference",
                            "assumption (orbis)"},
    [ORBI_P_BREACH_FORCE] = {"order.breach_force", 1.6008, 0, 10, 0, "ln odds ratio",
                             "how much force_authorisation at enforcement 1 lowers the odds "
                             "that a dispute escalates to war: ln(odds without the rule / odds "
                             "with it); the rule at e shifts the log-odds by (1 - e) x this",
                             "estimated: calibrate, COW MID 5.0 dyadic dispute onsets 1816-2014 "
                             "reaching war, logit on a Charter-era (1946-) indicator"},
    [ORBI_P_BREACH_SANCTIONS] = {"order.breach_sanctions", 1.6008, 0, 10, 0, "ln odds ratio",
                                 "the same for unilateral_sanctions (sanctions without a Council "
                                 "mandate)",
                                 "assumption (orbis): no record of the rule in force; as costly "
                                 "to break as the Charter's ban on force (order.breach_force)"},
    [ORBI_P_BREACH_INTERFERENCE] = {"order.breach_interference", 1.6008, 0, 10, 0, "ln odds ratio",
                                    "the same for interference",
                                    "assumption (orbis): no interference data in ../shared; as "
                                    "costly to break as the Charter's ban on force"},
    [ORBI_P_BREACH_BLOCS] = {"order.breach_blocs", 1.6008, 0, 10, 0, "ln odds ratio",
                             "the same for bloc_expansion (new pacts)",
                             "assumption (orbis): no record of the rule in force; as costly to "
                             "break as the Charter's ban on force"},
    [ORBI_P_BREACH_INDIVISIBLE] = {"order.breach_indivisible", 1.6008, 0, 10, 0, "ln odds ratio",
                                   "the same for indivisible_security (pacts and arming that "
                                   "raise a third state's threat by more than "
                                   "order.threat_threshold)",
                                   "assumption (orbis): no record of the rule in force; as "
                                   "costly to break as the Charter's ban on force"},
    [ORBI_P_UNSC_MARGIN] = {"unsc.vote_margin", 0.1, 0, 2, 0, "affinity",
                            "a member votes yes (no) when its affinity with the sponsor exceeds "
                            "(falls short of) that with the target by more",
                            "assumption (orbis)"},
    [ORBI_P_UNSC_VETO] = {"unsc.veto_margin", 0.5, 0, 2, 0, "affinity",
                          "a permanent member votes no (a veto) only when its affinity with the "
                          "target exceeds that with the sponsor by more; else it abstains",
                          "assumption (orbis); permanent members abstain rather than veto short "
                          "of core interests"},
    [ORBI_P_UNSC_TEXT] = {"unsc.text_cost", 0.2, 0, 1, 0, "affinity",
                          "what weakening a draft gains in a member's support: support for a "
                          "text of strength t is side-taking plus text_cost (1 - t) / 2 "
                          "(quadratic loss; the whole draft is voted on side-taking alone)",
                          "assumption (orbis; Romer & Rosenthal 1978 agenda setting as Allen & "
                          "Yuen 2022 apply it to the Council); 0 gives the plain vote"},
    [ORBI_P_UNSC_MIN_TEXT] = {"unsc.min_text", 0.5, 0, 1, 0, "1 (strength)",
                              "the weakest text a sponsor adopts in place of a draft that would "
                              "fail (a resolution without the action)",
                              "assumption (orbis)"},
    [ORBI_P_UNSC_ALLY] = {"unsc.ally_weight", 0.25, 0, 2, 0, "affinity",
                          "a member's side-taking toward a defence-pact ally (sponsor or "
                          "target) over its affinity: permanent members shield allies and "
                          "clients",
                          "assumption (orbis; Allen & Yuen 2022 on protection of allies)"},
    [ORBI_P_UNSC_RIVAL] = {"unsc.rival_weight", 0.25, 0, 2, 0, "affinity",
                           "a member's side-taking against a strategic rival (Thompson, Sakuwa "
                           "& Suhas 2022; sponsor or target) over its affinity",
                           "assumption (orbis)"},
    [ORBI_P_UNSC_FORCED] = {"unsc.forced_vote", 1, 0, 1, 0, "probability",
                            "the probability that a draft for which no text passes is forced "
                            "to a vote for its audience rather than withdrawn",
                            "assumption (orbis): 1, the value nearest the record: with every such "
                            "draft voted the model still has fewer vetoes than 1993-2005's 1.23 a "
                            "year (docs/model.md 9)"},
    [ORBI_P_NEG_MAX_ROUNDS] = {"negotiate.max_rounds", 1000, 10, 100000, 1, "rounds",
                               "the most expected-utility rounds a crisis's talks go through in "
                               "a year before they are declared unconverged (they stop earlier "
                               "at a fixed point or a cycle)",
                               "numerical setting (orbis): a cap, not a behaviour"},
    [ORBI_P_NEG_SPREAD] =
        {"negotiate.settle_spread", 0.05, 0, 1, 0, "share of the scale",
         "a crisis settles when the positions lie within this share of their initial range "
         "(or no one moves)",
         "assumption (orbis)"},
    [ORBI_P_NEG_COST_A] = {"negotiate.war_cost_low", 0.1, 0, 1, 0, "share of the issue",
                           "war's cost to the antagonist at the low end of the scale",
                           "assumption (orbis); Fearon (1995) costs c_A"},
    [ORBI_P_NEG_COST_B] = {"negotiate.war_cost_high", 0.1, 0, 1, 0, "share of the issue",
                           "war's cost to the antagonist at the high end of the scale",
                           "assumption (orbis); Fearon (1995) costs c_B"},
    [ORBI_P_NEG_SUPPORT] = {"negotiate.third_party_support", 1, 0, 1, 0, "weight",
                            "weight of third parties in a crisis's war odds p: 0 = the two "
                            "antagonists' capabilities alone, 1 = every actor's capability x "
                            "salience behind the antagonist it prefers",
                            "Bueno de Mesquita (1981), The War Trap: third-party support; the "
                            "EU model's probability of success (Scholz et al. 2011)"},
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
    if (p == NULL) return;
    size_t i;

    memset(p, 0, sizeof *p);
    for (i = 0; i < ORBI_P_COUNT; i++)
        p->v[i] = table[i].def;
}

orb_status orbi_params_check(const orb_params *p, orb_error *err)
{
    size_t i;

    for (i = 0; i < ORBI_P_COUNT; i++)
        if (!(p->v[i] >= table[i].lo && p->v[i] <= table[i].hi))
            ORB_FAIL(err, ORB_EINVAL, "parameter '%s' is %g, outside its range [%g, %g]",
                     table[i].name, p->v[i], table[i].lo, table[i].hi);
    return ORB_OK;
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
    if (p == NULL) return NAN;
    size_t i;

    return orb_params_index(name, &i) == ORB_OK ? p->v[i] : NAN;
}

orb_status orb_params_read(const char *path, orb_params *p, orb_error *err)
{
    orbi_csv csv;
    orb_params q;
    unsigned char seen[ORB_PARAMS_MAX] = {0};
    size_t iname, ival, i = 0;
    orb_status st;
    int eof = 0;

    if (path == NULL || p == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_params_read: NULL argument");
    memset(&csv, 0, sizeof csv);
    ORB_TRY(orbi_csv_open(&csv, path, NULL, err));
    q = *p;
    if ((st = orbi_csv_require(&csv, "name", &iname, err)) != ORB_OK) goto done;
    if (orbi_csv_require(&csv, "value", &ival, NULL) != ORB_OK &&
        (st = orbi_csv_require(&csv, "default", &ival, err)) != ORB_OK) {
        st = orbi_error(err, ORB_EPARSE, path, 1, 1,
                        "expected a column 'value' (or 'default') beside 'name'");
        goto done;
    }
    while ((st = orbi_csv_next(&csv, &eof, err)) == ORB_OK && !eof) {
        const char *name = orbi_csv_str(&csv, iname);
        double v;
        orb_error e2;
        if ((st = orbi_csv_double(&csv, ival, NULL, 0, &v, err)) != ORB_OK) goto done;
        if (orb_params_index(name, &i) == ORB_OK && seen[i]) {
            st = orbi_csv_fail(&csv, iname, err, "parameter '%s' is given twice", name);
            goto done;
        }
        if (orb_params_set(&q, name, v, &e2) != ORB_OK) {
            st = orbi_csv_fail(&csv, orb_params_index(name, &i) == ORB_OK ? ival : iname, err, "%s",
                               e2.msg);
            goto done;
        }
        if (orb_params_index(name, &i) == ORB_OK) seen[i] = 1;
    }
    if (st == ORB_OK) *p = q;
done:
    orbi_csv_close(&csv);
    return st;
}

/* ---- parameter uncertainty ------------------------------------------------------ */

/* The spreads: estimated parameters (their standard errors from
 * `orbis calibrate`, three digits; tests/unit/test_calibrate.c checks them)
 * and the ranges of assumptions and published values (docs/model.md). */
static const orb_param_spread spread[ORBI_P_COUNT] = {
    [ORBI_P_ECON_ALPHA] = {ORB_SPREAD_NORMAL, 0.00233, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_ECON_BETA] = {ORB_SPREAD_NORMAL, 0.000867, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_ECON_MOMENTUM] = {ORB_SPREAD_NORMAL, 0.0526, 0,
                              "the calibration's clustered standard error"},
    [ORBI_P_ECON_FE_BETA] = {ORB_SPREAD_NORMAL, 0.00798, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_ECON_FE_MOMENTUM] = {ORB_SPREAD_NORMAL, 0.0488, 0,
                                 "the calibration's clustered standard error"},
    [ORBI_P_ECON_FE_SOUTH] = {ORB_SPREAD_NORMAL, 0.00786, 0,
                              "the standard error of the group's mean effect"},
    [ORBI_P_ECON_FE_NORTH] = {ORB_SPREAD_NORMAL, 0.00588, 0,
                              "the standard error of the group's mean effect"},
    [ORBI_P_ECON_SD_SOUTH] = {ORB_SPREAD_NORMAL, 0.00293, 0,
                              "the calibration's clustered standard error"},
    [ORBI_P_ECON_SD_NORTH] = {ORB_SPREAD_NORMAL, 0.0019, 0,
                              "the calibration's clustered standard error"},
    [ORBI_P_ECON_SHOCK_SIZE] = {ORB_SPREAD_NORMAL, 0.0236, 0,
                                "the calibration's clustered standard error"},
    [ORBI_P_DEMO_POP] = {ORB_SPREAD_NORMAL, 0.00256, 0,
                         "the calibration's bootstrap standard error (by state)"},
    [ORBI_P_DEMO_POPTREND] = {ORB_SPREAD_FIXED, 0, 0,
                              "at the lower bound of its range, where a bootstrap SE means "
                              "nothing"},
    [ORBI_P_DEMO_POPMIN] = {ORB_SPREAD_NORMAL, 0.00172, 0,
                            "the calibration's bootstrap standard error (by state)"},
    [ORBI_P_DEMO_POPMAX] = {ORB_SPREAD_NORMAL, 0.00654, 0,
                            "the calibration's bootstrap standard error (by state)"},
    [ORBI_P_DEMO_URBAN] = {ORB_SPREAD_NORMAL, 0.173, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_IRST_TREND] = {ORB_SPREAD_NORMAL, 0.0075, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_IRST_ELAST] = {ORB_SPREAD_NORMAL, 0.184, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_PEC_TREND] = {ORB_SPREAD_NORMAL, 0.00255, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_PEC_ELAST] = {ORB_SPREAD_NORMAL, 0.0615, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_MILPER_TREND] = {ORB_SPREAD_NORMAL, 0.00469, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_MILPER_ELAST] = {ORB_SPREAD_NORMAL, 0.107, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_IRST_SD] = {ORB_SPREAD_NORMAL, 0.00862, 0,
                        "the calibration's standard error (delta method)"},
    [ORBI_P_IRST_SIZE] = {ORB_SPREAD_NORMAL, 0.0369, 0, "the calibration's robust standard error"},
    [ORBI_P_PEC_SD] = {ORB_SPREAD_NORMAL, 0.00399, 0,
                       "the calibration's standard error (delta method)"},
    [ORBI_P_PEC_SIZE] = {ORB_SPREAD_NORMAL, 0.0188, 0, "the calibration's robust standard error"},
    [ORBI_P_MILPER_SD] = {ORB_SPREAD_NORMAL, 0.0102, 0,
                          "the calibration's standard error (delta method)"},
    [ORBI_P_MILPER_SIZE] = {ORB_SPREAD_NORMAL, 0.065, 0, "the calibration's robust standard error"},
    [ORBI_P_TRADE_THETA] =
        {ORB_SPREAD_UNIFORM, 0.7, 1.1,
         "about the meta-analytic mean 0.9 (Disdier & Head 2008), 0.2 either side"},
    [ORBI_P_TRADE_SCALE] = {ORB_SPREAD_NORMAL, 0.0534, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_CONST] = {ORB_SPREAD_NORMAL, 0.679, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_CONF_LAND] = {ORB_SPREAD_NORMAL, 0.233, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_CONF_SEA] = {ORB_SPREAD_NORMAL, 0.278, 0, "the calibration's clustered standard error"},
    [ORBI_P_CONF_LNDIST] = {ORB_SPREAD_NORMAL, 0.0773, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_LNCAP] = {ORB_SPREAD_NORMAL, 0.0414, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_CONF_ALLY] = {ORB_SPREAD_NORMAL, 0.184, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_CONF_AFF] = {ORB_SPREAD_NORMAL, 0.227, 0, "the calibration's clustered standard error"},
    [ORBI_P_CONF_MAJOR] = {ORB_SPREAD_NORMAL, 0.156, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_CONF_PARDIS] = {ORB_SPREAD_NORMAL, 0.29, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_PEACE1] = {ORB_SPREAD_NORMAL, 0.0622, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_PEACE2] = {ORB_SPREAD_NORMAL, 0.212, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_RIVAL] = {ORB_SPREAD_NORMAL, 0.206, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_ESC_CONST] = {ORB_SPREAD_NORMAL, 0.347, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_ESC_LNCAP] = {ORB_SPREAD_NORMAL, 0.196, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_ESC_MAJOR] = {ORB_SPREAD_NORMAL, 0.622, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_ESC_RIVAL] = {ORB_SPREAD_NORMAL, 0.363, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_CONF_WAREND] = {ORB_SPREAD_NORMAL, 0.0304, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_CONF_WARCOST] = {ORB_SPREAD_NORMAL, 0.00795, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_ARMS_A] = {ORB_SPREAD_NORMAL, 0.0282, 0, "the calibration's clustered standard error"},
    [ORBI_P_ARMS_K] = {ORB_SPREAD_NORMAL, 0.00141, 0, "the calibration's clustered standard error"},
    [ORBI_P_SEC_OMEGA] = {ORB_SPREAD_UNIFORM, 0.6, 0.9,
                          "Leeds, Long & Mitchell (2000): 74.5%, 15 points either side"},
    [ORBI_P_SEC_DELTA] = {ORB_SPREAD_UNIFORM, 0.5, 1,
                          "from half an ally's threat discounted to all of it"},
    [ORBI_P_SEC_DREF] = {ORB_SPREAD_UNIFORM, 250, 1000, "half to twice the default"},
    [ORBI_P_REL_PERSIST] = {ORB_SPREAD_NORMAL, 0.0275, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_REL_SHOCK] = {ORB_SPREAD_NORMAL, 0.0173, 0, "the calibration's standard error"},
    [ORBI_P_REL_DYAD] = {ORB_SPREAD_UNIFORM, 0.25, 0.75, "from a quarter to three quarters"},
    [ORBI_P_REL_ALLY] = {ORB_SPREAD_NORMAL, 0.000709, 0,
                         "the calibration's clustered standard error"},
    [ORBI_P_REL_BAL] = {ORB_SPREAD_NORMAL, 0.000962, 0,
                        "the calibration's clustered standard error"},
    [ORBI_P_REL_MID] = {ORB_SPREAD_NORMAL, 0.00443, 0,
                        "the calibration's clustered standard error"},
    [ORBI_P_REL_EVENT] = {ORB_SPREAD_UNIFORM, 0.005, 0.02, "half to twice the default"},
    [ORBI_P_ALLY_FCONST] = {ORB_SPREAD_NORMAL, 0.481, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_ALLY_FAFF] = {ORB_SPREAD_NORMAL, 0.272, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_ALLY_FLAND] = {ORB_SPREAD_NORMAL, 0.174, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_ALLY_FLNDIST] = {ORB_SPREAD_NORMAL, 0.0508, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_ALLY_FTHREAT] = {ORB_SPREAD_NORMAL, 0.0378, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_ALLY_LCONST] = {ORB_SPREAD_NORMAL, 0.2, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_ALLY_LAFF] = {ORB_SPREAD_NORMAL, 0.22, 0, "the calibration's clustered standard error"},
    [ORBI_P_BLOC_AFF] = {ORB_SPREAD_UNIFORM, 0.7, 0.9,
                         "ideal points within 15% to 5% of their range"},
    [ORBI_P_ORD_TAU] = {ORB_SPREAD_UNIFORM, 0.02, 0.1, "about half to twice the default"},
    [ORBI_P_SANC_CONST] = {ORB_SPREAD_NORMAL, 0.0384, 0,
                           "the calibration's clustered standard error"},
    [ORBI_P_SANC_AFF] = {ORB_SPREAD_NORMAL, 0.373, 0, "the calibration's clustered standard error"},
    [ORBI_P_SANC_SENDER] = {ORB_SPREAD_NORMAL, 0.0914, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_SANC_TARGET] = {ORB_SPREAD_NORMAL, 0.0414, 0,
                            "the calibration's clustered standard error"},
    [ORBI_P_SANC_SOUT] = {ORB_SPREAD_NORMAL, 0.173, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_SANC_SIN] = {ORB_SPREAD_NORMAL, 0.226, 0, "the calibration's clustered standard error"},
    [ORBI_P_SANC_ALLY] = {ORB_SPREAD_NORMAL, 0.286, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_SANC_IP_SENDER] = {ORB_SPREAD_NORMAL, 0.149, 0,
                               "the calibration's clustered standard error"},
    [ORBI_P_SANC_IP_TARGET] = {ORB_SPREAD_NORMAL, 0.189, 0,
                               "the calibration's clustered standard error"},
    [ORBI_P_SANC_LIFT] = {ORB_SPREAD_NORMAL, 0.00256, 0,
                          "the calibration's clustered standard error"},
    [ORBI_P_SANC_CONCEDE] = {ORB_SPREAD_NORMAL, 0.00378, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_SANC_ANCHOR] = {ORB_SPREAD_NORMAL, 0.00819, 0,
                            "the calibration's standard error of the mean"},
    [ORBI_P_SANC_COST_UN] = {ORB_SPREAD_UNIFORM, -0.035, -0.0115,
                             "Neuenkirch & Neumeier (2015): -2.3 pp, half to 1.5 times"},
    [ORBI_P_SANC_COST_UNI] = {ORB_SPREAD_UNIFORM, -0.0135, -0.0045,
                              "Neuenkirch & Neumeier (2015): -0.9 pp, half to 1.5 times"},
    [ORBI_P_SANC_COST_SENDER] = {ORB_SPREAD_UNIFORM, -0.018, 0, "none to twice the default"},
    [ORBI_P_SANC_AFFCOST] = {ORB_SPREAD_UNIFORM, -0.04, -0.01, "half to twice the default"},
    [ORBI_P_INT_CONST] = {ORB_SPREAD_UNIFORM, -10, -8, "one log-odds either side"},
    [ORBI_P_INT_AFF] = {ORB_SPREAD_UNIFORM, -4.5, -1.5, "half to 1.5 times the default"},
    [ORBI_P_INT_POWER] = {ORB_SPREAD_UNIFORM, 0.25, 0.75, "half to 1.5 times the default"},
    [ORBI_P_INT_COST] = {ORB_SPREAD_UNIFORM, -0.02, -0.005, "half to twice the default"},
    [ORBI_P_INT_AFFCOST] = {ORB_SPREAD_UNIFORM, -0.1, -0.025, "half to twice the default"},
    [ORBI_P_BREACH_FORCE] = {ORB_SPREAD_NORMAL, 0.121, 0,
                             "the calibration's clustered standard error"},
    [ORBI_P_BREACH_SANCTIONS] = {ORB_SPREAD_UNIFORM, 0, 3.2,
                                 "from no cost to twice the Charter's ban on force"},
    [ORBI_P_BREACH_INTERFERENCE] = {ORB_SPREAD_UNIFORM, 0, 3.2,
                                    "from no cost to twice the Charter's ban on force"},
    [ORBI_P_BREACH_BLOCS] = {ORB_SPREAD_UNIFORM, 0, 3.2,
                             "from no cost to twice the Charter's ban on force"},
    [ORBI_P_BREACH_INDIVISIBLE] = {ORB_SPREAD_UNIFORM, 0, 3.2,
                                   "from no cost to twice the Charter's ban on force"},
    [ORBI_P_UNSC_MARGIN] = {ORB_SPREAD_UNIFORM, 0.05, 0.2, "half to twice the default"},
    [ORBI_P_UNSC_VETO] = {ORB_SPREAD_UNIFORM, 0.3, 0.7, "0.2 either side"},
    [ORBI_P_UNSC_TEXT] = {ORB_SPREAD_UNIFORM, 0, 0.4, "from the plain vote to twice the default"},
    [ORBI_P_UNSC_MIN_TEXT] = {ORB_SPREAD_UNIFORM, 0.25, 0.75, "0.25 either side"},
    [ORBI_P_UNSC_ALLY] = {ORB_SPREAD_UNIFORM, 0, 0.5, "from none to twice the default"},
    [ORBI_P_UNSC_RIVAL] = {ORB_SPREAD_UNIFORM, 0, 0.5, "from none to twice the default"},
    [ORBI_P_UNSC_FORCED] = {ORB_SPREAD_UNIFORM, 0.5, 1, "from half the failing drafts to all"},
    [ORBI_P_NEG_SPREAD] = {ORB_SPREAD_UNIFORM, 0.025, 0.1, "half to twice the default"},
    [ORBI_P_NEG_COST_A] = {ORB_SPREAD_UNIFORM, 0.05, 0.2, "half to twice the default"},
    [ORBI_P_NEG_COST_B] = {ORB_SPREAD_UNIFORM, 0.05, 0.2, "half to twice the default"},
    [ORBI_P_NEG_SUPPORT] = {ORB_SPREAD_UNIFORM, 0.5, 1, "from half weight to full weight"},
};

const orb_param_spread *orb_params_spread(size_t i)
{
    static const orb_param_spread fixed = {ORB_SPREAD_FIXED, 0, 0, ""};

    if (i >= ORBI_P_COUNT) return NULL;
    return spread[i].kind == ORB_SPREAD_FIXED ? &fixed : &spread[i];
}

/* Counter purpose of the parameter draws (year counter 0: never a run's). */
#define DRAW_PARAMS 64

void orb_params_draw(const orb_params *base, uint64_t seed, uint64_t run, orb_params *out)
{
    if (base == NULL || out == NULL) return;
    orb_rng rng;
    size_t i;

    *out = *base;
    orb_rng_init(&rng, seed, run);
    for (i = 0; i < ORBI_P_COUNT; i++) {
        const orb_param_spread *sp = &spread[i];
        double v = base->v[i];
        if (sp->kind == ORB_SPREAD_NORMAL) {
            v += sp->a * orb_rng_normal(&rng, 0, DRAW_PARAMS, i);
        } else if (sp->kind == ORB_SPREAD_UNIFORM && base->v[i] == table[i].def) {
            v = sp->a + (sp->b - sp->a) * orb_rng_uniform(&rng, 0, DRAW_PARAMS, i);
        }
        if (v < table[i].lo) v = table[i].lo;
        if (v > table[i].hi) v = table[i].hi;
        out->v[i] = v;
    }
}
