/*
 * claims.c - claims files (docs/claims.md): parse, build each claim's two
 * sides by merging its changes into the base scenario (libyaml documents),
 * run them as paired ensembles and judge the effect.
 *
 * Merging: mappings merge key by key (recursively), sequences append (the
 * change's entries after the base's), scalars replace; a node tagged
 * `!replace` replaces the base's node whole (`alliances: !replace []` drops
 * the base's alliance changes). The merged nodes keep their source marks,
 * the change's shifted by CHANGE_LINE lines, so a variant's error can be
 * placed in the right file.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <yaml.h>

#include "orb_int.h"
#include "orbis/claims.h"
#include "orbis/run.h"
#include "orbis/stats.h"
#include "scenario_int.h"

#define MAX_CLAIMS  256
#define CHANGE_LINE 10000000ul   /* marks of a change's nodes in a merged document */
static const orb_allocator HEAP; /* zero: malloc and free */

#define ALPHA 0.05              /* the family's two-sided level */
#define Z_80  0.841621233572914 /* 80% power */

struct orb_claimset {
    char name[64];
    uint64_t seed;
    size_t runs;
    size_t n;
    orb_claim claim[MAX_CLAIMS];
    orb_scenario *side[MAX_CLAIMS][2];
    char **owned; /* every claim's text */
    size_t nowned, capowned;
};

const char *orb_reduce_name(orb_reduce r)
{
    static const char *const names[] = {"at", "sum", "mean", "change"};
    return (unsigned)r < 4 ? names[r] : NULL;
}

const char *orb_verdict_name(orb_verdict v)
{
    static const char *const names[] = {"not testable", "supported", "contradicted",
                                        "not distinguishable"};
    return (unsigned)v < 4 ? names[v] : NULL;
}

orb_claims_opts orb_claims_opts_default(void)
{
    orb_claims_opts o;
    memset(&o, 0, sizeof o);
    o.uncertainty = ORB_UNC_SHOCKS;
    return o;
}

/* ---- walking the claims document ---------------------------------------- */

typedef struct cctx {
    const char *file;
    yaml_document_t *doc;
    orb_claimset *set;
    orb_error *err;
} cctx;

static orb_status fail(cctx *c, const yaml_node_t *n, orb_status code, const char *fmt, ...)
    ORB_PRINTF(4, 5);

static orb_status fail(cctx *c, const yaml_node_t *n, orb_status code, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return orbi_error(c->err, code, c->file, n ? (unsigned long)n->start_mark.line + 1 : 0,
                      n ? (unsigned long)n->start_mark.column + 1 : 0, "%s", text);
}

static yaml_node_t *nd(yaml_document_t *d, int id)
{
    return yaml_document_get_node(d, id);
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Keep a copy of s in the set; NULL if out of memory. */
static const char *keep(orb_claimset *set, const char *s)
{
    char *p;
    size_t len = strlen(s);
    if (set->nowned == set->capowned) {
        size_t cap = set->capowned ? 2 * set->capowned : 64;
        char **nb = realloc(set->owned, cap * sizeof *nb);
        if (nb == NULL) return NULL;
        set->owned = nb;
        set->capowned = cap;
    }
    if ((p = malloc(len + 1)) == NULL) return NULL;
    memcpy(p, s, len + 1);
    set->owned[set->nowned++] = p;
    return p;
}

static orb_status want_text(cctx *c, const yaml_node_t *v, const char *field, const char **out)
{
    const char *s = scalar(v);
    if (s == NULL) return fail(c, v, ORB_EPARSE, "field '%s': expected text", field);
    if ((*out = keep(c->set, s)) == NULL) ORB_FAIL(c->err, ORB_ENOMEM, "out of memory");
    return ORB_OK;
}

static orb_status want_long(cctx *c, const yaml_node_t *v, const char *field, long long lo,
                            long long hi, long long *out)
{
    const char *s = scalar(v);
    char *end;
    long long x;
    if (s == NULL || *s == '\0')
        return fail(c, v, ORB_EPARSE, "field '%s': expected a whole number", field);
    errno = 0;
    x = strtoll(s, &end, 10);
    if (*end != '\0' || errno != 0)
        return fail(c, v, ORB_EPARSE, "field '%s': expected a whole number, got '%s'", field, s);
    if (x < lo || x > hi)
        return fail(c, v, ORB_ERANGE, "field '%s': %lld is outside %lld-%lld", field, x, lo, hi);
    *out = x;
    return ORB_OK;
}

/* Key k of mapping m, NULL if absent. */
static yaml_node_t *get(yaml_document_t *d, yaml_node_t *m, const char *k)
{
    yaml_node_pair_t *p;
    if (m == NULL || m->type != YAML_MAPPING_NODE) return NULL;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *s = scalar(nd(d, p->key));
        if (s && strcmp(s, k) == 0) return nd(d, p->value);
    }
    return NULL;
}

/* Every key of m is one of allowed[n], and none is given twice. */
static orb_status check_keys(cctx *c, yaml_node_t *m, const char *what, const char *const *allowed,
                             size_t n)
{
    yaml_node_pair_t *p, *q;
    if (m == NULL || m->type != YAML_MAPPING_NODE)
        return fail(c, m, ORB_EPARSE, "%s: expected a mapping", what);
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = scalar(nd(c->doc, p->key));
        size_t i;
        if (k == NULL)
            return fail(c, nd(c->doc, p->key), ORB_EPARSE, "%s: a key must be text", what);
        for (i = 0; i < n && strcmp(k, allowed[i]) != 0; i++) {
        }
        if (i == n) {
            char list[400] = "";
            size_t j;
            for (j = 0; j < n; j++) {
                strncat(list, allowed[j], sizeof list - strlen(list) - 1);
                if (j + 1 < n) strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            return fail(c, nd(c->doc, p->key), ORB_EPARSE,
                        "%s: unknown field '%s' (expected one of: %s)", what, k, list);
        }
        for (q = m->data.mapping.pairs.start; q < p; q++)
            if (strcmp(scalar(nd(c->doc, q->key)), k) == 0)
                return fail(c, nd(c->doc, p->key), ORB_EPARSE, "%s: field '%s' given twice", what,
                            k);
    }
    return ORB_OK;
}

