/*
 * test_noalloc.c - the step loop never allocates (STYLE convention 8).
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc: every call the
 * library makes to these goes through the counters below. A full-world run
 * of beijing-2024.yaml, 2022 -> 2050, must make none while stepping. The
 * same counters fail the k-th allocation for k = 1, 2, ... (curl's torture
 * mode, SQLite's faultsim): every constructor must then return ORB_ENOMEM,
 * leave its output NULL and leak nothing (ASan checks the leaks).
 *
 * The pluggable allocator (include/orbis/alloc.h): worlds, scenarios, runs
 * and expected-utility models built with a counting allocator take all their
 * memory from it and none from malloc, give all of it back when freed, fail
 * cleanly when it fails, and compute exactly what the default computes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdio.h>

#include "orbis/orbis.h"
#include "../testutil.h"

#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static size_t calls, fail_at; /* fail_at: 1-based call to fail, 0 = none */

static int failing(void)
{
    calls++;
    return fail_at != 0 && calls == fail_at;
}

void *__wrap_malloc(size_t n)
{
    return failing() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return failing() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return failing() ? NULL : __real_realloc(p, n);
}

/* A counting allocator: calls, blocks live, and a call to fail (1-based). */
typedef struct counter {
    size_t calls, live, fail_at;
} counter;

static void *c_alloc(void *ud, size_t n)
{
    counter *c = ud;
    void *p;

    c->calls++;
    if (c->fail_at != 0 && c->calls == c->fail_at) return NULL;
    p = __real_malloc(n);
    if (p != NULL) c->live++;
    return p;
}

static void c_free(void *ud, void *p)
{
    counter *c = ud;

    c->live--;
    free(p);
}

/* Which constructor the sweep drives. */
enum { C_TABLES, C_SCENARIO, C_WORLD, C_RUN };

/* Call constructor c once; returns its status, frees what it made. */
static orb_status construct(int c, const orb_tables *t, const orb_scenario *s, const orb_world *w)
{
    orb_error e;
    orb_status st = ORB_OK;
    int null_on_error = 1;

    switch (c) {
    case C_TABLES: {
        orb_tables *x = (orb_tables *)1;
        st = orb_tables_load(tu_env("ORBIS_TABLES", "data"), &x, &e);
        null_on_error = x == NULL;
        orb_tables_free(st == ORB_OK ? x : NULL);
        break;
    }
    case C_SCENARIO: {
        orb_scenario *x = (orb_scenario *)1;
        st = orb_scenario_load("scenarios/beijing-2024.yaml", t, &x, &e);
        null_on_error = x == NULL;
        orb_scenario_free(st == ORB_OK ? x : NULL);
        break;
    }
    case C_WORLD: {
        orb_world *x = (orb_world *)1;
        st = orb_world_new(t, NULL, 2022, &x, &e);
        null_on_error = x == NULL;
        orb_world_free(st == ORB_OK ? x : NULL);
        break;
    }
    default: {
        orb_run *x = (orb_run *)1;
        st = orb_run_new(w, s, NULL, &x, &e);
        null_on_error = x == NULL;
        orb_run_free(st == ORB_OK ? x : NULL);
    }
    }
    if (st != ORB_OK && !null_on_error) return ORB_EINVAL; /* a half-built object escaped */
    return st;
}

static void sweep(int c, const char *name, const orb_tables *t, const orb_scenario *s,
                  const orb_world *w)
{
    size_t k, n;
    int ok = 1;
    char what[160];

    fail_at = 0;
    calls = 0;
    if (construct(c, t, s, w) != ORB_OK) {
        CHECK(0, name);
        return;
    }
    n = calls;
    for (k = 1; k <= n; k++) {
        orb_status st;
        calls = 0;
        fail_at = k;
        st = construct(c, t, s, w);
        if (st != ORB_ENOMEM) {
            printf("info: %s: failing allocation %zu of %zu gave status %d\n", name, k, n, st);
            ok = 0;
        }
    }
    fail_at = 0;
    snprintf(what, sizeof what, "%s: each of its %zu allocations failing gives ORB_ENOMEM", name,
             n);
    CHECK(ok && n > 0, what);
}

/* Build one object of kind c (C_SCENARIO, C_WORLD, C_RUN) with allocator a,
 * run it to the end if it is a run (*m_out gets its last metrics), free it. */
