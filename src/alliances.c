/*
 * alliances.c - the alliance phase: the scenario's alliance changes, then
 * pacts that form and lapse by the estimated logits, then blocs.
 *
 *   P(form_ij)  = logistic(f0 + f_a a_ij + f_l land_ij + f_d ln d_ij
 *                          + f_t (ln T_i + ln T_j))       unallied pairs
 *   P(lapse_ij) = logistic(l0 + l_a a_ij)                  allied pairs
 *
 * Blocs are communities of the network whose edges are pacts (weight 1) and
 * pairs with affinity above blocs.affinity_edge (weight a_ij), found by
 * igraph's fast greedy modularity optimisation (Clauset, Newman & Moore
 * 2004), which is deterministic; a bloc has two or more states.
 * Cost: O(N^2) per year for the pacts; the bloc detection is igraph's
 * O(E d log N) on E edges, and it allocates inside igraph (the one place a
 * step allocates; see docs/model.md).
 *
 * Threads: Debian's igraph is built without thread safety (its error
 * handlers and some state are process-wide), so every call into igraph is
 * made behind one process-wide lock, and igraph's error and warning
 * handlers are set once, at the first bloc detection, to ones that neither
 * print nor abort (errors come back as return codes). That is the one
 * process-wide state the library sets; a program that uses igraph itself
 * gets those handlers too (docs/hacking.md).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <string.h>

#include <igraph/igraph.h>

#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* The alliance phase's own record: the named alliances a scenario may join,
 * leave, form or end (NATO from the start), and work space. */
typedef struct alliances {
    size_t nalliance;
    char name[ORBI_MAX_ALLIANCES][48];
    unsigned char *member; /* [ORBI_MAX_ALLIANCES * n] member[a * n + i] */
    double *lnthreat;      /* [n] ln threat this year, NaN if none */
    /* a row's pact proposals (orbi_sparse_draw) */
    double *feta;         /* [n] log-odds of the unallied pairs */
    size_t *fj;           /* [n] their j */
    unsigned char *fhit;  /* [n] proposed */
    unsigned char *fprop; /* [n] by j */
} alliances;

static const orbi_array alliances_arrays[] = {
    ORBI_ARRAY(alliances, member, ORBI_MAX_ALLIANCES, ORBI_DIM_N),
    ORBI_SCRATCH(alliances, lnthreat, 1, ORBI_DIM_N),
    ORBI_SCRATCH(alliances, feta, 1, ORBI_DIM_N),
    ORBI_SCRATCH(alliances, fj, 1, ORBI_DIM_N),
    ORBI_SCRATCH(alliances, fhit, 1, ORBI_DIM_N),
    ORBI_SCRATCH(alliances, fprop, 1, ORBI_DIM_N),
};

static void tie(orb_run *r, size_t i, size_t j, unsigned char v)
{
    const size_t n = r->sim->n;

    if (i == j) return;
    r->ally[i * n + j] = r->ally[j * n + i] = v;
}

/* Apply one scenario change; names were checked at orb_sim_new. */
static void apply_change(orb_run *r, alliances *A, const orb_alliance_change *c)
{
    const size_t n = r->sim->n;
    size_t a, k, m;
    unsigned char *member = NULL;

    for (a = 0; a < A->nalliance; a++)
        if (strcmp(A->name[a], c->alliance) == 0) member = &A->member[a * n];
    if (strcmp(c->action, "form") == 0) {
        if (member == NULL) {
            if (A->nalliance == ORBI_MAX_ALLIANCES) return;
            orbi_strlcpy(A->name[A->nalliance], c->alliance, sizeof A->name[0]);
            member = &A->member[A->nalliance++ * n];
        }
        memset(member, 0, n);
    }
    if (member == NULL) return;
    for (m = 0; m < c->nmembers; m++) {
        size_t x = orbi_sim_index(r->sim, c->members[m]);
        if (x == (size_t)-1) continue;
        if (strcmp(c->action, "leave") == 0) {
            member[x] = 0;
            for (k = 0; k < n; k++)
                if (member[k]) tie(r, x, k, 0);
        } else if (strcmp(c->action, "end") != 0) { /* join, form: the regime checks each pact */
            member[x] = 1;
        }
    }
    if (strcmp(c->action, "end") == 0) {
        for (k = 0; k < n; k++)
            for (m = 0; m < n; m++)
                if (member[k] && member[m]) tie(r, k, m, 0);
        memset(member, 0, n);
        return;
    }
    for (k = 0; k < n; k++) /* every member is tied to every other, if the regime permits */
        for (m = k + 1; m < n; m++)
            if (member[k] && member[m] && !r->ally[k * n + m] &&
                orbi_order_act(r, ORB_ACT_PACT, k, m, 0, NAN))
                tie(r, k, m, 1);
}

