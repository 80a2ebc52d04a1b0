/*
 * metrics.c - the metrics phase: polarity under every power measure, the
 * Global South's shares, between-country inequality and trade openness.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

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
    size_t i, j, n = s->n, ns = 0;
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
        if (r->secidx[i] < m->min_security) { /* NaN (no capability) never */
            m->min_security = r->secidx[i];
            m->least_secure = i;
        }
        for (j = i + 1; j < n; j++) {
            aff += r->aff[i * n + j];
            m->pacts += r->ally[i * n + j];
            if (!isnan(r->ideal[i]) && !isnan(r->ideal[j])) {
                pol += fabs(r->ideal[i] - r->ideal[j]);
                npol++;
            }
        }
        if (!isnan(r->secidx[i])) { /* the least secure tenth, by sorting */
            gw[ns].y = r->secidx[i];
            gw[ns++].w = 1;
        }
    }
    m->milex_share = mil / nom;
    m->mean_threat = thr / (double)n;
    m->mean_affinity = n > 1 ? aff / ((double)n * (double)(n - 1) / 2) : NAN;
    m->polarisation = npol ? pol / (double)npol : NAN;
    if (!(m->min_security < 0))
        m->least_secure = (size_t)-1; /* none less secure than at the start */
    if (ns == 0) {
        m->min_security = m->low_security = NAN;
    } else {
        const size_t tenth = ns / 10 ? ns / 10 : 1;
        double sum = 0;
        orbi_sort_gw(gw, gw + n, ns);
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

static orb_status metrics_init(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                               orb_error *err)
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

/* ---- the metrics, described (orb_metric_*) --------------------------------- */

/* How a descriptor reads its value: a field at an offset, of a type; or a sum. */
enum { T_DBL, T_SIZE, T_INT, T_STATE, T_SUM_BLOCKED, T_SUM_DRAFTS, T_SUM_SANCTIONS, T_BLOCS };

typedef struct metric {
    orb_metric_desc d;
    size_t off;
    int type;
} metric;

#define OFF(field) offsetof(orb_metrics, field)
/* D a real, C a count, S a state; lab the heading, tab 1 for the run table */
#define D(nm, unit, desc, field, lab, tab, w, p, conv, sc)                                         \
    {                                                                                              \
        {nm, unit, desc, ORB_VALUE_REAL, lab, tab, w, p, conv, sc}, OFF(field), T_DBL              \
    }
#define C(nm, unit, desc, field, lab, tab, w)                                                      \
    {                                                                                              \
        {nm, unit, desc, ORB_VALUE_COUNT, lab, tab, w, 0, 'd', 0}, OFF(field), T_SIZE              \
    }
#define S(nm, desc, field, lab, tab)                                                               \
    {                                                                                              \
        {nm, "state", desc, ORB_VALUE_STATE, lab, tab, -4, 0, 's', 0}, OFF(field), T_STATE         \
    }
#define POL(m, pre, lab)                                                                           \
    D(pre "_con", "1", "Singer-Bremer-Stuckey concentration (" pre ")",                            \
      pol[ORB_MEASURE_##m].c.con, "CON", lab, 6, 4, 'f', 0),                                       \
        D(pre "_hhi", "1", "Herfindahl-Hirschman index (" pre ")", pol[ORB_MEASURE_##m].c.hhi,     \
          "HHI", lab, 6, 4, 'f', 0),                                                               \
        D(pre "_neff", "poles", "effective number of poles, 1/HHI (" pre ")",                      \
          pol[ORB_MEASURE_##m].c.neff, "Neff", lab, 5, 2, 'f', 0),                                 \
        C(pre "_poles", "states", "states with at least polarity.pole_share (" pre ")",            \
          pol[ORB_MEASURE_##m].npoles, "poles", lab, 5),                                           \
        S(pre "_leader", "the largest state (" pre ")", pol[ORB_MEASURE_##m].leader, "lead", lab), \
        D(pre "_leader_share", "share", "the leader's share (" pre ")",                            \
          pol[ORB_MEASURE_##m].leader_share, "share", lab, 6, 4, 'f', 0),                          \
        S(pre "_challenger", "the second state (" pre ")", pol[ORB_MEASURE_##m].challenger,        \
          "chal", lab),                                                                            \
        D(pre "_challenger_share", "share", "the challenger's share (" pre ")",                    \
          pol[ORB_MEASURE_##m].challenger_share, "share", lab, 6, 4, 'f', 0),                      \
        D(pre "_ratio", "ratio", "challenger / leader (" pre ")", pol[ORB_MEASURE_##m].ratio,      \
          "ratio", lab, 6, 4, 'f', 0),                                                             \
    {                                                                                              \
        {pre "_parity",                                                                            \
         "flag",                                                                                   \
         "ratio at least polarity.parity_ratio (" pre ")",                                         \
         ORB_VALUE_BOOL,                                                                           \
         "par",                                                                                    \
         0,                                                                                        \
         3,                                                                                        \
         0,                                                                                        \
         'd',                                                                                      \
         0},                                                                                       \
            OFF(pol[ORB_MEASURE_##m].parity), T_INT                                                \
    }

/* The order of the list is the order of the CSV columns; those marked for
 * the run table form it, in this order. Vetoes by permanent member follow the
 * order of the permanent seats (orb_run_council: the P5 of the data, by COW
 * code). */
static const metric list[] = {
    POL(CINC, "cinc", 1),
    POL(GDP, "gdp", 0),
    POL(MILEX, "milex", 0),
    POL(NET, "net", 0),
    D("gs_gdp_share", "share", "Global South (G77 + China) share of world real GDP", gs_gdp_share,
      "GSgdp", 1, 6, 4, 'f', 0),
    D("gs_cinc_share", "share", "Global South share of total CINC", gs_cinc_share, "GScinc", 1, 6,
      4, 'f', 0),
    D("gini", "1", "between-country Gini of GDP per capita, population-weighted", gini, "Gini", 1,
      6, 4, 'f', 0),
    D("gini_unweighted", "1", "the same, one weight per state", gini_unweighted, "GiniU", 0, 6, 4,
      'f', 0),
    D("theil", "1", "Theil T of GDP per capita, population-weighted", theil, "Theil", 1, 6, 4, 'f',
      0),
    D("trade_openness", "1", "gravity trade / world GDP", trade_openness, "trade", 1, 6, 4, 'f', 0),
    D("world_gdp", "2017 PPP USD", "world real GDP (tables: trillions)", world_gdp, "GDP$tn", 1, 8,
      2, 'f', -12),
    D("world_pop", "persons", "world population", world_pop, "pop", 0, 8, 2, 'e', 0),
    C("disputes", "dyads", "militarised dispute onsets this year", disputes, "MIDs", 1, 4),
    C("wars_begun", "dyads", "dyads that went to war this year", wars_begun, "war", 1, 3),
    C("wars_ongoing", "dyads", "dyads at war", wars_ongoing, "atW", 1, 3),
    D("milex_share", "share", "world military spending / world GDP, nominal (tables: %)",
      milex_share, "milex", 1, 5, 3, 'f', 2),
    D("mean_threat", "1", "mean total threat perceived", mean_threat, "meanT", 1, 5, 3, 'f', 0),
    D("min_security", "ln ratio",
      "lowest security index: ln(T0/C0) - ln(T/C), the fall since the start of the threat per "
      "unit of own-side capability (0 at the start; negative: less secure)",
      min_security, "minS", 0, 6, 4, 'f', 0),
    S("least_secure", "the state with the lowest security index (most eroded since the start)",
      least_secure, "lstS", 0),
    D("low_security", "ln ratio", "mean security index of the least secure tenth", low_security,
      "lowS", 1, 6, 3, 'f', 0),
    D("mean_affinity", "1", "mean affinity over pairs", mean_affinity, "meanA", 1, 5, 3, 'f', 0),
    D("polarisation", "1", "mean ideological distance over pairs with ideal points", polarisation,
      "polar", 0, 6, 4, 'f', 0),
    C("pacts", "dyads", "defence-pact pairs", pacts, "pacts", 0, 5),
    {{"blocs", "blocs",
      "communities of two or more states (igraph fast greedy); NA where not computed "
      "(orb_run_blocs)",
      ORB_VALUE_COUNT, "blocs", 1, 5, 0, 'd', 0},
     OFF(blocs),
     T_BLOCS},
    D("modularity", "1", "modularity of the bloc partition", modularity, "Q", 1, 5, 3, 'f', 0),
    C("sanctions_unilateral", "dyads", "unilateral sanctions in force", sanctions_unilateral,
      "sanU", 1, 4),
    C("sanctions_un", "dyads", "Council-mandated sanctions in force", sanctions_un, "sanN", 1, 4),
    C("sanctions_conceded", "dyads", "sanctions ended this year by the target conceding",
      sanctions_conceded, "sanC", 0, 4),
    {{"drafts", "drafts", "drafts put to the Council (all kinds)", ORB_VALUE_COUNT, "res", 1, 3, 0,
      'd', 0},
     0,
     T_SUM_DRAFTS},
    C("vetoed", "drafts", "drafts vetoed", vetoed, "veto", 1, 4),
    {{"actions_blocked", "actions", "actions blocked by the regime or the Council", ORB_VALUE_COUNT,
      "blk", 1, 3, 0, 'd', 0},
     0,
     T_SUM_BLOCKED},
    {{"sanctions_in_force", "dyads", "sanctions in force, unilateral and Council-mandated",
      ORB_VALUE_COUNT, "sanc", 0, 4, 0, 'd', 0},
     0,
     T_SUM_SANCTIONS},
    C("arm_proposed", "actions", "arming actions proposed", proposed[ORB_ACT_ARM], "armP", 0, 4),
    C("arm_taken", "actions", "arming actions taken", taken[ORB_ACT_ARM], "armT", 0, 4),
    C("arm_blocked", "actions", "arming actions blocked", blocked[ORB_ACT_ARM], "armB", 0, 4),
    C("arm_breach", "actions", "arming actions taken in breach of a rule", breached[ORB_ACT_ARM],
      "armX", 0, 4),
    C("pact_proposed", "actions", "pacts proposed", proposed[ORB_ACT_PACT], "pactP", 0, 4),
    C("pact_taken", "actions", "pacts made", taken[ORB_ACT_PACT], "pactT", 0, 4),
    C("pact_blocked", "actions", "pacts blocked", blocked[ORB_ACT_PACT], "pactB", 0, 4),
    C("pact_breach", "actions", "pacts made in breach of a rule", breached[ORB_ACT_PACT], "pactX",
      0, 4),
    C("sanction_proposed", "actions", "sanctions proposed", proposed[ORB_ACT_SANCTION], "sanP", 0,
      4),
    C("sanction_taken", "actions", "sanctions imposed", taken[ORB_ACT_SANCTION], "sanT", 0, 4),
    C("sanction_blocked", "actions", "sanctions blocked", blocked[ORB_ACT_SANCTION], "sanB", 0, 4),
    C("sanction_breach", "actions", "sanctions imposed in breach of a rule",
      breached[ORB_ACT_SANCTION], "sanX", 0, 4),
    C("interfere_proposed", "actions", "interference proposed", proposed[ORB_ACT_INTERFERE], "intP",
      0, 4),
    C("interfere_taken", "actions", "interference carried out", taken[ORB_ACT_INTERFERE], "intT", 0,
      4),
    C("interfere_blocked", "actions", "interference blocked", blocked[ORB_ACT_INTERFERE], "intB", 0,
      4),
    C("interfere_breach", "actions", "interference in breach of a rule",
      breached[ORB_ACT_INTERFERE], "intX", 0, 4),
    C("force_proposed", "actions", "uses of force proposed", proposed[ORB_ACT_FORCE], "frcP", 0, 4),
    C("force_taken", "actions", "uses of force", taken[ORB_ACT_FORCE], "frcT", 0, 4),
    C("force_blocked", "actions", "uses of force blocked", blocked[ORB_ACT_FORCE], "frcB", 0, 4),
    C("force_breach", "actions", "uses of force in breach of a rule (no Council authorisation)",
      breached[ORB_ACT_FORCE], "frcX", 0, 4),
    C("res_sanction_proposed", "drafts", "sanction drafts put to the Council",
      resolutions[ORB_RES_SANCTION], "rsanP", 0, 4),
    C("res_sanction_passed", "drafts", "sanction drafts adopted", passed[ORB_RES_SANCTION], "rsanA",
      0, 4),
    C("res_force_proposed", "drafts", "force drafts put to the Council", resolutions[ORB_RES_FORCE],
      "rfrcP", 0, 4),
    C("res_force_passed", "drafts", "force drafts adopted", passed[ORB_RES_FORCE], "rfrcA", 0, 4),
    C("res_settlement_proposed", "drafts", "settlement calls put to the Council",
      resolutions[ORB_RES_SETTLEMENT], "rsetP", 0, 4),
    C("res_settlement_passed", "drafts", "settlement calls adopted", passed[ORB_RES_SETTLEMENT],
      "rsetA", 0, 4),
    C("res_condemn_proposed", "drafts", "demands to cease force tabled",
      resolutions[ORB_RES_CONDEMN], "rconP", 0, 4),
    C("res_condemn_passed", "drafts", "demands to cease force adopted", passed[ORB_RES_CONDEMN],
      "rconA", 0, 4),
    C("drafts_weakened", "drafts", "drafts adopted with their action taken out", weakened, "rwk", 0,
      4),
    C("drafts_withdrawn", "drafts", "drafts that would fail, withdrawn unvoted", withdrawn, "rwd",
      0, 4),
    C("drafts_forced", "drafts", "drafts that would fail, forced to a vote", forced, "rfv", 0, 4),
    C("vetoes_p1", "vetoes", "vetoes cast by the 1st permanent member (COW code order)",
      vetoes_by[0], "vet1", 0, 4),
    C("vetoes_p2", "vetoes", "vetoes cast by the 2nd permanent member (COW code order)",
      vetoes_by[1], "vet2", 0, 4),
    C("vetoes_p3", "vetoes", "vetoes cast by the 3rd permanent member (COW code order)",
      vetoes_by[2], "vet3", 0, 4),
    C("vetoes_p4", "vetoes", "vetoes cast by the 4th permanent member (COW code order)",
      vetoes_by[3], "vet4", 0, 4),
    C("vetoes_p5", "vetoes", "vetoes cast by the 5th permanent member (COW code order)",
      vetoes_by[4], "vet5", 0, 4),
    C("crises_open", "crises", "crises still being negotiated", crises_open, "crO", 0, 3),
    C("crises_settled", "crises", "crises settled this year", crises_settled, "crS", 0, 3),
    C("crises_escalated", "crises", "crises that escalated to war this year", crises_escalated,
      "crE", 0, 3),
};

#define NLIST (sizeof list / sizeof list[0])

size_t orb_metric_count(void)
{
    return NLIST;
}

const orb_metric_desc *orb_metric_describe(size_t k)
{
    return k < NLIST ? &list[k].d : NULL;
}

size_t orb_metric_find(const char *name)
{
    size_t k;

    for (k = 0; name != NULL && k < NLIST; k++)
        if (strcmp(list[k].d.name, name) == 0) return k;
    return (size_t)-1;
}

static double sum(const size_t *v, size_t n)
{
    size_t s = 0, k;

    for (k = 0; k < n; k++)
        s += v[k];
    return (double)s;
}

double orb_metric_value(const orb_metrics *m, size_t k)
{
    if (m == NULL) return NAN;
    const char *base = (const char *)m;
    size_t z;
    int i;
    double d;

    if (k >= NLIST) return NAN;
    switch (list[k].type) {
    case T_DBL:
        memcpy(&d, base + list[k].off, sizeof d);
        return d;
    case T_SIZE:
        memcpy(&z, base + list[k].off, sizeof z);
        return (double)z;
    case T_INT:
        memcpy(&i, base + list[k].off, sizeof i);
        return (double)i;
    case T_STATE:
        memcpy(&z, base + list[k].off, sizeof z);
        return z == (size_t)-1 ? -1.0 : (double)z;
    case T_SUM_BLOCKED:
        return sum(m->blocked, ORB_NACTIONS);
    case T_SUM_DRAFTS:
        return sum(m->resolutions, ORB_NRESOLUTIONS);
    case T_SUM_SANCTIONS:
        return (double)(m->sanctions_unilateral + m->sanctions_un);
    case T_BLOCS:
        return m->blocs == ORB_BLOCS_UNKNOWN ? NAN : (double)m->blocs;
    }
    return NAN;
}
