/*
 * calibrate.h - estimate the engine's empirical parameters from the raw data.
 *
 * Every parameter whose source in the parameter table (params.h) reads
 * "estimated" is produced here, by least squares (GSL) on the data sets in
 * ORBIS_DATA, over a stated sample. The defaults shipped in the table are
 * these estimates rounded to six significant digits; a test re-runs the
 * calibration and checks that they agree. `orbis calibrate` prints the table.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_CALIBRATE_H
#define ORBIS_CALIBRATE_H

#include <stddef.h>

#include "orbis/data.h"
#include "orbis/params.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One estimated parameter: plain data. */
typedef struct orb_estimate {
    char name[40];          /* parameter-table name, e.g. "econ.beta" */
    double value;           /* the estimate */
    double se;              /* its standard error */
    double se_dyadic;       /* dyadic-robust (Aronow-Samii-Assenova 2015) where the sample is
                               dyads, else NaN */
    size_t n;               /* observations used */
    size_t nclusters;       /* states in the sample */
    int from_year, to_year; /* years of the dependent variable */
    char method[80];        /* estimator and kind of standard error */
    char data[80];          /* data set(s), relative to ORBIS_DATA */
} orb_estimate;

/* Samples of a calibration; start from orb_calibrate_opts_default(). */
typedef struct orb_calibrate_opts {
    int last_year; /* 0: each sample ends with its data (Maddison 2018, Fariss 2019, NMC 2022,
                      COW trade 2014); else every sample ends by this year (trade: the
                      gravity scale uses min(2014, last_year)), for out-of-sample checks */
    int years;     /* 0: samples start in 1991 (or span 28 years when last_year is set);
                      else each sample spans this many years, 10-100 */
} orb_calibrate_opts;

/* Earliest last_year accepted (the samples need Maddison and NMC history). */
#define ORB_CALIBRATE_MIN_YEAR 1900

orb_calibrate_opts orb_calibrate_opts_default(void);

/* A state's own growth intercept (docs/model.md 4): the within (fixed-effects)
 * estimate of the growth regression's intercept for the state, shrunk toward
 * its group's mean (Global South or not) by empirical Bayes. */
typedef struct orb_growth_effect {
    int ccode;
    int global_south;
    size_t years;  /* observations of the state */
    double raw;    /* its fixed effect */
    double se;     /* the fixed effect's standard error, sigma_e / sqrt(years) */
    double shrink; /* tau^2 / (tau^2 + se^2): the weight of its own estimate */
    double effect; /* group mean + shrink (raw - group mean): the value the runs use */
} orb_growth_effect;

/* The states' growth effects on the economy sample of orb_calibrate (the same
 * opts), states with at least ORB_GROWTH_EFFECT_MIN_YEARS years, by COW code;
 * *n_out of them (cap >= 256 is always enough). Errors as orb_calibrate's. */
#define ORB_GROWTH_EFFECT_MIN_YEARS 10
orb_status orb_calibrate_growth_effects(const char *datadir, const orb_tables *tables,
                                        const orb_calibrate_opts *opts, orb_growth_effect *out,
                                        size_t cap, size_t *n_out, orb_error *err);

/* Upper bound on the number of estimates orb_calibrate produces. */
#define ORB_CALIBRATE_MAX 96

/*
 * Run every estimation. datadir is the raw data folder (ORBIS_DATA); tables
 * and panel come from orb_tables_load / orb_panel_load; opts may be NULL (the
 * default samples, which give the parameter table's defaults). Writes up to cap
 * estimates to out and their number to *n_out (cap >= ORB_CALIBRATE_MAX is
 * always enough). Errors: ORB_EIO (a file is missing; named), ORB_EPARSE
 * (file:line:column), ORB_ENODATA (a sample is too small to estimate),
 * ORB_EINVAL (cap too small), ORB_ENOMEM. Cost: a few passes over the panel,
 * the dyad-years of 1972-2019 and the Maddison and COW trade files: about
 * 2 s on one core (bench/bench_run.c measures it). Not thread-safe with
 * other users of GSL: it turns GSL's error handler off for the call.
 */
orb_status orb_calibrate(const char *datadir, const orb_tables *tables, const orb_panel *panel,
                         const orb_calibrate_opts *opts, orb_estimate *out, size_t cap,
                         size_t *n_out, orb_error *err);

/* Set each estimate's parameter in params (by name, range-checked); on error
 * params is unchanged. */
orb_status orb_calibrate_apply(const orb_estimate *est, size_t n, orb_params *params,
                               orb_error *err);

/* Great-circle distance in km between two points given in degrees (haversine,
 * mean Earth radius 6371.0088 km, IUGG). */
double orb_distance_km(double lat1, double lon1, double lat2, double lon2);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_CALIBRATE_H */
