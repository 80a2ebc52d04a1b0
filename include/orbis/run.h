/*
 * run.h - futures: a shared world built once, and runs that move it
 * forward year by year (STYLE 10).
 *
 *   orb_sim_new(world, scenario, opts, &sim)   the shared world (once)
 *   orb_sim_run(sim, opts, &run)               a run: a copy of the start year
 *   orb_run_step(run)                          advance one year: ORB_OK, or
 *                                              ORB_DONE at the end year
 *   orb_run_metrics(run) ...                   read-only queries between steps
 *   orb_run_free(run); orb_sim_free(sim)       in either order
 *
 * orb_run_new(world, scenario, opts, &run) does the first two for one run.
 * A step runs nine phases in order: economy, power, security, relations,
 * alliances, order, conflict, negotiate, metrics (orb_run_phase_name;
 * docs/model.md 3). Each run owns an arena (all its memory is taken when it
 * starts; a step never allocates but inside igraph) and a Philox stream
 * keyed by (seed, run index), so a run gives the same numbers on any thread
 * or process. Runs of one sim may step in parallel threads.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_RUN_H
#define ORBIS_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/alloc.h"
#include "orbis/data.h"
#include "orbis/params.h"
#include "orbis/polarity.h"
#include "orbis/power.h"
#include "orbis/scenario.h"
#include "orbis/status.h"
#include "orbis/unsc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indicative return of orb_run_step (and orb_eu_round): finished, nothing
 * changed. Not an orb_status: statuses are errors (ORB_OK the absence of
 * one), and "finished" is a normal answer of a step, so it lives apart
 * (as Lua's LUA_YIELD beside its error codes) and never reaches an
 * orb_error. */
#define ORB_DONE 100

typedef struct orb_run orb_run;

/*
 * The shared world of a scenario: everything its runs only read (the start
 * year's states, distances, kernels, contiguity, the time-invariant parts of
 * the logits, the Council's data, the scenario's interventions by year) and
 * the start year set up once. Built by orb_sim_new from a world, a scenario
 * (may be NULL) and a parameter set; the world and the scenario are borrowed
 * for the call only. Immutable: any number of runs, in any number of
 * threads, start from one sim at once (orb_sim_run). Each run holds a
 * counted reference, so orb_sim_free may come before the runs' frees; the
 * memory goes when the last holder lets go.
 */
typedef struct orb_sim orb_sim;

/* Options of a sim; start from orb_sim_opts_default() (all zero). */
typedef struct orb_sim_opts {
    int end_year;               /* last year; 0 = the scenario's end */
    const orb_params *params;   /* parameters used as given (the scenario's overrides are then
                                   not applied), each in its table range (NaN or out of range:
                                   ORB_EINVAL); NULL = the defaults plus the scenario's
                                   overrides */
    const orb_allocator *alloc; /* the sim's memory; NULL = malloc */
} orb_sim_opts;

orb_sim_opts orb_sim_opts_default(void);

/* Build the shared world. Errors: ORB_EINVAL (world/scenario mismatch, end
 * year, a shock on an absent state, an unknown alliance), ORB_ENODATA (a
 * state lacks GDP, population or a capital: named), ORB_ENOMEM. Cost:
 * O(N^2) (distances, kernels) plus one start-year setup; see bench/. */
orb_status orb_sim_new(const orb_world *world, const orb_scenario *scenario,
                       const orb_sim_opts *opts, orb_sim **sim_out, orb_error *err);

/* Drop the caller's reference (NULL is a no-op). */
void orb_sim_free(orb_sim *sim);

int orb_sim_start_year(const orb_sim *sim);
int orb_sim_end_year(const orb_sim *sim);
size_t orb_sim_nstates(const orb_sim *sim);
const orb_params *orb_sim_params(const orb_sim *sim);
/* COW code and abbreviation of state i of the sim (its world's order). */
int orb_sim_ccode(const orb_sim *sim, size_t i);
const char *orb_sim_abb(const orb_sim *sim, size_t i);

