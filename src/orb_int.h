/*
 * orb_int.h - private definitions shared by liborbis modules.
 *
 * Not API. Helpers shared across modules are named orbi_<module>_<verb> and
 * marked ORB_INTERNAL (hidden visibility).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_INT_H
#define ORB_INT_H

#include <stddef.h>
#include <stdio.h>

#include "orbis/orbis.h"

#if defined(__GNUC__)
#define ORB_INTERNAL     __attribute__((visibility("hidden")))
#define ORB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ORB_INTERNAL
#define ORB_PRINTF(f, a)
#endif

#ifdef ORB_DEBUG
#include <assert.h>
#define ORB_ASSERT(x) assert(x)
#else
#define ORB_ASSERT(x) ((void)0)
#endif

/*
 * Record an error in err (may be NULL) and return code. file may be NULL;
 * line/column 0 mean "not in a file". The single breakpoint target for every
 * error the library raises.
 */
ORB_INTERNAL orb_status orbi_error(orb_error *err, orb_status code, const char *file,
                                   unsigned long line, unsigned long column, const char *fmt, ...)
    ORB_PRINTF(6, 7);

/* Raise an error that is not tied to a file position, and return it. */
#define ORB_FAIL(err, code, ...) return orbi_error((err), (code), NULL, 0, 0, __VA_ARGS__)

/* Pass a non-OK status up. */
#define ORB_TRY(expr)                                                                              \
    do {                                                                                           \
        orb_status orb_try_s_ = (expr);                                                            \
        if (orb_try_s_ != ORB_OK) return orb_try_s_;                                               \
    } while (0)

/* Copy src into dst of size n, always NUL-terminated, truncating. */
ORB_INTERNAL void orbi_strlcpy(char *dst, const char *src, size_t n);

/* Case-insensitive ASCII string equality. */
ORB_INTERNAL int orbi_strieq(const char *a, const char *b);

/* ---- allocators (alloc.c) -------------------------------------------------- */

/* Copy a caller's allocator (NULL, or neither function set: malloc and free)
 * into *out; ORB_EINVAL if only one of its functions is set. */
ORB_INTERNAL orb_status orbi_allocator(const orb_allocator *a, orb_allocator *out, orb_error *err);
/* size bytes (size 0 counts as 1); NULL if out of memory. */
ORB_INTERNAL void *orbi_alloc(const orb_allocator *a, size_t size);
/* n * size zeroed bytes; NULL on overflow or out of memory. */
ORB_INTERNAL void *orbi_calloc(const orb_allocator *a, size_t n, size_t size);
/* realloc through a: p (old bytes long) moved to a block of size bytes;
 * NULL if out of memory, p then untouched. */
ORB_INTERNAL void *orbi_grow(const orb_allocator *a, void *p, size_t old, size_t size);
/* Give p back to a; NULL is a no-op. */
ORB_INTERNAL void orbi_free(const orb_allocator *a, void *p);

/* ---- per-run arena (arena.c) ---------------------------------------------- */

typedef struct orbi_arena {
    struct orbi_arena_block *head; /* newest block first */
    size_t total;                  /* bytes obtained from the allocator */
    orb_allocator al;              /* where the blocks come from */
} orbi_arena;

/* n zeroed bytes, 16-byte aligned, valid until orbi_arena_free; NULL if out of memory. */
ORB_INTERNAL void *orbi_arena_alloc(orbi_arena *a, size_t n);

/* Release every block; the arena may be used again. */
ORB_INTERNAL void orbi_arena_free(orbi_arena *a);

/* ---- text helpers (text.c) ------------------------------------------------ */

/* Levenshtein distance between a and b, case-insensitive (ASCII), capped at 64. */
ORB_INTERNAL size_t orbi_edit_distance(const char *a, const char *b);

/* The k candidates nearest to name (ties keep table order) into out; returns
 * how many (k at most, fewer if there are fewer candidates). */
ORB_INTERNAL size_t orbi_nearest(const char *name, const char *const *cand, size_t ncand,
                                 const char **out, size_t k);

/* Format " (nearest: a, b, c)" into buf, or "" when k == 0. */
ORB_INTERNAL void orbi_nearest_msg(char *buf, size_t n, const char *const *near, size_t k);

/* ---- parameter indices (params.c holds the table in this order) ----------- */

