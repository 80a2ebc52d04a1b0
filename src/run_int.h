/*
 * run_int.h - private: the shared world of a scenario (orb_sim), the run's
 * core record, and the phase table's contract.
 *
 * A run is its core (below) plus one sub-record per phase. The core holds
 * only the state the phases exchange; each of its fields is written by one
 * module, its owner (named at the field), and by no other: another phase
 * that must change it calls the owner's function (orbi_relations_shift,
 * orbi_conflict_war_begin, ...). A phase's sub-record is defined in its own
 * .c file and no other file sees it. Everything a run only reads lives in
 * the orb_sim, built once and shared by every run in every thread.
 * docs/hacking.md says how to add a phase.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_RUN_INT_H
#define ORB_RUN_INT_H

#include <math.h>
#include <stdatomic.h>

#include "data_int.h"
#include "params_int.h"

/* Counter purposes of the run's random draws (second Philox counter word). */
enum {
    ORBI_DRAW_GROWTH = 1,
    ORBI_DRAW_MID = 2,       /* dispute onset, per dyad */
    ORBI_DRAW_WAR = 3,       /* escalation to war, per dyad */
    ORBI_DRAW_PEACE = 4,     /* war termination, per dyad */
    ORBI_DRAW_FORM = 5,      /* alliance formation, per dyad */
    ORBI_DRAW_LAPSE = 6,     /* alliance lapse, per dyad */
    ORBI_DRAW_SANCTION = 7,  /* a sanction proposal, per directed pair */
    ORBI_DRAW_INTERFERE = 8, /* an interference proposal, per directed pair */
    ORBI_DRAW_LIFT = 9,      /* a sanction lifted, per directed pair */
    ORBI_DRAW_IDEAL = 10,    /* an ideal-point shock, per state */
    ORBI_DRAW_COMP = 11,     /* a capability component's shock, per state x 3 + component */
    ORBI_DRAW_BREACH = 12,   /* a rule broken, per ((actor x n + target) x kind) x rule */
    ORBI_DRAW_FORCED =
        13 /* a failing draft forced to a vote, per (kind x n + sponsor) x n + target */
};

/* A rise of a state's military burden by more than this fraction in a year is
 * an arming action the order regime checks. */
#define ORBI_ARM_MATERIAL 0.01

/* Named alliances a scenario may join, leave, form or end. */
#define ORBI_MAX_ALLIANCES 16

/* Log-odds below which an event's yearly probability (< 1e-13) is not drawn. */
#define ORBI_ETA_NEGLIGIBLE (-30.0)

/* ---- the shared world (sim.c) -------------------------------------------- */

/*
 * Everything the runs of one scenario, world and parameter set only read.
 * Immutable after orb_sim_new but for the reference count; any number of
 * runs in any number of threads share it.
 */
#define ORBI_LTAB 40  /* the bounds table of orbi_below_logistic: integers -40 .. 40 */
#define ORBI_PTAB 512 /* peace years whose peace-years term the sim tables */
#define ORBI_SPARSE_T                                                                              \
    (-4.0) /* orbi_sparse_draw: log-odds drawn one by one above it (an                             \
               efficiency choice: results are exact whatever it is) */

