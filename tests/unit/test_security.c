/*
 * test_security.c - security, relations, alliances and conflict: Richardson
 * (MODELS.md T4, T5, the discrete variant, stability of the estimates), the
 * dispute logit's known probability, a planted two-bloc network, the
 * indivisible-security quantity against the threat it predicts, scenario
 * alliance changes, partnerships and events, and the dyadic invariants.
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
static orb_world *w22;

static void test_richardson(void)
{
    double x, y, x1, y1;
    int stable;
    orbi_sample s = {0};
    orbi_fit f = {0};
    orb_error e;
    static const double U[] = {199.2, 204.8, 214.9, 238.7, 289.0};
    orb_params p;
    size_t i;

    CHECK(orb_richardson_equilibrium(5, 3, 2, 2, 5, 5, &x, &y, &stable) == ORB_OK,
          "T5 has an equilibrium");
    CHECK_ABS(x, 25.0 / 11.0, 1e-12, "T5: x* = 25/11");
    CHECK_ABS(y, 35.0 / 11.0, 1e-12, "T5: y* = 35/11");
    CHECK(stable, "T5: stable, ab = 15 > kl = 4");
    CHECK(orb_richardson_equilibrium(1, 1, 2, 2, 1, 1, &x, &y, &stable) == ORB_OK && !stable,
          "ab < kl: a runaway race, not stable");
    CHECK(orb_richardson_equilibrium(2, 2, 2, 2, 1, 1, &x, &y, NULL) == ORB_ERANGE,
          "ab = kl: no unique equilibrium");
    orb_richardson_step(15, 20, .09, .12, .15, .05, .02, .01, &x1, &y1);
    CHECK_ABS(x1, 14.57, 1e-12, "discrete step 1: X = 14.57");
    CHECK_ABS(y1, 20.81, 1e-12, "discrete step 1: Y = 20.81");
    orb_richardson_step(x1, y1, .09, .12, .15, .05, .02, .01, &x, &y);
    CHECK_ABS(x, 14.2774, 1e-12, "step 2: X = 14.2774");
    CHECK_ABS(y, 21.5279, 1e-12, "step 2: Y = 21.5279");
    orb_richardson_step(x, y, .09, .12, .15, .05, .02, .01, &x1, &y1);
    CHECK_ABS(x1, 14.093301, 1e-9, "step 3: X = 14.093301");
    CHECK_ABS(y1, 22.174793, 1e-9, "step 3: Y = 22.174793");
    for (i = 0; i + 1 < 5; i++) { /* T4: dU on the midpoint U, 1909-1913 */
        double mid = (U[i] + U[i + 1]) / 2;
        orbi_sample_add(&s, &mid, 1, U[i + 1] - U[i], (int)i + 1, 0);
    }
    CHECK(orbi_ols(&s, 1, 1, "T4", &f, &e) == ORB_OK, "T4 regression runs");
    CHECK_ABS(f.b[1], 0.731, 5e-4, "T4: slope (k - alpha) = 0.731 per year");
    CHECK_ABS(-f.b[0] / f.b[1], 194.9, 0.1, "T4: U0 = 194.9");
    free(f.resid);
    orbi_sample_free(&s);
    orb_params_default(&p);
    {
        double a = orb_params_get(&p, "arms.fatigue"), k = orb_params_get(&p, "arms.reaction");
        CHECK(a > 0 && a * a > k * k && a + fabs(k) < 2,
              "estimated arms coefficients are stable: a a > k k (ab > kl with a = b, k = l) and "
              "a + |k| < 2 (the yearly map contracts)");
        CHECK(orb_richardson_equilibrium(a, a, k, k, 0.01, 0.01, &x, &y, &stable) == ORB_OK &&
                  stable,
              "the symmetric Richardson pair with the estimates is a stable node");
    }
}

/* Dyadic-robust SEs (Aronow, Samii & Assenova 2015). When no two dyads
 * share a member the dyadic meat is the dyad-clustered meat, so the SEs are
 * the clustered ones without the G / (G - 1) factor. On a chain of dyads
 * (d+1, d+2), each sharing members with its neighbours, they equal a brute
 * force over every pair of observations whose dyads share a member. A
 * synthetic logit sample of 60 dyads x 20 years from a fixed congruential
 * rule. */
