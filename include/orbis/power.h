/*
 * power.h - material power measures: COW CINC (two missing-value rules) and
 * the GDP, military-expenditure and "net resources" shares.
 *
 * CINC (Singer, Bremer & Stuckey 1972; NMC v7.0 codebook): for each of the six
 * components c, s_ci = x_ci / sum_j x_cj over the states considered; CINC_i
 * is the mean of state i's shares. The codebook rule averages only the
 * non-missing shares ("the values of the non-missing shares are averaged");
 * the strict rule divides by six, treating a missing component as zero.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_POWER_H
#define ORBIS_POWER_H

#include <stddef.h>

#include "orbis/data.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a missing CINC component is treated. */
typedef enum orb_cinc_rule {
    ORB_CINC_CODEBOOK = 0, /* mean of the non-missing shares (NMC codebook; default) */
    ORB_CINC_STRICT = 1    /* sum of shares / 6, missing counts as zero */
} orb_cinc_rule;

/* Power measures. */
typedef enum orb_measure {
    ORB_MEASURE_CINC = 0,  /* COW CINC (codebook rule unless stated) */
    ORB_MEASURE_GDP = 1,   /* share of real GDP, 2017 PPP USD */
    ORB_MEASURE_MILEX = 2, /* share of military expenditure (NMC milex) */
    ORB_MEASURE_NET = 3    /* share of GDP x GDP per capita (Beckley 2018) */
} orb_measure;

#define ORB_NMEASURES 4

/* Name of a measure ("cinc", "gdp", "milex", "net"), NULL if out of range. */
const char *orb_measure_name(orb_measure m);

/* Parse a measure name; returns ORB_EINVAL for an unknown name. */
orb_status orb_measure_parse(const char *name, orb_measure *m_out);

/*
 * CINC from raw components. comp is n rows of ORB_NCOMP values, row-major,
 * with NaN for a missing component (negative values are invalid). Writes
 * n CINC values to cinc_out. A state with every component missing gets NaN;
 * a component whose total over the n states is zero contributes a share of
 * zero. Returns ORB_EINVAL on a NULL pointer, negative or infinite value.
 * Cost: O(6n).
 */
/* Name of a CINC rule ("codebook", "strict"), NULL if out of range; parse
 * one (ORB_EINVAL for an unknown name). */
const char *orb_cinc_rule_name(orb_cinc_rule r);
orb_status orb_cinc_rule_parse(const char *name, orb_cinc_rule *out);

orb_status orb_cinc(const double *comp, size_t n, orb_cinc_rule rule, double *cinc_out);

/*
 * The power of each state of a world under a measure, computed among a
 * subset: mask[i] != 0 includes state i (mask == NULL includes all).
 * Component shares (CINC) and measure shares are taken within the subset, so
 * CINC among the major powers uses each component's major-power total, as
 * Singer, Bremer & Stuckey's CON does. Excluded states and states whose value
 * is missing get NaN. For CINC the values are raw CINC scores (whose sum may
 * differ from one under the codebook rule); the other measures are shares
 * that sum to one over the states with a value. power_out holds
 * orb_world_nstates() values. Cost: O(n).
 */
orb_status orb_world_power(const orb_world *world, orb_measure measure, orb_cinc_rule rule,
                           const int *mask, double *power_out);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_POWER_H */