/* ---- merging documents -------------------------------------------------- */

typedef struct merge {
    yaml_document_t *dst, *base, *chg;
    int bad; /* out of memory */
} merge;

static int is_replace(const yaml_node_t *n)
{
    return n && n->tag && strcmp((const char *)n->tag, "!replace") == 0;
}

static void mark(yaml_document_t *d, int id, const yaml_node_t *src, unsigned long shift)
{
    yaml_node_t *n = nd(d, id);
    if (n == NULL) return;
    n->start_mark = src->start_mark;
    n->end_mark = src->end_mark;
    n->start_mark.line += shift;
    n->end_mark.line += shift;
}

static int copy_node(merge *m, yaml_document_t *src, yaml_node_t *n, unsigned long shift);

/* Copies of the items of sequence seq (in src) appended to sequence id. */
static void copy_items(merge *m, int id, yaml_document_t *src, yaml_node_t *seq,
                       unsigned long shift)
{
    yaml_node_item_t *it;
    for (it = seq->data.sequence.items.start; !m->bad && it < seq->data.sequence.items.top; it++) {
        int x = copy_node(m, src, nd(src, *it), shift);
        if (!x || !yaml_document_append_sequence_item(m->dst, id, x)) m->bad = 1;
    }
}

/* Copies of the pairs of mapping map (in src) added to mapping id, except
 * those whose key the base's mapping skip (NULL: none) has. */
static void copy_pairs(merge *m, int id, yaml_document_t *src, yaml_node_t *map,
                       unsigned long shift, yaml_node_t *skip)
{
    yaml_node_pair_t *p;
    for (p = map->data.mapping.pairs.start; !m->bad && p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(nd(src, p->key));
        int kk, v;
        if (skip != NULL && k != NULL && get(m->base, skip, k) != NULL) continue;
        kk = copy_node(m, src, nd(src, p->key), shift);
        v = copy_node(m, src, nd(src, p->value), shift);
        if (!kk || !v || !yaml_document_append_mapping_pair(m->dst, id, kk, v)) m->bad = 1;
    }
}

/* A new node of n's kind and style, with n's marks (shifted); 0 if out of memory. */
static int new_like(merge *m, const yaml_node_t *n, unsigned long shift)
{
    int id = 0;
    switch (n->type) {
    case YAML_SCALAR_NODE:
        id = yaml_document_add_scalar(m->dst, NULL, n->data.scalar.value,
                                      (int)n->data.scalar.length, n->data.scalar.style);
        break;
    case YAML_SEQUENCE_NODE:
        id = yaml_document_add_sequence(m->dst, NULL, n->data.sequence.style);
        break;
    case YAML_MAPPING_NODE:
        id = yaml_document_add_mapping(m->dst, NULL, n->data.mapping.style);
        break;
    default:
        break;
    }
    if (id)
        mark(m->dst, id, n, shift);
    else
        m->bad = 1;
    return id;
}

static int copy_node(merge *m, yaml_document_t *src, yaml_node_t *n, unsigned long shift)
{
    int id;
    if (m->bad || n == NULL) return 0;
    if ((id = new_like(m, n, shift)) == 0) return 0;
    if (n->type == YAML_SEQUENCE_NODE) copy_items(m, id, src, n, shift);
    if (n->type == YAML_MAPPING_NODE) copy_pairs(m, id, src, n, shift, NULL);
    return id;
}

/* The merge of base node b and change node c (either may be NULL). */
static int merged(merge *m, yaml_node_t *b, yaml_node_t *c)
{
    int id;
    if (m->bad) return 0;
    if (c == NULL) return copy_node(m, m->base, b, 0);
    if (b == NULL || is_replace(c) || b->type != c->type || b->type == YAML_SCALAR_NODE)
        return copy_node(m, m->chg, c, CHANGE_LINE);
    if ((id = new_like(m, b, 0)) == 0) return 0;
    if (b->type == YAML_SEQUENCE_NODE) { /* the base's items, then the change's */
        copy_items(m, id, m->base, b, 0);
        copy_items(m, id, m->chg, c, CHANGE_LINE);
    } else { /* key by key, then the change's new keys */
        yaml_node_pair_t *p;
        for (p = b->data.mapping.pairs.start; !m->bad && p < b->data.mapping.pairs.top; p++) {
            const char *k = scalar(nd(m->base, p->key));
            int kk = copy_node(m, m->base, nd(m->base, p->key), 0);
            int v = merged(m, nd(m->base, p->value), k ? get(m->chg, c, k) : NULL);
            if (!kk || !v || !yaml_document_append_mapping_pair(m->dst, id, kk, v)) m->bad = 1;
        }
        copy_pairs(m, id, m->chg, c, CHANGE_LINE, b);
    }
    return id;
}

/* A side: the base document with change (NULL: none) merged in, as a scenario.
 * Errors are placed in the base file or at the change in the claims file. */
static orb_status build_side(cctx *c, const orb_tables *t, yaml_document_t *base,
                             const char *base_path, yaml_node_t *change, const char *id,
                             const char *side, orb_scenario **out)
{
    yaml_document_t dst;
    merge m;
    orb_error inner;
    orb_status st;
    char name[64];

    *out = NULL;
    if (!yaml_document_initialize(&dst, NULL, NULL, NULL, 1, 1))
        ORB_FAIL(c->err, ORB_ENOMEM, "out of memory");
    m.dst = &dst;
    m.base = base;
    m.chg = c->doc;
    m.bad = 0;
    merged(&m, yaml_document_get_root_node(base), change);
    if (m.bad) {
        yaml_document_delete(&dst);
        ORB_FAIL(c->err, ORB_ENOMEM, "out of memory");
    }
    snprintf(name, sizeof name, "claim-side");
    orb_error_clear(&inner);
    st = orbi_scenario_from_doc(NULL, &dst, name, t, out, &inner);
    yaml_document_delete(&dst);
    if (st != ORB_OK) {
        const char *text = inner.msg;
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%s:%lu:%lu: ", name, inner.line, inner.column);
        if (strncmp(text, prefix, strlen(prefix)) == 0) text += strlen(prefix);
        if (inner.line > CHANGE_LINE)
            return orbi_error(c->err, st, c->file, inner.line - CHANGE_LINE, inner.column,
                              "claim '%s', side %s: %s", id, side, text);
        return orbi_error(c->err, st, base_path, inner.line, inner.column,
                          "(the base of claim '%s', side %s) %s", id, side, text);
    }
    return ORB_OK;
}

