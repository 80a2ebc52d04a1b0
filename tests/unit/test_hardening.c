/*
 * test_hardening.c - regression tests for the hardening issue (issue 16):
 * each check names the item it keeps fixed. The inputs are made here
 * from the descriptions.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static orb_tables *tab;
static orb_world *w22;

/* Item 1: a run keeps nothing of the world or scenario it was built from. */
static void test_run_owns_its_world(void)
{
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    int steps = 0;

    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_scenario_new(NULL, "uaf", 2022, 2030, &s, &e) != ORB_OK ||
        orb_run_new(w, s, &o, &r, &e) != ORB_OK) {
        CHECK(0, "item 1: set-up");
        return;
    }
    orb_world_free(w); /* borrowed for the call only */
    orb_scenario_free(s);
    while (orb_run_step(r) == ORB_OK)
        steps++;
    CHECK(steps == 8 && orb_run_error(r, &e) == ORB_OK,
          "item 1: a run steps to its end after its world and scenario are freed");
    orb_run_free(r);
}

/* Item 2: orb_params_nearest with k = 0 ("up to 0") returns none. */
static void test_nearest_zero(void)
{
    const char *out[8] = {NULL};
    CHECK(orb_params_nearest("econ.bta", out, 0) == 0 && out[0] == NULL,
          "item 2: orb_params_nearest(name, out, 0) is 0 and writes nothing");
    CHECK(orb_params_nearest("econ.bta", out, 1) == 1 && strcmp(out[0], "econ.beta") == 0,
          "item 2: k = 1 finds econ.beta");
    CHECK(orb_params_nearest(NULL, out, 3) == 0, "item 2: a NULL name: none");
}

/* Item 3: the functions that crashed on NULL answer it as their headers say. */
static void test_null_contracts(void)
{
    orb_error e;
    int iv = 0;
    size_t n = 7;
    char iso[4];

    CHECK(orb_tables_nstates(NULL) == 0 && orb_world_nstates(NULL) == 0 &&
              orb_world_year(NULL) == 0 && orb_world_index(NULL, 2) == (size_t)-1,
          "item 3: tables and world queries on NULL: 0 or not found");
    CHECK(orb_tables_cow_to_gw(NULL, 2, 2000, &iv) == ORB_EINVAL &&
              orb_tables_cow_to_gw(tab, 2, 2000, NULL) == ORB_EINVAL &&
              orb_tables_cow_to_iso3(NULL, 2, 2000, iso) == ORB_EINVAL &&
              orb_tables_iso3_to_cow(tab, "USA", 2000, NULL) == ORB_EINVAL,
          "item 3: code look-ups with a NULL table or output: ORB_EINVAL");
    CHECK(orb_run_step(NULL) == ORB_EINVAL && orb_run_check(NULL, &e) == ORB_EINVAL &&
              orb_run_metrics(NULL) == NULL && orb_run_year(NULL) == 0 &&
              isnan(orb_run_gdp(NULL, 0)) && strcmp(orb_run_abb(NULL, 0), "") == 0 &&
              orb_run_bloc(NULL, 0) == -1 && orb_run_error(NULL, &e) == ORB_EINVAL,
          "item 3: run queries on NULL: ORB_EINVAL, NULL, 0, NaN, \"\" or -1");
    orb_run_to_end(NULL);
    CHECK(strcmp(orb_scenario_name(NULL), "") == 0 && orb_scenario_start(NULL) == 0 &&
              orb_scenario_shocks(NULL, &n) == NULL && n == 0 && orb_sim_params(NULL) == NULL,
          "item 3: scenario and sim queries on NULL");
    n = 7;
    CHECK(orb_eu_round(NULL) == 0 && isnan(orb_eu_mean(NULL)) && orb_eu_log(NULL, &n) == NULL &&
              n == 0 && orb_eu_preset("scholz", NULL) == ORB_EINVAL,
          "item 3: negotiation queries on NULL");
    CHECK(orb_unsc_passes(NULL, &iv) == 0 && iv == -1 && isnan(orb_metric_value(NULL, 0)),
          "item 3: orb_unsc_passes(NULL) fails the draft, orb_metric_value(NULL) is NaN");
}

