/*
 * test_scenario.c - scenario files: the shipped scenarios load, fields
 * round-trip, regimes imply their rules, and every kind of bad input gives a
 * located error (the CLI cases in tests/cli/scn_* check exit codes too).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static orb_tables *tab;

static void expect(const char *text, orb_status want, const char *needle, const char *what)
{
    orb_scenario *s = NULL;
    orb_error e;
    orb_status st;

    orb_error_clear(&e);
    st = orb_scenario_parse(text, strlen(text), "x.yaml", tab, &s, &e);
    CHECK(st == want && (want == ORB_OK) == (s != NULL) && strstr(e.msg, needle) != NULL, what);
    if (st != want || strstr(e.msg, needle) == NULL) printf("info: got %d '%s'\n", st, e.msg);
    orb_scenario_free(s);
}

static void test_shipped(void)
{
    orb_scenario *s = NULL;
    orb_error e;
    const orb_event *ev;
    const orb_partnership *p;
    const orb_crisis *c;
    orb_params par;
    size_t n;

    CHECK(orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) == ORB_OK,
          "beijing-2024.yaml loads");
    if (s == NULL) return;
    CHECK(strcmp(orb_scenario_name(s), "beijing-2024") == 0, "name");
    CHECK(orb_scenario_start(s) == 2022 && orb_scenario_end(s) == 2050, "years 2022-2050");
    CHECK(orb_scenario_seed(s) == 20240516 && orb_scenario_runs(s) == 100, "seed and runs");
    CHECK(orb_scenario_regime(s) == ORB_REGIME_UN_CHARTER, "regime un-charter");
    CHECK(!orb_scenario_rule(s, ORB_RULE_UNILATERAL_SANCTIONS) &&
              !orb_scenario_rule(s, ORB_RULE_BLOC_EXPANSION) &&
              orb_scenario_rule(s, ORB_RULE_INDIVISIBLE_SECURITY),
          "rules as written");
    p = orb_scenario_partnerships(s, &n);
    CHECK(n == 1 && p[0].a == 365 && p[0].b == 710 && p[0].year == 2024,
          "the China-Russia partnership, ordered by code");
    ev = orb_scenario_events(s, &n);
    CHECK(n == 11 && ev[4].source == 710 && ev[4].target == 2 && strcmp(ev[4].cameo, "111") == 0 &&
              ev[4].goldstein == -2.0 && ev[2].goldstein == 8.0 && ev[0].month == 5 &&
              ev[0].day == 16,
          "events with CAMEO codes, Goldstein weights and dates");
    c = orb_scenario_crises(s, &n);
    CHECK(n == 1 && c[0].nactors == 7 && c[0].actors[1].ccode == 365 &&
              c[0].actors[1].salience == 0.9 && isnan(c[0].actors[1].capability),
          "the Ukraine crisis block");
    orb_params_default(&par);
    orb_scenario_apply_params(s, &par);
    CHECK(orb_scenario_noverrides(s) == 0, "no overrides");
    orb_scenario_free(s);
    CHECK(orb_scenario_load("scenarios/baseline.yaml", tab, &s, &e) == ORB_OK &&
              orb_scenario_regime(s) == ORB_REGIME_HISTORICAL &&
              orb_scenario_rule(s, ORB_RULE_UNILATERAL_SANCTIONS) &&
              orb_scenario_enforcement(s, ORB_RULE_FORCE_AUTHORISATION) == 1 &&
              orb_scenario_enforcement(s, ORB_RULE_INTERFERENCE) == 1 &&
              orb_scenario_enforcement(s, ORB_RULE_BLOC_EXPANSION) == 0,
          "baseline.yaml loads; the historical order: force and interference at 1, unilateral "
          "sanctions permitted");
    orb_scenario_free(s);
}

/* Rules' enforcement: the presets, a number per rule, the switches, and
 * the errors (out of range, set twice). */