/* What a change touches, appended to buf. */
static void mechanisms_of(yaml_document_t *d, yaml_node_t *change, char *buf, size_t cap)
{
    static const struct {
        const char *key, *what;
    } map[] = {
        {"order", "order regime"},
        {"parameters", "parameters"},
        {"alliances", "alliances (pacts, blocs, threat)"},
        {"partnerships", "partnerships (relations)"},
        {"events", "events (relations)"},
        {"shocks", "shocks (economy, capabilities)"},
        {"crises", "crises (negotiation)"},
    };
    yaml_node_pair_t *p;
    size_t k;

    if (change == NULL || change->type != YAML_MAPPING_NODE) return;
    for (k = 0; k < sizeof map / sizeof map[0]; k++) {
        yaml_node_t *v = get(d, change, map[k].key);
        if (v == NULL) continue;
        if (*buf) strncat(buf, "; ", cap - strlen(buf) - 1);
        strncat(buf, map[k].what, cap - strlen(buf) - 1);
        if (v->type == YAML_MAPPING_NODE &&
            (strcmp(map[k].key, "order") == 0 || strcmp(map[k].key, "parameters") == 0)) {
            strncat(buf, ": ", cap - strlen(buf) - 1);
            for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
                const char *key = scalar(nd(d, p->key)), *val = scalar(nd(d, p->value));
                if (key == NULL) continue;
                if (p > v->data.mapping.pairs.start) strncat(buf, ", ", cap - strlen(buf) - 1);
                strncat(buf, key, cap - strlen(buf) - 1);
                if (val) {
                    strncat(buf, " ", cap - strlen(buf) - 1);
                    strncat(buf, val, cap - strlen(buf) - 1);
                }
            }
        }
    }
}

/* Drop "dir/.." pairs and "./" from a relative or absolute path, in place
 * (no file system access: "a/b/../c" is "a/c"). */
static void tidy(char *p)
{
    char *seg[256], *w;
    size_t n = 0, k;
    int abs = p[0] == '/';
    char *save = NULL, *tok;

    for (tok = strtok_r(p, "/", &save); tok != NULL; tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, ".") == 0) continue;
        if (strcmp(tok, "..") == 0 && n > 0 && strcmp(seg[n - 1], "..") != 0) {
            n--;
            continue;
        }
        if (n < 256) seg[n++] = tok;
    }
    w = p;
    if (abs) *w++ = '/';
    for (k = 0; k < n; k++) {
        size_t len = strlen(seg[k]);
        memmove(w, seg[k], len);
        w += len;
        if (k + 1 < n) *w++ = '/';
    }
    *w = '\0';
}

/* The folder of path (with its slash) joined to rel, unless rel is absolute. */
static void resolve(const char *path, const char *rel, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (rel[0] == '/' || slash == NULL)
        snprintf(out, cap, "%s", rel);
    else
        snprintf(out, cap, "%.*s/%s", (int)(slash - path), path, rel);
    tidy(out);
}

/* A base scenario, loaded once per path. */
typedef struct base_cache {
    char path[1024];
    char *text;
    yaml_document_t doc;
    int loaded;
} base_cache;

#define MAX_BASES 16

static orb_status base_of(cctx *c, base_cache *bc, size_t *nb, const char *path,
                          const yaml_node_t *at, base_cache **out)
{
    size_t k, len;
    orb_status st;

    for (k = 0; k < *nb; k++)
        if (strcmp(bc[k].path, path) == 0) {
            *out = &bc[k];
            return ORB_OK;
        }
    if (*nb == MAX_BASES)
        return fail(c, at, ORB_ERANGE, "more than %d base scenarios in one file", MAX_BASES);
    k = (*nb)++;
    snprintf(bc[k].path, sizeof bc[k].path, "%s", path);
    bc[k].loaded = 0;
    if ((st = orbi_read_text(&HEAP, path, ORBI_MAX_TEXT, &bc[k].text, &len, c->err)) != ORB_OK) {
        if (st == ORB_EIO) {
            orb_error e = *c->err;
            return fail(c, at, ORB_EIO, "base scenario %s", e.msg);
        }
        return st;
    }
    if ((st = orbi_yaml_load(bc[k].text, len, path, &bc[k].doc, c->err)) != ORB_OK) return st;
    bc[k].loaded = 1;
    *out = &bc[k];
    return ORB_OK;
}

static const char *const top_keys[] = {"name", "description", "source", "seed",
                                       "runs", "base",        "claims"};
static const char *const claim_keys[] = {"id",       "statement", "passage", "opposing",
                                         "testable", "reason",    "base",    "against",
                                         "change",   "outcomes",  "channel"};
static const char *const outcome_keys[] = {"metric", "event", "states", "year",
                                           "from",   "to",    "reduce", "direction"};

/* An event outcome's name: an event kind or a named pass. */
static orb_status parse_event(cctx *c, yaml_node_t *v, orb_claim_outcome *x)
{
    const char *s = scalar(v), *name;
    size_t k;
    x->kind = ORB_OUTCOME_EVENT;
    x->pass = -1;
    if (s == NULL) return fail(c, v, ORB_EPARSE, "field 'event': expected an event's name");
    orbi_strlcpy(x->metric, s, sizeof x->metric);
    for (k = 0; k < ORB_NEVENT_KINDS; k++)
        if (k != ORB_EV_PASS && strcmp(s, orb_event_kind_name((orb_event_kind)k)) == 0) {
            x->index = k;
            return ORB_OK;
        }
    for (k = 0; (name = orb_pass_name(k, NULL, NULL, NULL)) != NULL; k++)
        if (strcmp(s, name) == 0) {
            x->index = ORB_EV_PASS;
            x->pass = (int)k;
            return ORB_OK;
        }
    return fail(c, v, ORB_EPARSE,
                "unknown event '%s' (war, war_major, war_p5, transition, force_authorised, "
                "veto, sanctions, crisis_settled, crisis_escalated, gs_majority, or a pass such "
                "as gdp_chn_passes_usa)",
                s);
}

