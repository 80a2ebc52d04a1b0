/*
 * calib_int.h - private: least squares and logit helpers of the calibration.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_CALIB_INT_H
#define ORB_CALIB_INT_H

#include "data_int.h"
#include "params_int.h"

#define ORBI_KMAX 12 /* regressors at most */

/* A growing sample: y, up to ORBI_KMAX regressors, a cluster id and a group flag. */
typedef struct orbi_sample {
    double *x[ORBI_KMAX], *y;
    int *cl, *grp;
    size_t n, cap;
    int contiguous; /* 1: cluster ids are runs (any int); 0: COW codes */
    int dyadic;     /* 1: cluster ids are dyads a * 1000 + b (COW codes): the logit also
                       gives dyadic-robust SEs */
} orbi_sample;

/* Result of a fit: coefficients (intercept first when present). */
typedef struct orbi_fit {
    size_t k;                        /* coefficients */
    double b[ORBI_KMAX + 1];         /* estimates */
    double se[ORBI_KMAX + 1];        /* cluster-robust standard errors */
    double se_dyadic[ORBI_KMAX + 1]; /* logit with s->dyadic: Aronow, Samii & Assenova
                                        (2015) dyadic-robust; NaN otherwise */
    double *resid;                   /* residuals [n] (owned) */
    size_t n, ncl;                   /* observations, clusters */
    double loglik;                   /* logit only: log likelihood at the estimate */
} orbi_fit;

/* Append an observation (nx regressors); -1 if out of memory. */
ORB_INTERNAL int orbi_sample_add(orbi_sample *s, const double *x, size_t nx, double y, int cl,
                                 int grp);
ORB_INTERNAL void orbi_sample_free(orbi_sample *s);

/* OLS of y on (1, x_1..x_nx) or on x alone (GSL), SEs clustered by s->cl: COW
 * codes (< ORBI_MAX_CCODE), or runs of equal ids when s->contiguous. */
ORB_INTERNAL orb_status orbi_ols(const orbi_sample *s, size_t nx, int intercept, const char *what,
                                 orbi_fit *f, orb_error *err);

/* Logit of y in {0, 1} on (1, x_1..x_nx) by iteratively reweighted least squares
 * (Newton; GSL Cholesky), SEs clustered by s->cl, where equal cluster ids must
 * be contiguous in the sample (any int). */
ORB_INTERNAL orb_status orbi_logit(const orbi_sample *s, size_t nx, const char *what, orbi_fit *f,
                                   orb_error *err);

/* Out of sample from year: every estimate re-made on samples that end in
 * year - 1 (orb_calibrate; into *par), w0's long-run ideal points from the
 * same relations window (orbi_ideal_window), no Council seats of later years
 * in w0 (orbi_world_forget_after), and w0's growth effects re-estimated
 * (orbi_world_growth_effects). backtest.c; evaluate.c. */
ORB_INTERNAL orb_status orbi_estimates_before(const char *data_dir, const orb_tables *t,
                                              const orb_panel *p, int year, orb_world *w0,
                                              orb_params *par, orb_error *err);

/* Set the world's growth effects to those estimated with opts (a state without
 * one: NaN, its group's mean in a run). */
ORB_INTERNAL orb_status orbi_world_growth_effects(orb_world *w, const char *data_dir,
                                                  const orb_tables *t,
                                                  const orb_calibrate_opts *opts, orb_error *err);

/* ln of Maddison GDP per capita by COW code and year, first..last:
 * (*lny_out)[ccode * (last - first + 1) + (year - first)], NaN where missing
 * (caller frees); the same for ln population (persons) in *lnpop_out unless
 * it is NULL; *frontier_out the COW code of the frontier (USA). */
ORB_INTERNAL orb_status orbi_maddison_lny(const char *datadir, const orb_tables *t, int first,
                                          int last, double **lny_out, double **lnpop_out,
                                          int *frontier_out, orb_error *err);

/* The dyadic estimates (calibrate_dyad.c): conflict, arms, relations,
 * alliances; P holds parameter values used as inputs (threat weights), and the
 * contiguity and distance coefficients estimated here are used at once. */
ORB_INTERNAL orb_status orbi_calibrate_dyadic(const char *datadir, const orb_tables *t,
                                              const orb_panel *p, int last_year, double *P,
                                              orb_estimate *out, size_t cap, size_t *n,
                                              orb_error *err);

/* Cluster-robust variance pieces: add score score' to meat; standard errors
 * sqrt(factor diag(bread meat bread)) of k coefficients. */
ORB_INTERNAL void orbi_meat_add(double meat[][ORBI_KMAX + 1], const double *score, size_t k);
ORB_INTERNAL void orbi_sandwich_se(const double bread[][ORBI_KMAX + 1],
                                   const double meat[][ORBI_KMAX + 1], size_t k, double factor,
                                   double *se);

/* Append an estimate to out (cap entries, *n used). */
ORB_INTERNAL orb_status orbi_put_estimate(orb_estimate *out, size_t cap, size_t *n,
                                          const char *name, double v, double se, size_t nobs,
                                          size_t ncl, int from, int to, const char *method,
                                          const char *data, orb_error *err);

#endif /* ORB_CALIB_INT_H */
