/*
 * metrics.c - the metrics phase: polarity under every power measure, the
 * Global South's shares, between-country inequality and trade openness.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "orb_int.h"
#include "run_int.h"
#include "stats_int.h"

/* The metrics phase's own record: work space for the sorts. */
typedef struct metrics {
    orbi_gw *gw; /* [2 n] values and weights, and the merge sort's scratch */
} metrics;

static const orbi_array metrics_arrays[] = {
    ORBI_SCRATCH(metrics, gw, 2, ORBI_DIM_N),
};

/* Sort v[0..n) by y, stably, with the scratch array tmp[0..n): bottom-up merge
 * sort. (glibc's qsort may call malloc, which the step loop must not.) */
void orbi_sort_gw(orbi_gw *v, orbi_gw *tmp, size_t n)
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

    orbi_sort_gw(v, tmp, n);
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

/* Military burden, threat, the least secure, affinity, pacts, wars in progress. */
static void security_metrics(orb_run *r, orbi_gw *gw)
{
    const orb_sim *s = r->sim;
    orb_metrics *m = &r->m;
    size_t i, j, n = s->n, tenth = n / 10 ? n / 10 : 1;
    double mil = 0, nom = 0, thr = 0, aff = 0, pol = 0;
    size_t npol = 0;

    m->min_security = INFINITY;
    m->least_secure = (size_t)-1;
    m->pacts = 0;
    for (i = 0; i < n; i++) {
        double g = s->nomgdp0[i] * r->gdp[i] / s->gdp0[i];
        nom += g;
        if (!isnan(r->burden[i])) mil += r->burden[i] * g;
        thr += r->threat[i];
        if (r->secidx[i] < m->min_security) {
            m->min_security = r->secidx[i];
            m->least_secure = i;
        }
        for (j = i + 1; j < n; j++) {
            aff += r->aff[i * n + j];
            m->pacts += r->ally[i * n + j];
            if (!isnan(s->ideal[i]) && !isnan(s->ideal[j])) {
                pol += fabs(s->ideal[i] - s->ideal[j]);
                npol++;
            }
        }
        gw[i].y = r->secidx[i]; /* the least secure tenth, by sorting */
        gw[i].w = 1;
    }
    m->milex_share = mil / nom;
    m->mean_threat = thr / (double)n;
    m->mean_affinity = n > 1 ? aff / ((double)n * (double)(n - 1) / 2) : NAN;
    m->polarisation = npol ? pol / (double)npol : NAN;
    {
        double sum = 0;
        orbi_sort_gw(gw, gw + n, n);
        for (i = 0; i < tenth; i++)
            sum += gw[i].y;
        m->low_security = sum / (double)tenth;
    }
}

static void metrics_step(orb_run *r, void *self)
{
    orbi_gw *gw = ((metrics *)self)->gw;
    const orb_sim *s = r->sim;
    orb_metrics *m = &r->m;
    size_t i, k, n = s->n;
    double gs_gdp = 0, trade = 0, dummy;

    m->year = r->year;
    for (k = 0; k < ORB_NMEASURES; k++) {
        orbi_polarity_vec(r->share[k], s->ccode, s->gs, n, &s->popts, &m->pol[k]);
        m->pol[k].year = r->year;
        m->pol[k].measure = (orb_measure)k;
        m->pol[k].majors_only = 0;
    }
    m->world_gdp = m->world_pop = 0;
    for (i = 0; i < n; i++) {
        m->world_gdp += r->gdp[i];
        m->world_pop += r->pop[i];
        trade += r->trade[i];
        if (s->gs[i]) gs_gdp += r->gdp[i];
    }
    m->gs_gdp_share = gs_gdp / m->world_gdp;
    m->gs_cinc_share = m->pol[ORB_MEASURE_CINC].gs_share;
    m->trade_openness = trade / m->world_gdp;
    for (i = 0; i < n; i++) {
        gw[i].y = r->y[i];
        gw[i].w = r->pop[i];
    }
    orbi_inequality(gw, gw + n, n, &m->gini, &m->theil);
    for (i = 0; i < n; i++) {
        gw[i].y = r->y[i];
        gw[i].w = 1.0;
    }
    orbi_inequality(gw, gw + n, n, &m->gini_unweighted, &dummy);
    security_metrics(r, gw);
}

static orb_status metrics_init(orb_run *r, void *self, const orb_world *w,
                               const orb_scenario *scn, orb_error *err)
{
    (void)r;
    (void)self;
    (void)w;
    (void)scn;
    (void)err;
    return ORB_OK;
}

const orbi_phase orbi_phase_metrics = {
    .name = "metrics",
    .size = sizeof(metrics),
    .arrays = metrics_arrays,
    .narrays = sizeof metrics_arrays / sizeof metrics_arrays[0],
    .init = metrics_init,
    .start = metrics_step, /* the start year's metrics */
    .step = metrics_step,
};
