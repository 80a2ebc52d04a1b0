/*
 * run.c - one future: the phase table, a run's lifecycle (a copy of its
 * sim's prototype, steps, free), the core's queries and invariants.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad_int.h"
#include "orb_int.h"
#include "run_int.h"

/* The step: fixed phases, each a module with init, step and check
 * (DESIGN.md 2). Adding a phase: its file and one line here. */
static const orbi_phase *const phases[ORBI_NPHASES] = {
    [ORBI_PH_ECONOMY] = &orbi_phase_economy,     [ORBI_PH_POWER] = &orbi_phase_power,
    [ORBI_PH_SECURITY] = &orbi_phase_security,   [ORBI_PH_RELATIONS] = &orbi_phase_relations,
    [ORBI_PH_ALLIANCES] = &orbi_phase_alliances, [ORBI_PH_ORDER] = &orbi_phase_order,
    [ORBI_PH_CONFLICT] = &orbi_phase_conflict,   [ORBI_PH_NEGOTIATE] = &orbi_phase_negotiate,
    [ORBI_PH_METRICS] = &orbi_phase_metrics,
};

/* The core's arrays (the state the phases exchange). */
static const orbi_array core_arrays[] = {
    ORBI_ARRAY(orb_run, y, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, pop, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, gdp, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, dlngdp, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, dlnpop, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, trade, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, gsum, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, comp, ORB_NCOMP, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, cinc, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, share[ORB_MEASURE_CINC], 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, share[ORB_MEASURE_GDP], 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, share[ORB_MEASURE_MILEX], 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, share[ORB_MEASURE_NET], 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, burden, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, capeff, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, threat, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, secidx, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, ideal, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, aff, 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, partner, 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, ally, 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, bloc, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, sanction, 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, drag, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, war, 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, atwar, 1, ORBI_DIM_N),
    ORBI_ARRAY(orb_run, onset[0], 1, ORBI_DIM_NN),
    ORBI_ARRAY(orb_run, onset[1], 1, ORBI_DIM_NN),
};

#define NCORE (sizeof core_arrays / sizeof core_arrays[0])

static size_t count_of(const orbi_array *a, size_t n)
{
    return a->per * (a->dim == ORBI_DIM_NN ? n * n : a->dim == ORBI_DIM_N ? n : 1);
}

orb_status orbi_arrays_new(orbi_arena *ar, void *rec, const orbi_array *arr, size_t k, size_t n,
                           orb_error *err)
{
    size_t q;

    for (q = 0; q < k; q++) {
        void *p = orbi_arena_alloc(ar, count_of(&arr[q], n) * arr[q].elem);
        if (p == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
        memcpy((char *)rec + arr[q].off, &p, sizeof p);
    }
    return ORB_OK;
}

void orbi_arrays_copy(void *dst, const void *src, const orbi_array *arr, size_t k, size_t n)
{
    size_t q;

    for (q = 0; q < k; q++) {
        void *d;
        const void *s;
        if (arr[q].scratch) continue;
        memcpy(&d, (char *)dst + arr[q].off, sizeof d);
        memcpy(&s, (const char *)src + arr[q].off, sizeof s);
        memcpy(d, s, count_of(&arr[q], n) * arr[q].elem);
    }
}

orb_run_opts orb_run_opts_default(void)
{
    orb_run_opts o;

    memset(&o, 0, sizeof o);
    o.seed = 1;
    return o;
}

/* Give back what the phases hold outside the arena, then the arena. */
static void run_release(orb_run *r)
{
    orb_allocator al = r->arena.al;
    size_t p;

    for (p = 0; p < ORBI_NPHASES; p++)
        if (phases[p]->fini && r->ps[p]) phases[p]->fini(r, r->ps[p]);
    orbi_arena_free(&r->arena);
    orbi_free(&al, r);
}

/* Fill r (zeroed but for its arena) as a run of s: records zeroed, or
 * (proto not NULL) copies of proto's, each phase's by its clone hook if it
 * has one. */
static orb_status run_fill(orb_run *r, const orb_sim *s, const orb_run *proto, orb_error *err)
{
    orb_status st;
    size_t p;

    r->sim = s;
    r->year = s->start;
    r->blocs_year = INT_MIN;
    st = orbi_arrays_new(&r->arena, r, core_arrays, NCORE, s->n, err);
    if (st == ORB_OK && proto != NULL) {
        r->m = proto->m;
        orbi_arrays_copy(r, proto, core_arrays, NCORE, s->n);
    }
    for (p = 0; p < ORBI_NPHASES && st == ORB_OK; p++) {
        const orbi_phase *ph = phases[p];
        if ((r->ps[p] = orbi_arena_alloc(&r->arena, ph->size)) == NULL) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        } else if (proto != NULL && ph->clone != NULL) {
            st = ph->clone(r, r->ps[p], proto->ps[p], err);
        } else {
            /* the fixed part by value; then the arrays, fresh, and their contents */
            if (proto != NULL) memcpy(r->ps[p], proto->ps[p], ph->size);
            st = orbi_arrays_new(&r->arena, r->ps[p], ph->arrays, ph->narrays, s->n, err);
            if (st == ORB_OK && proto != NULL)
                orbi_arrays_copy(r->ps[p], proto->ps[p], ph->arrays, ph->narrays, s->n);
        }
    }
    return st;
}

