/*
 * scenario.c - load and validate scenario files (libyaml document API).
 *
 * The file is parsed into a libyaml document, then walked against the schema
 * in docs/scenario-format.md. Every message carries file:line:column (libyaml
 * marks are 0-based; we print 1-based) and the dotted field path.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "data_int.h"
#include "orb_int.h"
#include "scenario_int.h"

#define MAX_ITEMS  4096 /* entries per list */
#define MAX_CRISES 64   /* crises: each is negotiated every year (docs/orbis.1.md, Limits) */

struct orb_scenario {
    char name[64];
    char *description;
    int start, end;
    uint64_t seed;
    size_t runs;
    orb_regime regime;
    double enf[ORB_NRULES];  /* enforcement; NaN: as the regime implies */
    int enf_how[ORB_NRULES]; /* 0 not set, 1 by its switch, 2 in order.enforcement */
    size_t npar;
    size_t par_index[ORB_PARAMS_MAX];
    double par_value[ORB_PARAMS_MAX];
    size_t nshock, nevent, npart, nall, ncrisis;
    orb_shock *shock;
    orb_event *event;
    orb_partnership *part;
    orb_alliance_change *all;
    orb_crisis *crisis;
    orb_allocator al; /* where the scenario's memory comes from */
};

static const char *const shock_names[ORB_NSHOCK_VARS] = {"gdp",  "pop", "milex", "milper",
                                                         "irst", "pec", "upop"};
static const char *const regime_names[ORB_NREGIMES] = {"anarchy", "un-charter", "rules-based",
                                                       "historical"};
static const char *const rule_names[ORB_NRULES] = {"unilateral_sanctions", "interference",
                                                   "bloc_expansion",       "indivisible_security",
                                                   "force_authorisation",  "hegemon_privilege"};
/* What each regime implies for each rule's enforcement (docs/model.md 5e). */
static const double regime_enf[ORB_NREGIMES][ORB_NRULES] = {
    {0, 0, 0, 0, 0, 0}, /* anarchy: no rule */
    {1, 1, 0, 1, 1, 0}, /* un-charter: no unilateral coercion; indivisible security */
    {0, 0, 0, 0, 1, 0}, /* rules-based, as its proponents describe it (scenarios/) */
    {0, 1, 0, 0, 1, 0}, /* historical: the record (the Charter's force and non-interference) */
};

double orbi_regime_enforcement(orb_regime regime, orb_rule rule)
{
    if ((int)regime < 0 || (int)regime >= ORB_NREGIMES || (int)rule < 0 || (int)rule >= ORB_NRULES)
        return 0;
    return regime_enf[regime][rule];
}

/* The first three rules' switches say the action is permitted. */
static int permissive_switch(int r)
{
    return r <= ORB_RULE_BLOC_EXPANSION;
}

const char *orb_shock_var_name(int v)
{
    return (v >= 0 && v < ORB_NSHOCK_VARS) ? shock_names[v] : NULL;
}

const char *orb_regime_name(orb_regime r)
{
    return ((int)r >= 0 && (int)r < ORB_NREGIMES) ? regime_names[r] : NULL;
}

orb_status orb_regime_parse(const char *name, orb_regime *out)
{
    int i;

    if (name == NULL || out == NULL) return ORB_EINVAL;
    for (i = 0; i < ORB_NREGIMES; i++)
        if (strcmp(name, regime_names[i]) == 0) {
            *out = (orb_regime)i;
            return ORB_OK;
        }
    return ORB_EINVAL;
}

orb_status orb_rule_parse(const char *name, orb_rule *out)
{
    int i;

    if (name == NULL || out == NULL) return ORB_EINVAL;
    for (i = 0; i < ORB_NRULES; i++)
        if (strcmp(name, rule_names[i]) == 0) {
            *out = (orb_rule)i;
            return ORB_OK;
        }
    return ORB_EINVAL;
}

const char *orb_rule_name(orb_rule r)
{
    return ((int)r >= 0 && (int)r < ORB_NRULES) ? rule_names[r] : NULL;
}

/* A field's path for messages, cut to the buffer (a path longer than a
 * message can show is cut, not overrun). */
ORB_PRINTF(3, 4) static void path_fmt(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
}

/* ---- walking the document ----------------------------------------------- */

typedef struct ctx {
    const char *file;
    yaml_document_t *doc;
    const orb_tables *t;
    orb_scenario *s;
    orb_error *err;
} ctx;

static orb_status fail_at(ctx *c, const yaml_node_t *n, orb_status code, const char *field,
                          const char *fmt, ...) ORB_PRINTF(5, 6);

static orb_status fail_at(ctx *c, const yaml_node_t *n, orb_status code, const char *field,
                          const char *fmt, ...)
{
    char text[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return orbi_error(c->err, code, c->file, n ? (unsigned long)n->start_mark.line + 1 : 0,
                      n ? (unsigned long)n->start_mark.column + 1 : 0, "field '%s': %s", field,
                      text);
}

static yaml_node_t *node(ctx *c, int id)
{
    return yaml_document_get_node(c->doc, id);
}

static const char *kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a scalar";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "nothing";
    }
}

static const char *sval(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static orb_status want(ctx *c, const yaml_node_t *n, yaml_node_type_t type, const char *field,
                       const char *what)
{
    if (n->type == type) return ORB_OK;
    return fail_at(c, n, ORB_EPARSE, field, "expected %s, found %s", what, kind(n));
}

static orb_status get_string(ctx *c, const yaml_node_t *n, const char *field, char *out, size_t cap)
{
    ORB_TRY(want(c, n, YAML_SCALAR_NODE, field, "a string"));
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        (sval(n)[0] == '\0' || strcmp(sval(n), "~") == 0 || strcmp(sval(n), "null") == 0 ||
         strcmp(sval(n), "Null") == 0 || strcmp(sval(n), "NULL") == 0))
        return fail_at(c, n, ORB_EPARSE, field,
                       "expected a string, found null (quote it if meant)");
    if (sval(n)[0] == '\0') return fail_at(c, n, ORB_EPARSE, field, "expected a non-empty string");
    if (strlen(sval(n)) >= cap)
        return fail_at(c, n, ORB_EPARSE, field, "expected at most %zu characters", cap - 1);
    orbi_strlcpy(out, sval(n), cap);
    return ORB_OK;
}

static orb_status get_double(ctx *c, const yaml_node_t *n, const char *field, double lo, double hi,
                             double *out)
{
    char *end;
    double v;

    ORB_TRY(want(c, n, YAML_SCALAR_NODE, field, "a number"));
    errno = 0;
    v = strtod(sval(n), &end);
    if (end == sval(n) || *end != '\0' || errno != 0 || !isfinite(v))
        return fail_at(c, n, ORB_EPARSE, field, "expected a number, found '%s'", sval(n));
    if (!(v >= lo && v <= hi))
        return fail_at(c, n, ORB_EPARSE, field, "expected a number in [%g, %g], found %s", lo, hi,
                       sval(n));
    *out = v;
    return ORB_OK;
}