enum {
    ORBI_P_ECON_ALPHA,
    ORBI_P_ECON_BETA,
    ORBI_P_ECON_MOMENTUM,
    ORBI_P_ECON_SD_SOUTH,
    ORBI_P_ECON_SD_NORTH,
    ORBI_P_ECON_SHOCK_SIZE,
    ORBI_P_ECON_SHOCKS,
    ORBI_P_ECON_FRONTIER,
    ORBI_P_DEMO_POP,
    ORBI_P_DEMO_URBAN,
    ORBI_P_IRST_TREND,
    ORBI_P_IRST_ELAST,
    ORBI_P_PEC_TREND,
    ORBI_P_PEC_ELAST,
    ORBI_P_MILPER_TREND,
    ORBI_P_MILPER_ELAST,
    ORBI_P_TRADE_THETA,
    ORBI_P_TRADE_SCALE,
    ORBI_P_POLE_SHARE,
    ORBI_P_PARITY,
    ORBI_P_CONF_CONST, /* dispute-onset logit: intercept and coefficients, in this order */
    ORBI_P_CONF_LAND,
    ORBI_P_CONF_SEA,
    ORBI_P_CONF_LNDIST,
    ORBI_P_CONF_LNCAP,
    ORBI_P_CONF_ALLY,
    ORBI_P_CONF_AFF,
    ORBI_P_CONF_MAJOR,
    ORBI_P_CONF_PARDIS,
    ORBI_P_CONF_PEACE1,
    ORBI_P_CONF_PEACE2,
    ORBI_P_CONF_PEACE3,
    ORBI_P_CONF_PWAR,
    ORBI_P_CONF_WAREND,
    ORBI_P_CONF_WARCOST,
    ORBI_P_ARMS_G,
    ORBI_P_ARMS_A,
    ORBI_P_ARMS_K,
    ORBI_P_SEC_OMEGA,
    ORBI_P_SEC_DELTA,
    ORBI_P_SEC_DREF,
    ORBI_P_REL_CONST,
    ORBI_P_REL_REV,
    ORBI_P_REL_ALLY,
    ORBI_P_REL_BAL,
    ORBI_P_REL_MID,
    ORBI_P_REL_EVENT,
    ORBI_P_REL_PARTNER,
    ORBI_P_ALLY_FCONST, /* alliance-formation logit */
    ORBI_P_ALLY_FAFF,
    ORBI_P_ALLY_FLAND,
    ORBI_P_ALLY_FLNDIST,
    ORBI_P_ALLY_FTHREAT,
    ORBI_P_ALLY_LCONST, /* alliance-lapse logit */
    ORBI_P_ALLY_LAFF,
    ORBI_P_BLOC_AFF,
    ORBI_P_ORD_HEGEMON, /* order regime */
    ORBI_P_ORD_TAU,
    ORBI_P_SANC_CONST,
    ORBI_P_SANC_AFF,
    ORBI_P_SANC_SIZE,
    ORBI_P_SANC_LIFT,
    ORBI_P_SANC_COST_UN,
    ORBI_P_SANC_COST_UNI,
    ORBI_P_SANC_AFFCOST,
    ORBI_P_INT_CONST,
    ORBI_P_INT_AFF,
    ORBI_P_INT_POWER,
    ORBI_P_INT_COST,
    ORBI_P_INT_AFFCOST,
    ORBI_P_UNSC_MARGIN,
    ORBI_P_UNSC_VETO,
    ORBI_P_NEG_ROUNDS, /* negotiation in the engine */
    ORBI_P_NEG_SPREAD,
    ORBI_P_NEG_COST_A,
    ORBI_P_NEG_COST_B,
    ORBI_P_NEG_SUPPORT,
    ORBI_P_COUNT
};

/* Growth shocks' SD is stated for a state holding this share of world GDP
 * (a choice of units for econ.shock_sd_*, not a model parameter):
 * sigma_i = sigma_g (share_i / ORBI_SHOCK_REF_SHARE)^(-econ.shock_size). */
#define ORBI_SHOCK_REF_SHARE 0.01
/* States need this many convergence residuals to enter the shock-size
 * regression (calibrate.c): an SD from fewer is too noisy. */
#define ORBI_VOL_MIN_YEARS 10

/* ---- security helpers (security.c) ---------------------------------------- */

/* Distance-and-contiguity factor of the threat: exp(b_land L + b_sea S)
 * (max(d, d_ref) / d_ref)^b_lndist, with the parameter values P. */
ORB_INTERNAL double orbi_threat_kernel(const double *P, int conttype, double dist_km);

/* The dispute-onset logit's linear predictor (the conflict phase and
 * orb_dispute_probability share it). */
