/*
 * negotiate.h - crisis negotiation: Bueno de Mesquita's expected-utility
 * group decision model in the reading of Scholz, Calbert & Smith (2011), and
 * Fearon's (1995) bargaining model of war. Equations and test vectors:
 * ../shared/docs/MODELS.md sections 1 and 3; docs/model.md "Negotiation".
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_NEGOTIATE_H
#define ORBIS_NEGOTIATE_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/alloc.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the expected-utility model ------------------------------------------ */

/* The four places where published implementations differ, as options. */
typedef enum orb_eu_prob {
    ORB_EU_PROB_ALL_PAIRS = 0,  /* Scholz's code: sum of |votes| over all voters and all pairs */
    ORB_EU_PROB_PAIR_VOTERS = 1 /* dmasad: max(0, sum c s d) / sum c s |d| for the pair only */
} orb_eu_prob;

typedef enum orb_eu_range {
    ORB_EU_RANGE_ACTORS = 0,   /* risk: the danger compared across actors (Scholz) */
    ORB_EU_RANGE_POSITIONS = 1 /* risk: across the positions the actor could hold (BdM's text) */
} orb_eu_range;

typedef enum orb_eu_mu {
    ORB_EU_MU_MEDIAN = 0, /* mu, the status quo forecast in U_b and U_w: the median */
    ORB_EU_MU_MEAN = 1    /* ... or the weighted mean */
} orb_eu_mu;

typedef enum orb_eu_offer {
    ORB_EU_OFFER_SCHOLZ = 0,    /* confrontation > compromise (Scholz's key) > capitulation */
    ORB_EU_OFFER_LEAST_MOVE = 1 /* the acceptable offer that moves the actor least (BdM's text) */
} orb_eu_offer;

/* Options; start from a preset. */
typedef struct orb_eu_opts {
    orb_eu_prob prob;
    orb_eu_range range;
    orb_eu_mu mu;
    orb_eu_offer offer;
    int capitulation_compat; /* 1: keep jmckib's unreachable capitulation branch (Scholz preset) */
    double q;                /* probability the status quo holds without challenge, [0, 1] */
    double t;                /* probability the status quo moves in the actor's favour, [0, 1] */
    double tol;              /* stop when no position moves more than tol x the range */
    const orb_allocator *alloc; /* the model's memory (copied at orb_eu_new); NULL: malloc */
} orb_eu_opts;

/* Presets by name: "scholz" (default; reproduces MODELS.md T2 and T3) and
 * "dmasad" (pair voters, mean, least move). ORB_EINVAL for another name. */
orb_status orb_eu_preset(const char *name, orb_eu_opts *out);

/* One actor: capability > 0, position on the issue scale, salience in [0, 1]. */
typedef struct orb_eu_actor {
    char name[48];
    double c, x, s;
} orb_eu_actor;

/* Kinds of move in the round log. */
typedef enum orb_eu_move {
    ORB_EU_CONFRONTATION = 0, /* the actor expects to lose a confrontation and moves */
    ORB_EU_COMPROMISE = 1,
    ORB_EU_CAPITULATION = 2
} orb_eu_move;

/* One offer an actor received (from its own perspective), accepted or not. */
typedef struct orb_eu_record {
    int round;
    size_t actor, other; /* actor moves because of other's offer */
    orb_eu_move kind;
    double eu_ij, eu_ji; /* the actor's EU of challenging other, and of other challenging it */
    double from, to;     /* positions */
    int accepted;        /* 1 for the offer the actor took (at most one a round) */
} orb_eu_record;

typedef struct orb_eu orb_eu;

/* Limits of orb_eu_new: actors (memory and each round's work grow as n^2) and
 * capability (only ratios matter; sums of products must stay finite). */
#define ORB_EU_MAX_ACTORS     1000
#define ORB_EU_MAX_CAPABILITY 1e100
#define ORB_EU_MAX_POSITION   1e100

/*
 * A model of n actors (2 <= n <= ORB_EU_MAX_ACTORS; names distinct). Errors,
 * each naming the actor: ORB_EINVAL for a capability not in
 * (0, ORB_EU_MAX_CAPABILITY], a salience outside [0, 1], every salience 0, a
 * position not finite or beyond +-ORB_EU_MAX_POSITION, a duplicate name, fewer than two actors or
 * too many, options out of their enums' values or ranges; ORB_ENOMEM. If every actor holds one
 * position the issue is settled: rounds return ORB_DONE at once. Cost: O(n^2) memory.
 */
orb_status orb_eu_new(const orb_eu_actor *actors, size_t n, const orb_eu_opts *opts, orb_eu **out,
                      orb_error *err);
void orb_eu_free(orb_eu *m);

