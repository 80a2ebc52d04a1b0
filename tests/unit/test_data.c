/*
 * test_data.c - the real data: CINC recomputed over the whole NMC v7.0
 * panel, the 2022 anchors, the crosswalk, the baseline's imputation flags,
 * the two routes to the 2022 world, and every error path of the loaders.
 *
 * Needs ORBIS_DATA (raw sets) and ORBIS_TABLES (data/), set by the Makefile.
 * Writes only to a temporary folder.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static const char *raw_dir, *tab_dir;
static char tmp_dir[256];

/* CINC recomputed from the six components, year by year, against the
 * published column: every state-year 1816-2022 within 1e-7. */
static void test_cinc_whole_panel(const orb_tables *t, const orb_panel *p)
{
    double worst = 0, worst_strict_ratio = 0;
    int worst_c = 0, worst_y = 0, y;
    size_t rows = 0, nan_rows = 0;

    for (y = ORB_FIRST_YEAR; y <= ORB_LAST_YEAR; y++) {
        orb_world *w = NULL;
        double cinc[400], strict[400];
        size_t i, n;

        if (orb_world_new(t, p, y, &w, NULL) != ORB_OK) {
            CHECK(0, "world for every year 1816-2022");
            return;
        }
        n = orb_world_nstates(w);
        orb_world_power(w, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, cinc);
        orb_world_power(w, ORB_MEASURE_CINC, ORB_CINC_STRICT, NULL, strict);
        for (i = 0; i < n; i++) {
            const orb_state *s = orb_world_state(w, i);
            double d;
            rows++;
            if (isnan(cinc[i])) {
                nan_rows++;
                continue;
            }
            d = fabs(cinc[i] - s->cinc_pub);
            if (d > worst) {
                worst = d;
                worst_c = s->ccode;
                worst_y = y;
            }
            if (strict[i] > 0) worst_strict_ratio = fmax(worst_strict_ratio, cinc[i] / strict[i]);
        }
        orb_world_free(w);
    }
    printf("info: CINC over %zu state-years: largest |recomputed - published| = %.3g "
           "(ccode %d, %d)\n",
           rows, worst, worst_c, worst_y);
    CHECK_INT(rows, orb_panel_nrows(p), "every panel row is in some year's world");
    CHECK_INT(rows, 17121, "NMC v7.0 has 17,121 state-years");
    CHECK_INT(nan_rows, 0, "no state-year has all six components missing");
    CHECK_ABS(worst, 0.0, 1e-7, "recomputed CINC = published CINC, every state-year, within 1e-7");
    CHECK(worst_strict_ratio <= 6.0 / 2.0 + 1e-12 && worst_strict_ratio > 1.0,
          "codebook/strict ratio is above 1 where components are missing and at most 6/2");
}