/* Item 3: orb_eu_new checks its options and actors as its header says. */
static void test_eu_contracts(void)
{
    orb_eu_actor a[3] = {{"A", 1, 0, 1}, {"B", 1, 100, 1}, {"C", 2, 50, 0.5}};
    orb_eu_opts o;
    orb_eu *m = NULL;
    orb_error e;
    orb_eu_actor *many;
    size_t k;

    orb_eu_preset("scholz", &o);
    o.prob = (orb_eu_prob)7;
    CHECK(orb_eu_new(a, 3, &o, &m, &e) == ORB_EINVAL && m == NULL,
          "item 3: an option outside its enum is ORB_EINVAL");
    orb_eu_preset("scholz", &o);
    a[0].c = 1e308;
    CHECK(orb_eu_new(a, 3, &o, &m, &e) == ORB_EINVAL && strstr(e.msg, "capability") != NULL,
          "item 6: a capability of 1e308 is refused (sums would overflow)");
    a[0].c = 1;
    a[0].s = a[1].s = a[2].s = 0;
    CHECK(orb_eu_new(a, 3, &o, &m, &e) == ORB_EINVAL && strstr(e.msg, "salience") != NULL,
          "item 6: every salience 0 is refused (the mean would be 0/0)");
    many = calloc(ORB_EU_MAX_ACTORS + 1, sizeof *many);
    for (k = 0; many && k <= ORB_EU_MAX_ACTORS; k++) {
        snprintf(many[k].name, sizeof many[k].name, "A%zu", k);
        many[k].c = 1;
        many[k].x = (double)k;
        many[k].s = 1;
    }
    CHECK(many && orb_eu_new(many, ORB_EU_MAX_ACTORS + 1, &o, &m, &e) == ORB_EINVAL &&
              strstr(e.msg, "at most") != NULL,
          "item 8: more actors than ORB_EU_MAX_ACTORS are refused");
    free(many);
}

/* Item 8: the offer log holds one round, so memory does not grow with rounds. */
static void test_eu_log_bounded(void)
{
    enum { N = 40 };
    orb_eu_actor a[N];
    orb_eu *m = NULL;
    orb_error e;
    size_t k, nl = 0, most = 0;
    int r, same_round = 1;

    for (k = 0; k < N; k++) {
        snprintf(a[k].name, sizeof a[k].name, "A%zu", k);
        a[k].c = 1 + (double)(k % 7);
        a[k].x = (double)((k * 37) % 101);
        a[k].s = 0.2 + 0.02 * (double)k;
    }
    if (orb_eu_new(a, N, NULL, &m, &e) != ORB_OK) {
        CHECK(0, "item 8: set-up");
        return;
    }
    for (r = 1; r <= 200; r++) {
        const orb_eu_record *log;
        if (orb_eu_round(m) == ORB_DONE) break;
        log = orb_eu_log(m, &nl);
        if (nl > most) most = nl;
        for (k = 0; k < nl; k++)
            if (log[k].round != r) same_round = 0;
    }
    CHECK(same_round && most <= 3 * N * N,
          "item 8: after every round the log holds that round's offers only (at most 3 n^2)");
    orb_eu_free(m);
}

/* Item 3: parameters given to a sim are checked (NaN, outside the range). */
static void test_sim_params_checked(void)
{
    orb_params p;
    orb_sim_opts so = orb_sim_opts_default();
    orb_sim *s = NULL;
    orb_error e;

    orb_params_default(&p);
    p.v[0] = NAN;
    so.params = &p;
    so.end_year = 2030;
    CHECK(orb_sim_new(w22, NULL, &so, &s, &e) == ORB_EINVAL && s == NULL &&
              strstr(e.msg, "outside its range") != NULL,
          "item 3: orb_sim_opts.params with a NaN is ORB_EINVAL, naming the parameter");
}

