/*
 * data.h - the world as it stands: state tables, the 1816-2022 panel, and a
 * world (one year's cross-section of every state in the system).
 *
 * Three objects, loaded in this order:
 *   orb_tables  the compact tables shipped in the project's data/ folder
 *               (state list and codes, crosswalk, major powers, the 2022
 *               baseline). Small; enough on its own for the base year.
 *   orb_panel   the full historical panel read from the raw data folder
 *               (ORBIS_DATA): COW NMC v7.0 1816-2022, Fariss et al. GDP,
 *               World Bank GDP and population. Needed for any other year.
 *   orb_world   one year: every state in the COW system that year, with its
 *               codes, groups, six NMC components, GDP and population.
 * All three are immutable once built. A world copies what it needs, so it may
 * outlive the tables and panel it was built from.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_DATA_H
#define ORBIS_DATA_H

#include <stddef.h>

#include "orbis/alloc.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The six COW NMC components, in codebook order. */
typedef enum orb_component {
    ORB_MILEX = 0,  /* military expenditure, thousands of current USD */
    ORB_MILPER = 1, /* military personnel, thousands */
    ORB_IRST = 2,   /* iron and steel production, thousands of tons */
    ORB_PEC = 3,    /* primary energy consumption, thousands of coal-ton eq. */
    ORB_TPOP = 4,   /* total population, thousands */
    ORB_UPOP = 5    /* urban population, thousands */
} orb_component;

#define ORB_NCOMP 6

/* First and last year of the COW NMC v7.0 panel. */
#define ORB_FIRST_YEAR 1816
#define ORB_LAST_YEAR  2022

/* Years over which orb_state's population trends are measured. */
#define ORB_TREND_YEARS 5
/* Years of population growth whose linear trend starts a run's population. */
#define ORB_POP_TREND_YEARS 10
/* The window of a state's long-run ideal point (orb_state.ideal_mean): the
 * years the relations equations are estimated on (docs/model.md 5b). */
#define ORB_IDEAL_MEAN_FROM 1992
#define ORB_IDEAL_MEAN_TO   2019

/* Short column name of component c ("milex" ... "upop"); NULL if c is out of range. */
const char *orb_component_name(int c);

/*
 * One state in one year: a plain value (convention 3). Missing numbers are
 * NaN, never zero. Strings are NUL-terminated; an unknown code is "" (ISO3)
 * or 0 (gwcode).
 */
typedef struct orb_state {
    int ccode;               /* COW state number: the key */
    char abb[8];             /* COW abbreviation, e.g. "USA" */
    char name[64];           /* COW state name */
    char iso3[8];            /* ISO 3166-1 alpha-3 (World Bank's XKX for Kosovo) */
    int gwcode;              /* Gleditsch-Ward number that year, 0 if none */
    char region[16];         /* COW numbering block: Americas, Europe, ... */
    char un_group[32];       /* current UN electoral group, "" if not a UN member */
    int global_south;        /* 1 if on the current G77 list (which includes China) */
    int p5;                  /* 1 if it held a permanent UNSC seat that year (Art. 23) */
    int major;               /* 1 if a COW major power that year */
    double comp[ORB_NCOMP];  /* the six NMC components (NaN = missing, -9 in NMC) */
    double cinc_pub;         /* CINC as published in NMC v7.0 */
    double gdp_usd;          /* GDP, current USD (World Bank), NaN if none */
    char gdp_usd_source[24]; /* "wb", "wb2020" (carried), "fariss2019" (imputed) */
    double gdp_ppp;          /* real GDP, 2017 international USD (Fariss et al.) */
    char gdp_ppp_source[24]; /* "fariss"; after its last year "fariss2019*wdireal" (real
                                growth), "fariss2019*pop" (per capita carried with
                                population), "fariss2019" (level carried) */
    double pop;              /* population, persons (World Bank; else NMC tpop) */
    char pop_source[8];      /* "wb" or "nmc" */
    double tpop_growth;      /* mean annual log growth of NMC tpop over the last
                                ORB_TREND_YEARS years, NaN if unknown */
    double upop_growth;      /* the same for NMC upop */
    double pop_growth;       /* population growth in the year, ln(pop / pop the year
                                before), World Bank; NaN if unknown */
    double pop_trend;        /* its trend: OLS slope of the yearly growth over the
                                ORB_POP_TREND_YEARS years to the year, per year;
                                NaN if unknown */
    double gdppc_trend;      /* mean annual log growth of real GDP per capita (Fariss
                                et al. mrgdppc) over the ORB_TREND_YEARS years to the
                                year or to their last year (2019), NaN if unknown */
    double lat, lon;         /* capital, degrees (COW capitals), NaN if unknown */
    double ideal;            /* UNGA ideal point (Bailey, Strezhnev & Voeten, all votes),
                                carried up to 5 years; NaN for non-members */
    int ideal_year;          /* the year of that ideal point, 0 if none */
    double growth_effect;    /* the state's own growth intercept (a fixed effect shrunk toward
                                its group's mean, 1991-2018; data/growth_effects.csv), NaN
                                if none: docs/model.md 4 */
    double ideal_mean;       /* the state's long-run ideal point: the mean of its UNGA
                                ideal points over ORB_IDEAL_MEAN_FROM..ORB_IDEAL_MEAN_TO
                                (the relations estimation window); NaN if none */
    int entry_year;          /* first year in the COW system (NMC v7.0) */
} orb_state;

