/*
 * relations.c - the relations phase. Each state's UNGA ideal point moves
 * around its own long-run level,
 *
 *   ip_i <- mu_i + phi (ip_i - mu_i) + sigma e_i,      e_i ~ N(0, 1),
 *
 * and affinity is the ideal points' affinity g(ip_i, ip_j) = 1 - 2|ip_i -
 * ip_j| / R (R the range of that year's ideal points) plus a dyadic part d_ij = a_ij - g that
 * pacts, structural balance, disputes, scenario events and the order's
 * actions move and that decays at its own persistence delta (an assumption):
 *
 *   d_ij <- delta d_ij + p L_ij + b (B_ij - a_ij) + m D_ij
 *   a_ij <- g(ip_i', ip_j') + d_ij + eta sum(Goldstein weights of events)
 *
 * L_ij = 1 for a defence pact (or a declared partnership, when
 * relations.partner_as_ally is 1), D_ij = 1 if the pair had a dispute onset
 * the year before, and B_ij the structural-balance target: the mean of i's
 * linked partners' affinity to j and of j's partners' affinity to i
 * (orbi_balance_target; a_ij when neither has partners). A state without an
 * ideal point has g = 0 with everyone. Affinity stays symmetric and in
 * [-1, 1]. Cost: O(N^2 + nnz(L) N) per year (the balance sums use the
 * sparse L). docs/model.md 5b has the estimates.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* The relations phase's own record: work space only. */
typedef struct relations {
    unsigned char *link; /* [n * n] L_ij this year */
    double *M;           /* [n * n] balance sums */
    double *deg;         /* [n] linked partners */
    double *next;        /* [n] next year's ideal points */
} relations;

static const orbi_array relations_arrays[] = {
    ORBI_SCRATCH(relations, link, 1, ORBI_DIM_NN),
    ORBI_SCRATCH(relations, M, 1, ORBI_DIM_NN),
    ORBI_SCRATCH(relations, deg, 1, ORBI_DIM_N),
    ORBI_SCRATCH(relations, next, 1, ORBI_DIM_N),
};

/* The ideal points' part of affinity: 0 when either state has none. */
static double ideal_affinity(double ip_i, double ip_j, double range)
{
    double a = orbi_affinity(ip_i, ip_j, range);
    return isnan(a) ? 0.0 : a;
}

void orbi_balance_sums(size_t n, const unsigned char *link, const double *aff, int all_known,
                       double *M, double *C, double *deg)
{
    size_t i, j, k;

    for (i = 0; i < n; i++) {
        double *row = &M[i * n], *cnt = C ? &C[i * n] : NULL;
        size_t di = 0;
        memset(row, 0, n * sizeof *row);
        if (cnt) memset(cnt, 0, n * sizeof *cnt);
        for (k = 0; k < n; k++) {
            const double *ak = &aff[k * n];
            if (k == i || !link[i * n + k]) continue;
            di++;
            if (all_known) {
                for (j = 0; j < n; j++)
                    row[j] += ak[j];
            } else {
                for (j = 0; j < n; j++)
                    if (!isnan(ak[j])) {
                        row[j] += ak[j];
                        cnt[j] += 1;
                    }
            }
        }
        if (deg) deg[i] = (double)di;
    }
}

double orbi_balance_target(size_t n, const unsigned char *link, const double *aff, const double *M,
                           const double *C, const double *deg, size_t i, size_t j)
{
    const size_t ij = i * n + j, ji = j * n + i;
    const double a = aff[ij];
    /* drop j from i's partners' sum (a_jj = 1) and i from j's */
    double L = link[ij], Lj = L, Li = L, cnt;

    if (C != NULL) { /* with unknown affinities, only the known ones were summed */
        Lj = (L != 0 && !isnan(aff[j * n + j])) ? 1.0 : 0.0;
        Li = (L != 0 && !isnan(aff[i * n + i])) ? 1.0 : 0.0;
        cnt = C[ij] - Lj + C[ji] - Li;
        if (!(cnt > 0)) return a;
        return (M[ij] - Lj * aff[j * n + j] + M[ji] - Li * aff[i * n + i]) / cnt;
    }
    cnt = deg[i] + deg[j] - 2 * L;
    return cnt > 0 ? (M[ij] - L * aff[j * n + j] + M[ji] - L * aff[i * n + i]) / cnt : a;
}

void orbi_relations_shift(orb_run *r, size_t i, size_t j, double d)
{
    const size_t n = r->sim->n;
    double a = r->aff[i * n + j] + d;

    r->aff[i * n + j] = r->aff[j * n + i] = a > 1 ? 1 : (a < -1 ? -1 : a);
}

