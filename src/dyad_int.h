/*
 * dyad_int.h - private: the dyadic equations the engine, the calibration and the tests share
 * (one definition each: threat, the dispute-onset predictor, affinity, blocs).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_DYAD_INT_H
#define ORB_DYAD_INT_H

#include <math.h>

#include "orb_int.h"
#include "params_int.h"

/* Distance-and-contiguity factor of the threat: exp(b_land L + b_sea S)
 * (max(d, d_ref) / d_ref)^b_lndist, with the parameter values P. */
ORB_INTERNAL double orbi_threat_kernel(const double *P, int conttype, double dist_km);

/*
 * The dispute-onset logit (onset.c; docs/model.md): its covariates and its
 * linear predictor, one definition for the conflict phase, the calibration,
 * orb_dispute_probability and the tests.
 */
typedef struct orbi_dyad {
    double land, sea;  /* contiguous by land (COW conttype 1); by sea (2-5) */
    double lndist;     /* ln capital distance, km (at least 1 km) */
    double major;      /* 1 if either is a major power */
    double lncapratio; /* |ln C_i - ln C_j| of the CINC shares */
    double ally;       /* 1 if a defence pact joins them */
    double aff;        /* affinity */
    double pardis;     /* parity (C_lo / C_hi >= conflict.parity_cut) x dissatisfaction */
    double t;          /* peace years */
    double rival;      /* 1 if strategic rivals */
} orbi_dyad;

/* The time-invariant covariates (the others zero). */
ORB_INTERNAL void orbi_dyad_fixed(orbi_dyad *x, int conttype, double dist_km, int major, int rival);

/* The whole predictor: orbi_onset_vary(P, x, orbi_onset_fixed(P, x)). */
ORB_INTERNAL double orbi_onset_eta(const double *P, const orbi_dyad *x);

/* The covariates that change: CINC shares c (> 0) and their logs lnc, a pact,
 * the pair's affinity, each side's dissatisfaction with the leading state
 * ((1 - a_iL) / 2), peace years. (Inline: the conflict phase calls it for
 * every pair every year.) */
static inline void orbi_dyad_vary(orbi_dyad *x, const double *P, double ci, double cj, double lnci,
                                  double lncj, int ally, double aff, double dis_i, double dis_j,
                                  double t)
{
    double hi = ci > cj ? ci : cj, lo = ci > cj ? cj : ci;

    x->lncapratio = fabs(lnci - lncj);
    x->ally = ally != 0;
    x->aff = aff;
    x->pardis = (lo / hi >= P[ORBI_P_CONF_PARITY]) * (dis_i > dis_j ? dis_i : dis_j);
    x->t = t;
}

/* The fixed part of the predictor: b0 + b_l land + b_s sea + b_d ln d + b_M major. */
static inline double orbi_onset_fixed(const double *P, const orbi_dyad *x)
{
    return P[ORBI_P_CONF_CONST] + P[ORBI_P_CONF_LAND] * x->land + P[ORBI_P_CONF_SEA] * x->sea +
           P[ORBI_P_CONF_LNDIST] * x->lndist + P[ORBI_P_CONF_MAJOR] * x->major +
           P[ORBI_P_CONF_RIVAL] * x->rival;
}

/* The peace-years part: b_1 ln(1 + t) + b_2 exp(-t), falling with t when
 * b_1 <= 0 <= b_2 (docs/model.md 5d). */
static inline double orbi_peace_part(const double *P, double t)
{
    return P[ORBI_P_CONF_PEACE1] * log1p(t) + P[ORBI_P_CONF_PEACE2] * exp(-t);
}

/* base plus the changing part: b_c lncap + b_A ally + b_a aff + b_pd pardis
 * + the peace-years part, added to base in this order. */
