/*
 * negotiate.c - Bueno de Mesquita's expected-utility model (Scholz, Calbert &
 * Smith 2011 reading) and Fearon's bargaining model.
 *
 * Notation (MODELS.md 1.2): actor k has capability c_k, position x_k,
 * salience s_k and risk exponent r_k; D is the range of the initial
 * positions. u[k][a] = (|x_k - x_a| / D)^r_k, so actor k's vote on "x_i
 * against x_j" is c_k s_k (u[k][j] - u[k][i]). Probabilities, utilities,
 * expected utilities, danger levels, risk exponents and offers follow
 * MODELS.md 1.2 with the options of negotiate.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orb_int.h"

struct orb_eu {
    size_t n;
    orb_eu_opts o;
    double range;   /* D: the range of the initial positions */
    double *c, *s;  /* [n] */
    double *x;      /* [n] current positions */
    double *nx;     /* [n] next positions */
    double *r;      /* [n] risk exponents in use */
    double *risk;   /* [n] the last computed risk exponents */
    double *danger; /* [n] the last danger levels */
    double *u;      /* [n * n] u[k][a] under the current r */
    double *den;    /* all-pairs denominator (one value) or per voter scratch */
    double *tmp;    /* [n] sort space */
    double mu;      /* the status quo forecast for U_b, U_w */
    int round;
    size_t nlog, caplog;
    orb_eu_record *log;
    char (*names)[48];
};