/* Items 4 and 5: a run that leaves the finite range stops, names the state,
 * the variable and the year, and never steps on. */
static void test_run_stops_when_not_finite(void)
{
    orb_params p;
    orb_run_opts o = orb_run_opts_default();
    orb_run *r = NULL;
    orb_error e;
    int st, y = 0;

    orb_params_default(&p);
    if (orb_params_set(&p, "power.irst_shock_size", 0.5, &e) != ORB_OK) { /* its range's top */
        CHECK(0, "item 5: power.irst_shock_size = 0.5 is in range");
        return;
    }
    o.params = &p;
    o.end_year = 2100;
    if (orb_run_new(w22, NULL, &o, &r, &e) != ORB_OK) {
        CHECK(0, "item 5: set-up");
        return;
    }
    while ((st = orb_run_step(r)) == ORB_OK)
        y = orb_run_year(r);
    CHECK(st == ORB_ERANGE && orb_run_error(r, &e) == ORB_ERANGE &&
              strstr(e.msg, "finite range") != NULL && orb_run_step(r) == ORB_ERANGE &&
              orb_run_year(r) < 2100,
          "items 4-5: power.irst_shock_size = 0.5 (the top of its range) stops the run with "
          "ORB_ERANGE and a message; later steps refuse");
    printf("info: stopped after %d: %s\n", y, e.msg);
    orb_run_free(r);
}

/* Items 7, 12 and 14: YAML limits, one document, reader errors placed. */
static void test_yaml_limits(void)
{
    orb_scenario *s = NULL;
    orb_error e;
    char *deep;
    size_t k, n = 0;
    const char multi[] = "name: a\nend: 2030\n---\nname: b\n";
    const char utf8[] = "name: ab\xff\xfe\nend: 2030\n";

    deep = malloc(200000);
    if (deep == NULL) return;
    n += (size_t)sprintf(deep, "name: deep\nend: 2030\ndescription: ");
    for (k = 0; k < 50000; k++)
        deep[n++] = '[';
    deep[n] = '\0';
    CHECK(orb_scenario_parse(deep, n, "deep.yaml", tab, &s, &e) == ORB_EPARSE &&
              strstr(e.msg, "nesting") != NULL && e.line == 3 && e.column == 14 + 64,
          "item 7: 50,000 nested [ are refused before libyaml, at the 65th");
    n = (size_t)sprintf(deep, "name: deep\nend: 2030\nparameters:\n");
    for (k = 0; k < 300; k++) {
        memset(deep + n, ' ', k + 1);
        n += k + 1;
        n += (size_t)sprintf(deep + n, "k%zu:\n", k);
    }
    deep[n] = '\0';
    CHECK(orb_scenario_parse(deep, n, "deep.yaml", tab, &s, &e) == ORB_EPARSE &&
              strstr(e.msg, "column 256") != NULL,
          "item 7: block nesting beyond column 256 is refused");
    free(deep);
    CHECK(orb_scenario_parse(multi, sizeof multi - 1, "multi.yaml", tab, &s, &e) == ORB_EPARSE &&
              strstr(e.msg, "second YAML document") != NULL && e.line == 3,
          "item 12: a second document is refused at its line, not ignored");
    CHECK(orb_scenario_parse(utf8, sizeof utf8 - 1, "utf8.yaml", tab, &s, &e) == ORB_EPARSE &&
              e.line == 1 && e.column == 9,
          "item 14: invalid UTF-8 is reported at its line and column (1:9), not 1:1");
}

/* ---- item 11: data tables and raw files ------------------------------------ */

/* Write path from the text of src with its first data row appended once more
 * (a duplicate) or, when col >= 0, with that row's field col replaced by val. */