static orb_status build_with(int c, const orb_allocator *a, const orb_tables *t,
                             const orb_scenario *s, const orb_world *w, orb_metrics *m_out)
{
    orb_error e;
    orb_status st;

    if (c == C_SCENARIO) {
        orb_scenario *x = (orb_scenario *)1;
        st = orb_scenario_load_with(a, "scenarios/beijing-2024.yaml", t, &x, &e);
        if (st != ORB_OK && x != NULL) return ORB_EINVAL;
        orb_scenario_free(x);
    } else if (c == C_WORLD) {
        orb_world *x = (orb_world *)1;
        st = orb_world_new_with(a, t, NULL, 2022, &x, &e);
        if (st != ORB_OK && x != NULL) return ORB_EINVAL;
        orb_world_free(x);
    } else {
        orb_run *x = (orb_run *)1;
        orb_run_opts o = orb_run_opts_default();
        o.alloc = a;
        st = orb_run_new(w, s, &o, &x, &e);
        if (st != ORB_OK && x != NULL) return ORB_EINVAL;
        if (st == ORB_OK) {
            orb_run_to_end(x);
            if (m_out != NULL) *m_out = *orb_run_metrics(x);
        }
        orb_run_free(x);
    }
    return st;
}

static void test_allocator(const orb_tables *t, const orb_scenario *s, const orb_world *w)
{
    static const char *const names[] = {"", "scenario", "world", "run"};
    counter cnt;
    orb_allocator a = {c_alloc, c_free, &cnt}, half = {c_alloc, NULL, &cnt};
    orb_metrics mine, def;
    int c;
    char what[200];

    for (c = C_SCENARIO; c <= C_RUN; c++) {
        size_t before = calls, n, k;
        int ok = 1;
        cnt = (counter){0, 0, 0};
        CHECK(build_with(c, &a, t, s, w, &mine) == ORB_OK, names[c]);
        n = cnt.calls;
        snprintf(what, sizeof what,
                 "%s: all %zu of its blocks from the allocator, none from malloc, all given back",
                 names[c], n);
        CHECK(n > 0 && calls == before && cnt.live == 0, what);
        for (k = 1; k <= n; k++) {
            orb_status st;
            cnt = (counter){0, 0, k};
            st = build_with(c, &a, t, s, w, NULL);
            if (st != ORB_ENOMEM || cnt.live != 0) ok = 0;
        }
        snprintf(what, sizeof what,
                 "%s: each of its %zu allocator calls failing gives ORB_ENOMEM and leaks nothing",
                 names[c], n);
        CHECK(ok, what);
        snprintf(what, sizeof what, "%s: an allocator with alloc but no free is refused", names[c]);
        CHECK(build_with(c, &half, t, s, w, NULL) == ORB_EINVAL, what);
    }
    cnt = (counter){0, 0, 0};
    build_with(C_RUN, &a, t, s, w, &mine);
    build_with(C_RUN, NULL, t, s, w, &def);
    CHECK(mine.year == 2050 && mine.world_gdp == def.world_gdp &&
              mine.pol[ORB_MEASURE_CINC].c.con == def.pol[ORB_MEASURE_CINC].c.con &&
              mine.disputes == def.disputes && mine.mean_affinity == def.mean_affinity,
          "a run on the counting allocator computes exactly what the default computes");
    {
        orb_eu_actor act[2] = {{"a", 1, 0, 1}, {"b", 1, 1, 1}};
        orb_eu_opts eo;
        orb_eu *m = NULL;
        orb_error e;
        orb_eu_preset("scholz", &eo);
        eo.alloc = &a;
        cnt = (counter){0, 0, 0};
        CHECK(orb_eu_new(act, 2, &eo, &m, &e) == ORB_OK && cnt.live > 0 &&
                  orb_eu_round(m) != ORB_ENOMEM,
              "an expected-utility model takes its memory from its allocator");
        orb_eu_free(m);
        CHECK(cnt.live == 0, "... and gives it all back");
        eo.alloc = &half;
        CHECK(orb_eu_new(act, 2, &eo, &m, &e) == ORB_EINVAL && m == NULL,
              "an expected-utility model refuses an allocator with no free");
    }
}

int main(void)
{
    orb_tables *t = NULL;
    orb_scenario *s = NULL;
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    size_t before, during, steps = 0;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &t, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", t, &s, &e) != ORB_OK ||
        orb_world_new(t, NULL, 2022, &w, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    before = calls;
    o.profile = 1;
    CHECK(orb_run_new(w, s, &o, &r, &e) == ORB_OK, "a run starts");
    CHECK(calls > before, "the counters see the library's allocations (orb_run_new allocates)");
    before = calls;
    while (r != NULL && orb_run_step(r) == ORB_OK)
        steps++;
    during = calls - before;
    printf("info: %zu steps, %zu allocations while stepping\n", steps, during);
    CHECK(steps == 28 && during == 0, "28 steps, no allocation in the step loop");
    orb_run_free(r);
    sweep(C_TABLES, "orb_tables_load", t, s, w);
    sweep(C_SCENARIO, "orb_scenario_load", t, s, w);
    sweep(C_WORLD, "orb_world_new", t, s, w);
    sweep(C_RUN, "orb_run_new", t, s, w);
    test_allocator(t, s, w);
    orb_world_free(w);
    orb_scenario_free(s);
    orb_tables_free(t);
    return tu_done();
}
