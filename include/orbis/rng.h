/*
 * rng.h - counter-based random numbers (Random123 Philox4x64-10).
 *
 * A stream is a Philox key made of (seed, stream index): ensemble member i
 * uses stream i, so its numbers do not depend on which thread or MPI rank
 * runs it. Draws are addressed, not sequential: each draw names a counter
 * (year, purpose, index, extra), so the order in which phases or threads
 * draw cannot change a result. The stream's whole state is its key, which a
 * checkpoint saves by copying the struct.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_RNG_H
#define ORBIS_RNG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A random stream: plain data. */
typedef struct orb_rng {
    uint64_t key[2]; /* Philox key: {seed, stream} */
} orb_rng;

/* The stream (seed, stream). */
void orb_rng_init(orb_rng *rng, uint64_t seed, uint64_t stream);

/* The raw Philox4x64-10 block for counter (c0, c1, c2, c3): four 64-bit words. */
void orb_rng_block(const orb_rng *rng, uint64_t c0, uint64_t c1, uint64_t c2, uint64_t c3,
                   uint64_t out[4]);

/* A uniform draw in (0, 1) (53 bits, never 0 or 1) at counter (c0, c1, c2, 0). */
double orb_rng_uniform(const orb_rng *rng, uint64_t c0, uint64_t c1, uint64_t c2);

/* A standard normal draw at counter (c0, c1, c2, 0), by Box-Muller on the
 * block's first two words. */
double orb_rng_normal(const orb_rng *rng, uint64_t c0, uint64_t c1, uint64_t c2);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_RNG_H */