static void test_enforcement(void)
{
    static const char num[] = "name: t\nend: 2030\norder:\n  regime: anarchy\n  enforcement:\n"
                              "    force_authorisation: 2.5\n    unilateral_sanctions: 0.5\n";
    static const char sw[] = "name: t\nend: 2030\norder: {regime: un-charter, interference: true, "
                             "bloc_expansion: false}\n";
    static const char big[] = "name: t\nend: 2030\norder:\n  enforcement: {interference: 11}\n";
    static const char twice[] =
        "name: t\nend: 2030\norder:\n  interference: false\n  enforcement: {interference: 2}\n";
    static const char priv[] =
        "name: t\nend: 2030\norder:\n  enforcement: {hegemon_privilege: 1}\n";
    orb_scenario *s = NULL;
    orb_error e;
    int r;

    CHECK(orb_scenario_parse("name: t\nend: 2030\n", 18, "d.yaml", tab, &s, &e) == ORB_OK &&
              orb_scenario_regime(s) == ORB_REGIME_HISTORICAL,
          "a scenario without an order runs under the historical regime");
    orb_scenario_free(s);
    for (r = 0; r < ORB_NRULES; r++) {
        double want[4][ORB_NRULES] = {
            {0, 0, 0, 0, 0, 0}, {1, 1, 0, 1, 1, 0}, {0, 0, 0, 0, 1, 0}, {0, 1, 0, 0, 1, 0}};
        int g;
        orb_scenario_new(NULL, "t", 2022, 2030, &s, &e);
        for (g = 0; g < ORB_NREGIMES; g++) {
            orb_scenario_set_regime(s, (orb_regime)g);
            if (orb_scenario_enforcement(s, (orb_rule)r) != want[g][r])
                CHECK(0, "a preset's enforcement");
        }
        orb_scenario_free(s);
    }
    CHECK(orb_scenario_parse(num, sizeof num - 1, "n.yaml", tab, &s, &e) == ORB_OK &&
              orb_scenario_enforcement(s, ORB_RULE_FORCE_AUTHORISATION) == 2.5 &&
              orb_scenario_enforcement(s, ORB_RULE_UNILATERAL_SANCTIONS) == 0.5 &&
              orb_scenario_enforcement(s, ORB_RULE_INTERFERENCE) == 0 &&
              !orb_scenario_rule(s, ORB_RULE_UNILATERAL_SANCTIONS),
          "order.enforcement sets a rule's strength; the others follow the regime");
    orb_scenario_free(s);
    CHECK(orb_scenario_parse(sw, sizeof sw - 1, "w.yaml", tab, &s, &e) == ORB_OK &&
              orb_scenario_enforcement(s, ORB_RULE_INTERFERENCE) == 0 &&
              orb_scenario_enforcement(s, ORB_RULE_BLOC_EXPANSION) == 1 &&
              orb_scenario_enforcement(s, ORB_RULE_FORCE_AUTHORISATION) == 1,
          "switches: 'interference: true' permits it (0), 'bloc_expansion: false' forbids (1)");
    orb_scenario_free(s);
    s = NULL;
    CHECK(orb_scenario_parse(big, sizeof big - 1, "b.yaml", tab, &s, &e) == ORB_EPARSE &&
              s == NULL && strstr(e.msg, "b.yaml:4:") != NULL &&
              strstr(e.msg, "expected a number in [0, 10]") != NULL,
          "an enforcement above 10: file, line, column and the range");
    CHECK(orb_scenario_parse(twice, sizeof twice - 1, "t.yaml", tab, &s, &e) == ORB_EPARSE &&
              strstr(e.msg, "both by its switch and in order.enforcement") != NULL,
          "a rule set twice is an error");
    CHECK(orb_scenario_parse(priv, sizeof priv - 1, "p.yaml", tab, &s, &e) == ORB_EPARSE &&
              strstr(e.msg, "hegemon_privilege") != NULL,
          "the privilege is a switch, not an enforcement");
    orb_scenario_new(NULL, "t", 2022, 2030, &s, &e);
    CHECK(orb_scenario_set_enforcement(s, ORB_RULE_INTERFERENCE, 3) == ORB_OK &&
              orb_scenario_enforcement(s, ORB_RULE_INTERFERENCE) == 3 &&
              orb_scenario_set_enforcement(s, ORB_RULE_INTERFERENCE, -1) == ORB_EINVAL &&
              orb_scenario_set_enforcement(s, ORB_RULE_HEGEMON_PRIVILEGE, 0.5) == ORB_EINVAL,
          "orb_scenario_set_enforcement: in range, or refused");
    orb_scenario_free(s);
}

