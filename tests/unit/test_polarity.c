/*
 * test_polarity.c - concentration (MODELS.md T8), its identities as
 * properties, and the power-transition predicates of MODELS.md section 4.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

static void t8_row(const double *s, size_t n, double con, double hhi, double neff, const char *name)
{
    orb_concentration c;
    char what[96];

    snprintf(what, sizeof what, "T8 %s: status", name);
    CHECK(orb_concentration_compute(s, n, &c) == ORB_OK, what);
    snprintf(what, sizeof what, "T8 %s: CON", name);
    CHECK_ABS(c.con, con, 1e-6, what);
    snprintf(what, sizeof what, "T8 %s: HHI", name);
    CHECK_ABS(c.hhi, hhi, 1e-9, what);
    snprintf(what, sizeof what, "T8 %s: N_eff", name);
    CHECK_ABS(c.neff, neff, 1e-6, what);
}

static void test_t8(void)
{
    const double a[] = {0.5, 0.5}, b[] = {1, 0, 0, 0, 0}, c[] = {0.2, 0.2, 0.2, 0.2, 0.2},
                 d[] = {0.4, 0.3, 0.1, 0.1, 0.1};

    t8_row(a, 2, 0.0, 0.5, 2.0, "(0.5,0.5)");
    t8_row(b, 5, 1.0, 1.0, 1.0, "(1,0,0,0,0)");
    t8_row(c, 5, 0.0, 0.2, 5.0, "(0.2 x 5)");
    t8_row(d, 5, 0.316228, 0.28, 3.571429, "(0.4,0.3,0.1,0.1,0.1)");
}

/* A small deterministic generator for property inputs (not the model RNG). */
static double lcg(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)((*s >> 11) & ((1UL << 53) - 1)) / 9007199254740992.0;
}

static void test_properties(void)
{
    unsigned long seed = 2385;
    double worst_id = 0, worst_perm = 0, worst_scale = 0;
    int ok_range = 1, trial;

    for (trial = 0; trial < 500; trial++) {
        double v[40], w[40];
        size_t n = 2 + (size_t)(lcg(&seed) * 38), i;
        orb_concentration c, cp, cs;
        double inv;

        for (i = 0; i < n; i++)
            v[i] = pow(lcg(&seed), 3.0) * 97.3 + 1e-3;
        for (i = 0; i < n; i++)
            w[i] = v[n - 1 - i];
        if (orb_concentration_compute(v, n, &c) != ORB_OK) ok_range = 0;
        inv = 1.0 / (double)n;
        /* HHI = CON^2 (1 - 1/N) + 1/N */
        worst_id = fmax(worst_id, fabs(c.hhi - (c.con * c.con * (1 - inv) + inv)));
        worst_id = fmax(worst_id, fabs(c.neff * c.hhi - 1.0));
        if (!(c.con >= 0 && c.con <= 1 && c.hhi >= inv - 1e-15 && c.hhi <= 1 && c.neff >= 1 &&
              c.neff <= (double)n + 1e-9))
            ok_range = 0;
        orb_concentration_compute(w, n, &cp);
        worst_perm = fmax(worst_perm, fabs(cp.con - c.con));
        for (i = 0; i < n; i++)
            w[i] = v[i] * 3.7e4;
        orb_concentration_compute(w, n, &cs);
        worst_scale = fmax(worst_scale, fabs(cs.hhi - c.hhi));
    }
    CHECK_ABS(worst_id, 0.0, 1e-12,
              "property: HHI = CON^2(1-1/N)+1/N and Neff*HHI = 1 (500 vectors)");
    CHECK(ok_range, "property: CON in [0,1], HHI in [1/N,1], Neff in [1,N]");
    CHECK_ABS(worst_perm, 0.0, 1e-12, "property: concentration is invariant to order");
    CHECK_ABS(worst_scale, 0.0, 1e-12, "property: concentration is invariant to scale");
}

static void test_edges(void)
{
    const double one[] = {0.7}, withnan[] = {0.4, NAN, 0.3, 0.1, 0.1, 0.1}, neg[] = {0.5, -0.1},
                 zero[] = {0, 0};
    orb_concentration c;

    CHECK(orb_concentration_compute(one, 1, &c) == ORB_OK && isnan(c.con) && c.hhi == 1.0,
          "one state: CON undefined (NaN), HHI 1");
    CHECK(orb_concentration_compute(withnan, 6, &c) == ORB_OK && c.n == 5,
          "NaN entries are skipped");
    CHECK_ABS(c.con, 0.316228, 1e-6, "NaN skipped: same CON as T8 row 4");
    CHECK(orb_concentration_compute(neg, 2, &c) == ORB_EINVAL, "negative share rejected");
    CHECK(orb_concentration_compute(zero, 2, &c) == ORB_EINVAL, "all-zero shares rejected");
    CHECK(orb_concentration_compute(NULL, 2, &c) == ORB_EINVAL, "NULL values rejected");
}

/* MODELS.md section 4 test vectors. */
static void test_transition(void)
{
    const double a[] = {1.00, 1.02, 1.04}, b[] = {0.90, 1.00, 1.10};
    int par[3], over[3];
    long first;

    first = orb_transition_scan(a, b, 3, 0.8, par, over);
    CHECK(par[0] && par[1] && par[2], "PTT: parity in all three years");
    CHECK(!over[0] && !over[1] && over[2], "PTT: transition in year 3 only");
    CHECK_INT(first, 2, "PTT: first overtaking index");
    {
        const double x[] = {1.0, 1.0}, y[] = {0.7, 0.85};
        orb_transition_scan(x, y, 2, 0.8, par, over);
        CHECK(!par[0], "PTT: ratio 0.70 is not parity");
        CHECK(par[1], "PTT: ratio 0.85 is parity");
        CHECK_INT(orb_transition_scan(x, y, 2, 0.8, NULL, NULL), -1, "PTT: no overtaking");
    }
}

static void test_opts(void)
{
    orb_polarity_opts o = orb_polarity_opts_default();
    orb_error e;

    CHECK_ABS(o.pole_share, 0.10, 0, "default pole share 0.10");
    CHECK_ABS(o.parity_ratio, 0.80, 0, "default parity ratio 0.80");
    CHECK(o.rule == ORB_CINC_CODEBOOK, "default CINC rule is the codebook's");
    CHECK(orb_polarity_opts_check(&o, &e) == ORB_OK, "defaults are valid");
    o.pole_share = 0;
    CHECK(orb_polarity_opts_check(&o, &e) == ORB_EINVAL && strstr(e.msg, "pole share"),
          "pole share 0 rejected with a message");
    o.pole_share = 0.1;
    o.parity_ratio = 1.5;
    CHECK(orb_polarity_opts_check(&o, &e) == ORB_EINVAL && strstr(e.msg, "parity"),
          "parity ratio 1.5 rejected with a message");
}

int main(void)
{
    test_t8();
    test_properties();
    test_edges();
    test_transition();
    test_opts();
    return tu_done();
}
