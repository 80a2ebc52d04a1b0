/*
 * test_run.c - the engine: closed-form paths of the economy and capability
 * phases, invariants of full-world runs, determinism, scenario shocks, the
 * invariant checker, inequality measures, the RNG and the parameter table.
 * White-box: builds small worlds directly (src/orb_int.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calib_int.h"
#include "csv_int.h"
#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "order_int.h"
#include "params_int.h"
#include "run_int.h"
#include "stats_int.h"
#include "../testutil.h"

static orb_tables *tab;

/* A two-state world: the frontier (COW 2) and a poorer Global South state. */
static orb_world *two_states(void)
{
    orb_world *w = calloc(1, sizeof *w);
    orb_state *s;
    int k;

    w->year = 2022;
    w->n = 2;
    w->s = calloc(2, sizeof *w->s);
    w->contig = calloc(4, 1);
    w->ally = calloc(4, 1);
    w->lastmid = calloc(4, sizeof *w->lastmid);
    w->war = calloc(4, 1);
    w->sanction = calloc(4, 1);
    w->rival = calloc(4, 1);
    s = w->s;
    s[0].ccode = 2;
    strcpy(s[0].abb, "USA");
    s[0].lat = 38.895;
    s[0].lon = -77.037;
    s[0].gdp_ppp = 2.385e13;
    s[0].pop = 3.31e8;
    s[1].ccode = 710;
    strcpy(s[1].abb, "CHN");
    s[1].global_south = 1;
    s[1].lat = 39.904;
    s[1].lon = 116.407;
    s[1].gdp_ppp = 2.71e13;
    s[1].pop = 1.412e9;
    for (k = 0; k < ORB_NCOMP; k++) {
        s[0].comp[k] = 1000.0 * (k + 1.5);
        s[1].comp[k] = 1700.0 * (k + 0.75);
    }
    s[0].comp[ORB_UPOP] = 0.8 * s[0].comp[ORB_TPOP];
    s[1].comp[ORB_UPOP] = 0.6 * s[1].comp[ORB_TPOP];
    s[0].tpop_growth = s[0].upop_growth = 0.0;
    s[1].tpop_growth = 0.0123;
    s[0].pop_growth = s[0].pop_trend = NAN; /* no World Bank series: NMC's trend, here 0 */
    s[1].pop_growth = 0.0123;
    s[1].pop_trend = -0.0004;
    s[1].upop_growth = 0.0123 + 0.0217;
    s[0].gdppc_trend = s[1].gdppc_trend = 0.0;
    s[0].ideal = s[1].ideal = NAN;
    s[0].gdp_usd = 2.1e13;
    s[1].gdp_usd = 1.8e13;
    return w;
}

static void free_world(orb_world *w)
{
    free(w->contig);
    free(w->ally);
    free(w->lastmid);
    free(w->war);
    free(w->sanction);
    free(w->rival);
    free(w->s);
    free(w);
}

static void set(orb_params *p, const char *name, double v)
{
    orb_error e;
    if (orb_params_set(p, name, v, &e) != ORB_OK) CHECK(0, e.msg);
}

