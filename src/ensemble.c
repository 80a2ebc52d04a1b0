/*
 * ensemble.c - runs of one shared world on a pool of threads (ensemble.h).
 *
 * Each worker takes the next run index, runs it to the end into its own
 * result slot (the yearly metrics, the events, optionally per-state
 * series), and waits until the calling thread has passed the result to the
 * callback. So the callback needs no locking, and memory is one run and
 * one result per worker whatever the number of runs.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "orb_int.h"
#include "orbis/ensemble.h"
#include "run_int.h"

static const char *const event_names[ORB_NEVENT_KINDS] = {
    "war",  "war_major", "war_p5",         "transition",       "pass",       "force_authorised",
    "veto", "sanctions", "crisis_settled", "crisis_escalated", "gs_majority"};

const char *orb_event_kind_name(orb_event_kind k)
{
    return ((int)k >= 0 && (int)k < ORB_NEVENT_KINDS) ? event_names[k] : NULL;
}

/* The passes a run watches: the named events (DESIGN: the statement's
 * claims are tested through such events, none is an outcome written in). */
static const struct pass {
    const char *name;
    orb_measure measure;
    int a, b; /* COW codes: a passes b */
} passes[] = {
    {"gdp_chn_passes_usa", ORB_MEASURE_GDP, 710, 2},
    {"cinc_ind_passes_usa", ORB_MEASURE_CINC, 750, 2},
    {"gdp_ind_passes_usa", ORB_MEASURE_GDP, 750, 2},
    {"cinc_usa_passes_chn", ORB_MEASURE_CINC, 2, 710},
};

#define NPASSES (sizeof passes / sizeof passes[0])

const char *orb_pass_name(size_t k, orb_measure *measure, int *a, int *b)
{
    if (k >= NPASSES) return NULL;
    if (measure) *measure = passes[k].measure;
    if (a) *a = passes[k].a;
    if (b) *b = passes[k].b;
    return passes[k].name;
}

static const char *const sv_names[ORB_NSV] = {"gdp",         "pop",    "cinc_share", "gdp_share",
                                              "milex_share", "burden", "threat",     "security",
                                              "bloc",        "at_war"};

static const char *const unc_names[3] = {"shocks", "params", "all"};

const char *orb_uncertainty_name(orb_uncertainty u)
{
    return ((int)u >= 0 && (int)u < 3) ? unc_names[u] : NULL;
}

orb_status orb_uncertainty_parse(const char *name, orb_uncertainty *out)
{
    int k;

    if (name == NULL || out == NULL) return ORB_EINVAL;
    for (k = 0; k < 3; k++)
        if (strcmp(name, unc_names[k]) == 0) {
            *out = (orb_uncertainty)k;
            return ORB_OK;
        }
    return ORB_EINVAL;
}

const char *orb_state_var_name(int v)
{
    return (v >= 0 && v < ORB_NSV) ? sv_names[v] : NULL;
}

orb_ensemble_opts orb_ensemble_opts_default(void)
{
    orb_ensemble_opts o;

    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.runs = 1;
    o.stride = 1;
    return o;
}

/* ---- one run into a result slot --------------------------------------------- */

typedef struct slot {
    orb_run_result res;
    double *metrics;
    double *states;
    int *ccode;
    orb_run_event *events;
    size_t evcap;
    orb_params par; /* the run's drawn parameters */
    orb_run *keep;  /* the worker's run of the shared sim, restarted for each index */
    int full;       /* 1: waiting for the calling thread */
    orb_status st;  /* of the run */
    orb_error err;  /* its error */
} slot;

static int add_event(slot *s, int year, orb_event_kind kind, int a, int b, double value)
{
    if (s->res.nevents == s->evcap) {
        size_t cap = s->evcap ? 2 * s->evcap : 64;
        orb_run_event *e = realloc(s->events, cap * sizeof *e);
        if (e == NULL) return -1;
        s->events = e;
        s->evcap = cap;
    }
    s->events[s->res.nevents].year = year;
    s->events[s->res.nevents].kind = kind;
    s->events[s->res.nevents].a = a;
    s->events[s->res.nevents].b = b;
    s->events[s->res.nevents].value = value;
    s->res.nevents++;
    return 0;
}