static void test_dyadic_se(void)
{
    orbi_sample s1 = {0}, s2 = {0};
    orbi_fit f1, f2;
    orb_error e;
    unsigned long long z = 12345;
    double xs[1200], ys[1200];
    int d, t, ok = 1;
    size_t a, i, j;

    s1.contiguous = s1.dyadic = 1;
    s2.contiguous = s2.dyadic = 1;
    for (d = 0; d < 60; d++)
        for (t = 0; t < 20; t++) {
            double x, u, y;
            z = z * 6364136223846793005ULL + 1442695040888963407ULL;
            x = (double)(z >> 11) / 9007199254740992.0 - 0.5;
            z = z * 6364136223846793005ULL + 1442695040888963407ULL;
            u = (double)(z >> 11) / 9007199254740992.0;
            y = u < 1 / (1 + exp(-(-1 + 2 * x + 0.3 * (d % 5)))) ? 1 : 0;
            xs[d * 20 + t] = x;
            ys[d * 20 + t] = y;
            orbi_sample_add(&s1, &x, 1, y, (2 * d + 1) * 1000 + 2 * d + 2, 0); /* disjoint */
            orbi_sample_add(&s2, &x, 1, y, (d + 1) * 1000 + d + 2, 0);         /* a chain */
        }
    if (orbi_logit(&s1, 1, "disjoint", &f1, &e) != ORB_OK ||
        orbi_logit(&s2, 1, "chain", &f2, &e) != ORB_OK) {
        CHECK(0, e.msg);
    } else {
        double g = (double)f1.ncl, h[2][2] = {{0, 0}, {0, 0}}, m[2][2] = {{0, 0}, {0, 0}}, det,
               bi[2][2], v0, v1;
        for (a = 0; a < f1.k; a++)
            if (fabs(f1.se_dyadic[a] / (f1.se[a] / sqrt(g / (g - 1))) - 1) > 1e-10) ok = 0;
        CHECK(ok && f1.ncl == 60, "disjoint dyads: the dyadic SEs are the dyad-clustered ones "
                                  "without G / (G - 1) (1e-10)");
        for (i = 0; i < 1200; i++) { /* brute force on the chain */
            double p = 1 / (1 + exp(-(f2.b[0] + f2.b[1] * xs[i]))), w = p * (1 - p);
            h[0][0] += w;
            h[0][1] += w * xs[i];
            h[1][1] += w * xs[i] * xs[i];
            for (j = 0; j < 1200; j++) {
                size_t di = i / 20, dj = j / 20;
                double q = 1 / (1 + exp(-(f2.b[0] + f2.b[1] * xs[j]))), ri = ys[i] - p,
                       rj = ys[j] - q;
                if (!(di == dj || di + 1 == dj || dj + 1 == di)) continue; /* share a member */
                m[0][0] += ri * rj;
                m[0][1] += ri * rj * xs[j];
                m[1][0] += ri * xs[i] * rj;
                m[1][1] += ri * xs[i] * rj * xs[j];
            }
        }
        det = h[0][0] * h[1][1] - h[0][1] * h[0][1];
        bi[0][0] = h[1][1] / det;
        bi[1][1] = h[0][0] / det;
        bi[0][1] = bi[1][0] = -h[0][1] / det;
        v0 = v1 = 0;
        for (i = 0; i < 2; i++)
            for (j = 0; j < 2; j++) {
                v0 += bi[0][i] * m[i][j] * bi[j][0];
                v1 += bi[1][i] * m[i][j] * bi[j][1];
            }
        CHECK_REL(f2.se_dyadic[0], sqrt(v0), 1e-8,
                  "a chain of dyads: intercept's dyadic SE "
                  "equals the brute force over pairs");
        CHECK_REL(f2.se_dyadic[1], sqrt(v1), 1e-8, "... and the slope's");
        { /* the same chain, years outer (a dyad's observations not together) and odd
             years directed the other way: the same dyadic SEs */
            orbi_sample s3 = {0};
            orbi_fit f3;
            s3.contiguous = s3.dyadic = 1;
            for (t = 0; t < 20; t++)
                for (d = 0; d < 60; d++) {
                    double x = xs[d * 20 + t];
                    int id = t % 2 ? (d + 2) * 1000 + d + 1 : (d + 1) * 1000 + d + 2;
                    orbi_sample_add(&s3, &x, 1, ys[d * 20 + t], id, 0);
                }
            CHECK(orbi_logit(&s3, 1, "chain, shuffled", &f3, &e) == ORB_OK &&
                      fabs(f3.se_dyadic[0] / f2.se_dyadic[0] - 1) < 1e-8 &&
                      fabs(f3.se_dyadic[1] / f2.se_dyadic[1] - 1) < 1e-8,
                  "the chain in another order, half its ids reversed: the same dyadic SEs (1e-8)");
            orbi_sample_free(&s3);
        }
    }
    orbi_sample_free(&s1);
    orbi_sample_free(&s2);
}