static int variant(const char *src, const char *path, int col, const char *val, int append)
{
    FILE *in = fopen(src, "rb"), *out;
    char line[1 << 16];
    int row = 0;

    if (in == NULL || (out = fopen(path, "wb")) == NULL) {
        if (in) fclose(in);
        return -1;
    }
    while (fgets(line, sizeof line, in) != NULL) {
        row++;
        if (row == 2 && col >= 0) { /* the first data row, one field changed */
            char *p = line, *end;
            int k;
            for (k = 0; k < col && p; k++)
                p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
            if (p == NULL) break;
            end = p + strcspn(p, ",\n");
            fwrite(line, 1, (size_t)(p - line), out);
            fputs(val, out);
            fputs(end, out);
            continue;
        }
        fputs(line, out);
        if (row == 2 && append) { /* remember it: written again at the end */
            static char first[1 << 16];
            strcpy(first, line);
            while (fgets(line, sizeof line, in) != NULL)
                fputs(line, out);
            if (line[0] && line[strlen(line) - 1] != '\n') fputc('\n', out); /* a last line */
            if (val != NULL) { /* the same key, another value: the last field */
                char *c = strrchr(first, ',');
                if (c) sprintf(c + 1, "%s\n", val);
            }
            fputs(first, out);
            break;
        }
    }
    fclose(in);
    return fclose(out);
}

/* Link every entry of folder from into folder to, except skip. */
static int link_all(const char *from, const char *to, const char *skip)
{
    DIR *d = opendir(from);
    struct dirent *de;
    char a[1024], b[1024];
    int rc = 0;

    if (d == NULL) return -1;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || (skip && strcmp(de->d_name, skip) == 0)) continue;
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        rc = symlink(a, b);
    }
    closedir(d);
    return rc;
}

/* A copy of folder dir under a temporary folder: links to its entries, but
 * file (at most one folder deep) replaced by a variant; its path to out. */
static int folder_variant(const char *dir, const char *file, int col, const char *val, int append,
                          char *out, size_t n)
{
    char abs[1024], cwd[512], top[256], sub[1400], from[1400], to[1400];
    const char *slash = strchr(file, '/');

    if (getcwd(cwd, sizeof cwd) == NULL) return -1;
    snprintf(abs, sizeof abs, "%s%s%s", dir[0] == '/' ? "" : cwd, dir[0] == '/' ? "" : "/", dir);
    snprintf(out, n, "%s/orbis-hard-XXXXXX", tu_env("TMPDIR", "/tmp"));
    if (mkdtemp(out) == NULL) return -1;
    snprintf(top, sizeof top, "%.*s", slash ? (int)(slash - file) : (int)strlen(file), file);
    if (link_all(abs, out, top) != 0) return -1;
    if (slash) { /* the file's folder: real, holding links to the others */
        snprintf(sub, sizeof sub, "%s/%s", out, top);
        snprintf(from, sizeof from, "%s/%s", abs, top);
        if (mkdir(sub, 0700) != 0 || link_all(from, sub, slash + 1) != 0) return -1;
    }
    snprintf(from, sizeof from, "%s/%s", abs, file);
    snprintf(to, sizeof to, "%s/%s", out, file);
    return variant(from, to, col, val, append);
}

