/*
 * scenario.h - scenario files (YAML): what a run starts from and what a user
 * changes. The format is documented in docs/scenario-format.md.
 *
 * Loading validates everything: every error is ORB_EPARSE with
 * "file:line:column: field 'x': expected ..., found ..." and, for an unknown
 * state code, the nearest valid codes; a year outside the data is ORB_ERANGE
 * with the same location. Nothing is half-loaded: on error *out is NULL.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_SCENARIO_H
#define ORBIS_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "orbis/alloc.h"
#include "orbis/data.h"
#include "orbis/params.h"
#include "orbis/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct orb_scenario orb_scenario;

/* Latest end year a scenario may ask for. */
#define ORB_MAX_END_YEAR 2200

/* Variables a shock may change. */
typedef enum orb_shock_var {
    ORB_SHOCK_GDP = 0, /* real GDP (level) */
    ORB_SHOCK_POP,     /* population (total and urban alike) */
    ORB_SHOCK_MILEX,   /* military expenditure */
    ORB_SHOCK_MILPER,  /* military personnel */
    ORB_SHOCK_IRST,    /* iron and steel production */
    ORB_SHOCK_PEC,     /* primary energy consumption */
    ORB_SHOCK_UPOP     /* urban population */
} orb_shock_var;

#define ORB_NSHOCK_VARS 7

/* Name of a shock variable ("gdp", ...), NULL if out of range. */
const char *orb_shock_var_name(int var);

/* A one-off proportional change: x *= 1 + change at the start of year. */
typedef struct orb_shock {
    int year;          /* applied when the run steps into this year */
    int ccode;         /* COW code */
    orb_shock_var var; /* what changes */
    double change;     /* relative change, in (-1, 10] */
} orb_shock;

/* A dated event between two states (CAMEO-coded). */
typedef struct orb_event {
    int year, month, day; /* month and day 0 when only the year is given */
    int source, target;   /* COW codes */
    char cameo[8];        /* CAMEO code as text */
    double goldstein;     /* its Goldstein weight, [-10, 10] */
} orb_event;

/* A declared partnership between two states. */
typedef struct orb_partnership {
    int a, b;      /* COW codes, a < b */
    char kind[48]; /* e.g. "comprehensive-strategic" */
    int year;      /* year it was declared */
} orb_partnership;

/* An alliance change (enforced by the alliance mechanism). */
typedef struct orb_alliance_change {
    int year;
    char action[8];    /* "join", "leave", "form", "end" */
    char alliance[48]; /* name, e.g. "NATO" */
    size_t nmembers;
    int members[32]; /* COW codes */
} orb_alliance_change;

/* A crisis to negotiate (used by the negotiation mechanism). */
typedef struct orb_crisis_actor {
    int ccode;         /* COW code, 0 for a non-state actor */
    char name[48];     /* actor name (the state's abbreviation for a state) */
    double position;   /* on the issue scale */
    double salience;   /* [0, 1] */
    double capability; /* NaN: taken from the run's power */
} orb_crisis_actor;

typedef struct orb_crisis {
    char name[48];
    int year;      /* first year negotiated */
    double lo, hi; /* issue scale */
    size_t nactors;
    orb_crisis_actor actors[32];
    size_t nindivisible;    /* feasible settlements when the issue is indivisible */
    double indivisible[16]; /* (on the issue scale); none: any point is feasible */
} orb_crisis;

/*
 * Order regimes: presets of the rules' enforcement (docs/model.md 5e).
 * historical is the record the estimates come from: the Charter's ban on
 * force and the norm of non-interference at today's strength (1), the
 * other rules absent (0). anarchy has every rule at 0.
 */
typedef enum orb_regime {
    ORB_REGIME_ANARCHY = 0,
    ORB_REGIME_UN_CHARTER = 1,
    ORB_REGIME_RULES_BASED = 2,
    ORB_REGIME_HISTORICAL = 3
} orb_regime;

#define ORB_NREGIMES 4

/*
 * The rules. Each of the first five restricts an action and has an
 * enforcement strength e >= 0: 0 the rule is not there, 1 as costly to
 * break as the record shows (or, for rules without data, as the Charter's
 * ban on force), above 1 stronger than history. The names are the
 * scenario's switches: for the first three the switch says whether the
 * action is permitted (false = the rule at strength 1), for the next two
 * whether the rule is on. HEGEMON_PRIVILEGE is on or off: it exempts
 * order.hegemon and its allies from the others.
 */
typedef enum orb_rule {
    ORB_RULE_UNILATERAL_SANCTIONS = 0, /* restricts sanctions without a Council mandate */
    ORB_RULE_INTERFERENCE,             /* restricts interference */
    ORB_RULE_BLOC_EXPANSION,           /* restricts new pacts */
    ORB_RULE_INDIVISIBLE_SECURITY,     /* restricts pacts and arming that raise others' threat */
    ORB_RULE_FORCE_AUTHORISATION,      /* restricts force without a Council authorisation */
    ORB_RULE_HEGEMON_PRIVILEGE         /* the leading power and its allies are exempt */
} orb_rule;