static void test_logit(void)
{
    orb_params p;
    orb_dyad_covariates x = {1, 0, 1000.0, 2.5, 1, 0.25, 1, 0.3, 12, 0};
    double eta, got;

    orb_params_default(&p);
    eta = orb_params_get(&p, "conflict.const") + orb_params_get(&p, "conflict.land") +
          orb_params_get(&p, "conflict.lndist") * log(1000.0) +
          orb_params_get(&p, "conflict.lncapratio") * log(2.5) +
          orb_params_get(&p, "conflict.alliance") + orb_params_get(&p, "conflict.affinity") * 0.25 +
          orb_params_get(&p, "conflict.major") +
          orb_params_get(&p, "conflict.parity_dissat") * 0.3 +
          orb_params_get(&p, "conflict.peace_log") * log(13.0) +
          orb_params_get(&p, "conflict.peace_recent") * exp(-12.0);
    got = orb_dispute_probability(&p, &x);
    CHECK_ABS(got, 1 / (1 + exp(-eta)), 1e-15, "dispute probability = logistic(x b), defaults");
    orb_params_set(&p, "conflict.const", log(1.0 / 3.0), NULL);
    {
        static const char *const zero[] = {
            "conflict.land",         "conflict.sea",           "conflict.lndist",
            "conflict.lncapratio",   "conflict.alliance",      "conflict.affinity",
            "conflict.major",        "conflict.parity_dissat", "conflict.peace_log",
            "conflict.peace_recent", "conflict.rival"};
        size_t i;
        for (i = 0; i < 11; i++)
            orb_params_set(&p, zero[i], 0, NULL);
    }
    CHECK_ABS(orb_dispute_probability(&p, &x), 0.25, 1e-15,
              "intercept ln(1/3), all else zero: p = 0.25");
    orb_params_default(&p);
    {
        double prev = INFINITY, t;
        int mono = orb_params_get(&p, "conflict.peace_log") <= 0 &&
                   orb_params_get(&p, "conflict.peace_recent") >= 0;
        for (t = 0; t <= 200; t += 1) {
            x.peace_years = t;
            got = orb_dispute_probability(&p, &x);
            if (!(got <= prev)) mono = 0;
            prev = got;
        }
        CHECK(mono, "the default hazard falls with peace years, 0 to 200, and never turns upward");
    }
    x.cap_ratio = 0.5;
    CHECK(isnan(orb_dispute_probability(&p, &x)), "a ratio below 1 is invalid");
}

static void test_blocs(void)
{
    enum { N = 20 };
    unsigned char ally[N * N] = {0};
    double aff[N * N], mod;
    int bloc[N];
    size_t i, j, nb;
    int same = 1;

    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
            aff[i * N + j] = (i < 10) == (j < 10) ? 0.9 : -0.45;
    ally[0 * N + 10] = ally[10 * N + 0] = 1; /* one pact across the blocs */
    nb = orbi_blocs(N, ally, aff, 0.5, bloc, &mod);
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
            if (((i < 10) == (j < 10)) != (bloc[i] == bloc[j])) same = 0;
    CHECK(nb == 2 && same, "a planted two-bloc network splits into exactly its two blocs");
    CHECK(mod > 0.45 && mod < 0.5, "its modularity is near 0.5");
    for (i = 0; i < N * N; i++)
        aff[i] = 0;
    nb = orbi_blocs(N, ally, aff, 0.5, bloc, &mod);
    CHECK(nb == 1, "a single pact and no affinity edges: one bloc of two");
}

/* A run of the 2022 world with the given scenario text. */
static orb_run *run_of(const char *text, uint64_t seed)
{
    orb_scenario *s = NULL;
    orb_run *r = NULL;
    orb_run_opts o = orb_run_opts_default();
    orb_error e;

    if (orb_scenario_parse(text, strlen(text), "t.yaml", tab, &s, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return NULL;
    }
    o.seed = seed;
    if (orb_run_new(w22, s, &o, &r, &e) != ORB_OK) {
        CHECK(0, e.msg);
        r = NULL;
    }
    orb_scenario_free(s);
    return r;
}

/* A state bordering three members of one alliance: the alliance's leader
 * supports them all, but its capability enters the state's threat once (as
 * its own, plus its support through the member that threatens most), not
 * once per member (issue 12). */
static void test_coalition_once(void)
{
    enum { N = 5, R = 0, U = 4 };
    static const double cinc[N] = {0.3, 0.01, 0.02, 0.03, 0.5};
    double aff[N * N], tker[N * N], capeff[N], threat[N], wrow[N], P[ORB_PARAMS_MAX], om, want;
    unsigned char ally[N * N] = {0};
    size_t off[N + 1], adj[N * N], i, j;
    const orbi_threat_work wk = {off, adj, wrow, NULL};
    orb_params p;

    orb_params_default(&p);
    memcpy(P, p.v, sizeof P);
    P[ORBI_P_SEC_DELTA] = 1;
    om = P[ORBI_P_SEC_OMEGA];
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            aff[i * N + j] = (i == R) != (j == R) ? -1.0 : 1.0; /* R against the rest */
            tker[i * N + j] = 1.0;
            ally[i * N + j] = i != R && j != R && i != j; /* 1, 2, 3 and U allied */
        }
    tker[R * N + 1] = tker[1 * N + R] = 2; /* R borders 1, 2, 3 */
    tker[R * N + 2] = tker[2 * N + R] = 3;
    tker[R * N + 3] = tker[3 * N + R] = 4;
    tker[R * N + U] = tker[U * N + R] = 0.5;
    orbi_threat_compute(P, N, cinc, ally, aff, tker, &wk, capeff, threat, NULL);
    /* each k: c_k (w_Rk + omega max over k's allies l of w_Rl) */
    want = 0.5 * (0.5 + om * 4) + 0.01 * (2 + om * 4) + 0.02 * (3 + om * 4) + 0.03 * (4 + om * 3);
    CHECK_ABS(threat[R], want, 1e-15,
              "R's threat: U's capability once, its support once "
              "(through the member R fears most)");
    CHECK(threat[R] < 0.5 * (0.5 + om * (2 + 3 + 4)),
          "less than U's part alone when counted once per bordering member");
    CHECK_ABS(threat[1], 0.3 * 2, 1e-15, "a member's threat: R alone (its allies discounted)");
    CHECK_ABS(capeff[U], 0.5 + om * 0.06, 1e-15, "U's capability with allies: each ally once");
}