static void test_overrides(void)
{
    static const char t[] = "name: o\nstart: 2000\nend: 2016\nparameters:\n  econ.beta: -0.0215\n"
                            "  trade.theta: 1.125\norder:\n  regime: rules-based\n"
                            "  unilateral_sanctions: false\n  hegemon_privilege: true\n";
    orb_scenario *s = NULL;
    orb_params p;
    orb_error e;

    CHECK(orb_scenario_parse(t, sizeof t - 1, "o.yaml", tab, &s, &e) == ORB_OK, "overrides parse");
    if (s == NULL) return;
    orb_params_default(&p);
    orb_scenario_apply_params(s, &p);
    CHECK(orb_params_get(&p, "econ.beta") == -0.0215 && orb_params_get(&p, "trade.theta") == 1.125,
          "overrides applied by name");
    CHECK(orb_scenario_start(s) == 2000, "start year 2000");
    CHECK(
        !orb_scenario_rule(s, ORB_RULE_UNILATERAL_SANCTIONS) &&
            orb_scenario_rule(s, ORB_RULE_INTERFERENCE) &&
            orb_scenario_rule(s, ORB_RULE_HEGEMON_PRIVILEGE),
        "a rule set on its own overrides the regime (rules-based: sanctions restricted, privilege "
        "on)");
    orb_scenario_free(s);
}

static void test_errors(void)
{
    expect("name: x\nend: 2030\norder: {regime: [a\n", ORB_EPARSE, "x.yaml:4:1: malformed YAML",
           "malformed YAML: line and column");
    expect("name: x\nend: 2030\nsede: 3\n", ORB_EPARSE,
           "x.yaml:3:1: field 'sede': unknown field (nearest: seed", "unknown field");
    expect("name: x\nend: 2030\nseed: abc\n", ORB_EPARSE,
           "x.yaml:3:7: field 'seed': expected a whole number, found 'abc'", "wrong type");
    expect("name: x\nend: 2030\norder: 3\n", ORB_EPARSE, "field 'order': expected a mapping",
           "a scalar where a mapping is expected");
    expect("name: x\nend: 2030\nruns: 0\n", ORB_EPARSE, "expected a whole number in [1, 1000000]",
           "value out of range");
    expect(
        "name: x\nend: 2030\nshocks:\n  - {year: 2025, state: XYZ, variable: gdp, change: 0.1}\n",
        ORB_EPARSE, "unknown state code 'XYZ' (nearest:", "unknown state code, nearest listed");
    expect("name: x\nstart: 1990\nend: 2030\nshocks:\n  - {year: 2025, state: SSD, variable: gdp, "
           "change: 0.1}\n",
           ORB_EPARSE, "state 'SSD' (SSD) is not in the system in 1990",
           "a state that did not exist in the start year");
    expect("name: x\nstart: 2023\nend: 2030\n", ORB_ERANGE,
           "x.yaml:2:8: field 'start': year 2023 is outside the data (1816-2022)",
           "start year outside the data");
    expect("name: x\nend: 2030\nend: 2031\n", ORB_EPARSE,
           "x.yaml:3:1: field 'end': duplicate field", "duplicate field");
    expect("name: x\nend: 2030\npartnerships:\n  - {pair: [CHN, RUS], kind: k, year: 2001}\n"
           "  - {pair: [RUS, CHN], kind: k, year: 2019}\n",
           ORB_EPARSE, "x.yaml:5:5: field 'partnerships[1]': duplicate entry",
           "duplicate entry (the pair in either order)");
    expect("name: x\nend: 2030\nparameters:\n  econ.beta: 0.01\n  econ.beta: 0.02\n", ORB_EPARSE,
           "duplicate parameter", "duplicate parameter override");
    expect("name: x\n", ORB_EPARSE, "missing required field 'end'", "a required field is missing");
    expect("", ORB_EPARSE, "empty scenario", "an empty file");
    expect("name: x\nend: 2030\nevents:\n  - {date: 2024-13-01, source: CHN, target: USA, cameo: "
           "\"111\"}\n",
           ORB_EPARSE, "expected a date YYYY-MM-DD", "a bad date");
    expect("name: x\nend: 2030\ncrises:\n  - name: c\n    year: 2024\n    scale: [0, 100]\n"
           "    actors:\n      - {state: RUS, position: 1, salience: 1.5}\n",
           ORB_EPARSE, "expected a number in [0, 1], found 1.5", "salience outside [0, 1]");
    expect("name: x\nend: 2030\npartnerships:\n  - {pair: [CHN, CHN], kind: k, year: 2001}\n",
           ORB_EPARSE, "expected two different states", "a pair of one state");
    {
        orb_scenario *s = NULL;
        orb_error e;
        CHECK(orb_scenario_load("tests/data/none.yaml", tab, &s, &e) == ORB_EIO && s == NULL &&
                  strstr(e.msg, "tests/data/none.yaml: cannot open"),
              "a missing file is named");
    }
}