/* Options of a run; start from orb_run_opts_default(). */
typedef struct orb_run_opts {
    uint64_t seed;              /* master seed */
    uint64_t run_index;         /* ensemble member (the Philox stream) */
    int end_year;               /* orb_run_new only (orb_sim_opts.end_year) */
    int profile;                /* 1: time each phase (orb_run_phase_seconds) */
    const orb_params *params;   /* orb_run_new only (orb_sim_opts.params) */
    const orb_allocator *alloc; /* the run's memory (its arena's blocks and crises' models),
                                   taken when it starts; NULL = malloc. orb_run_new builds its
                                   private sim with it too */
} orb_run_opts;

orb_run_opts orb_run_opts_default(void);

/* Kinds of action a state takes (the order regime checks each) and of draft
 * resolutions put to the Security Council. */
typedef enum orb_action {
    ORB_ACT_ARM = 0,       /* raise military spending */
    ORB_ACT_PACT = 1,      /* make a defence pact / join or enlarge an alliance */
    ORB_ACT_SANCTION = 2,  /* impose sanctions */
    ORB_ACT_INTERFERE = 3, /* interfere in another state's internal affairs */
    ORB_ACT_FORCE = 4      /* use force (begin a war) */
} orb_action;

#define ORB_NACTIONS 5

const char *orb_action_name(orb_action a);

typedef enum orb_resolution {
    ORB_RES_SANCTION = 0,   /* authorise sanctions */
    ORB_RES_FORCE = 1,      /* authorise the use of force */
    ORB_RES_SETTLEMENT = 2, /* call on the parties to a war to settle */
    ORB_RES_CONDEMN = 3     /* demand that a state using force without authorisation cease */
} orb_resolution;

#define ORB_NRESOLUTIONS 4

/* Why an action was blocked. */
typedef enum orb_block_reason {
    ORB_BLOCK_NONE = 0,
    ORB_BLOCK_UNILATERAL_SANCTIONS, /* unilateral sanctions forbidden; no UN mandate */
    ORB_BLOCK_INTERFERENCE,         /* non-interference */
    ORB_BLOCK_BLOC_EXPANSION,       /* bloc expansion forbidden */
    ORB_BLOCK_INDIVISIBLE_SECURITY, /* would raise another state's threat too much */
    ORB_BLOCK_NO_AUTHORISATION      /* force without Council authorisation */
} orb_block_reason;

const char *orb_block_reason_name(orb_block_reason r);

/* One action proposed in a year, taken or blocked. */
typedef struct orb_action_record {
    int year;
    orb_action kind;
    size_t actor, target;    /* run state indices */
    int taken;               /* 1 taken, 0 blocked */
    orb_block_reason reason; /* why blocked; if taken, the rule it broke (NONE: none) */
    int via_council;         /* 1 if the Council was asked */
} orb_action_record;

/* The metrics of one year. Leader and challenger are run state indices. */
typedef struct orb_metrics {
    int year;
    orb_polarity pol[ORB_NMEASURES]; /* by measure (orb_measure order) */
    double gs_gdp_share;             /* Global South share of world real GDP */
    double gs_cinc_share;            /* Global South share of total CINC */
    double gini;                     /* between-country Gini of GDP per capita, pop-weighted */
    double gini_unweighted;          /* the same, one weight per state */
    double theil;                    /* Theil T of GDP per capita, pop-weighted */
    double world_gdp;                /* real GDP, 2017 PPP USD */
    double world_pop;                /* persons */
    double trade_openness;           /* gravity trade / world GDP */
    /* security, relations, alliances, conflict */
    size_t disputes;      /* militarised dispute onsets this year (dyads) */
    size_t wars_begun;    /* dyads that went to war this year */
    size_t wars_ongoing;  /* dyads at war */
    double milex_share;   /* world military spending / world GDP (nominal) */
    double mean_threat;   /* mean total threat perceived */
    double min_security;  /* lowest security index (orb_run_security) */
    size_t least_secure;  /* its state index */
    double low_security;  /* mean security index of the least secure tenth */
    double mean_affinity; /* mean affinity over pairs */
    double polarisation;  /* mean ideological distance over pairs with ideal points */
    size_t pacts;         /* defence-pact pairs */
    size_t blocs;         /* blocs: communities of two or more states (igraph fast greedy);
                             ORB_BLOCS_UNKNOWN until orb_run_blocs computes them this year */
    double modularity;    /* modularity of that partition, NaN if not computed */
    /* order regime and Security Council */
    size_t proposed[ORB_NACTIONS];        /* actions proposed, by kind */
    size_t taken[ORB_NACTIONS];           /* ... taken */
    size_t blocked[ORB_NACTIONS];         /* ... blocked by the regime or the Council */
    size_t breached[ORB_NACTIONS];        /* ... taken in breach of a rule (counted in taken) */
    size_t sanctions_unilateral;          /* unilateral sanctions in force (pairs) */
    size_t sanctions_un;                  /* Council-mandated sanctions in force */
    size_t sanctions_conceded;            /* sanctions ended this year by the target conceding */
    size_t resolutions[ORB_NRESOLUTIONS]; /* drafts tabled, by kind */
    size_t passed[ORB_NRESOLUTIONS];      /* ... adopted whole */
    size_t weakened;                      /* drafts adopted with their action taken out */
    size_t withdrawn;                     /* drafts that would fail, withdrawn unvoted */
    size_t forced;                        /* drafts that would fail, forced to a vote */
    size_t vetoed;                        /* drafts vetoed */
    size_t vetoes_by[ORB_UNSC_PERMANENT]; /* vetoes cast, by permanent seat (COW code order) */
    /* crises */
    size_t crises_open;      /* crises still being negotiated after this year */
    size_t crises_settled;   /* crises settled this year */
    size_t crises_escalated; /* crises that escalated to war this year */
} orb_metrics;

