/*
 * cmd_compare.c - `orbis compare A.yaml B.yaml`: two scenarios side by side,
 * year by year, with the differences (B - A). Single runs for now.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The compared metrics, by their names in the library's list (the same
 * names as orbis run's columns). */
static const char *const compared[] = {
    "cinc_con",           "gs_gdp_share",    "gs_cinc_share", "gini",          "world_gdp",
    "disputes",           "wars_ongoing",    "milex_share",   "mean_affinity", "pacts",
    "sanctions_in_force", "actions_blocked", "vetoed",
};
#define NCOMPARED (sizeof compared / sizeof compared[0])

/* Load a scenario, the world of its start year and a run. */
static int start(const cli_env *env, const char *path, int have_seed, uint64_t seed,
                 const char *params, orb_params *par, orb_tables *t, orb_panel **p,
                 orb_scenario **s, orb_world **w, orb_run **r)
{
    orb_run_opts o = orb_run_opts_default();
    int rc;
    orb_error err;
    orb_status st;

    orb_error_clear(&err);
    if ((st = orb_scenario_load(path, t, s, &err)) != ORB_OK) return cli_lib_error(st, &err);
    if (orb_scenario_start(*s) != orb_tables_base_year(t) && *p == NULL &&
        (st = orb_panel_load(env->data_dir, t, p, &err)) != ORB_OK)
        return cli_lib_error(st, &err);
    if ((st = orb_world_new(t, *p, orb_scenario_start(*s), w, &err)) != ORB_OK)
        return cli_lib_error(st, &err);
    o.seed = have_seed ? seed : orb_scenario_seed(*s);
    if (params != NULL) {
        if ((rc = cli_params(params, *s, par))) return rc;
        o.params = par;
    }
    if (r == NULL) return EXIT_OK; /* an ensemble: the runs come later */
    if ((st = orb_run_new(*w, *s, &o, r, &err)) != ORB_OK) return cli_lib_error(st, &err);
    return EXIT_OK;
}

typedef struct pair {
    const orb_run *a, *b;
    size_t idx[NCOMPARED];
} pair;

static void record(cli_rec *rec, const void *ud)
{
    const pair *p = ud;
    const orb_metrics *a, *b;
    char name[80];
    size_t k;

    orb_run_blocs(p->a);
    orb_run_blocs(p->b);
    a = orb_run_metrics(p->a);
    b = orb_run_metrics(p->b);
    rec_begin(rec);
    rec_int(rec, "year", a->year, 0);
    for (k = 0; k < NCOMPARED; k++) {
        double x = orb_metric_value(a, p->idx[k]), y = orb_metric_value(b, p->idx[k]);
        snprintf(name, sizeof name, "%s_a", compared[k]);
        rec_real(rec, name, x);
        snprintf(name, sizeof name, "%s_b", compared[k]);
        rec_real(rec, name, y);
        snprintf(name, sizeof name, "%s_diff", compared[k]);
        rec_real(rec, name, y - x);
    }
    rec_end(rec);
}