static void test_indivisible(void)
{
    orb_run *r = run_of("name: t\nend: 2030\n", 7);
    size_t n, i, usa, fin, swd, rus, chn;
    double *d, *before;
    int ok = 1, some = 0, lowered = 0;
    orb_error e;

    if (r == NULL) return;
    n = orb_run_nstates(r);
    d = calloc(n, sizeof *d);
    before = calloc(n, sizeof *before);
    usa = orbi_run_index(r, 2);
    rus = orbi_run_index(r, 365);
    chn = orbi_run_index(r, 710);
    fin = orbi_run_index(r, 375);
    swd = orbi_run_index(r, 380);
    CHECK(orb_run_threat_delta(r, rus, ORB_ACT_ARM, 0, 0.1, d) == ORB_OK, "arming: a delta");
    CHECK(d[fin] > 0 && d[usa] > 0 && d[rus] == 0,
          "Russia arming raises Finland's and the US's threat");
    for (i = 0; i < n; i++)
        before[i] = r->threat[i];
    CHECK(orb_run_threat_delta(r, chn, ORB_ACT_ARM, 0, 0.1, d) == ORB_OK, "China arming: a delta");
    for (i = 0; i < n; i++)
        if (!(r->secidx[i] == 0 || isnan(r->secidx[i]))) ok = 0;
    CHECK(ok, "security index: 0 for every state at the start (NaN: no capability)");
    r->share[ORB_MEASURE_CINC][chn] *= 1.1; /* apply it and recompute */
    orbi_security_threat(r);
    CHECK_ABS(r->secidx[fin], -log(r->threat[fin] / before[fin]), 1e-12,
              "Finland's security index after China arms: -ln(T / T0), its capability unchanged");
    CHECK(r->secidx[fin] < 0, "less secure than at the start");
    for (i = 0; i < n; i++)
        if (fabs(r->threat[i] - before[i] - d[i]) > 1e-12 * (1 + fabs(before[i]))) ok = 0;
    CHECK(ok, "China arming 10%: predicted threat changes equal the recomputed ones (1e-12)");
    r->share[ORB_MEASURE_CINC][chn] /= 1.1;
    orbi_security_threat(r);
    /* the predicted change equals the threat recomputed after the pact */
    for (i = 0; i < n; i++)
        before[i] = r->threat[i];
    CHECK(orb_run_threat_delta(r, fin, ORB_ACT_PACT, usa, 0, d) == ORB_OK, "pact: a delta");
    r->ally[fin * n + usa] = r->ally[usa * n + fin] = 1;
    orbi_security_threat(r);
    for (i = 0; i < n; i++) {
        if (fabs(r->threat[i] - before[i] - d[i]) > 1e-12 * (1 + fabs(before[i]))) ok = 0;
        if (i != fin && i != usa && d[i] > 0) some = 1;
        if (i != fin && i != usa && d[i] < 0) lowered = 1;
    }
    CHECK(ok, "a Finland-US pact: the predicted threat changes equal the recomputed ones (1e-12)");
    printf("info: pact deltas: Russia %g, Finland %g, US %g\n", d[rus], d[fin], d[usa]);
    /* counted once: Finland's and the US's allies already border Russia, so
     * their support reaches it as before; the pact opens no stronger channel */
    CHECK(some && !lowered && d[rus] >= 0 && d[fin] < 0,
          "the pact raises some third state's threat, lowers Finland's, lowers none");
    CHECK(orb_run_threat_delta(r, fin, ORB_ACT_PACT, fin, 0, d) == ORB_EINVAL &&
              orb_run_threat_delta(r, fin, (orb_action)7, usa, 0, d) == ORB_EINVAL,
          "bad actions are refused");
    (void)chn;
    (void)swd;
    CHECK(orb_run_check(r, &e) == ORB_OK, "invariants hold");
    r->aff[1] = 0.5; /* plant an asymmetry */
    CHECK(orb_run_check(r, &e) == ORB_EINVAL && strstr(e.msg, "affinity"),
          "orb_run_check catches an asymmetric affinity");
    r->aff[1] = r->aff[n]; /* mend it; plant a security index off its definition */
    r->secidx[fin] += 0.25;
    CHECK(orb_run_check(r, &e) == ORB_EINVAL && strstr(e.msg, "security index"),
          "orb_run_check catches a security index that is not ln(T0/C0) - ln(T/C)");
    free(d);
    free(before);
    orb_run_free(r);
}