static void test_2022(const orb_tables *t, const orb_panel *p)
{
    orb_world *wt = NULL, *wp = NULL;
    orb_polarity pol;
    double power[400];
    size_t rank[400], nrank = 0, i, n, chn, usa, imputed = 0, majors = 0;
    int ok_same = 1;
    orb_error e;

    CHECK(orb_world_new(t, NULL, 2022, &wt, &e) == ORB_OK, "2022 world from the shipped tables");
    CHECK(orb_world_new(t, p, 2022, &wp, &e) == ORB_OK, "2022 world from the panel");
    if (!wt || !wp) goto done;
    n = orb_world_nstates(wt);
    CHECK_INT(n, 195, "195 states in 2022");
    CHECK_INT(orb_world_nstates(wp), n, "both routes give the same states");
    for (i = 0; i < n; i++) {
        const orb_state *a = orb_world_state(wt, i), *b = orb_world_state(wp, i);
        int c;
        if (a->ccode != b->ccode || a->cinc_pub != b->cinc_pub || a->gdp_usd != b->gdp_usd ||
            a->pop != b->pop || a->gwcode != b->gwcode || strcmp(a->iso3, b->iso3) != 0)
            ok_same = 0;
        for (c = 0; c < ORB_NCOMP; c++)
            if (!(a->comp[c] == b->comp[c] || (isnan(a->comp[c]) && isnan(b->comp[c]))))
                ok_same = 0;
        /* tools/build_data.py and panel.c apply the same GDP (PPP) rule */
        if (!(fabs(a->gdp_ppp - b->gdp_ppp) <= 1e-9 * fabs(b->gdp_ppp) ||
              (isnan(a->gdp_ppp) && isnan(b->gdp_ppp))))
            ok_same = 0;
        /* and the same population growth and trend (orbi_pop_trend, build_data.py) */
        if (!(fabs(a->pop_growth - b->pop_growth) <= 1e-15 ||
              (isnan(a->pop_growth) && isnan(b->pop_growth))) ||
            !(fabs(a->pop_trend - b->pop_trend) <= 1e-15 ||
              (isnan(a->pop_trend) && isnan(b->pop_trend))))
            ok_same = 0;
        if (isnan(a->gdp_usd) || isnan(a->pop)) ok_same = 0; /* never a silent gap */
        imputed += (size_t)orb_state_gdp_imputed(a);
        majors += (size_t)a->major;
    }
    CHECK(ok_same, "tables and panel give the identical 2022 world; every state has GDP and pop");
    { /* the long-run ideal point: build_data.py's column and dyads.c's mean (a 2019 world's) */
        orb_world *w19 = NULL;
        size_t same = 0, have = 0, both = 0;
        CHECK(orb_world_new(t, p, 2019, &w19, &e) == ORB_OK, "2019 world from the panel");
        for (i = 0; w19 != NULL && i < n; i++) {
            const orb_state *a = orb_world_state(wt, i);
            size_t k = orb_world_index(w19, a->ccode);
            double b = k == (size_t)-1 ? NAN : orb_world_state(w19, k)->ideal_mean;
            if (k == (size_t)-1) continue;
            both++;
            if (!isnan(a->ideal_mean)) have++;
            if ((isnan(a->ideal_mean) && isnan(b)) || fabs(a->ideal_mean - b) <= 1e-12) same++;
        }
        printf("info: %zu of %zu states of 2022 in the 2019 world have a 1992-2019 mean "
               "ideal point\n",
               have, both);
        CHECK(w19 != NULL && have > 180 && same == both,
              "ideal_mean: build_data.py and dyads.c give the same 1992-2019 means");
        orb_world_free(w19);
    }
    CHECK_INT(majors, 7, "2022 COW major powers: the 2016 list of 7");
    CHECK(imputed >= 2, "imputed GDP values are flagged");
    chn = orb_world_index(wt, 710);
    usa = orb_world_index(wt, 2);
    CHECK(orb_state_gdp_imputed(orb_world_state(wt, orb_world_index(wt, 713))),
          "Taiwan's GDP is flagged imputed");
    CHECK(orb_state_gdp_imputed(orb_world_state(wt, orb_world_index(wt, 731))),
          "North Korea's GDP is flagged imputed");
    CHECK(!orb_state_gdp_imputed(orb_world_state(wt, usa)), "US GDP is the World Bank's");

    CHECK(orb_world_polarity(wt, ORB_MEASURE_CINC, 0, NULL, &pol, power, rank, &nrank, &e) ==
              ORB_OK,
          "polarity 2022");
    CHECK(rank[0] == chn && rank[1] == usa, "2022 CINC ranking: China then the United States");
    CHECK_ABS(power[chn], 0.2341, 5e-5, "China CINC 2022 = 0.2341");
    CHECK_ABS(power[usa], 0.1236, 5e-5, "US CINC 2022 = 0.1236");
    CHECK_ABS(power[chn] / power[usa], 1.8945, 5e-4, "China/US CINC ratio 1.8945 (MODELS.md 7)");
    CHECK_INT(nrank, n, "every 2022 state has a CINC");
    {
        /* MODELS.md section 7 component shares, China / US, in per cent */
        const double want_chn[] = {10.83, 9.79, 53.89, 30.27, 17.89, 17.79};
        const double want_usa[] = {41.57, 6.54, 4.26, 14.11, 4.30, 3.35};
        double tot[ORB_NCOMP] = {0};
        double worst = 0;
        int c;
        for (i = 0; i < n; i++)
            for (c = 0; c < ORB_NCOMP; c++)
                if (!isnan(orb_world_state(wt, i)->comp[c]))
                    tot[c] += orb_world_state(wt, i)->comp[c];
        for (c = 0; c < ORB_NCOMP; c++) {
            worst =
                fmax(worst, fabs(100 * orb_world_state(wt, chn)->comp[c] / tot[c] - want_chn[c]));
            worst =
                fmax(worst, fabs(100 * orb_world_state(wt, usa)->comp[c] / tot[c] - want_usa[c]));
        }
        CHECK_ABS(worst, 0.0, 0.006, "2022 component shares, China and US, to two decimals");
    }
    {
        orb_measure m;
        for (m = ORB_MEASURE_GDP; m <= ORB_MEASURE_NET; m++) {
            double s = 0;
            char what[80];
            orb_world_power(wt, m, ORB_CINC_CODEBOOK, NULL, power);
            for (i = 0; i < n; i++)
                if (!isnan(power[i])) s += power[i];
            snprintf(what, sizeof what, "%s shares sum to one (2022)", orb_measure_name(m));
            CHECK_ABS(s, 1.0, 1e-12, what);
        }
    }
    CHECK(orb_world_polarity(wt, ORB_MEASURE_CINC, 1, NULL, &pol, power, rank, &nrank, &e) ==
              ORB_OK,
          "polarity 2022 among majors");
    CHECK_INT(nrank, 7, "7 majors ranked");
    {
        double s = 0;
        for (i = 0; i < nrank; i++)
            s += power[rank[i]];
        CHECK_ABS(s, 1.0, 1e-9, "major-power CINC sums to one (complete data among majors)");
    }
done:
    orb_world_free(wt);
    orb_world_free(wp);
}

