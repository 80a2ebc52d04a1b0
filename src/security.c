/*
 * security.c - threat, the security index, the Richardson arms response and
 * the indivisible-security quantity (the security phase), plus the
 * Richardson closed forms of MODELS.md section 2.
 *
 * Threat that i perceives from j:
 *   T_i  = sum_{j != i} cinc_j w_ij + omega sum_{k != i} cinc_k M_ik
 *   w_ij = h_ij K(c_ij, d_ij) (1 - delta A_ij)             (j's own capability)
 *   M_ik = max_{j allied to k, j != i} w_ij                (k's support, counted once:
 *                                                           through its ally that
 *                                                           threatens i most)
 *   h_ij = (1 - a_ij) / 2                                  (hostility from affinity)
 *   K    = exp(b_land L_ij + b_sea S_ij) (max(d_ij, d_ref) / d_ref)^b_lndist
 * with b_* the dispute logit's contiguity and distance coefficients; C_j =
 * cinc_j + omega sum_{k allied to j} cinc_k is j's capability with allies
 * (the security index's own side and the arms weights).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "data_int.h"
#include "dyad_int.h"
#include "orb_int.h"
#include "params_int.h"
#include "run_int.h"

/* The security phase's own record. */
typedef struct security {
    double *griev; /* [n] Richardson grievance, set so the start is at rest */
    double *next;  /* [n] work space: next year's burdens */
    size_t *off;   /* [2n] work space: allies' lists, offsets (n + 1 used) */
    size_t *adj;   /* [n * n] work space: allies' lists */
    double *wrow;  /* [n] work space: one state's weights w_ij */
    double *lnr0;  /* [n] ln(T_i / C_i) in the start year (NaN: none) */
    double *tij;   /* [n * n] work space: the threat i perceives from j */
} security;

static const orbi_array security_arrays[] = {
    ORBI_ARRAY(security, griev, 1, ORBI_DIM_N),  ORBI_SCRATCH(security, next, 1, ORBI_DIM_N),
    ORBI_SCRATCH(security, off, 2, ORBI_DIM_N),  ORBI_SCRATCH(security, adj, 1, ORBI_DIM_NN),
    ORBI_SCRATCH(security, wrow, 1, ORBI_DIM_N), ORBI_ARRAY(security, lnr0, 1, ORBI_DIM_N),
    ORBI_SCRATCH(security, tij, 1, ORBI_DIM_NN),
};

/* Hostility from affinity. */
static double hostility(double a)
{
    return isnan(a) ? 0.5 : (1.0 - a) / 2.0; /* no ideal point: neutral */
}

double orbi_threat_kernel(const double *P, int conttype, double dist_km)
{
    double dref = P[ORBI_P_SEC_DREF], d = dist_km > dref ? dist_km : dref;
    double e = P[ORBI_P_CONF_LNDIST] * log(d / dref);

    if (conttype == 1) e += P[ORBI_P_CONF_LAND];
    if (conttype >= 2) e += P[ORBI_P_CONF_SEA];
    return exp(e);
}

/* The weight of j's capability in i's threat: hostility, kernel, discount. */
static double weight(double delta, const double *aff, const double *tker, const unsigned char *ally,
                     size_t n, size_t i, size_t j)
{
    return hostility(aff[i * n + j]) * tker[i * n + j] * (1.0 - delta * ally[i * n + j]);
}

