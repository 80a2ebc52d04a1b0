/*
 * sparse.c - sparse Bernoulli draws (issue 14): the rare events of a row of
 * pairs (dispute onsets) drawn exactly, in distribution, with a few draws
 * instead of one per pair. See orbi_sparse_draw in run_int.h and
 * docs/model.md 3.
 *
 * Items above log-odds ORBI_SPARSE_T get a draw each (pbar 1); the others,
 * the rare ones, are candidates with probability pbar = logistic(
 * ORBI_SPARSE_T) each, found by geometric gaps, and a candidate happens with
 * probability p / pbar. Each item thus happens with probability p, and
 * independently of the others, whatever the split.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"
#include "run_int.h"

size_t orbi_sparse_draw(orb_run *r, uint64_t year, uint64_t purpose, uint64_t base, size_t m,
                        const double *eta, unsigned char *hit, size_t *work)
{
    const double pbar = r->sim->spbar, lq = r->sim->slq;
    size_t q, nlo = 0, nhit = 0, at;
    uint64_t k = 0;

    for (q = 0; q < m; q++) { /* the likely ones: a draw each, in order */
        hit[q] = 0;
        if (eta[q] > ORBI_SPARSE_T) {
            if (orbi_below_logistic(r->sim, orbi_uniform4(r, year, purpose, base + k++), eta[q])) {
                hit[q] = 1;
                nhit++;
            }
        } else if (eta[q] > ORBI_ETA_NEGLIGIBLE) {
            work[nlo++] = q;
        }
    }
    /* the rare ones: candidates at geometric gaps, each kept with p / pbar */
    for (at = 0;;) {
        double g = floor(log(orbi_uniform4(r, year, purpose, base + k++)) / lq);
        if (!(g < (double)(nlo - at))) break;
        at += (size_t)g;
        q = work[at++];
        if (orbi_below_logistic(r->sim, orbi_uniform4(r, year, purpose, base + k++) * pbar,
                                eta[q])) {
            hit[q] = 1;
            nhit++;
        }
    }
    return nhit;
}
