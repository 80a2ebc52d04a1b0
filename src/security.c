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

#include "orb_int.h"

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
    orbi_threat_compute(r->par.v, r->n, r->share[ORB_MEASURE_CINC], r->ally, r->aff, r->tker,
                        r->capeff, r->threat, r->secidx);
}

/* Threat-weighted mean burden of the others, as i sees them (0 if none). */
static double others_burden(const orb_run *r, size_t i)
{
    double y =
        orbi_others_burden(r->par.v, r->n, i, r->capeff, r->aff, r->tker, r->ally, r->burden);
    return isnan(y) ? 0.0 : y;
}

void orbi_security_grievance(orb_run *r)
{
    const double a = r->par.v[ORBI_P_ARMS_A], k = r->par.v[ORBI_P_ARMS_K];
    size_t i;

    for (i = 0; i < r->n; i++) /* the start year's burden is at rest */
        r->griev[i] = isnan(r->burden[i]) ? 0.0 : a * r->burden[i] - k * others_burden(r, i);
}

void orbi_security_phase(orb_run *r)
{
    const double *P = r->par.v;
    const double g = P[ORBI_P_ARMS_G], fat = P[ORBI_P_ARMS_A], k = P[ORBI_P_ARMS_K];
    const size_t n = r->n;
    size_t i;

    orbi_security_threat(r);
    /* Richardson: x <- x + g_i + G - a x + k y, y the threat-weighted burden of
     * the others; the new burdens are computed from the old ones (scratch). */
    for (i = 0; i < n; i++) {
        double x = r->burden[i];
        if (isnan(x)) {
            r->scratch[i] = x;
            continue;
        }
        x += r->griev[i] + g - fat * x + k * others_burden(r, i);
        if (x < 0) x = 0.0;
        /* a material rise is an arming action, which the regime may block; the
         * capability rise is a sixth (milex is one of CINC's six) of the rise */
        if (x > r->burden[i] * (1 + ORBI_ARM_MATERIAL) && r->burden[i] > 0 &&
            !orbi_order_act(r, ORB_ACT_ARM, i, i, (x / r->burden[i] - 1) / ORB_NCOMP))
            x = r->burden[i];
        r->scratch[i] = x;
    }
    for (i = 0; i < n; i++)
        r->burden[i] = r->scratch[i];
}

orb_status orb_run_threat_delta(const orb_run *r, size_t i, orb_action act, size_t j, double amount,
                                double *out)
{
    const double *P = r->par.v, *cinc = r->share[ORB_MEASURE_CINC];
    const double omega = P[ORBI_P_SEC_OMEGA], delta = P[ORBI_P_SEC_DELTA];
    const size_t n = r->n;
    size_t q, k;

    if (r == NULL || out == NULL || i >= n) return ORB_EINVAL;
    for (q = 0; q < n; q++)
        out[q] = 0;
    if (act == ORB_ACT_ARM) {
        /* i's capability rises by amount x cinc_i: i's own weight and, through
         * omega, that of each of i's allies as seen by third states. */
        double dc = isnan(cinc[i]) ? 0.0 : amount * cinc[i];
        if (!(amount >= 0) || isinf(amount)) return ORB_EINVAL;
        for (q = 0; q < n; q++) {
            if (q == i) continue;
            out[q] += dc * hostility(r->aff[q * n + i]) * r->tker[q * n + i] *
                      (1.0 - delta * r->ally[q * n + i]);
            for (k = 0; k < n; k++) /* allies of i draw on i's capability */
                if (k != q && k != i && r->ally[i * n + k])
                    out[q] += omega * dc * hostility(r->aff[q * n + k]) * r->tker[q * n + k] *
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
            out[q] += omega * cj * hostility(r->aff[q * n + i]) * r->tker[q * n + i] *
                          (1.0 - delta * r->ally[q * n + i]) +
                      omega * ci * hostility(r->aff[q * n + j]) * r->tker[q * n + j] *
                          (1.0 - delta * r->ally[q * n + j]);
        }
        /* the partners stop threatening each other by the discount */
        out[i] -= r->capeff[j] * hostility(r->aff[i * n + j]) * r->tker[i * n + j] * delta;
        out[j] -= r->capeff[i] * hostility(r->aff[j * n + i]) * r->tker[j * n + i] * delta;
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

double orbi_onset_eta(const double *P, int land, int sea, double dist_km, double cap_ratio,
                      int ally, double aff, int major, double pardis, double t)
{
    return P[ORBI_P_CONF_CONST] + P[ORBI_P_CONF_LAND] * land + P[ORBI_P_CONF_SEA] * sea +
           P[ORBI_P_CONF_LNDIST] * log(dist_km > 1 ? dist_km : 1) +
           P[ORBI_P_CONF_LNCAP] * log(cap_ratio) + P[ORBI_P_CONF_ALLY] * ally +
           P[ORBI_P_CONF_AFF] * aff + P[ORBI_P_CONF_MAJOR] * major +
           P[ORBI_P_CONF_PARDIS] * pardis + P[ORBI_P_CONF_PEACE1] * t +
           P[ORBI_P_CONF_PEACE2] * t * t / 100.0 + P[ORBI_P_CONF_PEACE3] * t * t * t / 1000.0;
}

double orb_dispute_probability(const orb_params *p, const orb_dyad_covariates *x)
{
    orb_params def;

    if (x == NULL || !(x->cap_ratio >= 1) || !(x->affinity >= -1 && x->affinity <= 1) ||
        !(x->peace_years >= 0) || !(x->dist_km >= 0) || !(x->parity_dissat >= 0))
        return NAN;
    if (p == NULL) {
        orb_params_default(&def);
        p = &def;
    }
    return 1.0 / (1.0 + exp(-orbi_onset_eta(p->v, x->land != 0, x->sea != 0, x->dist_km,
                                            x->cap_ratio, x->alliance != 0, x->affinity,
                                            x->major != 0, x->parity_dissat, x->peace_years)));
}