static orb_status get_long(ctx *c, const yaml_node_t *n, const char *field, long long lo,
                           long long hi, long long *out)
{
    char *end;
    long long v;

    ORB_TRY(want(c, n, YAML_SCALAR_NODE, field, "a whole number"));
    errno = 0;
    v = strtoll(sval(n), &end, 10);
    if (end == sval(n) || *end != '\0' || errno != 0)
        return fail_at(c, n, ORB_EPARSE, field, "expected a whole number, found '%s'", sval(n));
    if (v < lo || v > hi)
        return fail_at(c, n, ORB_EPARSE, field, "expected a whole number in [%lld, %lld], found %s",
                       lo, hi, sval(n));
    *out = v;
    return ORB_OK;
}

/* A year in [lo, hi]: outside is ORB_ERANGE ("outside the data" or the run). */
static orb_status get_year(ctx *c, const yaml_node_t *n, const char *field, int lo, int hi,
                           const char *why, int *out)
{
    long long v = 0;

    ORB_TRY(get_long(c, n, field, 0, 9999, &v));
    if (v < lo || v > hi)
        return fail_at(c, n, ORB_ERANGE, field, "year %lld is outside %s (%d-%d)", v, why, lo, hi);
    *out = (int)v;
    return ORB_OK;
}

static orb_status get_bool(ctx *c, const yaml_node_t *n, const char *field, int *out)
{
    ORB_TRY(want(c, n, YAML_SCALAR_NODE, field, "true or false"));
    if (strcmp(sval(n), "true") == 0) {
        *out = 1;
    } else if (strcmp(sval(n), "false") == 0) {
        *out = 0;
    } else {
        return fail_at(c, n, ORB_EPARSE, field, "expected true or false, found '%s'", sval(n));
    }
    return ORB_OK;
}

/* A state code (COW number, abbreviation, ISO3 or name) of a state in the
 * system in the start year; an unknown code lists the nearest valid ones. */
static orb_status get_state(ctx *c, const yaml_node_t *n, const char *field, int *out)
{
    const orb_tables *t = c->t;
    const char *cand[2 * 256], *near[3];
    char hint[200];
    size_t i, m = 0;
    int cc;

    ORB_TRY(want(c, n, YAML_SCALAR_NODE, field, "a state code"));
    cc = orb_tables_find_in(t, sval(n), c->s->start);
    if (cc != 0) {
        const orbi_state_info *info = orbi_tables_state(t, cc);
        if (info && c->s->start >= info->first_year && c->s->start <= info->last_year) {
            *out = cc;
            return ORB_OK;
        }
        return fail_at(c, n, ORB_EPARSE, field, "state '%s' (%s) is not in the system in %d",
                       sval(n), info ? info->abb : "?", c->s->start);
    }
    for (i = 0; i < t->nstates && m + 2 <= sizeof cand / sizeof cand[0]; i++) {
        const orbi_state_info *info = &t->st[i];
        if (c->s->start < info->first_year || c->s->start > info->last_year) continue;
        cand[m++] = info->abb;
        if (info->iso3[0] && strcmp(info->iso3, info->abb) != 0) cand[m++] = info->iso3;
    }
    orbi_nearest_msg(hint, sizeof hint, near, orbi_nearest(sval(n), cand, m, near, 3));
    return fail_at(c, n, ORB_EPARSE, field, "unknown state code '%s'%s", sval(n), hint);
}

/* Check a mapping's keys against the allowed list, rejecting unknown and
 * duplicate keys; calls back with each (key, value). */
typedef orb_status (*field_fn)(ctx *c, const char *key, yaml_node_t *val, void *ud,
                               const char *path);

static orb_status walk_map(ctx *c, yaml_node_t *map, const char *path, const char *const *allowed,
                           size_t nallowed, field_fn fn, void *ud)
{
    yaml_node_pair_t *p;
    unsigned seen = 0;

    ORB_TRY(want(c, map, YAML_MAPPING_NODE, path, "a mapping"));
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
        char sub[200];
        size_t i;

        if (k->type != YAML_SCALAR_NODE)
            return fail_at(c, k, ORB_EPARSE, path, "expected a field name, found %s", kind(k));
        for (i = 0; i < nallowed; i++)
            if (strcmp(sval(k), allowed[i]) == 0) break;
        path_fmt(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", sval(k));
        if (i == nallowed) {
            const char *near[3];
            char hint[200];
            orbi_nearest_msg(hint, sizeof hint, near,
                             orbi_nearest(sval(k), allowed, nallowed, near, 3));
            return fail_at(c, k, ORB_EPARSE, sub, "unknown field%s", hint);
        }
        if (seen & (1u << i)) return fail_at(c, k, ORB_EPARSE, sub, "duplicate field");
        seen |= 1u << i;
        ORB_TRY(fn(c, sval(k), v, ud, sub));
    }
    return ORB_OK;
}

/* Require the fields in mask `need` (bits of allowed[]) to be present. */
static orb_status require(ctx *c, yaml_node_t *map, const char *path, const char *const *allowed,
                          size_t nallowed, unsigned need)
{
    yaml_node_pair_t *p;
    unsigned seen = 0;
    size_t i;

    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
        for (i = 0; i < nallowed; i++)
            if (strcmp(sval(node(c, p->key)), allowed[i]) == 0) seen |= 1u << i;
    for (i = 0; i < nallowed; i++)
        if ((need & (1u << i)) && !(seen & (1u << i)))
            return fail_at(c, map, ORB_EPARSE, path, "missing required field '%s'", allowed[i]);
    return ORB_OK;
}