static void test_closed_forms(void)
{
    orb_world *w = two_states();
    orb_params p;
    orb_run_opts o = orb_run_opts_default();
    orb_run *r = NULL;
    orb_error e;
    const double alpha = 0.0185, beta = -0.0275, rho = 0.8125, rho_u = 0.6375, phi = 0.5;
    const double ai = -0.0125, ei = 1.375, ep = 0.6875, am = -0.0075, em = 0.2125;
    double gap0, y0[2], pop0[2], gdp0[2], irst0[2], pec0[2], milper0[2], milex0[2], upop0[2];
    int t, i, ok_gap = 1, ok_front = 1, ok_pop = 1, ok_comp = 1, ok_upop = 1;

    orb_params_default(&p);
    set(&p, "econ.alpha", alpha);
    set(&p, "econ.beta", beta);
    set(&p, "econ.momentum", 0);
    set(&p, "econ.shocks", 0);
    set(&p, "demo.pop_persistence", rho);
    set(&p, "demo.pop_trend_persistence", phi);
    set(&p, "demo.urban_persistence", rho_u);
    set(&p, "power.irst_trend", ai);
    set(&p, "power.irst_elasticity", ei);
    set(&p, "power.pec_trend", 0);
    set(&p, "power.pec_elasticity", ep);
    set(&p, "power.milper_trend", am);
    set(&p, "power.milper_elasticity", em);
    set(&p, "arms.grievance", 0); /* burdens constant: spending follows GDP */
    set(&p, "arms.fatigue", 0);
    set(&p, "arms.reaction", 0);
    set(&p, "conflict.const", -50);        /* no disputes, so no war costs */
    set(&p, "order.interfere_const", -50); /* no interference or new sanctions: no drags */
    set(&p, "order.sanction_const", -50);
    o.params = &p;
    o.end_year = 2050;
    CHECK(orb_run_new(w, NULL, &o, &r, &e) == ORB_OK, "a two-state run starts");
    if (r == NULL) {
        free_world(w);
        return;
    }
    for (i = 0; i < 2; i++) {
        y0[i] = w->s[i].gdp_ppp / w->s[i].pop;
        pop0[i] = w->s[i].pop;
        gdp0[i] = w->s[i].gdp_ppp;
        irst0[i] = w->s[i].comp[ORB_IRST];
        pec0[i] = w->s[i].comp[ORB_PEC];
        milper0[i] = w->s[i].comp[ORB_MILPER];
        milex0[i] = w->s[i].comp[ORB_MILEX];
        upop0[i] = w->s[i].comp[ORB_UPOP];
    }
    gap0 = log(y0[1] / y0[0]);
    for (t = 1; t <= 28; t++) {
        double gap, yF, popc, lg[2], geo, lnpop;
        CHECK(orb_run_step(r) == ORB_OK, "step");
        yF = orb_run_gdp(r, 0) / orb_run_pop(r, 0);
        gap = log((orb_run_gdp(r, 1) / orb_run_pop(r, 1)) / yF);
        /* gap_t = (1 + beta)^t gap_0; the frontier grows at alpha */
        if (fabs(gap - pow(1 + beta, t) * gap0) > 1e-12) ok_gap = 0;
        if (fabs(log(yF / y0[0]) - alpha * t) > 1e-12) ok_front = 0;
        /* population growth: n_t = rho^t n_0 + sum_k rho^(t-k) phi^k d_0, so
         * ln(pop_t / pop_0) = n_0 geo + d_0 sum_s sum_k rho^(s-k) phi^k */
        geo = rho * (1 - pow(rho, t)) / (1 - rho);
        {
            double tr = 0;
            int s1, k1;
            for (s1 = 1; s1 <= t; s1++)
                for (k1 = 1; k1 <= s1; k1++)
                    tr += pow(rho, s1 - k1) * pow(phi, k1);
            popc = pop0[1] * exp(0.0123 * geo - 0.0004 * tr);
            lnpop = log(popc / pop0[1]);
        }
        if (fabs(orb_run_pop(r, 1) / popc - 1) > 1e-12) ok_pop = 0;
        /* capabilities: X_t = X_0 exp(a t + e ln(GDP_t / GDP_0)) */
        for (i = 0; i < 2; i++) {
            lg[i] = log(orb_run_gdp(r, (size_t)i) / gdp0[i]);
            if (fabs(orb_run_comp(r, (size_t)i, ORB_IRST) / (irst0[i] * exp(ai * t + ei * lg[i])) -
                     1) > 1e-11 ||
                fabs(orb_run_comp(r, (size_t)i, ORB_PEC) / (pec0[i] * exp(ep * lg[i])) - 1) >
                    1e-11 ||
                fabs(orb_run_comp(r, (size_t)i, ORB_MILPER) /
                         (milper0[i] * exp(am * t + em * lg[i])) -
                     1) > 1e-11 ||
                fabs(orb_run_comp(r, (size_t)i, ORB_MILEX) / (milex0[i] * exp(lg[i])) - 1) > 1e-11)
                ok_comp = 0;
        }
        /* urban population: total growth plus a drift 0.0217 rho_u^k */
        {
            double want =
                upop0[1] * exp(lnpop + 0.0217 * rho_u * (1 - pow(rho_u, t)) / (1 - rho_u));
            if (fabs(orb_run_comp(r, 1, ORB_UPOP) / want - 1) > 1e-11) ok_upop = 0;
        }
    }
    CHECK(ok_gap, "convergence: gap_t = (1 + beta)^t gap_0 for 28 years (1e-12)");
    CHECK(ok_front, "the frontier grows at alpha (1e-12)");
    CHECK(ok_pop, "population: growth n <- rho n + d, its trend d <- phi d (1e-12)");
    CHECK(ok_comp, "irst, pec, milper, milex follow a t + e ln(GDP_t/GDP_0) (1e-11)");
    CHECK(ok_upop, "urban population: total growth plus a decaying drift (1e-11)");
    CHECK(orb_run_step(r) == ORB_DONE && orb_run_year(r) == 2050, "ORB_DONE at the end year");
    CHECK(orb_run_check(r, &e) == ORB_OK, "invariants hold after the run");
    /* the invariant checker finds a planted NaN and a share off by 1e-6 */
    r->y[1] = NAN;
    CHECK(orb_run_check(r, &e) == ORB_EINVAL && strstr(e.msg, "CHN") != NULL,
          "orb_run_check names a state with a NaN GDP per capita");
    r->y[1] = 1.0;
    r->share[ORB_MEASURE_GDP][0] += 1e-6;
    CHECK(orb_run_check(r, &e) == ORB_EINVAL && strstr(e.msg, "gdp shares sum to") != NULL,
          "orb_run_check finds shares that do not sum to one");
    orb_run_free(r);
    free_world(w);
}