struct orb_sim {
    atomic_size_t refs; /* the creator's reference plus one per live run */
    orbi_arena arena;   /* the sim's memory */
    orb_params par;
    orb_polarity_opts popts;
    int start, end;                     /* years */
    size_t n;                           /* states */
    double enforce[ORB_NRULES];         /* each rule's enforcement (orb_scenario_enforcement) */
    size_t frontier;                    /* index of the frontier economy */
    size_t hegemon;                     /* index of order.hegemon, (size_t)-1 if absent */
    size_t p5[ORB_UNSC_PERMANENT], np5; /* permanent members, by COW code */
    /* states [n] */
    int *ccode;
    char (*abb)[8];
    unsigned char *gs;    /* Global South */
    unsigned char *major; /* COW major power at the start */
    unsigned char *is_p5;
    unsigned char *group; /* UN regional group (1-5), 0 if none */
    double *ideal;        /* UNGA ideal point at the start, NaN if none */
    double *ideal_mean;   /* its long-run level (orb_state.ideal_mean; the start's
                             ideal point where that is unknown), NaN if none */
    double ideal_range;   /* range of the start's ideal points: affinity's scale */
    double *gdp0;         /* real GDP at the start */
    double *growth_alpha; /* the state's growth intercept with econ.state_effects: its effect
                             (orb_state.growth_effect), else its group's mean */
    double *nomgdp0;      /* nominal GDP at the start (WB USD; else real) */
    /* pairs [n * n] */
    unsigned char *contig;          /* COW contiguity type 1-5, 0 none */
    unsigned char *rival;           /* strategic rivals in the start year (TSS), held */
    double *dist;                   /* capital distance, km */
    double *lnd;                    /* ln of the distance (at least 1 km) */
    double *tker;                   /* threat kernel (contiguity, distance) */
    double *kern;                   /* trade kernel d^-theta, 0 on the diagonal */
    double *eta0;                   /* the dispute logit's time-invariant part */
    double ltab[2 * ORBI_LTAB + 1]; /* logistic(k), k = -ORBI_LTAB .. ORBI_LTAB, a hair above
                                       (orbi_below_logistic) */
    double ptab[ORBI_PTAB];         /* orbi_peace_part(P, t) for t < ORBI_PTAB peace years */
    double spbar, slq;              /* orbi_sparse_draw: logistic(ORBI_SPARSE_T), ln(1 - it) */
    /* the data and the scenario, copied and sorted by year */
    size_t nunsc;
    orbi_unscrow *unsc; /* elected Council members, every data year */
    size_t nshock;
    orb_shock *shock;
    size_t nevent;
    orb_event *event;
    size_t npart;
    orb_partnership *part;
    size_t nachange;
    orb_alliance_change *achange;
    size_t ncrisis;
    orb_crisis *crisis;
    orb_run *proto; /* the start year, initialised once: every run is a copy */
};

/* ---- the run's core ------------------------------------------------------ */

#define ORBI_NPHASES 9

/* The last Philox block drawn for one purpose: orbi_uniform4 takes four
 * items from a block, and consecutive items of a purpose come in order, so
 * one block serves four draws (the stream is the same as without it). */
typedef struct orbi_ublock {
    uint64_t year, purpose, ctr; /* the block's counter */
    uint64_t w[4];
    int ok;
} orbi_ublock;

#define ORBI_UCACHE 16 /* purposes cached: every ORBI_DRAW_* below it */
_Static_assert(ORBI_DRAW_FORCED < ORBI_UCACHE, "a draw purpose without its own cached block");

