/* fuzz_engine - the engine on a fuzzed scenario: a scenario that parses is
 * run for up to FUZZ_YEARS years from its start (the world of that year built
 * from the raw data once), and orb_run_check must hold after every year
 * (the library built with ORB_DEBUG checks after every phase as well). */
#include "fuzz.h"

#ifndef FUZZ_YEARS
#define FUZZ_YEARS 3
#endif

static orb_world *worlds[ORB_LAST_YEAR + 1];

static const orb_world *world_of(int year)
{
    static orb_panel *panel;
    orb_error err;
    if (year < 0 || year > ORB_LAST_YEAR) return NULL;
    if (panel == NULL &&
        orb_panel_load(fz_env("ORBIS_DATA", FUZZ_DATA), fz_tables(), &panel, &err) != ORB_OK)
        fz_die("cannot load the raw data", &err);
    if (worlds[year] == NULL &&
        orb_world_new(fz_tables(), panel, year, &worlds[year], &err) != ORB_OK)
        return NULL;
    return worlds[year];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    orb_scenario *s = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    const orb_world *w;
    orb_error err;
    int y, start;
    if (orb_scenario_parse((const char *)data, size, "fuzz.yaml", fz_tables(), &s, &err) != ORB_OK)
        return 0;
    start = orb_scenario_start(s);
    if ((w = world_of(start)) != NULL) {
        o.end_year =
            orb_scenario_end(s) < start + FUZZ_YEARS ? orb_scenario_end(s) : start + FUZZ_YEARS;
        if (orb_run_new(w, s, &o, &r, &err) == ORB_OK) {
            for (y = start; y < o.end_year; y++) {
                if (orb_run_step(r) != ORB_OK) break;
                if (orb_run_check(r, &err) != ORB_OK) {
                    fprintf(stderr, "orb_run_check after %d: %s\n", orb_run_year(r), err.msg);
                    abort();
                }
            }
            orb_run_free(r);
        } else if (err.msg[0] == '\0') {
            abort();
        }
    }
    orb_scenario_free(s);
    return 0;
}