/* Allocate n zeroed items for a list. */
static orb_status list_alloc(ctx *c, yaml_node_t *seq, const char *path, size_t size, void **out,
                             size_t *n_out)
{
    size_t n;

    ORB_TRY(want(c, seq, YAML_SEQUENCE_NODE, path, "a list"));
    n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    if (n > MAX_ITEMS)
        return fail_at(c, seq, ORB_EPARSE, path, "expected at most %d entries", MAX_ITEMS);
    *out = orbi_calloc(&c->s->al, n ? n : 1, size);
    if (*out == NULL) return orbi_error(c->err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    *n_out = 0;
    return ORB_OK;
}

/* ---- sections --------------------------------------------------------------- */

/* order.enforcement: a rule's strength, in [0, ORB_ENFORCEMENT_MAX]. */
static orb_status enforcement_field(ctx *c, const char *key, yaml_node_t *v, void *ud,
                                    const char *path)
{
    orb_scenario *s = c->s;
    size_t i;

    (void)ud;
    for (i = 0; i < ORB_RULE_HEGEMON_PRIVILEGE; i++)
        if (strcmp(key, rule_names[i]) == 0) {
            if (s->enf_how[i] == 1)
                return fail_at(c, v, ORB_EPARSE, path,
                               "rule '%s' is set both by its switch and in order.enforcement; "
                               "give one",
                               key);
            s->enf_how[i] = 2;
            return get_double(c, v, path, 0, ORB_ENFORCEMENT_MAX, &s->enf[i]);
        }
    return ORB_OK;
}

static orb_status order_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    static const char *const enf_f[] = {"unilateral_sanctions", "interference", "bloc_expansion",
                                        "indivisible_security", "force_authorisation"};
    orb_scenario *s = c->s;
    size_t i;

    (void)ud;
    if (strcmp(key, "regime") == 0) {
        ORB_TRY(want(c, v, YAML_SCALAR_NODE, path, "a regime name"));
        for (i = 0; i < ORB_NREGIMES; i++)
            if (strcmp(sval(v), regime_names[i]) == 0) break; /* orb_regime_parse's list */
        if (i == ORB_NREGIMES)
            return fail_at(c, v, ORB_EPARSE, path,
                           "expected un-charter, rules-based, historical or anarchy, found '%s'",
                           sval(v));
        s->regime = (orb_regime)i;
        return ORB_OK;
    }
    if (strcmp(key, "enforcement") == 0)
        return walk_map(c, v, path, enf_f, 5, enforcement_field, NULL);
    for (i = 0; i < ORB_NRULES; i++)
        if (strcmp(key, rule_names[i]) == 0) {
            int on = 0;
            if (s->enf_how[i] == 2)
                return fail_at(c, v, ORB_EPARSE, path,
                               "rule '%s' is set both by its switch and in order.enforcement; "
                               "give one",
                               key);
            ORB_TRY(get_bool(c, v, path, &on));
            s->enf_how[i] = 1;
            s->enf[i] = (permissive_switch((int)i) ? !on : on) ? 1.0 : 0.0;
            return ORB_OK;
        }
    return ORB_OK;
}

static orb_status param_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_scenario *s = c->s;
    const orb_param_info *info;
    size_t idx;
    double x;

    (void)ud;
    if (orb_params_index(key, &idx) != ORB_OK) {
        const char *near[3];
        char hint[200];
        orbi_nearest_msg(hint, sizeof hint, near, orb_params_nearest(key, near, 3));
        return fail_at(c, v, ORB_EPARSE, path, "unknown parameter%s", hint);
    }
    info = orb_params_info(idx);
    ORB_TRY(get_double(c, v, path, info->lo, info->hi, &x));
    if (info->integer && x != floor(x))
        return fail_at(c, v, ORB_EPARSE, path, "expected a whole number, found %s", sval(v));
    s->par_index[s->npar] = idx;
    s->par_value[s->npar] = x;
    s->npar++;
    return ORB_OK;
}

static orb_status parameters(ctx *c, yaml_node_t *v, const char *path)
{
    yaml_node_pair_t *p;
    size_t n;
    const char **names;
    orb_status st;

    ORB_TRY(want(c, v, YAML_MAPPING_NODE, path, "a mapping of parameter names to values"));
    n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    if (n > ORB_PARAMS_MAX)
        return fail_at(c, v, ORB_EPARSE, path, "more overrides than parameters");
    /* Parameter names are the allowed keys: walk_map rejects duplicates. */
    names = orbi_calloc(&c->s->al, n ? n : 1, sizeof *names);
    if (names == NULL) return orbi_error(c->err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
    n = 0;
    for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(c, p->key);
        size_t i;
        char sub[200];
        if (k->type != YAML_SCALAR_NODE) {
            orbi_free(&c->s->al, names);
            return fail_at(c, k, ORB_EPARSE, path, "expected a parameter name, found %s", kind(k));
        }
        path_fmt(sub, sizeof sub, "%s.%s", path, sval(k));
        for (i = 0; i < n; i++)
            if (strcmp(names[i], sval(k)) == 0) {
                orbi_free(&c->s->al, names);
                return fail_at(c, k, ORB_EPARSE, sub, "duplicate parameter");
            }
        names[n++] = sval(k);
        if ((st = param_field(c, sval(k), node(c, p->value), NULL, sub)) != ORB_OK) {
            orbi_free(&c->s->al, names);
            return st;
        }
    }
    orbi_free(&c->s->al, names);
    return ORB_OK;
}

/* A two-element list of state codes. */
static orb_status get_pair(ctx *c, yaml_node_t *v, const char *path, int *a, int *b)
{
    yaml_node_item_t *it;

    ORB_TRY(want(c, v, YAML_SEQUENCE_NODE, path, "a list of two state codes"));
    it = v->data.sequence.items.start;
    if (v->data.sequence.items.top - it != 2)
        return fail_at(c, v, ORB_EPARSE, path, "expected a list of two state codes");
    ORB_TRY(get_state(c, node(c, it[0]), path, a));
    ORB_TRY(get_state(c, node(c, it[1]), path, b));
    if (*a == *b) return fail_at(c, v, ORB_EPARSE, path, "expected two different states");
    return ORB_OK;
}

static orb_status part_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_partnership *p = ud;

    if (strcmp(key, "pair") == 0) {
        int a, b;
        ORB_TRY(get_pair(c, v, path, &a, &b));
        p->a = a < b ? a : b;
        p->b = a < b ? b : a;
        return ORB_OK;
    }
    if (strcmp(key, "kind") == 0) return get_string(c, v, path, p->kind, sizeof p->kind);
    return get_year(c, v, path, ORB_FIRST_YEAR, c->s->end, "the data and the run", &p->year);
}