ORB_INTERNAL double orbi_onset_eta(const double *P, int land, int sea, double dist_km,
                                   double cap_ratio, int ally, double aff, int major, double pardis,
                                   double t);

/* Blocs of a network of n states: edges are pacts (weight 1) plus pairs with
 * affinity above thr (weight a). Writes each state's bloc (-1 for none) to
 * bloc, and returns the number of blocs of two or more states; *modularity
 * the partition's modularity (NaN when there is no edge or igraph fails). */
ORB_INTERNAL size_t orbi_blocs(size_t n, const unsigned char *ally, const double *aff, double thr,
                               int *bloc, double *modularity);

/* Capability with allies (capeff), total threat and (if not NULL) the security
 * index of n states, from CINC shares, pacts, affinity (NaN: neutral) and the
 * threat kernel (docs/model.md 5a). Shared by the run and the calibration. */
ORB_INTERNAL void orbi_threat_compute(const double *P, size_t n, const double *cinc,
                                      const unsigned char *ally, const double *aff,
                                      const double *tker, double *capeff, double *threat,
                                      double *secidx);

/* The threat-weighted mean burden of the others as state i sees them; NaN if none. */
ORB_INTERNAL double orbi_others_burden(const double *P, size_t n, size_t i, const double *capeff,
                                       const double *aff, const double *tker,
                                       const unsigned char *ally, const double *burden);

/* Affinity from two ideal points: 1 - 2 |ip_i - ip_j| / range, in [-1, 1];
 * NaN if either is missing. */
ORB_INTERNAL double orbi_affinity(double ip_i, double ip_j, double range);

/* ---- CSV reader (csv.c) --------------------------------------------------- */

/*
 * A streaming reader for RFC 4180-style CSV: a header row, comma-separated
 * fields, optional double quotes (with "" for a quote). Quoted fields may not
 * span lines (none of the files orbis reads needs that). Every error names
 * path:line:column.
 */
typedef struct orbi_csv {
    FILE *f;            /* open file */
    char *path;         /* copy of the path, for messages */
    unsigned long line; /* 1-based number of the current row's line */
    char *buf;          /* current raw line (getline buffer) */
    size_t bufcap;      /* its capacity */
    char *cell;         /* unquoted copy of the current row's fields */
    size_t cellcap;     /* its capacity */
    char **field;       /* pointers into cell, one per field */
    unsigned long *col; /* 1-based column where each field starts */
    size_t nfield;      /* fields in the current row */
    size_t ncols;       /* fields in the header */
    size_t fieldcap;    /* capacity of field/col */
    char **header;      /* header names (owned) */
} orbi_csv;

/* Open path and read its header. ORB_EIO names path (and hint if not NULL). */
ORB_INTERNAL orb_status orbi_csv_open(orbi_csv *csv, const char *path, const char *hint,
                                      orb_error *err);

/* Close and free; safe on a zeroed or already-closed reader. */
ORB_INTERNAL void orbi_csv_close(orbi_csv *csv);

/* Find a header column by name: ORB_OK and its index, or ORB_EPARSE naming
 * the file, line 1 and the expected column. */
ORB_INTERNAL orb_status orbi_csv_require(orbi_csv *csv, const char *name, size_t *idx_out,
                                         orb_error *err);

/* Open path and find the n named columns (indices to ix); closes on failure. */
ORB_INTERNAL orb_status orbi_csv_open_cols(orbi_csv *csv, const char *path, const char *hint,
                                           const char *const *names, size_t n, size_t *ix,
                                           orb_error *err);

/* Read the next row: ORB_OK with *eof_out = 0, or *eof_out = 1 at the end.
 * A row whose field count differs from the header's is ORB_EPARSE. */
ORB_INTERNAL orb_status orbi_csv_next(orbi_csv *csv, int *eof_out, orb_error *err);

/* Field idx of the current row as text (borrowed until the next row). */
ORB_INTERNAL const char *orbi_csv_str(const orbi_csv *csv, size_t idx);

/* Field idx as a finite double. Empty fields, and fields equal to missing
 * (if not NULL, e.g. "-9" or "NA"), give NaN when missing_ok, else ORB_EPARSE.
 * Anything else that is not a number is ORB_EPARSE at path:line:column. */
ORB_INTERNAL orb_status orbi_csv_double(const orbi_csv *csv, size_t idx, const char *missing,
                                        int missing_ok, double *out, orb_error *err);