/* 1 if the state's GDP (current USD) was imputed rather than read for the year. */
int orb_state_gdp_imputed(const orb_state *s);

/* ------------------------------------------------------------------------ */
/* Tables (the project's data/ folder)                                      */
/* ------------------------------------------------------------------------ */

typedef struct orb_tables orb_tables;

/*
 * Load the compact tables from dir (states.csv, crosswalk.csv, majors.csv,
 * p5.csv, baseline2022.csv, capitals.csv, cameo.csv, dyads2022.csv,
 * unsc.csv, vetoes.csv, sanctions.csv; data/README.md). On failure returns ORB_EIO (a file is
 * missing: the message names it) or ORB_EPARSE (file:line:column, what was expected), sets
 * *tables_out to NULL and fills err (may be NULL). Cost: O(rows).
 */
orb_status orb_tables_load(const char *dir, orb_tables **tables_out, orb_error *err);

/* Free tables. NULL is a no-op. */
void orb_tables_free(orb_tables *tables);

/* The year of the shipped baseline (2022). */
int orb_tables_base_year(const orb_tables *tables);

/* Number of COW states listed (every state ever in NMC v7.0). */
size_t orb_tables_nstates(const orb_tables *tables);

/*
 * Look a state up by COW code, abbreviation, ISO3 code or name (case-
 * insensitive). Returns its COW code, or 0 if none matches.
 */
int orb_tables_find(const orb_tables *tables, const char *key);

/* The same, preferring a state in the system in year when the key names more
 * than one (COW's "CZE" is Czechoslovakia, ISO3's CZE the Czech Republic):
 * "CZE" in 2022 gives 316. Returns the orb_tables_find answer otherwise. */
int orb_tables_find_in(const orb_tables *tables, const char *key, int year);

/*
 * Translate codes through the crosswalk for a given year. Each returns
 * ORB_OK and the code, or ORB_ERANGE when the state has no such code that
 * year. iso3_out must hold 8 bytes.
 */
orb_status orb_tables_cow_to_gw(const orb_tables *tables, int ccode, int year, int *gw_out);
orb_status orb_tables_gw_to_cow(const orb_tables *tables, int gwcode, int year, int *ccode_out);
orb_status orb_tables_cow_to_iso3(const orb_tables *tables, int ccode, int year, char *iso3_out);
orb_status orb_tables_iso3_to_cow(const orb_tables *tables, const char *iso3, int year,
                                  int *ccode_out);

/*
 * The Goldstein (1992) weight of a CAMEO event code, given as text ("112";
 * "010" and "10" differ): ORB_OK and the weight in [-10, 10], or ORB_ERANGE
 * for an unknown code. Source: data/cameo.csv (Schrodt, CAMEO codebook).
 */
orb_status orb_tables_goldstein(const orb_tables *tables, const char *code, double *weight_out);

/*
 * The elected UN Security Council members of year from data/unsc.csv (UN
 * membership lists; 1946-2025 complete, 2026 partly): writes up to 10 COW codes
 * to codes_out and returns how many (6 a year before 1966).
 */
size_t orb_tables_unsc_elected(const orb_tables *tables, int year, int *codes_out);

/* The last year whose ten elected Council members are all in the data (2025). */
int orb_tables_unsc_last_year(const orb_tables *tables);

/* Vetoed draft resolutions in year (ccode 0), or vetoes cast by ccode that year
 * (Dag Hammarskjold Library list via data/vetoes.csv, to September 2022). */
size_t orb_tables_vetoes(const orb_tables *tables, int year, int ccode);

/* 1 if ccode was a COW major power in year (the 2016 list continues after 2016). */
int orb_tables_is_major(const orb_tables *tables, int ccode, int year);

/* 1 if ccode held a permanent Security Council seat at the end of year
 * (from 1946; China's seat: COW 710 to 1948, 713 in 1949-1970, 710 from 1971). */
int orb_tables_is_p5(const orb_tables *tables, int ccode, int year);

