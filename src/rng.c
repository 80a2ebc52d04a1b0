/*
 * rng.c - Philox4x64-10 streams (Random123, Salmon et al. 2011, SC'11).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include <Random123/philox.h>

#include "orb_int.h"
#include "run_int.h"

void orb_rng_init(orb_rng *r, uint64_t seed, uint64_t stream)
{
    if (r == NULL) return;
    r->key[0] = seed;
    r->key[1] = stream;
}

void orb_rng_block(const orb_rng *r, uint64_t c0, uint64_t c1, uint64_t c2, uint64_t c3,
                   uint64_t out[4])
{
    philox4x64_ctr_t c = {{c0, c1, c2, c3}}, x;
    philox4x64_key_t k;

    if (r == NULL || out == NULL) return;
    k.v[0] = r->key[0];
    k.v[1] = r->key[1];
    x = philox4x64(c, k);

    out[0] = x.v[0];
    out[1] = x.v[1];
    out[2] = x.v[2];
    out[3] = x.v[3];
}

/* 53 random bits to (0, 1): (x + 0.5) / 2^53. */
static double u01(uint64_t x)
{
    return ((double)(x >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double orb_rng_uniform(const orb_rng *r, uint64_t c0, uint64_t c1, uint64_t c2)
{
    if (r == NULL) return NAN;
    uint64_t b[4];

    orb_rng_block(r, c0, c1, c2, 0, b);
    return u01(b[0]);
}

double orb_rng_normal(const orb_rng *r, uint64_t c0, uint64_t c1, uint64_t c2)
{
    if (r == NULL) return NAN;
    const double two_pi = 6.283185307179586476925;
    uint64_t b[4];

    orb_rng_block(r, c0, c1, c2, 0, b);
    return sqrt(-2.0 * log(u01(b[0]))) * cos(two_pi * u01(b[1]));
}

double orbi_uniform4(orb_run *r, uint64_t year, uint64_t purpose, uint64_t idx)
{
    orbi_ublock *e = &r->ucache[purpose % ORBI_UCACHE];
    const uint64_t ctr = idx >> 2;

    if (!e->ok || e->ctr != ctr || e->year != year || e->purpose != purpose) {
        orb_rng_block(&r->rng, year, purpose, ctr, 0, e->w);
        e->year = year;
        e->purpose = purpose;
        e->ctr = ctr;
        e->ok = 1;
    }
    return u01(e->w[idx & 3]);
}