/* Remove what folder_variant made (links, the one folder, the variant). */
static void remove_folder(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char p[1200];
    struct stat sb;

    if (d == NULL) return;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            remove_folder(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Load the folder dir (tables or raw data): its status and message to e. */
typedef orb_status (*folder_loader)(const char *dir, orb_error *e);

static orb_status load_tables_dir(const char *dir, orb_error *e)
{
    orb_tables *t = (orb_tables *)&t; /* must be reset to NULL on failure */
    orb_status st = orb_tables_load(dir, &t, e);
    if (st != ORB_OK ? t != NULL : t == NULL) return ORB_ENOMEM; /* the out contract broken */
    orb_tables_free(st == ORB_OK ? t : NULL);
    return st;
}

static orb_status load_raw_dir(const char *dir, orb_error *e)
{
    orb_panel *p = (orb_panel *)&p;
    orb_status st = orb_panel_load(dir, tab, &p, e);
    if (st != ORB_OK ? p != NULL : p == NULL) return ORB_ENOMEM;
    orb_panel_free(st == ORB_OK ? p : NULL);
    return st;
}

/* A copy of folder src with file changed (variant) must fail to load with
 * ORB_EPARSE and a message holding needle, leaving no object behind. */
static void bad_folder_case(const char *src, folder_loader load, const char *file, int col,
                            const char *val, int append, const char *needle, const char *what)
{
    char dir[1024], detail[1200];
    orb_error e;
    orb_status st;

    if (folder_variant(src, file, col, val, append, dir, sizeof dir) != 0) {
        CHECK(0, what);
        return;
    }
    orb_error_clear(&e);
    st = load(dir, &e);
    snprintf(detail, sizeof detail, "item 11: %s [%s]", what, e.msg);
    CHECK(st == ORB_EPARSE && strstr(e.msg, needle) != NULL, detail);
    remove_folder(dir);
}

static void table_case(const char *file, int col, const char *val, int append, const char *needle,
                       const char *what)
{
    bad_folder_case(tu_env("ORBIS_TABLES", "data"), load_tables_dir, file, col, val, append, needle,
                    what);
}

static void test_table_values(void)
{
    table_case("baseline2022.csv", -1, NULL, 1, "a duplicate", "a state twice in baseline2022.csv");
    table_case("cameo.csv", -1, NULL, 1, "a duplicate", "a CAMEO code twice");
    table_case("dyads2022.csv", -1, NULL, 1, "a duplicate", "a dyad twice");
    table_case("unsc.csv", -1, NULL, 1, "a duplicate", "a Council seat twice");
    table_case("crosswalk.csv", -1, NULL, 1, "a duplicate", "a crosswalk spell twice");
    table_case("baseline2022.csv", 8, "7", 0, "CINC score in [0, 1]", "a CINC of 7");
    table_case("baseline2022.csv", 8, "-3", 0, "CINC score in [0, 1]", "a CINC of -3");
    table_case("baseline2022.csv", 2, "1e308", 0, "expected a value in [0, 1e+16]",
               "military spending of 1e308");
    table_case("baseline2022.csv", 9, "-5", 0, "expected a GDP in (0", "a negative GDP");
    table_case("baseline2022.csv", 13, "0", 0, "expected a population in (0", "a zero population");
}

static const char *const raw_files[] = {
    "cow_nmc/NMC-70-abridged_via_peacesciencer.csv",
    "economy_fariss_sim/cw_gdppop.csv",
    "economy_worldbank/gdp.csv",
    "economy_realgdp/wdi_gdp_constant2015usd.csv",
    "economy_worldbank/population.csv",
};

static void raw_case(const char *file, int col, const char *val, int append, const char *needle,
                     const char *what)
{
    bad_folder_case(tu_data(), load_raw_dir, file, col, val, append, needle, what);
}

static void test_raw_values(void)
{
    if (tu_data() == NULL) {
        SKIP("item 11: raw data checks");
        return;
    }
    raw_case(raw_files[2], -1, "1", 1, "a second, different value",
             "a World Bank GDP given twice with different values (the last won)");
    raw_case(raw_files[2], 3, "-5", 0, "expected a value in (0", "a negative World Bank GDP");
    raw_case(raw_files[4], 3, "0", 0, "expected a value in (0", "a zero population");
    raw_case(raw_files[0], 9, "-3", 0, "CINC score in [0, 1]", "an NMC CINC of -3");
    raw_case(raw_files[0], 3, "1e308", 0, "expected a value in [0, 1e+16]",
             "NMC military spending of 1e308");
}

int main(void)
{
    orb_error e;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK ||
        orb_world_new(tab, NULL, 2022, &w22, &e) != ORB_OK) {
        printf("FAIL set-up: %s\n", e.msg);
        return 1;
    }
    test_run_owns_its_world();
    test_nearest_zero();
    test_null_contracts();
    test_eu_contracts();
    test_eu_log_bounded();
    test_sim_params_checked();
    test_run_stops_when_not_finite();
    test_yaml_limits();
    test_table_values();
    test_raw_values();
    orb_world_free(w22);
    orb_tables_free(tab);
    return tu_done();
}
