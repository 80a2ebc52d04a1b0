/*
 * polarity.c - concentration (CON, HHI, effective poles), poles, leader and
 * challenger, parity and transitions.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>

#include "data_int.h"
#include "orb_int.h"
#include "stats_int.h"

/* Defaults and valid ranges; sources in docs/model.md. */
#define POLE_SHARE_DEFAULT   0.10 /* Modelski & Thompson (1988): 10% of capability */
#define PARITY_RATIO_DEFAULT 0.80 /* Organski & Kugler (1980): weaker >= 80% of stronger */

orb_polarity_opts orb_polarity_opts_default(void)
{
    orb_polarity_opts o;

    o.pole_share = POLE_SHARE_DEFAULT;
    o.parity_ratio = PARITY_RATIO_DEFAULT;
    o.rule = ORB_CINC_CODEBOOK;
    return o;
}

orb_status orb_polarity_opts_check(const orb_polarity_opts *o, orb_error *err)
{
    if (o == NULL) ORB_FAIL(err, ORB_EINVAL, "polarity options are NULL");
    if (!(o->pole_share > 0 && o->pole_share <= 1))
        ORB_FAIL(err, ORB_EINVAL, "pole share must be in (0, 1], got %g", o->pole_share);
    if (!(o->parity_ratio > 0 && o->parity_ratio <= 1))
        ORB_FAIL(err, ORB_EINVAL, "parity ratio must be in (0, 1], got %g", o->parity_ratio);
    if (o->rule != ORB_CINC_CODEBOOK && o->rule != ORB_CINC_STRICT)
        ORB_FAIL(err, ORB_EINVAL, "unknown CINC rule %d", (int)o->rule);
    return ORB_OK;
}

orb_status orb_concentration_compute(const double *v, size_t n, orb_concentration *out)
{
    double total = 0, ss = 0;
    size_t i, m = 0;

    if (out == NULL || (v == NULL && n > 0)) return ORB_EINVAL;
    for (i = 0; i < n; i++) {
        if (isnan(v[i])) continue;
        if (v[i] < 0 || isinf(v[i])) return ORB_EINVAL;
        total += v[i];
        m++;
    }
    if (m == 0 || !(total > 0)) return ORB_EINVAL;
    for (i = 0; i < n; i++) {
        double s;
        if (isnan(v[i])) continue;
        s = v[i] / total;
        ss += s * s;
    }
    out->n = m;
    out->hhi = ss;
    out->neff = 1.0 / ss;
    if (m < 2) {
        out->con = NAN;
    } else {
        double inv = 1.0 / (double)m;
        double x = (ss - inv) / (1.0 - inv);
        out->con = sqrt(x > 0 ? x : 0.0); /* rounding can give -1e-17 for equal shares */
    }
    return ORB_OK;
}

/* 1 if a ranks before b: more power, ties by lower COW code. */
static int before(const double *p, const int *ccode, size_t a, size_t b)
{
    if (p[a] != p[b]) return p[a] > p[b];
    return ccode[a] < ccode[b];
}

orb_status orbi_polarity_vec(const double *p, const int *ccode, const unsigned char *gs, size_t n,
                             const orb_polarity_opts *o, orb_polarity *out)
{
    size_t i, nr = 0, first = (size_t)-1, second = (size_t)-1;
    double total = 0, g = 0;

    for (i = 0; i < n; i++) {
        if (isnan(p[i])) continue;
        total += p[i];
        nr++;
        if (first == (size_t)-1 || before(p, ccode, i, first)) {
            second = first;
            first = i;
        } else if (second == (size_t)-1 || before(p, ccode, i, second)) {
            second = i;
        }
    }
    if (nr == 0 || !(total > 0)) return ORB_ENODATA;
    if (orb_concentration_compute(p, n, &out->c) != ORB_OK) return ORB_EINVAL;
    out->npoles = 0;
    for (i = 0; i < n; i++) {
        if (isnan(p[i])) continue;
        if (p[i] / total >= o->pole_share) out->npoles++;
        if (gs[i]) g += p[i];
    }
    out->gs_share = g / total;
    out->leader = first;
    out->challenger = second;
    out->leader_share = p[first] / total;
    if (second != (size_t)-1) {
        out->challenger_share = p[second] / total;
        out->ratio = p[first] > 0 ? p[second] / p[first] : NAN;
        out->parity = out->ratio >= o->parity_ratio;
    } else {
        out->challenger_share = NAN;
        out->ratio = NAN;
        out->parity = 0;
    }
    return ORB_OK;
}