void orbi_threat_compute(const double *P, size_t n, const double *cinc, const unsigned char *ally,
                         const double *aff, const double *tker, const orbi_threat_work *wk,
                         double *capeff, double *threat, double *lnratio)
{
    const double omega = P[ORBI_P_SEC_OMEGA], delta = P[ORBI_P_SEC_DELTA];
    size_t i, j, k, m = 0;

    for (j = 0; j < n; j++) { /* capability with allies' support; the allies' lists */
        const unsigned char *al = &ally[j * n];
        double c = isnan(cinc[j]) ? 0.0 : cinc[j], s = 0;
        wk->off[j] = m;
        for (i = 0; i < n; i++)
            if (al[i] && i != j) {
                wk->adj[m++] = i;
                if (!isnan(cinc[i])) s += cinc[i];
            }
        capeff[j] = c + omega * s;
    }
    wk->off[n] = m;
    for (i = 0; i < n; i++) {
        double T = 0;
        for (j = 0; j < n; j++)
            wk->wrow[j] = j == i ? 0.0 : weight(delta, aff, tker, ally, n, i, j);
        for (k = 0; k < n; k++) {
            double ck = isnan(cinc[k]) ? 0.0 : cinc[k], best = 0;
            size_t q;
            if (wk->tij) wk->tij[i * n + k] = 0;
            if (k == i || ck == 0) continue;
            for (q = wk->off[k]; q < wk->off[k + 1]; q++) /* j = i has weight 0 */
                if (wk->wrow[wk->adj[q]] > best) best = wk->wrow[wk->adj[q]];
            if (wk->tij) wk->tij[i * n + k] = ck * (wk->wrow[k] + omega * best);
            T += ck * (wk->wrow[k] + omega * best);
        }
        threat[i] = T;
        if (lnratio) lnratio[i] = T > 0 && capeff[i] > 0 ? log(T / capeff[i]) : NAN;
    }
}

double orbi_others_burden(size_t n, size_t i, const double *tij, const double *burden)
{
    double wb = 0, ws = 0;
    size_t j;

    for (j = 0; j < n; j++) {
        double w = tij[i * n + j];
        if (j == i || isnan(burden[j])) continue;
        wb += w * burden[j];
        ws += w;
    }
    return ws > 0 ? wb / ws : NAN;
}

/* Threat, capability with allies, and ln(T_i / C_i) into secidx. */
static void threat_raw(orb_run *r, const security *sc)
{
    const orbi_threat_work wk = {sc->off, sc->adj, sc->wrow, sc->tij};

    orbi_threat_compute(r->sim->par.v, r->sim->n, r->share[ORB_MEASURE_CINC], r->ally, r->aff,
                        r->sim->tker, &wk, r->capeff, r->threat, r->secidx);
}

/* The security index: ln(T_i0 / C_i0) - ln(T_i / C_i), the fall of the
 * state's threat per unit of its own side's capability since the start year
 * (0 at the start; positive: more secure). */
void orbi_security_threat(orb_run *r)
{
    const security *sc = r->ps[ORBI_PH_SECURITY];
    size_t i;

    threat_raw(r, sc);
    for (i = 0; i < r->sim->n; i++)
        r->secidx[i] = sc->lnr0[i] - r->secidx[i];
}

void orbi_security_scale_burden(orb_run *r, size_t i, double f)
{
    r->burden[i] *= f;
}

/* Threat-weighted mean burden of the others, as i sees them (0 if none). */
static double others_burden(const orb_run *r, size_t i)
{
    const security *sc = r->ps[ORBI_PH_SECURITY];
    double y = orbi_others_burden(r->sim->n, i, sc->tij, r->burden);
    return isnan(y) ? 0.0 : y;
}

static void security_step(orb_run *r, void *self)
{
    security *sc = self;
    const double *P = r->sim->par.v;
    const double g = P[ORBI_P_ARMS_G], fat = P[ORBI_P_ARMS_A], k = P[ORBI_P_ARMS_K];
    const size_t n = r->sim->n;
    size_t i;

    orbi_security_threat(r);
    /* Richardson: x <- x + g_i + G - a x + k y, y the threat-weighted burden of
     * the others; the new burdens are computed from the old ones. */
    for (i = 0; i < n; i++) {
        double x = r->burden[i];
        if (isnan(x)) {
            sc->next[i] = x;
            continue;
        }
        x += sc->griev[i] + g - fat * x + k * others_burden(r, i);
        if (x < 0) x = 0.0;
        /* a material rise is an arming action, which the regime may block; the
         * capability rise is a sixth (milex is one of CINC's six) of the rise */
        if (x > r->burden[i] * (1 + ORBI_ARM_MATERIAL) && r->burden[i] > 0 &&
            !orbi_order_act(r, ORB_ACT_ARM, i, i, (x / r->burden[i] - 1) / ORB_NCOMP, NAN))
            x = r->burden[i];
        sc->next[i] = x;
    }
    for (i = 0; i < n; i++)
        r->burden[i] = sc->next[i];
}

