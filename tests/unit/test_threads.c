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
#include <math.h>
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

/* orb_ensemble_run: 8 runs on 2 worker threads report, run by run, what
 * the serial digests say (the pool and its hand-over under ThreadSanitizer). */
typedef struct ens {
    uint64_t digest[8];
    int seen[8];
} ens;

static int on_result(const orb_run_result *r, void *ud)
{
    ens *e = ud;
    uint64_t h = 1469598103934665603ULL;
    size_t k;

    for (k = 0; k < r->nyears * r->nmetrics; k++)
        h = mix(h, r->metrics[k]);
    for (k = 0; k < r->nevents; k++)
        h = mix(h, r->events[k].year * 1000.0 + r->events[k].kind + r->events[k].value);
    e->digest[r->run] = h;
    e->seen[r->run]++;
    return 0;
}

static void test_ensemble(void)
{
    orb_ensemble_opts o = orb_ensemble_opts_default();
    ens one, two;
    orb_error e;
    int same = 1, all = 1, k;

    memset(&one, 0, sizeof one);
    memset(&two, 0, sizeof two);
    o.seed = 5;
    o.runs = 8;
    o.threads = 1;
    CHECK(orb_ensemble_run(sim, &o, on_result, &one, &e) == ORB_OK, "an ensemble on 1 thread");
    o.threads = 2;
    CHECK(orb_ensemble_run(sim, &o, on_result, &two, &e) == ORB_OK, "the same on 2 threads");
    for (k = 0; k < 8; k++) {
        if (one.digest[k] != two.digest[k]) same = 0;
        if (one.seen[k] != 1 || two.seen[k] != 1) all = 0;
    }
    CHECK(all && same,
          "every run reported once, with the same metrics and events on 1 and 2 threads");
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

/* Blocs on demand (orb_run_blocs): unknown after each step until asked,
 * computed once a year, and without feedback (a run that never asks has
 * the same digest of everything else); an ensemble computes them at the
 * years asked for only. */
typedef struct blocs_seen {
    double at2030[2], other; /* the blocs metric of runs 0 and 1 at 2030; values out of place */
    size_t k_blocs, k_mod;
} blocs_seen;

static int on_blocs(const orb_run_result *r, void *ud)
{
    blocs_seen *b = ud;
    size_t y;

    for (y = 0; y < r->nyears; y++) {
        double v = r->metrics[y * r->nmetrics + b->k_blocs];
        if (r->start + (int)y == 2030) {
            if (r->run < 2) b->at2030[r->run] = v;
            if (isnan(v)) b->other += 1; /* computed there in every run */
        } else if (!isnan(v) || !isnan(r->metrics[y * r->nmetrics + b->k_mod])) {
            b->other += 1;
        }
    }
    return 0;
}

static void test_blocs_on_demand(void)
{
    orb_run_opts o = orb_run_opts_default();
    orb_run *a = NULL, *b = NULL;
    orb_ensemble_opts eo = orb_ensemble_opts_default();
    blocs_seen seen = {{NAN, NAN}, 0, 0, 0};
    const int y2030[] = {2030};
    double serial[2] = {NAN, NAN};
    orb_error e;
    int unknown = 1, known = 1, same = 1, stable = 1;
    size_t k;

    o.seed = 77;
    if (orb_sim_run(sim, &o, &a, &e) != ORB_OK || orb_sim_run(sim, &o, &b, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    do {
        const orb_metrics *m = orb_run_metrics(a);
        size_t i, n = orb_run_nstates(a), nb;
        double q;
        if (m->blocs != ORB_BLOCS_UNKNOWN || !isnan(m->modularity)) unknown = 0;
        orb_run_blocs(a);
        nb = m->blocs;
        q = m->modularity;
        if (nb == ORB_BLOCS_UNKNOWN || nb == 0 || !(q > 0 && q < 1)) known = 0;
        orb_run_blocs(a);
        if (m->blocs != nb || m->modularity != q) stable = 0;
        if (orb_run_year(a) == 2030) serial[0] = (double)nb;
        for (i = 0; i < n; i++)
            if (orb_run_gdp(a, i) != orb_run_gdp(b, i) ||
                orb_run_affinity(a, i, (i + 1) % n) != orb_run_affinity(b, i, (i + 1) % n) ||
                orb_run_allied(a, i, (i + 7) % n) != orb_run_allied(b, i, (i + 7) % n))
                same = 0;
        orb_run_step(b);
    } while (orb_run_step(a) == ORB_OK);
    CHECK(unknown, "after each step the blocs are unknown (ORB_BLOCS_UNKNOWN, NaN) until asked");
    CHECK(known && stable, "orb_run_blocs fills them, 1 bloc or more with 0 < Q < 1, once a year");
    CHECK(same, "asking for blocs changes nothing else in the run (GDP, affinity, pacts)");
    orb_run_free(a);
    orb_run_free(b);
    a = b = NULL;
    o.run_index = 1; /* run 1's blocs at 2030, serially */
    if (orb_sim_run(sim, &o, &a, &e) != ORB_OK) goto done;
    while (orb_run_year(a) < 2030 && orb_run_step(a) == ORB_OK) {
    }
    (void)orb_run_bloc(a, 0); /* asks for the year's blocs (lazily) */
    serial[1] = (double)orb_run_metrics(a)->blocs;
    for (k = 0; k < orb_metric_count(); k++) {
        if (strcmp(orb_metric_describe(k)->name, "blocs") == 0) seen.k_blocs = k;
        if (strcmp(orb_metric_describe(k)->name, "modularity") == 0) seen.k_mod = k;
    }
    eo.seed = 77;
    eo.runs = 3;
    eo.threads = 2;
    eo.bloc_years = y2030;
    eo.nbloc_years = 1;
    CHECK(orb_ensemble_run(sim, &eo, on_blocs, &seen, &e) == ORB_OK,
          "an ensemble with blocs at 2030");
    CHECK(seen.other == 0 && seen.at2030[0] == serial[0] && seen.at2030[1] == serial[1],
          "the ensemble's blocs: at 2030 those of the serial runs, NaN at every other year");
done:
    orb_run_free(a);
    orb_run_free(b);
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
    test_ensemble();
    test_ownership();
    test_blocs_on_demand();
    orb_sim_free(sim);
    orb_tables_free(tab);
    return tu_done();
}
