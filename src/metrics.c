/*
 * metrics.c - the metrics phase: polarity under every power measure, the
 * Global South's shares, between-country inequality and trade openness.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>

#include "orb_int.h"

static int cmp_gw(const void *a, const void *b)
{
    const orbi_gw *x = a, *y = b;
    return (x->y > y->y) - (x->y < y->y);
}

void orbi_inequality(orbi_gw *v, size_t n, double *gini_out, double *theil_out)
{
    double W = 0, S = 0, mu, cum = 0, area = 0, theil = 0;
    size_t i;

    qsort(v, n, sizeof *v, cmp_gw);
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
    orbi_inequality(r->gw, n, &m->gini, &m->theil);
    for (i = 0; i < n; i++) {
        r->gw[i].y = r->y[i];
        r->gw[i].w = 1.0;
    }
    orbi_inequality(r->gw, n, &m->gini_unweighted, &dummy);
}
