/*
 * power.c - material power: CINC under two missing-value rules, and the GDP,
 * military-expenditure and net-resources shares.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "data_int.h"
#include "orb_int.h"

static const char *const measure_names[ORB_NMEASURES] = {"cinc", "gdp", "milex", "net"};

const char *orb_measure_name(orb_measure m)
{
    return ((int)m >= 0 && (int)m < ORB_NMEASURES) ? measure_names[m] : NULL;
}

static const char *const cinc_rule_names[] = {"codebook", "strict"};

const char *orb_cinc_rule_name(orb_cinc_rule r)
{
    return (r == ORB_CINC_CODEBOOK || r == ORB_CINC_STRICT) ? cinc_rule_names[r] : NULL;
}

orb_status orb_cinc_rule_parse(const char *name, orb_cinc_rule *out)
{
    if (name == NULL || out == NULL) return ORB_EINVAL;
    if (strcmp(name, "codebook") == 0) {
        *out = ORB_CINC_CODEBOOK;
        return ORB_OK;
    }
    if (strcmp(name, "strict") == 0) {
        *out = ORB_CINC_STRICT;
        return ORB_OK;
    }
    return ORB_EINVAL;
}

orb_status orb_measure_parse(const char *name, orb_measure *m_out)
{
    int i;

    if (name == NULL || m_out == NULL) return ORB_EINVAL;
    for (i = 0; i < ORB_NMEASURES; i++)
        if (orbi_strieq(name, measure_names[i])) {
            *m_out = (orb_measure)i;
            return ORB_OK;
        }
    return ORB_EINVAL;
}

/* Component c of row i, where rows are stride bytes apart. */
#define COMP(base, stride, i, c) (((const double *)((base) + (i) * (stride)))[c])

/*
 * CINC over the rows selected by mask (NULL = all): shares within the
 * selection, averaged by rule. Unselected rows get NaN. Row i's six
 * components start at base + i * stride bytes, so both a packed array and
 * an array of orb_state can be read without a copy.
 */
static orb_status cinc_masked(const char *base, size_t stride, size_t n, orb_cinc_rule rule,
                              const int *mask, double *out)
{
    double total[ORB_NCOMP] = {0};
    size_t i;
    int c;

    if (rule != ORB_CINC_CODEBOOK && rule != ORB_CINC_STRICT) return ORB_EINVAL;
    for (i = 0; i < n; i++) {
        if (mask && !mask[i]) continue;
        for (c = 0; c < ORB_NCOMP; c++) {
            double v = COMP(base, stride, i, c);
            if (isnan(v)) continue;
            if (v < 0 || isinf(v)) return ORB_EINVAL;
            total[c] += v;
        }
    }
    for (i = 0; i < n; i++) {
        double sum = 0;
        int present = 0;

        if (mask && !mask[i]) {
            out[i] = NAN;
            continue;
        }
        for (c = 0; c < ORB_NCOMP; c++) {
            double v = COMP(base, stride, i, c);
            if (isnan(v)) continue;
            present++;
            sum += total[c] > 0 ? v / total[c] : 0.0;
        }
        if (present == 0)
            out[i] = NAN;
        else
            out[i] = sum / (rule == ORB_CINC_CODEBOOK ? (double)present : (double)ORB_NCOMP);
    }
    return ORB_OK;
}

orb_status orb_cinc(const double *comp, size_t n, orb_cinc_rule rule, double *cinc_out)
{
    if ((comp == NULL || cinc_out == NULL) && n > 0) return ORB_EINVAL;
    return cinc_masked((const char *)comp, ORB_NCOMP * sizeof(double), n, rule, NULL, cinc_out);
}

/* Raw (unnormalised) value of a non-CINC measure for one state; NaN if missing. */
static double raw_measure(const orb_state *s, orb_measure m)
{
    switch (m) {
    case ORB_MEASURE_GDP:
        return s->gdp_ppp;
    case ORB_MEASURE_MILEX:
        return s->comp[ORB_MILEX];
    case ORB_MEASURE_NET:
        /* Beckley (2018): GDP x GDP per capita. Population is NMC tpop so the
         * series runs 1816-2022 on one source; units cancel in the shares. */
        if (isnan(s->gdp_ppp) || isnan(s->comp[ORB_TPOP]) || s->comp[ORB_TPOP] <= 0) return NAN;
        return s->gdp_ppp * (s->gdp_ppp / s->comp[ORB_TPOP]);
    case ORB_MEASURE_CINC:
        break;
    }
    return NAN;
}

orb_status orb_world_power(const orb_world *w, orb_measure m, orb_cinc_rule rule, const int *mask,
                           double *out)
{
    size_t i, n;
    double total = 0;

    if (w == NULL || out == NULL) return ORB_EINVAL;
    n = w->n;
    if (m == ORB_MEASURE_CINC)
        return n ? cinc_masked((const char *)w->s[0].comp, sizeof(orb_state), n, rule, mask, out)
                 : ORB_OK;
    if ((int)m < 0 || (int)m >= ORB_NMEASURES) return ORB_EINVAL;
    for (i = 0; i < n; i++) {
        double v = (mask && !mask[i]) ? NAN : raw_measure(&w->s[i], m);
        if (!isnan(v) && (v < 0 || isinf(v))) return ORB_EINVAL;
        out[i] = v;
        if (!isnan(v)) total += v;
    }
    for (i = 0; i < n; i++)
        if (!isnan(out[i])) out[i] = total > 0 ? out[i] / total : 0.0;
    return ORB_OK;
}