/* A per-state outcome: the variable and the states. */
static orb_status parse_states(cctx *c, yaml_node_t *m, yaml_node_t *st, const orb_tables *tab,
                               int start, orb_claim_outcome *x)
{
    const char *s = scalar(m);
    yaml_node_item_t *it;
    size_t k;
    x->kind = ORB_OUTCOME_STATES;
    for (k = 0; k < ORB_NSV && !(s && strcmp(s, orb_state_var_name((int)k)) == 0); k++) {
    }
    if (k == ORB_NSV || k == ORB_SV_BLOC)
        return fail(c, m, ORB_EPARSE,
                    "with 'states', 'metric' is a state variable: gdp, pop, cinc_share, gdp_share, "
                    "milex_share, burden, threat, security or at_war");
    x->index = k;
    orbi_strlcpy(x->metric, s, sizeof x->metric);
    if (st->type != YAML_SEQUENCE_NODE ||
        st->data.sequence.items.top == st->data.sequence.items.start)
        return fail(c, st, ORB_EPARSE, "field 'states': expected a list of states");
    for (it = st->data.sequence.items.start; it < st->data.sequence.items.top; it++) {
        yaml_node_t *n = nd(c->doc, *it);
        int cc = scalar(n) ? orb_tables_find_in(tab, scalar(n), start) : 0;
        if (cc == 0)
            return fail(c, n, ORB_EPARSE, "unknown state '%s'", scalar(n) ? scalar(n) : "?");
        if (x->nstates == ORB_CLAIM_MAX_STATES)
            return fail(c, n, ORB_ERANGE, "more than %d states", ORB_CLAIM_MAX_STATES);
        for (k = 0; k < x->nstates; k++)
            if (x->ccode[k] == cc)
                return fail(c, n, ORB_EPARSE, "state '%s' given twice", scalar(n));
        x->ccode[x->nstates++] = cc;
    }
    return ORB_OK;
}

static orb_status parse_outcome(cctx *c, yaml_node_t *o, orb_claim_outcome *x, int start, int end,
                                const orb_tables *tab)
{
    yaml_node_t *v, *ev, *st;
    long long y;
    const char *s;
    size_t k;

    ORB_TRY(check_keys(c, o, "an outcome", outcome_keys, 8));
    memset(x, 0, sizeof *x);
    x->pass = -1;
    v = get(c->doc, o, "metric");
    ev = get(c->doc, o, "event");
    st = get(c->doc, o, "states");
    if ((v == NULL) == (ev == NULL))
        return fail(c, o, ORB_EPARSE, "an outcome needs 'metric' or 'event' (one of them)");
    if (ev != NULL) {
        if (st != NULL) return fail(c, st, ORB_EPARSE, "'states' goes with 'metric', not 'event'");
        ORB_TRY(parse_event(c, ev, x));
    } else if (st != NULL) {
        ORB_TRY(parse_states(c, v, st, tab, start, x));
    } else {
        if ((s = scalar(v)) == NULL)
            return fail(c, v, ORB_EPARSE, "field 'metric': expected a yearly metric's name");
        if ((x->index = orb_metric_find(s)) == (size_t)-1)
            return fail(c, v, ORB_EPARSE, "unknown metric '%s' (orbis run --format csv lists them)",
                        s);
        orbi_strlcpy(x->metric, s, sizeof x->metric);
    }
    x->reduce = ORB_REDUCE_AT;
    if (x->kind == ORB_OUTCOME_EVENT) { /* a count over the years: by `year`, or from .. to */
        yaml_node_t *f = get(c->doc, o, "from"), *tt = get(c->doc, o, "to"),
                    *yy = get(c->doc, o, "year"), *rd = get(c->doc, o, "reduce");
        if (rd != NULL) return fail(c, rd, ORB_EPARSE, "an event is counted: no 'reduce'");
        x->reduce = ORB_REDUCE_SUM;
        if (yy != NULL) {
            if (f || tt) return fail(c, yy, ORB_EPARSE, "'year' (by then) or 'from' and 'to'");
            ORB_TRY(want_long(c, yy, "year", start + 1, end, &y));
            x->from = start + 1;
            x->to = (int)y;
        } else if (f && tt) {
            ORB_TRY(want_long(c, f, "from", start, end, &y));
            x->from = (int)y;
            ORB_TRY(want_long(c, tt, "to", start, end, &y));
            x->to = (int)y;
            if (x->to < x->from) return fail(c, tt, ORB_ERANGE, "field 'to': before 'from'");
        } else {
            return fail(c, o, ORB_EPARSE,
                        "an event outcome needs 'year' (counted to then) or 'from' and 'to'");
        }
        goto direction;
    }
    if ((v = get(c->doc, o, "reduce")) != NULL) {
        s = scalar(v);
        for (k = 0; k < 4 && !(s && strcmp(s, orb_reduce_name((orb_reduce)k)) == 0); k++) {
        }
        if (k == 4)
            return fail(c, v, ORB_EPARSE, "field 'reduce': expected at, sum, mean or change");
        x->reduce = (orb_reduce)k;
    }
    if ((v = get(c->doc, o, "year")) != NULL) {
        if (x->reduce != ORB_REDUCE_AT || get(c->doc, o, "from") || get(c->doc, o, "to"))
            return fail(c, v, ORB_EPARSE,
                        "an outcome has 'year' (at) or 'from' and 'to', not both");
        ORB_TRY(want_long(c, v, "year", start, end, &y));
        x->from = x->to = (int)y;
    } else {
        yaml_node_t *f = get(c->doc, o, "from"), *t = get(c->doc, o, "to");
        if (f == NULL || t == NULL || x->reduce == ORB_REDUCE_AT)
            return fail(
                c, o, ORB_EPARSE,
                "an outcome needs 'year', or 'from', 'to' and 'reduce' (sum, mean, change)");
        ORB_TRY(want_long(c, f, "from", start, end, &y));
        x->from = (int)y;
        ORB_TRY(want_long(c, t, "to", start, end, &y));
        x->to = (int)y;
        if (x->to <= x->from) return fail(c, t, ORB_ERANGE, "field 'to': must be after 'from'");
    }
direction:
    if ((v = get(c->doc, o, "direction")) == NULL || (s = scalar(v)) == NULL ||
        (strcmp(s, "up") != 0 && strcmp(s, "down") != 0))
        return fail(c, v ? v : o, ORB_EPARSE, "field 'direction': expected up or down");
    x->direction = strcmp(s, "up") == 0 ? 1 : -1;
    return ORB_OK;
}