/* A run of s whose records take their memory from al (run_fill). */
static orb_status run_alloc(const orb_sim *s, const orb_allocator *al, const orb_run *proto,
                            orb_run **out, orb_error *err)
{
    orb_run *r = orbi_calloc(al, 1, sizeof *r);
    orb_status st;

    *out = NULL;
    if (r == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    r->arena.al = *al;
    if ((st = run_fill(r, s, proto, err)) != ORB_OK) {
        run_release(r);
        return st;
    }
    *out = r;
    return ORB_OK;
}

orb_status orbi_run_alloc(const orb_sim *s, orb_run **out, orb_error *err)
{
    return run_alloc(s, &s->arena.al, NULL, out, err);
}

orb_status orbi_run_setup(orb_run *r, const orb_world *w, const orb_scenario *scn, orb_error *err)
{
    size_t p;

    for (p = 0; p < ORBI_NPHASES; p++)
        ORB_TRY(phases[p]->init(r, r->ps[p], w, scn, err));
    for (p = 0; p < ORBI_NPHASES; p++)
        if (phases[p]->start) phases[p]->start(r, r->ps[p]);
    return ORB_OK;
}

void orbi_run_release(orb_run *r)
{
    if (r != NULL) run_release(r);
}

orb_status orb_sim_run(const orb_sim *s, const orb_run_opts *opts, orb_run **run_out,
                       orb_error *err)
{
    orb_run_opts def = orb_run_opts_default();
    orb_allocator al;
    orb_run *r;
    orb_status st;

    if (run_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_sim_run: run_out is NULL");
    *run_out = NULL;
    if (s == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_sim_run: sim is NULL");
    if (opts == NULL) opts = &def;
    if (opts->params != NULL || opts->end_year != 0)
        ORB_FAIL(err, ORB_EINVAL,
                 "orb_sim_run: params and end_year belong to the sim (orb_sim_opts), not the run");
    if ((st = orbi_allocator(opts->alloc, &al, err)) != ORB_OK) return st;
    ORB_TRY(run_alloc(s, &al, s->proto, &r, err));
    r->profile = opts->profile;
    orb_rng_init(&r->rng, opts->seed, opts->run_index);
    memset(r->ucache, 0, sizeof r->ucache); /* no block of another stream */
    atomic_fetch_add_explicit(&((orb_sim *)s)->refs, 1, memory_order_relaxed);
#ifdef ORB_DEBUG
    {
        orb_error e;
        ORB_ASSERT(orb_run_check(r, &e) == ORB_OK);
    }
#endif
    *run_out = r;
    return ORB_OK;
}

orb_status orb_run_restart(orb_run *r, const orb_run_opts *opts, orb_error *err)
{
    orb_run_opts def = orb_run_opts_default();
    const orb_sim *s;
    orbi_arena arena;
    orb_status st;
    size_t p;

    if (r == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_restart: run is NULL");
    if (opts == NULL) opts = &def;
    if (opts->params != NULL || opts->end_year != 0)
        ORB_FAIL(err, ORB_EINVAL,
                 "orb_run_restart: params and end_year belong to the sim (orb_sim_opts), not the "
                 "run");
    if (opts->alloc != NULL && memcmp(opts->alloc, &r->arena.al, sizeof *opts->alloc) != 0)
        ORB_FAIL(err, ORB_EINVAL, "orb_run_restart: a run keeps the allocator it was made with");
    s = r->sim;
    for (p = 0; p < ORBI_NPHASES; p++) /* what the phases hold outside the arena */
        if (phases[p]->fini && r->ps[p]) phases[p]->fini(r, r->ps[p]);
    arena = r->arena;
    orbi_arena_rewind(&arena);
    memset(r, 0, sizeof *r);
    r->arena = arena;
    if ((st = run_fill(r, s, s->proto, err)) != ORB_OK) {
        /* the run holds its sim reference still: orb_run_free releases both */
        r->sim = s;
        return st;
    }
    r->profile = opts->profile;
    orb_rng_init(&r->rng, opts->seed, opts->run_index);
    return ORB_OK;
}

orb_status orb_run_new(const orb_world *w, const orb_scenario *scn, const orb_run_opts *opts,
                       orb_run **run_out, orb_error *err)
{
    orb_run_opts def = orb_run_opts_default(), ro;
    orb_sim_opts so = orb_sim_opts_default();
    orb_sim *s = NULL;
    orb_status st;

    if (run_out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_new: run_out is NULL");
    *run_out = NULL;
    if (opts == NULL) opts = &def;
    so.end_year = opts->end_year;
    so.params = opts->params;
    so.alloc = opts->alloc;
    if ((st = orb_sim_new(w, scn, &so, &s, err)) != ORB_OK) return st;
    ro = *opts;
    ro.end_year = 0;
    ro.params = NULL;
    st = orb_sim_run(s, &ro, run_out, err);
    orb_sim_free(s); /* the run keeps its own reference */
    return st;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The state a year leaves must be finite: every state's GDP per head,
 * population, GDP and trade finite and positive (trade non-negative), no
 * capability component infinite or negative, and the world's totals finite.
 * O(N); orb_run_step checks it after every year (check_core below repeats it
 * within the whole check). */
static orb_status check_finite(const orb_run *r, orb_error *err)
{
    const size_t n = r->sim->n;
    char(*abb)[8] = r->sim->abb;
    size_t i, k;

    for (i = 0; i < n; i++) {
        const char *what = NULL;
        double v = 0;
        if (!isfinite(r->y[i]) || !(r->y[i] > 0))
            what = "real GDP per head", v = r->y[i];
        else if (!isfinite(r->pop[i]) || !(r->pop[i] > 0))
            what = "population", v = r->pop[i];
        else if (!isfinite(r->gdp[i]) || !(r->gdp[i] > 0))
            what = "real GDP", v = r->gdp[i];
        else if (!isfinite(r->trade[i]) || !(r->trade[i] >= 0))
            what = "trade", v = r->trade[i];
        if (what != NULL)
            ORB_FAIL(err, ORB_ERANGE,
                     "%d: %s's %s is %g: the run left the model's finite range (a parameter at "
                     "the edge of its range, or shocks that compound; docs/model.md, Parameters)",
                     r->year, abb[i], what, v);
        for (k = 0; k < ORB_NCOMP; k++) {
            v = r->comp[i * ORB_NCOMP + k];
            if (isinf(v) || v < 0)
                ORB_FAIL(err, ORB_ERANGE,
                         "%d: %s's capability component %s is %g: the run left the model's "
                         "finite range",
                         r->year, abb[i], orb_component_name((int)k), v);
        }
    }
    if (!isfinite(r->m.world_gdp) || !isfinite(r->m.world_pop))
        ORB_FAIL(err, ORB_ERANGE,
                 "%d: the world's GDP (%g) or population (%g) is not finite: the run left the "
                 "model's finite range",
                 r->year, r->m.world_gdp, r->m.world_pop);
    return ORB_OK;
}

int orb_run_step(orb_run *r)
{
    size_t p;

    if (r == NULL) return ORB_EINVAL;
    if (r->fail != ORB_OK) return (int)r->fail;
    if (r->year >= r->sim->end) return ORB_DONE;
    r->year++;
    for (p = 0; p < ORBI_NPHASES; p++)
        if (phases[p]->begin) phases[p]->begin(r, r->ps[p]);
    for (p = 0; p < ORBI_NPHASES; p++) {
        double t0 = r->profile ? now() : 0;
        phases[p]->step(r, r->ps[p]);
        if (r->profile) r->phase_sec[p] += now() - t0;
#ifdef ORB_DEBUG
        { /* a run that left the finite range stops as in release builds; any other broken
             invariant is a bug */
            orb_error e;
            if (orb_run_check(r, &e) != ORB_OK) { /* the finite part first: it is checked once */
                if (check_finite(r, &r->fail_err) != ORB_OK) {
                    r->fail = ORB_ERANGE;
                    return (int)r->fail;
                }
                ORB_ASSERT(0 && "an invariant of the run broke (orb_run_check)");
            }
        }
#endif
    }
    /* every year the state must be finite; at the end the whole check */
    if ((r->fail = check_finite(r, &r->fail_err)) == ORB_OK && r->year == r->sim->end &&
        orb_run_check(r, &r->fail_err) != ORB_OK) {
        char why[ORB_ERRMSG_SIZE];
        memcpy(why, r->fail_err.msg, sizeof why);
        r->fail = orbi_error(&r->fail_err, ORB_ERANGE, NULL, 0, 0,
                             "the check at the run's end failed: %.600s (the run left the "
                             "model's valid state)",
                             why);
    }
    return (int)r->fail;
}

orb_status orb_run_error(const orb_run *r, orb_error *err)
{
    if (r == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_error: run is NULL");
    if (r->fail != ORB_OK && err != NULL) *err = r->fail_err;
    return r->fail;
}

void orb_run_to_end(orb_run *r)
{
    if (r == NULL) return;
    while (orb_run_step(r) == ORB_OK) {
    }
}

void orb_run_free(orb_run *r)
{
    const orb_sim *s;

    if (r == NULL) return;
    s = r->sim;
    run_release(r);
    orb_sim_free((orb_sim *)s);
}

unsigned char *orbi_onsets(const orb_run *r, int year)
{
    return r->onset[year & 1];
}

size_t orbi_sim_index(const orb_sim *s, int ccode)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) { /* states are sorted by COW code, as in the world */
        size_t mid = lo + (hi - lo) / 2;
        if (s->ccode[mid] < ccode)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < s->n && s->ccode[lo] == ccode) ? lo : (size_t)-1;
}

size_t orbi_run_index(const orb_run *r, int ccode)
{
    return orbi_sim_index(r->sim, ccode);
}

/* ---- queries ------------------------------------------------------------- */

/* A state index in range, or (in a debug build) an assertion: the caller's
 * error, as Lua's api_check. Release builds answer NaN / 0 / "" / -1. */
#define API_CHECK(c)   ORB_ASSERT(c)
#define STATE_OK(r, i) (API_CHECK((i) < (r)->sim->n), (i) < (r)->sim->n)

int orb_run_year(const orb_run *r)
{
    if (r == NULL) return 0;
    return r->year;
}

int orb_run_start_year(const orb_run *r)
{
    if (r == NULL) return 0;
    return r->sim->start;
}

int orb_run_end_year(const orb_run *r)
{
    if (r == NULL) return 0;
    return r->sim->end;
}

const orb_sim *orb_run_sim(const orb_run *r)
{
    if (r == NULL) return NULL;
    return r->sim;
}

const orb_metrics *orb_run_metrics(const orb_run *r)
{
    if (r == NULL) return NULL;
    return &r->m;
}

size_t orb_run_nstates(const orb_run *r)
{
    if (r == NULL) return 0;
    return r->sim->n;
}

int orb_run_ccode(const orb_run *r, size_t i)
{
    if (r == NULL) return 0;
    return STATE_OK(r, i) ? r->sim->ccode[i] : 0;
}

const char *orb_run_abb(const orb_run *r, size_t i)
{
    if (r == NULL) return "";
    return STATE_OK(r, i) ? r->sim->abb[i] : "";
}

size_t orb_run_index(const orb_run *r, int ccode)
{
    if (r == NULL) return (size_t)-1;
    return orbi_sim_index(r->sim, ccode);
}

double orb_run_gdp(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->gdp[i] : NAN;
}

double orb_run_pop(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->pop[i] : NAN;
}

double orb_run_comp(const orb_run *r, size_t i, orb_component c)
{
    if (r == NULL) return NAN;
    API_CHECK((int)c >= 0 && (int)c < ORB_NCOMP);
    return (STATE_OK(r, i) && (int)c >= 0 && (int)c < ORB_NCOMP) ? r->comp[i * ORB_NCOMP + c] : NAN;
}

double orb_run_share(const orb_run *r, size_t i, orb_measure m)
{
    if (r == NULL) return NAN;
    API_CHECK((int)m >= 0 && (int)m < ORB_NMEASURES);
    return (STATE_OK(r, i) && (int)m >= 0 && (int)m < ORB_NMEASURES) ? r->share[m][i] : NAN;
}

double orb_run_trade(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->trade[i] : NAN;
}

const orb_params *orb_run_params(const orb_run *r)
{
    if (r == NULL) return NULL;
    return &r->sim->par;
}

size_t orb_run_nphases(void)
{
    return ORBI_NPHASES;
}

const char *orb_run_phase_name(size_t p)
{
    return p < ORBI_NPHASES ? phases[p]->name : NULL;
}

double orb_run_phase_seconds(const orb_run *r, size_t p)
{
    if (r == NULL) return NAN;
    return p < ORBI_NPHASES ? r->phase_sec[p] : NAN;
}

double orb_run_threat(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->threat[i] : NAN;
}

double orb_run_security(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->secidx[i] : NAN;
}

double orb_run_burden(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->burden[i] : NAN;
}

double orb_run_affinity(const orb_run *r, size_t i, size_t j)
{
    if (r == NULL) return NAN;
    return (STATE_OK(r, i) && STATE_OK(r, j)) ? r->aff[i * r->sim->n + j] : NAN;
}

int orb_run_allied(const orb_run *r, size_t i, size_t j)
{
    if (r == NULL) return 0;
    return (STATE_OK(r, i) && STATE_OK(r, j)) ? r->ally[i * r->sim->n + j] : 0;
}

double orb_run_ideal(const orb_run *r, size_t i)
{
    if (r == NULL) return NAN;
    return STATE_OK(r, i) ? r->ideal[i] : NAN;
}

double orb_run_ideal_distance(const orb_run *r, size_t i, size_t j)
{
    if (r == NULL) return NAN;
    return (STATE_OK(r, i) && STATE_OK(r, j)) ? fabs(r->ideal[i] - r->ideal[j]) : NAN;
}

int orb_run_at_war(const orb_run *r, size_t i, size_t j)
{
    if (r == NULL) return 0;
    return (STATE_OK(r, i) && STATE_OK(r, j)) ? r->war[i * r->sim->n + j] : 0;
}

int orb_run_bloc(const orb_run *r, size_t i)
{
    if (r == NULL) return -1;
    if (!STATE_OK(r, i)) return -1;
    orb_run_blocs(r);
    return r->bloc[i];
}

double orb_run_enforcement(const orb_run *r, orb_rule rule)
{
    if (r == NULL) return NAN;
    API_CHECK((int)rule >= 0 && (int)rule < ORB_NRULES);
    return ((int)rule >= 0 && (int)rule < ORB_NRULES) ? r->sim->enforce[rule] : 0;
}

int orb_run_rule(const orb_run *r, orb_rule rule)
{
    if (r == NULL) return 0;
    double e = orb_run_enforcement(r, rule);

    return rule <= ORB_RULE_BLOC_EXPANSION ? e == 0 : e > 0;
}

/* ---- invariants ---------------------------------------------------------- */

/* Relative tolerance of "sums to one". */
#define SUM_TOL 1e-9

static orb_status check_core(const orb_run *r, orb_error *err)
{
    const size_t n = r->sim->n;
    char(*abb)[8] = r->sim->abb;
    size_t i, k;

    if (check_finite(r, err) != ORB_OK) {
        if (err != NULL) err->code = ORB_EINVAL;
        return ORB_EINVAL;
    }
    for (i = 0; i < n; i++) {
        size_t j;
        if (!isfinite(r->threat[i]) || r->threat[i] < 0 || isinf(r->secidx[i]) ||
            (!isnan(r->burden[i]) && !(r->burden[i] >= 0)))
            ORB_FAIL(err, ORB_EINVAL, "%d: %s has threat %g, security %g, burden %g", r->year,
                     abb[i], r->threat[i], r->secidx[i], r->burden[i]);
        for (j = 0; j < n; j++) {
            double a = r->aff[i * n + j];
            if (!(a >= -1 && a <= 1) || a != r->aff[j * n + i])
                ORB_FAIL(err, ORB_EINVAL, "%d: affinity %s-%s is %g (and %g the other way)",
                         r->year, abb[i], abb[j], a, r->aff[j * n + i]);
            if (r->ally[i * n + j] != r->ally[j * n + i] ||
                r->war[i * n + j] != r->war[j * n + i] || (i == j && r->ally[i * n + j]))
                ORB_FAIL(err, ORB_EINVAL, "%d: pact or war %s-%s is not symmetric", r->year, abb[i],
                         abb[j]);
        }
    }
    for (k = 0; k < ORB_NMEASURES; k++) {
        double sum = 0;
        for (i = 0; i < n; i++) {
            double v = r->share[k][i];
            if (isnan(v)) continue;
            if (!(v >= 0 && v <= 1))
                ORB_FAIL(err, ORB_EINVAL, "%d: %s share of %s is %g", r->year,
                         orb_measure_name((orb_measure)k), abb[i], v);
            sum += v;
        }
        if (fabs(sum - 1.0) > SUM_TOL)
            ORB_FAIL(err, ORB_EINVAL, "%d: %s shares sum to %.12g", r->year,
                     orb_measure_name((orb_measure)k), sum);
    }
    return ORB_OK;
}

orb_status orb_run_check(const orb_run *r, orb_error *err)
{
    size_t p;

    if (r == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_run_check: run is NULL");
    ORB_TRY(check_core(r, err));
    for (p = 0; p < ORBI_NPHASES; p++)
        if (phases[p]->check) ORB_TRY(phases[p]->check(r, r->ps[p], err));
    return ORB_OK;
}
