/*
 * security.h - closed forms of the security and conflict mechanisms, for
 * checks and for users: Richardson's arms-race model (MODELS.md section 2)
 * and the dispute-onset probability of the conflict phase.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_SECURITY_H
#define ORBIS_SECURITY_H

#include "orbis/params.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Richardson (1960): dx/dt = k y - a x + g, dy/dt = l x - b y + h.
 * Equilibrium x* = (b g + k h)/(a b - k l), y* = (a h + l g)/(a b - k l).
 * Returns ORB_OK, or ORB_ERANGE when a b = k l (no unique equilibrium).
 * *stable_out (may be NULL) is 1 when a b > k l with a, b > 0 (a stable node).
 */
orb_status orb_richardson_equilibrium(double a, double b, double k, double l, double g, double h,
                                      double *x_out, double *y_out, int *stable_out);

/*
 * One step of the discrete variant used in teaching code:
 * X' = X + sx Y - fx X + gx, Y' = Y + sy X - fy Y + gy.
 */
void orb_richardson_step(double x, double y, double sx, double sy, double fx, double fy, double gx,
                         double gy, double *x_out, double *y_out);

/* Covariates of one dyad-year for the dispute-onset logit (docs/model.md). */
typedef struct orb_dyad_covariates {
    int land;             /* contiguous by land or river */
    int sea;              /* contiguous across up to 400 miles of water */
    double dist_km;       /* capital distance */
    double cap_ratio;     /* stronger CINC / weaker CINC, >= 1 */
    int alliance;         /* defence pact */
    double affinity;      /* [-1, 1] */
    int major;            /* either state a major power */
    double parity_dissat; /* parity (weaker >= 0.8 stronger) x dissatisfaction in [0, 1] */
    double peace_years;   /* years since the pair's last dispute onset */
    int rival;            /* strategic rivals (Thompson, Sakuwa & Suhas 2021) */
} orb_dyad_covariates;

/* The probability that the dyad begins a militarised dispute in a year under
 * the parameters p (NULL: the defaults). NaN for invalid covariates. */
double orb_dispute_probability(const orb_params *p, const orb_dyad_covariates *x);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_SECURITY_H */