static orb_status parse_claim(cctx *c, yaml_node_t *m, orb_claim *cl, orb_scenario **sides,
                              const char *default_base, base_cache *bc, size_t *nb,
                              const orb_tables *t)
{
    yaml_node_t *v, *against, *change;
    char path[1024], mech[512] = "";
    base_cache *b = NULL;
    size_t k;

    ORB_TRY(check_keys(c, m, "a claim", claim_keys, sizeof claim_keys / sizeof *claim_keys));
    memset(cl, 0, sizeof *cl);
    cl->line = (unsigned long)m->start_mark.line + 1;
    cl->opposing = cl->reason = cl->mechanisms = cl->base = "";
    if ((v = get(c->doc, m, "id")) == NULL) return fail(c, m, ORB_EPARSE, "a claim needs an 'id'");
    ORB_TRY(want_text(c, v, "id", &cl->id));
    if (strlen(cl->id) == 0 || strlen(cl->id) > 63 ||
        strspn(cl->id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
            strlen(cl->id))
        return fail(c, v, ORB_EPARSE, "field 'id': 1-63 letters, digits, '-', '_' or '.'");
    for (k = 0; k < c->set->n; k++)
        if (strcmp(c->set->claim[k].id, cl->id) == 0)
            return fail(c, v, ORB_EPARSE, "claim id '%s' given twice (first at line %lu)", cl->id,
                        c->set->claim[k].line);
    if ((v = get(c->doc, m, "statement")) == NULL)
        return fail(c, m, ORB_EPARSE, "claim '%s' needs 'statement' (the text's words)", cl->id);
    ORB_TRY(want_text(c, v, "statement", &cl->statement));
    if ((v = get(c->doc, m, "passage")) == NULL)
        return fail(c, m, ORB_EPARSE, "claim '%s' needs 'passage' (where the words stand)", cl->id);
    ORB_TRY(want_text(c, v, "passage", &cl->passage));
    if ((v = get(c->doc, m, "opposing")) != NULL)
        ORB_TRY(want_text(c, v, "opposing", &cl->opposing));
    cl->testable = 1;
    if ((v = get(c->doc, m, "testable")) != NULL) {
        const char *s = scalar(v);
        if (s == NULL || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
            return fail(c, v, ORB_EPARSE, "field 'testable': expected true or false");
        cl->testable = strcmp(s, "true") == 0;
    }
    if (!cl->testable) {
        static const char *const test_keys[] = {"base", "against", "change", "outcomes", "channel"};
        if ((v = get(c->doc, m, "reason")) == NULL)
            return fail(c, m, ORB_EPARSE, "claim '%s' is not testable: say why in 'reason'",
                        cl->id);
        ORB_TRY(want_text(c, v, "reason", &cl->reason));
        for (k = 0; k < 5; k++)
            if ((v = get(c->doc, m, test_keys[k])) != NULL)
                return fail(c, v, ORB_EPARSE, "claim '%s' is not testable but has '%s'", cl->id,
                            test_keys[k]);
        return ORB_OK;
    }
    if ((v = get(c->doc, m, "reason")) != NULL)
        return fail(c, v, ORB_EPARSE, "'reason' is for claims that are not testable");
    v = get(c->doc, m, "base");
    if (v == NULL && default_base == NULL)
        return fail(c, m, ORB_EPARSE,
                    "claim '%s' needs 'base' (a scenario file), here or at the top", cl->id);
    if (v != NULL && scalar(v) == NULL)
        return fail(c, v, ORB_EPARSE, "field 'base': expected a path");
    resolve(c->file, v ? scalar(v) : default_base, path, sizeof path);
    ORB_TRY(base_of(c, bc, nb, path, v ? v : m, &b));
    if ((cl->base = keep(c->set, path)) == NULL) ORB_FAIL(c->err, ORB_ENOMEM, "out of memory");
    against = get(c->doc, m, "against");
    change = get(c->doc, m, "change");
    if (against != NULL && change == NULL)
        return fail(c, against, ORB_EPARSE, "'against' needs a 'change' (the other side)");
    if (against && against->type != YAML_MAPPING_NODE)
        return fail(c, against, ORB_EPARSE,
                    "field 'against': expected a mapping (scenario fields)");
    if (change && change->type != YAML_MAPPING_NODE)
        return fail(c, change, ORB_EPARSE, "field 'change': expected a mapping (scenario fields)");
    cl->contrast = change != NULL;
    ORB_TRY(build_side(c, t, &b->doc, path, against, cl->id, "A", &sides[0]));
    if (change) {
        ORB_TRY(build_side(c, t, &b->doc, path, change, cl->id, "B", &sides[1]));
        if (orb_scenario_start(sides[0]) != orb_scenario_start(sides[1]) ||
            orb_scenario_end(sides[0]) != orb_scenario_end(sides[1]))
            return fail(c, change, ORB_EPARSE, "claim '%s': the sides cover different years",
                        cl->id);
    }
    if (against != NULL) { /* "A: what against changes; B: what change changes" */
        strncat(mech, "A: ", sizeof mech - 1);
        mechanisms_of(c->doc, against, mech + strlen(mech), sizeof mech - strlen(mech));
        if (strcmp(mech, "A: ") == 0) strncat(mech, "the base", sizeof mech - strlen(mech) - 1);
        strncat(mech, "; B: ", sizeof mech - strlen(mech) - 1);
        k = strlen(mech);
        mechanisms_of(c->doc, change, mech + k, sizeof mech - k);
        if (strlen(mech) == k) strncat(mech, "the base", sizeof mech - strlen(mech) - 1);
    } else {
        mechanisms_of(c->doc, change, mech, sizeof mech);
    }
    if ((cl->mechanisms = keep(c->set, mech)) == NULL)
        ORB_FAIL(c->err, ORB_ENOMEM, "out of memory");
    if ((v = get(c->doc, m, "outcomes")) == NULL || v->type != YAML_SEQUENCE_NODE ||
        v->data.sequence.items.top == v->data.sequence.items.start)
        return fail(c, v ? v : m, ORB_EPARSE, "claim '%s' needs 'outcomes' (a list of 1-%d)",
                    cl->id, ORB_CLAIM_MAX_OUTCOMES);
    if (v->data.sequence.items.top - v->data.sequence.items.start > ORB_CLAIM_MAX_OUTCOMES)
        return fail(c, v, ORB_ERANGE, "more than %d outcomes", ORB_CLAIM_MAX_OUTCOMES);
    {
        yaml_node_item_t *it;
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            orb_claim_outcome *x = &cl->outcome[cl->noutcomes++];
            ORB_TRY(parse_outcome(c, nd(c->doc, *it), x, orb_scenario_start(sides[0]),
                                  orb_scenario_end(sides[0]), t));
            if (!cl->contrast && x->reduce == ORB_REDUCE_AT)
                return fail(c, nd(c->doc, *it), ORB_EPARSE,
                            "without a 'change' an outcome's sign is the claim: use reduce: "
                            "change (from, to), sum or mean, not a level");
        }
    }
    if ((v = get(c->doc, m, "channel")) != NULL) {
        yaml_node_item_t *it;
        if (v->type != YAML_SEQUENCE_NODE)
            return fail(c, v, ORB_EPARSE, "field 'channel': expected a list of parameter names");
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            yaml_node_t *pn = nd(c->doc, *it);
            const char *s = scalar(pn);
            size_t idx;
            if (cl->nchannel == ORB_CLAIM_MAX_CHANNEL)
                return fail(c, pn, ORB_ERANGE, "more than %d channel parameters",
                            ORB_CLAIM_MAX_CHANNEL);
            if (s == NULL || orb_params_index(s, &idx) != ORB_OK) {
                const char *near[3];
                size_t nn = s ? orb_params_nearest(s, near, 3) : 0;
                return fail(c, pn, ORB_EPARSE, "unknown parameter '%s'%s%s%s%s%s", s ? s : "?",
                            nn ? " (did you mean " : "", nn ? near[0] : "", nn > 1 ? ", " : "",
                            nn > 1 ? near[1] : "", nn ? "?)" : "");
            }
            cl->channel[cl->nchannel++] = orb_params_info(idx)->name;
        }
    }
    return ORB_OK;
}

