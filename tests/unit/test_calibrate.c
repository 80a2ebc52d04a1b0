/*
 * test_calibrate.c - the parameter table's estimated defaults are what
 * orb_calibrate estimates from ORBIS_DATA (to the six significant digits the
 * table keeps), every estimated parameter is produced, and a missing data
 * file is named. It is the suite's one full calibration: with
 * ORBIS_TEST_CALIBRATION set it writes the estimates there (tests/run.sh
 * checks docs/model.md against them). Skipped without the raw data.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

/* data/growth_effects.csv is `orbis calibrate --effects --format csv`: every
 * state's effect as a fresh estimation gives it (1e-12), the same states. */
static void test_growth_effects(const char *data, const orb_tables *t)
{
    orb_growth_effect *g = malloc(1000 * sizeof *g);
    char path[1024], line[512];
    size_t n = 0, rows = 0, same = 0, k;
    orb_error e;
    FILE *f;

    snprintf(path, sizeof path, "%s/growth_effects.csv", tu_env("ORBIS_TABLES", "data"));
    if (g == NULL || (f = fopen(path, "r")) == NULL) {
        CHECK(0, "read data/growth_effects.csv");
        free(g);
        return;
    }
    CHECK(orb_calibrate_growth_effects(data, t, NULL, g, 1000, &n, &e) == ORB_OK && n > 150,
          "growth effects estimated for more than 150 states");
    if (fgets(line, sizeof line, f) == NULL) line[0] = '\0'; /* the header */
    while (fgets(line, sizeof line, f) != NULL) {
        int cc, gs;
        unsigned long yrs;
        double raw, se, shrink, eff;
        if (sscanf(line, "%d,%d,%lu,%lg,%lg,%lg,%lg", &cc, &gs, &yrs, &raw, &se, &shrink, &eff) !=
            7)
            continue;
        rows++;
        for (k = 0; k < n; k++)
            if (g[k].ccode == cc && fabs(g[k].effect - eff) <= 1e-12 && g[k].years == yrs) same++;
    }
    fclose(f);
    CHECK(rows == n && same == n, "data/growth_effects.csv equals a fresh estimation");
    if (n > 0) {
        double lo = 1, hi = 0;
        for (k = 0; k < n; k++) {
            if (g[k].shrink < lo) lo = g[k].shrink;
            if (g[k].shrink > hi) hi = g[k].shrink;
        }
        CHECK(lo > 0 && hi < 1, "every effect is shrunk, none all the way");
    }
    free(g);
}

