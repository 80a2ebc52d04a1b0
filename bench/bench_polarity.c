/*
 * bench_polarity.c - time loading the tables and the full 1816-2022 panel,
 * and computing polarity for all 207 years under each measure.
 *
 * SPDX-License-Identifier: MIT
 */
#include "bench.h"

#include <stdlib.h>

#include "orbis/orbis.h"

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return (v && v[0]) ? v : fallback;
}

int main(void)
{
    const char *raw = env_or("ORBIS_DATA", "../shared/data");
    const char *tab = env_or("ORBIS_TABLES", "data");
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_error e;
    double sink = 0, power[400];
    size_t rank[400], nrank, state_years = 0;
    int m;

    if (orb_tables_load(tab, &t, &e) != ORB_OK || orb_panel_load(raw, t, &p, &e) != ORB_OK) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    printf("bench_polarity: panel of %zu state-years, %d years\n", orb_panel_nrows(p),
           ORB_LAST_YEAR - ORB_FIRST_YEAR + 1);
    BENCH("load tables (data/)", 20, {
        orb_tables *t2 = NULL;
        orb_tables_load(tab, &t2, NULL);
        orb_tables_free(t2);
    });
    BENCH("load full panel (NMC v7 + Fariss + WB)", 5, {
        orb_panel *p2 = NULL;
        orb_panel_load(raw, t, &p2, NULL);
        orb_panel_free(p2);
    });
    BENCH("build 207 worlds (1816-2022)", 20, {
        int y;
        for (y = ORB_FIRST_YEAR; y <= ORB_LAST_YEAR; y++) {
            orb_world *w = NULL;
            orb_world_new(t, p, y, &w, NULL);
            orb_world_free(w);
        }
    });
    for (m = 0; m < ORB_NMEASURES; m++) {
        char name[80];
        int majors;
        for (majors = 0; majors <= 1; majors++) {
            snprintf(name, sizeof name, "polarity, 207 years, %s, %s",
                     orb_measure_name((orb_measure)m), majors ? "majors" : "all states");
            state_years = 0;
            BENCH(name, 20, {
                int y;
                state_years = 0;
                for (y = ORB_FIRST_YEAR; y <= ORB_LAST_YEAR; y++) {
                    orb_world *w = NULL;
                    orb_polarity pol;
                    orb_world_new(t, p, y, &w, NULL);
                    if (orb_world_polarity(w, (orb_measure)m, majors, NULL, &pol, power, rank,
                                           &nrank, NULL) == ORB_OK)
                        sink += pol.c.hhi;
                    state_years += orb_world_nstates(w);
                    orb_world_free(w);
                }
            });
        }
    }
    {
        double w0 = bench_wall(), secs;
        int y, reps = 20, r;
        for (r = 0; r < reps; r++)
            for (y = ORB_FIRST_YEAR; y <= ORB_LAST_YEAR; y++) {
                orb_world *w = NULL;
                orb_polarity pol;
                orb_world_new(t, p, y, &w, NULL);
                orb_world_polarity(w, ORB_MEASURE_CINC, 0, NULL, &pol, power, rank, &nrank, NULL);
                sink += pol.c.con;
                orb_world_free(w);
            }
        secs = bench_wall() - w0;
        printf("throughput: %.0f state-years/s (CINC polarity incl. world build; %zu state-years "
               "per pass)\n",
               (double)state_years * reps / secs, state_years);
    }
    printf("(checksum %.6f)\n", sink);
    orb_panel_free(p);
    orb_tables_free(t);
    return 0;
}