/* Field idx as an int in [lo, hi]; ORB_EPARSE otherwise. */
ORB_INTERNAL orb_status orbi_csv_int(const orbi_csv *csv, size_t idx, long lo, long hi, int *out,
                                     orb_error *err);

/* Read every row of path: find the n named columns (indices to fn as ix), then
 * call fn on each row until it fails. Closes the file in every case. */
#define ORBI_CSV_MAXCOLS 24
typedef orb_status (*orbi_row_fn)(orbi_csv *csv, const size_t *ix, void *ud, orb_error *err);
ORB_INTERNAL orb_status orbi_csv_each(const char *path, const char *hint, const char *const *names,
                                      size_t n, orbi_row_fn fn, void *ud, orb_error *err);

/* Raise ORB_EPARSE at the current row's field idx. */
ORB_INTERNAL orb_status orbi_csv_fail(const orbi_csv *csv, size_t idx, orb_error *err,
                                      const char *fmt, ...) ORB_PRINTF(4, 5);

/* ---- private object layouts ---------------------------------------------- */

/* One state in the tables (states.csv). */
typedef struct orbi_state_info {
    int ccode;
    char abb[8];
    char name[64];
    char iso3[8];
    int gwcode;
    char region[16];
    char un_group[32];
    int global_south;
    int first_year, last_year;
} orbi_state_info;

/* One crosswalk spell: codes valid from_year..to_year. */
typedef struct orbi_xwalk {
    int ccode, gwcode;
    char iso3[8];
    int from_year, to_year;
} orbi_xwalk;

/* A spell (major power, permanent UNSC seat): ccode from_year..to_year. */
typedef struct orbi_major {
    int ccode, from_year, to_year;
} orbi_major;

/* One row of the baseline table. */
typedef struct orbi_base_row {
    int ccode;
    double comp[ORB_NCOMP];
    double cinc_pub;
    double gdp_usd;
    char gdp_usd_source[24];
    double gdp_ppp;
    char gdp_ppp_source[24];
    double pop;
    char pop_source[8];
    double tpop_prev, upop_prev; /* NMC tpop/upop ORB_TREND_YEARS before, NaN if missing */
    double gdppc_trend;          /* see orb_state.gdppc_trend, NaN if missing */
    double ideal;                /* UNGA ideal point, NaN if none */
    int ideal_year;              /* its year, 0 if none */
} orbi_base_row;

/* A CAMEO code (cameo.csv). */
typedef struct orbi_cameo {
    char code[8];
    double goldstein;
    char desc[96];
} orbi_cameo;

/* A base-year dyad (dyads2022.csv). */
typedef struct orbi_dyadrow {
    int c1, c2, conttype, defense, last_mid;
} orbi_dyadrow;

/* An elected Council member (unsc.csv) or a veto cast (vetoes.csv). */
typedef struct orbi_unscrow {
    int year, ccode, draft; /* draft: vetoes only */
} orbi_unscrow;

/* A state's sanction on another in one GSDB case (sanctions.csv). */
typedef struct orbi_sancrow {
    int sender, target, begin, end, id;
} orbi_sancrow;

/* A capital spell (capitals.csv). */
typedef struct orbi_capital {
    int ccode, from_year, to_year;
    double lat, lon; /* degrees */
} orbi_capital;

/* COW codes are 1..999; lookups go through a direct index. */
#define ORBI_MAX_CCODE 1000

struct orb_tables {
    int base_year;
    size_t nstates;
    orbi_state_info *st;
    int st_index[ORBI_MAX_CCODE]; /* ccode -> index into st, -1 if absent */
    size_t nxw;
    orbi_xwalk *xw;
    size_t nmaj;
    orbi_major *maj;
    size_t np5;
    orbi_major *p5; /* permanent UNSC seat holders by year */
    size_t nbase;
    orbi_base_row *base;
    size_t ncap;
    orbi_capital *cap;
    size_t ncameo;
    orbi_cameo *cameo;
    size_t ndyad;
    orbi_dyadrow *dyad; /* dyads2022.csv */
    size_t nunsc;
    orbi_unscrow *unsc; /* unsc.csv, by year */
    size_t nveto;
    orbi_unscrow *veto; /* vetoes.csv */
    size_t nsanc;
    orbi_sancrow *sanc; /* sanctions.csv, by begin year */
};

/* The capital of ccode in year: 1 and its coordinates, or 0 if none is listed. */
ORB_INTERNAL int orbi_tables_capital(const orb_tables *t, int ccode, int year, double *lat,
                                     double *lon);