static pthread_once_t igraph_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t igraph_lock = PTHREAD_MUTEX_INITIALIZER;

static void igraph_setup(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

static size_t blocs_locked(size_t n, const unsigned char *ally, const double *aff, double thr,
                           int *bloc, double *modularity);

size_t orbi_blocs(size_t n, const unsigned char *ally, const double *aff, double thr, int *bloc,
                  double *modularity)
{
    size_t nb;

    pthread_once(&igraph_once, igraph_setup);
    pthread_mutex_lock(&igraph_lock);
    nb = blocs_locked(n, ally, aff, thr, bloc, modularity);
    pthread_mutex_unlock(&igraph_lock);
    return nb;
}

static size_t blocs_locked(size_t n, const unsigned char *ally, const double *aff, double thr,
                           int *bloc, double *modularity)
{
    igraph_t g;
    igraph_vector_int_t edges, memb;
    igraph_vector_t w, mod;
    igraph_matrix_int_t merges;
    size_t i, j, ne = 0, nb = 0;

    *modularity = NAN;
    for (i = 0; i < n; i++)
        bloc[i] = -1;
    if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) return 0;
    if (igraph_vector_init(&w, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&edges);
        return 0;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double a = aff[i * n + j], wt = ally[i * n + j] + (a > thr ? a : 0.0);
            if (!(wt > 0)) continue;
            if (igraph_vector_int_push_back(&edges, (igraph_integer_t)i) ||
                igraph_vector_int_push_back(&edges, (igraph_integer_t)j) ||
                igraph_vector_push_back(&w, wt))
                goto out;
            ne++;
        }
    if (ne == 0) goto out;
    if (igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS)
        goto out;
    if (igraph_vector_int_init(&memb, 0) == IGRAPH_SUCCESS) {
        if (igraph_vector_init(&mod, 0) == IGRAPH_SUCCESS) {
            if (igraph_matrix_int_init(&merges, 0, 0) == IGRAPH_SUCCESS) {
                if (igraph_community_fastgreedy(&g, &w, &merges, &mod, &memb) == IGRAPH_SUCCESS) {
                    double best = -1;
                    for (i = 0; i < (size_t)igraph_vector_size(&mod); i++)
                        if (VECTOR(mod)[i] > best) best = VECTOR(mod)[i];
                    for (i = 0; i < n; i++) { /* a bloc has two or more states */
                        size_t c = 0;
                        for (j = 0; j < n; j++)
                            c += VECTOR(memb)[j] == VECTOR(memb)[i];
                        bloc[i] = c >= 2 ? (int)VECTOR(memb)[i] : -1;
                    }
                    for (i = 0; i < n; i++) { /* count blocs by their first member */
                        if (bloc[i] < 0) continue;
                        for (j = 0; j < i && bloc[j] != bloc[i]; j++) {
                        }
                        nb += j == i;
                    }
                    *modularity = best;
                }
                igraph_matrix_int_destroy(&merges);
            }
            igraph_vector_destroy(&mod);
        }
        igraph_vector_int_destroy(&memb);
    }
    igraph_destroy(&g);
out:
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&w);
    return nb;
}

void orbi_alliances_blocs_stale(orb_run *r)
{
    r->m.blocs = ORB_BLOCS_UNKNOWN;
    r->m.modularity = NAN;
    r->blocs_year = INT_MIN;
}

void orb_run_blocs(const orb_run *run)
{
    orb_run *r = (orb_run *)(uintptr_t)run; /* the bloc cache only (run.h) */

    if (r == NULL || r->blocs_year == r->year) return;
    r->m.blocs = orbi_blocs(r->sim->n, r->ally, r->aff, r->sim->par.v[ORBI_P_BLOC_AFF], r->bloc,
                            &r->m.modularity);
    r->blocs_year = r->year;
}