/*
 * One round: risk exponents from the danger levels (all r = 1), then offers
 * and simultaneous moves. Returns ORB_OK, or ORB_DONE (a positive value, not an error)
 * when no position moved more than tol. Cost: O(n^3) (O(n^4) with
 * ORB_EU_RANGE_POSITIONS).
 */
int orb_eu_round(orb_eu *m);

/*
 * Talks run to their end: rounds until no one moves (a fixed point:
 * *period_out 0, the forecast the median) or the positions repeat, within
 * tol x the range, those of k <= ORB_EU_MAX_PERIOD rounds before (a cycle:
 * *period_out k, the forecast the mean of the cycle's k medians), or
 * max_rounds rounds (*period_out -1, the forecast the mean of the last
 * min(max_rounds, ORB_EU_MAX_PERIOD) medians). The model is left at the
 * fixed point or at the cycle's canonical phase, its lexicographically
 * smallest positions, so the outcome does not depend on where in the cycle
 * the talks began or stopped. *rounds_out: the rounds run. Any out pointer
 * may be NULL. ORB_EINVAL if max_rounds < 1. Cost: O(rounds (n^3 + k n)).
 */
#define ORB_EU_MAX_PERIOD 64
orb_status orb_eu_talks(orb_eu *m, int max_rounds, int *period_out, int *rounds_out,
                        double *forecast_out);

size_t orb_eu_n(const orb_eu *m);
int orb_eu_rounds(const orb_eu *m);              /* rounds run */
const double *orb_eu_positions(const orb_eu *m); /* borrowed: current positions */
const double *orb_eu_risk(const orb_eu *m);      /* the last round's risk exponents r_i */
const double *orb_eu_danger(const orb_eu *m);    /* the last round's danger levels (r = 1) */
double orb_eu_median(const orb_eu *m);           /* Condorcet winner (r = 1; Copeland if none) */
double orb_eu_mean(const orb_eu *m);             /* sum c s x / sum c s */
/* Probability that i's position prevails over j's, under the current r. */
double orb_eu_probability(const orb_eu *m, size_t i, size_t j);
/* EU of i challenging j as actor p sees it (p's risk exponent), current state. */
double orb_eu_expected(const orb_eu *m, size_t p, size_t i, size_t j);
/* The last round's offers, the accepted ones marked (borrowed until the next
 * round; each round replaces the log, so memory does not grow with rounds). */
const orb_eu_record *orb_eu_log(const orb_eu *m, size_t *n_out);

/*
 * The forecast's spread under uncertain inputs: runs negotiations of at most
 * rounds rounds (stopping early when stable), each with every actor's
 * capability times exp(ORB_EU_NOISE_CAP z) and salience plus
 * ORB_EU_NOISE_SAL z (kept in [0, 1]), z standard normal from the Philox
 * stream (seed, 0) at counters (run, 1, actor) and (run, 2, actor).
 * forecast_out[r] gets run r's median position. The noise sizes are
 * assumptions (docs/model.md). Errors: those of orb_eu_new; ORB_EINVAL for
 * runs 0 or rounds < 1.
 */
#define ORB_EU_NOISE_CAP 0.10
#define ORB_EU_NOISE_SAL 0.05
orb_status orb_eu_perturbed(const orb_eu_actor *actors, size_t n, const orb_eu_opts *opts,
                            int rounds, size_t runs, uint64_t seed, double *forecast_out,
                            orb_error *err);

/*
 * Read actors from a CSV file with the columns actor, capability, position,
 * salience (any case; other columns are ignored). *actors_out (caller frees
 * with free()) gets *n_out actors. Errors name file:line:column: ORB_EIO,
 * ORB_EPARSE (a malformed row, a missing column, a bad number, a negative
 * capability, a salience outside [0, 1], a duplicate actor), ORB_ENOMEM.
 */
orb_status orb_eu_read_csv(const char *path, orb_eu_actor **actors_out, size_t *n_out,
                           orb_error *err);

/* ---- Fearon (1995) --------------------------------------------------------- */

/* The peaceful settlements [p - c_a, p + c_b] of A's share (clipped to [0, 1]);
 * ORB_EINVAL unless p in [0, 1] and costs >= 0. */
orb_status orb_fearon_range(double p, double c_a, double c_b, double *lo_out, double *hi_out);

/* A's risk-return offer when B's cost is private, c_b ~ U[0, cbar]:
 * x* = p + max(0, (cbar - c_a) / 2) (at most p + cbar), P(war) = (x* - p) / cbar. */
orb_status orb_fearon_offer(double p, double c_a, double cbar, double *x_out, double *pwar_out);

/* Indivisibility: the first of n feasible settlement points inside [lo, hi]
 * (to *choice_out), 1 if there is one, 0 if none (war is then the outcome). */
int orb_fearon_feasible(double lo, double hi, const double *points, size_t n, double *choice_out);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_NEGOTIATE_H */
