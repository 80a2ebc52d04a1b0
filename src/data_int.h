/*
 * data_int.h - private: the layouts of the tables, the panel and the world.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_DATA_INT_H
#define ORB_DATA_INT_H

#include "orb_int.h"

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
    double tpop_prev, upop_prev;  /* NMC tpop/upop ORB_TREND_YEARS before, NaN if missing */
    double gdppc_trend;           /* see orb_state.gdppc_trend, NaN if missing */
    double pop_growth, pop_trend; /* see orb_state, NaN if missing */
    double ideal;                 /* UNGA ideal point, NaN if none */
    int ideal_year;               /* its year, 0 if none */
    double ideal_mean;            /* see orb_state.ideal_mean, NaN if none */
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

/* Every GSDB case begun in a year, and those with the US among the senders
 * (sanction_cases.csv). */
typedef struct orbi_casesrow {
    int year, cases, us_cases;
} orbi_casesrow;

/* A state's growth effect (growth_effects.csv, orbis calibrate --effects). */
typedef struct orbi_effectrow {
    int ccode;
    double effect;
} orbi_effectrow;

/* An interstate armed conflict's pair in a year (wars.csv, UCDP/PRIO ACD). */
typedef struct orbi_warrow {
    int year, a, b, intensity, conflict;
} orbi_warrow;

/* A strategic rivalry's spell (rivalries.csv, Thompson, Sakuwa & Suhas 2021),
 * whose last year, ORBI_RIVAL_LAST, marks the rivalries still going on. */
#define ORBI_RIVAL_LAST 2020
typedef struct orbi_rivalrow {
    int a, b, start, end;
} orbi_rivalrow;

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
    size_t ncases;
    orbi_casesrow *cases; /* sanction_cases.csv */
    size_t nwar;
    orbi_warrow *war; /* wars.csv, by year */
    size_t nrival;
    orbi_rivalrow *rival; /* rivalries.csv */
    size_t neff;
    orbi_effectrow *eff;                  /* growth_effects.csv */
    double growth_effect[ORBI_MAX_CCODE]; /* its effects by COW code, NaN if none */
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
    double *ideal;     /* [ORBI_MAX_CCODE * ORBI_NYEARS] UNGA ideal points, NaN if none */
    double *ideal_var; /* the same: the ideal point's measurement variance, ((q95 - q5) /
                          (2 z_0.95))^2 of its posterior (all votes), NaN if none */
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
/* The mean of a state's ideal points over from..to (none carried), NaN if none. */
ORB_INTERNAL double orbi_dyads_ideal_mean(const orbi_dyadpanel *d, int ccode, int from, int to);
/* Set the world's long-run ideal points to the means over from..to (an
 * out-of-sample backtest: the window of its re-estimation). */
ORB_INTERNAL void orbi_world_ideal_means(orb_world *w, const orb_panel *p, int from, int to);
/* Drop what the world knows of the years after `year`: the elected Council
 * members of later years (an out-of-sample start seats them by the rule). */
ORB_INTERNAL void orbi_world_forget_after(orb_world *w, int year);
/* The range (max - min) of the world's ideal points: affinity's scale; NaN
 * with fewer than two distinct ones. */
ORB_INTERNAL double orbi_world_ideal_range(const orb_world *w);
/* The range (max - min) of the ideal points v [n], NaN entries left out
 * (none: NaN): affinity's scale in a year, in the record and in a run. */
ORB_INTERNAL double orbi_ideal_range(const double *v, size_t n);
/* The window of the relations estimates and the long-run ideal points for
 * data that end in last_year (0: all): ORB_IDEAL_MEAN_FROM (the end of the
 * Cold War) to the earlier of last_year and ORB_IDEAL_MEAN_TO, at least
 * ORBI_IDEAL_MIN_YEARS years (moved back when last_year leaves fewer). */
#define ORBI_IDEAL_MIN_YEARS 10
ORB_INTERNAL void orbi_ideal_window(int last_year, int *from, int *to);
/* Over sorted onset keys ((a * 1000 + b) * 10000 + year, a < b): the year of
 * pair (c1, c2)'s last onset before year, or -1; and its peace years in year
 * (since that onset, else since the later of the two states' entries: the
 * dispute logit's covariate). */
ORB_INTERNAL int orbi_last_onset_before(const long long *keys, size_t n, int c1, int c2, int year);
ORB_INTERNAL double orbi_peace_years(const long long *keys, size_t n, const orb_tables *t, int c1,
                                     int c2, int year);
/* Fill a world's contiguity, defence pacts and ideal points for its year. */
ORB_INTERNAL void orbi_dyads_fill(const orbi_dyadpanel *d, orb_world *w);
/* The start year's wars, peace years after COW MID's last year (UCDP) and
 * sanctions in force, layered on the dyads (world.c). */
/* Population growth in the last year and its trend (orb_state.pop_growth,
 * pop_trend) from pop[0..ORB_POP_TREND_YEARS], the populations of the
 * ORB_POP_TREND_YEARS + 1 years to it; 0 (both NaN) if one is missing. */
ORB_INTERNAL int orbi_pop_trend(const double *pop, double *growth, double *trend);
ORB_INTERNAL void orbi_world_conflicts(const orb_tables *t, const orb_panel *p, orb_world *w);

struct orb_panel {
    size_t nrows;
    int *ccode;       /* [nrows] */
    int *year;        /* [nrows] */
    double *comp;     /* [nrows * ORB_NCOMP] */
    double *cinc_pub; /* [nrows] */
    double *gdp_ppp;  /* [nrows], NaN if missing */
    unsigned char
        *gdp_ppp_kind; /* [nrows]: 0 none, 1 fariss, 2 WDI real growth, 3 carried, 4 per capita */
    double *gdp_usd;   /* [nrows], World Bank current USD, NaN if none */
    double *pop_wb;    /* [nrows], World Bank population, NaN if none */
    double *gdppc_f;   /* [nrows], Fariss mrgdppc (2011 PPP USD), NaN if none */
    size_t year_start[ORBI_NYEARS]; /* first row of each year */
    size_t year_count[ORBI_NYEARS]; /* rows in each year */
    int fariss_last;                /* last year of Fariss et al. data */
    orbi_dyadpanel dy;              /* ideal points, contiguity, defence pacts */
};

/* Row of (ccode, year) in the panel, or (size_t)-1. Cost: O(log n). */
ORB_INTERNAL size_t orbi_panel_find(const orb_panel *p, int ccode, int year);

/* What a regime implies for a rule's enforcement (scenario.c's presets). */
ORB_INTERNAL double orbi_regime_enforcement(orb_regime regime, orb_rule rule);

struct orb_world {
    int year;
    size_t n;
    orb_state *s;
    unsigned char *contig;   /* [n * n] COW conttype 1-5 of the pair, 0 if none */
    unsigned char *ally;     /* [n * n] 1 if the pair has a defence pact */
    short *lastmid;          /* [n * n] year of the pair's last MID onset up to the year, 0 none;
                                after MID's last year, the last UCDP interstate conflict-year */
    unsigned char *war;      /* [n * n] at war that year (UCDP interstate, intensity 2) */
    unsigned char *rival;    /* [n * n] strategic rivals that year (TSS; their last year,
                                2020, stands for later years) */
    unsigned char *sanction; /* [n * n] i's sanctions on j in force that year (GSDB, state
                                senders) */
    size_t nunsc;
    orbi_unscrow *unsc; /* elected Council members, every data year (a copy) */
    orb_allocator al;   /* where the world's memory comes from */
};

#endif /* ORB_DATA_INT_H */
