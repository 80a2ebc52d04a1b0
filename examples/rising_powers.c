/*
 * rising_powers.c - liborbis in forty lines: run a scenario and follow the
 * CINC shares of four powers year by year.
 *
 *   build/examples/rising_powers [SCENARIO.yaml]   (default scenarios/beijing-2024.yaml)
 *
 * Uses only the public API (include/orbis/). The shipped tables are read from
 * $ORBIS_TABLES, or ./data. Compile against the library:
 *   cc -std=c11 -Iinclude examples/rising_powers.c build/liborbis.a \
 *      -ligraph -lgsl -lgslcblas -lyaml -lm
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>

#include "orbis/orbis.h"

int main(int argc, char **argv)
{
    static const char *const powers[] = {"CHN", "USA", "IND", "RUS"};
    const char *dir = getenv("ORBIS_TABLES") ? getenv("ORBIS_TABLES") : "data";
    const char *path = argc > 1 ? argv[1] : "scenarios/beijing-2024.yaml";
    orb_tables *t = NULL;
    orb_scenario *s = NULL;
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    size_t idx[4], k;
    int rc = 1;

    /* Each call returns ORB_OK or a status with a printable message in e. */
    if (orb_tables_load(dir, &t, &e) != ORB_OK || orb_scenario_load(path, t, &s, &e) != ORB_OK ||
        orb_world_new(t, NULL, orb_scenario_start(s), &w, &e) != ORB_OK) {
        fprintf(stderr, "rising_powers: %s\n", e.msg);
        goto done;
    }
    o.seed = orb_scenario_seed(s);
    if (orb_run_new(w, s, &o, &r, &e) != ORB_OK) {
        fprintf(stderr, "rising_powers: %s\n", e.msg);
        goto done;
    }
    for (k = 0; k < 4; k++)
        idx[k] = orb_world_index(w, orb_tables_find_in(t, powers[k], orb_world_year(w)));
    printf("year   CHN    USA    IND    RUS   (CINC shares, one run of %s)\n",
           orb_scenario_name(s));
    do { /* the start year, then one line per step until ORB_DONE */
        printf("%d", orb_run_year(r));
        for (k = 0; k < 4; k++)
            printf(" %.4f", orb_run_share(r, idx[k], ORB_MEASURE_CINC));
        printf("\n");
    } while (orb_run_step(r) == ORB_OK);
    rc = 0;
done:
    orb_run_free(r);
    orb_world_free(w);
    orb_scenario_free(s);
    orb_tables_free(t);
    return rc;
}