/* Crises watched for settlement or escalation (scenario order). */
#define MAX_WATCHED_CRISES 16

/* What the event detector remembers from one year to the next. */
typedef struct watch {
    size_t leader[ORB_NMEASURES];
    size_t pa[NPASSES], pb[NPASSES]; /* run indices of the pass's states */
    int passed[NPASSES];             /* 1: a is above b (or a pass is impossible) */
    int gs_majority;
    int crisis[MAX_WATCHED_CRISES]; /* status of the first crises */
} watch;

static double share_of(const orb_run *r, orb_measure m, size_t i)
{
    return i == (size_t)-1 ? NAN : orb_run_share(r, i, m);
}

static void watch_init(watch *w, const orb_run *r)
{
    const orb_metrics *m = orb_run_metrics(r);
    size_t k;

    memset(w, 0, sizeof *w);
    for (k = 0; k < ORB_NMEASURES; k++)
        w->leader[k] = m->pol[k].leader;
    for (k = 0; k < NPASSES; k++) {
        double a, b;
        w->pa[k] = orb_run_index(r, passes[k].a);
        w->pb[k] = orb_run_index(r, passes[k].b);
        a = share_of(r, passes[k].measure, w->pa[k]);
        b = share_of(r, passes[k].measure, w->pb[k]);
        w->passed[k] = !(a <= b); /* above already, or a state missing: no event */
    }
    w->gs_majority = !(m->gs_gdp_share <= 0.5);
    for (k = 0; k < MAX_WATCHED_CRISES; k++) {
        orb_crisis_status cs = ORB_CRISIS_OPEN;
        orb_run_crisis(r, k, &cs, NULL, NULL);
        w->crisis[k] = (int)cs;
    }
}

/* This year's events. */
static int watch_year(watch *w, slot *s, const orb_run *r)
{
    const orb_sim *sim = r->sim;
    const orb_metrics *m = orb_run_metrics(r);
    const orb_action_record *log;
    const int y = m->year;
    size_t k, nlog;

    log = orb_run_actions(r, &nlog);
    for (k = 0; k < nlog; k++) {
        size_t i = log[k].actor, j = log[k].target;
        int a, b;
        if (log[k].kind != ORB_ACT_FORCE || !log[k].taken) continue;
        a = sim->ccode[i];
        b = sim->ccode[j];
        if (add_event(s, y, ORB_EV_WAR, a, b, 0)) return -1;
        if ((sim->major[i] || sim->major[j]) && add_event(s, y, ORB_EV_WAR_MAJOR, a, b, 0))
            return -1;
        if ((sim->is_p5[i] || sim->is_p5[j]) && add_event(s, y, ORB_EV_WAR_P5, a, b, 0)) return -1;
    }
    for (k = 0; k < ORB_NMEASURES; k++) {
        size_t L = m->pol[k].leader;
        if (L != w->leader[k] && L != (size_t)-1 && w->leader[k] != (size_t)-1 &&
            add_event(s, y, ORB_EV_TRANSITION, sim->ccode[L], sim->ccode[w->leader[k]], (double)k))
            return -1;
        w->leader[k] = L;
    }
    for (k = 0; k < NPASSES; k++) {
        double a = share_of(r, passes[k].measure, w->pa[k]),
               b = share_of(r, passes[k].measure, w->pb[k]);
        if (w->passed[k] || !(a > b)) continue;
        w->passed[k] = 1;
        if (add_event(s, y, ORB_EV_PASS, passes[k].a, passes[k].b, (double)k)) return -1;
    }
    if (m->passed[ORB_RES_FORCE] > 0 &&
        add_event(s, y, ORB_EV_FORCE_AUTHORISED, 0, 0, (double)m->passed[ORB_RES_FORCE]))
        return -1;
    if (m->vetoed > 0 && add_event(s, y, ORB_EV_VETO, 0, 0, (double)m->vetoed)) return -1;
    if (m->taken[ORB_ACT_SANCTION] > 0 &&
        add_event(s, y, ORB_EV_SANCTIONS, 0, 0, (double)m->taken[ORB_ACT_SANCTION]))
        return -1;
    for (k = 0; k < MAX_WATCHED_CRISES; k++) {
        orb_crisis_status cs;
        double at = NAN;
        if (orb_run_crisis(r, k, &cs, NULL, &at) != ORB_OK) break;
        if ((int)cs != w->crisis[k] && cs != ORB_CRISIS_OPEN &&
            add_event(s, y,
                      cs == ORB_CRISIS_SETTLED ? ORB_EV_CRISIS_SETTLED : ORB_EV_CRISIS_ESCALATED,
                      (int)k, 0, at))
            return -1;
        w->crisis[k] = (int)cs;
    }
    if (!w->gs_majority && m->gs_gdp_share > 0.5) {
        w->gs_majority = 1;
        if (add_event(s, y, ORB_EV_GS_MAJORITY, 0, 0, m->gs_gdp_share)) return -1;
    }
    return 0;
}