orb_status orb_claims_load(const char *path, const orb_tables *t, orb_claimset **out,
                           orb_error *err)
{
    orb_claimset *set;
    char *text = NULL;
    size_t len, nb = 0, k;
    yaml_document_t doc;
    yaml_node_t *root, *v;
    base_cache *bc = NULL;
    const char *default_base = NULL;
    orb_status st;
    cctx c;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_claims_load: out is NULL");
    *out = NULL;
    if (path == NULL || t == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_claims_load: NULL argument");
    if ((set = calloc(1, sizeof *set)) == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    set->seed = 1;
    set->runs = 100;
    if ((st = orbi_read_text(&HEAP, path, ORBI_MAX_TEXT, &text, &len, err)) != ORB_OK) {
        free(set);
        return st;
    }
    if ((st = orbi_yaml_load(text, len, path, &doc, err)) != ORB_OK) {
        free(text);
        free(set);
        return st;
    }
    c.file = path;
    c.doc = &doc;
    c.set = set;
    c.err = err;
    bc = calloc(MAX_BASES, sizeof *bc);
    root = yaml_document_get_root_node(&doc);
    if (bc == NULL) {
        st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (root == NULL) {
        st =
            orbi_error(err, ORB_EPARSE, path, 1, 1, "empty file: expected a mapping with 'claims'");
        goto done;
    }
    if ((st = check_keys(&c, root, "the file", top_keys, sizeof top_keys / sizeof *top_keys)) !=
        ORB_OK)
        goto done;
    if ((v = get(&doc, root, "name")) == NULL || scalar(v) == NULL || strlen(scalar(v)) > 63) {
        st = fail(&c, v ? v : root, ORB_EPARSE, "field 'name': required, at most 63 characters");
        goto done;
    }
    orbi_strlcpy(set->name, scalar(v), sizeof set->name);
    if ((v = get(&doc, root, "seed")) != NULL) {
        long long x;
        if ((st = want_long(&c, v, "seed", 0, (1ll << 53) - 1, &x)) != ORB_OK) goto done;
        set->seed = (uint64_t)x;
    }
    if ((v = get(&doc, root, "runs")) != NULL) {
        long long x;
        if ((st = want_long(&c, v, "runs", 2, 1000000, &x)) != ORB_OK) goto done;
        set->runs = (size_t)x;
    }
    if ((v = get(&doc, root, "base")) != NULL) {
        if ((default_base = scalar(v)) == NULL) {
            st = fail(&c, v, ORB_EPARSE, "field 'base': expected a path");
            goto done;
        }
    }
    if ((v = get(&doc, root, "claims")) == NULL || v->type != YAML_SEQUENCE_NODE ||
        v->data.sequence.items.top == v->data.sequence.items.start) {
        st = fail(&c, v ? v : root, ORB_EPARSE, "field 'claims': a list of 1-%d claims is required",
                  MAX_CLAIMS);
        goto done;
    }
    if (v->data.sequence.items.top - v->data.sequence.items.start > MAX_CLAIMS) {
        st = fail(&c, v, ORB_ERANGE, "more than %d claims", MAX_CLAIMS);
        goto done;
    }
    {
        yaml_node_item_t *it;
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            k = set->n;
            st = parse_claim(&c, nd(&doc, *it), &set->claim[k], set->side[k], default_base, bc, &nb,
                             t);
            set->n++; /* its sides are freed with the set, on error too */
            if (st != ORB_OK) goto done;
        }
    }
done:
    for (k = 0; bc && k < nb; k++) {
        if (bc[k].loaded) yaml_document_delete(&bc[k].doc);
        free(bc[k].text);
    }
    free(bc);
    yaml_document_delete(&doc);
    free(text);
    if (st != ORB_OK) {
        orb_claims_free(set);
        return st;
    }
    *out = set;
    return ORB_OK;
}

void orb_claims_free(orb_claimset *set)
{
    size_t k;
    if (set == NULL) return;
    for (k = 0; k < set->n; k++) {
        orb_scenario_free(set->side[k][0]);
        orb_scenario_free(set->side[k][1]);
    }
    for (k = 0; k < set->nowned; k++)
        free(set->owned[k]);
    free(set->owned);
    free(set);
}

const char *orb_claims_name(const orb_claimset *set)
{
    return set ? set->name : NULL;
}

uint64_t orb_claims_seed(const orb_claimset *set)
{
    return set ? set->seed : 0;
}

size_t orb_claims_runs(const orb_claimset *set)
{
    return set ? set->runs : 0;
}

size_t orb_claims_count(const orb_claimset *set)
{
    return set ? set->n : 0;
}

const orb_claim *orb_claims_get(const orb_claimset *set, size_t k)
{
    return set && k < set->n ? &set->claim[k] : NULL;
}

const orb_scenario *orb_claims_side(const orb_claimset *set, size_t k, int b)
{
    return set && k < set->n ? set->side[k][b ? 1 : 0] : NULL;
}

/* ---- statistics --------------------------------------------------------- */

void orb_claim_stats_of(const double *d, size_t n, int dir, size_t ntests, orb_claim_stats *o)
{
    double s = 0, ss = 0, *v;
    size_t k, hit = 0;

    if (o == NULL) return;
    memset(o, 0, sizeof *o);
    if (d == NULL) n = 0;
    o->runs = n;
    o->z_crit = gsl_cdf_ugaussian_Qinv(ALPHA / 2 / (double)(ntests ? ntests : 1));
    o->mean_a = o->mean_b = NAN;
    o->verdict = ORB_VERDICT_INDISTINCT;
    o->runs_needed = INFINITY;
    if (d == NULL || n == 0) {
        o->mean = o->sd = o->se = o->median = o->q05 = o->q95 = o->p_dir = o->p_dir_se = NAN;
        return;
    }
    for (k = 0; k < n; k++) {
        s += d[k];
        o->nonzero += d[k] != 0;
        hit += d[k] * dir > 0;
    }
    o->mean = s / (double)n;
    for (k = 0; k < n; k++)
        ss += (d[k] - o->mean) * (d[k] - o->mean);
    o->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
    o->se = o->sd / sqrt((double)n);
    o->p_dir = (double)hit / (double)n;
    o->p_dir_se = sqrt(o->p_dir * (1 - o->p_dir) / (double)n);
    if ((v = malloc(n * sizeof *v)) != NULL) {
        memcpy(v, d, n * sizeof *v);
        orb_sort(v, n);
        o->median = orb_quantile(v, n, 0.5);
        o->q05 = orb_quantile(v, n, 0.05);
        o->q95 = orb_quantile(v, n, 0.95);
        free(v);
    } else {
        o->median = o->q05 = o->q95 = NAN;
    }
    if (o->se > 0)
        o->z = o->mean / o->se;
    else
        o->z = o->mean == 0 ? 0 : (o->mean > 0 ? INFINITY : -INFINITY);
    if (fabs(o->z) >= o->z_crit) {
        o->verdict = o->z * dir > 0 ? ORB_VERDICT_SUPPORTED : ORB_VERDICT_CONTRADICTED;
        o->runs_needed = 0;
    } else if (o->mean != 0) {
        double r = (o->z_crit + Z_80) * o->sd / fabs(o->mean);
        o->runs_needed = ceil(r * r);
    }
}

/* ---- running ------------------------------------------------------------ */

typedef struct collect {
    const orb_claim *cl;
    double *dst; /* [noutcomes * runs] */
    size_t runs;
    int start;
    int nan_run, nan_year; /* the first NaN outcome, if any */
    size_t nan_outcome;
} collect;

static int on_result(const orb_run_result *res, void *ud)
{
    collect *c = ud;
    size_t o;

    for (o = 0; o < c->cl->noutcomes; o++) {
        const orb_claim_outcome *x = &c->cl->outcome[o];
        double v = 0;
        int y;
        size_t at[ORB_CLAIM_MAX_STATES], e, j;
        if (x->kind == ORB_OUTCOME_EVENT) { /* a count */
            for (e = 0; e < res->nevents; e++) {
                const orb_run_event *ev = &res->events[e];
                if (ev->year >= x->from && ev->year <= x->to && (size_t)ev->kind == x->index &&
                    (x->pass < 0 || (int)ev->value == x->pass))
                    v += 1;
            }
            c->dst[o * c->runs + res->run] = v;
            continue;
        }
        for (j = 0; x->kind == ORB_OUTCOME_STATES && j < x->nstates; j++) {
            for (at[j] = 0; at[j] < res->nstates && res->ccode[at[j]] != x->ccode[j]; at[j]++) {
            }
        }
        for (y = x->from; y <= x->to; y++) {
            double m;
            if (x->kind == ORB_OUTCOME_STATES) { /* the states' total, or mean */
                const int total = x->index == ORB_SV_GDP || x->index == ORB_SV_POP ||
                                  x->index == ORB_SV_CINC || x->index == ORB_SV_GDP_SHARE ||
                                  x->index == ORB_SV_MILEX_SHARE || x->index == ORB_SV_AT_WAR;
                size_t got = 0;
                m = 0;
                for (j = 0; j < x->nstates; j++) {
                    if (at[j] == res->nstates) continue; /* not in this world */
                    m += res->states[((size_t)(y - res->start) * res->nstates + at[j]) * ORB_NSV +
                                     x->index];
                    got++;
                }
                m = got == 0 ? NAN : (total ? m : m / (double)got);
            } else {
                m = res->metrics[(size_t)(y - res->start) * res->nmetrics + x->index];
            }
            if (isnan(m) && c->nan_run < 0) {
                c->nan_run = (int)res->run;
                c->nan_year = y;
                c->nan_outcome = o;
            }
            if (x->reduce == ORB_REDUCE_SUM || x->reduce == ORB_REDUCE_MEAN)
                v += m;
            else if (y == x->to)
                v = x->reduce == ORB_REDUCE_CHANGE ? m - v : m;
            else if (y == x->from && x->reduce == ORB_REDUCE_CHANGE)
                v = m;
        }
        if (x->reduce == ORB_REDUCE_MEAN) v /= (double)(x->to - x->from + 1);
        c->dst[o * c->runs + res->run] = v;
    }
    return 0;
}

static orb_status run_side(const orb_claim *cl, const orb_scenario *scn, const orb_world *w,
                           const orb_claims_opts *o, size_t runs, uint64_t seed, double *dst,
                           orb_error *err)
{
    orb_sim_opts so = orb_sim_opts_default();
    orb_ensemble_opts eo = orb_ensemble_opts_default();
    orb_params par;
    orb_sim *sim = NULL;
    collect c;
    int years[2 * ORB_CLAIM_MAX_OUTCOMES];
    size_t ny = 0, k;
    orb_status st;

    if (o->params != NULL) { /* the caller's values, the side's own overrides on top */
        par = *o->params;
        orb_scenario_apply_params(scn, &par);
        so.params = &par;
    }
    ORB_TRY(orb_sim_new(w, scn, &so, &sim, err));
    for (k = 0; k < cl->noutcomes; k++) { /* blocs are computed where they are read */
        years[ny++] = cl->outcome[k].to;
        if (cl->outcome[k].from != cl->outcome[k].to) years[ny++] = cl->outcome[k].from;
    }
    eo.seed = seed;
    eo.runs = runs;
    eo.threads = o->threads;
    eo.uncertainty = o->uncertainty;
    eo.world = w;
    eo.scenario = scn;
    eo.bloc_years = years;
    eo.nbloc_years = ny;
    for (k = 0; k < cl->noutcomes; k++)
        if (cl->outcome[k].kind == ORB_OUTCOME_STATES) eo.per_state = 1;
    for (k = 0; k < cl->noutcomes; k++)
        if (cl->outcome[k].reduce != ORB_REDUCE_AT &&
            cl->outcome[k].reduce != ORB_REDUCE_CHANGE) /* a sum or mean reads every year */
            eo.bloc_every_year = 1;
    c.cl = cl;
    c.dst = dst;
    c.runs = runs;
    c.start = orb_scenario_start(scn);
    c.nan_run = -1;
    c.nan_year = 0;
    c.nan_outcome = 0;
    st = orb_ensemble_run(sim, &eo, on_result, &c, err);
    orb_sim_free(sim);
    if (st == ORB_OK && c.nan_run >= 0)
        st = orbi_error(err, ORB_ENODATA, NULL, 0, 0,
                        "claim '%s': metric %s has no value in %d (run %d)", cl->id,
                        cl->outcome[c.nan_outcome].metric, c.nan_year, c.nan_run);
    return st;
}

orb_status orb_claim_run(const orb_claimset *set, size_t k, const orb_tables *t, const orb_panel *p,
                         const orb_claims_opts *opts, orb_claim_result *out, orb_error *err)
{
    orb_claims_opts def = orb_claims_opts_default();
    const orb_claim *cl;
    orb_world *w = NULL;
    size_t runs, n, i, o;
    uint64_t seed;
    orb_status st;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_claim_run: out is NULL");
    memset(out, 0, sizeof *out);
    if (set == NULL || t == NULL || k >= set->n)
        ORB_FAIL(err, ORB_EINVAL, "orb_claim_run: no such claim");
    if (opts == NULL) opts = &def;
    cl = &set->claim[k];
    if (!cl->testable) ORB_FAIL(err, ORB_EINVAL, "claim '%s' is not testable", cl->id);
    if (orb_uncertainty_name(opts->uncertainty) == NULL)
        ORB_FAIL(err, ORB_EINVAL, "unknown uncertainty %d", (int)opts->uncertainty);
    runs = opts->runs ? opts->runs : set->runs;
    if (runs < 2) ORB_FAIL(err, ORB_EINVAL, "a claim needs at least two runs");
    seed = opts->have_seed ? opts->seed : set->seed;
    n = cl->noutcomes * runs;
    out->claim = k;
    out->runs = runs;
    out->noutcomes = cl->noutcomes;
    out->seed = seed;
    out->a = malloc(n * sizeof *out->a);
    out->b = malloc(n * sizeof *out->b);
    out->effect = malloc(n * sizeof *out->effect);
    if (!out->a || !out->b || !out->effect) {
        orb_claim_result_free(out);
        ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    }
    st = orb_world_new(t, p, orb_scenario_start(set->side[k][0]), &w, err);
    if (st == ORB_OK) st = run_side(cl, set->side[k][0], w, opts, runs, seed, out->a, err);
    if (st == ORB_OK && cl->contrast)
        st = run_side(cl, set->side[k][1], w, opts, runs, seed, out->b, err);
    orb_world_free(w);
    if (st != ORB_OK) {
        orb_claim_result_free(out);
        return st;
    }
    for (i = 0; i < n; i++) {
        if (!cl->contrast) out->b[i] = NAN;
        out->effect[i] = cl->contrast ? out->b[i] - out->a[i] : out->a[i];
    }
    {
        size_t ntests = 0, j;
        for (j = 0; j < set->n; j++)
            ntests += set->claim[j].testable ? set->claim[j].noutcomes : 0;
        for (o = 0; o < cl->noutcomes; o++) {
            double sa = 0, sb = 0;
            orb_claim_stats_of(out->effect + o * runs, runs, cl->outcome[o].direction, ntests,
                               &out->stats[o]);
            for (i = 0; i < runs; i++) {
                sa += out->a[o * runs + i];
                sb += out->b[o * runs + i];
            }
            out->stats[o].mean_a = sa / (double)runs;
            out->stats[o].mean_b = cl->contrast ? sb / (double)runs : NAN;
        }
    }
    return ORB_OK;
}

void orb_claim_result_free(orb_claim_result *r)
{
    if (r == NULL) return;
    free(r->a);
    free(r->b);
    free(r->effect);
    r->a = r->b = r->effect = NULL;
}
