/*
 * polarity.h - concentration and polarity of the international system.
 *
 * Given power shares S_i that sum to one over N states:
 *   CON  = sqrt((sum S_i^2 - 1/N) / (1 - 1/N))   Singer, Bremer & Stuckey (1972)
 *   HHI  = sum S_i^2                             (Herfindahl-Hirschman)
 *   Neff = 1 / HHI                               (Laakso & Taagepera 1979)
 * poles: states whose share is at least pole_share of the total (default
 * 0.10, the ten-per-cent rule Modelski & Thompson 1988 use for global powers,
 * applied to the chosen measure); parity: the challenger (rank 2) has at
 * least parity_ratio of the leader's power (default 0.80, Organski & Kugler
 * 1980); a transition is the year the leader changes.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_POLARITY_H
#define ORBIS_POLARITY_H

#include <stddef.h>

#include "orbis/data.h"
#include "orbis/power.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parameters of the polarity measures; start from orb_polarity_opts_default(). */
typedef struct orb_polarity_opts {
    double pole_share;   /* share of the total that makes a pole, (0, 1]; 0.10 */
    double parity_ratio; /* challenger/leader ratio that counts as parity, (0, 1]; 0.80 */
    orb_cinc_rule rule;  /* CINC missing-component rule; ORB_CINC_CODEBOOK */
} orb_polarity_opts;

/* The documented defaults (pole_share 0.10, parity_ratio 0.80, codebook rule). */
orb_polarity_opts orb_polarity_opts_default(void);

/* Check that every field is in its valid range: ORB_OK or ORB_EINVAL (with a message). */
orb_status orb_polarity_opts_check(const orb_polarity_opts *opts, orb_error *err);

/* Concentration of one share vector. */
typedef struct orb_concentration {
    size_t n;    /* states with a share (NaN entries are skipped) */
    double con;  /* SBS CON in [0, 1]; NaN when n < 2 */
    double hhi;  /* Herfindahl-Hirschman index in [1/n, 1] */
    double neff; /* effective number of poles, 1/HHI */
} orb_concentration;

/*
 * Concentration of n values (NaN entries skipped). The values are normalised
 * to sum to one first, so raw CINC scores may be passed. Returns ORB_EINVAL
 * for a negative or infinite value, or when the values sum to zero.
 * Cost: O(n).
 */
orb_status orb_concentration_compute(const double *values, size_t n, orb_concentration *out);

/* The polarity of a world in one year under one measure. */
typedef struct orb_polarity {
    int year;                /* the world's year */
    orb_measure measure;     /* the power measure */
    int majors_only;         /* 1 if computed among the COW major powers */
    orb_concentration c;     /* CON, HHI, Neff over the states considered */
    size_t npoles;           /* states with share >= pole_share */
    size_t leader;           /* world index of rank 1, (size_t)-1 if none */
    size_t challenger;       /* world index of rank 2, (size_t)-1 if none */
    double leader_share;     /* normalised share of the leader */
    double challenger_share; /* normalised share of the challenger */
    double ratio;            /* challenger / leader power, NaN if no challenger */
    int parity;              /* 1 if ratio >= parity_ratio */
    double gs_share;         /* Global South (G77 + China) share of the total */
} orb_polarity;

/*
 * Polarity of world under measure, among all states (majors_only = 0) or
 * the COW major powers of that year (majors_only = 1). If power_out is not
 * NULL it receives orb_world_nstates() values: each state's power under the
 * measure within the subset (see orb_world_power), NaN when excluded.
 * If rank_out is not NULL it receives the world indices of the states with a
 * value, by decreasing power (ties by COW code), and *nrank_out their number.
 * Errors: ORB_EINVAL (bad options), ORB_ENODATA (fewer than one state with a
 * value), ORB_ENOMEM. Cost: O(n log n).
 */
orb_status orb_world_polarity(const orb_world *world, orb_measure measure, int majors_only,
                              const orb_polarity_opts *opts, orb_polarity *out, double *power_out,
                              size_t *rank_out, size_t *nrank_out, orb_error *err);

/*
 * Power-transition predicates for a dyad over n consecutive years: a[t] is
 * the dominant state's power and b[t] the challenger's. parity_out[t] = 1
 * when min/max >= parity_ratio; overtake_out[t] = 1 when the order of the two
 * reverses between t-1 and t (never at t = 0). Either output may be NULL.
 * Returns the index of the first overtaking year, or -1 if none.
 */
long orb_transition_scan(const double *a, const double *b, size_t n, double parity_ratio,
                         int *parity_out, int *overtake_out);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_POLARITY_H */