/* Are run r's blocs wanted this year (o->bloc_years)? */
static int blocs_wanted(const orb_ensemble_opts *o, const orb_run *r)
{
    size_t k;

    if (o->bloc_every_year) return 1;
    for (k = 0; o->bloc_years && k < o->nbloc_years; k++)
        if (o->bloc_years[k] == r->year) return 1;
    return 0;
}

/* Year y's row of the metrics (and per-state series); the blocs where wanted. */
static void record(slot *s, const orb_ensemble_opts *o, const orb_run *r, size_t y)
{
    const orb_metrics *m = (blocs_wanted(o, r) ? orb_run_blocs(r) : (void)0, orb_run_metrics(r));
    const size_t nm = s->res.nmetrics;
    size_t k, i;

    for (k = 0; k < nm; k++)
        s->metrics[y * nm + k] = orb_metric_value(m, k);
    if (s->states == NULL) return;
    for (i = 0; i < s->res.nstates; i++) {
        double *v = &s->states[(y * s->res.nstates + i) * ORB_NSV];
        size_t j;
        int war = 0;
        for (j = 0; j < s->res.nstates && !war; j++)
            war = orb_run_at_war(r, i, j);
        v[ORB_SV_GDP] = orb_run_gdp(r, i);
        v[ORB_SV_POP] = orb_run_pop(r, i);
        v[ORB_SV_CINC] = orb_run_share(r, i, ORB_MEASURE_CINC);
        v[ORB_SV_GDP_SHARE] = orb_run_share(r, i, ORB_MEASURE_GDP);
        v[ORB_SV_MILEX_SHARE] = orb_run_share(r, i, ORB_MEASURE_MILEX);
        v[ORB_SV_BURDEN] = orb_run_burden(r, i);
        v[ORB_SV_THREAT] = orb_run_threat(r, i);
        v[ORB_SV_SECURITY] = orb_run_security(r, i);
        v[ORB_SV_BLOC] = r->blocs_year == r->year ? orb_run_bloc(r, i) : -1;
        v[ORB_SV_AT_WAR] = war;
    }
}

