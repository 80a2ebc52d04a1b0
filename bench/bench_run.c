/*
 * bench_run.c - full-world runs 2022 -> 2050 (beijing-2024.yaml), single
 * thread: the shared world's construction (orb_sim_new), a run's start from
 * it (orb_sim_run: a copy), orb_run_new (both), time per run, per phase per
 * year, state-years/s and dyad-updates/s; and the calibration.
 *
 * SPDX-License-Identifier: MIT
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

#include "orbis/orbis.h"

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return (v && v[0]) ? v : fallback;
}

int main(void)
{
    const char *tab = env_or("ORBIS_TABLES", "data");
    const char *raw = env_or("ORBIS_DATA", "../shared/data");
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *sim = NULL;
    orb_error e;
    orb_run_opts o = orb_run_opts_default();
    double phase[16] = {0}, sink = 0, w0, w1, wnew = 0;
    size_t k, n, np = orb_run_nphases();
    int reps = 50, r, years;

    if (orb_tables_load(tab, &t, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", t, &s, &e) != ORB_OK ||
        orb_world_new(t, NULL, 2022, &w, &e) != ORB_OK) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    n = orb_world_nstates(w);
    years = orb_scenario_end(s) - orb_scenario_start(s);
    printf("bench_run: %zu states, %d years (2022 -> 2050), %d runs, one thread\n", n, years, reps);
    BENCH("load scenarios/beijing-2024.yaml", 200, {
        orb_scenario *s2 = NULL;
        orb_scenario_load("scenarios/beijing-2024.yaml", t, &s2, NULL);
        orb_scenario_free(s2);
    });
    BENCH("orb_sim_new (shared world, start year)", 20, {
        orb_sim *x = NULL;
        orb_sim_new(w, s, NULL, &x, NULL);
        orb_sim_free(x);
    });
    BENCH("orb_run_new (a private sim and a run)", 20, {
        orb_run *x = NULL;
        orb_run_new(w, s, &o, &x, NULL);
        orb_run_free(x);
    });
    if (orb_sim_new(w, s, NULL, &sim, &e) != ORB_OK) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    BENCH("orb_sim_run (a run of the shared world)", 200, {
        orb_run *x = NULL;
        orb_sim_run(sim, &o, &x, NULL);
        orb_run_free(x);
    });
    {
        orb_run *x = NULL;
        orb_sim_run(sim, &o, &x, NULL);
        BENCH("orb_run_restart (the same run's memory)", 200, orb_run_restart(x, &o, NULL));
        orb_run_free(x);
    }
    o.profile = 1;
    w0 = bench_wall();
    for (r = 0; r < reps; r++) {
        orb_run *run = NULL;
        double a = bench_wall();
        o.run_index = (uint64_t)r;
        if (orb_sim_run(sim, &o, &run, &e) != ORB_OK) {
            fprintf(stderr, "bench: %s\n", e.msg);
            return 1;
        }
        wnew += bench_wall() - a;
        orb_run_to_end(run);
        sink += orb_run_metrics(run)->gini;
        for (k = 0; k < np; k++)
            phase[k] += orb_run_phase_seconds(run, k);
        orb_run_free(run);
    }
    w1 = bench_wall();
    printf("%-44s %9.3f ms per run (%.0f runs/s)\n", "full run 2022->2050 (start + 28 steps)",
           1e3 * (w1 - w0) / reps, reps / (w1 - w0));
    { /* the same runs, one run restarted for each (as an ensemble's worker does) */
        orb_run *run = NULL;
        double wr0 = bench_wall(), wr1;
        o.profile = 0;
        for (r = 0; r < reps; r++) {
            o.run_index = (uint64_t)r;
            if ((r == 0 ? orb_sim_run(sim, &o, &run, &e) : orb_run_restart(run, &o, &e)) !=
                ORB_OK) {
                fprintf(stderr, "bench: %s\n", e.msg);
                return 1;
            }
            orb_run_to_end(run);
            sink += orb_run_metrics(run)->gini;
        }
        wr1 = bench_wall();
        orb_run_free(run);
        printf("%-44s %9.3f ms per run (%.0f runs/s)\n", "full run, restarted (no profile)",
               1e3 * (wr1 - wr0) / reps, reps / (wr1 - wr0));
        o.profile = 1;
    }
    printf("%-44s %9.3f ms per run\n", "  orb_sim_run (copy of the start)", 1e3 * wnew / reps);
    for (k = 0; k < np; k++)
        printf("  phase %-36s %9.3f us per year\n", orb_run_phase_name(k),
               1e6 * phase[k] / ((double)reps * years));
    printf("%-44s %9.3g state-years/s\n", "throughput", (double)n * years * reps / (w1 - w0));
    for (k = 0; k < np; k++) { /* the dyadic phases touch every pair once or more a year */
        const char *nm = orb_run_phase_name(k);
        if (strcmp(nm, "economy") && strcmp(nm, "security") && strcmp(nm, "relations") &&
            strcmp(nm, "alliances") && strcmp(nm, "conflict") && strcmp(nm, "order"))
            continue;
        printf("  %-42s %9.3g dyad-updates/s (N(N-1)/2 pairs a year)\n", nm,
               (double)n * (double)(n - 1) / 2 * years * reps / phase[k]);
    }
    if (orb_panel_load(raw, t, &p, &e) == ORB_OK) {
        orb_estimate est[ORB_CALIBRATE_MAX];
        size_t ne;
        BENCH("calibrate (all estimates, panel loaded)", 5,
              orb_calibrate(raw, t, p, NULL, est, ORB_CALIBRATE_MAX, &ne, NULL));
    }
    printf("(checksum %.6f)\n", sink);
    orb_panel_free(p);
    orb_sim_free(sim);
    orb_world_free(w);
    orb_scenario_free(s);
    orb_tables_free(t);
    return 0;
}