/* Look up a state's info by COW code; NULL if unknown. */
ORB_INTERNAL const orbi_state_info *orbi_tables_state(const orb_tables *t, int ccode);

#define ORBI_NYEARS (ORB_LAST_YEAR - ORB_FIRST_YEAR + 1)

/* Dyadic data for the panel (dyads.c). */
typedef struct orbi_cont {
    int c1, c2;         /* c1 < c2 */
    int from, to;       /* years; to = 9999 when running at the end of the data */
    unsigned char type; /* COW conttype 1-5 */
} orbi_cont;

typedef struct orbi_pact {
    int year, c1, c2; /* an ATOP defence pact between c1 < c2 in year */
} orbi_pact;

typedef struct orbi_accession {
    int ccode, year; /* a NATO accession (recent_memberships) */
} orbi_accession;

/* NATO in ATOP: Canada and its defence partners (Canada's only pacts are NATO's). */
#define ORBI_NATO_ANCHOR 20

typedef struct orbi_dyadpanel {
    double *ideal; /* [ORBI_MAX_CCODE * ORBI_NYEARS] UNGA ideal points, NaN if none */
    size_t ncont;
    orbi_cont *cont;
    size_t npact;
    orbi_pact *pact; /* sorted by year */
    size_t pact_start[ORBI_NYEARS], pact_count[ORBI_NYEARS];
    int atop_last; /* last ATOP year (2018) */
    size_t nnato;
    orbi_accession *nato;
    size_t nmid;
    long long *mid; /* MID onsets: (c1 * 1000 + c2) * 10000 + year, c1 < c2, sorted */
    size_t capcont, cappact, capnato, capmid; /* capacities while loading */
} orbi_dyadpanel;

ORB_INTERNAL orb_status orbi_dyads_load(const char *dir, orbi_dyadpanel *d, orb_error *err);
ORB_INTERNAL void orbi_dyads_free(orbi_dyadpanel *d);
/* Ideal point of ccode in year, carried up to five years; *year_out the year used (0 if none). */
ORB_INTERNAL double orbi_dyads_ideal(const orbi_dyadpanel *d, int ccode, int year, int *year_out);
/* Fill a world's contiguity, defence pacts and ideal points for its year. */
ORB_INTERNAL void orbi_dyads_fill(const orbi_dyadpanel *d, orb_world *w);

struct orb_panel {
    size_t nrows;
    int *ccode;                     /* [nrows] */
    int *year;                      /* [nrows] */
    double *comp;                   /* [nrows * ORB_NCOMP] */
    double *cinc_pub;               /* [nrows] */
    double *gdp_ppp;                /* [nrows], NaN if missing */
    unsigned char *gdp_ppp_kind;    /* [nrows]: 0 none, 1 fariss, 2 extended, 3 carried */
    double *gdp_usd;                /* [nrows], World Bank current USD, NaN if none */
    double *pop_wb;                 /* [nrows], World Bank population, NaN if none */
    double *gdppc_f;                /* [nrows], Fariss mrgdppc (2011 PPP USD), NaN if none */
    size_t year_start[ORBI_NYEARS]; /* first row of each year */
    size_t year_count[ORBI_NYEARS]; /* rows in each year */
    int fariss_last;                /* last year of Fariss et al. data */
    orbi_dyadpanel dy;              /* ideal points, contiguity, defence pacts */
};

/* Row of (ccode, year) in the panel, or (size_t)-1. Cost: O(log n). */
ORB_INTERNAL size_t orbi_panel_find(const orb_panel *p, int ccode, int year);

struct orb_world {
    int year;
    size_t n;
    orb_state *s;
    unsigned char *contig; /* [n * n] COW conttype 1-5 of the pair, 0 if none */
    unsigned char *ally;   /* [n * n] 1 if the pair has a defence pact */
    short *lastmid;        /* [n * n] year of the pair's last MID onset up to the year, 0 none */
    size_t nunsc;
    orbi_unscrow *unsc; /* elected Council members, every data year (a copy) */
    orb_allocator al;   /* where the world's memory comes from */
};

/* ---- polarity of a share vector (polarity.c) ------------------------------ */

/*
 * Polarity of n values p (NaN skipped; need not be normalised): fills out's
 * c, npoles, leader, challenger (indices into p; ties by lower ccode),
 * shares, ratio, parity and gs_share (gs[i] != 0 marks the Global South).
 * Does not allocate. ORB_ENODATA if no value is positive.
 */
ORB_INTERNAL orb_status orbi_polarity_vec(const double *p, const int *ccode,
                                          const unsigned char *gs, size_t n,
                                          const orb_polarity_opts *o, orb_polarity *out);