#define ORB_NRULES          6
#define ORB_ENFORCEMENT_MAX 10.0 /* the strongest enforcement a scenario may set */

const char *orb_regime_name(orb_regime r);
/* Parse a regime name ("anarchy", "un-charter", "rules-based", "historical") or a rule
 * name ("unilateral_sanctions", ...); ORB_EINVAL for an unknown name. */
orb_status orb_regime_parse(const char *name, orb_regime *out);
orb_status orb_rule_parse(const char *name, orb_rule *out);
const char *orb_rule_name(orb_rule r);

/*
 * Load and validate a scenario file. tables (borrowed for the call) supply
 * state codes and CAMEO codes. Errors: ORB_EIO (cannot open), ORB_EPARSE
 * (malformed YAML, unknown field, wrong type, value out of range, unknown
 * code, duplicate entry), ORB_ERANGE (a year outside the data), ORB_ENOMEM.
 */
orb_status orb_scenario_load(const char *path, const orb_tables *tables, orb_scenario **out,
                             orb_error *err);

/* The same from a text in memory; name is used in messages as the file name. */
orb_status orb_scenario_parse(const char *text, size_t len, const char *name,
                              const orb_tables *tables, orb_scenario **out, orb_error *err);

/* The two above with the scenario's memory from alloc (NULL: malloc); the
 * scenario gives it back to alloc when freed. ORB_EINVAL if alloc lacks a
 * function. libyaml's own memory while parsing is not the allocator's. */
orb_status orb_scenario_load_with(const orb_allocator *alloc, const char *path,
                                  const orb_tables *tables, orb_scenario **out, orb_error *err);
orb_status orb_scenario_parse_with(const orb_allocator *alloc, const char *text, size_t len,
                                   const char *name, const orb_tables *tables, orb_scenario **out,
                                   orb_error *err);

/* Free. NULL is a no-op. */
void orb_scenario_free(orb_scenario *s);

/*
 * A scenario built through the API rather than a file: name, start year
 * (ORB_FIRST_YEAR..ORB_LAST_YEAR) and end year (after the start, at most
 * ORB_MAX_END_YEAR); no interventions, regime historical, seed 1, one run.
 * ORB_EINVAL or ORB_ERANGE (years) with a message; alloc as in
 * orb_scenario_load_with (NULL: malloc).
 */
orb_status orb_scenario_new(const orb_allocator *alloc, const char *name, int start, int end,
                            orb_scenario **out, orb_error *err);
/* Set the order regime; every rule then follows it until set on its own. */
orb_status orb_scenario_set_regime(orb_scenario *s, orb_regime regime);
/* Set one rule's switch, whatever the regime implies: for the first three
 * rules on = the action permitted (enforcement 0), off = enforcement 1; for
 * the others on = enforcement 1, off = 0. */
orb_status orb_scenario_set_rule(orb_scenario *s, orb_rule rule, int on);
/* Set one rule's enforcement, e in [0, ORB_ENFORCEMENT_MAX] (the privilege:
 * 0 or 1). ORB_EINVAL otherwise. */
orb_status orb_scenario_set_enforcement(orb_scenario *s, orb_rule rule, double e);
/* Set the seed and the number of runs (at least 1). */
orb_status orb_scenario_set_seed(orb_scenario *s, uint64_t seed);
orb_status orb_scenario_set_runs(orb_scenario *s, size_t runs);

/* Accessors; strings and arrays are borrowed until orb_scenario_free. */
const char *orb_scenario_name(const orb_scenario *s);
const char *orb_scenario_description(const orb_scenario *s);
int orb_scenario_start(const orb_scenario *s); /* default ORB_LAST_YEAR */
int orb_scenario_end(const orb_scenario *s);
uint64_t orb_scenario_seed(const orb_scenario *s); /* default 1 */
size_t orb_scenario_runs(const orb_scenario *s);   /* default 1 */
orb_regime orb_scenario_regime(const orb_scenario *s);
/* Rule r's switch (orb_scenario_set_rule's sense), as set or implied. */
int orb_scenario_rule(const orb_scenario *s, orb_rule r);
/* Rule r's enforcement, as set in the file or implied by the regime. */
double orb_scenario_enforcement(const orb_scenario *s, orb_rule r);
/* Apply the file's parameter overrides to p (already range-checked). */
void orb_scenario_apply_params(const orb_scenario *s, orb_params *p);
size_t orb_scenario_noverrides(const orb_scenario *s);
const orb_shock *orb_scenario_shocks(const orb_scenario *s, size_t *n_out);
const orb_event *orb_scenario_events(const orb_scenario *s, size_t *n_out);
const orb_partnership *orb_scenario_partnerships(const orb_scenario *s, size_t *n_out);
const orb_alliance_change *orb_scenario_alliances(const orb_scenario *s, size_t *n_out);
const orb_crisis *orb_scenario_crises(const orb_scenario *s, size_t *n_out);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_SCENARIO_H */