static void alliances_step(orb_run *r, void *self)
{
    alliances *A = self;
    const orb_sim *s = r->sim;
    const double *P = s->par.v, *lt = A->lnthreat;
    const size_t n = s->n;
    size_t i, j, c;

    for (c = 0; c < s->nachange; c++)
        if (s->achange[c].year == r->year) apply_change(r, A, &s->achange[c]);
    for (i = 0; i < n; i++) /* ln threat, once a state */
        A->lnthreat[i] = r->threat[i] > 0 ? log(r->threat[i]) : NAN;
    for (i = 0; i < n; i++) {
        const uint64_t yr = (uint64_t)r->year;
        size_t m = 0, q;
        /* the row's proposals first (orbi_sparse_draw): their log-odds read
         * affinity, geography and the threat of the phase's start, which no
         * action of the row changes, and a pair's pact moves only with its own */
        for (j = i + 1; j < n; j++) {
            size_t ij = i * n + j;
            double p;
            A->fprop[j] = 0;
            if (r->ally[ij] || isnan(lt[i]) || isnan(lt[j])) continue;
            p = P[ORBI_P_ALLY_FCONST] + P[ORBI_P_ALLY_FAFF] * r->aff[ij] +
                P[ORBI_P_ALLY_FLAND] * (s->contig[ij] == 1) + P[ORBI_P_ALLY_FLNDIST] * s->lnd[ij] +
                P[ORBI_P_ALLY_FTHREAT] * (lt[i] + lt[j]);
            A->feta[m] = p;
            A->fj[m++] = j;
        }
        orbi_sparse_draw(r, yr, ORBI_DRAW_FORM, i, n, m, A->fj, A->feta, A->fhit);
        for (q = 0; q < m; q++)
            A->fprop[A->fj[q]] = A->fhit[q];
        for (j = i + 1; j < n; j++) { /* then each pair in order */
            size_t ij = i * n + j;
            double a = r->aff[ij], p;
            if (r->ally[ij]) {
                p = orbi_logistic(P[ORBI_P_ALLY_LCONST] + P[ORBI_P_ALLY_LAFF] * a);
                if (orbi_uniform4(r, yr, ORBI_DRAW_LAPSE, ij) < p) tie(r, i, j, 0);
                continue;
            }
            if (!A->fprop[j]) continue;
            p = P[ORBI_P_ALLY_FCONST] + P[ORBI_P_ALLY_FAFF] * a +
                P[ORBI_P_ALLY_FLAND] * (s->contig[ij] == 1) + P[ORBI_P_ALLY_FLNDIST] * s->lnd[ij] +
                P[ORBI_P_ALLY_FTHREAT] * (lt[i] + lt[j]);
            if (orbi_order_act(r, ORB_ACT_PACT, i, j, 0, p)) tie(r, i, j, 1);
        }
    }
    orbi_alliances_blocs_stale(r);
}

/* The start year's pacts (ATOP), NATO (Canada and its pact partners), blocs. */
static orb_status alliances_init(orb_run *r, void *self, const orb_world *w,
                                 const orb_scenario *scn, orb_error *err)
{
    alliances *A = self;
    const size_t n = r->sim->n;
    size_t j, k = orb_world_index(w, ORBI_NATO_ANCHOR);

    (void)scn;
    (void)err;
    memcpy(r->ally, w->ally, n * n);
    if (k != (size_t)-1) {
        unsigned char *member = &A->member[A->nalliance * n];
        orbi_strlcpy(A->name[A->nalliance++], "NATO", sizeof A->name[0]);
        member[k] = 1;
        for (j = 0; j < n; j++)
            if (r->ally[k * n + j]) member[j] = 1;
    }
    orbi_alliances_blocs_stale(r);
    return ORB_OK;
}

const orbi_phase orbi_phase_alliances = {
    .name = "alliances",
    .size = sizeof(alliances),
    .arrays = alliances_arrays,
    .narrays = sizeof alliances_arrays / sizeof alliances_arrays[0],
    .init = alliances_init,
    .step = alliances_step,
};