/* ---- runs (run.c, economy.c, capability.c, metrics.c) -------------------- */

#define ORBI_NPHASES 9

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
    ORBI_DRAW_LIFT = 9       /* a sanction lifted, per directed pair */
};

/* A rise of a state's military burden by more than this fraction in a year is
 * an arming action the order regime checks. */
#define ORBI_ARM_MATERIAL 0.01

/* Log-odds below which an event's yearly probability (< 1e-13) is not drawn. */
#define ORBI_ETA_NEGLIGIBLE (-30.0)

/* A crisis in the engine: its EU model, its actors' run indices, status. */
typedef struct orbi_crisis {
    const orb_crisis *def; /* the scenario's crisis (a copy in the arena) */
    orb_eu *eu;            /* created at orb_run_new; NULL until then */
    size_t *idx;           /* [nactors] run index of each actor, (size_t)-1 for non-states */
    double *cap;           /* [nactors] capabilities this year */
    size_t a, b;           /* actor numbers of the antagonists (lowest, highest position) */
    int status;            /* orb_crisis_status */
    int year;              /* year settled or escalated */
    double position;       /* settlement position */
} orbi_crisis;

/* Named alliances a scenario may join, leave, form or end. */
#define ORBI_MAX_ALLIANCES 16

typedef struct orbi_alliance {
    char name[48];
    unsigned char *member; /* [n] */
} orbi_alliance;

typedef struct orbi_gw {
    double y, w; /* GDP per capita and population weight, for the Gini sort */
} orbi_gw;

struct orb_run {
    orbi_arena arena;
    orb_params par;
    orb_polarity_opts popts;
    orb_rng rng;
    int start, end, year;
    size_t n;
    size_t frontier;              /* index of the frontier economy */
    int *ccode;                   /* [n] */
    char (*abb)[8];               /* [n] */
    unsigned char *gs;            /* [n] Global South flag */
    double *y;                    /* [n] real GDP per capita */
    double *pop;                  /* [n] persons */
    double *gdp;                  /* [n] y * pop */
    double *dlngdp;               /* [n] log growth of GDP this year */
    double *dlnpop;               /* [n] log growth of population this year */
    double *ghist;                /* [n * ORB_TREND_YEARS] ring of per-capita growth */
    size_t ghead;                 /* next ring slot */
    double *popg;                 /* [n] population growth rate (decays) */
    double *urbd;                 /* [n] urban minus total growth (decays) */
    double *comp;                 /* [n * ORB_NCOMP] NMC components */
    double *cinc;                 /* [n] CINC */
    double *share[ORB_NMEASURES]; /* [n] normalised shares by measure */
    double *kern;                 /* [n * n] d_ij^-theta, 0 on the diagonal */
    double *trade;                /* [n] gravity trade */
    orbi_gw *gw;                  /* [n] scratch for the Gini */
    size_t nshock;
    orb_shock *shock; /* copied from the scenario, sorted by year */
    /* security */
    double *gdp0;          /* [n] real GDP at the start */
    double *nomgdp0;       /* [n] nominal GDP at the start (WB USD; else real) */
    double *burden;        /* [n] military spending / GDP (NaN: milex missing) */
    double *griev;         /* [n] Richardson grievance, set so the start is at rest */
    double *capeff;        /* [n] CINC share plus allies' support */
    double *threat;        /* [n] total threat perceived */
    double *secidx;        /* [n] security index capeff / (capeff + threat) */
    double *tker;          /* [n * n] threat kernel (contiguity, distance) */
    double *dist;          /* [n * n] capital distance, km */
    double *lnd;           /* [n * n] ln of the distance (at least 1 km) */
    double *eta0;          /* [n * n] the dispute logit's time-invariant part */
    double *lncinc;        /* [n] ln CINC share this year (NaN if none) */
    unsigned char *contig; /* [n * n] COW contiguity type */
    unsigned char *major;  /* [n] COW major power at the start */
    /* relations */
    double *aff;            /* [n * n] affinity, symmetric, [-1, 1] */
    double *ideal;          /* [n] UNGA ideal point at the start, NaN if none */
    double *scratch;        /* [n * n] work space (balance sums) */
    double *deg;            /* [n] pact (and partnership) partners */
    unsigned char *partner; /* [n * n] declared partnership in force */
    size_t nevent;
    orb_event *event; /* scenario events, sorted by year */
    size_t npart;
    orb_partnership *part; /* scenario partnerships */
    /* alliances */
    unsigned char *ally; /* [n * n] defence pact */
    size_t nalliance;
    orbi_alliance alliance[ORBI_MAX_ALLIANCES];
    size_t nachange;
    orb_alliance_change *achange; /* scenario alliance changes, sorted by year */
    int *bloc;                    /* [n] bloc of each state */
    /* conflict */
    unsigned short *peace; /* [n * n] years since the last dispute onset */
    unsigned char
        *dispute;       /* [n * n] dispute begun this (or, before the conflict phase, last) year */
    unsigned char *war; /* [n * n] at war */
    unsigned char *atwar; /* [n] in a war this year */
    /* order regime and Security Council */
    int rule[ORB_NRULES];    /* the rules in force */
    size_t hegemon;          /* index of order.hegemon, (size_t)-1 if absent */
    unsigned char *sanction; /* [n * n] i sanctions j: 0 none, 1 unilateral, 2 UN */
    double *drag;            /* [n] growth drag next year (sanctions, interference) */
    double *delta;           /* [n] work space for threat deltas */
    size_t council[ORB_UNSC_MEMBERS], ncouncil, nelected;
    size_t p5[ORB_UNSC_PERMANENT], np5; /* permanent members, by COW code */
    unsigned char *is_p5;               /* [n] */
    unsigned char *group;               /* [n] UN regional group (1-5), 0 if none */
    int *last_seat, *term_start;        /* [n] last year on the Council; first year of the term */
    size_t nunsc;
    orbi_unscrow *unsc;     /* elected members from the data (the world's) */
    orb_action_record *log; /* [ORB_ACTION_LOG] this year's actions */
    size_t ncrisis;
    orbi_crisis *crisis; /* scenario crises being negotiated */
    size_t nlog;
    orb_metrics m;
    int profile;
    double phase_sec[ORBI_NPHASES];
};

