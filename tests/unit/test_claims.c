/*
 * test_claims.c - claims files and their verdicts: the statistics on known
 * vectors; an empty contrast gives 0 in every run and is never supported; a
 * planted effect (a 1% cut in US GDP in one year) is recovered exactly, run
 * by run, with the right sign; merging (append, replace) and every error
 * path located. Files are written to a temporary folder.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static char dir[512];
static orb_tables *tab;

static const char base_yaml[] = "name: toy-base\n"
                                "start: 2022\n"
                                "end: 2026\n"
                                "order: {regime: historical}\n"
                                "alliances:\n"
                                "  - {year: 2023, action: join, alliance: NATO, members: [FIN]}\n";

static void put_file(const char *name, const char *text)
{
    char path[700];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f == NULL) return;
    fputs(text, f);
    fclose(f);
}

/* Load text as a claims file; the set, or NULL with e filled. */
static orb_claimset *load(const char *text, orb_error *e)
{
    char path[700];
    orb_claimset *s = NULL;
    put_file("claims.yaml", text);
    snprintf(path, sizeof path, "%s/claims.yaml", dir);
    orb_error_clear(e);
    if (orb_claims_load(path, tab, &s, e) != ORB_OK) return NULL;
    return s;
}

static void test_stats(void)
{
    const double up[] = {1, 2, 3, 4, 5}, zero[] = {0, 0, 0, 0}, sym[] = {1, -1, 1, -1};
    const double small[] = {0.1, -0.2, 0.3, -0.1, 0.05};
    orb_claim_stats s;
    double sd, r;

    orb_claim_stats_of(up, 5, 1, 1, &s);
    sd = sqrt(2.5);
    CHECK(s.mean == 3 && fabs(s.sd - sd) < 1e-15 && fabs(s.se - sd / sqrt(5)) < 1e-15 &&
              s.median == 3 && fabs(s.q05 - 1.2) < 1e-12 && fabs(s.q95 - 4.8) < 1e-12 &&
              s.p_dir == 1 && s.nonzero == 5 && s.verdict == ORB_VERDICT_SUPPORTED &&
              s.runs_needed == 0,
          "1..5, claimed up: mean 3, sd sqrt(2.5), type-7 quantiles 1.2 and 4.8, supported");
    orb_claim_stats_of(up, 5, -1, 1, &s);
    CHECK(s.verdict == ORB_VERDICT_CONTRADICTED && s.p_dir == 0,
          "1..5, claimed down: contradicted");
    orb_claim_stats_of(zero, 4, 1, 1, &s);
    CHECK(s.verdict == ORB_VERDICT_INDISTINCT && s.nonzero == 0 && isinf(s.runs_needed) &&
              s.z == 0 && s.p_dir == 0,
          "all zero: not distinguishable, no ensemble size would tell");
    orb_claim_stats_of(sym, 4, 1, 1, &s);
    CHECK(s.verdict == ORB_VERDICT_INDISTINCT && s.mean == 0 && isinf(s.runs_needed) &&
              s.p_dir == 0.5,
          "a symmetric effect with mean 0: not distinguishable, no size would tell");
    orb_claim_stats_of(small, 5, 1, 1, &s);
    r = (1.959963984540054 + 0.841621233572914) * s.sd / fabs(s.mean);
    CHECK(fabs(s.z_crit - 1.959963984540054) < 1e-12, "one test: the threshold is 1.96");
    CHECK(s.verdict == ORB_VERDICT_INDISTINCT && s.runs_needed == ceil(r * r) && s.runs_needed > 5,
          "a small noisy effect: not distinguishable, and the runs for 80% power at 5%");
    printf("info: small effect: mean %.3f, sd %.3f, runs needed %.0f\n", s.mean, s.sd,
           s.runs_needed);
    {
        const double mid[] = {1, 0.2, 1.5, 0.5, 1.1, 1.6}; /* z about 4.0 */
        orb_claim_stats m1, mb;
        orb_claim_stats_of(mid, 6, 1, 1, &m1);
        orb_claim_stats_of(mid, 6, 1, 100000, &mb);
        printf("info: z %.3f; thresholds %.4f and %.4f\n", m1.z, m1.z_crit, mb.z_crit);
        CHECK(fabs(mb.z_crit - 5.0263) < 1e-3 && m1.verdict == ORB_VERDICT_SUPPORTED &&
                  mb.verdict == ORB_VERDICT_INDISTINCT && mb.z == m1.z,
              "100,000 outcomes judged together: the threshold is 5.03 (Bonferroni), the same z "
              "no longer enough");
    }
}