/* ------------------------------------------------------------------------ */
/* Panel (the raw data folder, ORBIS_DATA)                                  */
/* ------------------------------------------------------------------------ */

typedef struct orb_panel orb_panel;

/*
 * Load the full panel from the raw data folder datadir: COW NMC v7.0
 * (cow_nmc/NMC-70-abridged_via_peacesciencer.csv), Fariss et al. GDP
 * (economy_fariss_sim/cw_gdppop.csv) and World Bank GDP and population
 * (economy_worldbank/). tables (borrowed for the call only) supplies codes.
 * Errors: ORB_EIO names the missing file; ORB_EPARSE gives file:line:column.
 * Cost: O(rows), about 60,000 rows; see bench/ for timings.
 */
orb_status orb_panel_load(const char *datadir, const orb_tables *tables, orb_panel **panel_out,
                          orb_error *err);

/* Free a panel. NULL is a no-op. */
void orb_panel_free(orb_panel *panel);

/* Number of state-year rows in the panel (17,121 for NMC v7.0). */
size_t orb_panel_nrows(const orb_panel *panel);

/* Number of dyadic militarised dispute onsets in year (COW MID 5.0, every pair
 * of states; 0 after 2014, where the data end). */
size_t orb_panel_disputes(const orb_panel *panel, int year);

/* Last year of the dispute data (2014 for COW MID 5.0). */
int orb_panel_disputes_last_year(const orb_panel *panel);

/*
 * Row i of the panel (rows are sorted by year, then COW code): the COW code,
 * year, six components (NaN for missing), published CINC. Any out-pointer
 * may be NULL. Returns ORB_ERANGE if i >= orb_panel_nrows().
 */
orb_status orb_panel_row(const orb_panel *panel, size_t i, int *ccode_out, int *year_out,
                         double comp_out[ORB_NCOMP], double *cinc_pub_out);

/* ------------------------------------------------------------------------ */
/* World (one year)                                                          */
/* ------------------------------------------------------------------------ */

typedef struct orb_world orb_world;

/*
 * Build the world of a year: every state in the COW system that year, sorted
 * by COW code. With panel == NULL only the tables' base year (2022) can be
 * built; with a panel any year ORB_FIRST_YEAR..ORB_LAST_YEAR. For the base
 * year the World Bank GDP and population come from the baseline table (with
 * its documented imputations) in both cases.
 * Errors: ORB_ERANGE for a year outside the data, ORB_ENODATA for a year
 * other than the base year without a panel, ORB_ENOMEM.
 */
orb_status orb_world_new(const orb_tables *tables, const orb_panel *panel, int year,
                         orb_world **world_out, orb_error *err);

/* orb_world_new with the world's memory from alloc (NULL: malloc); the world
 * gives it back to alloc when freed. ORB_EINVAL if alloc lacks a function. */
orb_status orb_world_new_with(const orb_allocator *alloc, const orb_tables *tables,
                              const orb_panel *panel, int year, orb_world **world_out,
                              orb_error *err);

/* Free a world. NULL is a no-op. */
void orb_world_free(orb_world *world);

/* The world's year. */
int orb_world_year(const orb_world *world);

/* Number of states in the world that year. */
size_t orb_world_nstates(const orb_world *world);

/* State i (0 <= i < nstates), borrowed: valid until the world is freed.
 * NULL if i is out of range. */
const orb_state *orb_world_state(const orb_world *world, size_t i);

/* COW contiguity type of states i and j that year: 1 land or river, 2-5 across
 * up to 12, 24, 150, 400 miles of water; 0 none (or i == j, or out of range). */
int orb_world_contiguity(const orb_world *world, size_t i, size_t j);

/* 1 if states i and j are at war that year: an interstate armed conflict of
 * war intensity (1,000 or more battle deaths) in UCDP/PRIO ACD 25.1. */
int orb_world_at_war(const orb_world *world, size_t i, size_t j);

/* 1 if state i's sanctions on state j are in force that year (GSDB release 3,
 * cases whose senders are all states; see data/README.md). */
int orb_world_sanctions(const orb_world *world, size_t i, size_t j);

/* 1 if states i and j have a defence pact that year (ATOP; see data/README.md). */
int orb_world_defense(const orb_world *world, size_t i, size_t j);

/* Year of the last militarised dispute onset between states i and j up to the
 * world's year (COW MID 5.0, which ends in 2014; after it the last year of an
 * interstate armed conflict between them in UCDP/PRIO ACD), 0 if none. */
int orb_world_last_dispute(const orb_world *world, size_t i, size_t j);

/* Index of the state with COW code ccode, or (size_t)-1 if not in the world. */
size_t orb_world_index(const orb_world *world, int ccode);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_DATA_H */