int cmd_compare(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL, *none = NULL;
    orb_scenario *sa = NULL, *sb = NULL;
    orb_world *wa = NULL, *wb = NULL;
    orb_run *ra = NULL, *rb = NULL;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    const char *pa = NULL, *pb = NULL, *pos[2], *params = NULL;
    uint64_t seed = 0;
    int rc, have_seed = 0;
    size_t k, npos = 0, runs = 0;
    int have_runs = 0, threads = 0;
    orb_uncertainty unc = ORB_UNC_SHOCKS;
    const char *years_list = NULL;
    int years[CLI_MAX_YEARS];
    size_t nyears = 0;
    const char *prefix_out = NULL;
    orb_params para, parb;
    pair pr;
    const cli_opt opts[] = {
        {"--seed", OPT_SEED, &seed, 0, 0, &have_seed},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {"--params", OPT_STRING, &params, 0, 0, NULL},
        {"--runs", OPT_SIZE, &runs, 1, 10000000, &have_runs},
        {"--threads", OPT_INT, &threads, 1, 4096, NULL},
        {"--out", OPT_STRING, &prefix_out, 0, 0, NULL},
        {"--uncertainty", OPT_UNCERTAINTY, &unc, 0, 0, NULL},
        {"--years", OPT_STRING, &years_list, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 2, &npos, "two scenario files"};

    if ((rc = cli_parse("compare", argc, argv, opts, &args))) return rc;
    for (k = 0; k < NCOMPARED; k++)
        if ((pr.idx[k] = orb_metric_find(compared[k])) == (size_t)-1) {
            fprintf(stderr, "orbis compare: no metric '%s' (internal error)\n", compared[k]);
            return EXIT_INTERNAL;
        }
    pa = npos > 0 ? pos[0] : NULL;
    pb = npos > 1 ? pos[1] : NULL;
    if (pb == NULL) return cli_usage_error("compare", "two scenario files are required");
    if ((rc = cli_load(env, 0, &t, &none))) return rc;
    if ((rc = start(env, pa, 1, 0, params, &para, t, &p, &sa, &wa, NULL)) == EXIT_OK &&
        (have_runs ? runs : orb_scenario_runs(sa)) > 1) { /* paired ensembles */
        cli_ensemble_args ea, eb;
        char prefix[600];
        if ((rc = start(env, pb, 1, 0, params, &parb, t, &p, &sb, &wb, NULL))) goto done;
        if (orb_scenario_start(sa) != orb_scenario_start(sb) ||
            orb_scenario_end(sa) != orb_scenario_end(sb)) {
            rc = cli_usage_error("compare", "the scenarios cover different years (%d-%d and %d-%d)",
                                 orb_scenario_start(sa), orb_scenario_end(sa),
                                 orb_scenario_start(sb), orb_scenario_end(sb));
            goto done;
        }
        memset(&ea, 0, sizeof ea);
        ea.scenario_path = pa;
        ea.scenario = sa;
        ea.world = wa;
        ea.params = params ? &para : NULL;
        ea.seed = have_seed ? seed : orb_scenario_seed(sa); /* one seed: the pairs share streams */
        ea.runs = have_runs ? runs : orb_scenario_runs(sa);
        ea.threads = threads;
        ea.uncertainty = unc;
        ea.fmt = fmt;
        if (years_list != NULL) {
            if ((rc = cli_parse_years("compare", years_list, orb_scenario_start(sa),
                                      orb_scenario_end(sa), years, &nyears)))
                goto done;
            ea.years = years;
            ea.nyears = nyears;
        }
        eb = ea;
        eb.scenario_path = pb;
        eb.scenario = sb;
        eb.world = wb;
        eb.params = params ? &parb : NULL;
        if (prefix_out != NULL)
            snprintf(prefix, sizeof prefix, "%s", prefix_out);
        else
            snprintf(prefix, sizeof prefix, "%s-vs-%s-s%" PRIu64 "-n%zu", orb_scenario_name(sa),
                     orb_scenario_name(sb), ea.seed, ea.runs);
        rc = cli_compare_ensembles(&ea, &eb, prefix);
        goto done;
    }
    orb_scenario_free(sa);
    orb_world_free(wa);
    sa = NULL;
    wa = NULL;
    if (rc != EXIT_OK ||
        (rc = start(env, pa, have_seed, seed, params, &para, t, &p, &sa, &wa, &ra)) ||
        (rc = start(env, pb, have_seed, seed, params, &parb, t, &p, &sb, &wb, &rb)))
        goto done;
    pr.a = ra;
    pr.b = rb;
    if (orb_run_start_year(ra) != orb_run_start_year(rb) ||
        orb_run_end_year(ra) != orb_run_end_year(rb)) {
        rc = cli_usage_error("compare", "the scenarios cover different years (%d-%d and %d-%d)",
                             orb_run_start_year(ra), orb_run_end_year(ra), orb_run_start_year(rb),
                             orb_run_end_year(rb));
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE) {
        fprintf(out.f, "A: %s (%s)   B: %s (%s); one run each; diff = B - A\n",
                orb_scenario_name(sa), orb_regime_name(orb_scenario_regime(sa)),
                orb_scenario_name(sb), orb_regime_name(orb_scenario_regime(sb)));
        fprintf(out.f, "%4s", "year");
        for (k = 0; k < NCOMPARED; k++)
            fprintf(out.f, " %10s", orb_metric_describe(pr.idx[k])->label);
        fputc('\n', out.f);
        do {
            const orb_metrics *a = (orb_run_blocs(ra), orb_run_metrics(ra)),
                              *b = (orb_run_blocs(rb), orb_run_metrics(rb));
            int row;
            for (row = 0; row < 3; row++) {
                if (row == 0)
                    fprintf(out.f, "%4d", a->year);
                else
                    fprintf(out.f, "%4s", "");
                for (k = 0; k < NCOMPARED; k++) {
                    double x = orb_metric_value(a, pr.idx[k]), y = orb_metric_value(b, pr.idx[k]);
                    char cell[48];
                    metric_text(cell, sizeof cell, ra, pr.idx[k],
                                row == 0 ? x : (row == 1 ? y : y - x));
                    fprintf(out.f, " %10s", cell);
                }
                fprintf(out.f, "  %s\n", row == 0 ? "A" : (row == 1 ? "B" : "diff"));
            }
        } while (orb_run_step(ra) == ORB_OK && orb_run_step(rb) == ORB_OK);
        fputs("Labels as in orbis run (docs/orbis.1.md); GDP$tn in trillions, milex in % of GDP;\n"
              "CSV and JSON give every value in the metric's own unit.\n",
              out.f);
    } else {
        cli_stream st;
        stream_begin(&st, out.f, fmt);
        do
            stream_row(&st, record, &pr);
        while (orb_run_step(ra) == ORB_OK && orb_run_step(rb) == ORB_OK);
        stream_end(&st);
    }
    {
        orb_error err;
        orb_status st;
        if ((st = orb_run_error(ra, &err)) != ORB_OK || (st = orb_run_error(rb, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err); /* a side stopped: nothing is printed */
            goto done;
        }
    }
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    orb_run_free(ra);
    orb_run_free(rb);
    orb_world_free(wa);
    orb_world_free(wb);
    orb_scenario_free(sa);
    orb_scenario_free(sb);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
