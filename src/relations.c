/*
 * relations.c - the relations phase: affinity between states moves by
 *
 *   a_ij <- a_ij + c + r a_ij + p L_ij + b (B_ij - a_ij) + m D_ij
 *           + eta sum(Goldstein weights of this year's events between i and j)
 *
 * L_ij = 1 for a defence pact (or a declared partnership, when
 * relations.partner_as_ally is 1), D_ij = 1 if the pair had a dispute onset
 * the year before, and B_ij the structural-balance target: the mean of i's
 * pact partners' affinity to j and of j's partners' affinity to i (a_ij when
 * neither has partners). Affinity stays symmetric and in [-1, 1].
 * Cost: O(N^2 + nnz(L) N) per year (the balance sums use the sparse L).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orb_int.h"

/* L_ij: a pact, or a partnership counted as one. */
static int linked(const orb_run *r, size_t ij)
{
    return r->ally[ij] || (r->par.v[ORBI_P_REL_PARTNER] != 0 && r->partner[ij]);
}

void orbi_relations_phase(orb_run *r)
{
    const double *P = r->par.v;
    const double c = P[ORBI_P_REL_CONST], rv = P[ORBI_P_REL_REV], pa = P[ORBI_P_REL_ALLY];
    const double b = P[ORBI_P_REL_BAL], md = P[ORBI_P_REL_MID], eta = P[ORBI_P_REL_EVENT];
    const size_t n = r->n;
    double *M = r->scratch; /* M_ij = sum over i's partners k of a_kj */
    size_t i, j, k, e;

    for (k = 0; k < r->npart; k++) { /* partnerships in force from their year */
        size_t x = orbi_run_index(r, r->part[k].a), y = orbi_run_index(r, r->part[k].b);
        if (r->part[k].year <= r->year && x != (size_t)-1 && y != (size_t)-1)
            r->partner[x * n + y] = r->partner[y * n + x] = 1;
    }
    for (i = 0; i < n; i++) {
        double *row = &M[i * n];
        memset(row, 0, n * sizeof *row);
        for (k = 0; k < n; k++) {
            const double *ak = &r->aff[k * n];
            if (k == i || !linked(r, i * n + k)) continue;
            for (j = 0; j < n; j++)
                row[j] += ak[j];
        }
    }
    for (i = 0; i < n; i++) {
        size_t di = 0;
        for (k = 0; k < n; k++)
            di += k != i && linked(r, i * n + k);
        r->deg[i] = (double)di;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            size_t ij = i * n + j, ji = j * n + i;
            double a = r->aff[ij], L = linked(r, ij), cnt, target, na;
            /* drop j from i's partners' sum (a_jj = 1) and i from j's */
            cnt = r->deg[i] + r->deg[j] - 2 * L;
            target = cnt > 0 ? (M[ij] - L * 1.0 + M[ji] - L * 1.0) / cnt : a;
            na = a + c + rv * a + pa * L + b * (target - a) + md * r->dispute[ij];
            r->aff[ij] = r->aff[ji] = na; /* M is read-only below; a_ij is not reused */
        }
    for (e = 0; e < r->nevent; e++) { /* this year's scenario events */
        const orb_event *ev = &r->event[e];
        size_t x, y;
        if (ev->year != r->year) continue;
        x = orbi_run_index(r, ev->source);
        y = orbi_run_index(r, ev->target);
        if (x == (size_t)-1 || y == (size_t)-1 || x == y) continue;
        r->aff[x * n + y] += eta * ev->goldstein;
        r->aff[y * n + x] = r->aff[x * n + y];
    }
    for (i = 0; i < n * n; i++) /* clamp */
        r->aff[i] = r->aff[i] > 1 ? 1 : (r->aff[i] < -1 ? -1 : r->aff[i]);
    for (i = 0; i < n; i++)
        r->aff[i * n + i] = 1;
}