/* Parse "YYYY-MM-DD", "YYYY-MM" or "YYYY" into an event's date. */
static orb_status event_date(ctx *c, yaml_node_t *v, const char *path, orb_event *e)
{
    int y = 0, m = 0, d = 0, used = 0;
    const char *txt;

    ORB_TRY(want(c, v, YAML_SCALAR_NODE, path, "a date YYYY-MM-DD"));
    txt = sval(v);
    if (!((sscanf(txt, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && txt[used] == '\0') ||
          (d = 0, sscanf(txt, "%4d-%2d%n", &y, &m, &used) == 2 && txt[used] == '\0') ||
          (m = 0, sscanf(txt, "%4d%n", &y, &used) == 1 && txt[used] == '\0')) ||
        m < 0 || m > 12 || d < 0 || d > 31 || (d > 0 && m == 0))
        return fail_at(c, v, ORB_EPARSE, path, "expected a date YYYY-MM-DD, found '%s'", txt);
    if (d > 0) { /* the month's length (Gregorian leap years) */
        static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (d > mdays[m - 1] + (m == 2 && leap))
            return fail_at(c, v, ORB_EPARSE, path, "no such date: '%s'", txt);
    }
    if (y < c->s->start || y > c->s->end)
        return fail_at(c, v, ORB_ERANGE, path, "year %d is outside the run (%d-%d)", y, c->s->start,
                       c->s->end);
    e->year = y;
    e->month = m;
    e->day = d;
    return ORB_OK;
}

static orb_status event_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_event *e = ud;

    if (strcmp(key, "date") == 0) return event_date(c, v, path, e);
    if (strcmp(key, "source") == 0) return get_state(c, v, path, &e->source);
    if (strcmp(key, "target") == 0) return get_state(c, v, path, &e->target);
    if (strcmp(key, "note") == 0) return want(c, v, YAML_SCALAR_NODE, path, "a string");
    ORB_TRY(want(c, v, YAML_SCALAR_NODE, path, "a CAMEO code"));
    if (strlen(sval(v)) >= sizeof e->cameo ||
        orb_tables_goldstein(c->t, sval(v), &e->goldstein) != ORB_OK) {
        const char *cand[512], *near[3];
        char hint[200];
        size_t i, m = 0;
        for (i = 0; i < c->t->ncameo && m < 512; i++)
            cand[m++] = c->t->cameo[i].code;
        orbi_nearest_msg(hint, sizeof hint, near, orbi_nearest(sval(v), cand, m, near, 3));
        return fail_at(c, v, ORB_EPARSE, path, "unknown CAMEO code '%s'%s", sval(v), hint);
    }
    orbi_strlcpy(e->cameo, sval(v), sizeof e->cameo);
    return ORB_OK;
}

static orb_status shock_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_shock *k = ud;
    size_t i;

    if (strcmp(key, "year") == 0)
        return get_year(c, v, path, c->s->start + 1, c->s->end, "the run's steps", &k->year);
    if (strcmp(key, "state") == 0) return get_state(c, v, path, &k->ccode);
    if (strcmp(key, "change") == 0) return get_double(c, v, path, -0.999, 10, &k->change);
    ORB_TRY(want(c, v, YAML_SCALAR_NODE, path, "a variable name"));
    for (i = 0; i < ORB_NSHOCK_VARS; i++)
        if (strcmp(sval(v), shock_names[i]) == 0) {
            k->var = (orb_shock_var)i;
            return ORB_OK;
        }
    return fail_at(c, v, ORB_EPARSE, path,
                   "expected gdp, pop, milex, milper, irst, pec or upop, found '%s'", sval(v));
}

static orb_status alliance_field(ctx *c, const char *key, yaml_node_t *v, void *ud,
                                 const char *path)
{
    orb_alliance_change *a = ud;
    yaml_node_item_t *it;

    if (strcmp(key, "year") == 0)
        return get_year(c, v, path, c->s->start, c->s->end, "the run", &a->year);
    if (strcmp(key, "alliance") == 0)
        return get_string(c, v, path, a->alliance, sizeof a->alliance);
    if (strcmp(key, "action") == 0) {
        ORB_TRY(get_string(c, v, path, a->action, sizeof a->action));
        if (strcmp(a->action, "join") && strcmp(a->action, "leave") && strcmp(a->action, "form") &&
            strcmp(a->action, "end"))
            return fail_at(c, v, ORB_EPARSE, path, "expected join, leave, form or end, found '%s'",
                           a->action);
        return ORB_OK;
    }
    ORB_TRY(want(c, v, YAML_SEQUENCE_NODE, path, "a list of state codes"));
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        size_t j;
        int cc;
        if (a->nmembers == sizeof a->members / sizeof a->members[0])
            return fail_at(c, v, ORB_EPARSE, path, "expected at most 32 members");
        ORB_TRY(get_state(c, node(c, *it), path, &cc));
        for (j = 0; j < a->nmembers; j++)
            if (a->members[j] == cc)
                return fail_at(c, node(c, *it), ORB_EPARSE, path, "duplicate member");
        a->members[a->nmembers++] = cc;
    }
    return ORB_OK;
}

static orb_status actor_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_crisis_actor *a = ud;

    if (strcmp(key, "state") == 0) {
        ORB_TRY(get_state(c, v, path, &a->ccode));
        orbi_strlcpy(a->name, orbi_tables_state(c->t, a->ccode)->abb, sizeof a->name);
        return ORB_OK;
    }
    if (strcmp(key, "name") == 0) return get_string(c, v, path, a->name, sizeof a->name);
    if (strcmp(key, "position") == 0) return get_double(c, v, path, -1e9, 1e9, &a->position);
    if (strcmp(key, "salience") == 0) return get_double(c, v, path, 0, 1, &a->salience);
    return get_double(c, v, path, 0, 1e12, &a->capability);
}

static orb_status crisis_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    static const char *const afields[] = {"state", "name", "position", "salience", "capability"};
    orb_crisis *k = ud;
    yaml_node_item_t *it;

    if (strcmp(key, "name") == 0) return get_string(c, v, path, k->name, sizeof k->name);
    if (strcmp(key, "year") == 0)
        return get_year(c, v, path, c->s->start, c->s->end, "the run", &k->year);
    if (strcmp(key, "indivisible") == 0) {
        ORB_TRY(want(c, v, YAML_SEQUENCE_NODE, path, "a list of feasible settlement points"));
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            if (k->nindivisible == sizeof k->indivisible / sizeof k->indivisible[0])
                return fail_at(c, v, ORB_EPARSE, path, "expected at most 16 points");
            ORB_TRY(get_double(c, node(c, *it), path, -1e9, 1e9, &k->indivisible[k->nindivisible]));
            k->nindivisible++;
        }
        return ORB_OK;
    }
    if (strcmp(key, "scale") == 0) {
        ORB_TRY(want(c, v, YAML_SEQUENCE_NODE, path, "a list [low, high]"));
        it = v->data.sequence.items.start;
        if (v->data.sequence.items.top - it != 2)
            return fail_at(c, v, ORB_EPARSE, path, "expected a list [low, high]");
        ORB_TRY(get_double(c, node(c, it[0]), path, -1e9, 1e9, &k->lo));
        ORB_TRY(get_double(c, node(c, it[1]), path, -1e9, 1e9, &k->hi));
        if (!(k->lo < k->hi)) return fail_at(c, v, ORB_EPARSE, path, "expected low < high");
        return ORB_OK;
    }
    ORB_TRY(want(c, v, YAML_SEQUENCE_NODE, path, "a list of actors"));
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        orb_crisis_actor *a;
        yaml_node_t *an = node(c, *it);
        size_t j;
        if (k->nactors == sizeof k->actors / sizeof k->actors[0])
            return fail_at(c, an, ORB_EPARSE, path, "expected at most 32 actors");
        a = &k->actors[k->nactors];
        a->capability = NAN;
        ORB_TRY(walk_map(c, an, path, afields, 5, actor_field, a));
        ORB_TRY(require(c, an, path, afields, 5, (1u << 2) | (1u << 3)));
        if (a->name[0] == '\0')
            return fail_at(c, an, ORB_EPARSE, path, "an actor needs a state or a name");
        for (j = 0; j < k->nactors; j++)
            if (strcmp(k->actors[j].name, a->name) == 0)
                return fail_at(c, an, ORB_EPARSE, path, "duplicate actor '%s'", a->name);
        k->nactors++;
    }
    return ORB_OK;
}