static void test_scenario_effects(void)
{
    static const char with[] =
        "name: t\nend: 2030\nparameters: {econ.shocks: 0}\n"
        "alliances:\n  - {year: 2023, action: join, alliance: NATO, members: [FIN]}\n"
        "  - {year: 2024, action: join, alliance: NATO, members: [SWD]}\n"
        "  - {year: 2025, action: form, alliance: QUAD, members: [USA, JPN, IND, AUL]}\n"
        "  - {year: 2027, action: end, alliance: QUAD}\n"
        "partnerships:\n  - {pair: [CHN, RUS], kind: strategic, year: 2022}\n"
        "events:\n  - {date: 2024-05-16, source: CHN, target: USA, cameo: \"111\"}\n";
    static const char without[] = "name: t\nend: 2030\nparameters: {econ.shocks: 0}\n";
    orb_run *a = run_of(with, 3), *b = run_of(without, 3);
    size_t fin, usa, swd, ind, jpn, chn, rus;
    int ok = 1, y;
    orb_error e;

    if (a == NULL || b == NULL) goto done;
    fin = orbi_run_index(a, 375);
    usa = orbi_run_index(a, 2);
    swd = orbi_run_index(a, 380);
    ind = orbi_run_index(a, 750);
    jpn = orbi_run_index(a, 740);
    chn = orbi_run_index(a, 710);
    rus = orbi_run_index(a, 365);
    CHECK(!orb_run_allied(a, fin, usa) && !orb_run_allied(a, swd, usa),
          "2022: Finland and Sweden not in NATO");
    orb_run_step(a);
    orb_run_step(b);
    CHECK(orb_run_allied(a, fin, usa) && orb_run_allied(a, fin, orbi_run_index(a, 255)),
          "2023: Finland joins NATO, tied to the US and Germany");
    for (y = 2024; y <= 2026; y++) {
        double da0 = orb_run_affinity(a, chn, usa) - orb_run_affinity(b, chn, usa);
        orb_run_step(a);
        orb_run_step(b);
        if (y == 2024)
            CHECK(orb_run_affinity(a, chn, usa) < orb_run_affinity(b, chn, usa) - 0.019 &&
                      da0 < 0.0,
                  "a CAMEO 111 event (-2) lowers China-US affinity by about 0.02");
        if (y == 2025)
            CHECK(orb_run_allied(a, usa, ind) && orb_run_allied(a, jpn, ind),
                  "2025: the formed QUAD ties its members");
        if (orb_run_check(a, &e) != ORB_OK) ok = 0;
    }
    orb_run_step(a);
    orb_run_step(b);
    CHECK(!orb_run_allied(a, usa, ind), "2027: the QUAD ends; its ties are cut");
    printf("info: 2027 China-Russia affinity %.4f with the partnership, %.4f without\n",
           orb_run_affinity(a, chn, rus), orb_run_affinity(b, chn, rus));
    CHECK(orb_run_affinity(a, chn, rus) > orb_run_affinity(b, chn, rus),
          "the China-Russia partnership raises their affinity");
    CHECK(ok, "invariants hold after every step with the changes");
done:
    orb_run_free(a);
    orb_run_free(b);
    {
        orb_scenario *s = NULL;
        static const char bad[] =
            "name: t\nend: 2030\nalliances:\n  - {year: 2023, action: join, alliance: AUKUS, "
            "members: [AUL]}\n";
        CHECK(orb_scenario_parse(bad, sizeof bad - 1, "t.yaml", tab, &s, &e) == ORB_EPARSE &&
                  s == NULL && e.line == 4 &&
                  strstr(e.msg, "'AUKUS' is neither NATO nor formed in an earlier entry"),
              "joining an unknown alliance is refused at its place in the file (issue 16)");
        orb_scenario_free(s);
    }
}

/* The conflict phase's predictor (its cached fixed part plus the yearly
 * terms: orbi_conflict_eta, which its step calls) equals the public full
 * predictor, orb_dispute_probability, on covariates read from the run and the
 * world, for every pair, after each of five steps. */
