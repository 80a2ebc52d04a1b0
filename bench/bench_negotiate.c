/*
 * bench_negotiate.c - ten rounds of the expected-utility model (Scholz
 * preset) for 10, 100 and 1,000 actors with random capability, position
 * and salience: seconds, and the growth exponent between sizes.
 *
 * SPDX-License-Identifier: MIT
 */
#include "bench.h"

#include <math.h>
#include <stdlib.h>

#include "orbis/orbis.h"

static double run(size_t n, int rounds)
{
    orb_eu_actor *a = calloc(n, sizeof *a);
    orb_rng rng;
    orb_eu *m = NULL;
    orb_eu_opts o;
    double t0, t1;
    size_t i;
    int r;

    orb_rng_init(&rng, 2385, n);
    for (i = 0; i < n; i++) {
        snprintf(a[i].name, sizeof a[i].name, "actor%zu", i);
        a[i].c = 0.01 + orb_rng_uniform(&rng, 1, 0, i);
        a[i].x = 100 * orb_rng_uniform(&rng, 2, 0, i);
        a[i].s = orb_rng_uniform(&rng, 3, 0, i);
    }
    orb_eu_preset("scholz", &o);
    t0 = bench_wall();
    if (orb_eu_new(a, n, &o, &m, NULL) != ORB_OK) {
        free(a);
        return NAN;
    }
    for (r = 0; r < rounds; r++)
        orb_eu_round(m);
    t1 = bench_wall();
    orb_eu_free(m);
    free(a);
    return t1 - t0;
}

int main(void)
{
    static const size_t sizes[3] = {10, 100, 1000};
    double sec[3];
    int k;

    /* the Python reference implementation's times for 10 rounds (issue 14,
     * as its author measured them; not rerun here: no Python model here) */
    static const size_t psizes[3] = {10, 15, 25};
    static const double pysec[3] = {2.35, 24.6, 549};

    printf("bench_negotiate: expected-utility model, Scholz preset, 10 rounds\n");
    for (k = 0; k < 3; k++) {
        double t = run(psizes[k], 10);
        printf("  %5zu actors  %10.6f s   Python reference %7.2f s (x%.0f)\n", psizes[k], t,
               pysec[k], pysec[k] / t);
    }
    for (k = 0; k < 3; k++) {
        sec[k] = run(sizes[k], 10);
        printf("  %5zu actors  %10.4f s", sizes[k], sec[k]);
        if (k > 0)
            printf("   x%.0f for x10 actors (exponent %.2f)", sec[k] / sec[k - 1],
                   log10(sec[k] / sec[k - 1]));
        printf("\n");
        fflush(stdout);
    }
    return 0;
}