/* The real-data check of MODELS.md section 4: China's CINC passes the
 * United States' between 1994 and 1995. */
static void test_transition_real(const orb_tables *t, const orb_panel *p)
{
    double usa[60], chn[60], power[400];
    int y, over[60];
    long first;

    for (y = 1960; y <= 2019; y++) {
        orb_world *w = NULL;
        orb_world_new(t, p, y, &w, NULL);
        orb_world_power(w, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, power);
        usa[y - 1960] = power[orb_world_index(w, 2)];
        chn[y - 1960] = power[orb_world_index(w, 710)];
        orb_world_free(w);
    }
    first = orb_transition_scan(usa, chn, 60, 0.8, NULL, over);
    CHECK_INT(first >= 0 ? 1960 + first : -1, 1995, "China overtakes the US on CINC in 1995");
}

/* After Fariss et al.'s last year (2019) real GDP moves with real growth
 * (WDI constant USD), not with the current-USD ratio: the US 2020 recession
 * (-2.2% in WDI) and Russia's 2022 fall (-1.2%, while its current-USD GDP rose
 * by a quarter with the rouble) are in the panel. */
static double ppp_of(const orb_tables *t, const orb_panel *p, int year, int ccode, char *src)
{
    orb_world *w = NULL;
    double v = NAN;

    if (orb_world_new(t, p, year, &w, NULL) == ORB_OK) {
        const orb_state *s = orb_world_state(w, orb_world_index(w, ccode));
        if (s) {
            v = s->gdp_ppp;
            if (src) snprintf(src, 24, "%s", s->gdp_ppp_source);
        }
    }
    orb_world_free(w);
    return v;
}

static void test_real_growth(const orb_tables *t, const orb_panel *p)
{
    char src[24] = "";
    double us19 = ppp_of(t, p, 2019, 2, src), us20;

    CHECK(strcmp(src, "fariss") == 0, "US 2019 real GDP is Fariss et al.'s");
    us20 = ppp_of(t, p, 2020, 2, src);
    CHECK(strcmp(src, "fariss2019*wdireal") == 0, "US 2020 real GDP moved by WDI real growth");
    CHECK_ABS(us20 / us19, 0.978, 0.004, "US real GDP 2020 / 2019 = 0.978 (WDI: -2.2%)");
    CHECK(ppp_of(t, p, 2022, 365, NULL) < ppp_of(t, p, 2021, 365, NULL),
          "Russia's real GDP fell in 2022 (its current-USD GDP rose)");
    ppp_of(t, p, 2022, 731, src);
    CHECK(strcmp(src, "fariss2019*pop") == 0, "North Korea (no WDI series): per capita carried");
    ppp_of(t, p, 2022, 713, src);
    CHECK(strcmp(src, "fariss2019") == 0, "Taiwan (neither series): the 2019 level carried");
}