/*
 * The yearly metrics, described: one list (name, unit, meaning, kind, the
 * table's label and format) that drives every output of them — the CLI's
 * tables, CSV and JSON of run and compare, and what comes next — so the same
 * quantity has one name everywhere. Names are the CSV columns ("cinc_con",
 * "gs_gdp_share", "world_gdp"). Polarity comes under each measure
 * (cinc_, gdp_, milex_, net_); derived totals (drafts, actions_blocked,
 * sanctions_in_force) are sums of the fields they name.
 */
typedef enum orb_value_kind {
    ORB_VALUE_REAL = 0,  /* a real number (NaN: missing) */
    ORB_VALUE_COUNT = 1, /* a whole number */
    ORB_VALUE_BOOL = 2,  /* 0 or 1 */
    ORB_VALUE_STATE = 3  /* a run state index; -1: none */
} orb_value_kind;

typedef struct orb_metric_desc {
    const char *name;    /* column name */
    const char *unit;    /* e.g. "share", "dyads", "2017 PPP USD" */
    const char *desc;    /* one line */
    orb_value_kind kind; /* how to print it */
    const char *label;   /* short table heading */
    int table;           /* 1: a column of the run table */
    int width, prec;     /* table cell: width (negative: left-aligned), decimals */
    char conv;           /* table conversion: 'f', 'e', 'd' (counts) or 's' (states) */
    int pow10;           /* the table shows value x 10^pow10 (e.g. -12: trillions) */
} orb_metric_desc;

/* Number of metrics, and metric k (NULL when k is out of range). */
size_t orb_metric_count(void);
const orb_metric_desc *orb_metric_describe(size_t k);
/* Index of the metric called name, or (size_t)-1. */
size_t orb_metric_find(const char *name);
/* Value of metric k in m: the number, a count or flag as a double, or a
 * state index (-1 none) for ORB_VALUE_STATE; NaN when k is out of range. */
double orb_metric_value(const orb_metrics *m, size_t k);

/*
 * Start a run of sim: a copy of its start year with the Philox stream
 * (opts->seed, opts->run_index). opts->params and opts->end_year must be
 * unset (they are the sim's). Thread-safe: many threads may start runs of
 * one sim at once. Errors: ORB_EINVAL, ORB_ENOMEM. Cost: a copy of the
 * run's state, O(N^2) bytes; no computation.
 */
orb_status orb_sim_run(const orb_sim *sim, const orb_run_opts *opts, orb_run **run_out,
                       orb_error *err);

/*
 * Make run a fresh run of its sim with opts' seed and run index, as
 * orb_run_free then orb_sim_run on the same sim would, but in the memory it
 * holds already: no allocation from the arena's allocator and no page
 * faults (an ensemble's worker restarts one run for each of its run
 * indices). Results are bit-identical to a new run's. opts as orb_sim_run's;
 * opts->alloc, if given, must be the run's own. On an error the run may only
 * be freed.
 */