static void test_eta_paths(void)
{
    orb_run *r = run_of("name: t\nend: 2030\n", 5);
    const orb_params *par;
    size_t n, i, j, L, checked = 0;
    int ok = 1, y;

    if (r == NULL) return;
    par = orb_run_params(r);
    n = orb_run_nstates(r);
    for (y = 0; y <= 5; y++) { /* the start year too: a run copied from the shared world */
        if (y > 0) orb_run_step(r);
        L = orb_world_index(w22, (int)par->v[ORBI_P_ORD_HEGEMON]); /* the dominant state */
        for (i = 0; i < n; i += 3)
            for (j = i + 1; j < n; j += 2) {
                const orb_state *a = &w22->s[i], *b = &w22->s[j];
                double ci = orb_run_share(r, i, ORB_MEASURE_CINC),
                       cj = orb_run_share(r, j, ORB_MEASURE_CINC);
                double hi = ci > cj ? ci : cj, lo = ci > cj ? cj : ci, di, dj, p_phase, p_api;
                orb_dyad_covariates x;
                if (!(lo > 0) || orb_run_at_war(r, i, j)) continue;
                memset(&x, 0, sizeof x);
                x.land = w22->contig[i * n + j] == 1;
                x.sea = w22->contig[i * n + j] >= 2;
                x.dist_km = orb_distance_km(a->lat, a->lon, b->lat, b->lon);
                x.cap_ratio = hi / lo;
                x.alliance = orb_run_allied(r, i, j);
                x.affinity = orb_run_affinity(r, i, j);
                x.major = a->major || b->major;
                di = (1 - orb_run_affinity(r, i, L)) / 2;
                dj = (1 - orb_run_affinity(r, j, L)) / 2;
                x.parity_dissat = (lo / hi >= par->v[ORBI_P_CONF_PARITY]) * (di > dj ? di : dj);
                x.peace_years = orbi_conflict_peace(r, i, j);
                x.rival = w22->rival[i * n + j];
                p_phase = 1.0 / (1.0 + exp(-orbi_conflict_eta(r, i, j)));
                p_api = orb_dispute_probability(par, &x);
                if (!(fabs(p_phase - p_api) <= 1e-12 * p_api + 1e-300)) {
                    if (ok)
                        printf("info: %s-%s: phase %.17g, API %.17g\n", a->abb, b->abb, p_phase,
                               p_api);
                    ok = 0;
                }
                checked++;
            }
    }
    printf("info: onset probability of %zu pair-years compared\n", checked);
    CHECK(ok && checked > 10000,
          "the conflict phase's onset probability equals orb_dispute_probability (1e-12 relative)");
    orb_run_free(r);
}

/* Relations keep their shape (issue 12): with the dyadic terms and the shocks
 * off, every ideal point moves to mu + phi (ip - mu) in one step and the
 * affinity is the ideal points' (to 1e-12); a shift of a pair's affinity
 * (the order's costs) decays at relations.dyad_persistence; after 60 years the ideal points sit at
 * their long-run levels and the spread of affinity across pairs is the
 * spread of those levels', not zero. With shocks, the mean over 400 runs of
 * a state's ideal point after 5 years is mu + phi^5 (ip - mu) within four
 * standard errors. */
/* The range of the run's ideal points this year: affinity's scale. */
static double run_ideal_range(const orb_run *r)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t i;

    for (i = 0; i < r->sim->n; i++) {
        double ip = orb_run_ideal(r, i);
        if (isnan(ip)) continue;
        lo = ip < lo ? ip : lo;
        hi = ip > hi ? ip : hi;
    }
    return hi - lo;
}

