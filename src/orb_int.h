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

/* ---- per-run arena (arena.c) ---------------------------------------------- */

typedef struct orbi_arena {
    struct orbi_arena_block *head; /* newest block first */
    size_t total;                  /* bytes obtained from malloc */
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
    ORBI_P_MILEX_ELAST,
    ORBI_P_TRADE_THETA,
    ORBI_P_TRADE_SCALE,
    ORBI_P_POLE_SHARE,
    ORBI_P_PARITY,
    ORBI_P_COUNT
};

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
    int c1, c2, conttype, defense;
} orbi_dyadrow;

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

#define ORBI_NPHASES 3

/* Counter purposes of the run's random draws (second Philox counter word). */
enum { ORBI_DRAW_GROWTH = 1 };

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
    orb_metrics m;
    int profile;
    double phase_sec[ORBI_NPHASES];
};

ORB_INTERNAL void orbi_economy_phase(orb_run *r);
/* Gravity trade of every state from the current GDP (part of the economy phase). */
ORB_INTERNAL void orbi_economy_trade(orb_run *r);
/* CINC and the normalised shares from the current components (part of power). */
ORB_INTERNAL void orbi_power_shares(orb_run *r);
ORB_INTERNAL void orbi_power_phase(orb_run *r);
ORB_INTERNAL void orbi_metrics_phase(orb_run *r);

/* Gini (trapezoid Lorenz curve) and Theil T of values y with weights w:
 * v[0..n) is sorted in place by y using tmp[0..n) as scratch; no allocation. */
ORB_INTERNAL void orbi_inequality(orbi_gw *v, orbi_gw *tmp, size_t n, double *gini_out,
                                  double *theil_out);

#endif /* ORB_INT_H */
