/*
 * unsc.h - the UN Security Council as a voting game (Charter Art. 27):
 * a draft passes with at least nine votes in favour and no permanent
 * member voting against. Power indices of such games, for checks
 * (MODELS.md T11) and for users.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_UNSC_H
#define ORBIS_UNSC_H

#include <stddef.h>

#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Members of the Council and votes needed (Art. 23, 27(3)). */
#define ORB_UNSC_MEMBERS   15
#define ORB_UNSC_PERMANENT 5
#define ORB_UNSC_QUOTA     9

/*
 * Power indices of the simple game of n players (n <= 24) in which a
 * coalition wins iff it has at least quota members and includes the first
 * nveto players. Outputs (any may be NULL) are n values each:
 * shapley_out (Shapley-Shubik), banzhaf_out (normalised to sum to one),
 * banzhaf_abs_out (swings / 2^(n-1)) and swings_out (Banzhaf swing counts).
 * ORB_EINVAL for n = 0, n > 24, quota > n or nveto > n. Cost: O(2^n n).
 */
orb_status orb_voting_power(size_t n, size_t quota, size_t nveto, double *shapley_out,
                            double *banzhaf_out, double *banzhaf_abs_out, size_t *swings_out);

/*
 * Does a draft pass? votes[k] is +1 (yes), 0 (abstain or absent) or -1 (no)
 * for the fifteen members, the permanent members first. Returns 1 if it has
 * nine yes votes and no permanent member's no; *veto_out (may be NULL) gets
 * the index of the first permanent member voting no on a draft with nine yes
 * votes (a veto: the draft fails only because of it), else -1.
 */
int orb_unsc_passes(const int votes[ORB_UNSC_MEMBERS], int *veto_out);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_UNSC_H */