static void test_crosswalk(const orb_tables *t)
{
    int v = 0;
    char iso[8];

    CHECK(orb_tables_cow_to_gw(t, 255, 2022, &v) == ORB_OK && v == 260, "COW 255 (2022) -> GW 260");
    CHECK(orb_tables_cow_to_gw(t, 255, 1900, &v) == ORB_OK && v == 255, "COW 255 (1900) -> GW 255");
    CHECK(orb_tables_cow_to_gw(t, 345, 2010, &v) == ORB_OK && v == 340, "COW 345 (2010) -> GW 340");
    CHECK(orb_tables_cow_to_gw(t, 679, 2000, &v) == ORB_OK && v == 678, "COW 679 -> GW 678");
    CHECK(orb_tables_gw_to_cow(t, 260, 2022, &v) == ORB_OK && v == 255, "GW 260 (2022) -> COW 255");
    CHECK(orb_tables_cow_to_gw(t, 58, 2022, &v) == ORB_ERANGE, "microstate: no GW code");
    CHECK(orb_tables_cow_to_iso3(t, 345, 2022, iso) == ORB_OK && strcmp(iso, "SRB") == 0,
          "COW 345 (2022) -> SRB");
    CHECK(orb_tables_cow_to_iso3(t, 713, 2022, iso) == ORB_OK && strcmp(iso, "TWN") == 0,
          "Taiwan -> TWN");
    CHECK(orb_tables_iso3_to_cow(t, "xkx", 2022, &v) == ORB_OK && v == 347, "XKX -> Kosovo 347");
    CHECK(orb_tables_iso3_to_cow(t, "WLD", 2022, &v) == ORB_ERANGE,
          "aggregate WLD has no COW code");
    CHECK_INT(orb_tables_find(t, "china"), 710, "find by name");
    CHECK_INT(orb_tables_find(t, "RUS"), 365, "find by abbreviation");
    CHECK_INT(orb_tables_find(t, "DEU"), 255, "find by ISO3");
    CHECK_INT(orb_tables_find(t, "Atlantis"), 0, "unknown state: 0");
    CHECK_INT(orb_tables_find(t, "CZE"), 315, "CZE is COW's Czechoslovakia");
    CHECK_INT(orb_tables_find_in(t, "CZE", 2022), 316,
              "in 2022 CZE names the Czech Republic (its ISO3 code)");
    CHECK_INT(orb_tables_find_in(t, "CZE", 1980), 315, "in 1980 CZE is Czechoslovakia");
    CHECK_INT(orb_tables_find_in(t, "GDR", 2022), 265, "a state out of the system: still found");
    CHECK_INT(orb_tables_find_in(t, "Atlantis", 2022), 0, "unknown state: 0");
    CHECK(orb_tables_is_major(t, 710, 2022) && !orb_tables_is_major(t, 750, 2022),
          "China major, India not (COW 2016 list)");
    CHECK(orb_tables_is_p5(t, 713, 1960) && !orb_tables_is_p5(t, 710, 1960),
          "1960: China's UNSC seat held by the ROC (COW 713)");
    CHECK(orb_tables_is_p5(t, 710, 1971) && !orb_tables_is_p5(t, 713, 1971),
          "1971: seat to the PRC");
    CHECK(!orb_tables_is_p5(t, 2, 1945) && orb_tables_is_p5(t, 2, 1946), "P5 seats from 1946");
    CHECK(!orb_tables_is_major(t, 2, 1897) && orb_tables_is_major(t, 2, 1898),
          "US major from 1898");
}

/* ---- error paths ------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void copy_file(const char *from_dir, const char *to_dir, const char *name)
{
    char src[512], dst[512], buf[8192];
    FILE *in, *out;
    size_t k;

    snprintf(src, sizeof src, "%s/%s", from_dir, name);
    snprintf(dst, sizeof dst, "%s/%s", to_dir, name);
    in = fopen(src, "rb");
    out = fopen(dst, "wb");
    while (in && out && (k = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, k, out);
    if (in) fclose(in);
    if (out) fclose(out);
}

#define BASE_HEADER                                                                                \
    "ccode,stateabb,milex,milper,irst,pec,tpop,upop,cinc,gdp,gdp_source,gdp_ppp,gdp_ppp_source,"   \
    "pop,pop_source,tpop_prev,upop_prev,gdppc_trend,idealpoint,idealpoint_year,pop_growth,"        \
    "pop_trend,ideal_mean\n"

static void expect_error(const char *dir, orb_status want, const char *needle, const char *what)
{
    orb_tables *t = (orb_tables *)&t; /* must be reset to NULL on failure */
    orb_error e;
    orb_status st;
    char detail[900];

    orb_error_clear(&e);
    st = orb_tables_load(dir, &t, &e);
    snprintf(detail, sizeof detail, "%s [status %d, msg: %s]", what, (int)st, e.msg);
    CHECK(st == want && (want == ORB_OK ? t != NULL : t == NULL) && strstr(e.msg, needle) != NULL,
          detail);
    if (st == ORB_OK) orb_tables_free(t);
}

