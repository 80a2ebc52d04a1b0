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

#include "csv_int.h"
#include "orb_int.h"
#include "run_int.h"

struct orb_eu {
    size_t n;
    orb_eu_opts o;
    double range;       /* D: the range of the initial positions */
    double *c, *s;      /* [n] */
    double *x;          /* [n] current positions */
    double *nx;         /* [n] next positions */
    double *r;          /* [n] risk exponents in use */
    double *risk;       /* [n] the last computed risk exponents */
    double *danger;     /* [n] the last danger levels */
    double *u;          /* [n * n] transposed: u[a * n + k] = (|x_k - x_a| / D)^r_k */
    double *pm;         /* [n * n] P(i, j) under the current r and positions */
    double *w;          /* [n] c_k s_k */
    struct pw_pair *pw; /* [n] sort space for the median */
    double *den;        /* all-pairs denominator (one value) or per voter scratch */
    double *tmp;        /* [n] sort space */
    size_t *ord;        /* [n] voters by position (refresh; the fast all-pairs sums) */
    size_t *rank;       /* [n] each voter's place in ord */
    long double *pref;  /* [n x (n + 1)] prefix sums of w_k u_a(k) in that order, or NULL:
                           extended precision, as pairs' sums are differences of them */
    int exact;          /* 1: the direct O(n^3) sums whatever n (tests) */
    double mu;          /* the status quo forecast for U_b, U_w */
    int round;
    size_t nlog, caplog;
    orb_eu_record *log;
    orb_allocator al; /* where the model's memory comes from */
    int nolog;        /* 1: keep no log (the engine's step must not allocate) */
    char (*names)[48];
    double *hist; /* [(ORB_EU_MAX_PERIOD + 1) x n] the last rounds' positions (orb_eu_talks) */
    double *hmed; /* [ORB_EU_MAX_PERIOD + 1] and their medians */
};