orb_status orb_world_polarity(const orb_world *w, orb_measure m, int majors_only,
                              const orb_polarity_opts *opts, orb_polarity *out, double *power_out,
                              size_t *rank_out, size_t *nrank_out, orb_error *err)
{
    orb_polarity_opts def = orb_polarity_opts_default();
    double *p = power_out;
    int *mask = NULL, *cc = NULL;
    unsigned char *gs = NULL;
    size_t i, n, nr = 0;
    orb_status st = ORB_OK;

    if (w == NULL || out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_world_polarity: NULL argument");
    if (opts == NULL) opts = &def;
    ORB_TRY(orb_polarity_opts_check(opts, err));
    if (orb_measure_name(m) == NULL) ORB_FAIL(err, ORB_EINVAL, "unknown power measure %d", (int)m);
    n = w->n;
    if (p == NULL) p = malloc((n ? n : 1) * sizeof *p);
    mask = malloc((n ? n : 1) * sizeof *mask);
    cc = malloc((n ? n : 1) * sizeof *cc);
    gs = malloc(n ? n : 1);
    if (p == NULL || mask == NULL || cc == NULL || gs == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        mask[i] = majors_only ? w->s[i].major : 1;
        cc[i] = w->s[i].ccode;
        gs[i] = (unsigned char)(w->s[i].global_south != 0);
    }
    if ((st = orb_world_power(w, m, opts->rule, mask, p)) != ORB_OK) {
        st = orbi_error(err, st, NULL, 0, 0, "cannot compute %s power for %d", orb_measure_name(m),
                        w->year);
        goto done;
    }
    st = orbi_polarity_vec(p, cc, gs, n, opts, out);
    if (st == ORB_ENODATA) {
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0, "no state has %s data in %d%s",
                        orb_measure_name(m), w->year, majors_only ? " among the major powers" : "");
        goto done;
    }
    if (st != ORB_OK) {
        st = orbi_error(err, st, NULL, 0, 0, "invalid %s values in %d", orb_measure_name(m),
                        w->year);
        goto done;
    }
    out->year = w->year;
    out->measure = m;
    out->majors_only = majors_only != 0;
    for (i = 0; rank_out && i < n; i++) { /* insertion sort: n is at most a few hundred */
        size_t k = nr;
        if (isnan(p[i])) continue;
        while (k > 0 && before(p, cc, i, rank_out[k - 1])) {
            rank_out[k] = rank_out[k - 1];
            k--;
        }
        rank_out[k] = i;
        nr++;
    }
    if (nrank_out) {
        if (!rank_out)
            for (i = 0; i < n; i++)
                nr += (size_t)!isnan(p[i]);
        *nrank_out = nr;
    }
done:
    if (p != power_out) free(p);
    free(mask);
    free(cc);
    free(gs);
    return st;
}

long orb_transition_scan(const double *a, const double *b, size_t n, double parity_ratio,
                         int *parity_out, int *overtake_out)
{
    if (a == NULL || b == NULL) return 0;
    long first = -1;
    size_t t;

    for (t = 0; t < n; t++) {
        double hi = a[t] > b[t] ? a[t] : b[t], lo = a[t] > b[t] ? b[t] : a[t];
        int over = 0;

        if (parity_out) parity_out[t] = hi > 0 && lo / hi >= parity_ratio;
        if (t > 0) over = (a[t - 1] >= b[t - 1]) != (a[t] >= b[t]);
        if (overtake_out) overtake_out[t] = over;
        if (over && first < 0) first = (long)t;
    }
    return first;
}