static void test_ideal_dynamics(void)
{
    static const char quiet[] =
        "name: t\nend: 2090\nparameters: {econ.shocks: 0, relations.shock_sd: 0, "
        "relations.alliance: 0, relations.balance: 0, relations.dispute: 0, "
        "order.sanction_affinity_cost: 0, order.interfere_affinity_cost: 0, "
        "relations.persistence: 0.7}\n";
    orb_run *r = run_of(quiet, 1);
    const orb_sim *s;
    size_t n, i, j, usa, chn, k;
    double phi, R, R1, worst = 0, worst_a = 0, before, sdm, sda;
    int y;

    if (r == NULL) return;
    s = r->sim;
    n = s->n;
    phi = s->par.v[ORBI_P_REL_PERSIST];
    R = s->ideal_range;
    usa = orbi_run_index(r, 2);
    chn = orbi_run_index(r, 710);
    CHECK(fabs(s->ideal_mean[usa] - w22->s[orb_world_index(w22, 2)].ideal_mean) == 0 &&
              !isnan(s->ideal_mean[usa]) && s->ideal_mean[usa] != s->ideal[usa],
          "the US's long-run ideal point is its 1992-2019 mean, not its 2022 value");
    orbi_relations_shift(r, usa, chn, -0.1);
    before = orb_run_affinity(r, usa, chn) - orbi_affinity(s->ideal[usa], s->ideal[chn], R);
    CHECK(fabs(run_ideal_range(r) - R) == 0, "the start's scale is the start's range");
    orb_run_step(r);
    R1 = run_ideal_range(r);
    printf("info: the range of the ideal points: %.4f at the start, %.4f a year on\n", R, R1);
    CHECK(fabs(R1 - R) > 1e-3, "the range moves with the ideal points");
    for (i = 0; i < n; i++) {
        double want = s->ideal_mean[i] + phi * (s->ideal[i] - s->ideal_mean[i]);
        if (isnan(s->ideal[i])) continue;
        if (fabs(orb_run_ideal(r, i) - want) > worst) worst = fabs(orb_run_ideal(r, i) - want);
        for (j = 0; j < n; j++) {
            double g = orbi_affinity(orb_run_ideal(r, i), orb_run_ideal(r, j), R1);
            if (i == j || isnan(g) || (i == usa && j == chn) || (i == chn && j == usa)) continue;
            if (fabs(orb_run_affinity(r, i, j) - g) > worst_a)
                worst_a = fabs(orb_run_affinity(r, i, j) - g);
        }
    }
    CHECK(worst < 1e-12, "one step: ip' = mu + phi (ip - mu) for every state");
    CHECK(worst_a < 1e-12, "one step: affinity is the ideal points' affinity on this year's range");
    CHECK(fabs(before + 0.1) < 1e-12 &&
              fabs(orb_run_affinity(r, usa, chn) -
                   orbi_affinity(orb_run_ideal(r, usa), orb_run_ideal(r, chn), R1) -
                   s->par.v[ORBI_P_REL_DYAD] * before) < 1e-12,
          "a shift of -0.1 in US-China affinity decays to delta times it in one step");
    for (y = 2024; y <= 2082; y++)
        orb_run_step(r);
    R = run_ideal_range(r); /* the long-run levels' range by now (phi^60 ~ 5e-10) */
    {
        double sm = 0, ssm = 0, sa = 0, ssa = 0, m = 0;
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++) {
                double gm = orbi_affinity(s->ideal_mean[i], s->ideal_mean[j], R),
                       a = orb_run_affinity(r, i, j);
                if (isnan(gm)) continue;
                sm += gm;
                ssm += gm * gm;
                sa += a;
                ssa += a * a;
                m++;
            }
        sdm = sqrt(ssm / m - (sm / m) * (sm / m));
        sda = sqrt(ssa / m - (sa / m) * (sa / m));
    }
    printf("info: 2082: spread of affinity %.4f, of the long-run levels' %.4f\n", sda, sdm);
    CHECK(sdm > 0.25 && fabs(sda - sdm) < 1e-6,
          "after 60 years the spread is the long-run levels' (no collapse to one level)");
    orb_run_free(r);
    { /* with shocks: the mean over runs follows the expected path */
        static const char noisy[] = "name: t\nend: 2030\nparameters: {econ.shocks: 0}\n";
        orb_scenario *sc = NULL;
        orb_sim *sim = NULL;
        orb_sim_opts so = orb_sim_opts_default();
        orb_error e;
        double sum = 0, ss = 0, sd, want, se;
        const size_t runs = 400;
        if (orb_scenario_parse(noisy, sizeof noisy - 1, "t.yaml", tab, &sc, &e) != ORB_OK ||
            orb_sim_new(w22, sc, &so, &sim, &e) != ORB_OK) {
            CHECK(0, e.msg);
            orb_scenario_free(sc);
            return;
        }
        for (k = 0; k < runs; k++) {
            orb_run_opts ro = orb_run_opts_default();
            orb_run *x = NULL;
            ro.run_index = k;
            if (orb_sim_run(sim, &ro, &x, &e) != ORB_OK) break;
            for (y = 0; y < 5; y++)
                orb_run_step(x);
            sum += orb_run_ideal(x, chn);
            ss += orb_run_ideal(x, chn) * orb_run_ideal(x, chn);
            orb_run_free(x);
        }
        phi = sim->par.v[ORBI_P_REL_PERSIST];
        want = sim->ideal_mean[chn] + pow(phi, 5) * (sim->ideal[chn] - sim->ideal_mean[chn]);
        sd = sqrt(ss / (double)runs - (sum / (double)runs) * (sum / (double)runs));
        se = sd / sqrt((double)runs);
        printf("info: China's ideal point after 5 years: mean of %zu runs %.4f (sd %.4f), "
               "expected %.4f\n",
               runs, sum / (double)runs, sd, want);
        CHECK(k == runs && fabs(sum / (double)runs - want) < 4 * se && sd > 0.1,
              "with shocks the runs' mean ideal point follows mu + phi^t (ip - mu)");
        orb_sim_free(sim);
        orb_scenario_free(sc);
    }
}

/* Peace years at the start are what the first step reads: the calibration's
 * covariate for the year after the start, year - last onset - 1 (it was one
 * year short before issue 12's evaluation found it). */