/* Mutation fuzzing: random byte flips, deletions and insertions of the
 * shipped scenario must each load or fail with a located error; never crash. */
static void test_fuzz(void)
{
    static const char alphabet[] = "{}[],:-#'\"\n 0123456789abcXYZ.&*!|>";
    FILE *f = fopen("scenarios/beijing-2024.yaml", "rb");
    char *orig, *buf;
    long len;
    unsigned long x = 2385;
    int i, ok = 1, errors = 0;

    if (f == NULL) {
        CHECK(0, "open beijing-2024.yaml");
        return;
    }
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    orig = malloc((size_t)len + 1);
    buf = malloc((size_t)len + 8);
    if (orig == NULL || buf == NULL || fread(orig, 1, (size_t)len, f) != (size_t)len) ok = 0;
    fclose(f);
    for (i = 0; ok && i < 2000; i++) {
        orb_scenario *s = NULL;
        orb_error e;
        orb_status st;
        size_t n = (size_t)len, at, k, nmut;
        memcpy(buf, orig, n);
        nmut = 1 + (x >> 7) % 3;
        for (k = 0; k < nmut; k++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            at = (size_t)((x >> 33) % n);
            switch ((x >> 20) % 3) {
            case 0:
                buf[at] = alphabet[(x >> 40) % (sizeof alphabet - 1)];
                break;
            case 1:
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
                break;
            default:
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = alphabet[(x >> 40) % (sizeof alphabet - 1)];
                n++;
            }
        }
        st = orb_scenario_parse(buf, n, "fuzz.yaml", tab, &s, &e);
        if (st == ORB_OK) {
            orb_scenario_free(s);
            continue;
        }
        errors++;
        if ((st != ORB_EPARSE && st != ORB_ERANGE) || s != NULL ||
            strncmp(e.msg, "fuzz.yaml:", 10) != 0) {
            printf("info: mutation %d: status %d '%s'\n", i, st, e.msg);
            ok = 0;
        }
    }
    printf("info: 2000 mutations of beijing-2024.yaml, %d errors\n", errors);
    CHECK(ok && errors > 0, "2000 mutated scenarios: each loads or gives a located error");
    free(orig);
    free(buf);
}

int main(void)
{
    orb_error e;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    test_shipped();
    test_overrides();
    test_enforcement();
    test_errors();
    test_fuzz();
    orb_tables_free(tab);
    return tu_done();
}