struct orb_run {
    const orb_sim *sim; /* a counted reference */
    orbi_arena arena;   /* all the run's memory, taken at its start */
    orb_rng rng;
    orbi_ublock ucache[ORBI_UCACHE]; /* orbi_uniform4's blocks, by purpose */
    int year;
    int profile;                    /* 1: time each phase */
    int dense_draws;                /* 1 (tests): one draw per pair, not orbi_sparse_draw */
    double phase_sec[ORBI_NPHASES]; /* seconds in each phase */
    void *ps[ORBI_NPHASES];         /* each phase's sub-record */
    orb_metrics m;                  /* each field written by one phase (docs/hacking.md) */
    orb_status fail;                /* ORB_OK, or why the run stopped (orb_run_error) */
    orb_error fail_err;             /* its message */
    /* economy */
    double *y;      /* [n] real GDP per capita */
    double *pop;    /* [n] persons */
    double *gdp;    /* [n] y * pop */
    double *dlngdp; /* [n] log growth of GDP this year */
    double *dlnpop; /* [n] log growth of population this year */
    double *trade;  /* [n] gravity trade */
    double *gsum;   /* [n] its gravity sum, sum_j k(d_ij) GDP_j: j's share of i's trade is
                       GDP_j k(d_ij) / gsum_i */
    /* power */
    double *comp;                 /* [n * ORB_NCOMP] NMC components */
    double *cinc;                 /* [n] CINC */
    double *share[ORB_NMEASURES]; /* [n] normalised shares by measure */
    /* security */
    double *burden; /* [n] military spending / GDP (NaN: milex missing) */
    double *capeff; /* [n] CINC share plus allies' support */
    double *threat; /* [n] total threat perceived */
    double *secidx; /* [n] security index ln(T0/C0) - ln(T/C), NaN: none */
    /* relations */
    double *ideal;          /* [n] ideal point, NaN if none */
    double *aff;            /* [n * n] affinity, symmetric, [-1, 1] */
    unsigned char *partner; /* [n * n] declared partnership in force */
    /* alliances */
    unsigned char *ally; /* [n * n] defence pact */
    int *bloc;           /* [n] bloc of each state, -1 none; valid when blocs_year == year */
    int blocs_year;      /* the year whose blocs bloc[] and m.blocs hold (orb_run_blocs) */
    /* order */
    unsigned char *sanction; /* [n * n] i sanctions j: 0 none, 1 unilateral, 2 UN */
    double *drag;            /* [n] growth drag next year (sanctions, interference) */
    /* conflict */
    unsigned char *war;      /* [n * n] at war */
    unsigned char *atwar;    /* [n] in a war this year */
    unsigned char *onset[2]; /* [n * n] dispute onsets of the years of parity 0 and 1 */
};

/* ---- phases -------------------------------------------------------------- */

/* An array field of a record: where its pointer is, its element size, and
 * how many elements (per times 1, n or n * n). Scratch is not copied. */
typedef struct orbi_array {
    size_t off, elem, per;
    unsigned char dim;     /* ORBI_DIM_* */
    unsigned char scratch; /* 1: work space, not state */
} orbi_array;

enum { ORBI_DIM_ONE = 0, ORBI_DIM_N = 1, ORBI_DIM_NN = 2 };

#define ORBI_ARRAY(type, field, per, dim)                                                          \
    {                                                                                              \
        offsetof(type, field), sizeof *((type *)0)->field, (per), (dim), 0                         \
    }
#define ORBI_SCRATCH(type, field, per, dim)                                                        \
    {                                                                                              \
        offsetof(type, field), sizeof *((type *)0)->field, (per), (dim), 1                         \
    }

/*
 * A phase: a module with its own sub-record (size bytes, its arrays listed),
 * set up by init from the world and the scenario (once per sim, on the
 * prototype run: every other run starts as a copy of it), moved by step,
 * checked by check. init runs in table order and sets the phase's own
 * fields only; start (optional) runs after every init, for what needs
 * other phases' start values (security's threat needs the pacts). Optional
 * hooks: begin (a new year, before any phase steps: reset the year's
 * counts), clone (set up what a byte copy cannot, e.g. objects with memory
 * of their own; called instead of the copy), fini (release them).
 */
typedef struct orbi_phase {
    const char *name;
    size_t size;
    const orbi_array *arrays;
    size_t narrays;
    orb_status (*init)(orb_run *r, void *self, const orb_world *w, const orb_scenario *scn,
                       orb_error *err);
    void (*start)(orb_run *r, void *self);
    orb_status (*clone)(orb_run *r, void *self, const void *proto, orb_error *err);
    void (*begin)(orb_run *r, void *self);
    void (*step)(orb_run *r, void *self);
    orb_status (*check)(const orb_run *r, const void *self, orb_error *err);
    void (*fini)(orb_run *r, void *self);
} orbi_phase;

