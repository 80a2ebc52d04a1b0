/*
 * stats.h - summaries of ensembles: the one definition of a quantile that
 * every output of orbis uses.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_STATS_H
#define ORBIS_STATS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The p-quantile (0 <= p <= 1) of n values sorted in increasing order:
 * Hyndman & Fan (1996) type 7, linear interpolation between order
 * statistics at h = (n - 1) p — R's and NumPy's default, GSL's
 * gsl_stats_quantile_from_sorted_data. The median of an even count is the
 * mean of the middle two. NaN when n is 0 or p is outside [0, 1].
 */
double orb_quantile(const double *sorted, size_t n, double p);

/* Sort n values in place (increasing; NaN not allowed) for orb_quantile. */
void orb_sort(double *v, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_STATS_H */
