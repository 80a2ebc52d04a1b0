/*
 * test_api.c - the library's public helpers that the outputs share: the one
 * quantile (known answers), the metric descriptors (every name unique and
 * found, values equal to the fields they describe), parsing of names, the
 * scenario builder and the backtest's argument errors. Public API only.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static void test_quantile(void)
{
    double v[] = {1, 2, 3, 4}, w[] = {7, 1, 3, 5, 9}, one[] = {42};

    /* R: quantile(1:4, c(0.1, 0.5, 0.9)) = 1.3 2.5 3.7 (type 7) */
    CHECK_ABS(orb_quantile(v, 4, 0.1), 1.3, 1e-12, "type 7: 10% of 1..4 is 1.3");
    CHECK_ABS(orb_quantile(v, 4, 0.5), 2.5, 1e-12, "type 7: the median of 1..4 is 2.5");
    CHECK_ABS(orb_quantile(v, 4, 0.9), 3.7, 1e-12, "type 7: 90% of 1..4 is 3.7");
    CHECK(orb_quantile(v, 4, 0) == 1 && orb_quantile(v, 4, 1) == 4, "0 and 1: min and max");
    orb_sort(w, 5);
    CHECK(w[0] == 1 && w[4] == 9 && orb_quantile(w, 5, 0.5) == 5, "orb_sort, then the median 5");
    CHECK(orb_quantile(one, 1, 0.3) == 42, "one value: every quantile is it");
    CHECK(isnan(orb_quantile(v, 0, 0.5)) && isnan(orb_quantile(v, 4, 1.5)) &&
              isnan(orb_quantile(NULL, 4, 0.5)),
          "no values, p outside [0, 1] or NULL: NaN");
}