/* The phases in step order (run.c holds the table). */
extern const orbi_phase orbi_phase_economy, orbi_phase_power, orbi_phase_security,
    orbi_phase_relations, orbi_phase_alliances, orbi_phase_order, orbi_phase_conflict,
    orbi_phase_negotiate, orbi_phase_metrics;

enum {
    ORBI_PH_ECONOMY,
    ORBI_PH_POWER,
    ORBI_PH_SECURITY,
    ORBI_PH_RELATIONS,
    ORBI_PH_ALLIANCES,
    ORBI_PH_ORDER,
    ORBI_PH_CONFLICT,
    ORBI_PH_NEGOTIATE,
    ORBI_PH_METRICS
};

/* Allocate (zeroed) the arrays of a record for n states from the arena;
 * ORB_ENOMEM if out of memory. */
ORB_INTERNAL orb_status orbi_arrays_new(orbi_arena *a, void *rec, const orbi_array *arr, size_t k,
                                        size_t n, orb_error *err);
/* Copy the contents of the (non-scratch) arrays of src into dst's. */
ORB_INTERNAL void orbi_arrays_copy(void *dst, const void *src, const orbi_array *arr, size_t k,
                                   size_t n);

/* The sim's prototype: a run whose records are allocated (zeroed) from the
 * sim's allocator; orbi_run_setup then initialises every phase from the
 * world and the scenario; orbi_run_release frees it (no reference held). */
ORB_INTERNAL orb_status orbi_run_alloc(const orb_sim *s, orb_run **out, orb_error *err);
ORB_INTERNAL orb_status orbi_run_setup(orb_run *r, const orb_world *w, const orb_scenario *scn,
                                       orb_error *err);
ORB_INTERNAL void orbi_run_release(orb_run *r);
/* orbi_sim_index of the run's sim. */
ORB_INTERNAL size_t orbi_run_index(const orb_run *r, int ccode);

/* ---- what phases ask of one another (each writes its own fields) --------- */

/* Index of the state with COW code ccode, or (size_t)-1. O(log n). */
ORB_INTERNAL size_t orbi_sim_index(const orb_sim *s, int ccode);
/* This year's (or last year's) dispute onsets: the conflict phase writes them. */
ORB_INTERNAL unsigned char *orbi_onsets(const orb_run *r, int year);
/* Propose an action of i (on j; amount for arming: the fractional rise of i's
 * capability); check it against the regime, ask the Council where the regime
 * says so, log it. Returns 1 if taken. (order.c: the gate every phase asks.) */
/* Propose an action; eta is the log-odds at which the record has it (NaN
 * for an action the engine proposes for certain: a crisis's force, a
 * scenario's pact, arming). Returns 1 if taken (order.c). */
ORB_INTERNAL int orbi_order_act(orb_run *r, orb_action kind, size_t i, size_t j, double amount,
                                double eta);
/* i and j go to war this year; a war ends (conflict.c). */
ORB_INTERNAL void orbi_conflict_war_begin(orb_run *r, size_t i, size_t j);
ORB_INTERNAL void orbi_conflict_war_end(orb_run *r, size_t i, size_t j);
/* The onset logit's predictor of pair (i, j) this year, as the conflict
 * phase computes it (its step calls this; the tests observe it). */
ORB_INTERNAL double orbi_conflict_eta(const orb_run *r, size_t i, size_t j);
/* Peace years of pair (i, j): years since its last dispute onset. */
ORB_INTERNAL double orbi_conflict_peace(const orb_run *r, size_t i, size_t j);
/* Add d to the affinity of i and j, kept in [-1, 1] (relations.c). */
ORB_INTERNAL void orbi_relations_shift(orb_run *r, size_t i, size_t j, double d);
/* Scale i's military burden by f (a scenario shock; security.c). */
ORB_INTERNAL void orbi_security_scale_burden(orb_run *r, size_t i, double f);
/* Military spending of state i from its burden and GDP (power's milex). */
ORB_INTERNAL double orbi_milex(const orb_run *r, size_t i);
/* Threat, security index and capability with allies from the current state. */
ORB_INTERNAL void orbi_security_threat(orb_run *r);
/* Gravity trade of every state from the current GDP (economy). */
ORB_INTERNAL void orbi_economy_trade(orb_run *r);
/* CINC and the normalised shares from the current components (power). */
ORB_INTERNAL void orbi_power_shares(orb_run *r);
/* Bloc detection (igraph fast greedy) into r->bloc and the metrics. */
/* This year's blocs are not computed yet: m.blocs ORB_BLOCS_UNKNOWN,
 * m.modularity NaN (orb_run_blocs computes them on demand). */