/* Every year of a full-world run: shares sum to one, invariants, ranges. */
static void test_full_world(void)
{
    static const char scn[] = "name: t\nend: 2050\nshocks:\n"
                              "  - {year: 2025, state: RUS, variable: gdp, change: -0.1}\n"
                              "  - {year: 2026, state: IND, variable: irst, change: 0.25}\n";
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_run *a = NULL, *b = NULL, *c = NULL, *d = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_params p;
    orb_error e;
    int ok_sum = 1, ok_check = 1, ok_range = 1, same = 1, differ = 0;
    size_t i, k, rus, ind;

    CHECK(orb_world_new(tab, NULL, 2022, &w, &e) == ORB_OK, "2022 world from the tables");
    CHECK(orb_scenario_parse(scn, sizeof scn - 1, "t.yaml", tab, &s, &e) == ORB_OK,
          "a scenario with two shocks parses");
    if (w == NULL || s == NULL) goto done;
    o.seed = 12345;
    if (orb_run_new(w, s, &o, &a, &e) != ORB_OK || orb_run_new(w, s, &o, &b, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    o.run_index = 1;
    if (orb_run_new(w, s, &o, &c, &e) != ORB_OK) goto done;
    do {
        const orb_metrics *m = orb_run_metrics(a);
        for (k = 0; k < ORB_NMEASURES; k++) {
            double sum = 0;
            for (i = 0; i < orb_run_nstates(a); i++)
                if (!isnan(orb_run_share(a, i, (orb_measure)k)))
                    sum += orb_run_share(a, i, (orb_measure)k);
            if (fabs(sum - 1) > 1e-12) ok_sum = 0;
        }
        if (orb_run_check(a, &e) != ORB_OK) ok_check = 0;
        if (!(m->gs_gdp_share > 0 && m->gs_gdp_share < 1 && m->gini > 0 && m->gini < 1 &&
              m->theil > 0 && m->pol[0].c.con > 0 && m->pol[0].c.con < 1))
            ok_range = 0;
        for (i = 0; i < orb_run_nstates(a); i++)
            if (orb_run_gdp(a, i) != orb_run_gdp(b, i)) same = 0;
        for (i = 0; i < orb_run_nstates(a); i++)
            if (orb_run_gdp(a, i) != orb_run_gdp(c, i)) differ = 1;
        orb_run_step(b);
        orb_run_step(c);
    } while (orb_run_step(a) == ORB_OK);
    CHECK(ok_sum, "shares of every measure sum to one every year, 2022-2050 (1e-12)");
    CHECK(ok_check, "orb_run_check passes after every year");
    CHECK(ok_range, "GS share, Gini, Theil and CON stay in range");
    CHECK(same, "the same seed and run index give identical GDP paths");
    CHECK(differ, "another run index gives a different path");

    /* a GDP shock: the shocked state's GDP is exactly 0.9 of the unshocked path */
    orb_params_default(&p);
    set(&p, "econ.shocks", 0);
    o.params = &p;
    o.run_index = 0;
    orb_run_free(b);
    b = NULL;
    if (orb_run_new(w, s, &o, &b, &e) != ORB_OK || orb_run_new(w, NULL, &o, &d, &e) != ORB_OK) {
        o.end_year = 2050; /* no scenario: the end year comes from the options */
        if (d == NULL && orb_run_new(w, NULL, &o, &d, &e) != ORB_OK) goto done;
    }
    rus = orb_world_index(w, 365);
    ind = orb_world_index(w, 750);
    for (k = 0; k < 3; k++) { /* to 2025 */
        orb_run_step(b);
        orb_run_step(d);
    }
    CHECK_REL(orb_run_gdp(b, rus) / orb_run_gdp(d, rus), 0.9, 1e-12,
              "a -10% GDP shock in 2025 scales that year's GDP by 0.9");
    CHECK_REL(orb_run_gdp(b, 0), orb_run_gdp(d, 0), 1e-15, "other states are unaffected");
    orb_run_step(b);
    orb_run_step(d);
    CHECK(orb_run_comp(b, ind, ORB_IRST) > 1.2 * orb_run_comp(d, ind, ORB_IRST),
          "an irst shock raises India's iron and steel");
done:
    orb_run_free(a);
    orb_run_free(b);
    orb_run_free(c);
    orb_run_free(d);
    orb_scenario_free(s);
    orb_world_free(w);
}

static void test_inequality(void)
{
    orbi_gw v[4] = {{3, 1}, {1, 1}}, tmp[4];
    double g, th;

    orbi_inequality(v, tmp, 2, &g, &th);
    CHECK_ABS(g, 0.25, 1e-15, "Gini of (1, 3) = 0.25");
    CHECK_ABS(th, 0.5 * (0.5 * log(0.5) + 1.5 * log(1.5)), 1e-15, "Theil T of (1, 3)");
    v[0].y = 1;
    v[0].w = 3;
    v[1].y = 3;
    v[1].w = 1;
    orbi_inequality(v, tmp, 2, &g, &th);
    CHECK_ABS(g, 0.25, 1e-15, "weights (3, 1) equal four people (1, 1, 1, 3): Gini 0.25");
    v[0].y = v[1].y = v[2].y = 2.385;
    v[0].w = v[1].w = v[2].w = 1.5;
    orbi_inequality(v, tmp, 3, &g, &th);
    CHECK_ABS(g, 0, 1e-15, "equal incomes: Gini 0");
    CHECK_ABS(th, 0, 1e-15, "equal incomes: Theil 0");
    {
        orbi_gw big[101], scratch[101];
        double want = 0, mean = 0;
        int i, j, sorted = 1;
        for (i = 0; i < 101; i++) { /* a scrambled 1..101: Gini sum|yi-yj| / (2 n^2 mu) */
            big[i].y = (double)((i * 37) % 101 + 1);
            big[i].w = 1;
            mean += big[i].y / 101;
        }
        for (i = 0; i < 101; i++)
            for (j = 0; j < 101; j++)
                want += fabs(big[i].y - big[j].y);
        want /= 2.0 * 101 * 101 * mean;
        orbi_inequality(big, scratch, 101, &g, &th);
        for (i = 1; i < 101; i++)
            if (big[i - 1].y > big[i].y) sorted = 0;
        CHECK(sorted, "the merge sort orders 101 scrambled values");
        CHECK_ABS(g, want, 1e-12, "Gini of 1..101 equals the mean-difference formula");
    }
}

static void test_rng(void)
{
    orb_rng r;
    uint64_t b[4];
    double s = 0, ss = 0;
    int i, n = 200000;

    orb_rng_init(&r, 0, 0);
    orb_rng_block(&r, 0, 0, 0, 0, b);
    CHECK(b[0] == 0x16554d9eca36314cULL && b[1] == 0xdb20fe9d672d0fdcULL &&
              b[2] == 0xd7e772cee186176bULL && b[3] == 0x7e68b68aec7ba23bULL,
          "Philox4x64-10 known answer (Random123 kat_vectors, zero key and counter)");
    orb_rng_init(&r, 2385, 7);
    for (i = 0; i < n; i++) {
        double z = orb_rng_normal(&r, 2030, 1, (uint64_t)i);
        s += z;
        ss += z * z;
    }
    CHECK_ABS(s / n, 0, 0.01, "normal draws: mean 0 (200,000 draws, 0.01)");
    CHECK_ABS(ss / n, 1, 0.015, "normal draws: variance 1 (0.015)");
    CHECK(orb_rng_uniform(&r, 1, 2, 3) == orb_rng_uniform(&r, 1, 2, 3),
          "a draw is a function of its counter");
    CHECK(orb_rng_uniform(&r, 1, 2, 3) != orb_rng_uniform(&r, 1, 2, 4),
          "counters differ, draws differ");
}

static void test_params(void)
{
    orb_params p;
    orb_error e;
    size_t i, n = orb_params_count();
    int ok = 1;

    for (i = 0; i < n; i++) {
        const orb_param_info *q = orb_params_info(i);
        if (!(q->lo <= q->def && q->def <= q->hi) || !q->unit[0] || !q->source[0] || !q->desc[0])
            ok = 0;
    }
    CHECK(ok, "every parameter has a default in range, a unit, a description and a source");
    CHECK(orb_params_info(n) == NULL, "no row past the end");
    orb_params_default(&p);
    CHECK(orb_params_set(&p, "econ.betta", 0.1, &e) == ORB_EINVAL &&
              strstr(e.msg, "nearest: econ.beta") != NULL,
          "an unknown name suggests the nearest");
    CHECK(orb_params_set(&p, "econ.beta", 2.5, &e) == ORB_EINVAL && strstr(e.msg, "[-0.05, 0.05]"),
          "out of range is refused with the range");
    CHECK(orb_params_set(&p, "econ.shocks", 0.5, &e) == ORB_EINVAL, "a switch must be whole");
    CHECK(orb_params_set(&p, "trade.theta", 1.25, &e) == ORB_OK &&
              orb_params_get(&p, "trade.theta") == 1.25,
          "set and get");
    CHECK(isnan(orb_params_get(&p, "nope")), "unknown get is NaN");
}

static void test_distance(void)
{
    double d = orb_distance_km(51.5074, -0.1278, 48.8566, 2.3522);
    CHECK_REL(d, 343.5, 0.005, "London-Paris great-circle distance about 343.5 km");
    CHECK_ABS(d - orb_distance_km(48.8566, 2.3522, 51.5074, -0.1278), 0, 1e-9, "symmetric");
    CHECK_REL(orb_distance_km(0, 0, 0, 180), 3.14159265358979 * 6371.0088, 1e-12,
              "antipodes: pi R");
}

/* Growth shocks scale with size: after the first year, ln(GDP with shocks /
 * GDP without) = sigma_i z_i exactly (the economy phase comes first and
 * nothing else differs), with z_i the run's normal draw at (year,
 * ORBI_DRAW_GROWTH, i) and sigma_i = sigma_g (s_i / 0.01)^-kappa, s_i the
 * state's share of world GDP at the start. */
static void test_shock_size(void)
{
    orb_world *w = NULL;
    orb_run *on = NULL, *off = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_params p;
    orb_error e;
    orb_rng rng;
    double worst = 0, sd_chn = 0, sd_tuv = 0;
    size_t i, n;

    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return;
    }
    orb_params_default(&p);
    o.seed = 99;
    o.end_year = 2023;
    o.params = &p;
    if (orb_run_new(w, NULL, &o, &on, &e) != ORB_OK) goto done;
    orb_params_set(&p, "econ.shocks", 0, NULL);
    if (orb_run_new(w, NULL, &o, &off, &e) != ORB_OK) goto done;
    n = orb_run_nstates(on);
    {
        double *sd = malloc(n * sizeof *sd);
        if (sd == NULL) goto done;
        for (i = 0; i < n; i++) {
            const orb_state *st = orb_world_state(w, i);
            double g = st->global_south ? p.v[ORBI_P_ECON_SD_SOUTH] : p.v[ORBI_P_ECON_SD_NORTH];
            sd[i] =
                g * pow(orb_run_share(on, i, ORB_MEASURE_GDP) / 0.01, -p.v[ORBI_P_ECON_SHOCK_SIZE]);
            if (orb_run_ccode(on, i) == 710) sd_chn = sd[i];
            if (orb_run_ccode(on, i) == 947) sd_tuv = sd[i];
        }
        orb_run_step(on);
        orb_run_step(off);
        orb_rng_init(&rng, 99, 0);
        for (i = 0; i < n; i++) {
            double z = orb_rng_normal(&rng, 2023, ORBI_DRAW_GROWTH, i);
            double d = log(orb_run_gdp(on, i) / orb_run_gdp(off, i)) - sd[i] * z;
            if (fabs(d) > worst) worst = fabs(d);
        }
        free(sd);
    }
    printf("info: shock SD China %.4f, Tuvalu %.4f; largest deviation %.2e\n", sd_chn, sd_tuv,
           worst);
    CHECK(worst < 1e-12, "each state's first-year shock is sigma_g (s_i/0.01)^-kappa z_i");
    CHECK(sd_chn > 0 && sd_tuv > 2 * sd_chn, "China's shocks are less than half Tuvalu's");
    { /* the components: ln(X'/X) - a - e dln GDP = sigma_X (share/0.01)^-kappa_X z */
        static const int comp[3] = {ORB_IRST, ORB_PEC, ORB_MILPER};
        static const int pa[3] = {ORBI_P_IRST_TREND, ORBI_P_PEC_TREND, ORBI_P_MILPER_TREND};
        static const int pe[3] = {ORBI_P_IRST_ELAST, ORBI_P_PEC_ELAST, ORBI_P_MILPER_ELAST};
        static const int ps[3] = {ORBI_P_IRST_SD, ORBI_P_PEC_SD, ORBI_P_MILPER_SD};
        static const int pk[3] = {ORBI_P_IRST_SIZE, ORBI_P_PEC_SIZE, ORBI_P_MILPER_SIZE};
        double tot[3] = {0, 0, 0}, cworst = 0;
        size_t q, checked = 0;
        orb_params_default(&p);
        for (i = 0; i < n; i++)
            for (q = 0; q < 3; q++)
                if (w->s[i].comp[comp[q]] > 0) tot[q] += w->s[i].comp[comp[q]];
        for (i = 0; i < n; i++)
            for (q = 0; q < 3; q++) {
                const double x0 = w->s[i].comp[comp[q]];
                double s, z, d;
                if (!(x0 > 0)) continue;
                s = p.v[ps[q]] * pow(x0 / tot[q] / 0.01, -p.v[pk[q]]);
                z = orb_rng_normal(&rng, 2023, ORBI_DRAW_COMP, 3 * i + q);
                d = log(orb_run_comp(on, i, (orb_component)comp[q]) / x0) - p.v[pa[q]] -
                    p.v[pe[q]] * log(orb_run_gdp(on, i) / w->s[i].gdp_ppp) - s * z;
                if (fabs(d) > cworst) cworst = fabs(d);
                checked++;
            }
        printf("info: %zu component shocks, largest deviation %.2e\n", checked, cworst);
        CHECK(checked > 300 && cworst < 1e-9,
              "each component's first-year shock is sigma_X (share/0.01)^-kappa_X z");
    }
done:
    orb_run_free(on);
    orb_run_free(off);
    orb_world_free(w);
}

/* econ.state_effects: each state grows by its own intercept (orb_state.
 * growth_effect; a state without one by its group's mean), with the within
 * estimates of convergence and momentum. Two states, no shocks or disputes,
 * momentum 0: the frontier grows at its effect, and the other's gap follows
 * gap' = (1 + b) gap + (a_south - a_frontier), to 1e-12 over 28 years. */
static void test_state_effects(void)
{
    orb_world *w = two_states();
    orb_params p;
    orb_run_opts o = orb_run_opts_default();
    orb_run *r = NULL;
    orb_error e;
    const double af = 0.004, as = -0.03, b = -0.05;
    double gap, y0;
    int t, ok = 1;

    w->s[0].growth_effect = af;
    w->s[1].growth_effect = NAN; /* the Global South's mean */
    orb_params_default(&p);
    set(&p, "econ.state_effects", 1);
    set(&p, "econ.fe_beta", b);
    set(&p, "econ.fe_momentum", 0);
    set(&p, "econ.fe_mean_south", as);
    set(&p, "econ.shocks", 0);
    set(&p, "conflict.const", -50);
    set(&p, "order.interfere_const", -50);
    set(&p, "order.sanction_const", -50);
    o.params = &p;
    o.end_year = 2050;
    CHECK(orb_run_new(w, NULL, &o, &r, &e) == ORB_OK, "a two-state run with state effects");
    if (r == NULL) {
        free_world(w);
        return;
    }
    y0 = orb_run_gdp(r, 0) / orb_run_pop(r, 0);
    gap = log((orb_run_gdp(r, 1) / orb_run_pop(r, 1)) / y0);
    for (t = 1; t <= 28; t++) {
        double yF, g;
        orb_run_step(r);
        yF = orb_run_gdp(r, 0) / orb_run_pop(r, 0);
        g = log((orb_run_gdp(r, 1) / orb_run_pop(r, 1)) / yF);
        gap = (1 + b) * gap + (as - af);
        if (fabs(log(yF / y0) - af * t) > 1e-12 || fabs(g - gap) > 1e-12) ok = 0;
    }
    CHECK(ok, "state effects: the frontier grows at its own intercept, the other converges to "
              "its own level (1e-12)");
    printf("info: the gap after 28 years %.4f, its own level %.4f\n", gap, -(as - af) / b);
    orb_run_free(r);
    free_world(w);
}

/* orb_run_restart: a run restarted with another seed and index is the run
 * orb_sim_run makes for them, bit for bit (the Ukraine crisis's talks
 * included), in the memory it had: the arena takes nothing new. */
static uint64_t digest_run(orb_run *r)
{
    uint64_t h = 1469598103934665603ULL;
    do {
        size_t i, n = orb_run_nstates(r);
        double v[4];
        for (i = 0; i < n; i++) {
            size_t b;
            v[0] = orb_run_gdp(r, i);
            v[1] = orb_run_threat(r, i);
            v[2] = orb_run_affinity(r, i, (i + 3) % n);
            v[3] = (double)orb_run_metrics(r)->disputes;
            for (b = 0; b < sizeof v; b++)
                h = (h ^ ((const unsigned char *)v)[b]) * 1099511628211ULL;
        }
    } while (orb_run_step(r) == ORB_OK);
    {
        orb_crisis_status cs = ORB_CRISIS_OPEN;
        int y = 0;
        double at = 0;
        orb_run_crisis(r, 0, &cs, &y, &at);
        h = (h ^ (uint64_t)cs ^ ((uint64_t)y << 8)) * 1099511628211ULL;
    }
    return h;
}

static void test_restart(void)
{
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *sim = NULL;
    orb_run *a = NULL, *b = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_params p;
    orb_error e;
    uint64_t fresh, again;
    size_t total;

    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) != ORB_OK ||
        orb_sim_new(w, s, NULL, &sim, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    o.seed = 99;
    o.run_index = 3;
    if (orb_sim_run(sim, &o, &b, &e) != ORB_OK) goto done;
    fresh = digest_run(b);
    o.seed = 5;
    o.run_index = 0;
    if (orb_sim_run(sim, &o, &a, &e) != ORB_OK) goto done;
    digest_run(a); /* to its end: another stream, then restarted */
    total = a->arena.total;
    o.seed = 99;
    o.run_index = 3;
    CHECK(orb_run_restart(a, &o, &e) == ORB_OK, "a finished run restarts");
    CHECK(orb_run_year(a) == 2022 && a->arena.total == total,
          "restarted: the start year again, in the memory it had (no new arena block)");
    again = digest_run(a);
    CHECK(again == fresh, "the restarted run equals a new run of that seed and index, bit for bit");
    CHECK(orb_run_restart(a, &o, &e) == ORB_OK && digest_run(a) == fresh && a->arena.total == total,
          "and again");
    orb_params_default(&p);
    o.params = &p;
    CHECK(orb_run_restart(a, &o, &e) == ORB_EINVAL && strstr(e.msg, "belong to the sim") != NULL,
          "parameters in the run's options: refused, the run left intact");
    o.params = NULL;
    CHECK(orb_run_restart(NULL, &o, &e) == ORB_EINVAL, "a NULL run: refused");
done:
    orb_run_free(a);
    orb_run_free(b);
    orb_sim_free(sim);
    orb_scenario_free(s);
    orb_world_free(w);
}

/* orbi_sparse_draw: each item happens with its own probability, exactly.
 * 400,000 draws of 24 items whose log-odds run from far below the sparse
 * threshold to far above it (and two that never happen): each item's
 * frequency within 4.5 binomial standard errors of logistic(eta) (all 24 at
 * once: a false alarm about 1 time in 6,000), pairs independent (the
 * co-occurrence of two rare items and of two likely ones), and the rare
 * ones' total within 4.5 standard errors too (a 4% bias in the thinning
 * would be 6 standard errors). */
static void test_sparse_draw(void)
{
    enum { M = 24, REPS = 400000 };
    orb_world *w = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;
    double eta[M], cnt[M] = {0}, both_rare = 0, both_likely = 0, worst = 0;
    unsigned char hit[M];
    size_t pos[M], q;
    int rep, ok = 1;

    o.end_year = 2030;
    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_run_new(w, NULL, &o, &r, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    for (q = 0; q < M; q++) {
        eta[q] = -7.0 + 0.5 * (double)q; /* -7 .. 4.5: both sides of ORBI_SPARSE_T */
        pos[q] = 3 * q + (q % 2);        /* in a row of 3 M positions, some empty */
    }
    eta[3] = -40; /* negligible: never */
    eta[9] = NAN; /* never */
    eta[10] = -4; /* at the threshold */
    for (rep = 0; rep < REPS; rep++) {
        orbi_sparse_draw(r, 100000 + (uint64_t)rep, 2, 7, 3 * M, M, pos, eta, hit);
        for (q = 0; q < M; q++)
            cnt[q] += hit[q];
        both_rare += hit[0] && hit[1];
        both_likely += hit[20] && hit[22];
    }
    for (q = 0; q < M; q++) {
        double p = eta[q] > ORBI_ETA_NEGLIGIBLE ? 1 / (1 + exp(-eta[q])) : 0, z;
        if (p == 0) {
            if (cnt[q] != 0) ok = 0;
            continue;
        }
        z = fabs(cnt[q] - REPS * p) / sqrt(REPS * p * (1 - p));
        if (z > worst) worst = z;
    }
    {
        double tot = 0, ex = 0, vx = 0, zt;
        for (q = 0; q < M; q++)
            if (eta[q] > ORBI_ETA_NEGLIGIBLE && eta[q] <= ORBI_SPARSE_T) {
                double p = 1 / (1 + exp(-eta[q]));
                tot += cnt[q];
                ex += REPS * p;
                vx += REPS * p * (1 - p);
            }
        zt = fabs(tot - ex) / sqrt(vx);
        printf("info: sparse draws: largest |z| of 22 items %.2f; the rare ones' total %.0f, "
               "expected %.1f (|z| %.2f)\n",
               worst, tot, ex, zt);
        CHECK(zt < 4.5, "the rare items' total as expected (|z| < 4.5)");
    }
    CHECK(ok && worst < 4.5, "each item happens at its own probability (22 items, |z| < 4.5; "
                             "negligible and NaN never)");
    {
        double p0 = 1 / (1 + exp(7.0)), p1 = 1 / (1 + exp(6.5)), p20 = 1 / (1 + exp(-3.0)),
               p22 = 1 / (1 + exp(-4.0)), er = REPS * p0 * p1, el = REPS * p20 * p22;
        CHECK(fabs(both_rare - er) < 4.5 * sqrt(er) + 1 &&
                  fabs(both_likely - el) < 4.5 * sqrt(el * (1 - p20 * p22)),
              "two rare items, and two likely ones, happen together as often as independence "
              "says");
    }
    { /* a long row of rare items, every position one: the total (a gap off by
       * one, or e^-4 for logistic(-4), biases it by about 1.8%: 8 standard
       * errors), the first and last 100 positions, and adjacent pairs */
        enum { L = 20000, LR = 1000 };
        double *le = malloc(L * sizeof *le), tot = 0, edge0 = 0, edge1 = 0, adj = 0;
        size_t *lp = malloc(L * sizeof *lp);
        unsigned char *lh = malloc(L);
        const double pl = 1 / (1 + exp(4.5));
        if (le == NULL || lp == NULL || lh == NULL) {
            CHECK(0, "out of memory");
        } else {
            for (q = 0; q < L; q++) {
                le[q] = -4.5;
                lp[q] = q;
            }
            for (rep = 0; rep < LR; rep++) {
                tot += (double)orbi_sparse_draw(r, 900000 + (uint64_t)rep, 3, 11, L, L, lp, le, lh);
                for (q = 0; q < 100; q++) {
                    edge0 += lh[q];
                    edge1 += lh[L - 1 - q];
                }
                for (q = 0; q + 1 < L; q++)
                    adj += lh[q] && lh[q + 1];
            }
            {
                const double et = (double)L * LR * pl, ee = 100.0 * LR * pl,
                             ea = (double)(L - 1) * LR * pl * pl,
                             zt = fabs(tot - et) / sqrt(et * (1 - pl)),
                             z0 = fabs(edge0 - ee) / sqrt(ee * (1 - pl)),
                             z1 = fabs(edge1 - ee) / sqrt(ee * (1 - pl)),
                             za = fabs(adj - ea) / sqrt(ea);
                printf("info: a row of %d rare items x %d: total %.0f against %.1f (|z| %.2f); "
                       "first 100 %.0f, last 100 %.0f against %.1f (|z| %.2f, %.2f); adjacent "
                       "pairs %.0f against %.1f (|z| %.2f)\n",
                       L, LR, tot, et, zt, edge0, edge1, ee, z0, z1, adj, ea, za);
                CHECK(zt < 4.5 && z0 < 4.5 && z1 < 4.5 && za < 4.5,
                      "a long row of rare items: its total, its ends and its adjacent pairs as "
                      "independent draws at their probability give (|z| < 4.5)");
            }
        }
        free(le);
        free(lp);
        free(lh);
    }
done:
    orb_run_free(r);
    orb_world_free(w);
}

/* Sparse against dense: over 150 runs each (2022-2030, beijing-2024, other
 * streams), the totals of dispute onsets, wars begun, pacts proposed,
 * sanctions proposed and interference proposed have equal means (Welch
 * |z| < 4 for each: a false alarm about 1 time in 3,000). A 5% bias in
 * disputes or sanctions would give |z| above 6. */
static void test_sparse_vs_dense(void)
{
    enum { N = 150, K = 5 };
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *sim = NULL;
    orb_sim_opts so = orb_sim_opts_default();
    double sum[2][K] = {{0}}, sq[2][K] = {{0}}, worst = 0;
    const char *name[K] = {"disputes", "wars begun", "pacts proposed", "sanctions proposed",
                           "interference proposed"};
    orb_error e;
    int d, k, ok = 1;
    size_t run;

    so.end_year = 2030;
    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) != ORB_OK ||
        orb_sim_new(w, s, &so, &sim, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    for (d = 0; d < 2; d++)
        for (run = 0; run < N; run++) {
            orb_run_opts o = orb_run_opts_default();
            orb_run *r = NULL;
            double t[K] = {0};
            o.seed = 4242 + (uint64_t)d; /* other streams */
            o.run_index = run;
            if (orb_sim_run(sim, &o, &r, &e) != ORB_OK) {
                ok = 0;
                break;
            }
            r->dense_draws = d;
            while (orb_run_step(r) == ORB_OK) {
                const orb_metrics *m = orb_run_metrics(r);
                t[0] += (double)m->disputes;
                t[1] += (double)m->wars_begun;
                t[2] += (double)m->proposed[ORB_ACT_PACT];
                t[3] += (double)m->proposed[ORB_ACT_SANCTION];
                t[4] += (double)m->proposed[ORB_ACT_INTERFERE];
            }
            orb_run_free(r);
            for (k = 0; k < K; k++) {
                sum[d][k] += t[k];
                sq[d][k] += t[k] * t[k];
            }
        }
    for (k = 0; k < K && ok; k++) {
        double m0 = sum[0][k] / N, m1 = sum[1][k] / N, v0 = sq[0][k] / N - m0 * m0,
               v1 = sq[1][k] / N - m1 * m1, z = fabs(m0 - m1) / sqrt((v0 + v1) / (N - 1));
        printf("info: %s 2023-2030 a run: sparse %.2f, dense %.2f (|z| %.2f)\n", name[k], m0, m1,
               z);
        if (!(z < 4)) ok = 0;
        if (z > worst) worst = z;
    }
    CHECK(ok, "sparse and dense draws: the same mean counts of disputes, wars, pacts, sanctions "
              "and interference (150 runs each, Welch |z| < 4)");
done:
    orb_sim_free(sim);
    orb_scenario_free(s);
    orb_world_free(w);
}

/* The sparse draws in the engine, pair by pair: 2,000 runs of the 2022
 * world's first year share its onset log-odds (last year's state), so each
 * pair's onsets over the runs are a binomial count of its own probability.
 * Pairs grouped by log-odds (above the sparse threshold, -6 to -4, -8 to
 * -6, below -8): each group's onsets within 4.5 standard errors of the sum
 * of its probabilities, and the largest single pair's too. */
static void test_sparse_pairs(void)
{
    enum { R = 2000, G = 4 };
    orb_world *w = NULL;
    orb_scenario *s = NULL;
    orb_sim *sim = NULL;
    orb_sim_opts so = orb_sim_opts_default();
    orb_run_opts o = orb_run_opts_default();
    orb_run *r = NULL;
    orb_error e;
    double *p = NULL, *cnt = NULL, ex[G] = {0}, vx[G] = {0}, got[G] = {0}, worst = 0;
    size_t n = 0, i, j, run, best = 0;
    int g, ok = 1;

    so.end_year = 2023;
    if (orb_world_new(tab, NULL, 2022, &w, &e) != ORB_OK ||
        orb_scenario_load("scenarios/beijing-2024.yaml", tab, &s, &e) != ORB_OK ||
        orb_sim_new(w, s, &so, &sim, &e) != ORB_OK || orb_sim_run(sim, &o, &r, &e) != ORB_OK) {
        CHECK(0, e.msg);
        goto done;
    }
    n = orb_run_nstates(r);
    p = calloc(n * n, sizeof *p);
    cnt = calloc(n * n, sizeof *cnt);
    if (p == NULL || cnt == NULL) goto done;
    for (i = 0; i < n; i++) /* the first year's probabilities: the same in every run */
        for (j = i + 1; j < n; j++) {
            double eta = orbi_conflict_eta(r, i, j);
            if (r->war[i * n + j] || !(r->share[ORB_MEASURE_CINC][i] > 0) ||
                !(r->share[ORB_MEASURE_CINC][j] > 0) || !(eta > ORBI_ETA_NEGLIGIBLE))
                continue;
            p[i * n + j] = 1 / (1 + exp(-eta));
            if (p[i * n + j] > p[best]) best = i * n + j;
        }
    for (run = 0; run < R && ok; run++) {
        const unsigned char *d;
        o.run_index = run;
        if (run > 0 && orb_run_restart(r, &o, &e) != ORB_OK) ok = 0;
        if (!ok || orb_run_step(r) != ORB_OK) {
            ok = 0;
            break;
        }
        d = orbi_onsets(r, orb_run_year(r));
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++)
                if (d[i * n + j]) {
                    cnt[i * n + j] += 1;
                    if (p[i * n + j] == 0) ok = 0; /* an onset where none can be */
                }
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double q = p[i * n + j], eta;
            if (q == 0) continue;
            eta = log(q / (1 - q));
            g = eta > ORBI_SPARSE_T ? 0 : eta > -6 ? 1 : eta > -8 ? 2 : 3;
            ex[g] += R * q;
            vx[g] += R * q * (1 - q);
            got[g] += cnt[i * n + j];
        }
    for (g = 0; g < G; g++) {
        double z = vx[g] > 0 ? fabs(got[g] - ex[g]) / sqrt(vx[g]) : 0;
        printf("info: onsets of 2023, log-odds group %d: %.0f against %.1f expected (|z| %.2f)\n",
               g, got[g], ex[g], z);
        if (z > worst) worst = z;
    }
    {
        double q = p[best], z = fabs(cnt[best] - R * q) / sqrt(R * q * (1 - q));
        printf("info: the likeliest pair: %.0f onsets in %d runs, p %.4f (|z| %.2f)\n", cnt[best],
               R, q, z);
        if (z > worst) worst = z;
    }
    CHECK(ok && worst < 4.5, "each log-odds group's onsets, and the likeliest pair's, at their "
                             "probabilities (2,000 runs of 2023, |z| < 4.5); none where p = 0");
done:
    free(p);
    free(cnt);
    orb_run_free(r);
    orb_sim_free(sim);
    orb_scenario_free(s);
    orb_world_free(w);
}

int main(void)
{
    orb_error e;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    test_closed_forms();
    test_state_effects();
    test_restart();
    test_sparse_draw();
    test_sparse_vs_dense();
    test_sparse_pairs();
    test_full_world();
    test_inequality();
    test_rng();
    test_params();
    test_distance();
    test_shock_size();
    orb_tables_free(tab);
    return tu_done();
}