/* The start year's military burdens (spending over nominal GDP). */
static orb_status security_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                                orb_error *err)
{
    size_t i;

    (void)self;
    (void)scn;
    (void)err;
    for (i = 0; i < r->sim->n; i++) {
        double m = w->s[i].comp[ORB_MILEX];
        r->burden[i] = m >= 0 ? m * 1000.0 / r->sim->nomgdp0[i] : NAN;
    }
    return ORB_OK;
}

/* Threat from the start's pacts and affinity; each state's grievance, so
 * that its start-year burden is at rest. */
static void security_start(orb_run *r, void *self)
{
    security *sc = self;
    const double a = r->sim->par.v[ORBI_P_ARMS_A], k = r->sim->par.v[ORBI_P_ARMS_K];
    size_t i;

    threat_raw(r, sc);
    for (i = 0; i < r->sim->n; i++) { /* the start is the security index's origin */
        sc->lnr0[i] = r->secidx[i];
        r->secidx[i] = isnan(sc->lnr0[i]) ? NAN : 0.0;
    }
    for (i = 0; i < r->sim->n; i++)
        sc->griev[i] = isnan(r->burden[i]) ? 0.0 : a * r->burden[i] - k * others_burden(r, i);
}

/* The security index is ln(T0/C0) - ln(T/C) of the last threat, NaN exactly
 * where the start or now has no positive threat or capability. */
static orb_status security_check(const orb_run *r, const void *self, orb_error *err)
{
    const security *sc = self;
    size_t i;

    for (i = 0; i < r->sim->n; i++) {
        int none = isnan(sc->lnr0[i]) || !(r->threat[i] > 0 && r->capeff[i] > 0);
        if (none ? !isnan(r->secidx[i])
                 : r->secidx[i] != sc->lnr0[i] - log(r->threat[i] / r->capeff[i]))
            ORB_FAIL(err, ORB_EINVAL, "%d: %s security index %g is not ln(T0/C0) - ln(T/C)",
                     r->year, r->sim->abb[i], r->secidx[i]);
    }
    return ORB_OK;
}

const orbi_phase orbi_phase_security = {
    .name = "security",
    .size = sizeof(security),
    .arrays = security_arrays,
    .narrays = sizeof security_arrays / sizeof security_arrays[0],
    .init = security_init,
    .start = security_start,
    .step = security_step,
    .check = security_check,
};

/* k's allies (l != k), in index order, into al (ORBI_MAX_CCODE entries);
 * returns how many. */
static size_t allies_of(const orb_run *r, size_t k, size_t *al)
{
    const size_t n = r->sim->n;
    size_t l, m = 0;

    for (l = 0; l < n; l++)
        if (r->ally[k * n + l] && l != k) al[m++] = l;
    return m;
}

/* k's support as q sees it: the largest w_ql over k's allies l (al, from
 * allies_of; l != q), with w_q,jx taken as wx (jx = n: none replaced). The
 * allies are listed once for every q a threat delta asks about. */
static double support(const orb_run *r, double delta, size_t q, const size_t *al, size_t nal,
                      size_t jx, double wx)
{
    const size_t n = r->sim->n;
    double best = 0;
    size_t m;

    for (m = 0; m < nal; m++) {
        const size_t l = al[m];
        double v;
        if (l == q) continue;
        v = l == jx ? wx : weight(delta, r->aff, r->sim->tker, r->ally, n, q, l);
        if (v > best) best = v;
    }
    return best;
}

/* The change of q's threat when q (= i) and j make a pact: j's own weight
 * is discounted, and so is the support of every k allied to j. */
