/*
 * test_noalloc.c - the step loop never allocates (STYLE convention 8).
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc: every call the
 * library makes to these goes through the counters below. A full-world run
 * of beijing-2024.yaml, 2022 -> 2050, must make none while stepping.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>

#include "orbis/orbis.h"
#include "../testutil.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static size_t calls;

void *__wrap_malloc(size_t n)
{
    calls++;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    calls++;
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    calls++;
    return __real_realloc(p, n);
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
    orb_world_free(w);
    orb_scenario_free(s);
    orb_tables_free(t);
    return tu_done();
}