static void test_errors(void)
{
    static const char *const files[] = {
        "states.csv",         "crosswalk.csv", "majors.csv",        "p5.csv",
        "baseline2022.csv",   "capitals.csv",  "cameo.csv",         "dyads2022.csv",
        "unsc.csv",           "vetoes.csv",    "sanctions.csv",     "wars.csv",
        "growth_effects.csv", "rivalries.csv", "sanction_cases.csv"};
    char path[512];
    size_t i;
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    orb_error e;

    /* a missing file is named */
    expect_error(tmp_dir, ORB_EIO, "states.csv: cannot open", "missing states.csv is named");
    for (i = 0; i < sizeof files / sizeof files[0]; i++)
        copy_file(tab_dir, tmp_dir, files[i]);
    expect_error(tmp_dir, ORB_OK, "", "a copy of the tables loads");

    write_file(tmp_dir, "majors.csv", "ccode,from_year,to_year\n2,1898,9999\n710,19x0,9999\n");
    expect_error(tmp_dir, ORB_EPARSE, "majors.csv:3:5: column 'from_year': expected an integer",
                 "malformed integer: file:line:column and what was expected");
    write_file(tmp_dir, "majors.csv", "ccode,from_year,to_year\n2,1898\n");
    expect_error(tmp_dir, ORB_EPARSE, "majors.csv:2:", "short row: field count");
    write_file(tmp_dir, "majors.csv", "ccode,from_year\n2,1898\n");
    expect_error(tmp_dir, ORB_EPARSE, "expected a column named 'to_year'", "missing column named");
    write_file(tmp_dir, "majors.csv", "ccode,from_year,to_year\n\"2,1898,9999\n");
    expect_error(tmp_dir, ORB_EPARSE, "majors.csv:2:1: unterminated quoted field",
                 "unterminated quote");
    write_file(tmp_dir, "majors.csv", "");
    expect_error(tmp_dir, ORB_EPARSE, "empty file", "empty file");
    copy_file(tab_dir, tmp_dir, "majors.csv");
    write_file(tmp_dir, "baseline2022.csv",
               BASE_HEADER "2,USA,838814000,1360,80535,abc,344775,119142,0.12,1e13,wb,1e13,x,3e8,"
                           "wb,3e5,1e5,0.01,1.5,2022,0.005,-1e-4,1.4\n");
    expect_error(tmp_dir, ORB_EPARSE,
                 "baseline2022.csv:2:28: column 'pec': expected a number, found 'abc'",
                 "malformed number: file:line:column");
    write_file(tmp_dir, "baseline2022.csv",
               BASE_HEADER "2,USA,838814000,1360,80535,-5,344775,119142,0.12,1e13,wb,1e13,x,3e8,wb,"
                           "3e5,1e5,0.01,1.5,2022,0.005,-1e-4,1.4\n");
    expect_error(tmp_dir, ORB_EPARSE, "column 'pec': expected a value in [0, 1e+16] or -9",
                 "negative component rejected");
    write_file(tmp_dir, "baseline2022.csv",
               BASE_HEADER "2,USA,838814000,1360,80535,5,344775,119142,0.12,,wb,1e13,x,3e8,wb,3e5,"
                           "1e5,0.01,1.5,2022,0.005,-1e-4,1.4\n");
    expect_error(tmp_dir, ORB_EPARSE, "column 'gdp': expected a number, found a missing value",
                 "missing GDP is an error, never a silent zero");
    copy_file(tab_dir, tmp_dir, "baseline2022.csv");
    write_file(tmp_dir, "sanction_cases.csv", "year,cases,us_cases\n1993,3,4\n");
    expect_error(tmp_dir, ORB_EPARSE,
                 "sanction_cases.csv:2:", "more US cases than cases: a located error");
    copy_file(tab_dir, tmp_dir, "sanction_cases.csv");

    /* the panel: a missing raw folder names the file and ORBIS_DATA */
    orb_tables_load(tab_dir, &t, NULL);
    orb_error_clear(&e);
    CHECK(orb_panel_load(tmp_dir, t, &p, &e) == ORB_EIO && p == NULL &&
              strstr(e.msg, "cow_nmc/NMC-70-abridged_via_peacesciencer.csv: cannot open") &&
              strstr(e.msg, "ORBIS_DATA"),
          "missing panel file: named, with ORBIS_DATA");
    snprintf(path, sizeof path, "%s/cow_nmc", tmp_dir);
    {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
        if (system(cmd) != 0) CHECK(0, "mkdir");
    }
    write_file(path, "NMC-70-abridged_via_peacesciencer.csv",
               "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
               "USA,2,1816,3823,17,80,254,8659,101,0.039697491\n"
               "USA,2,1817,2466,15,80,27 7,8899,106,0.035816610\n");
    orb_error_clear(&e);
    CHECK(orb_panel_load(tmp_dir, t, &p, &e) == ORB_EPARSE && p == NULL &&
              strstr(e.msg, "NMC-70-abridged_via_peacesciencer.csv:3:23: column 'pec': expected a "
                            "number, found '27 7'"),
          "malformed NMC row: file:line:column");
    write_file(path, "NMC-70-abridged_via_peacesciencer.csv",
               "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
               "USA,2,1816,3823,17,80,254,8659,101,0.039697491\n"
               "USA,2,1816,2466,15,80,277,8899,106,0.035816610\n");
    orb_error_clear(&e);
    CHECK(orb_panel_load(tmp_dir, t, &p, &e) == ORB_EPARSE && strstr(e.msg, "duplicate state-year"),
          "duplicate state-year rejected");
    write_file(path, "NMC-70-abridged_via_peacesciencer.csv",
               "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
               "USA,2,1700,3823,17,80,254,8659,101,0.039697491\n");
    orb_error_clear(&e);
    CHECK(orb_panel_load(tmp_dir, t, &p, &e) == ORB_EPARSE &&
              strstr(e.msg, "expected an integer in 1816..2022"),
          "out-of-range year in the file rejected");

    /* worlds: unknown years, no panel */
    orb_error_clear(&e);
    CHECK(orb_world_new(t, NULL, 1815, &w, &e) == ORB_ERANGE && w == NULL &&
              strstr(e.msg, "1816-2022"),
          "year 1815 is out of range");
    CHECK(orb_world_new(t, NULL, 2023, &w, &e) == ORB_ERANGE, "year 2023 is out of range");
    CHECK(orb_world_new(t, NULL, 1990, &w, &e) == ORB_ENODATA && strstr(e.msg, "panel"),
          "1990 without the panel: a clear error");
    CHECK(orb_world_new(NULL, NULL, 2022, &w, &e) == ORB_EINVAL, "NULL tables rejected");
    orb_tables_free(t);
    CHECK(orb_tables_load(NULL, &t, &e) == ORB_EINVAL && t == NULL, "NULL folder rejected");
    orb_tables_free(NULL);
    orb_panel_free(NULL);
    orb_world_free(NULL);
    /* the three free(NULL) calls above are no-ops; a crash ends the program before its summary */
}

int main(void)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_error e;
    char cmd[600];

    raw_dir = tu_data();
    tab_dir = tu_env("ORBIS_TABLES", "data");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/orbis-test-XXXXXX", tu_env("TMPDIR", "/tmp"));
    if (mkdtemp(tmp_dir) == NULL) {
        CHECK(0, "create a temporary folder");
        return tu_done();
    }
    orb_error_clear(&e);
    CHECK(orb_tables_load(tab_dir, &t, &e) == ORB_OK, "load the shipped tables");
    if (t == NULL) printf("info: %s\n", e.msg);
    if (raw_dir == NULL)
        SKIP("the whole panel, 2022 and the crosswalk against the raw data");
    else
        CHECK(t && orb_panel_load(raw_dir, t, &p, &e) == ORB_OK,
              "load the full panel from ORBIS_DATA");
    if (p == NULL) printf("info: %s\n", e.msg);
    if (t && p) {
        test_cinc_whole_panel(t, p);
        test_2022(t, p);
        test_transition_real(t, p);
        test_real_growth(t, p);
        test_crosswalk(t);
    }
    orb_panel_free(p);
    orb_tables_free(t);
    test_errors();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0) printf("info: could not remove %s\n", tmp_dir);
    return tu_done();
}