static void test_metrics(orb_tables *t)
{
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    size_t k, j, n = orb_metric_count();
    int unique = 1, found = 1, known = 1;
    const orb_metrics *m;

    for (k = 0; k < n; k++) {
        const orb_metric_desc *d = orb_metric_describe(k);
        if (orb_metric_find(d->name) != k) found = 0;
        if (d->label == NULL || d->unit == NULL || d->desc == NULL || d->width == 0) known = 0;
        for (j = 0; j < k; j++)
            if (strcmp(orb_metric_describe(j)->name, d->name) == 0) unique = 0;
    }
    CHECK(n > 50 && unique && found && known,
          "every metric has a unique name, a unit, a meaning, a label and a width");
    CHECK(orb_metric_describe(n) == NULL && orb_metric_find("no_such_metric") == (size_t)-1 &&
              isnan(orb_metric_value(NULL, n)),
          "out of range: NULL, (size_t)-1, NaN");
    o.end_year = 2024;
    if (orb_world_new(t, NULL, 2022, &w, &e) != ORB_OK ||
        orb_run_new(w, NULL, &o, &r, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    orb_run_step(r);
    m = orb_run_metrics(r);
    CHECK(orb_metric_value(m, orb_metric_find("gini")) == m->gini &&
              orb_metric_value(m, orb_metric_find("cinc_con")) == m->pol[ORB_MEASURE_CINC].c.con &&
              orb_metric_value(m, orb_metric_find("net_hhi")) == m->pol[ORB_MEASURE_NET].c.hhi &&
              orb_metric_value(m, orb_metric_find("disputes")) == (double)m->disputes &&
              orb_metric_value(m, orb_metric_find("vetoes_p4")) == (double)m->vetoes_by[3] &&
              orb_metric_value(m, orb_metric_find("cinc_leader")) ==
                  (double)m->pol[ORB_MEASURE_CINC].leader,
          "a metric's value is the field it describes");
    CHECK(orb_metric_value(m, orb_metric_find("sanctions_in_force")) ==
                  (double)(m->sanctions_unilateral + m->sanctions_un) &&
              orb_metric_value(m, orb_metric_find("actions_blocked")) ==
                  (double)(m->blocked[0] + m->blocked[1] + m->blocked[2] + m->blocked[3] +
                           m->blocked[4]),
          "the derived totals are the sums of their fields");
done:
    orb_run_free(r);
    orb_world_free(w);
}

static void test_names(void)
{
    orb_regime g;
    orb_rule r;
    orb_cinc_rule c;

    CHECK(orb_regime_parse("un-charter", &g) == ORB_OK && g == ORB_REGIME_UN_CHARTER &&
              orb_regime_parse("hegemony", &g) == ORB_EINVAL,
          "regimes parse by name; an unknown one is ORB_EINVAL");
    CHECK(orb_rule_parse("bloc_expansion", &r) == ORB_OK && r == ORB_RULE_BLOC_EXPANSION &&
              orb_rule_parse("bloc", &r) == ORB_EINVAL,
          "rules parse by name");
    CHECK(orb_cinc_rule_parse("strict", &c) == ORB_OK && c == ORB_CINC_STRICT &&
              strcmp(orb_cinc_rule_name(ORB_CINC_CODEBOOK), "codebook") == 0 &&
              orb_cinc_rule_parse("mean", &c) == ORB_EINVAL,
          "CINC rules parse and name");
}

static void test_params_file(void)
{
    orb_params def, p;
    orb_error e;
    size_t i;
    int same = 1;

    orb_params_default(&def);
    p = def;
    p.v[0] = 0.5; /* overwritten by the file */
    CHECK(orb_params_read("tests/data/params-pinned.csv", &p, &e) == ORB_OK,
          "the pinned parameter file reads");
    for (i = 0; i < orb_params_count(); i++)
        if (p.v[i] != def.v[i]) same = 0;
    CHECK(same, "the pinned values are today's defaults, bit for bit");
    p = def;
    CHECK(orb_params_read("tests/data/bad_params.csv", &p, &e) == ORB_EPARSE &&
              p.v[0] == def.v[0] && strstr(e.msg, "bad_params.csv:3:1") != NULL,
          "an unknown name: file:line:column, and nothing set (not even the good first row)");
    CHECK(orb_params_read("tests/data/none.csv", &p, &e) == ORB_EIO, "a missing file: ORB_EIO");
}

/* Parameter draws: reproducible, inside the ranges, fixed ones unchanged, a
 * scenario's override kept; the mean of many draws of an estimate near it. */
static void test_param_draws(void)
{
    orb_params base, a, b;
    size_t i, k, nfixed = 0, nnormal = 0, nuniform = 0;
    int ok_range = 1, ok_fixed = 1;
    double mean = 0, sd = 0;
    size_t ia, iv;

    orb_params_default(&base);
    orb_params_draw(&base, 7, 3, &a);
    orb_params_draw(&base, 7, 3, &b);
    CHECK(memcmp(&a, &b, sizeof a) == 0, "the same (seed, run) draws the same parameters");
    orb_params_draw(&base, 7, 4, &b);
    CHECK(memcmp(&a, &b, sizeof a) != 0, "another run draws others");
    for (i = 0; i < orb_params_count(); i++) {
        const orb_param_spread *sp = orb_params_spread(i);
        const orb_param_info *in = orb_params_info(i);
        if (!(a.v[i] >= in->lo && a.v[i] <= in->hi)) ok_range = 0;
        if (sp->kind == ORB_SPREAD_UNIFORM && !(a.v[i] >= sp->a && a.v[i] <= sp->b)) ok_range = 0;
        if (sp->kind == ORB_SPREAD_FIXED && a.v[i] != base.v[i]) ok_fixed = 0;
        nfixed += sp->kind == ORB_SPREAD_FIXED;
        nnormal += sp->kind == ORB_SPREAD_NORMAL;
        nuniform += sp->kind == ORB_SPREAD_UNIFORM;
    }
    printf("info: %zu estimated (normal), %zu ranged (uniform), %zu fixed\n", nnormal, nuniform,
           nfixed);
    CHECK(ok_range && ok_fixed && nnormal > 40 && nuniform > 15,
          "draws stay in the valid and assumption ranges; fixed parameters do not move");
    orb_params_index("econ.alpha", &ia);
    orb_params_index("unsc.veto_margin", &iv);
    for (k = 0; k < 4000; k++) {
        orb_params_draw(&base, 11, k, &a);
        mean += a.v[ia] / 4000;
        sd += (a.v[ia] - base.v[ia]) * (a.v[ia] - base.v[ia]) / 4000;
    }
    sd = sqrt(sd);
    CHECK(fabs(mean - base.v[ia]) < 4 * orb_params_spread(ia)->a / sqrt(4000.0) &&
              fabs(sd / orb_params_spread(ia)->a - 1) < 0.05,
          "4000 draws of econ.alpha: mean and SD as its estimate and standard error");
    base.v[iv] = 0.9; /* a scenario's override */
    orb_params_draw(&base, 11, 0, &a);
    CHECK(a.v[iv] == 0.9, "an assumption the scenario set stays as set");
}

static void test_scenario_builder(orb_tables *t)
{
    orb_scenario *s = NULL;
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;

    CHECK(orb_scenario_new(NULL, "x", 2022, 2022, &s, &e) == ORB_ERANGE && s == NULL &&
              strstr(e.msg, "end year 2022") != NULL,
          "a scenario must end after it starts");
    CHECK(orb_scenario_new(NULL, "x", 1700, 1800, &s, &e) == ORB_ERANGE,
          "a start year outside the data is refused");
    CHECK(orb_scenario_new(NULL, "", 2000, 2010, &s, &e) == ORB_EINVAL, "a name is required");
    CHECK(orb_scenario_new(NULL, "built", 2022, 2030, &s, &e) == ORB_OK &&
              orb_scenario_set_regime(s, ORB_REGIME_UN_CHARTER) == ORB_OK &&
              orb_scenario_set_rule(s, ORB_RULE_INTERFERENCE, 1) == ORB_OK &&
              orb_scenario_set_runs(s, 0) == ORB_EINVAL,
          "a scenario built through the API, its regime and one rule set");
    if (s == NULL) return;
    CHECK(orb_scenario_rule(s, ORB_RULE_INTERFERENCE) == 1 &&
              orb_scenario_rule(s, ORB_RULE_UNILATERAL_SANCTIONS) == 0 &&
              orb_scenario_end(s) == 2030 && strcmp(orb_scenario_name(s), "built") == 0,
          "the rule set on its own overrides the regime; the others follow it");
    if (orb_world_new(t, NULL, 2022, &w, &e) == ORB_OK && orb_run_new(w, s, &o, &r, &e) == ORB_OK) {
        orb_run_to_end(r);
        CHECK(orb_run_year(r) == 2030 && orb_run_rule(r, ORB_RULE_INTERFERENCE) == 1,
              "a built scenario runs to its end with its rules");
    } else {
        CHECK(0, e.msg);
    }
    orb_run_free(r);
    orb_world_free(w);
    orb_scenario_free(s);
}

/* The 2022 world as it was: the Russia-Ukraine war under way (UCDP, war
 * intensity), the sanctions in force (GSDB state senders: every pair of
 * data/sanctions.csv in force in 2022, counted here from the file), peace
 * years brought up to 2022 from UCDP (Iran-Israel: 2022). A run starts with
 * them: Russia and Ukraine at war, the sanctions in force. */
static void test_start_2022(orb_tables *t)
{
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    size_t n, i, j, rus, ukr, irn, isr, in_force = 0, wars = 0, want = 0;
    FILE *f;
    char line[256], seen[1000][1000 / 8 + 1];

    if (orb_world_new(t, NULL, 2022, &w, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return;
    }
    n = orb_world_nstates(w);
    rus = orb_world_index(w, 365);
    ukr = orb_world_index(w, 369);
    irn = orb_world_index(w, 630);
    isr = orb_world_index(w, 666);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            in_force += (size_t)orb_world_sanctions(w, i, j);
            wars += (size_t)(i < j && orb_world_at_war(w, i, j));
        }
    memset(seen, 0, sizeof seen);
    if ((f = fopen("data/sanctions.csv", "r")) != NULL) {
        while (fgets(line, sizeof line, f)) {
            int a, b, y0, y1, c;
            if (sscanf(line, "%d,%d,%d,%d,%d", &a, &b, &y0, &y1, &c) != 5) continue;
            if (y0 > 2022 || y1 < 2022 || a == b || a >= 1000 || b >= 1000) continue;
            if (orb_world_index(w, a) == (size_t)-1 || orb_world_index(w, b) == (size_t)-1)
                continue;
            if (seen[a][b / 8] & (1 << (b % 8))) continue;
            seen[a][b / 8] = (char)(seen[a][b / 8] | (1 << (b % 8)));
            want++;
        }
        fclose(f);
    }
    CHECK(orb_world_at_war(w, rus, ukr) && orb_world_at_war(w, ukr, rus) && wars == 1,
          "2022: Russia and Ukraine at war (UCDP/PRIO ACD, war intensity), and no other pair");
    printf("info: 2022: %zu sanction pairs in force (GSDB state senders)\n", in_force);
    CHECK(in_force == want && want > 150 && orb_world_sanctions(w, orb_world_index(w, 2), rus),
          "2022: every GSDB state-sender sanction pair in force, the US's on Russia among them");
    CHECK(orb_world_last_dispute(w, irn, isr) == 2022,
          "peace years brought up to 2022 from UCDP: Iran-Israel's last conflict-year is 2022");
    o.end_year = 2023;
    if (orb_run_new(w, NULL, &o, &r, &e) == ORB_OK) {
        CHECK(orb_run_at_war(r, rus, ukr) && orb_run_metrics(r)->wars_ongoing == 1 &&
                  orb_run_metrics(r)->sanctions_unilateral == in_force,
              "a run starts with the war under way and the sanctions in force");
        orb_run_free(r);
    } else {
        CHECK(0, e.msg);
    }
    orb_world_free(w);
}

static void test_backtest_errors(orb_tables *t)
{
    orb_backtest_opts o = orb_backtest_opts_default();
    orb_backtest *b = (orb_backtest *)1;
    orb_error e;

    o.to = o.from;
    CHECK(orb_backtest_run(t, (orb_panel *)1, &o, &b, &e) == ORB_EINVAL && b == NULL &&
              strstr(e.msg, "after the start") != NULL,
          "a backtest that ends where it starts is refused");
    o = orb_backtest_opts_default();
    o.runs = 0;
    CHECK(orb_backtest_run(t, (orb_panel *)1, &o, &b, &e) == ORB_EINVAL, "zero runs are refused");
    o = orb_backtest_opts_default();
    o.out_of_sample = 1;
    CHECK(orb_backtest_run(t, (orb_panel *)1, &o, &b, &e) == ORB_EINVAL &&
              strstr(e.msg, "raw data") != NULL,
          "out of sample without the raw data's folder is refused");
    CHECK(orb_backtest_run(t, NULL, NULL, &b, &e) == ORB_EINVAL, "no panel: refused");
    { /* the relations backtest checks the same options before it reads anything */
        orb_relations_check c;
        CHECK(orb_backtest_relations(t, (orb_panel *)1, &o, &c, &e) == ORB_EINVAL &&
                  strstr(e.msg, "raw data") != NULL,
              "relations out of sample without the raw data's folder is refused");
        o = orb_backtest_opts_default();
        o.to = o.from;
        CHECK(orb_backtest_relations(t, (orb_panel *)1, &o, &c, &e) == ORB_EINVAL &&
                  strstr(e.msg, "after the start") != NULL,
              "relations: a backtest that ends where it starts is refused");
    }
}

int main(void)
{
    orb_tables *t = NULL;
    orb_error e;

    test_quantile();
    test_names();
    test_params_file();
    test_param_draws();
    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &t, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    test_metrics(t);
    test_scenario_builder(t);
    test_backtest_errors(t);
    test_start_2022(t);
    orb_tables_free(t);
    return tu_done();
}