/* What the engine would refuse in a whole crisis, refused at its place. */
static orb_status crisis_check(ctx *c, yaml_node_t *e, const char *path, const orb_crisis *k)
{
    size_t j;

    if (k->name[0] == '\0') return fail_at(c, e, ORB_EPARSE, path, "a crisis needs a name");
    if (k->nactors < 2)
        return fail_at(c, e, ORB_EPARSE, path, "a crisis needs at least two actors, found %zu",
                       k->nactors);
    for (j = 0; j < k->nactors; j++) {
        const orb_crisis_actor *a = &k->actors[j];
        if (a->ccode == 0 && !(a->capability > 0))
            return fail_at(c, e, ORB_EPARSE, path,
                           "actor '%s' is not a state: it needs a capability above 0", a->name);
        if (!(a->position >= k->lo && a->position <= k->hi))
            return fail_at(c, e, ORB_EPARSE, path,
                           "actor '%s' holds position %g, outside the scale [%g, %g]", a->name,
                           a->position, k->lo, k->hi);
    }
    for (j = 0; j < k->nindivisible; j++)
        if (!(k->indivisible[j] >= k->lo && k->indivisible[j] <= k->hi))
            return fail_at(c, e, ORB_EPARSE, path,
                           "indivisible point %g is outside the scale [%g, %g]", k->indivisible[j],
                           k->lo, k->hi);
    return ORB_OK;
}

/* The alliance changes as the engine reads them (by year): a join, leave or
 * end names NATO or an alliance formed in an earlier entry (the same year
 * counts when the form comes first); an alliance is formed once. */
static orb_status alliances_check(ctx *c, yaml_node_t *seq, const char *path)
{
    const orb_alliance_change *a = c->s->all;
    size_t i, j, n = c->s->nall;

    for (i = 0; i < n; i++) {
        int form = strcmp(a[i].action, "form") == 0, found = 0;
        for (j = 0; j < n && !found; j++) {
            if (j == i || strcmp(a[j].alliance, a[i].alliance) != 0 ||
                strcmp(a[j].action, "form") != 0)
                continue;
            if (form)
                found = j < i; /* a second form of the same alliance */
            else
                found = a[j].year < a[i].year || (a[j].year == a[i].year && j < i);
        }
        if (form && found) {
            char sub[120];
            path_fmt(sub, sizeof sub, "%s[%zu]", path, i);
            return fail_at(c, node(c, seq->data.sequence.items.start[i]), ORB_EPARSE, sub,
                           "alliance '%s' is formed twice", a[i].alliance);
        }
        if (!form && !found && strcmp(a[i].alliance, "NATO") != 0) {
            char sub[120];
            path_fmt(sub, sizeof sub, "%s[%zu]", path, i);
            return fail_at(c, node(c, seq->data.sequence.items.start[i]), ORB_EPARSE, sub,
                           "'%s' is neither NATO nor formed in an earlier entry", a[i].alliance);
        }
    }
    return ORB_OK;
}

typedef int (*same_fn)(const void *a, const void *b);

static int same_shock(const void *a, const void *b)
{
    const orb_shock *x = a, *y = b;
    return x->year == y->year && x->ccode == y->ccode && x->var == y->var;
}

static int same_part(const void *a, const void *b)
{
    const orb_partnership *x = a, *y = b;
    return x->a == y->a && x->b == y->b && strcmp(x->kind, y->kind) == 0;
}

static int same_event(const void *a, const void *b)
{
    const orb_event *x = a, *y = b;
    return x->year == y->year && x->month == y->month && x->day == y->day &&
           x->source == y->source && x->target == y->target && strcmp(x->cameo, y->cameo) == 0;
}

static int same_alliance(const void *a, const void *b)
{
    const orb_alliance_change *x = a, *y = b;
    return x->year == y->year && strcmp(x->action, y->action) == 0 &&
           strcmp(x->alliance, y->alliance) == 0 && x->nmembers == y->nmembers &&
           memcmp(x->members, y->members, x->nmembers * sizeof x->members[0]) == 0;
}

static int same_crisis(const void *a, const void *b)
{
    return strcmp(((const orb_crisis *)a)->name, ((const orb_crisis *)b)->name) == 0;
}

/* Walk a list section: each entry a mapping with the given fields; an entry
 * equal to an earlier one under `same` is a duplicate. */
static orb_status list_section(ctx *c, yaml_node_t *seq, const char *path, size_t size, void **arr,
                               size_t *n, const char *const *fields, size_t nf, unsigned need,
                               field_fn fn, same_fn same)
{
    yaml_node_item_t *it;

    ORB_TRY(list_alloc(c, seq, path, size, arr, n));
    for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *e = node(c, *it);
        void *item = (char *)*arr + *n * size;
        char sub[120];
        path_fmt(sub, sizeof sub, "%s[%zu]", path, *n);
        ORB_TRY(walk_map(c, e, sub, fields, nf, fn, item));
        ORB_TRY(require(c, e, sub, fields, nf, need));
        if (fn == alliance_field) {
            const orb_alliance_change *ac = item;
            if (strcmp(ac->action, "end") != 0 && ac->nmembers == 0)
                return fail_at(c, e, ORB_EPARSE, sub, "a '%s' needs members", ac->action);
        }
        if (fn == crisis_field) ORB_TRY(crisis_check(c, e, sub, item));
        if (fn == event_field && ((const orb_event *)item)->source != 0 &&
            ((const orb_event *)item)->source == ((const orb_event *)item)->target)
            return fail_at(c, e, ORB_EPARSE, sub, "an event's source and target are the same");
        for (size_t j = 0; j < *n; j++)
            if (same(item, (char *)*arr + j * size))
                return fail_at(c, e, ORB_EPARSE, sub, "duplicate entry (the same as %s[%zu])", path,
                               j);
        (*n)++;
    }
    return ORB_OK;
}

static const char *const top_fields[] = {
    "name",       "description",  "start",     "end",    "seed",   "runs",  "order",
    "parameters", "partnerships", "alliances", "events", "shocks", "crises"};
#define NTOP (sizeof top_fields / sizeof top_fields[0])

