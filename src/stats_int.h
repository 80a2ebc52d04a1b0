/*
 * stats_int.h - private: polarity of a share vector, inequality, quantiles.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_STATS_INT_H
#define ORB_STATS_INT_H

#include "orb_int.h"

/*
 * Polarity of n values p (NaN skipped; need not be normalised): fills out's
 * c, npoles, leader, challenger (indices into p; ties by lower ccode),
 * shares, ratio, parity and gs_share (gs[i] != 0 marks the Global South).
 * Does not allocate. ORB_ENODATA if no value is positive.
 */
ORB_INTERNAL orb_status orbi_polarity_vec(const double *p, const int *ccode,
                                          const unsigned char *gs, size_t n,
                                          const orb_polarity_opts *o, orb_polarity *out);

typedef struct orbi_gw {
    double y, w; /* a value and its weight (GDP per capita and population, for the Gini) */
} orbi_gw;

/* Sort v[0..n) by y, stably, with scratch tmp[0..n) (merge sort; no allocation). */
ORB_INTERNAL void orbi_sort_gw(orbi_gw *v, orbi_gw *tmp, size_t n);

/* Gini (trapezoid Lorenz curve) and Theil T of values y with weights w:
 * v[0..n) is sorted in place by y using tmp[0..n) as scratch; no allocation. */
ORB_INTERNAL void orbi_inequality(orbi_gw *v, orbi_gw *tmp, size_t n, double *gini_out,
                                  double *theil_out);

/* The evaluation's baselines (evaluate.c) from v[0..n), n >= 2 yearly values
 * ending at the origin: a least-squares line extrapolated h years past the
 * last (floored at 1e-12), and a random walk with drift in logs,
 * ln v[n-1] + h (ln v[n-1] - ln v[0]) / (n - 1) (values must be positive). */
ORB_INTERNAL double orbi_trend_forecast(const double *v, int n, int h);
ORB_INTERNAL double orbi_drift_forecast(const double *v, int n, int h);

#endif /* ORB_STATS_INT_H */