static void test_peace_at_start(void)
{
    orb_run *r = run_of("name: t\nend: 2030\n", 1);
    size_t n, i, j, checked = 0, bad = 0;

    if (r == NULL) return;
    n = orb_run_nstates(r);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            const int last = w22->lastmid[i * n + j];
            if (last <= 0 || w22->war[i * n + j]) continue;
            checked++;
            bad += orbi_conflict_peace(r, i, j) != (double)(2023 - last - 1);
        }
    printf("info: %zu pairs with an onset on record\n", checked);
    CHECK(checked > 100 && bad == 0, "peace years at the start: 2023 - last onset - 1");
    orb_run_free(r);
}

static void test_invariants_every_year(void)
{
    orb_run *r = run_of("name: t\nend: 2050\n", 11);
    orb_error e;
    int ok = 1;
    size_t wars = 0, mids = 0;

    if (r == NULL) return;
    while (orb_run_step(r) == ORB_OK) {
        if (orb_run_check(r, &e) != ORB_OK) {
            ok = 0;
            printf("info: %s\n", e.msg);
        }
        mids += orb_run_metrics(r)->disputes;
        wars += orb_run_metrics(r)->wars_begun;
    }
    printf("info: 2022-2050, seed 11: %zu dispute onsets, %zu wars begun\n", mids, wars);
    CHECK(ok, "affinity symmetric and in [-1, 1], pacts and wars symmetric, every year to 2050");
    CHECK(mids > 0, "disputes happen");
    orb_run_free(r);
}

/* The threat's coalition term against a direct scan, on random worlds with
 * alliances from none to nearly everyone (so both the listed-largest path
 * and the scan run), weights with ties, and the tij matrix: equal to the
 * last bit. */
static void test_threat_vs_scan(void)
{
    enum { N = 70 };
    double aff[N * N], tker[N * N], cinc[N], capeff[N], threat[N], wrow[N], P[ORB_PARAMS_MAX],
        tij[N * N];
    unsigned char ally[N * N];
    size_t off[N + 1], adj[N * N], i, j, k, q;
    const orbi_threat_work wk = {off, adj, wrow, tij};
    orb_params p;
    uint64_t x = 88172645463325252ULL;
    int worst = 0, same = 1, dense = 0;

    orb_params_default(&p);
    memcpy(P, p.v, sizeof P);
    for (q = 0; q < 6; q++) {
        double dens = (double)q / 5.0; /* 0 to 1: share of pairs allied */
        for (i = 0; i < N; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            cinc[i] = i % 9 == 0 ? NAN : (double)(x % 1000) / 1e5; /* some missing */
            for (j = 0; j < i; j++) {
                double u;
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                u = (double)(x % 10000) / 1e4;
                aff[i * N + j] = aff[j * N + i] = (double)(x % 5) / 2.0 - 1.0; /* ties */
                tker[i * N + j] = tker[j * N + i] = 0.5 + (double)((x >> 20) % 4);
                ally[i * N + j] = ally[j * N + i] = u < dens;
            }
            aff[i * N + i] = 1;
            tker[i * N + i] = 0;
            ally[i * N + i] = 0;
        }
        orbi_threat_compute(P, N, cinc, ally, aff, tker, &wk, capeff, threat, NULL);
        for (i = 0; i < N; i++) {
            double T = 0, w[N];
            for (j = 0; j < N; j++)
                w[j] = j == i ? 0.0
                              : (1.0 - aff[i * N + j]) / 2.0 * tker[i * N + j] *
                                    (1.0 - P[ORBI_P_SEC_DELTA] * ally[i * N + j]);
            for (k = 0; k < N; k++) {
                double ck = isnan(cinc[k]) ? 0.0 : cinc[k], best = 0, t;
                size_t deg = 0;
                if (k == i || ck == 0) {
                    if (tij[i * N + k] != 0) same = 0;
                    continue;
                }
                for (j = 0; j < N; j++)
                    if (ally[k * N + j] && j != k) {
                        deg++;
                        if (w[j] > best) best = w[j];
                    }
                dense += deg > 16;
                t = ck * (w[k] + P[ORBI_P_SEC_OMEGA] * best);
                if (tij[i * N + k] != t) same = 0;
                T += t;
            }
            if (threat[i] != T) worst++;
        }
    }
    CHECK(same && worst == 0 && dense > 1000,
          "threat and its pairs equal a direct scan of every ally, to the bit, at six alliance "
          "densities (the listed-largest path taken for states of more than 16 allies)");
}

int main(void)
{
    orb_error e;

    if (orb_tables_load(tu_env("ORBIS_TABLES", "data"), &tab, &e) != ORB_OK ||
        orb_world_new(tab, NULL, 2022, &w22, &e) != ORB_OK) {
        CHECK(0, e.msg);
        return tu_done();
    }
    test_richardson();
    test_logit();
    test_dyadic_se();
    test_blocs();
    test_coalition_once();
    test_threat_vs_scan();
    test_indivisible();
    test_scenario_effects();
    test_invariants_every_year();
    test_ideal_dynamics();
    test_peace_at_start();
    test_eta_paths();
    orb_world_free(w22);
    orb_tables_free(tab);
    return tu_done();
}
