/*
 * ensemble.h - many futures of one scenario: runs 0 .. N-1 of one shared
 * world on a pool of threads, each reported as it finishes.
 *
 *   orb_ensemble_opts o = orb_ensemble_opts_default();
 *   o.runs = 1000;
 *   orb_ensemble_run(sim, &o, on_result, ud, &err);   on_result(res, ud) per run
 *
 * Run i draws from the Philox stream (seed, i), so its numbers are the same
 * on any thread, in any process, in any order. Results reach the callback on
 * the calling thread, one at a time, in the order the runs finish; a result
 * is valid during the call only. Memory does not grow with the number of
 * runs: each worker holds one run and one result.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_ENSEMBLE_H
#define ORBIS_ENSEMBLE_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/run.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of event a run reports (orb_run_event.kind). */
typedef enum orb_event_kind {
    ORB_EV_WAR = 0,          /* a war begun: a the side using force, b the other */
    ORB_EV_WAR_MAJOR,        /* ... one of them a COW major power */
    ORB_EV_WAR_P5,           /* ... one of them a permanent member */
    ORB_EV_TRANSITION,       /* the leader changed: a new, b old; value the measure */
    ORB_EV_PASS,             /* a passed b for the first time; value the pass (orb_pass_name) */
    ORB_EV_FORCE_AUTHORISED, /* the Council authorised force; value the drafts adopted */
    ORB_EV_VETO,             /* drafts vetoed this year; value their number */
    ORB_EV_SANCTIONS,        /* sanctions imposed this year; value their number */
    ORB_EV_CRISIS_SETTLED,   /* a the crisis (scenario order); value the settlement */
    ORB_EV_CRISIS_ESCALATED, /* a the crisis; value the last forecast */
    ORB_EV_GS_MAJORITY       /* the Global South's share of real GDP passed one half */
} orb_event_kind;

#define ORB_NEVENT_KINDS 11

/* Name of an event kind ("war", "transition", ...), NULL if out of range. */
const char *orb_event_kind_name(orb_event_kind k);

/* The named "passes" a run watches (value of ORB_EV_PASS): k = 0, 1, ...
 * until NULL. Name (e.g. "gdp_chn_passes_usa"), measure, and the COW codes
 * of the state that passes and the state passed. */
const char *orb_pass_name(size_t k, orb_measure *measure, int *a, int *b);

typedef struct orb_run_event {
    int year;
    orb_event_kind kind;
    int a, b;     /* COW codes (crisis number for the crisis events; 0 when none) */
    double value; /* as the kind says */
} orb_run_event;

/* Per-state series (opts.per_state), in this order for each state and year. */
enum {
    ORB_SV_GDP = 0, /* real GDP, 2017 PPP USD */
    ORB_SV_POP,     /* persons */
    ORB_SV_CINC,    /* CINC share */
    ORB_SV_GDP_SHARE,
    ORB_SV_MILEX_SHARE,
    ORB_SV_BURDEN, /* military spending / GDP */
    ORB_SV_THREAT,
    ORB_SV_SECURITY,
    ORB_SV_BLOC,   /* -1 none, or not computed (orb_ensemble_opts.bloc_years) */
    ORB_SV_AT_WAR, /* 1 at war with anyone */
    ORB_NSV
};

/* Name of per-state series v ("gdp", "pop", ...), NULL if out of range. */
const char *orb_state_var_name(int v);

/* Which uncertainty the runs carry (docs/model.md "Parameter uncertainty"). */
typedef enum orb_uncertainty {
    ORB_UNC_SHOCKS = 0, /* the runs' random draws, the parameters fixed (default) */
    ORB_UNC_PARAMS = 1, /* each run draws its parameters (orb_params_draw); growth shocks off */
    ORB_UNC_ALL = 2     /* both */
} orb_uncertainty;

/* Name of an uncertainty ("shocks", "params", "all"), NULL if out of range;
 * parse one (ORB_EINVAL for an unknown name). */
const char *orb_uncertainty_name(orb_uncertainty u);
orb_status orb_uncertainty_parse(const char *name, orb_uncertainty *out);

/* One finished run. */
typedef struct orb_run_result {
    uint64_t run;          /* its index */
    int start, end;        /* years */
    size_t nyears;         /* end - start + 1 */
    size_t nmetrics;       /* orb_metric_count() */
    const double *metrics; /* [nyears * nmetrics]: year y's row at (y - start) * nmetrics */
    size_t nevents;
    const orb_run_event *events; /* in year order */
    size_t nstates;              /* per_state: states; else 0 */
    const int *ccode;            /* [nstates] */
    const double *states;        /* [nyears * nstates * ORB_NSV] when per_state */
    const orb_params *params;    /* the run's own parameters (drawn), NULL when the sim's */
} orb_run_result;

/* Called for every finished run on the calling thread; non-zero stops the
 * ensemble (orb_ensemble_run then returns ORB_EINVAL unless the callback set
 * its own error through ud). */
typedef int (*orb_result_fn)(const orb_run_result *res, void *ud);

/* Called after each result with the runs done and due (for a progress line). */
typedef void (*orb_progress_fn)(size_t done, size_t total, void *ud);

typedef struct orb_ensemble_opts {
    uint64_t seed;             /* master seed; default 1 */
    size_t runs;               /* runs 0 .. runs - 1; default 1 */
    unsigned threads;          /* worker threads; 0 = every core */
    int per_state;             /* 1: report per-state series */
    const unsigned char *skip; /* [runs] or NULL: runs to leave out (done already) */
    uint64_t first, stride;    /* this process's share: runs first, first + stride, ...
                                  (stride 0 = 1; for MPI ranks) */
    orb_progress_fn progress;
    void *progress_ud;
    orb_uncertainty uncertainty;  /* default ORB_UNC_SHOCKS */
    const orb_world *world;       /* with parameter draws: the world and the scenario */
    const orb_scenario *scenario; /* each run's own sim is built from (borrowed) */
    /* the years whose blocs each run computes (orb_run_blocs: igraph, about a
       third of a run's instructions); elsewhere the blocs metric is NaN and a
       state's bloc -1. bloc_years NULL with bloc_every_year 0: none. */
    const int *bloc_years; /* [nbloc_years], borrowed */
    size_t nbloc_years;
    int bloc_every_year; /* 1: every year */
} orb_ensemble_opts;

orb_ensemble_opts orb_ensemble_opts_default(void);

/*
 * Run the ensemble of sim. Errors: ORB_EINVAL (bad options; a callback that
 * stopped it), ORB_ENOMEM, those of orb_sim_run. The runs already reported
 * stay reported when an error stops it.
 */
orb_status orb_ensemble_run(const orb_sim *sim, const orb_ensemble_opts *opts, orb_result_fn fn,
                            void *ud, orb_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_ENSEMBLE_H */
