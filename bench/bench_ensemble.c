/*
 * bench_ensemble.c - ensembles of the full world 2022 -> 2050
 * (beijing-2024.yaml): runs per second and state-years per second on 1 and
 * 2 threads (orb_ensemble_run, results counted, not stored), the parallel
 * efficiency, and the same into a results store (SQLite) on 2 threads.
 * bench/bench_mpi.sh measures 1 and 2 MPI ranks.
 *
 * SPDX-License-Identifier: MIT
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "orbis/orbis.h"

static int count(const orb_run_result *r, void *ud)
{
    *(double *)ud += r->metrics[r->nyears * r->nmetrics - 1];
    return 0;
}

static int store_it(const orb_run_result *r, void *ud)
{
    return orb_store_add(ud, r, NULL) != ORB_OK;
}

int main(void)
{
    const char *tab = getenv("ORBIS_TABLES") ? getenv("ORBIS_TABLES") : "data";
    orb_tables *t = NULL;
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *sim = NULL;
    orb_error e;
    size_t runs = 40, n;
    double sink = 0, rate[3] = {0};
    unsigned th;
    int years;

    if (orb_tables_load(tab, &t, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", t, &s, &e) != ORB_OK ||
        orb_world_new(t, NULL, 2022, &w, &e) != ORB_OK || orb_sim_new(w, s, NULL, &sim, &e)) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    n = orb_sim_nstates(sim);
    years = orb_sim_end_year(sim) - orb_sim_start_year(sim);
    printf("bench_ensemble: %zu states, %d years, %zu runs per measurement, %ld cores\n", n, years,
           runs, sysconf(_SC_NPROCESSORS_ONLN));
    for (th = 1; th <= 2; th++) {
        orb_ensemble_opts o = orb_ensemble_opts_default();
        double w0, w1;
        o.runs = runs;
        o.threads = th;
        w0 = bench_wall();
        if (orb_ensemble_run(sim, &o, count, &sink, &e) != ORB_OK) {
            fprintf(stderr, "bench: %s\n", e.msg);
            return 1;
        }
        w1 = bench_wall();
        rate[th] = (double)runs / (w1 - w0);
        printf("%u thread%s  %8.2f runs/s  %10.3g state-years/s\n", th, th > 1 ? "s" : " ",
               rate[th], rate[th] * (double)n * years);
    }
    printf("parallel efficiency on 2 threads: %.2f (runs/s on 2 / (2 x runs/s on 1))\n",
           rate[2] / (2 * rate[1]));
    {
        char path[] = "/tmp/orbis-bench-XXXXXX";
        int fd = mkstemp(path);
        orb_store_meta m = {"beijing-2024", "bench", 1, 0, 0, 0, 0, "shocks", NULL, 0, NULL, NULL};
        orb_store *st = NULL;
        orb_ensemble_opts o = orb_ensemble_opts_default();
        double w0, w1;
        if (fd >= 0) close(fd);
        remove(path);
        m.runs = runs;
        m.start = orb_sim_start_year(sim);
        m.end = orb_sim_end_year(sim);
        o.runs = runs;
        o.threads = 2;
        w0 = bench_wall();
        if (orb_store_create(path, &m, &st, &e) != ORB_OK ||
            orb_ensemble_run(sim, &o, store_it, st, &e) != ORB_OK ||
            orb_store_close(st, &e) != ORB_OK) {
            fprintf(stderr, "bench: %s\n", e.msg);
            return 1;
        }
        w1 = bench_wall();
        printf("2 threads into a store  %8.2f runs/s (SQLite, commits every second)\n",
               (double)runs / (w1 - w0));
        remove(path);
    }
    printf("(checksum %.6f)\n", sink);
    orb_sim_free(sim);
    orb_world_free(w);
    orb_scenario_free(s);
    orb_tables_free(t);
    return 0;
}