orb_status orb_run_restart(orb_run *run, const orb_run_opts *opts, orb_error *err);

/*
 * One run without a sim of the caller's: builds a private sim from world
 * (its year is the start year; it must equal the scenario's start when a
 * scenario is given), scenario (may be NULL: no interventions; end_year must
 * then be set in opts), opts->params and opts->end_year, and starts a run of
 * it; the run holds the sim. world and scenario are borrowed for the call
 * only. Errors: those of orb_sim_new and orb_sim_run. For many runs of one
 * scenario, build the sim once instead.
 */
orb_status orb_run_new(const orb_world *world, const orb_scenario *scenario,
                       const orb_run_opts *opts, orb_run **run_out, orb_error *err);

/*
 * Advance one year. ORB_OK; ORB_DONE (nothing changed) at the end year;
 * ORB_ERANGE when the year left a state or the world outside the model's
 * finite range (a GDP, population, trade or capability infinite, NaN or not
 * positive; at the end year also any violation orb_run_check finds): the run
 * stops there, every later step returns the same, and orb_run_error says
 * which state, variable and year. ORB_EINVAL if run is NULL. Cost of the
 * checks: O(N) a year, O(N^2) once at the end.
 */
int orb_run_step(orb_run *run);

/* Step to the end year, or to a stop (orb_run_error). NULL: a no-op. */
void orb_run_to_end(orb_run *run);

/* Why the run stopped: ORB_OK if it did not (err untouched), else the
 * step's status with its message in err (if not NULL). ORB_EINVAL for NULL. */
orb_status orb_run_error(const orb_run *run, orb_error *err);

void orb_run_free(orb_run *run);

/*
 * Queries (borrowed pointers valid until the next step or free). State
 * indices i, j are 0 .. orb_run_nstates() - 1, the indices of the start
 * year's world (orb_world_index; states sorted by COW code). An index out
 * of range is the caller's error: a debug build (ORB_DEBUG) asserts; a
 * release build answers NaN (doubles), 0 (ints, "allied", "at war"), ""
 * (names) or -1 (blocs).
 */
int orb_run_year(const orb_run *run);
int orb_run_start_year(const orb_run *run);
int orb_run_end_year(const orb_run *run);
const orb_metrics *orb_run_metrics(const orb_run *run);
size_t orb_run_nstates(const orb_run *run);
/* The sim the run was started from. */
const orb_sim *orb_run_sim(const orb_run *run);
/* Index of the state with COW code ccode, or (size_t)-1. O(log N). */
size_t orb_run_index(const orb_run *run, int ccode);
int orb_run_ccode(const orb_run *run, size_t i);
const char *orb_run_abb(const orb_run *run, size_t i);
double orb_run_gdp(const orb_run *run, size_t i); /* real GDP, 2017 PPP USD */
double orb_run_pop(const orb_run *run, size_t i); /* persons */
double orb_run_comp(const orb_run *run, size_t i, orb_component c);
/* Normalised power share of state i under a measure (CINC shares sum to 1). */
double orb_run_share(const orb_run *run, size_t i, orb_measure m);
/* Security: total threat i perceives, its security index (ln(T0/C0) - ln(T/C):
 * the fall since the start year of its threat per unit of its own side's
 * capability; 0 at the start, NaN without capability), military burden. */
double orb_run_threat(const orb_run *run, size_t i);
double orb_run_security(const orb_run *run, size_t i);
double orb_run_burden(const orb_run *run, size_t i);
/* Affinity of i and j in [-1, 1]; 1 if a defence pact joins them, else 0. */
double orb_run_affinity(const orb_run *run, size_t i, size_t j);
int orb_run_allied(const orb_run *run, size_t i, size_t j);
/* Ideological distance of i and j: |ideal point_i - ideal point_j| (UNGA
 * ideal points, moving during a run: docs/model.md 5b), NaN if either has none. */