ORB_INTERNAL void orbi_alliances_blocs_stale(orb_run *r);

/* A uniform draw in (0, 1) for item idx, four items to one Philox block:
 * counter (year, purpose, idx / 4), word idx % 4. */
ORB_INTERNAL double orbi_uniform4(orb_run *r, uint64_t year, uint64_t purpose, uint64_t idx);

/* The logistic function, 1 / (1 + exp(-x)): every logit of the engine. */
static inline double orbi_logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* Is u below logistic(eta) = 1 / (1 + exp(-eta))? The comparison's own
 * answer, without exp for most u: logistic increases, so a u at or above
 * the sim's bound at ceil(eta) (logistic there, raised by 1e-12 of itself)
 * is above it. NaN eta: false. */
static inline int orbi_below_logistic(const orb_sim *s, double u, double eta)
{
    if (eta < ORBI_LTAB && eta > -ORBI_LTAB && u >= s->ltab[(int)ceil(eta) + ORBI_LTAB]) return 0;
    return u < orbi_logistic(eta);
}

/*
 * Sparse Bernoulli draws (sparse.c; issue 14; docs/model.md 3): item q of m,
 * at position pos[q] of a row of n (pos increasing), happens with
 * probability logistic(eta[q]) (0 when eta[q] is NaN or at most
 * ORBI_ETA_NEGLIGIBLE), independently: hit[q] = 1. Items above log-odds
 * ORBI_SPARSE_T get a draw each; the row's positions are candidates with
 * probability pbar = logistic(ORBI_SPARSE_T) each, independently (geometric
 * gaps, floor(ln u / ln(1 - pbar))), and a rarer item at a candidate position
 * happens with probability logistic(eta) / pbar (thinning): exact, at about
 * 2 pbar draws per position instead of one. Draws: (year, purpose, base +
 * k), base = row ORBI_SPARSE_DRAWS(n), k < ORBI_SPARSE_DRAWS(n): gaps from
 * base, items' own at base + n + 1 + position, so the common random numbers
 * of paired runs hold item by item. With r->dense_draws (tests) every item
 * gets the draw row n + position instead: the dense engine's stream.
 * Returns the hits.
 */
#define ORBI_SPARSE_DRAWS(n) (2 * (uint64_t)(n) + 1)
ORB_INTERNAL size_t orbi_sparse_draw(orb_run *r, uint64_t year, uint64_t purpose, uint64_t row,
                                     size_t n, size_t m, const size_t *pos, const double *eta,
                                     unsigned char *hit);

/* Engine use of an EU model: set capabilities (those > 0), keep no log. */
ORB_INTERNAL void orbi_eu_engine(orb_eu *m, const double *capability);
/* Spread of the current positions over the initial range. */
ORB_INTERNAL double orbi_eu_spread(const orb_eu *m);
/* 1: the direct O(n^3) all-pairs sums whatever the number of actors (tests
 * compare it with the fast one); refreshes the model. */
ORB_INTERNAL void orbi_eu_exact(orb_eu *m, int exact);
/* From this many actors the all-pairs probabilities use sorted positions and
 * prefix sums (O(n^2) a round) instead of the direct sums (O(n^3)). */
#define ORBI_EU_FAST_N 64

#endif /* ORB_RUN_INT_H */
