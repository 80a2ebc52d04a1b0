/*
 * security.c - threat, the security index, the Richardson arms response and
 * the indivisible-security quantity (the security phase), plus the
 * Richardson closed forms of MODELS.md section 2.
 *
 * Threat that i perceives from j:
 *   T_ij = C_j h_ij K(c_ij, d_ij) (1 - delta A_ij)
 *   C_j  = cinc_j + omega sum_{k allied to j} cinc_k      (capability with allies)
 *   h_ij = (1 - a_ij) / 2                                 (hostility from affinity)
 *   K    = exp(b_land L_ij + b_sea S_ij) (max(d_ij, d_ref) / d_ref)^b_lndist
 * with b_* the dispute logit's contiguity and distance coefficients.
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
} security;

static const orbi_array security_arrays[] = {
    ORBI_ARRAY(security, griev, 1, ORBI_DIM_N),
    ORBI_SCRATCH(security, next, 1, ORBI_DIM_N),
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

double orbi_affinity(double ip_i, double ip_j, double range)
{
    double a;

    if (isnan(ip_i) || isnan(ip_j) || !(range > 0)) return NAN;
    a = 1.0 - 2.0 * fabs(ip_i - ip_j) / range;
    return a < -1 ? -1 : (a > 1 ? 1 : a);
}

void orbi_threat_compute(const double *P, size_t n, const double *cinc, const unsigned char *ally,
                         const double *aff, const double *tker, double *capeff, double *threat,
                         double *secidx)
{
    const double omega = P[ORBI_P_SEC_OMEGA], delta = P[ORBI_P_SEC_DELTA];
    size_t i, j;

    for (j = 0; j < n; j++) { /* capability with allies' support */
        const unsigned char *al = &ally[j * n];
        double c = isnan(cinc[j]) ? 0.0 : cinc[j], s = 0;
        for (i = 0; i < n; i++)
            if (al[i] && !isnan(cinc[i])) s += cinc[i];
        capeff[j] = c + omega * s;
    }
    for (i = 0; i < n; i++) {
        const double *a = &aff[i * n], *k = &tker[i * n];
        const unsigned char *al = &ally[i * n];
        double T = 0;
        for (j = 0; j < n; j++)
            if (j != i) T += capeff[j] * hostility(a[j]) * k[j] * (1.0 - delta * al[j]);
        threat[i] = T;
        if (secidx) secidx[i] = capeff[i] + T > 0 ? capeff[i] / (capeff[i] + T) : 1.0;
    }
}

double orbi_others_burden(const double *P, size_t n, size_t i, const double *capeff,
                          const double *aff, const double *tker, const unsigned char *ally,
                          const double *burden)
{
    const double delta = P[ORBI_P_SEC_DELTA];
    double wb = 0, ws = 0;
    size_t j;

    for (j = 0; j < n; j++) {
        double w;
        if (j == i || isnan(burden[j])) continue;
        w = capeff[j] * hostility(aff[i * n + j]) * tker[i * n + j] *
            (1.0 - delta * ally[i * n + j]);
        wb += w * burden[j];
        ws += w;
    }
    return ws > 0 ? wb / ws : NAN;
}

void orbi_security_threat(orb_run *r)
{
    orbi_threat_compute(r->sim->par.v, r->sim->n, r->share[ORB_MEASURE_CINC], r->ally, r->aff,
                        r->sim->tker, r->capeff, r->threat, r->secidx);
}

void orbi_security_scale_burden(orb_run *r, size_t i, double f)
{
    r->burden[i] *= f;
}

/* Threat-weighted mean burden of the others, as i sees them (0 if none). */
static double others_burden(const orb_run *r, size_t i)
{
    double y = orbi_others_burden(r->sim->par.v, r->sim->n, i, r->capeff, r->aff, r->sim->tker,
                                  r->ally, r->burden);
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
            !orbi_order_act(r, ORB_ACT_ARM, i, i, (x / r->burden[i] - 1) / ORB_NCOMP))
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

    orbi_security_threat(r);
    for (i = 0; i < r->sim->n; i++)
        sc->griev[i] = isnan(r->burden[i]) ? 0.0 : a * r->burden[i] - k * others_burden(r, i);
}

const orbi_phase orbi_phase_security = {
    .name = "security",
    .size = sizeof(security),
    .arrays = security_arrays,
    .narrays = sizeof security_arrays / sizeof security_arrays[0],
    .init = security_init,
    .start = security_start,
    .step = security_step,
};

orb_status orb_run_threat_delta(const orb_run *r, size_t i, orb_action act, size_t j, double amount,
                                double *out)
{
    const double *P, *cinc, *tker;
    double omega, delta;
    size_t n, q, k;

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
        /* i's capability rises by amount x cinc_i: i's own weight and, through
         * omega, that of each of i's allies as seen by third states. */
        double dc = isnan(cinc[i]) ? 0.0 : amount * cinc[i];
        if (!(amount >= 0) || isinf(amount)) return ORB_EINVAL;
        for (q = 0; q < n; q++) {
            if (q == i) continue;
            out[q] += dc * hostility(r->aff[q * n + i]) * tker[q * n + i] *
                      (1.0 - delta * r->ally[q * n + i]);
            for (k = 0; k < n; k++) /* allies of i draw on i's capability */
                if (k != q && k != i && r->ally[i * n + k])
                    out[q] += omega * dc * hostility(r->aff[q * n + k]) * tker[q * n + k] *
                              (1.0 - delta * r->ally[q * n + k]);
        }
        return ORB_OK;
    }
    if (act != ORB_ACT_PACT || j >= n || j == i) return ORB_EINVAL;
    if (r->ally[i * n + j]) return ORB_OK; /* already allied: nothing changes */
    {
        double ci = isnan(cinc[i]) ? 0.0 : cinc[i], cj = isnan(cinc[j]) ? 0.0 : cinc[j];
        for (q = 0; q < n; q++) {
            if (q == i || q == j) continue;
            /* i now counts omega cj more, j omega ci more, as q sees them */
            out[q] += omega * cj * hostility(r->aff[q * n + i]) * tker[q * n + i] *
                          (1.0 - delta * r->ally[q * n + i]) +
                      omega * ci * hostility(r->aff[q * n + j]) * tker[q * n + j] *
                          (1.0 - delta * r->ally[q * n + j]);
        }
        /* the partners stop threatening each other by the discount */
        out[i] -= r->capeff[j] * hostility(r->aff[i * n + j]) * tker[i * n + j] * delta;
        out[j] -= r->capeff[i] * hostility(r->aff[j * n + i]) * tker[j * n + i] * delta;
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
    *x_out = x + sx * y - fx * x + gx;
    *y_out = y + sy * x - fy * y + gy;
}