orb_status orb_eu_preset(const char *name, orb_eu_opts *o)
{
    if (o == NULL) return ORB_EINVAL;
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

/* The probability of i prevailing over j from scratch (refresh caches it). */
static double prob_pair(const orb_eu *m, size_t i, size_t j)
{
    const size_t n = m->n;
    double top = 0, bot = 0;
    size_t k;

    if (m->x[i] == m->x[j]) return 0.0;
    if (m->o.prob == ORB_EU_PROB_ALL_PAIRS) {
        const double *ui = &m->u[i * n], *uj = &m->u[j * n];
        for (k = 0; k < n; k++) {
            double v = m->w[k] * (uj[k] - ui[k]);
            top += v > 0 ? v : 0;
        }
        return *m->den > 0 ? top / *m->den : 0.0;
    }
    for (k = 0; k < n; k++) { /* every voter's net support, in distances (dmasad) */
        double d = fabs(m->x[k] - m->x[j]) - fabs(m->x[k] - m->x[i]);
        top += m->w[k] * d;
        bot += m->w[k] * fabs(d);
    }
    if (top < 0) top = 0;
    return bot > 0 ? top / bot : 0.0;
}

/* The all-pairs probabilities in O(n^2) (ORBI_EU_FAST_N actors and more).
 * A voter k backs whichever of a and b is closer, so with the voters
 * sorted by position those on a's side of the midpoint (x_a + x_b) / 2 add
 * w_k (u_b(k) - u_a(k)) and the rest w_k (u_a(k) - u_b(k)) to the sum of
 * |votes|: two prefix sums of w_k u_a(k) per actor a give every pair's sum
 * from the count of voters left of the midpoint (two pointers). The same sums as the direct loop,
 * added in another order and as differences of prefix sums, kept in long
 * double so the differences lose nothing a double needs (1e-12 relative;
 * tests). */
static void pairs_fast(orb_eu *m)
{
    const size_t n = m->n;
    size_t a, b, i;
    double *xs = m->nx; /* sorted positions: nx is free until the round's moves */

    for (i = 0; i < n; i++) /* ord: by position (refresh) */
        xs[i] = m->x[m->ord[i]];
    for (a = 0; a < n; a++) {
        long double *p = &m->pref[a * (n + 1)], acc = 0;
        p[0] = 0;
        for (i = 0; i < n; i++) {
            acc += (long double)m->w[m->ord[i]] * m->u[a * n + m->ord[i]];
            p[i + 1] = acc;
        }
    }
    for (a = 0; a < n; a++)
        m->pm[a * n + a] = 0;
    /* the pairs in order of position: for each lower actor the midpoint grows
     * with the higher one, so the count of voters left of it only grows (two
     * pointers: O(n) a lower actor); each pair is then written as (a, b), a <
     * b, exactly as the direct sums would */
    for (i = 0; i < n; i++) {
        size_t j, s0 = 0;
        for (j = i + 1; j < n; j++) {
            const size_t lo = m->ord[i], hi = m->ord[j];
            const long double *pl = &m->pref[lo * (n + 1)], *ph = &m->pref[hi * (n + 1)];
            double mid, absum, net, top;
            a = lo < hi ? lo : hi;
            b = lo < hi ? hi : lo;
            if (m->x[lo] == m->x[hi]) {
                m->pm[a * n + b] = m->pm[b * n + a] = 0;
                continue;
            }
            mid = (m->x[lo] + m->x[hi]) / 2;
            while (s0 < n && xs[s0] < mid) /* s0: voters strictly left of the midpoint */
                s0++;
            /* left voters prefer lo: u_hi - u_lo; the others u_lo - u_hi */
            absum = (double)((ph[s0] - pl[s0]) + ((pl[n] - pl[s0]) - (ph[n] - ph[s0])));
            net = m->tmp[b] - m->tmp[a];
            top = 0.5 * (absum + net); /* votes for a over b */
            m->pm[a * n + b] = *m->den > 0 ? fmax(0, top) / *m->den : 0;
            m->pm[b * n + a] = *m->den > 0 ? fmax(0, top - net) / *m->den : 0;
        }
    }
}

/* The actors by position, ties by index (stable insertion sort: positions
 * move little between rounds, so it is nearly linear), and their ranks. */
static void sort_by_position(orb_eu *m)
{
    const size_t n = m->n;
    size_t i;

    for (i = 0; i < n; i++)
        m->ord[i] = i;
    for (i = 1; i < n; i++) {
        size_t v = m->ord[i], j = i;
        while (j > 0 && m->x[m->ord[j - 1]] > m->x[v]) {
            m->ord[j] = m->ord[j - 1];
            j--;
        }
        m->ord[j] = v;
    }
    for (i = 0; i < n; i++)
        m->rank[m->ord[i]] = i;
}

/* Voter k's utilities u[a n + k] of every actor a, ascending, into out:
 * from k's place among the actors by position, the distances grow both
 * ways, so the two runs merge in O(n) (u is d^r_k, non-decreasing in d). A
 * check of the order, and a sort if pow broke it, keep the result exactly
 * the sorted values whatever pow does. */
static void sorted_utilities(const orb_eu *m, size_t k, double *out)
{
    const size_t n = m->n;
    size_t p = m->rank[k], l = p, r = p + 1, q = 0, a;

    out[q++] = m->u[k * n + k];
    while (l > 0 || r < n) {
        double ul = l > 0 ? m->u[m->ord[l - 1] * n + k] : INFINITY,
               ur = r < n ? m->u[m->ord[r] * n + k] : INFINITY;
        if (l > 0 && (r >= n || ul <= ur)) {
            out[q++] = ul;
            l--;
        } else {
            out[q++] = ur;
            r++;
        }
    }
    for (a = 1; a < n; a++)
        if (out[a] < out[a - 1]) {
            qsort(out, n, sizeof *out, cmp_dbl);
            return;
        }
}

/* u under the current r, the all-pairs denominator
 * sum_k c_k s_k sum_{a,b} |u_k(b) - u_k(a)| (each voter's utilities sorted
 * by a merge: O(n^2)), and the probability of every pair. Under the
 * all-pairs rule the positive and negative parts of a pair's votes differ by
 * a known sum, so below ORBI_EU_FAST_N actors each unordered pair costs one
 * pass over the voters (O(n^3 / 2)), and from it pairs_fast. */
static void refresh(orb_eu *m)
{
    const size_t n = m->n;
    size_t k, a, b;

    if (!(m->range > 0)) { /* one shared position: no contest, no probabilities */
        for (a = 0; a < n * n; a++)
            m->pm[a] = m->u[a] = 0;
        *m->den = 0;
        return;
    }
    sort_by_position(m);
    *m->den = 0;
    for (k = 0; k < n; k++) {
        double acc = 0;
        for (a = 0; a < n; a++) {
            double d = fabs(m->x[k] - m->x[a]) / m->range;
            m->u[a * n + k] = m->r[k] == 1.0 ? d : pow(d, m->r[k]);
        }
        sorted_utilities(m, k, m->tmp);
        for (a = 0; a < n; a++) /* sum over ordered pairs = 2 sum_{a<b} (u_b - u_a) */
            acc += (2.0 * (double)a - (double)n + 1.0) * m->tmp[a];
        *m->den += m->w[k] * 2.0 * acc;
    }
    if (m->o.prob != ORB_EU_PROB_ALL_PAIRS) {
        for (a = 0; a < n; a++)
            for (b = 0; b < n; b++)
                m->pm[a * n + b] = a == b ? 0.0 : prob_pair(m, a, b);
        return;
    }
    for (a = 0; a < n; a++) { /* S_a = sum_k w_k u_a(k), for the negative parts */
        double sa = 0;
        for (k = 0; k < n; k++)
            sa += m->w[k] * m->u[a * n + k];
        m->tmp[a] = sa;
    }
    if (m->pref != NULL && !m->exact) {
        pairs_fast(m);
        return;
    }
    for (a = 0; a < n; a++) {
        m->pm[a * n + a] = 0;
        for (b = a + 1; b < n; b++) {
            const double *ua = &m->u[a * n], *ub = &m->u[b * n], *w = m->w;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, absum, net, top;
            if (m->x[a] == m->x[b]) {
                m->pm[a * n + b] = m->pm[b * n + a] = 0;
                continue;
            }
            /* positive part = (net + sum |votes|) / 2, net = S_b - S_a; four
             * running sums in a fixed order (deterministic, pipelined) */
            for (k = 0; k + 4 <= n; k += 4) {
                s0 += w[k] * fabs(ub[k] - ua[k]);
                s1 += w[k + 1] * fabs(ub[k + 1] - ua[k + 1]);
                s2 += w[k + 2] * fabs(ub[k + 2] - ua[k + 2]);
                s3 += w[k + 3] * fabs(ub[k + 3] - ua[k + 3]);
            }
            for (; k < n; k++)
                s0 += w[k] * fabs(ub[k] - ua[k]);
            absum = (s0 + s1) + (s2 + s3);
            net = m->tmp[b] - m->tmp[a];
            top = 0.5 * (absum + net); /* votes for a over b */
            m->pm[a * n + b] = *m->den > 0 ? fmax(0, top) / *m->den : 0;
            m->pm[b * n + a] = *m->den > 0 ? fmax(0, top - net) / *m->den : 0;
        }
    }
}

double orb_eu_probability(const orb_eu *m, size_t i, size_t j)
{
    if (m == NULL) return NAN;
    if (i >= m->n || j >= m->n) return 0.0;
    return m->pm[i * m->n + j];
}

/* The utilities of MODELS.md 1.2 step 4, for i against j, with exponent rp. */
/* y^r, with r = 1 (every risk exponent while danger levels are computed)
 * as y itself, as refresh takes it (glibc's pow gives y there too: 2e8
 * draws checked). */
static double rpow(double y, double r)
{
    return r == 1.0 ? y : pow(y, r);
}

/* The part of an expected utility that the status quo contributes, for
 * observer p and challenger i at distance d (scaled) from the other. */
static double eu_status_quo(const orb_eu *m, double rp, size_t i, double d, double usq)
{
    const double D = m->range;
    double sq = m->o.q * usq;

    if (m->o.q < 1) {
        double e = 0.25 * (fabs(m->x[i] - m->mu) / D + d);
        double ub = 2 - 4 * rpow(0.5 - e, rp), uw = 2 - 4 * rpow(0.5 + e, rp);
        sq += (1 - m->o.q) * (m->o.t * ub + (1 - m->o.t) * uw);
    }
    return sq;
}

double orb_eu_expected(const orb_eu *m, size_t p, size_t i, size_t j)
{
    if (m == NULL) return NAN;
    const double rp = m->r[p], D = m->range;
    double d, P, us, uf, usq;

    if (p >= m->n || i >= m->n || j >= m->n) return NAN;
    d = fabs(m->x[i] - m->x[j]) / D;
    P = orb_eu_probability(m, i, j);
    us = 2 - 4 * rpow(0.5 - 0.5 * d, rp);
    uf = 2 - 4 * rpow(0.5 + 0.5 * d, rp);
    usq = 2 - 4 * rpow(0.5, rp);
    return m->s[j] * (P * us + (1 - P) * uf) + (1 - m->s[j]) * us - eu_status_quo(m, rp, i, d, usq);
}

/* orb_eu_expected(m, i, i, j) into *a and orb_eu_expected(m, i, j, i) into
 * *b, bit for bit, with the powers they share computed once: one observer,
 * one distance (|x_i - x_j| and |x_j - x_i| are the same double). usq is
 * 2 - 4 0.5^r_i, the observer's. */
static void eu_both(const orb_eu *m, size_t i, size_t j, double usq, double *a, double *b)
{
    const double ri = m->r[i], d = fabs(m->x[i] - m->x[j]) / m->range;
    const double us = 2 - 4 * rpow(0.5 - 0.5 * d, ri), uf = 2 - 4 * rpow(0.5 + 0.5 * d, ri);
    double P = orb_eu_probability(m, i, j);

    *a = m->s[j] * (P * us + (1 - P) * uf) + (1 - m->s[j]) * us - eu_status_quo(m, ri, i, d, usq);
    P = orb_eu_probability(m, j, i);
    *b = m->s[i] * (P * us + (1 - P) * uf) + (1 - m->s[i]) * us - eu_status_quo(m, ri, j, d, usq);
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
    if (m == NULL) return NAN;
    return weighted_mean(m);
}

/* Sort (position, weight) pairs by position; pw holds n pairs, tmp n more. */
typedef struct pw_pair {
    double x, w;
} pw_pair;

static int cmp_pw(const void *a, const void *b)
{
    const pw_pair *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

/*
 * The Condorcet winner under r = 1: in one dimension with votes linear in
 * distance it is a weighted median (Black 1948), a position with at most half
 * the weight c s on either side. Of several (a tie), the first in actor order.
 * O(n log n).
 */
double orb_eu_median(const orb_eu *m)
{
    if (m == NULL) return NAN;
    const size_t n = m->n;
    pw_pair *v = m->pw;
    double W = 0, below = 0;
    size_t i, k;

    for (i = 0; i < n; i++) {
        v[i].x = m->x[i];
        v[i].w = m->w[i];
        W += m->w[i];
    }
    qsort(v, n, sizeof *v, cmp_pw);
    for (k = 0; k < n; k++) { /* cumulative weight below and at each position */
        size_t e = k;
        double at = 0;
        while (e < n && v[e].x == v[k].x)
            at += v[e++].w;
        v[k].w = below; /* weight strictly below v[k].x, for every pair with this x */
        for (i = k + 1; i < e; i++)
            v[i].w = below;
        below += at;
        k = e - 1;
    }
    for (i = 0; i < n; i++) { /* the first actor whose position splits the weight */
        size_t lo = 0, hi = n;
        double bl, ab, at = 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v[mid].x < m->x[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        bl = v[lo].w;
        for (k = 0; k < n; k++)
            if (m->x[k] == m->x[i]) at += m->w[k];
        ab = W - bl - at;
        if (bl <= W / 2 && ab <= W / 2) return m->x[i];
    }
    return m->x[0]; /* not reached: a weighted median always exists */
}

orb_status orb_eu_new(const orb_eu_actor *a, size_t n, const orb_eu_opts *o, orb_eu **out,
                      orb_error *err)
{
    orb_eu_opts def;
    orb_eu *m;
    orb_allocator al;
    orb_status st;
    double lo = INFINITY, hi = -INFINITY;
    size_t i, j;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_eu_new: out is NULL");
    *out = NULL;
    if (a == NULL || n < 2) ORB_FAIL(err, ORB_EINVAL, "a negotiation needs at least two actors");
    if (n > ORB_EU_MAX_ACTORS)
        ORB_FAIL(err, ORB_EINVAL,
                 "%zu actors: at most %d (the model's memory and each round's work grow as the "
                 "square of the actors)",
                 n, ORB_EU_MAX_ACTORS);
    if (o == NULL) {
        orb_eu_preset("scholz", &def);
        o = &def;
    }
    if (!(o->q >= 0 && o->q <= 1) || !(o->t >= 0 && o->t <= 1) || !(o->tol >= 0))
        ORB_FAIL(err, ORB_EINVAL, "options: q and t must be in [0, 1] and tol >= 0");
    if ((unsigned)o->prob > ORB_EU_PROB_PAIR_VOTERS ||
        (unsigned)o->range > ORB_EU_RANGE_POSITIONS || (unsigned)o->mu > ORB_EU_MU_MEAN ||
        (unsigned)o->offer > ORB_EU_OFFER_LEAST_MOVE)
        ORB_FAIL(err, ORB_EINVAL, "options: prob, range, mu or offer is not one of its values");
    for (i = 0; i < n; i++) {
        if (!(a[i].c > 0) || !(a[i].c <= ORB_EU_MAX_CAPABILITY))
            ORB_FAIL(err, ORB_EINVAL,
                     "actor '%s': capability must be positive and at most %g (only ratios "
                     "matter: rescale), got %g",
                     a[i].name, ORB_EU_MAX_CAPABILITY, a[i].c);
        if (!(a[i].s >= 0 && a[i].s <= 1))
            ORB_FAIL(err, ORB_EINVAL, "actor '%s': salience must be in [0, 1], got %g", a[i].name,
                     a[i].s);
        if (!(fabs(a[i].x) <= ORB_EU_MAX_POSITION))
            ORB_FAIL(err, ORB_EINVAL, "actor '%s': position must be a number of size at most %g",
                     a[i].name, ORB_EU_MAX_POSITION);
        for (j = 0; j < i; j++)
            if (strcmp(a[i].name, a[j].name) == 0)
                ORB_FAIL(err, ORB_EINVAL, "duplicate actor '%s'", a[i].name);
        if (a[i].x < lo) lo = a[i].x;
        if (a[i].x > hi) hi = a[i].x;
    }
    for (i = 0; i < n && !(a[i].s > 0); i++) {
    }
    if (i == n)
        ORB_FAIL(err, ORB_EINVAL, "every actor's salience is 0: no actor cares about the issue");
    if ((st = orbi_allocator(o->alloc, &al, err)) != ORB_OK) return st;
    m = orbi_calloc(&al, 1, sizeof *m);
    if (m == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    m->al = al;
    m->n = n;
    m->o = *o;
    m->o.alloc = NULL;  /* the copy in m->al is what counts */
    m->range = hi - lo; /* 0: everyone agrees; rounds change nothing */
    m->c = orbi_alloc(&al, n * sizeof *m->c);
    m->s = orbi_alloc(&al, n * sizeof *m->s);
    m->x = orbi_alloc(&al, n * sizeof *m->x);
    m->nx = orbi_alloc(&al, n * sizeof *m->nx);
    m->r = orbi_alloc(&al, n * sizeof *m->r);
    m->risk = orbi_alloc(&al, n * sizeof *m->risk);
    m->danger = orbi_alloc(&al, n * sizeof *m->danger);
    m->u = orbi_alloc(&al, n * n * sizeof *m->u);
    m->pm = orbi_alloc(&al, n * n * sizeof *m->pm);
    m->w = orbi_alloc(&al, n * sizeof *m->w);
    m->pw = orbi_alloc(&al, n * sizeof *m->pw);
    m->den = orbi_alloc(&al, sizeof *m->den);
    m->tmp = orbi_alloc(&al, n * sizeof *m->tmp);
    m->ord = orbi_alloc(&al, n * sizeof *m->ord);
    m->rank = orbi_alloc(&al, n * sizeof *m->rank);
    if (n > ORBI_EU_FAST_N) m->pref = orbi_alloc(&al, n * (n + 1) * sizeof *m->pref);
    m->names = orbi_alloc(&al, n * sizeof *m->names);
    m->hist = orbi_alloc(&al, (ORB_EU_MAX_PERIOD + 1) * n * sizeof *m->hist);
    m->hmed = orbi_alloc(&al, (ORB_EU_MAX_PERIOD + 1) * sizeof *m->hmed);
    if (!m->ord || !m->rank || (n > ORBI_EU_FAST_N && !m->pref) || !m->hist || !m->hmed || !m->c ||
        !m->s || !m->x || !m->nx || !m->r || !m->risk || !m->danger || !m->u || !m->den ||
        !m->tmp || !m->names || !m->pm || !m->w || !m->pw) {
        orb_eu_free(m);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    for (i = 0; i < n; i++) {
        m->c[i] = a[i].c;
        m->s[i] = a[i].s;
        m->x[i] = a[i].x;
        m->r[i] = m->risk[i] = 1.0;
        m->w[i] = a[i].c * a[i].s;
        m->danger[i] = NAN;
        memcpy(m->names[i], a[i].name, sizeof m->names[i]);
    }
    refresh(m);
    *out = m;
    return ORB_OK;
}

void orb_eu_free(orb_eu *m)
{
    orb_allocator al;

    if (m == NULL) return;
    al = m->al;
    orbi_free(&al, m->c);
    orbi_free(&al, m->s);
    orbi_free(&al, m->x);
    orbi_free(&al, m->nx);
    orbi_free(&al, m->r);
    orbi_free(&al, m->risk);
    orbi_free(&al, m->danger);
    orbi_free(&al, m->u);
    orbi_free(&al, m->pm);
    orbi_free(&al, m->w);
    orbi_free(&al, m->pw);
    orbi_free(&al, m->den);
    orbi_free(&al, m->tmp);
    orbi_free(&al, m->names);
    orbi_free(&al, m->hist);
    orbi_free(&al, m->ord);
    orbi_free(&al, m->rank);
    orbi_free(&al, m->pref);
    orbi_free(&al, m->hmed);
    orbi_free(&al, m->log);
    orbi_free(&al, m);
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
    if (m->o.q < 1) m->mu = m->o.mu == ORB_EU_MU_MEAN ? weighted_mean(m) : orb_eu_median(m);
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
    if (m->o.q < 1) m->mu = m->o.mu == ORB_EU_MU_MEAN ? weighted_mean(m) : orb_eu_median(m);
    refresh(m);
}

static int log_move(orb_eu *m, size_t i, size_t j, orb_eu_move kind, double a, double b, double to)
{
    orb_eu_record *rec;

    if (m->nlog == m->caplog) {
        size_t cap = m->caplog ? 2 * m->caplog : 64;
        orb_eu_record *nl = orbi_grow(&m->al, m->log, m->caplog * sizeof *nl, cap * sizeof *nl);
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
    rec->accepted = 0;
    return 0;
}

int orb_eu_round(orb_eu *m)
{
    if (m == NULL) return 0;
    const size_t n = m->n;
    double moved = 0;
    size_t i, j;

    m->round++;
    m->nlog = 0; /* the log holds one round: its memory stays O(n^2) however many rounds */
    if (!(m->range > 0)) return ORB_DONE; /* everyone holds one position: stable */
    risk_exponents(m);
    for (i = 0; i < n; i++) {
        /* best offer of each kind: position, key, and the EUs */
        double best_pos[3], best_key[3];
        size_t best_j[3];
        int have[3] = {0, 0, 0}, k, pick = -1;
        size_t first = m->nlog; /* this actor's offers start here in the log */
        const double usq = 2 - 4 * pow(0.5, m->r[i]);
        for (j = 0; j < n; j++) {
            double a, b, pos, key;
            int kind;
            if (j == i || m->x[j] == m->x[i]) continue;
            eu_both(m, i, j, usq, &a, &b);
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
            if (!m->nolog && log_move(m, i, j, (orb_eu_move)kind, a, b, pos)) return ORB_ENOMEM;
            key = fabs(m->x[i] - pos);
            if (m->o.offer == ORB_EU_OFFER_SCHOLZ && kind == ORB_EU_COMPROMISE)
                key = (fabs(a) * m->x[i] + fabs(b) * m->x[j]) / (fabs(a) + fabs(b));
            if (!have[kind] || key < best_key[kind]) { /* first minimum in actor order */
                have[kind] = 1;
                best_key[kind] = key;
                best_pos[kind] = pos;
                best_j[kind] = j;
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
            if (!m->nolog) { /* mark the accepted offer in this actor's part of the log */
                size_t q;
                for (q = first; q < m->nlog; q++)
                    if (m->log[q].other == best_j[pick] && m->log[q].kind == (orb_eu_move)pick)
                        m->log[q].accepted = 1;
            }
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
    if (m == NULL) return 0;
    return m->n;
}

int orb_eu_rounds(const orb_eu *m)
{
    if (m == NULL) return 0;
    return m->round;
}

const double *orb_eu_positions(const orb_eu *m)
{
    if (m == NULL) return NULL;
    return m->x;
}

const double *orb_eu_risk(const orb_eu *m)
{
    if (m == NULL) return NULL;
    return m->risk;
}

const double *orb_eu_danger(const orb_eu *m)
{
    if (m == NULL) return NULL;
    return m->danger;
}

const orb_eu_record *orb_eu_log(const orb_eu *m, size_t *n_out)
{
    if (m == NULL) {
        if (n_out) *n_out = 0;
        return NULL;
    }
    if (n_out) *n_out = m->nlog;
    return m->log;
}

void orbi_eu_engine(orb_eu *m, const double *capability)
{
    size_t i;

    m->nolog = 1;
    for (i = 0; i < m->n; i++)
        if (capability[i] > 0) {
            m->c[i] = capability[i];
            m->w[i] = m->c[i] * m->s[i];
        }
    refresh(m);
}

void orbi_eu_exact(orb_eu *m, int exact)
{
    m->exact = exact != 0;
    refresh(m);
}

double orbi_eu_spread(const orb_eu *m)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t i;

    for (i = 0; i < m->n; i++) {
        if (m->x[i] < lo) lo = m->x[i];
        if (m->x[i] > hi) hi = m->x[i];
    }
    return (hi - lo) / m->range;
}

/* Is position vector x the same as y (every position within tol)? */
static int same_positions(const double *x, const double *y, size_t n, double tol)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (fabs(x[i] - y[i]) > tol) return 0;
    return 1;
}

/* Is x lexicographically smaller than y? */
static int lex_less(const double *x, const double *y, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (x[i] != y[i]) return x[i] < y[i];
    return 0;
}

orb_status orb_eu_talks(orb_eu *m, int max_rounds, int *period_out, int *rounds_out,
                        double *forecast_out)
{
    if (m == NULL) return ORB_EINVAL;
    const size_t n = m->n, slots = ORB_EU_MAX_PERIOD + 1;
    const double tol = m->o.tol * m->range;
    int period = -1, rounds = max_rounds, q, k;
    double forecast = NAN;
    size_t i;

    if (max_rounds < 1) return ORB_EINVAL;
    for (i = 0; i < n; i++)
        m->hist[i] = orb_eu_positions(m)[i];
    m->hmed[0] = orb_eu_median(m);
    for (q = 1; q <= max_rounds; q++) {
        const double *x;
        size_t slot = (size_t)q % slots;
        if (orb_eu_round(m) == ORB_DONE) { /* no one moved: a fixed point */
            period = 0;
            rounds = q;
            forecast = orb_eu_median(m);
            goto out;
        }
        x = orb_eu_positions(m);
        for (k = 1; k <= q && k <= ORB_EU_MAX_PERIOD; k++) {
            size_t best = (size_t)(q - k) % slots;
            double sum = 0;
            int j;
            if (!same_positions(x, m->hist + best * n, n, tol)) continue;
            for (j = 0; j < k; j++) { /* rounds q - k .. q - 1: the cycle */
                size_t sl = (size_t)(q - k + j) % slots;
                sum += m->hmed[sl];
                if (lex_less(m->hist + sl * n, m->hist + best * n, n)) best = sl;
            }
            period = k;
            rounds = q;
            forecast = sum / k;
            for (i = 0; i < n; i++) /* the canonical phase */
                m->x[i] = m->hist[best * n + i];
            refresh(m);
            goto out;
        }
        for (i = 0; i < n; i++)
            m->hist[slot * n + i] = x[i];
        m->hmed[slot] = orb_eu_median(m);
    }
    { /* unconverged: the mean of the last rounds' medians */
        double sum = 0;
        int j, last = max_rounds < ORB_EU_MAX_PERIOD ? max_rounds : ORB_EU_MAX_PERIOD;
        for (j = 0; j < last; j++)
            sum += m->hmed[(size_t)(max_rounds - j) % slots];
        forecast = sum / last;
    }
out:
    if (period_out) *period_out = period;
    if (rounds_out) *rounds_out = rounds;
    if (forecast_out) *forecast_out = forecast;
    return ORB_OK;
}

/* Find a column by any-case name. */
static orb_status find_col(orbi_csv *c, const char *name, size_t *ix, orb_error *err)
{
    size_t k;

    for (k = 0; k < c->ncols; k++)
        if (orbi_strieq(c->header[k], name)) {
            *ix = k;
            return ORB_OK;
        }
    return orbi_error(err, ORB_EPARSE, c->path, 1, 0, "expected a column named '%s' in the header",
                      name);
}

orb_status orb_eu_read_csv(const char *path, orb_eu_actor **out, size_t *n_out, orb_error *err)
{
    if (path == NULL || out == NULL || n_out == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_eu_read_csv: a required argument is NULL");
    static const char *const cols[] = {"actor", "capability", "position", "salience"};
    orbi_csv c;
    size_t ix[4], n = 0, cap = 0, k;
    orb_eu_actor *a = NULL;
    orb_status st;
    int eof = 0;

    *out = NULL;
    *n_out = 0;
    ORB_TRY(orbi_csv_open(&c, path, NULL, err));
    for (k = 0; k < 4; k++)
        if ((st = find_col(&c, cols[k], &ix[k], err)) != ORB_OK) goto done;
    for (;;) {
        orb_eu_actor *x;
        const char *nm;
        size_t j;
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if (n == cap) {
            orb_eu_actor *na = realloc(a, (cap ? 2 * cap : 16) * sizeof *na);
            if (na == NULL) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            a = na;
            cap = cap ? 2 * cap : 16;
        }
        x = &a[n];
        nm = orbi_csv_str(&c, ix[0]);
        if (nm[0] == '\0' || strlen(nm) >= sizeof x->name) {
            st = orbi_csv_fail(&c, ix[0], err, "expected an actor name of 1-47 characters");
            break;
        }
        for (j = 0; j < n; j++)
            if (strcmp(a[j].name, nm) == 0) break;
        if (j < n) {
            st = orbi_csv_fail(&c, ix[0], err, "duplicate actor '%s'", nm);
            break;
        }
        orbi_strlcpy(x->name, nm, sizeof x->name);
        if ((st = orbi_csv_double(&c, ix[1], NULL, 0, &x->c, err)) != ORB_OK ||
            (st = orbi_csv_double(&c, ix[2], NULL, 0, &x->x, err)) != ORB_OK ||
            (st = orbi_csv_double(&c, ix[3], NULL, 0, &x->s, err)) != ORB_OK)
            break;
        if (!(x->c > 0 && x->c <= ORB_EU_MAX_CAPABILITY)) {
            st = orbi_csv_fail(&c, ix[1], err,
                               "capability must be positive and at most %g (only ratios "
                               "matter: rescale), found %g",
                               ORB_EU_MAX_CAPABILITY, x->c);
            break;
        }
        if (!(fabs(x->x) <= ORB_EU_MAX_POSITION)) {
            st = orbi_csv_fail(&c, ix[2], err, "position must be at most %g in size, found %g",
                               ORB_EU_MAX_POSITION, x->x);
            break;
        }
        if (n == ORB_EU_MAX_ACTORS) {
            st = orbi_csv_fail(&c, ix[0], err, "more than %d actors", ORB_EU_MAX_ACTORS);
            break;
        }
        if (!(x->s >= 0 && x->s <= 1)) {
            st = orbi_csv_fail(&c, ix[3], err, "salience must be in [0, 1], found %g", x->s);
            break;
        }
        n++;
    }
done:
    orbi_csv_close(&c);
    if (st != ORB_OK) {
        free(a);
        return st;
    }
    if (n < 2) {
        free(a);
        return orbi_error(err, ORB_EPARSE, path, 0, 0,
                          "a negotiation needs at least two actors, found %zu", n);
    }
    for (k = 0; k < n && !(a[k].s > 0); k++) {
    }
    if (k == n) {
        free(a);
        return orbi_error(err, ORB_EPARSE, path, 0, 0,
                          "every actor's salience is 0: no actor cares about the issue");
    }
    *out = a;
    *n_out = n;
    return ORB_OK;
}

/* ---- Fearon ------------------------------------------------------------------ */

orb_status orb_fearon_range(double p, double ca, double cb, double *lo, double *hi)
{
    if (!(p >= 0 && p <= 1) || !(ca >= 0) || !(cb >= 0) || isinf(ca) || isinf(cb) || lo == NULL ||
        hi == NULL)
        return ORB_EINVAL;
    *lo = p - ca < 0 ? 0 : p - ca;
    *hi = p + cb > 1 ? 1 : p + cb;
    return ORB_OK;
}

orb_status orb_fearon_offer(double p, double ca, double cbar, double *x, double *pwar)
{
    double d;

    if (!(p >= 0 && p <= 1) || !(ca >= 0) || !(cbar > 0) || isinf(ca) || isinf(cbar) || x == NULL ||
        pwar == NULL)
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

    if (pts == NULL) return 0;
    for (k = 0; k < n; k++)
        if (pts[k] >= lo && pts[k] <= hi) {
            if (choice) *choice = pts[k];
            return 1;
        }
    return 0;
}

orb_status orb_eu_perturbed(const orb_eu_actor *actors, size_t n, const orb_eu_opts *opts,
                            int rounds, size_t runs, uint64_t seed, double *forecast_out,
                            orb_error *err)
{
    orb_eu_actor *p;
    orb_rng rng;
    size_t r, k;
    orb_status st = ORB_OK;

    if (actors == NULL || forecast_out == NULL || runs == 0 || rounds < 1)
        ORB_FAIL(err, ORB_EINVAL,
                 "orb_eu_perturbed: actors, a forecast array, runs >= 1 and "
                 "rounds >= 1 are required");
    if ((p = calloc(n + 1, sizeof *p)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    orb_rng_init(&rng, seed, 0);
    for (r = 0; r < runs && st == ORB_OK; r++) {
        orb_eu *q = NULL;
        int j;
        for (k = 0; k < n; k++) {
            p[k] = actors[k];
            p[k].c *= exp(ORB_EU_NOISE_CAP * orb_rng_normal(&rng, (uint64_t)r, 1, k));
            p[k].s += ORB_EU_NOISE_SAL * orb_rng_normal(&rng, (uint64_t)r, 2, k);
            p[k].s = p[k].s < 0 ? 0 : (p[k].s > 1 ? 1 : p[k].s);
        }
        if ((st = orb_eu_new(p, n, opts, &q, err)) != ORB_OK) break;
        for (j = 0; j < rounds && orb_eu_round(q) == ORB_OK; j++) {
        }
        forecast_out[r] = orb_eu_median(q);
        orb_eu_free(q);
    }
    free(p);
    return st;
}
