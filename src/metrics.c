/*
 * metrics.c - the metrics phase: polarity under every power measure, the
 * Global South's shares, between-country inequality and trade openness.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"

/* Sort v[0..n) by y, stably, with the scratch array tmp[0..n): bottom-up merge
 * sort. (glibc's qsort may call malloc, which the step loop must not.) */
static void sort_gw(orbi_gw *v, orbi_gw *tmp, size_t n)
{
    orbi_gw *src = v, *dst = tmp, *t;
    size_t width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n, a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                dst[k++] = (src[b].y < src[a].y) ? src[b++] : src[a++];
            while (a < mid)
                dst[k++] = src[a++];
            while (b < hi)
                dst[k++] = src[b++];
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        for (i = 0; i < n; i++)
            v[i] = src[i];
}

void orbi_inequality(orbi_gw *v, orbi_gw *tmp, size_t n, double *gini_out, double *theil_out)
{
    double W = 0, S = 0, mu, cum = 0, area = 0, theil = 0;
    size_t i;

    sort_gw(v, tmp, n);
    for (i = 0; i < n; i++) {
        W += v[i].w;
        S += v[i].w * v[i].y;
    }
    mu = S / W;
    for (i = 0; i < n; i++) { /* trapezoids under the Lorenz curve */
        double prev = cum;
        cum += v[i].w * v[i].y;
        area += (v[i].w / W) * (prev + cum) / S;
        theil += (v[i].w / W) * (v[i].y / mu) * log(v[i].y / mu);
    }
    *gini_out = 1.0 - area;
    *theil_out = theil;
}

void orbi_metrics_phase(orb_run *r)
{
    orb_metrics *m = &r->m;
    size_t i, k, n = r->n;
    double gs_gdp = 0, trade = 0, dummy;

    m->year = r->year;
    for (k = 0; k < ORB_NMEASURES; k++) {
        orbi_polarity_vec(r->share[k], r->ccode, r->gs, n, &r->popts, &m->pol[k]);
        m->pol[k].year = r->year;
        m->pol[k].measure = (orb_measure)k;
        m->pol[k].majors_only = 0;
    }
    m->world_gdp = m->world_pop = 0;
    for (i = 0; i < n; i++) {
        m->world_gdp += r->gdp[i];
        m->world_pop += r->pop[i];
        trade += r->trade[i];
        if (r->gs[i]) gs_gdp += r->gdp[i];
    }
    m->gs_gdp_share = gs_gdp / m->world_gdp;
    m->gs_cinc_share = m->pol[ORB_MEASURE_CINC].gs_share;
    m->trade_openness = trade / m->world_gdp;
    for (i = 0; i < n; i++) {
        r->gw[i].y = r->y[i];
        r->gw[i].w = r->pop[i];
    }
    orbi_inequality(r->gw, r->gw + n, n, &m->gini, &m->theil);
    for (i = 0; i < n; i++) {
        r->gw[i].y = r->y[i];
        r->gw[i].w = 1.0;
    }
    orbi_inequality(r->gw, r->gw + n, n, &m->gini_unweighted, &dummy);
}