double orb_run_ideal_distance(const orb_run *run, size_t i, size_t j);
/* State i's ideal point this year, NaN if it has none. */
double orb_run_ideal(const orb_run *run, size_t i);
/* 1 if i and j are at war. */
int orb_run_at_war(const orb_run *run, size_t i, size_t j);
/*
 * Blocs are output, not model: nothing in a run reads them, so the step does
 * not compute them (igraph's fast greedy, about a third of a run's
 * instructions). orb_run_blocs computes this year's, once, into the metrics
 * (blocs, modularity) and orb_run_bloc; until then the metrics hold
 * ORB_BLOCS_UNKNOWN and NaN. It changes nothing else in the run (the bloc
 * partition is a cache of the year's pacts and affinities, filled on
 * demand), so it takes a const run; like every call on a run, one thread at
 * a time.
 */
#define ORB_BLOCS_UNKNOWN ((size_t)-1)
void orb_run_blocs(const orb_run *run);
/* Bloc of state i (0-based) this year, -1 if none; computes the year's blocs
 * first if they are not (orb_run_blocs). */
int orb_run_bloc(const orb_run *run, size_t i);

/*
 * The indivisible-security quantity: how much an action by state i would
 * raise the threat each state perceives, without taking it. delta_out gets
 * orb_run_nstates() values (the change in each state's total threat; i's own
 * entry included). Actions: ORB_ACT_ARM raises i's capability by the
 * fraction amount (e.g. 0.1 = 10%); ORB_ACT_PACT makes a defence pact
 * between i and state index j (amount ignored). ORB_EINVAL for a bad
 * action, index or amount. Cost: O(N^2). Does not change the run.
 */
orb_status orb_run_threat_delta(const orb_run *run, size_t i, orb_action action, size_t j,
                                double amount, double *delta_out);

/* The actions of the current year (borrowed until the next step); *n_out
 * their number. At most the first ORB_ACTION_LOG of a year are kept. */
#define ORB_ACTION_LOG 4096
const orb_action_record *orb_run_actions(const orb_run *run, size_t *n_out);

/* The Council of the current year: writes up to ORB_UNSC_MEMBERS state
 * indices (the permanent members first) and returns how many. */
size_t orb_run_council(const orb_run *run, size_t *members_out);

/* Rule r's switch in this run, in orb_scenario_set_rule's sense (scenario,
 * regime and overrides), and its enforcement. */
int orb_run_rule(const orb_run *run, orb_rule r);
double orb_run_enforcement(const orb_run *run, orb_rule r);

/* The state of the scenario's crisis k (k < the scenario's crises). */
typedef enum orb_crisis_status {
    ORB_CRISIS_OPEN = 0,     /* not yet begun, or being negotiated */
    ORB_CRISIS_SETTLED = 1,  /* settled: *position_out the settlement */
    ORB_CRISIS_ESCALATED = 2 /* the bargaining range emptied: war */
} orb_crisis_status;

/* Status of crisis k, with the year it ended and the (settlement or last
 * forecast) position; ORB_EINVAL if there is no crisis k. */
orb_status orb_run_crisis(const orb_run *run, size_t k, orb_crisis_status *status_out,
                          int *year_out, double *position_out);

/* Crisis k's talks in the last year they were held: *period_out 0 if they
 * reached a fixed point, k > 0 if the positions cycle with period k (the
 * forecast is then the mean of the cycle's medians), -1 if they did neither
 * within negotiate.max_rounds; the rounds they took and the forecast (NaN
 * before any talks). ORB_EINVAL if there is no crisis k. */
orb_status orb_run_crisis_talks(const orb_run *run, size_t k, int *period_out, int *rounds_out,
                                double *forecast_out);

/* Total gravity trade of state i (USD-equivalent, see docs/model.md). */
double orb_run_trade(const orb_run *run, size_t i);
const orb_params *orb_run_params(const orb_run *run);

/* Phases, their names and (with opts.profile) seconds spent in each. */
size_t orb_run_nphases(void);
const char *orb_run_phase_name(size_t phase);
double orb_run_phase_seconds(const orb_run *run, size_t phase);

/*
 * Check the run's invariants: every quantity finite (missing NMC
 * components excepted), shares in [0, 1] summing to one, affinity, pacts
 * and wars symmetric, and each phase's own invariants. ORB_OK or
 * ORB_EINVAL with a message naming the first violation. Debug builds
 * (ORB_DEBUG) run it after every phase and assert. Cost: O(N^2).
 */
orb_status orb_run_check(const orb_run *run, orb_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_RUN_H */
