/*
 * test_threads.c - runs of one shared world in two threads at once give,
 * bit for bit, what the same runs give one after another; a run outlives
 * its world, its scenario and the caller's reference to its sim.
 *
 * Public API only (and POSIX threads). `make tsan` runs this program under
 * ThreadSanitizer.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

#define NRUNS 4

static orb_tables *tab;
static orb_sim *sim;

/* FNV-1a over the bits of a double. */
static uint64_t mix(uint64_t h, double v)
{
    unsigned char b[sizeof v];
    size_t k;

    memcpy(b, &v, sizeof v);
    for (k = 0; k < sizeof v; k++)
        h = (h ^ b[k]) * 1099511628211ULL;
    return h;
}

/* A digest of every year of run k: per state GDP, CINC share, burden,
 * threat, bloc; the year's metrics (counts and measures). */
static uint64_t run_digest(uint64_t k, int *ok)
{
    orb_run_opts o = orb_run_opts_default();
    orb_run *r = NULL;
    uint64_t h = 1469598103934665603ULL;
    orb_error e;

    o.seed = 20240516;
    o.run_index = k;
    if (orb_sim_run(sim, &o, &r, &e) != ORB_OK) {
        *ok = 0;
        return 0;
    }
    do {
        const orb_metrics *m = orb_run_metrics(r);
        size_t i, n = orb_run_nstates(r);
        for (i = 0; i < n; i++) {
            h = mix(h, orb_run_gdp(r, i));
            h = mix(h, orb_run_share(r, i, ORB_MEASURE_CINC));
            h = mix(h, orb_run_burden(r, i));
            h = mix(h, orb_run_threat(r, i));
            h = mix(h, orb_run_bloc(r, i));
        }
        h = mix(h, m->world_gdp);
        h = mix(h, m->gini);
        h = mix(h, m->mean_affinity);
        h = mix(h, m->modularity);
        h = mix(h, (double)m->blocs);
        h = mix(h, (double)m->disputes);
        h = mix(h, (double)m->wars_begun);
        h = mix(h, (double)m->sanctions_unilateral);
        h = mix(h, (double)m->vetoed);
    } while (orb_run_step(r) == ORB_OK);
    orb_run_free(r);
    return h;
}

typedef struct job {
    uint64_t digest[NRUNS];
    int ok;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    uint64_t k;

    j->ok = 1;
    for (k = 0; k < NRUNS; k++)
        j->digest[k] = run_digest(k, &j->ok);
    return NULL;
}

static void test_two_threads(void)
{
    job serial, a, b;
    pthread_t ta, tb;
    int same = 1, differ = 0;
    uint64_t k;

    worker(&serial);
    CHECK(serial.ok, "four runs of one sim, one after another");
    CHECK(pthread_create(&ta, NULL, worker, &a) == 0 && pthread_create(&tb, NULL, worker, &b) == 0,
          "two threads start the same four runs at once");
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    for (k = 0; k < NRUNS; k++) {
        if (a.digest[k] != serial.digest[k] || b.digest[k] != serial.digest[k]) same = 0;
        if (k > 0 && serial.digest[k] != serial.digest[0]) differ = 1;
    }
    CHECK(a.ok && b.ok && same,
          "runs in two threads at once are bit-identical to the serial runs (every year)");
    CHECK(differ, "different run indices give different futures");
}

/* The run holds what it needs: the world, the scenario and the caller's
 * reference to the sim may go first (ASan would report a use after free). */
static void test_ownership(void)
{
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *x = NULL;
    orb_run *r1 = NULL, *r2 = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    int ok;

    ok = orb_world_new(tab, NULL, 2022, &w, &e) == ORB_OK &&
         orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) == ORB_OK &&
         orb_sim_new(w, s, NULL, &x, &e) == ORB_OK && orb_sim_run(x, &o, &r1, &e) == ORB_OK &&
         orb_run_new(w, s, &o, &r2, &e) == ORB_OK;
    CHECK(ok, "a sim, a run of it, and a run with a private sim");
    if (!ok) goto done;
    orb_sim_free(x);
    x = NULL;
    orb_world_free(w);
    w = NULL;
    orb_scenario_free(s);
    s = NULL;
    orb_run_to_end(r1);
    orb_run_to_end(r2);
    CHECK(orb_run_year(r1) == 2050 && orb_run_year(r2) == 2050 &&
              orb_run_metrics(r1)->world_gdp == orb_run_metrics(r2)->world_gdp,
          "runs step to the end after their world, scenario and sim reference are freed; the two "
          "paths agree");
    {
        orb_run *r3 = NULL;
        o.end_year = 2030;
        CHECK(orb_sim_run(orb_run_sim(r1), &o, &r3, &e) == ORB_EINVAL && r3 == NULL &&
                  strstr(e.msg, "belong to the sim") != NULL,
              "orb_sim_run refuses an end year of its own (it is the sim's)");
    }
done:
    orb_run_free(r1);
    orb_run_free(r2);
    orb_sim_free(x);
    orb_scenario_free(s);
    orb_world_free(w);
}

int main(void)
{
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_error e;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK ||
        orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) != ORB_OK ||
        orb_sim_new(w, s, NULL, &sim, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    orb_world_free(w);
    orb_scenario_free(s);
    test_two_threads();
    test_ownership();
    orb_sim_free(sim);
    orb_tables_free(tab);
    return tu_done();
}