/* Index of the run state with COW code ccode, or (size_t)-1. */
ORB_INTERNAL size_t orbi_run_index(const orb_run *r, int ccode);
ORB_INTERNAL void orbi_economy_phase(orb_run *r);
ORB_INTERNAL void orbi_security_phase(orb_run *r);
ORB_INTERNAL void orbi_relations_phase(orb_run *r);
ORB_INTERNAL void orbi_alliances_phase(orb_run *r);
ORB_INTERNAL void orbi_conflict_phase(orb_run *r);
ORB_INTERNAL void orbi_order_phase(orb_run *r);
ORB_INTERNAL void orbi_negotiate_phase(orb_run *r);
/* Engine use of an EU model: set capabilities (those > 0), keep no log. */
ORB_INTERNAL void orbi_eu_engine(orb_eu *m, const double *capability);
/* Spread of the current positions over the initial range. */
ORB_INTERNAL double orbi_eu_spread(const orb_eu *m);
/* Propose an action of i (on j; amount for arming: the fractional rise of i's
 * capability); check it against the regime, ask the Council where the regime
 * says so, log it. Returns 1 if taken. */
ORB_INTERNAL int orbi_order_act(orb_run *r, orb_action kind, size_t i, size_t j, double amount);
/* Seat this year's Council (the data, then the election rule). */
ORB_INTERNAL void orbi_unsc_seat(orb_run *r);
/* Put a draft to the Council; 1 if adopted. Counts it in the metrics. */
ORB_INTERNAL int orbi_unsc_vote(orb_run *r, orb_resolution kind, size_t sponsor, size_t target);
/* Threat, security index and capability with allies from the current state
 * (part of the security phase; also at orb_run_new). */
ORB_INTERNAL void orbi_security_threat(orb_run *r);
/* Each state's grievance, so that its start-year burden is at rest. */
ORB_INTERNAL void orbi_security_grievance(orb_run *r);
/* A uniform draw in (0, 1) for item idx, four items to one Philox block:
 * counter (year, purpose, idx / 4), word idx % 4. */
ORB_INTERNAL double orbi_uniform4(const orb_rng *rng, uint64_t year, uint64_t purpose,
                                  uint64_t idx);
/* Bloc detection (igraph fast greedy) into r->bloc and the metrics. */
ORB_INTERNAL void orbi_alliances_blocs(orb_run *r);
/* Gravity trade of every state from the current GDP (part of the economy phase). */
ORB_INTERNAL void orbi_economy_trade(orb_run *r);
/* CINC and the normalised shares from the current components (part of power). */
ORB_INTERNAL void orbi_power_shares(orb_run *r);
ORB_INTERNAL void orbi_power_phase(orb_run *r);
ORB_INTERNAL void orbi_metrics_phase(orb_run *r);