static const char good[] =
    "name: toy\n"
    "seed: 7\n"
    "runs: 6\n"
    "base: base.yaml\n"
    "claims:\n"
    "  - id: empty\n"
    "    statement: the same on both sides\n"
    "    passage: nowhere\n"
    "    change: {}\n"
    "    outcomes: [{metric: world_gdp, year: 2026, direction: up}]\n"
    "  - id: planted\n"
    "    statement: a 1% cut in US GDP in 2025 lowers world GDP\n"
    "    passage: test\n"
    "    change:\n"
    "      shocks: [{year: 2025, state: USA, variable: gdp, change: -0.01}]\n"
    "    outcomes:\n"
    "      - {metric: world_gdp, year: 2025, direction: down}\n"
    "      - {metric: world_gdp, year: 2024, direction: down}\n"
    "      - {metric: world_gdp, from: 2023, to: 2026, reduce: sum, direction: up}\n"
    "      - {metric: gdp, states: [USA], year: 2025, direction: down}\n"
    "      - {metric: gdp, states: [CHN, IND], year: 2025, direction: down}\n"
    "      - {event: war, year: 2026, direction: up}\n"
    "    channel: [econ.alpha]\n"
    "  - id: merged\n"
    "    statement: no accession against a second one\n"
    "    passage: test\n"
    "    against: {alliances: !replace []}\n"
    "    change:\n"
    "      order: {unilateral_sanctions: false}\n"
    "      alliances: [{year: 2024, action: join, alliance: NATO, members: [SWD]}]\n"
    "    outcomes: [{metric: pacts, year: 2025, direction: up}]\n"
    "  - id: over-time\n"
    "    statement: world GDP grows\n"
    "    passage: test\n"
    "    outcomes: [{metric: world_gdp, from: 2022, to: 2026, reduce: change, direction: up}]\n"
    "  - id: values\n"
    "    statement: a normative claim\n"
    "    passage: test\n"
    "    testable: false\n"
    "    reason: no measure\n";