/* Partnerships the scenario declared by this year are in force. */
static void partnerships(orb_run *r, int year)
{
    const orb_sim *s = r->sim;
    const size_t n = s->n;
    size_t k;

    for (k = 0; k < s->npart; k++) {
        size_t x = orbi_sim_index(s, s->part[k].a), y = orbi_sim_index(s, s->part[k].b);
        if (s->part[k].year <= year && x != (size_t)-1 && y != (size_t)-1)
            r->partner[x * n + y] = r->partner[y * n + x] = 1;
    }
}

static void relations_step(orb_run *r, void *self)
{
    relations *rl = self;
    const orb_sim *s = r->sim;
    const double *P = s->par.v;
    const double phi = P[ORBI_P_REL_PERSIST], sd = P[ORBI_P_REL_SHOCK], pa = P[ORBI_P_REL_ALLY];
    const double b = P[ORBI_P_REL_BAL], md = P[ORBI_P_REL_MID], eta = P[ORBI_P_REL_EVENT];
    const double delta = P[ORBI_P_REL_DYAD];
    const int partner_as_ally = P[ORBI_P_REL_PARTNER] != 0;
    const unsigned char *dispute = orbi_onsets(r, r->year - 1); /* last year's onsets */
    const size_t n = s->n;
    size_t i, j, e;
    double R, R1;

    partnerships(r, r->year);
    for (i = 0; i < n * n; i++) /* L_ij: a pact, or a partnership counted as one */
        rl->link[i] = (unsigned char)(r->ally[i] || (partner_as_ally && r->partner[i]));
    orbi_balance_sums(n, rl->link, r->aff, 1, rl->M, NULL, rl->deg);
    for (i = 0; i < n; i++) { /* the ideal points move around their long-run levels */
        const double ip = r->ideal[i], mu = s->ideal_mean[i];
        rl->next[i] = isnan(ip)
                          ? NAN
                          : mu + phi * (ip - mu) +
                                sd * orb_rng_normal(&r->rng, (uint64_t)r->year, ORBI_DRAW_IDEAL, i);
    }
    R = orbi_ideal_range(r->ideal, n);
    R1 = orbi_ideal_range(rl->next, n);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            size_t ij = i * n + j, ji = j * n + i;
            double a = r->aff[ij], L = rl->link[ij],
                   d = a - ideal_affinity(r->ideal[i], r->ideal[j], R),
                   target = orbi_balance_target(n, rl->link, r->aff, rl->M, NULL, rl->deg, i, j);
            d = delta * d + pa * L + b * (target - a) + md * dispute[ij];
            /* M is read-only below; a_ij is not reused */
            r->aff[ij] = r->aff[ji] = ideal_affinity(rl->next[i], rl->next[j], R1) + d;
        }
    memcpy(r->ideal, rl->next, n * sizeof *r->ideal);
    for (e = 0; e < s->nevent; e++) { /* this year's scenario events */
        const orb_event *ev = &s->event[e];
        size_t x, y;
        if (ev->year != r->year) continue;
        x = orbi_sim_index(s, ev->source);
        y = orbi_sim_index(s, ev->target);
        if (x == (size_t)-1 || y == (size_t)-1 || x == y) continue;
        r->aff[x * n + y] += eta * ev->goldstein;
        r->aff[y * n + x] = r->aff[x * n + y];
    }
    for (i = 0; i < n * n; i++) /* clamp */
        r->aff[i] = r->aff[i] > 1 ? 1 : (r->aff[i] < -1 ? -1 : r->aff[i]);
    for (i = 0; i < n; i++)
        r->aff[i * n + i] = 1;
}

/* Ideal points and affinity of the start year; the partnerships in force. */
static orb_status relations_init(orb_run *r, void *self, const orb_world *w,
                                 const orb_scenario *scn, orb_error *err)
{
    const orb_sim *s = r->sim;
    const size_t n = s->n;
    size_t i, j;

    (void)self;
    (void)scn;
    (void)err;
    memcpy(r->ideal, s->ideal, n * sizeof *r->ideal);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            r->aff[i * n + j] =
                i == j ? 1.0 : ideal_affinity(s->ideal[i], s->ideal[j], s->ideal_range);
    partnerships(r, w->year);
    return ORB_OK;
}
const orbi_phase orbi_phase_relations = {
    .name = "relations",
    .size = sizeof(relations),
    .arrays = relations_arrays,
    .narrays = sizeof relations_arrays / sizeof relations_arrays[0],
    .init = relations_init,
    .step = relations_step,
};
