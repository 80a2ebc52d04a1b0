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

/* One compared quantity: a name and how to read it from the metrics. */
typedef struct metric {
    const char *name;
    const char *spec;
    double (*get)(const orb_metrics *m);
} metric;

static double m_con(const orb_metrics *m)
{
    return m->pol[ORB_MEASURE_CINC].c.con;
}
static double m_gsgdp(const orb_metrics *m)
{
    return m->gs_gdp_share;
}
static double m_gscinc(const orb_metrics *m)
{
    return m->gs_cinc_share;
}
static double m_gini(const orb_metrics *m)
{
    return m->gini;
}
static double m_gdp(const orb_metrics *m)
{
    return m->world_gdp / 1e12;
}
static double m_mids(const orb_metrics *m)
{
    return (double)m->disputes;
}
static double m_wars(const orb_metrics *m)
{
    return (double)m->wars_ongoing;
}
static double m_milex(const orb_metrics *m)
{
    return 100 * m->milex_share;
}
static double m_aff(const orb_metrics *m)
{
    return m->mean_affinity;
}
static double m_pacts(const orb_metrics *m)
{
    return (double)m->pacts;
}
static double m_sanc(const orb_metrics *m)
{
    return (double)(m->sanctions_unilateral + m->sanctions_un);
}
static double m_blocked(const orb_metrics *m)
{
    size_t k, s = 0;
    for (k = 0; k < ORB_NACTIONS; k++)
        s += m->blocked[k];
    return (double)s;
}
static double m_vetoed(const orb_metrics *m)
{
    return (double)m->vetoed;
}

static const metric metrics[] = {
    {"con", "%.4f", m_con},       {"gs_gdp", "%.4f", m_gsgdp},    {"gs_cinc", "%.4f", m_gscinc},
    {"gini", "%.4f", m_gini},     {"gdp_tn", "%.2f", m_gdp},      {"disputes", "%.0f", m_mids},
    {"wars", "%.0f", m_wars},     {"milex_pct", "%.3f", m_milex}, {"affinity", "%.4f", m_aff},
    {"pacts", "%.0f", m_pacts},   {"sanctions", "%.0f", m_sanc},  {"blocked", "%.0f", m_blocked},
    {"vetoed", "%.0f", m_vetoed},
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

/* Load a scenario, the world of its start year and a run. */
static int start(const cli_env *env, const char *path, int have_seed, uint64_t seed, orb_tables *t,
                 orb_panel **p, orb_scenario **s, orb_world **w, orb_run **r)
{
    orb_run_opts o = orb_run_opts_default();
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
    if ((st = orb_run_new(*w, *s, &o, r, &err)) != ORB_OK) return cli_lib_error(st, &err);
    return EXIT_OK;
}

static void record(cli_rec *rec, const orb_metrics *a, const orb_metrics *b)
{
    char name[64];
    size_t k;

    rec_begin(rec);
    rec_int(rec, "year", a->year, 0);
    for (k = 0; k < NMETRICS; k++) {
        double x = metrics[k].get(a), y = metrics[k].get(b);
        snprintf(name, sizeof name, "%s_a", metrics[k].name);
        rec_num(rec, name, "%.6g", x);
        snprintf(name, sizeof name, "%s_b", metrics[k].name);
        rec_num(rec, name, "%.6g", y);
        snprintf(name, sizeof name, "%s_diff", metrics[k].name);
        rec_num(rec, name, "%.6g", y - x);
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
    const char *pa = NULL, *pb = NULL, *v;
    long long seed = 0;
    int i, rc, have_seed = 0, first = 1;
    size_t k;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0) {
            char *end;
            if ((v = cli_optarg("compare", argc, argv, &i)) == NULL) return EXIT_USAGE;
            errno = 0;
            seed = strtoll(v, &end, 10);
            if (*v == '\0' || *end != '\0' || seed < 0 || errno != 0)
                return cli_usage_error("compare", "--seed expects a whole number >= 0, found '%s'",
                                       v);
            have_seed = 1;
        } else if (strcmp(argv[i], "--format") == 0) {
            if ((v = cli_optarg("compare", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_format("compare", v, &fmt))) return rc;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("compare", "unknown option '%s'", argv[i]);
        } else if (pa == NULL) {
            pa = argv[i];
        } else if (pb == NULL) {
            pb = argv[i];
        } else {
            return cli_usage_error("compare", "two scenario files expected, found '%s' too",
                                   argv[i]);
        }
    }
    if (pb == NULL) return cli_usage_error("compare", "two scenario files are required");
    if ((rc = cli_load(env, 0, &t, &none))) return rc;
    if ((rc = start(env, pa, have_seed, (uint64_t)seed, t, &p, &sa, &wa, &ra)) ||
        (rc = start(env, pb, have_seed, (uint64_t)seed, t, &p, &sb, &wb, &rb)))
        goto done;
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
        for (k = 0; k < NMETRICS; k++)
            fprintf(out.f, " %10s", metrics[k].name);
        fputc('\n', out.f);
        do {
            const orb_metrics *a = orb_run_metrics(ra), *b = orb_run_metrics(rb);
            int row;
            for (row = 0; row < 3; row++) {
                if (row == 0)
                    fprintf(out.f, "%4d", a->year);
                else
                    fprintf(out.f, "%4s", "");
                for (k = 0; k < NMETRICS; k++) {
                    double x = metrics[k].get(a), y = metrics[k].get(b);
                    double val = row == 0 ? x : (row == 1 ? y : y - x);
                    char cell[32];
                    snprintf(cell, sizeof cell, metrics[k].spec, val);
                    if (cell[0] == '-' && strspn(cell + 1, "0.") == strlen(cell + 1))
                        memmove(cell, cell + 1, strlen(cell)); /* "-0.000": a rounded zero */
                    fprintf(out.f, " %10s", cell);
                }
                fprintf(out.f, "  %s\n", row == 0 ? "A" : (row == 1 ? "B" : "diff"));
            }
        } while (orb_run_step(ra) == ORB_OK && orb_run_step(rb) == ORB_OK);
    } else {
        cli_rec rec = {out.f, fmt, 0, 0};
        if (fmt == FMT_CSV) {
            rec.header = 1;
            record(&rec, orb_run_metrics(ra), orb_run_metrics(rb));
            rec.header = 0;
        } else {
            fputs("[\n", out.f);
        }
        do {
            if (fmt == FMT_JSON && !first) fputs(",\n", out.f);
            record(&rec, orb_run_metrics(ra), orb_run_metrics(rb));
            first = 0;
        } while (orb_run_step(ra) == ORB_OK && orb_run_step(rb) == ORB_OK);
        if (fmt == FMT_JSON) fputs("\n]\n", out.f);
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
