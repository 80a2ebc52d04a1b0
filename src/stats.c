/*
 * stats.c - ensemble summaries: quantiles (GSL, Hyndman & Fan type 7).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "orb_int.h"
#include "orbis/stats.h"

double orb_quantile(const double *sorted, size_t n, double p)
{
    if (sorted == NULL || n == 0 || !(p >= 0 && p <= 1)) return NAN;
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

void orb_sort(double *v, size_t n)
{
    if (v != NULL && n > 1) gsl_sort(v, 1, n);
}