/* First pass: scalar header fields (start year is needed to check state codes). */
static orb_status header_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    orb_scenario *s = c->s;
    long long x;

    (void)ud;
    if (strcmp(key, "name") == 0) return get_string(c, v, path, s->name, sizeof s->name);
    if (strcmp(key, "description") == 0) {
        ORB_TRY(want(c, v, YAML_SCALAR_NODE, path, "a string"));
        s->description = orbi_alloc(&s->al, strlen(sval(v)) + 1);
        if (s->description == NULL)
            return orbi_error(c->err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        strcpy(s->description, sval(v));
        return ORB_OK;
    }
    if (strcmp(key, "start") == 0)
        return get_year(c, v, path, ORB_FIRST_YEAR, ORB_LAST_YEAR, "the data", &s->start);
    if (strcmp(key, "end") == 0)
        return get_year(c, v, path, ORB_FIRST_YEAR + 1, ORB_MAX_END_YEAR, "what orbis runs",
                        &s->end);
    if (strcmp(key, "seed") == 0) {
        ORB_TRY(get_long(c, v, path, 0, 9007199254740991LL, &x));
        s->seed = (uint64_t)x;
        return ORB_OK;
    }
    if (strcmp(key, "runs") == 0) {
        ORB_TRY(get_long(c, v, path, 1, 1000000, &x));
        s->runs = (size_t)x;
        return ORB_OK;
    }
    return ORB_OK; /* sections: second pass */
}

static orb_status section_field(ctx *c, const char *key, yaml_node_t *v, void *ud, const char *path)
{
    static const char *const order_f[] = {"regime",
                                          "unilateral_sanctions",
                                          "interference",
                                          "bloc_expansion",
                                          "indivisible_security",
                                          "force_authorisation",
                                          "hegemon_privilege",
                                          "enforcement"};
    static const char *const part_f[] = {"pair", "kind", "year"};
    static const char *const ev_f[] = {"date", "source", "target", "cameo", "note"};
    static const char *const sh_f[] = {"year", "state", "variable", "change"};
    static const char *const al_f[] = {"year", "action", "alliance", "members"};
    static const char *const cr_f[] = {"name", "year", "scale", "actors", "indivisible"};
    orb_scenario *s = c->s;

    (void)ud;
    if (strcmp(key, "order") == 0) return walk_map(c, v, path, order_f, 8, order_field, NULL);
    if (strcmp(key, "parameters") == 0) return parameters(c, v, path);
    if (strcmp(key, "partnerships") == 0)
        return list_section(c, v, path, sizeof *s->part, (void **)&s->part, &s->npart, part_f, 3,
                            7u, part_field, same_part);
    if (strcmp(key, "events") == 0)
        return list_section(c, v, path, sizeof *s->event, (void **)&s->event, &s->nevent, ev_f, 5,
                            15u, event_field, same_event);
    if (strcmp(key, "shocks") == 0)
        return list_section(c, v, path, sizeof *s->shock, (void **)&s->shock, &s->nshock, sh_f, 4,
                            15u, shock_field, same_shock);
    if (strcmp(key, "alliances") == 0) {
        ORB_TRY(list_section(c, v, path, sizeof *s->all, (void **)&s->all, &s->nall, al_f, 4, 7u,
                             alliance_field, same_alliance));
        return alliances_check(c, v, path);
    }
    if (strcmp(key, "crises") == 0) {
        if (v->type == YAML_SEQUENCE_NODE &&
            v->data.sequence.items.top - v->data.sequence.items.start > MAX_CRISES)
            return fail_at(c, v, ORB_EPARSE, path,
                           "expected at most %d crises (each is negotiated every year of every "
                           "run)",
                           MAX_CRISES);
        return list_section(c, v, path, sizeof *s->crisis, (void **)&s->crisis, &s->ncrisis, cr_f,
                            5, 15u, crisis_field, same_crisis);
    }
    return ORB_OK;
}

/* A scenario with the defaults of a file that sets nothing. */
static orb_scenario *blank(const orb_allocator *al)
{
    orb_scenario *s = orbi_calloc(al, 1, sizeof *s);
    size_t i;

    if (s == NULL) return NULL;
    s->al = *al;
    s->start = ORB_LAST_YEAR;
    s->end = 0;
    s->seed = 1;
    s->runs = 1;
    s->regime = ORB_REGIME_HISTORICAL;
    for (i = 0; i < ORB_NRULES; i++) {
        s->enf[i] = NAN;
        s->enf_how[i] = 0;
    }
    return s;
}