static double pact_own_change(const orb_run *r, double omega, double delta, const double *cinc,
                              size_t i, size_t j)
{
    const size_t n = r->sim->n;
    const double w0 = weight(delta, r->aff, r->sim->tker, r->ally, n, i, j);
    const double w1 = hostility(r->aff[i * n + j]) * r->sim->tker[i * n + j] * (1.0 - delta);
    double d = (isnan(cinc[j]) ? 0.0 : cinc[j]) * (w1 - w0);
    size_t k, al[ORBI_MAX_CCODE], nal;

    for (k = 0; k < n; k++) {
        double ck = isnan(cinc[k]) ? 0.0 : cinc[k];
        if (k == i || k == j || ck == 0 || !r->ally[k * n + j]) continue;
        nal = allies_of(r, k, al);
        d += omega * ck *
             (support(r, delta, i, al, nal, j, w1) - support(r, delta, i, al, nal, n, 0));
    }
    return d;
}

orb_status orb_run_threat_delta(const orb_run *r, size_t i, orb_action act, size_t j, double amount,
                                double *out)
{
    const double *P, *cinc, *tker;
    double omega, delta;
    size_t n, q;

    if (r == NULL || out == NULL || i >= r->sim->n) return ORB_EINVAL;
    P = r->sim->par.v;
    cinc = r->share[ORB_MEASURE_CINC];
    tker = r->sim->tker;
    omega = P[ORBI_P_SEC_OMEGA];
    delta = P[ORBI_P_SEC_DELTA];
    n = r->sim->n;
    for (q = 0; q < n; q++)
        out[q] = 0;
    if (act == ORB_ACT_ARM) {
        /* i's capability rises by amount x cinc_i: its own weight and its
         * support through its most threatening ally, as each q sees them */
        double dc = isnan(cinc[i]) ? 0.0 : amount * cinc[i];
        size_t al[ORBI_MAX_CCODE], nal;
        if (!(amount >= 0) || isinf(amount)) return ORB_EINVAL;
        if (dc == 0) return ORB_OK;
        nal = allies_of(r, i, al);
        for (q = 0; q < n; q++)
            if (q != i)
                out[q] = dc * (weight(delta, r->aff, tker, r->ally, n, q, i) +
                               omega * support(r, delta, q, al, nal, n, 0));
        return ORB_OK;
    }
    if (act != ORB_ACT_PACT || j >= n || j == i) return ORB_EINVAL;
    if (r->ally[i * n + j]) return ORB_OK; /* already allied: nothing changes */
    {
        double ci = isnan(cinc[i]) ? 0.0 : cinc[i], cj = isnan(cinc[j]) ? 0.0 : cinc[j];
        size_t ali[ORBI_MAX_CCODE], alj[ORBI_MAX_CCODE], ni = allies_of(r, i, ali),
                                                         nj = allies_of(r, j, alj);
        for (q = 0; q < n; q++) {
            double mi, mj, wqi, wqj;
            if (q == i || q == j) continue;
            /* i's support may now run through j, j's through i */
            mi = support(r, delta, q, ali, ni, n, 0);
            mj = support(r, delta, q, alj, nj, n, 0);
            wqi = weight(delta, r->aff, tker, r->ally, n, q, i);
            wqj = weight(delta, r->aff, tker, r->ally, n, q, j);
            out[q] =
                omega * (ci * ((wqj > mi ? wqj : mi) - mi) + cj * ((wqi > mj ? wqi : mj) - mj));
        }
        out[i] = pact_own_change(r, omega, delta, cinc, i, j);
        out[j] = pact_own_change(r, omega, delta, cinc, j, i);
    }
    return ORB_OK;
}

orb_status orb_richardson_equilibrium(double a, double b, double k, double l, double g, double h,
                                      double *x_out, double *y_out, int *stable_out)
{
    double det = a * b - k * l;

    if (stable_out) *stable_out = a > 0 && b > 0 && det > 0;
    if (det == 0) return ORB_ERANGE;
    if (x_out) *x_out = (b * g + k * h) / det;
    if (y_out) *y_out = (a * h + l * g) / det;
    return ORB_OK;
}

void orb_richardson_step(double x, double y, double sx, double sy, double fx, double fy, double gx,
                         double gy, double *x_out, double *y_out)
{
    if (x_out == NULL || y_out == NULL) return;
    *x_out = x + sx * y - fx * x + gx;
    *y_out = y + sy * x - fy * y + gy;
}