orb_status orb_eu_preset(const char *name, orb_eu_opts *o)
{
    memset(o, 0, sizeof *o);
    o->q = 1.0;
    o->t = 1.0;
    o->tol = 1e-9;
    if (name == NULL || strcmp(name, "scholz") == 0) {
        o->prob = ORB_EU_PROB_ALL_PAIRS;
        o->range = ORB_EU_RANGE_ACTORS;
        o->mu = ORB_EU_MU_MEDIAN;
        o->offer = ORB_EU_OFFER_SCHOLZ;
        o->capitulation_compat = 1;
        return ORB_OK;
    }
    if (strcmp(name, "dmasad") == 0) {
        o->prob = ORB_EU_PROB_PAIR_VOTERS;
        o->range = ORB_EU_RANGE_ACTORS;
        o->mu = ORB_EU_MU_MEAN;
        o->offer = ORB_EU_OFFER_LEAST_MOVE;
        o->capitulation_compat = 0;
        return ORB_OK;
    }
    return ORB_EINVAL;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* u[k][a] under the current r, and the all-pairs denominator
 * sum_k c_k s_k sum_{a,b} |u[k][b] - u[k][a]| (sorted: O(n^2 log n)). */
static void refresh(orb_eu *m)
{
    const size_t n = m->n;
    size_t k, a;

    *m->den = 0;
    for (k = 0; k < n; k++) {
        double acc = 0;
        for (a = 0; a < n; a++) {
            double d = fabs(m->x[k] - m->x[a]) / m->range;
            m->u[k * n + a] = m->r[k] == 1.0 ? d : pow(d, m->r[k]);
            m->tmp[a] = m->u[k * n + a];
        }
        qsort(m->tmp, n, sizeof *m->tmp, cmp_dbl);
        for (a = 0; a < n; a++) /* sum over ordered pairs = 2 sum_{a<b} (u_b - u_a) */
            acc += (2.0 * (double)a - (double)n + 1.0) * m->tmp[a];
        *m->den += m->c[k] * m->s[k] * 2.0 * acc;
    }
}

double orb_eu_probability(const orb_eu *m, size_t i, size_t j)
{
    const size_t n = m->n;
    double top = 0, bot = 0;
    size_t k;

    if (i >= n || j >= n || m->x[i] == m->x[j]) return 0.0;
    if (m->o.prob == ORB_EU_PROB_ALL_PAIRS) {
        for (k = 0; k < n; k++) {
            double v = m->c[k] * m->s[k] * (m->u[k * n + j] - m->u[k * n + i]);
            if (v > 0) top += v;
        }
        return *m->den > 0 ? top / *m->den : 0.0;
    }
    for (k = 0; k < n; k++) { /* every voter's net support, in distances (dmasad) */
        double d = fabs(m->x[k] - m->x[j]) - fabs(m->x[k] - m->x[i]);
        top += m->c[k] * m->s[k] * d;
        bot += m->c[k] * m->s[k] * fabs(d);
    }
    if (top < 0) top = 0;
    return bot > 0 ? top / bot : 0.0;
}

/* The utilities of MODELS.md 1.2 step 4, for i against j, with exponent rp. */
double orb_eu_expected(const orb_eu *m, size_t p, size_t i, size_t j)
{
    const double rp = m->r[p], D = m->range;
    double d, P, us, uf, usq, sq;

    if (p >= m->n || i >= m->n || j >= m->n) return NAN;
    d = fabs(m->x[i] - m->x[j]) / D;
    P = orb_eu_probability(m, i, j);
    us = 2 - 4 * pow(0.5 - 0.5 * d, rp);
    uf = 2 - 4 * pow(0.5 + 0.5 * d, rp);
    usq = 2 - 4 * pow(0.5, rp);
    sq = m->o.q * usq;
    if (m->o.q < 1) {
        double e = 0.25 * (fabs(m->x[i] - m->mu) / D + d);
        double ub = 2 - 4 * pow(0.5 - e, rp), uw = 2 - 4 * pow(0.5 + e, rp);
        sq += (1 - m->o.q) * (m->o.t * ub + (1 - m->o.t) * uw);
    }
    return m->s[j] * (P * us + (1 - P) * uf) + (1 - m->s[j]) * us - sq;
}

/* Danger of actor i: sum over j != i of j's EU of challenging i, seen by i. */
static double danger_of(const orb_eu *m, size_t i)
{
    double s = 0;
    size_t j;

    for (j = 0; j < m->n; j++)
        if (j != i) s += orb_eu_expected(m, i, j, i);
    return s;
}

static double weighted_mean(const orb_eu *m)
{
    double t = 0, w = 0;
    size_t k;

    for (k = 0; k < m->n; k++) {
        t += m->c[k] * m->s[k] * m->x[k];
        w += m->c[k] * m->s[k];
    }
    return t / w;
}

double orb_eu_mean(const orb_eu *m)
{
    return weighted_mean(m);
}

/* Sum over voters of c s (|x_k - b| - |x_k - a|) / D: positive if a beats b (r = 1). */
static double contest(const orb_eu *m, double a, double b)
{
    double v = 0;
    size_t k;

    for (k = 0; k < m->n; k++)
        v += m->c[k] * m->s[k] * (fabs(m->x[k] - b) - fabs(m->x[k] - a)) / m->range;
    return v;
}

double orb_eu_median(const orb_eu *m)
{
    size_t a, b, best = 0, wins_best = 0;

    for (a = 0; a < m->n; a++) { /* a Condorcet winner: beats or ties every position */
        size_t wins = 0;
        int winner = 1;
        for (b = 0; b < m->n; b++) {
            double v;
            if (m->x[a] == m->x[b]) continue;
            v = contest(m, m->x[a], m->x[b]);
            if (v < 0) winner = 0;
            if (v > 0) wins++;
        }
        if (winner) return m->x[a];
        /* Copeland fallback: most wins, ties by the smaller position */
        if (wins > wins_best || (wins == wins_best && m->x[a] < m->x[best])) {
            best = a;
            wins_best = wins;
        }
    }
    return m->x[best];
}

orb_status orb_eu_new(const orb_eu_actor *a, size_t n, const orb_eu_opts *o, orb_eu **out,
                      orb_error *err)
{
    orb_eu_opts def;
    orb_eu *m;
    double lo = INFINITY, hi = -INFINITY;
    size_t i, j;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_eu_new: out is NULL");
    *out = NULL;
    if (a == NULL || n < 2) ORB_FAIL(err, ORB_EINVAL, "a negotiation needs at least two actors");
    if (o == NULL) {
        orb_eu_preset("scholz", &def);
        o = &def;
    }
    if (!(o->q >= 0 && o->q <= 1) || !(o->t >= 0 && o->t <= 1) || !(o->tol >= 0))
        ORB_FAIL(err, ORB_EINVAL, "options: q and t must be in [0, 1] and tol >= 0");
    for (i = 0; i < n; i++) {
        if (!(a[i].c > 0) || isinf(a[i].c))
            ORB_FAIL(err, ORB_EINVAL, "actor '%s': capability must be positive, got %g", a[i].name,
                     a[i].c);
        if (!(a[i].s >= 0 && a[i].s <= 1))
            ORB_FAIL(err, ORB_EINVAL, "actor '%s': salience must be in [0, 1], got %g", a[i].name,
                     a[i].s);
        if (!isfinite(a[i].x))
            ORB_FAIL(err, ORB_EINVAL, "actor '%s': position must be a finite number", a[i].name);
        for (j = 0; j < i; j++)
            if (strcmp(a[i].name, a[j].name) == 0)
                ORB_FAIL(err, ORB_EINVAL, "duplicate actor '%s'", a[i].name);
        if (a[i].x < lo) lo = a[i].x;
        if (a[i].x > hi) hi = a[i].x;
    }
    if (!(hi > lo))
        ORB_FAIL(err, ORB_EINVAL, "all actors hold the same position: nothing to negotiate");
    m = calloc(1, sizeof *m);
    if (m == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    m->n = n;
    m->o = *o;
    m->range = hi - lo;
    m->c = malloc(n * sizeof *m->c);
    m->s = malloc(n * sizeof *m->s);
    m->x = malloc(n * sizeof *m->x);
    m->nx = malloc(n * sizeof *m->nx);
    m->r = malloc(n * sizeof *m->r);
    m->risk = malloc(n * sizeof *m->risk);
    m->danger = malloc(n * sizeof *m->danger);
    m->u = malloc(n * n * sizeof *m->u);
    m->den = malloc(sizeof *m->den);
    m->tmp = malloc(n * sizeof *m->tmp);
    m->names = malloc(n * sizeof *m->names);
    if (!m->c || !m->s || !m->x || !m->nx || !m->r || !m->risk || !m->danger || !m->u || !m->den ||
        !m->tmp || !m->names) {
        orb_eu_free(m);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    for (i = 0; i < n; i++) {
        m->c[i] = a[i].c;
        m->s[i] = a[i].s;
        m->x[i] = a[i].x;
        m->r[i] = m->risk[i] = 1.0;
        m->danger[i] = NAN;
        memcpy(m->names[i], a[i].name, sizeof m->names[i]);
    }
    refresh(m);
    *out = m;
    return ORB_OK;
}

void orb_eu_free(orb_eu *m)
{
    if (m == NULL) return;
    free(m->c);
    free(m->s);
    free(m->x);
    free(m->nx);
    free(m->r);
    free(m->risk);
    free(m->danger);
    free(m->u);
    free(m->den);
    free(m->tmp);
    free(m->names);
    free(m->log);
    free(m);
}

/* Risk exponents: danger levels with every r = 1, compared across actors (or
 * across the positions each actor could hold). */
static void risk_exponents(orb_eu *m)
{
    const size_t n = m->n;
    double lo = INFINITY, hi = -INFINITY;
    size_t i, y;

    for (i = 0; i < n; i++)
        m->r[i] = 1.0;
    m->mu = m->o.mu == ORB_EU_MU_MEAN ? weighted_mean(m) : orb_eu_median(m);
    refresh(m);
    for (i = 0; i < n; i++) {
        m->danger[i] = danger_of(m, i);
        if (m->danger[i] < lo) lo = m->danger[i];
        if (m->danger[i] > hi) hi = m->danger[i];
    }
    for (i = 0; i < n; i++) {
        double R;
        if (m->o.range == ORB_EU_RANGE_POSITIONS) { /* i's danger at each position held */
            double own = m->x[i], plo = INFINITY, phi = -INFINITY;
            for (y = 0; y < n; y++) {
                double dd;
                m->x[i] = m->x[y];
                refresh(m);
                dd = danger_of(m, i);
                if (dd < plo) plo = dd;
                if (dd > phi) phi = dd;
            }
            m->x[i] = own;
            refresh(m);
            R = phi > plo ? (2 * m->danger[i] - phi - plo) / (phi - plo) : 0.0;
        } else {
            R = hi > lo ? (2 * m->danger[i] - hi - lo) / (hi - lo) : 0.0;
        }
        m->risk[i] = (1 - R / 3) / (1 + R / 3);
    }
    for (i = 0; i < n; i++)
        m->r[i] = m->risk[i];
    m->mu = m->o.mu == ORB_EU_MU_MEAN ? weighted_mean(m) : orb_eu_median(m);
    refresh(m);
}

static int log_move(orb_eu *m, size_t i, size_t j, orb_eu_move kind, double a, double b, double to)
{
    orb_eu_record *rec;

    if (m->nlog == m->caplog) {
        size_t cap = m->caplog ? 2 * m->caplog : 64;
        orb_eu_record *nl = realloc(m->log, cap * sizeof *nl);
        if (nl == NULL) return -1;
        m->log = nl;
        m->caplog = cap;
    }
    rec = &m->log[m->nlog++];
    rec->round = m->round;
    rec->actor = i;
    rec->other = j;
    rec->kind = kind;
    rec->eu_ij = a;
    rec->eu_ji = b;
    rec->from = m->x[i];
    rec->to = to;
    return 0;
}

int orb_eu_round(orb_eu *m)
{
    const size_t n = m->n;
    double moved = 0;
    size_t i, j;

    m->round++;
    risk_exponents(m);
    for (i = 0; i < n; i++) {
        /* best offer of each kind: position, key, and the EUs */
        double best_pos[3], best_key[3], ea[3], eb[3];
        size_t best_j[3];
        int have[3] = {0, 0, 0}, k, pick = -1;
        for (j = 0; j < n; j++) {
            double a, b, pos, key;
            int kind;
            if (j == i || m->x[j] == m->x[i]) continue;
            a = orb_eu_expected(m, i, i, j);
            b = orb_eu_expected(m, i, j, i);
            if (b > a && a > 0) {
                kind = ORB_EU_CONFRONTATION;
                pos = m->x[j];
            } else if (b > 0 && 0 > a && b > fabs(a)) {
                kind = ORB_EU_COMPROMISE;
                pos = m->x[i] + (m->x[j] - m->x[i]) * fabs(a / b);
            } else if (b > 0 && 0 > a && (m->o.capitulation_compat ? b < fabs(b) : b < fabs(a))) {
                kind = ORB_EU_CAPITULATION;
                pos = m->x[j];
            } else {
                continue;
            }
            key = fabs(m->x[i] - pos);
            if (m->o.offer == ORB_EU_OFFER_SCHOLZ && kind == ORB_EU_COMPROMISE)
                key = (fabs(a) * m->x[i] + fabs(b) * m->x[j]) / (fabs(a) + fabs(b));
            if (!have[kind] || key < best_key[kind]) { /* first minimum in actor order */
                have[kind] = 1;
                best_key[kind] = key;
                best_pos[kind] = pos;
                best_j[kind] = j;
                ea[kind] = a;
                eb[kind] = b;
            }
        }
        if (m->o.offer == ORB_EU_OFFER_SCHOLZ) {
            for (k = 0; k < 3 && pick < 0; k++)
                if (have[k]) pick = k;
        } else {
            for (k = 0; k < 3; k++)
                if (have[k] &&
                    (pick < 0 || fabs(m->x[i] - best_pos[k]) < fabs(m->x[i] - best_pos[pick])))
                    pick = k;
        }
        m->nx[i] = m->x[i];
        if (pick >= 0) {
            m->nx[i] = best_pos[pick];
            if (log_move(m, i, best_j[pick], (orb_eu_move)pick, ea[pick], eb[pick], best_pos[pick]))
                return ORB_ENOMEM;
        }
    }
    for (i = 0; i < n; i++) { /* simultaneous moves */
        if (fabs(m->nx[i] - m->x[i]) > moved) moved = fabs(m->nx[i] - m->x[i]);
        m->x[i] = m->nx[i];
    }
    refresh(m);
    return moved <= m->o.tol * m->range ? ORB_DONE : ORB_OK;
}

size_t orb_eu_n(const orb_eu *m)
{
    return m->n;
}

int orb_eu_rounds(const orb_eu *m)
{
    return m->round;
}

const double *orb_eu_positions(const orb_eu *m)
{
    return m->x;
}

const double *orb_eu_risk(const orb_eu *m)
{
    return m->risk;
}

const double *orb_eu_danger(const orb_eu *m)
{
    return m->danger;
}

const orb_eu_record *orb_eu_log(const orb_eu *m, size_t *n_out)
{
    if (n_out) *n_out = m->nlog;
    return m->log;
}

/* ---- Fearon ------------------------------------------------------------------ */

orb_status orb_fearon_range(double p, double ca, double cb, double *lo, double *hi)
{
    if (!(p >= 0 && p <= 1) || !(ca >= 0) || !(cb >= 0) || isinf(ca) || isinf(cb))
        return ORB_EINVAL;
    *lo = p - ca < 0 ? 0 : p - ca;
    *hi = p + cb > 1 ? 1 : p + cb;
    return ORB_OK;
}

orb_status orb_fearon_offer(double p, double ca, double cbar, double *x, double *pwar)
{
    double d;

    if (!(p >= 0 && p <= 1) || !(ca >= 0) || !(cbar > 0) || isinf(ca) || isinf(cbar))
        return ORB_EINVAL;
    d = (cbar - ca) / 2;
    if (d < 0) d = 0;
    if (d > cbar) d = cbar;
    *x = p + d;
    *pwar = d / cbar;
    return ORB_OK;
}

int orb_fearon_feasible(double lo, double hi, const double *pts, size_t n, double *choice)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (pts[k] >= lo && pts[k] <= hi) {
            if (choice) *choice = pts[k];
            return 1;
        }
    return 0;
}