static inline double orbi_onset_vary_with(const double *P, const orbi_dyad *x, double base,
                                          double peace)
{
    return base + P[ORBI_P_CONF_LNCAP] * x->lncapratio + P[ORBI_P_CONF_ALLY] * x->ally +
           P[ORBI_P_CONF_AFF] * x->aff + P[ORBI_P_CONF_PARDIS] * x->pardis + peace;
}

static inline double orbi_onset_vary(const double *P, const orbi_dyad *x, double base)
{
    return orbi_onset_vary_with(P, x, base, orbi_peace_part(P, x->t));
}

/* Structural balance (relations.c; docs/model.md): for every pair, the sums
 * M_ij of a_kj over the states k != i linked to i whose a_kj is known (k = j
 * included when linked), in M [n * n]; the number of such k in C [n * n]
 * unless every affinity is known (all_known: C may be NULL and the counts
 * are the degrees, deg [n]). */
ORB_INTERNAL void orbi_balance_sums(size_t n, const unsigned char *link, const double *aff,
                                    int all_known, double *M, double *C, double *deg);

/* The balance target of pair (i, j) from those sums: the mean of i's
 * partners' affinity to j and j's partners' affinity to i, the pair itself
 * left out; a_ij when neither has another partner. */
ORB_INTERNAL double orbi_balance_target(size_t n, const unsigned char *link, const double *aff,
                                        const double *M, const double *C, const double *deg,
                                        size_t i, size_t j);

/* Blocs of a network of n states: edges are pacts (weight 1) plus pairs with
 * affinity above thr (weight a). Writes each state's bloc (-1 for none) to
 * bloc, and returns the number of blocs of two or more states; *modularity
 * the partition's modularity (NaN when there is no edge or igraph fails). */
ORB_INTERNAL size_t orbi_blocs(size_t n, const unsigned char *ally, const double *aff, double thr,
                               int *bloc, double *modularity);

/* Work space of orbi_threat_compute for n states. */
typedef struct orbi_threat_work {
    size_t *off;  /* [n + 1] */
    size_t *adj;  /* [n * n] */
    double *wrow; /* [n] */
    double *tij;  /* [n * n] if not NULL: out, the threat i perceives from j */
} orbi_threat_work;

/* Capability with allies (capeff), total threat and (if not NULL) ln(T_i /
 * C_i), the threat per unit of the state's own side's capability (NaN if
 * either is zero), of n states, from CINC shares, pacts, affinity (NaN: neutral) and the
 * threat kernel (docs/model.md 5a): each state's capability once directly and
 * once, through its most threatening ally, as support. Shared by the run and
 * the calibration. */
ORB_INTERNAL void orbi_threat_compute(const double *P, size_t n, const double *cinc,
                                      const unsigned char *ally, const double *aff,
                                      const double *tker, const orbi_threat_work *wk,
                                      double *capeff, double *threat, double *lnratio);

/* The threat-weighted mean burden of the others as state i sees them (tij: the
 * pairwise threats of orbi_threat_compute); NaN if none. */
ORB_INTERNAL double orbi_others_burden(size_t n, size_t i, const double *tij, const double *burden);

/* Affinity from two ideal points: 1 - 2 |ip_i - ip_j| / range, in [-1, 1];
 * NaN if either is missing. Inline: the relations step takes it twice for
 * every pair every year. */
static inline double orbi_affinity(double ip_i, double ip_j, double range)
{
    double a;

    if (isnan(ip_i) || isnan(ip_j) || !(range > 0)) return NAN;
    a = 1.0 - 2.0 * fabs(ip_i - ip_j) / range;
    return a < -1 ? -1 : (a > 1 ? 1 : a);
}

/* The gravity trade kernel of a pair d km apart: d^-theta (capitals closer
 * than 1 km count as 1 km). */
static inline double orbi_trade_kernel(double d_km, double theta)
{
    return pow(d_km < 1.0 ? 1.0 : d_km, -theta);
}

#endif /* ORB_DYAD_INT_H */