/* Sort v[0..n) by y, stably, with scratch tmp[0..n) (merge sort; no allocation). */
ORB_INTERNAL void orbi_sort_gw(orbi_gw *v, orbi_gw *tmp, size_t n);

/* Gini (trapezoid Lorenz curve) and Theil T of values y with weights w:
 * v[0..n) is sorted in place by y using tmp[0..n) as scratch; no allocation. */
ORB_INTERNAL void orbi_inequality(orbi_gw *v, orbi_gw *tmp, size_t n, double *gini_out,
                                  double *theil_out);

/* ---- least squares helpers for the calibration (calibrate.c) -------------- */

#define ORBI_KMAX 12 /* regressors at most */

/* A growing sample: y, up to ORBI_KMAX regressors, a cluster id and a group flag. */
typedef struct orbi_sample {
    double *x[ORBI_KMAX], *y;
    int *cl, *grp;
    size_t n, cap;
    int contiguous; /* 1: cluster ids are runs (any int); 0: COW codes */
} orbi_sample;

/* Result of a fit: coefficients (intercept first when present). */
typedef struct orbi_fit {
    size_t k;                 /* coefficients */
    double b[ORBI_KMAX + 1];  /* estimates */
    double se[ORBI_KMAX + 1]; /* cluster-robust standard errors */
    double *resid;            /* residuals [n] (owned) */
    size_t n, ncl;            /* observations, clusters */
    double loglik;            /* logit only: log likelihood at the estimate */
} orbi_fit;

/* Append an observation (nx regressors); -1 if out of memory. */
ORB_INTERNAL int orbi_sample_add(orbi_sample *s, const double *x, size_t nx, double y, int cl,
                                 int grp);
ORB_INTERNAL void orbi_sample_free(orbi_sample *s);

/* OLS of y on (1, x_1..x_nx) or on x alone (GSL), SEs clustered by s->cl: COW
 * codes (< ORBI_MAX_CCODE), or runs of equal ids when s->contiguous. */
ORB_INTERNAL orb_status orbi_ols(const orbi_sample *s, size_t nx, int intercept, const char *what,
                                 orbi_fit *f, orb_error *err);

/* Logit of y in {0, 1} on (1, x_1..x_nx) by iteratively reweighted least squares
 * (Newton; GSL Cholesky), SEs clustered by s->cl, where equal cluster ids must
 * be contiguous in the sample (any int). */
ORB_INTERNAL orb_status orbi_logit(const orbi_sample *s, size_t nx, const char *what, orbi_fit *f,
                                   orb_error *err);

/* ln of Maddison GDP per capita by COW code and year, first..last:
 * (*lny_out)[ccode * (last - first + 1) + (year - first)], NaN where missing
 * (caller frees); the same for ln population (persons) in *lnpop_out unless
 * it is NULL; *frontier_out the COW code of the frontier (USA). */
ORB_INTERNAL orb_status orbi_maddison_lny(const char *datadir, const orb_tables *t, int first,
                                          int last, double **lny_out, double **lnpop_out,
                                          int *frontier_out, orb_error *err);

/* The dyadic estimates (calibrate_dyad.c): conflict, arms, relations,
 * alliances; P holds parameter values used as inputs (threat weights), and the
 * contiguity and distance coefficients estimated here are used at once. */
ORB_INTERNAL orb_status orbi_calibrate_dyadic(const char *datadir, const orb_tables *t,
                                              const orb_panel *p, int last_year, double *P,
                                              orb_estimate *out, size_t cap, size_t *n,
                                              orb_error *err);

/* Cluster-robust variance pieces: add score score' to meat; standard errors
 * sqrt(factor diag(bread meat bread)) of k coefficients. */
ORB_INTERNAL void orbi_meat_add(double meat[][ORBI_KMAX + 1], const double *score, size_t k);
ORB_INTERNAL void orbi_sandwich_se(const double bread[][ORBI_KMAX + 1],
                                   const double meat[][ORBI_KMAX + 1], size_t k, double factor,
                                   double *se);

/* Append an estimate to out (cap entries, *n used). */
ORB_INTERNAL orb_status orbi_put_estimate(orb_estimate *out, size_t cap, size_t *n,
                                          const char *name, double v, double se, size_t nobs,
                                          size_t ncl, int from, int to, const char *method,
                                          const char *data, orb_error *err);

#endif /* ORB_INT_H */