static orb_status run_into(const orb_sim *sim, const orb_ensemble_opts *o, slot *s, uint64_t idx)
{
    orb_run_opts ro = orb_run_opts_default();
    orb_run *r = NULL;
    orb_sim *own = NULL;
    watch w;
    size_t y = 0;
    orb_status st;
    int shared;

    ro.seed = o->seed;
    ro.run_index = idx;
    s->res.run = idx;
    s->res.nevents = 0;
    s->res.params = NULL;
    if (o->uncertainty != ORB_UNC_SHOCKS) { /* this run's own parameters, its own sim */
        orb_sim_opts so = orb_sim_opts_default();
        orb_params_draw(&sim->par, o->seed, idx, &s->par);
        if (o->uncertainty == ORB_UNC_PARAMS) s->par.v[ORBI_P_ECON_SHOCKS] = 0;
        so.params = &s->par;
        so.end_year = sim->end;
        if ((st = orb_sim_new(o->world, o->scenario, &so, &own, &s->err)) != ORB_OK) return st;
        sim = own;
        s->res.params = &s->par;
    }
    shared = own == NULL;
    if (shared && s->keep != NULL) { /* the shared sim: the worker's run, restarted */
        r = s->keep;
        s->keep = NULL;
        if ((st = orb_run_restart(r, &ro, &s->err)) != ORB_OK) {
            orb_run_free(r);
            return st;
        }
    } else {
        st = orb_sim_run(sim, &ro, &r, &s->err);
    }
    orb_sim_free(own); /* the run holds its reference */
    if (st != ORB_OK) return st;
    record(s, o, r, 0);
    watch_init(&w, r);
    while (orb_run_step(r) == ORB_OK) {
        y++;
        record(s, o, r, y);
        if (watch_year(&w, s, r)) {
            orb_run_free(r);
            return orbi_error(&s->err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    {
        orb_error e;
        if ((st = orb_run_error(r, &e)) != ORB_OK) { /* the run stopped: no partial results */
            orb_run_free(r);
            return orbi_error(&s->err, st, NULL, 0, 0, "run %llu: %s", (unsigned long long)idx,
                              e.msg);
        }
    }
    if (shared && s->keep == NULL)
        s->keep = r; /* for the worker's next run */
    else
        orb_run_free(r);
    return ORB_OK;
}

/* ---- the pool ------------------------------------------------------------------ */

typedef struct pool {
    const orb_sim *sim;
    const orb_ensemble_opts *o;
    pthread_mutex_t mu;
    pthread_cond_t full, empty;
    uint64_t *todo;
    size_t ntodo, next;
    unsigned active;
    int stop;
    slot *slots;
} pool;

typedef struct worker {
    pool *p;
    slot *s;
} worker;

static void *work(void *arg)
{
    worker *wk = arg;
    pool *p = wk->p;
    slot *s = wk->s;

    for (;;) {
        uint64_t idx;
        pthread_mutex_lock(&p->mu);
        if (p->stop || p->next >= p->ntodo) {
            p->active--;
            pthread_cond_signal(&p->full);
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        idx = p->todo[p->next++];
        pthread_mutex_unlock(&p->mu);
        s->st = run_into(p->sim, p->o, s, idx);
        pthread_mutex_lock(&p->mu);
        s->full = 1;
        pthread_cond_signal(&p->full);
        while (s->full)
            pthread_cond_wait(&p->empty, &p->mu);
        pthread_mutex_unlock(&p->mu);
    }
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void slots_free(slot *s, unsigned n)
{
    unsigned k;

    for (k = 0; s && k < n; k++) {
        orb_run_free(s[k].keep);
        free(s[k].metrics);
        free(s[k].states);
        free(s[k].ccode);
        free(s[k].events);
    }
    free(s);
}

orb_status orb_ensemble_run(const orb_sim *sim, const orb_ensemble_opts *opts, orb_result_fn fn,
                            void *ud, orb_error *err)
{
    orb_ensemble_opts def = orb_ensemble_opts_default();
    const size_t nm = orb_metric_count();
    pool p;
    worker *wk = NULL;
    pthread_t *tid = NULL;
    unsigned nt, k, started = 0;
    uint64_t i, stride;
    size_t nyears, done = 0;
    orb_status st = ORB_OK;

    if (sim == NULL || fn == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_ensemble_run: NULL argument");
    if (opts == NULL) opts = &def;
    if (opts->runs == 0) ORB_FAIL(err, ORB_EINVAL, "an ensemble needs at least one run");
    if (opts->uncertainty != ORB_UNC_SHOCKS && opts->world == NULL)
        ORB_FAIL(err, ORB_EINVAL,
                 "parameter draws need the world (and the scenario) in the options");
    stride = opts->stride ? opts->stride : 1;
    memset(&p, 0, sizeof p);
    p.sim = sim;
    p.o = opts;
    if ((p.todo = malloc((opts->runs / stride + 2) * sizeof *p.todo)) == NULL)
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    for (i = opts->first; i < opts->runs; i += stride)
        if (opts->skip == NULL || !opts->skip[i]) p.todo[p.ntodo++] = i;
    nt = opts->threads ? opts->threads : cores();
    if (nt > p.ntodo) nt = p.ntodo ? (unsigned)p.ntodo : 1;
    nyears = (size_t)(sim->end - sim->start + 1);
    p.slots = calloc(nt, sizeof *p.slots);
    wk = calloc(nt, sizeof *wk);
    tid = calloc(nt, sizeof *tid);
    if (p.slots == NULL || wk == NULL || tid == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (k = 0; k < nt; k++) {
        slot *s = &p.slots[k];
        s->res.start = sim->start;
        s->res.end = sim->end;
        s->res.nyears = nyears;
        s->res.nmetrics = nm;
        s->metrics = malloc(nyears * nm * sizeof *s->metrics);
        if (opts->per_state) {
            s->res.nstates = sim->n;
            s->states = malloc(nyears * sim->n * ORB_NSV * sizeof *s->states);
            s->ccode = malloc(sim->n * sizeof *s->ccode);
            if (s->ccode != NULL) memcpy(s->ccode, sim->ccode, sim->n * sizeof *s->ccode);
        }
        if (s->metrics == NULL || (opts->per_state && (s->states == NULL || s->ccode == NULL))) {
            st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.full, NULL);
    pthread_cond_init(&p.empty, NULL);
    p.active = nt;
    for (k = 0; k < nt; k++) {
        wk[k].p = &p;
        wk[k].s = &p.slots[k];
        if (pthread_create(&tid[k], NULL, work, &wk[k]) != 0) break;
        started++;
    }
    pthread_mutex_lock(&p.mu);
    p.active = started; /* those that did not start never will */
    if (started < nt) {
        p.stop = 1;
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "cannot start %u threads", nt);
    }
    for (;;) {
        slot *s = NULL;
        for (k = 0; k < started && s == NULL; k++)
            if (p.slots[k].full) s = &p.slots[k];
        if (s == NULL) {
            if (p.active == 0) break;
            pthread_cond_wait(&p.full, &p.mu);
            continue;
        }
        pthread_mutex_unlock(&p.mu);
        s->res.metrics = s->metrics;
        s->res.events = s->events;
        s->res.states = s->states;
        s->res.ccode = s->ccode;
        if (s->st != ORB_OK && st == ORB_OK) {
            st = s->st;
            if (err) *err = s->err;
        } else if (st == ORB_OK && fn(&s->res, ud) != 0) {
            st = orbi_error(err, ORB_EINVAL, NULL, 0, 0, "the ensemble was stopped");
        }
        done++;
        if (opts->progress && st == ORB_OK) opts->progress(done, p.ntodo, opts->progress_ud);
        pthread_mutex_lock(&p.mu);
        if (st != ORB_OK) p.stop = 1;
        s->full = 0;
        pthread_cond_broadcast(&p.empty);
    }
    pthread_mutex_unlock(&p.mu);
    for (k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.full);
    pthread_cond_destroy(&p.empty);
out:
    slots_free(p.slots, nt);
    free(wk);
    free(tid);
    free(p.todo);
    return st;
}
