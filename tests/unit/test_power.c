/*
 * test_power.c - CINC rules (MODELS.md T9, T9b) and power-measure properties.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "orbis/orbis.h"
#include "../testutil.h"

/* T9: the NMC codebook's own example. One state's six shares are known, so
 * build a two-state world where state 0 holds exactly those shares. */
static void test_t9(void)
{
    const double share[ORB_NCOMP] = {0.01, 0.02, 0.02, 0.03, 0.03, 0.076};
    double comp[2 * ORB_NCOMP], cinc[2];
    int c;

    for (c = 0; c < ORB_NCOMP; c++) {
        comp[c] = share[c] * 1000.0;
        comp[ORB_NCOMP + c] = (1.0 - share[c]) * 1000.0;
    }
    CHECK(orb_cinc(comp, 2, ORB_CINC_CODEBOOK, cinc) == ORB_OK, "T9 orb_cinc returns OK");
    CHECK_REL(cinc[0], 0.031, 1e-9, "T9 codebook example CINC = 0.031");
    comp[5] = NAN; /* the sixth component missing: mean of five shares */
    comp[ORB_NCOMP + 5] = 1000.0;
    CHECK(orb_cinc(comp, 2, ORB_CINC_CODEBOOK, cinc) == ORB_OK, "T9 missing sixth OK");
    CHECK_REL(cinc[0], 0.022, 1e-9, "T9 with the sixth missing: 0.022");
}

/* T9b: the three-state toy world of MODELS.md section 7. */
static void test_t9b(void)
{
    const double comp[3 * ORB_NCOMP] = {600,  1300, 80,  2300, 330,  90, 300, 2000, 1000,
                                        4000, 1400, 300, 100,  1000, 70, 800, 145,  NAN};
    double pub[3], six[3];

    CHECK(orb_cinc(comp, 3, ORB_CINC_CODEBOOK, pub) == ORB_OK, "T9b codebook OK");
    CHECK(orb_cinc(comp, 3, ORB_CINC_STRICT, six) == ORB_OK, "T9b strict OK");
    CHECK_ABS(pub[0], 0.283767, 5e-7, "T9b A codebook");
    CHECK_ABS(pub[1], 0.618993, 5e-7, "T9b B codebook");
    CHECK_ABS(pub[2], 0.116687, 5e-7, "T9b C codebook (divide by 5)");
    CHECK_ABS(six[0], 0.283767, 5e-7, "T9b A strict");
    CHECK_ABS(six[1], 0.618993, 5e-7, "T9b B strict");
    CHECK_ABS(six[2], 0.097240, 5e-7, "T9b C strict (divide by 6)");
    CHECK_ABS(pub[0] + pub[1] + pub[2], 1.019448, 5e-7, "T9b codebook sum 1.019448");
    CHECK_ABS(six[0] + six[1] + six[2], 1.0, 1e-12, "T9b strict shares sum to one");
    CHECK_REL(pub[2] / six[2], 6.0 / 5.0, 1e-12, "T9b codebook/strict ratio is 6/5 for C");
}

/* Properties on high-entropy inputs: complete data sums to one under both
 * rules; scaling a component leaves CINC unchanged; errors are reported. */
static void test_properties(void)
{
    double comp[7 * ORB_NCOMP], a[7], b[7], sum_a = 0, sum_b = 0, maxd = 0;
    size_t i;
    int c;

    for (i = 0; i < 7; i++)
        for (c = 0; c < ORB_NCOMP; c++)
            comp[i * ORB_NCOMP + (size_t)c] =
                2.385 + fmod((double)(i * 7 + (size_t)c * 13) * 1.618, 97.3);
    CHECK(orb_cinc(comp, 7, ORB_CINC_CODEBOOK, a) == ORB_OK, "property: codebook OK");
    CHECK(orb_cinc(comp, 7, ORB_CINC_STRICT, b) == ORB_OK, "property: strict OK");
    for (i = 0; i < 7; i++) {
        sum_a += a[i];
        sum_b += b[i];
        if (fabs(a[i] - b[i]) > maxd) maxd = fabs(a[i] - b[i]);
    }
    CHECK_ABS(sum_a, 1.0, 1e-12, "property: complete data, codebook CINC sums to one");
    CHECK_ABS(sum_b, 1.0, 1e-12, "property: complete data, strict CINC sums to one");
    CHECK_ABS(maxd, 0.0, 1e-15, "property: rules agree when nothing is missing");
    for (i = 0; i < 7; i++)
        comp[i * ORB_NCOMP + ORB_PEC] *= 1234.5;
    CHECK(orb_cinc(comp, 7, ORB_CINC_CODEBOOK, b) == ORB_OK, "property: rescaled OK");
    maxd = 0;
    for (i = 0; i < 7; i++)
        if (fabs(a[i] - b[i]) > maxd) maxd = fabs(a[i] - b[i]);
    CHECK_ABS(maxd, 0.0, 1e-15, "property: CINC is invariant to a component's unit");

    comp[3] = -2.0;
    CHECK(orb_cinc(comp, 7, ORB_CINC_CODEBOOK, a) == ORB_EINVAL, "error: negative component");
    comp[3] = INFINITY;
    CHECK(orb_cinc(comp, 7, ORB_CINC_CODEBOOK, a) == ORB_EINVAL, "error: infinite component");
    comp[3] = 1.0;
    CHECK(orb_cinc(comp, 7, (orb_cinc_rule)7, a) == ORB_EINVAL, "error: unknown rule");
    CHECK(orb_cinc(NULL, 7, ORB_CINC_CODEBOOK, a) == ORB_EINVAL, "error: NULL components");
    for (c = 0; c < ORB_NCOMP; c++)
        comp[c] = NAN;
    CHECK(orb_cinc(comp, 7, ORB_CINC_CODEBOOK, a) == ORB_OK && isnan(a[0]),
          "all components missing gives NaN, never zero");
}

static void test_names(void)
{
    orb_measure m;

    CHECK(orb_measure_parse("GDP", &m) == ORB_OK && m == ORB_MEASURE_GDP, "parse 'GDP'");
    CHECK(orb_measure_parse("net", &m) == ORB_OK && m == ORB_MEASURE_NET, "parse 'net'");
    CHECK(orb_measure_parse("steel", &m) == ORB_EINVAL, "unknown measure rejected");
    CHECK(strcmp(orb_measure_name(ORB_MEASURE_MILEX), "milex") == 0, "measure name milex");
    CHECK(orb_measure_name((orb_measure)9) == NULL, "measure name out of range is NULL");
    CHECK(strcmp(orb_component_name(ORB_UPOP), "upop") == 0, "component name upop");
    CHECK(orb_component_name(6) == NULL, "component name out of range is NULL");
}

int main(void)
{
    test_t9();
    test_t9b();
    test_properties();
    test_names();
    return tu_done();
}