int main(void)
{
    const char *data = tu_data(), *out = getenv("ORBIS_TEST_CALIBRATION");
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_estimate est[ORB_CALIBRATE_MAX];
    orb_params def;
    orb_error e;
    size_t i, n = 0, nest = 0, nfirst;
    int ok = 1, all = 1;

    if (data == NULL) {
        SKIP("the calibration re-estimates from the raw data");
        return tu_done();
    }
    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &t, &e) != ORB_OK ||
        orb_panel_load(data, t, &p, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    CHECK(orb_calibrate(data, t, p, NULL, est, ORB_CALIBRATE_MAX, &n, &e) == ORB_OK,
          "calibration runs");
    nfirst = n;
    orb_params_default(&def);
    for (i = 0; i < n; i++) {
        double d = orb_params_get(&def, est[i].name);
        size_t k = 0;
        int bound = 0, good;
        if (orb_params_index(est[i].name, &k) == ORB_OK)
            bound =
                est[i].value == orb_params_info(k)->lo || est[i].value == orb_params_info(k)->hi;
        /* a standard error, or none (NaN) for an estimate at the bound of its range */
        good = !isnan(d) && fabs(est[i].value - d) <= 5e-6 * fabs(d) &&
               (est[i].se > 0 || (bound && isnan(est[i].se))) && est[i].n >= est[i].nclusters &&
               est[i].nclusters > 0;
        printf("info: %-26s estimate %.9g default %.9g se %.3g n %zu\n", est[i].name, est[i].value,
               d, est[i].se, est[i].n);
        if (!good) ok = 0;
    }
    CHECK(ok && n > 0, "every estimate equals its table default to 6 significant digits");
    {
        int se_ok = 1;
        for (i = 0; i < n; i++) {
            size_t k;
            const orb_param_spread *sp;
            if (orb_params_index(est[i].name, &k) != ORB_OK) continue;
            sp = orb_params_spread(k);
            if (isnan(est[i].se)
                    ? sp->kind != ORB_SPREAD_FIXED
                    : sp->kind != ORB_SPREAD_NORMAL || fabs(sp->a / est[i].se - 1) > 5e-3) {
                printf("info: %s: spread %g, standard error %g\n", est[i].name, sp->a, est[i].se);
                se_ok = 0;
            }
        }
        CHECK(se_ok, "every estimate's parameter spread is its standard error (3 digits)");
    }
    for (i = 0; i < orb_params_count(); i++) { /* every "estimated" row is produced */
        const orb_param_info *q = orb_params_info(i);
        size_t k;
        if (strncmp(q->source, "estimated", 9) != 0) continue;
        nest++;
        for (k = 0; k < n; k++)
            if (strcmp(est[k].name, q->name) == 0) break;
        if (k == n) {
            printf("info: %s is marked estimated but not produced\n", q->name);
            all = 0;
        }
    }
    CHECK(all && nest == n, "the calibration produces exactly the estimated parameters");
    if (out != NULL) { /* the suite's one calibration, for tests/run.sh (docs/model.md) */
        FILE *f = fopen(out, "w");
        CHECK(f != NULL, "write the estimates for the rest of the suite");
        if (f != NULL) {
            fprintf(f, "name,estimate\n");
            for (i = 0; i < n; i++)
                fprintf(f, "%s,%.17g\n", est[i].name, est[i].value);
            fclose(f);
        }
    }
    CHECK(orb_calibrate("/nonexistent-orbis", t, p, NULL, est, ORB_CALIBRATE_MAX, &n, &e) ==
                  ORB_EIO &&
              strstr(e.msg, "economy_maddison/mpd2020.csv"),
          "a missing data file is named");
    CHECK(orb_calibrate(data, t, p, NULL, est, 3, &n, &e) == ORB_EINVAL,
          "too small an output array");
    {
        orb_calibrate_opts co = orb_calibrate_opts_default();
        orb_params q;
        orb_params_default(&q);
        CHECK(orb_calibrate_apply(est, nfirst, &q, &e) == ORB_OK &&
                  orb_params_get(&q, "econ.beta") == est[1].value,
              "estimates apply to a parameter set by name");
        /* the out-of-sample calibration (to 1999) is the CLI golden calibrate_to1999_csv */
        co.last_year = 1800;
        CHECK(orb_calibrate(data, t, p, &co, est, ORB_CALIBRATE_MAX, &n, &e) == ORB_ERANGE,
              "a last year before 1900 is refused");
        /* the earliest origin's sample (1947-1974): population windows before the
         * World Bank's first year from NMC; no sanctions in the base year 1946 */
        co.last_year = 1974;
        CHECK(orb_calibrate(data, t, p, &co, est, ORB_CALIBRATE_MAX, &n, &e) == ORB_OK,
              "the sample to 1974 can be estimated");
        for (i = 0; i < n; i++) {
            if (strcmp(est[i].name, "demo.pop_persistence") == 0)
                CHECK(est[i].n > 500 && strstr(est[i].data, "cow_nmc") != NULL &&
                          est[i].value > 0.9 && est[i].value <= 1,
                      "1947-1974: population persistence from NMC's windows before 1960");
            if (strcmp(est[i].name, "order.sanction_sender_cases") == 0)
                CHECK(est[i].value == 0 && isnan(est[i].se) && strstr(est[i].method, "set to 0"),
                      "1947-1974: the sanction traits' slopes, not identified, are 0 and say so");
            if (strcmp(est[i].name, "order.sanction_ally") == 0)
                CHECK(isfinite(est[i].value) && est[i].se > 0,
                      "1947-1974: the pact's slope is estimated without the traits");
        }
        co.last_year = 1973;
        CHECK(orb_calibrate(data, t, p, &co, est, ORB_CALIBRATE_MAX, &n, &e) == ORB_ERANGE &&
                  strstr(e.msg, "1946"),
              "a sample that would need ideal points before 1946 is refused, saying why");
    }
    test_growth_effects(data, t);
    orb_panel_free(p);
    orb_tables_free(t);
    return tu_done();
}