static void test_run(void)
{
    orb_error e;
    orb_claimset *s = load(good, &e);
    orb_claim_result r, r2;
    orb_claims_opts o = orb_claims_opts_default();
    const orb_claim *c;
    size_t i, usa;
    int ok;

    CHECK(s != NULL && orb_claims_count(s) == 5 && orb_claims_runs(s) == 6 &&
              orb_claims_seed(s) == 7,
          "a claims file loads: five claims, its seed and runs");
    if (s == NULL) {
        printf("info: %s\n", e.msg);
        return;
    }
    c = orb_claims_get(s, 1);
    CHECK(c->contrast && c->noutcomes == 6 && c->nchannel == 1 &&
              c->outcome[3].kind == ORB_OUTCOME_STATES && c->outcome[3].ccode[0] == 2 &&
              c->outcome[5].kind == ORB_OUTCOME_EVENT && c->outcome[5].from == 2023 &&
              strcmp(c->channel[0], "econ.alpha") == 0 && strstr(c->mechanisms, "shocks") &&
              strstr(c->base, "base.yaml"),
          "the planted claim: a contrast, six outcomes (metrics, states, an event), its channel "
          "and mechanisms");
    CHECK(orb_scenario_enforcement(orb_claims_side(s, 2, 1), ORB_RULE_UNILATERAL_SANCTIONS) == 1 &&
              orb_scenario_enforcement(orb_claims_side(s, 2, 0), ORB_RULE_UNILATERAL_SANCTIONS) ==
                  0 &&
              orb_scenario_regime(orb_claims_side(s, 2, 1)) == ORB_REGIME_HISTORICAL,
          "a change merges into the base's order mapping");
    {
        size_t na = 9, nb = 9;
        orb_scenario_alliances(orb_claims_side(s, 2, 0), &na);
        orb_scenario_alliances(orb_claims_side(s, 2, 1), &nb);
        CHECK(na == 0 && nb == 2, "!replace empties the base's list; a change's list appends");
    }
    CHECK(!orb_claims_get(s, 4)->testable && orb_claims_side(s, 4, 0) == NULL &&
              strcmp(orb_claims_get(s, 4)->reason, "no measure") == 0,
          "an untestable claim keeps its reason and has no sides");
    CHECK(orb_claim_run(s, 4, tab, NULL, &o, &r, &e) == ORB_EINVAL,
          "running an untestable claim: refused");

    /* the empty contrast */
    o.threads = 1;
    CHECK(orb_claim_run(s, 0, tab, NULL, &o, &r, &e) == ORB_OK, "the empty contrast runs");
    ok = r.runs == 6;
    for (i = 0; i < r.runs; i++)
        ok = ok && r.effect[i] == 0 && r.a[i] == r.b[i] && r.a[i] > 0;
    CHECK(ok && r.stats[0].nonzero == 0 && r.stats[0].verdict == ORB_VERDICT_INDISTINCT &&
              isinf(r.stats[0].runs_needed),
          "empty contrast: 0 in every run, not distinguishable, never supported");
    orb_claim_result_free(&r);

    /* the planted effect, run by run */
    CHECK(orb_claim_run(s, 1, tab, NULL, &o, &r, &e) == ORB_OK, "the planted claim runs");
    usa = 0;
    {
        orb_world *w = NULL;
        orb_sim *sim = NULL;
        double worst = 0;
        if (orb_world_new(tab, NULL, 2022, &w, &e) == ORB_OK &&
            orb_sim_new(w, orb_claims_side(s, 1, 0), NULL, &sim, &e) == ORB_OK) {
            usa = orb_world_index(w, 2);
            for (i = 0; i < r.runs; i++) {
                orb_run_opts ro = orb_run_opts_default();
                orb_run *run = NULL;
                ro.seed = 7;
                ro.run_index = i;
                if (orb_sim_run(sim, &ro, &run, &e) != ORB_OK) break;
                while (orb_run_year(run) < 2025 && orb_run_step(run) == ORB_OK) {
                }
                {
                    double want = -0.01 * orb_run_gdp(run, usa);
                    double d = fabs(r.effect[i] - want) / fabs(want);
                    if (d > worst) worst = d;
                }
                orb_run_free(run);
            }
        }
        printf("info: planted: mean effect %.4g (sd %.3g); largest relative gap to -1%% of US "
               "GDP %.2e\n",
               r.stats[0].mean, r.stats[0].sd, worst);
        CHECK(i == r.runs && worst < 1e-9,
              "planted: the effect in 2025 is -1% of that run's US GDP, run by run (1e-9)");
        orb_sim_free(sim);
        orb_world_free(w);
    }
    CHECK(r.stats[0].verdict == ORB_VERDICT_SUPPORTED && r.stats[0].p_dir == 1 &&
              r.stats[0].q05 < r.stats[0].median && r.stats[0].median < r.stats[0].q95,
          "planted: supported, in the claimed direction in every run, inside its band");
    CHECK(r.stats[1].nonzero == 0, "planted: nothing changes the year before the shock");
    ok = 1;
    for (i = 0; i < r.runs; i++) /* the US's own GDP: -1% of A's, and the world's change is it */
        ok = ok && fabs(r.b[3 * r.runs + i] / r.a[3 * r.runs + i] - 0.99) < 1e-12 &&
             fabs(r.effect[3 * r.runs + i] - r.effect[i]) < 1e-6 * fabs(r.effect[i]) &&
             r.effect[4 * r.runs + i] == 0 && r.a[4 * r.runs + i] > 0;
    CHECK(ok, "planted, per state: US GDP 0.99 times A's, all of the world's change; China's and "
              "India's unchanged in 2025");
    ok = 1;
    for (i = 0; i < r.runs; i++)
        ok = ok && r.a[5 * r.runs + i] >= 0 && r.a[5 * r.runs + i] == floor(r.a[5 * r.runs + i]);
    CHECK(ok, "an event outcome counts events (whole numbers)");
    CHECK(r.stats[2].verdict == ORB_VERDICT_CONTRADICTED,
          "planted: a claim of the opposite sign is contradicted");
    o.threads = 2;
    CHECK(orb_claim_run(s, 1, tab, NULL, &o, &r2, &e) == ORB_OK &&
              memcmp(r.effect, r2.effect, r.runs * r.noutcomes * sizeof *r.effect) == 0,
          "the same effects, run by run, on 1 and 2 threads");
    orb_claim_result_free(&r2);
    o.seed = 8;
    o.have_seed = 1;
    CHECK(orb_claim_run(s, 1, tab, NULL, &o, &r2, &e) == ORB_OK && r2.seed == 8 &&
              r2.effect[0] != r.effect[0] && r2.stats[0].verdict == ORB_VERDICT_SUPPORTED,
          "another seed: other futures, the same verdict");
    orb_claim_result_free(&r2);
    orb_claim_result_free(&r);

    /* no contrast: the outcome's own sign */
    o = orb_claims_opts_default();
    CHECK(orb_claim_run(s, 3, tab, NULL, &o, &r, &e) == ORB_OK && isnan(r.b[0]) &&
              r.effect[0] == r.a[0] && r.stats[0].verdict == ORB_VERDICT_SUPPORTED,
          "without a contrast the effect is the outcome itself (world GDP grows)");
    orb_claim_result_free(&r);
    o.runs = 1;
    CHECK(orb_claim_run(s, 0, tab, NULL, &o, &r, &e) == ORB_EINVAL, "one run: refused");
    orb_claims_free(s);
}

