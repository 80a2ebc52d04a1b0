/*
 * sparse.c - sparse Bernoulli draws (issue 14): the rare events of a row of
 * pairs (dispute onsets; pact, sanction and interference proposals) drawn
 * exactly, in distribution, with a few draws instead of one per pair. See
 * orbi_sparse_draw in run_int.h and docs/model.md 3.
 *
 * Items above log-odds ORBI_SPARSE_T get a draw each. Candidates for the
 * others are the positions of the row (0 .. n - 1) each taken with
 * probability pbar = logistic(ORBI_SPARSE_T), found by geometric gaps
 * whatever the items are, and a rare item at a candidate position happens
 * with probability p / pbar. Each item thus happens with probability p,
 * independently of the others. Every item's own draw is keyed by its
 * position, and the candidate positions depend on the stream alone, so two
 * runs on one stream (paired comparisons) differ only in the items whose
 * probability differs: the common random numbers hold as with one draw a
 * pair.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"
#include "run_int.h"

size_t orbi_sparse_draw(orb_run *r, uint64_t year, uint64_t purpose, uint64_t row, size_t n,
                        size_t m, const size_t *pos, const double *eta, unsigned char *hit)
{
    const double pbar = r->sim->spbar, lq = r->sim->slq;
    const uint64_t base = row * ORBI_SPARSE_DRAWS(n), own = base + (uint64_t)n + 1;
    size_t q, c, nhit = 0;
    uint64_t k = 0; /* gap draws: base + k, k <= n; item draws: own + position */
    double g;

    if (r->dense_draws) { /* one draw per pair, indexed row n + position (tests) */
        for (q = 0; q < m; q++) {
            hit[q] = eta[q] > ORBI_ETA_NEGLIGIBLE &&
                     orbi_below_logistic(r->sim, orbi_uniform4(r, year, purpose, row * n + pos[q]),
                                         eta[q]);
            nhit += hit[q];
        }
        return nhit;
    }

    for (q = 0; q < m; q++) { /* the likely ones: a draw each */
        hit[q] = 0;
        if (eta[q] > ORBI_SPARSE_T &&
            orbi_below_logistic(r->sim, orbi_uniform4(r, year, purpose, own + pos[q]), eta[q])) {
            hit[q] = 1;
            nhit++;
        }
    }
    /* the rare ones: candidate positions at geometric gaps, kept with p / pbar */
    g = floor(log(orbi_uniform4(r, year, purpose, base + k++)) / lq);
    for (c = 0, q = 0; g < (double)(n - c);) {
        c += (size_t)g;
        while (q < m && pos[q] < c)
            q++;
        if (q < m && pos[q] == c && eta[q] <= ORBI_SPARSE_T && eta[q] > ORBI_ETA_NEGLIGIBLE &&
            orbi_below_logistic(r->sim, orbi_uniform4(r, year, purpose, own + c) * pbar, eta[q])) {
            hit[q] = 1;
            nhit++;
        }
        c++;
        if (c >= n) break;
        g = floor(log(orbi_uniform4(r, year, purpose, base + k++)) / lq);
    }
    return nhit;
}