orb_status orb_scenario_new(const orb_allocator *alloc, const char *name, int start, int end,
                            orb_scenario **out, orb_error *err)
{
    orb_allocator al;
    orb_scenario *s;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_scenario_new: out is NULL");
    *out = NULL;
    if (name == NULL || name[0] == '\0')
        ORB_FAIL(err, ORB_EINVAL, "orb_scenario_new: a name is required");
    if (strlen(name) >= sizeof s->name)
        ORB_FAIL(err, ORB_EINVAL, "orb_scenario_new: the name has more than %zu characters",
                 sizeof s->name - 1);
    if (start < ORB_FIRST_YEAR || start > ORB_LAST_YEAR)
        ORB_FAIL(err, ORB_ERANGE, "start year %d is outside the data (%d-%d)", start,
                 ORB_FIRST_YEAR, ORB_LAST_YEAR);
    if (end <= start || end > ORB_MAX_END_YEAR)
        ORB_FAIL(err, ORB_ERANGE, "end year %d must be in %d-%d", end, start + 1, ORB_MAX_END_YEAR);
    ORB_TRY(orbi_allocator(alloc, &al, err));
    if ((s = blank(&al)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    orbi_strlcpy(s->name, name, sizeof s->name);
    s->start = start;
    s->end = end;
    *out = s;
    return ORB_OK;
}

orb_status orb_scenario_set_regime(orb_scenario *s, orb_regime regime)
{
    size_t i;

    if (s == NULL || (int)regime < 0 || (int)regime >= ORB_NREGIMES) return ORB_EINVAL;
    s->regime = regime;
    for (i = 0; i < ORB_NRULES; i++) {
        s->enf[i] = NAN;
        s->enf_how[i] = 0;
    }
    return ORB_OK;
}

orb_status orb_scenario_set_rule(orb_scenario *s, orb_rule rule, int on)
{
    if (s == NULL || (int)rule < 0 || (int)rule >= ORB_NRULES) return ORB_EINVAL;
    s->enf[rule] = (permissive_switch((int)rule) ? !on : on) ? 1.0 : 0.0;
    return ORB_OK;
}

orb_status orb_scenario_set_enforcement(orb_scenario *s, orb_rule rule, double e)
{
    if (s == NULL || (int)rule < 0 || (int)rule >= ORB_NRULES ||
        !(e >= 0 && e <= ORB_ENFORCEMENT_MAX) ||
        (rule == ORB_RULE_HEGEMON_PRIVILEGE && e != 0 && e != 1))
        return ORB_EINVAL;
    s->enf[rule] = e;
    return ORB_OK;
}

orb_status orb_scenario_set_seed(orb_scenario *s, uint64_t seed)
{
    if (s == NULL) return ORB_EINVAL;
    s->seed = seed;
    return ORB_OK;
}

orb_status orb_scenario_set_runs(orb_scenario *s, size_t runs)
{
    if (s == NULL || runs == 0) return ORB_EINVAL;
    s->runs = runs;
    return ORB_OK;
}

orb_status orb_scenario_parse(const char *text, size_t len, const char *name, const orb_tables *t,
                              orb_scenario **out, orb_error *err)
{
    return orb_scenario_parse_with(NULL, text, len, name, t, out, err);
}

orb_status orbi_scenario_from_doc(const orb_allocator *alloc, yaml_document_t *doc,
                                  const char *name, const orb_tables *t, orb_scenario **out,
                                  orb_error *err)
{
    yaml_node_t *root;
    orb_scenario *s;
    orb_allocator al;
    orb_status st = ORB_OK;
    ctx c;

    *out = NULL;
    if ((st = orbi_allocator(alloc, &al, err)) != ORB_OK) return st;
    if ((s = blank(&al)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    c.file = name;
    c.doc = doc;
    c.t = t;
    c.s = s;
    c.err = err;
    root = yaml_document_get_root_node(doc);
    if (root == NULL) {
        st = orbi_error(err, ORB_EPARSE, name, 1, 1, "empty scenario: expected a mapping");
    } else if ((st = walk_map(&c, root, "", top_fields, NTOP, header_field, NULL)) == ORB_OK &&
               (st = require(&c, root, "", top_fields, NTOP, (1u << 0) | (1u << 3))) == ORB_OK) {
        if (s->end <= s->start) {
            yaml_node_pair_t *p;
            for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++)
                if (strcmp(sval(node(&c, p->key)), "end") == 0) break;
            st = fail_at(&c, node(&c, p->value), ORB_ERANGE, "end",
                         "end year %d must be after the start year %d", s->end, s->start);
        } else {
            st = walk_map(&c, root, "", top_fields, NTOP, section_field, NULL);
        }
    }
    if (st != ORB_OK) {
        orb_scenario_free(s);
        return st;
    }
    *out = s;
    return ORB_OK;
}

/* Line and column (1-based, in bytes) of a byte offset of text. */
static void text_position(const char *text, size_t len, size_t off, unsigned long *line,
                          unsigned long *col)
{
    size_t i, start = 0;

    *line = 1;
    if (off > len) off = len;
    for (i = 0; i < off; i++)
        if (text[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = (unsigned long)(off - start + 1);
}

/*
 * The nesting limit, checked before libyaml sees the text (its parser takes
 * time quadratic in the depth): no line's content may start beyond column
 * ORBI_YAML_MAX_COLUMN (indentation and "- " entries nest block collections)
 * and flow collections ([ {) may nest at most ORBI_YAML_MAX_FLOW deep. Quoted
 * scalars and comments are skipped.
 */
static orb_status yaml_depth_check(const char *text, size_t len, const char *name, orb_error *err)
{
    size_t i = 0, flow = 0;

    while (i < len) {
        size_t ls = i, col;
        while (i < len && (text[i] == ' ' || (text[i] == '-' && i + 1 < len && text[i + 1] == ' ')))
            i += text[i] == '-' ? 2 : 1;
        col = i - ls;
        if (col > ORBI_YAML_MAX_COLUMN && i < len && text[i] != '\n' && text[i] != '#') {
            unsigned long l, c;
            text_position(text, len, i, &l, &c);
            return orbi_error(err, ORB_EPARSE, name, l, c,
                              "nesting deeper than the limit: content starts beyond column %d",
                              ORBI_YAML_MAX_COLUMN);
        }
        for (; i < len && text[i] != '\n'; i++) {
            char q = text[i];
            if (q == '#' && (i == ls || text[i - 1] == ' ')) { /* a comment: to the line's end */
                while (i < len && text[i] != '\n')
                    i++;
                break;
            }
            if ((q == '"' || q == '\'') &&
                (i == ls || strchr(" [{,:", text[i - 1]) != NULL)) { /* a quoted scalar */
                for (i++; i < len && text[i] != q; i++)
                    if (q == '"' && text[i] == '\\' && i + 1 < len) i++;
                if (i >= len) break;
                continue;
            }
            if (q == '[' || q == '{') {
                if (++flow > ORBI_YAML_MAX_FLOW) {
                    unsigned long l, c;
                    text_position(text, len, i, &l, &c);
                    return orbi_error(err, ORB_EPARSE, name, l, c,
                                      "nesting deeper than the limit: more than %d flow "
                                      "collections ([ or {) inside each other",
                                      ORBI_YAML_MAX_FLOW);
                }
            } else if ((q == ']' || q == '}') && flow > 0) {
                flow--;
            }
        }
        if (i < len) i++; /* the newline */
    }
    return ORB_OK;
}

/* No scalar may hold a NUL character (an escape "\0"): C strings would end
 * there and read "end\0junk" as "end". */
static orb_status nul_check(yaml_document_t *doc, const char *name, orb_error *err)
{
    yaml_node_t *n;

    for (n = doc->nodes.start; n < doc->nodes.top; n++)
        if (n->type == YAML_SCALAR_NODE &&
            strlen((const char *)n->data.scalar.value) != n->data.scalar.length)
            return orbi_error(err, ORB_EPARSE, name, (unsigned long)n->start_mark.line + 1,
                              (unsigned long)n->start_mark.column + 1,
                              "a NUL character inside a key or value");
    return ORB_OK;
}

orb_status orbi_yaml_load(const char *text, size_t len, const char *name, yaml_document_t *doc,
                          orb_error *err)
{
    yaml_parser_t parser;
    yaml_document_t next;
    orb_status st = ORB_OK;

    ORB_TRY(yaml_depth_check(text, len, name, err));
    if (!yaml_parser_initialize(&parser)) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, doc)) {
        char where[96] = "";
        unsigned long line = (unsigned long)parser.problem_mark.line + 1,
                      col = (unsigned long)parser.problem_mark.column + 1;
        if (parser.error == YAML_READER_ERROR) /* the reader's marks are not set: its offset */
            text_position(text, len, parser.problem_offset, &line, &col);
        if (parser.context)
            snprintf(where, sizeof where, " %s (from line %lu, column %lu)", parser.context,
                     (unsigned long)parser.context_mark.line + 1,
                     (unsigned long)parser.context_mark.column + 1);
        st = orbi_error(err, ORB_EPARSE, name, line, col, "malformed YAML: %s%s",
                        parser.problem ? parser.problem : "syntax error", where);
    } else if ((st = nul_check(doc, name, err)) != ORB_OK) {
        yaml_document_delete(doc);
    } else if (!yaml_parser_load(&parser, &next)) { /* what follows the first document */
        yaml_document_delete(doc);
        st = orbi_error(err, ORB_EPARSE, name, (unsigned long)parser.problem_mark.line + 1,
                        (unsigned long)parser.problem_mark.column + 1,
                        "malformed YAML after the first document: %s",
                        parser.problem ? parser.problem : "syntax error");
    } else {
        if (yaml_document_get_root_node(&next) != NULL) {
            st = orbi_error(err, ORB_EPARSE, name, (unsigned long)next.start_mark.line + 1,
                            (unsigned long)next.start_mark.column + 1,
                            "a second YAML document: a file holds one");
            yaml_document_delete(doc);
        }
        yaml_document_delete(&next);
    }
    yaml_parser_delete(&parser);
    return st;
}

orb_status orb_scenario_parse_with(const orb_allocator *alloc, const char *text, size_t len,
                                   const char *name, const orb_tables *t, orb_scenario **out,
                                   orb_error *err)
{
    yaml_document_t doc;
    orb_status st;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_scenario_parse: out is NULL");
    *out = NULL;
    if (text == NULL || t == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_scenario_parse: NULL argument");
    if (name == NULL) name = "<scenario>";
    if ((st = orbi_yaml_load(text, len, name, &doc, err)) != ORB_OK) return st;
    st = orbi_scenario_from_doc(alloc, &doc, name, t, out, err);
    yaml_document_delete(&doc);
    return st;
}

orb_status orb_scenario_load(const char *path, const orb_tables *t, orb_scenario **out,
                             orb_error *err)
{
    return orb_scenario_load_with(NULL, path, t, out, err);
}

orb_status orbi_read_text(const orb_allocator *al, const char *path, size_t max, char **out,
                          size_t *len_out, orb_error *err)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    *out = NULL;
    f = fopen(path, "rb");
    if (f == NULL) return orbi_error(err, ORB_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t want = cap ? 2 * cap : 8192;
            char *nb;
            if (cap >= max) {
                orbi_free(al, buf);
                fclose(f);
                return orbi_error(err, ORB_EPARSE, path, 0, 0, "larger than %zu bytes", max);
            }
            if ((nb = orbi_grow(al, buf, cap ? cap + 1 : 0, want + 1)) == NULL) {
                orbi_free(al, buf);
                fclose(f);
                ORB_FAIL(err, ORB_ENOMEM, "out of memory");
            }
            buf = nb;
            cap = want;
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO; /* e.g. EISDIR: a folder, not a file */
        orbi_free(al, buf);
        fclose(f);
        return orbi_error(err, ORB_EIO, path, 0, 0, "read error: %s", strerror(e));
    }
    fclose(f);
    buf[len] = '\0';
    if (memchr(buf, '\0', len) != NULL) {
        orbi_free(al, buf);
        return orbi_error(err, ORB_EPARSE, path, 0, 0, "a NUL byte: not a text file");
    }
    *out = buf;
    *len_out = len;
    return ORB_OK;
}

orb_status orb_scenario_load_with(const orb_allocator *alloc, const char *path, const orb_tables *t,
                                  orb_scenario **out, orb_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    orb_allocator al;
    orb_status st;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_scenario_load: out is NULL");
    *out = NULL;
    if (path == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_scenario_load: path is NULL");
    if ((st = orbi_allocator(alloc, &al, err)) != ORB_OK) return st;
    if ((st = orbi_read_text(&al, path, ORBI_MAX_TEXT, &buf, &len, err)) != ORB_OK) return st;
    st = orb_scenario_parse_with(alloc, buf, len, path, t, out, err);
    orbi_free(&al, buf);
    return st;
}

void orb_scenario_free(orb_scenario *s)
{
    orb_allocator al;

    if (s == NULL) return;
    al = s->al;
    orbi_free(&al, s->description);
    orbi_free(&al, s->shock);
    orbi_free(&al, s->event);
    orbi_free(&al, s->part);
    orbi_free(&al, s->all);
    orbi_free(&al, s->crisis);
    orbi_free(&al, s);
}

const char *orb_scenario_name(const orb_scenario *s)
{
    if (s == NULL) return "";
    return s->name;
}

const char *orb_scenario_description(const orb_scenario *s)
{
    if (s == NULL) return "";
    return s->description ? s->description : "";
}

int orb_scenario_start(const orb_scenario *s)
{
    if (s == NULL) return 0;
    return s->start;
}

int orb_scenario_end(const orb_scenario *s)
{
    if (s == NULL) return 0;
    return s->end;
}

uint64_t orb_scenario_seed(const orb_scenario *s)
{
    if (s == NULL) return 0;
    return s->seed;
}

size_t orb_scenario_runs(const orb_scenario *s)
{
    if (s == NULL) return 0;
    return s->runs;
}

orb_regime orb_scenario_regime(const orb_scenario *s)
{
    if (s == NULL) return (orb_regime)0;
    return s->regime;
}

double orb_scenario_enforcement(const orb_scenario *s, orb_rule r)
{
    if (s == NULL) return NAN;
    if ((int)r < 0 || (int)r >= ORB_NRULES) return 0;
    return !isnan(s->enf[r]) ? s->enf[r] : orbi_regime_enforcement(s->regime, r);
}

int orb_scenario_rule(const orb_scenario *s, orb_rule r)
{
    if (s == NULL) return 0;
    double e = orb_scenario_enforcement(s, r);

    if ((int)r < 0 || (int)r >= ORB_NRULES) return 0;
    return permissive_switch((int)r) ? e == 0 : e > 0;
}

void orb_scenario_apply_params(const orb_scenario *s, orb_params *p)
{
    if (s == NULL) return;
    size_t i;

    for (i = 0; i < s->npar; i++)
        p->v[s->par_index[i]] = s->par_value[i];
}

size_t orb_scenario_noverrides(const orb_scenario *s)
{
    if (s == NULL) return 0;
    return s->npar;
}

#define ACCESSOR(fn, type, arr, n)                                                                 \
    const type *fn(const orb_scenario *s, size_t *n_out)                                           \
    {                                                                                              \
        if (n_out) *n_out = s ? s->n : 0;                                                          \
        return s ? s->arr : NULL;                                                                  \
    }
ACCESSOR(orb_scenario_shocks, orb_shock, shock, nshock)
ACCESSOR(orb_scenario_events, orb_event, event, nevent)
ACCESSOR(orb_scenario_partnerships, orb_partnership, part, npart)
ACCESSOR(orb_scenario_alliances, orb_alliance_change, all, nall)
ACCESSOR(orb_scenario_crises, orb_crisis, crisis, ncrisis)