/* A claims file with one claim whose body is `body`; the header fixed. */
static void expect_error(const char *body, orb_status code, unsigned long line, const char *part,
                         const char *what)
{
    char text[2048];
    orb_error e;
    orb_claimset *s;
    snprintf(text, sizeof text,
             "name: bad\nbase: base.yaml\nclaims:\n  - id: x\n    statement: s\n    passage: p\n%s",
             body);
    s = load(text, &e);
    CHECK(s == NULL && e.code == code && (line == 0 || e.line == line) && strstr(e.msg, part),
          what);
    if (s != NULL || !(e.code == code && (line == 0 || e.line == line) && strstr(e.msg, part)))
        printf("info: got %d at line %lu: %s\n", (int)e.code, e.line, e.msg);
    orb_claims_free(s);
}

static void test_errors(void)
{
    orb_error e;
    orb_claimset *s;
    const char *out = "    outcomes: [{metric: world_gdp, year: 2026, direction: up}]\n";
    char body[1024];

    expect_error("    change: {}\n    outcomes: [{metric: world_gpd, year: 2026, direction: up}]\n",
                 ORB_EPARSE, 8, "unknown metric 'world_gpd'", "an unknown metric: located");
    expect_error("    change: {}\n    outcomes: [{metric: world_gdp, year: 2090, direction: up}]\n",
                 ORB_ERANGE, 8, "2022-2026", "a year outside the scenario: located");
    expect_error("    change: {}\n    outcomes: [{metric: world_gdp, year: 2026, direction: "
                 "sideways}]\n",
                 ORB_EPARSE, 8, "up or down", "a bad direction: located");
    snprintf(body, sizeof body,
             "    change:\n      shocks: [{year: 2025, state: XYZZY, variable: gdp, change: "
             "-0.01}]\n%s",
             out);
    expect_error(body, ORB_EPARSE, 8, "claim 'x', side B",
                 "a change that is not a valid scenario: placed in the claims file, at the change");
    snprintf(body, sizeof body, "    change: {order: {regime: feudal}}\n%s", out);
    expect_error(body, ORB_EPARSE, 7, "regime", "a bad regime in a change: located");
    snprintf(body, sizeof body, "    base: nowhere.yaml\n    change: {}\n%s", out);
    expect_error(body, ORB_EIO, 7, "nowhere.yaml", "a missing base scenario: named, at the claim");
    snprintf(body, sizeof body, "    change: {}\n%s    channel: [econ.alpah]\n", out);
    expect_error(body, ORB_EPARSE, 9, "econ.alpha",
                 "an unknown channel parameter: the nearest named");
    expect_error("    change: {}\n    outcomes: [{event: wars, year: 2026, direction: up}]\n",
                 ORB_EPARSE, 8, "unknown event 'wars'",
                 "an unknown event: located, the kinds listed");
    expect_error("    change: {}\n    outcomes: [{metric: gdp, states: [USA, XYZZY], year: 2026, "
                 "direction: up}]\n",
                 ORB_EPARSE, 8, "unknown state 'XYZZY'", "an unknown state in an outcome: located");
    expect_error("    change: {}\n    outcomes: [{metric: world_gdp, states: [USA], year: 2026, "
                 "direction: up}]\n",
                 ORB_EPARSE, 8, "state variable", "a world metric with states: refused");
    expect_error("    testable: false\n", ORB_EPARSE, 0, "reason",
                 "an untestable claim without a reason: refused");
    expect_error("    change: {}\n", ORB_EPARSE, 0, "outcomes",
                 "a claim without outcomes: refused");
    expect_error("    outcomes: [{metric: world_gdp, year: 2026, direction: up}]\n", ORB_EPARSE, 7,
                 "reduce", "without a contrast a level is refused (its sign is no claim)");
    expect_error("    colour: blue\n", ORB_EPARSE, 7, "unknown field 'colour'",
                 "an unknown field: located, the fields listed");
    snprintf(body, sizeof body,
             "    change: {}\n%s  - id: x\n    statement: s\n    passage: p\n"
             "    change: {}\n%s",
             out, out);
    expect_error(body, ORB_EPARSE, 9, "given twice", "a duplicate id: located");
    s = load("name: bad\nclaims: [\n", &e);
    CHECK(s == NULL && e.code == ORB_EPARSE && strstr(e.msg, "claims.yaml:") &&
              strstr(e.msg, "malformed YAML"),
          "malformed YAML: located");
    {
        char path[700];
        FILE *f;
        orb_scenario *sc = NULL;
        snprintf(path, sizeof path, "%s/nul.yaml", dir);
        if ((f = fopen(path, "wb")) != NULL) {
            fwrite("name: x\n\0end: 2030\n", 1, 19, f);
            fclose(f);
        }
        CHECK(orb_claims_load(path, tab, &s, &e) == ORB_EPARSE && strstr(e.msg, "not a text file"),
              "a claims file with a NUL byte: refused as not text");
        CHECK(orb_scenario_load(path, tab, &sc, &e) == ORB_EPARSE && sc == NULL &&
                  strstr(e.msg, "nul.yaml") && strstr(e.msg, "not a text file"),
              "a scenario with a NUL byte: the same reader refuses it");
        remove(path);
    }
    put_file("base.yaml", "name: b\nstart: 2022\nend: 2026\nfoo: 1\n");
    snprintf(body, sizeof body, "    change: {}\n%s", out);
    expect_error(body, ORB_EPARSE, 4, "base.yaml", "an invalid base scenario: placed in the base");
    put_file("base.yaml", base_yaml);
    {
        char path[700];
        snprintf(path, sizeof path, "%s/none.yaml", dir);
        CHECK(orb_claims_load(path, tab, &s, &e) == ORB_EIO && s == NULL,
              "a missing claims file: ORB_EIO");
    }
}

int main(void)
{
    orb_error e;
    char path[700];

    snprintf(dir, sizeof dir, "%s/orbis-claims-XXXXXX", tu_env("TMPDIR", "/tmp"));
    if (mkdtemp(dir) == NULL ||
        orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK) {
        CHECK(0, "a temporary folder and the tables");
        return tu_done();
    }
    put_file("base.yaml", base_yaml);
    test_stats();
    test_run();
    test_errors();
    orb_tables_free(tab);
    snprintf(path, sizeof path, "%s/base.yaml", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/claims.yaml", dir);
    remove(path);
    rmdir(dir);
    return tu_done();
}
