/*
 * params.h - the parameter table: every model parameter with its default,
 * unit, valid range and source (a citation, or the calibration that
 * estimated it; see calibrate.h). Scenario files override parameters by
 * name; `orbis params` lists the table.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_PARAMS_H
#define ORBIS_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the table (static, read-only). */
typedef struct orb_param_info {
    const char *name;   /* "module.name", e.g. "econ.beta" */
    double def;         /* default value */
    double lo, hi;      /* valid range, inclusive */
    int integer;        /* 1 if the value must be a whole number (codes, switches) */
    const char *unit;   /* unit, e.g. "1/year", "log points" */
    const char *desc;   /* one-line meaning */
    const char *source; /* citation, or "estimated: ..." (see orb_calibrate) */
} orb_param_info;

/* Capacity of a parameter set (the table is smaller). */
#define ORB_PARAMS_MAX 128

/* A set of parameter values, indexed like the table: plain data, copyable. */
typedef struct orb_params {
    double v[ORB_PARAMS_MAX];
} orb_params;

/* Number of parameters in the table. */
size_t orb_params_count(void);

/* Row i of the table, NULL if i >= orb_params_count(). Static storage. */
const orb_param_info *orb_params_info(size_t i);

/* Index of a parameter by name: ORB_OK, or ORB_EINVAL for an unknown name. */
orb_status orb_params_index(const char *name, size_t *index_out);

/* Fill p with the defaults. */
void orb_params_default(orb_params *p);

/*
 * Set a parameter by name. ORB_EINVAL for an unknown name (the message
 * suggests the nearest names) or a value outside the valid range or not a
 * whole number where one is required; p is unchanged on error.
 */
orb_status orb_params_set(orb_params *p, const char *name, double value, orb_error *err);

/*
 * Set parameters from a CSV file with a header row and the columns name and
 * value (or default, so that `orbis params --format csv` output reads as it
 * is); other columns are ignored, parameters not in the file keep their
 * values in p. Errors name file:line:column: ORB_EIO (cannot open),
 * ORB_EPARSE (a missing column, a malformed number, an unknown name with the
 * nearest ones, a value out of range, a name given twice); p is unchanged on
 * error. A fixed file pins a set of values: tests/data/params-pinned.csv.
 */
orb_status orb_params_read(const char *path, orb_params *p, orb_error *err);

/*
 * How uncertain each parameter is (`--uncertainty params`, docs/model.md
 * "Parameter uncertainty"): an estimated parameter is drawn from a normal
 * around its value with the calibration's clustered standard error (a);
 * an assumption, or a published value without a standard error here, is
 * drawn uniformly in its range [a, b]; switches, codes and definitions are
 * fixed. why says where the spread comes from.
 */
typedef enum orb_spread_kind {
    ORB_SPREAD_FIXED = 0,
    ORB_SPREAD_NORMAL = 1,
    ORB_SPREAD_UNIFORM = 2
} orb_spread_kind;

typedef struct orb_param_spread {
    orb_spread_kind kind;
    double a, b;     /* NORMAL: a the standard deviation; UNIFORM: the range [a, b] */
    const char *why; /* its source, or "" when fixed */
} orb_param_spread;

/* Spread of parameter i (NULL if i >= orb_params_count()). */
const orb_param_spread *orb_params_spread(size_t i);

/*
 * One draw of the parameters for run run of an ensemble of seed seed: each
 * NORMAL parameter from N(base value, sd), kept in its valid range; each
 * UNIFORM one uniformly in its range, unless base differs from the default
 * (a scenario's override stays as set); FIXED ones as in base. Draws come
 * from the Philox stream (seed, run) at counters (0, 64, i), which the
 * run's own draws (years >= 1816) never use. The draws are independent: the
 * calibration keeps standard errors, not the covariances of its estimates.
 */
void orb_params_draw(const orb_params *base, uint64_t seed, uint64_t run, orb_params *out);

/* Value of a parameter by name; NaN for an unknown name. */
double orb_params_get(const orb_params *p, const char *name);

/*
 * Up to k names (at most 8) from the table nearest to name by edit distance,
 * written to out (static strings); returns how many: 0 when k is 0 or name or
 * out is NULL. Used for "did you mean" messages.
 */
size_t orb_params_nearest(const char *name, const char **out, size_t k);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_PARAMS_H */
