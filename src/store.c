/*
 * store.c - the results store of an ensemble (store.h; schema in
 * docs/store.md), on SQLite.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "orb_int.h"
#include "orbis/orbis.h"
#include "orbis/store.h"

/* Commit pending runs at least this often (seconds): what a killed ensemble
 * can lose, and redo on resume. */
#define COMMIT_EVERY 1.0

struct orb_store {
    sqlite3 *db;
    sqlite3_stmt *ins_metrics, *ins_event, *ins_state, *ins_run, *ins_param;
    int in_tx;
    double last_commit;
    size_t nruns;
    int start, end;
    char path[ORB_ERRFILE_SIZE];
};

/* The headline metrics of the summaries (names of orb_metric_describe). */
static const char *const headline[] = {
    "cinc_con",
    "cinc_leader_share",
    "cinc_ratio",
    "gdp_ratio",
    "gs_gdp_share",
    "gs_cinc_share",
    "gini",
    "world_gdp",
    "disputes",
    "wars_ongoing",
    "milex_share",
    "mean_threat",
    "mean_affinity",
    "pacts",
    "blocs",
    "sanctions_in_force",
    "actions_blocked",
    "drafts",
    "vetoed",
};

const char *orb_store_headline(size_t k)
{
    return k < sizeof headline / sizeof headline[0] ? headline[k] : NULL;
}

/* The named events: a run "has" one by year Y when it reported an event of
 * the kind (and value, when value >= 0) in a year <= Y. */
static const struct named {
    const char *name, *meaning;
    orb_event_kind kind;
    double value; /* -1: any */
} named[] = {
    {"war", "a war begun (any pair)", ORB_EV_WAR, -1},
    {"war_major", "a war begun that involves a COW major power", ORB_EV_WAR_MAJOR, -1},
    {"war_p5", "a war begun that involves a permanent member", ORB_EV_WAR_P5, -1},
    {"transition_cinc", "a new leader by CINC", ORB_EV_TRANSITION, ORB_MEASURE_CINC},
    {"transition_gdp", "a new leader by real GDP", ORB_EV_TRANSITION, ORB_MEASURE_GDP},
    {"transition_milex", "a new leader by military spending", ORB_EV_TRANSITION, ORB_MEASURE_MILEX},
    {"transition_net", "a new leader by net resources", ORB_EV_TRANSITION, ORB_MEASURE_NET},
    {"gdp_chn_passes_usa", "China's real GDP passes the US's", ORB_EV_PASS, 0},
    {"cinc_ind_passes_usa", "India's CINC passes the US's", ORB_EV_PASS, 1},
    {"gdp_ind_passes_usa", "India's real GDP passes the US's", ORB_EV_PASS, 2},
    {"cinc_usa_passes_chn", "the US's CINC passes China's again", ORB_EV_PASS, 3},
    {"force_authorised", "the Council authorises force", ORB_EV_FORCE_AUTHORISED, -1},
    {"crisis_settled", "a scenario crisis settles", ORB_EV_CRISIS_SETTLED, -1},
    {"crisis_escalated", "a scenario crisis escalates to war", ORB_EV_CRISIS_ESCALATED, -1},
    {"gs_gdp_majority", "the Global South's share of real GDP passes one half", ORB_EV_GS_MAJORITY,
     -1},
};

#define NNAMED (sizeof named / sizeof named[0])

const char *orb_store_event(size_t k, const char **meaning)
{
    if (k >= NNAMED) return NULL;
    if (meaning) *meaning = named[k].meaning;
    return named[k].name;
}

uint64_t orb_text_hash(const char *text)
{
    uint64_t h = 1469598103934665603ULL;

    for (; text && *text; text++)
        h = (h ^ (unsigned char)*text) * 1099511628211ULL;
    return h;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static orb_status db_error(orb_store *s, orb_error *err, const char *what)
{
    return orbi_error(err, ORB_EIO, s->path, 0, 0, "%s: %s", what,
                      s->db ? sqlite3_errmsg(s->db) : "cannot open");
}

static orb_status exec(orb_store *s, const char *sql, orb_error *err)
{
    char *msg = NULL;

    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        orb_status st = orbi_error(err, ORB_EIO, s->path, 0, 0, "%s", msg ? msg : "SQL error");
        sqlite3_free(msg);
        return st;
    }
    return ORB_OK;
}

static orb_status prepare(orb_store *s, const char *sql, sqlite3_stmt **st, orb_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return db_error(s, err, "prepare");
    return ORB_OK;
}

/* Run a prepared statement to completion and reset it. */
static orb_status step_done(orb_store *s, sqlite3_stmt *st, orb_error *err)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? ORB_OK : db_error(s, err, "write");
}

/* SQL text of the growing buffer b (cap bytes). */
static void cat(char *b, size_t cap, const char *t)
{
    size_t n = strlen(b);
    if (n + 1 < cap) snprintf(b + n, cap - n, "%s", t);
}

static orb_status schema(orb_store *s, int per_state, orb_error *err)
{
    size_t k, nm = orb_metric_count();
    char *sql = malloc(16384);
    orb_status st;

    if (sql == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    sql[0] = '\0';
    cat(sql, 16384,
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE params(name TEXT PRIMARY KEY, value REAL);"
        "CREATE TABLE metric(col INTEGER PRIMARY KEY, name TEXT UNIQUE, unit TEXT, "
        "description TEXT, kind TEXT);"
        "CREATE TABLE states(ccode INTEGER PRIMARY KEY, abb TEXT);"
        "CREATE TABLE runs(run INTEGER PRIMARY KEY);"
        "CREATE TABLE run_params(run INTEGER, name TEXT, value REAL, PRIMARY KEY(run, name)) "
        "WITHOUT ROWID;"
        "CREATE TABLE events(run INTEGER, year INTEGER, kind TEXT, a INTEGER, b INTEGER, "
        "value REAL);"
        "CREATE INDEX events_kind ON events(kind, year);"
        "CREATE TABLE summary(ord INTEGER, metric TEXT, year INTEGER, n INTEGER, mean REAL, "
        "se REAL, p05 REAL, p25 REAL, p50 REAL, p75 REAL, p95 REAL, PRIMARY KEY(metric, year));"
        "CREATE TABLE event_prob(ord INTEGER, event TEXT, by_year INTEGER, n INTEGER, "
        "runs INTEGER, p REAL, se REAL, PRIMARY KEY(event, by_year));"
        "CREATE TABLE timing(key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE run_metrics(run INTEGER, year INTEGER");
    for (k = 0; k < nm; k++) {
        cat(sql, 16384, ", ");
        cat(sql, 16384, orb_metric_describe(k)->name);
        cat(sql, 16384, orb_metric_describe(k)->kind == ORB_VALUE_REAL ? " REAL" : " INTEGER");
    }
    cat(sql, 16384,
        ", PRIMARY KEY(run, year)) WITHOUT ROWID;"
        "CREATE INDEX run_metrics_year ON run_metrics(year);");
    if (per_state) {
        cat(sql, 16384, "CREATE TABLE state_years(run INTEGER, year INTEGER, ccode INTEGER");
        for (k = 0; k < ORB_NSV; k++) {
            cat(sql, 16384, ", ");
            cat(sql, 16384, orb_state_var_name((int)k));
            cat(sql, 16384, " REAL");
        }
        cat(sql, 16384, ", PRIMARY KEY(run, year, ccode)) WITHOUT ROWID;");
    }
    st = exec(s, sql, err);
    free(sql);
    return st;
}

static orb_status statements(orb_store *s, int per_state, orb_error *err)
{
    size_t k, nm = orb_metric_count();
    char sql[4096] = "INSERT INTO run_metrics VALUES(?, ?";

    for (k = 0; k < nm; k++)
        cat(sql, sizeof sql, ", ?");
    cat(sql, sizeof sql, ")");
    ORB_TRY(prepare(s, sql, &s->ins_metrics, err));
    ORB_TRY(prepare(s, "INSERT INTO events VALUES(?, ?, ?, ?, ?, ?)", &s->ins_event, err));
    ORB_TRY(prepare(s, "INSERT INTO runs VALUES(?)", &s->ins_run, err));
    ORB_TRY(prepare(s, "INSERT INTO run_params VALUES(?, ?, ?)", &s->ins_param, err));
    if (per_state) {
        snprintf(sql, sizeof sql, "INSERT INTO state_years VALUES(?, ?, ?");
        for (k = 0; k < ORB_NSV; k++)
            cat(sql, sizeof sql, ", ?");
        cat(sql, sizeof sql, ")");
        ORB_TRY(prepare(s, sql, &s->ins_state, err));
    }
    return ORB_OK;
}

static orb_status put_meta(orb_store *s, const char *key, const char *value, orb_error *err)
{
    sqlite3_stmt *st;

    ORB_TRY(prepare(s, "INSERT OR REPLACE INTO meta VALUES(?, ?)", &st, err));
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    {
        orb_status r = step_done(s, st, err);
        sqlite3_finalize(st);
        return r;
    }
}

/* The settings a resumed store must match, as text. */
#define NMETA_KEYS 7
static void meta_values(const orb_store_meta *m, char v[NMETA_KEYS][64])
{
    snprintf(v[0], 64, "%016llx", (unsigned long long)orb_text_hash(m->scenario_text));
    snprintf(v[1], 64, "%llu", (unsigned long long)m->seed);
    snprintf(v[2], 64, "%zu", m->runs);
    snprintf(v[3], 64, "%d", m->start);
    snprintf(v[4], 64, "%d", m->end);
    snprintf(v[5], 64, "%d", m->per_state != 0);
    snprintf(v[6], 64, "%s", m->uncertainty ? m->uncertainty : "shocks");
}

static const char *const meta_keys[NMETA_KEYS] = {
    "scenario_hash", "seed", "runs", "start", "end", "per_state", "uncertainty"};

static orb_status fill_meta(orb_store *s, const orb_store_meta *m, orb_error *err)
{
    char v[NMETA_KEYS][64];
    size_t k;
    sqlite3_stmt *st;

    meta_values(m, v);
    for (k = 0; k < NMETA_KEYS; k++)
        ORB_TRY(put_meta(s, meta_keys[k], v[k], err));
    ORB_TRY(put_meta(s, "scenario_name", m->scenario_name ? m->scenario_name : "", err));
    ORB_TRY(put_meta(s, "scenario", m->scenario_text ? m->scenario_text : "", err));
    ORB_TRY(put_meta(s, "program", "orbis " ORB_VERSION_STRING, err));
    ORB_TRY(put_meta(s, "quantiles", "Hyndman & Fan (1996) type 7", err));
    ORB_TRY(prepare(s, "INSERT INTO params VALUES(?, ?)", &st, err));
    for (k = 0; k < orb_params_count(); k++) {
        sqlite3_bind_text(st, 1, orb_params_info(k)->name, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 2, m->params ? m->params->v[k] : orb_params_info(k)->def);
        if (step_done(s, st, err) != ORB_OK) break;
    }
    sqlite3_finalize(st);
    ORB_TRY(prepare(s, "INSERT INTO metric VALUES(?, ?, ?, ?, ?)", &st, err));
    for (k = 0; k < orb_metric_count(); k++) {
        static const char *const kinds[] = {"real", "count", "bool", "state"};
        const orb_metric_desc *d = orb_metric_describe(k);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)k);
        sqlite3_bind_text(st, 2, d->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->unit, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, d->desc, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, kinds[d->kind], -1, SQLITE_STATIC);
        if (step_done(s, st, err) != ORB_OK) break;
    }
    sqlite3_finalize(st);
    ORB_TRY(prepare(s, "INSERT INTO states VALUES(?, ?)", &st, err));
    for (k = 0; k < m->nstates; k++) {
        sqlite3_bind_int(st, 1, m->ccode[k]);
        sqlite3_bind_text(st, 2, m->abb[k], -1, SQLITE_STATIC);
        if (step_done(s, st, err) != ORB_OK) break;
    }
    sqlite3_finalize(st);
    return ORB_OK;
}

static orb_status open_db(const char *path, int create, orb_store **out, orb_error *err)
{
    orb_store *s = calloc(1, sizeof *s);

    *out = NULL;
    if (s == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    orbi_strlcpy(s->path, path, sizeof s->path);
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        orb_status st = db_error(s, err, create ? "cannot create the store" : "cannot open");
        sqlite3_close(s->db);
        free(s);
        return st;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;", err) != ORB_OK) {
        /* e.g. a file that is not a database */
        orb_status st = orbi_error(err, ORB_EPARSE, path, 0, 0, "not an orbis store: %s",
                                   sqlite3_errmsg(s->db));
        sqlite3_close(s->db);
        free(s);
        return st;
    }
    *out = s;
    return ORB_OK;
}

orb_status orb_store_create(const char *path, const orb_store_meta *meta, orb_store **out,
                            orb_error *err)
{
    orb_store *s;
    orb_status st;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_store_create: out is NULL");
    *out = NULL;
    if (path == NULL || meta == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_store_create: NULL argument");
    if (access(path, F_OK) == 0)
        return orbi_error(err, ORB_EINVAL, path, 0, 0,
                          "the store exists already: resume it (--resume) or remove it");
    ORB_TRY(open_db(path, 1, &s, err));
    s->start = meta->start;
    s->end = meta->end;
    st = exec(s, "BEGIN", err);
    if (st == ORB_OK) st = schema(s, meta->per_state, err);
    if (st == ORB_OK) st = fill_meta(s, meta, err);
    if (st == ORB_OK) st = exec(s, "COMMIT", err);
    if (st == ORB_OK) st = statements(s, meta->per_state, err);
    if (st != ORB_OK) {
        orb_store_close(s, NULL);
        remove(path);
        return st;
    }
    s->last_commit = now();
    *out = s;
    return ORB_OK;
}

orb_status orb_store_resume(const char *path, const orb_store_meta *meta, unsigned char *done,
                            orb_store **out, orb_error *err)
{
    orb_store *s;
    sqlite3_stmt *st;
    char v[NMETA_KEYS][64];
    size_t k;
    orb_status rc = ORB_OK;

    if (out == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_store_resume: out is NULL");
    *out = NULL;
    if (path == NULL || meta == NULL || done == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_store_resume: NULL argument");
    if (access(path, F_OK) != 0) return orbi_error(err, ORB_EIO, path, 0, 0, "no store to resume");
    ORB_TRY(open_db(path, 0, &s, err));
    meta_values(meta, v);
    if (prepare(s, "SELECT value FROM meta WHERE key = ?", &st, err) != ORB_OK) {
        rc = ORB_EIO;
        goto fail;
    }
    for (k = 0; k < NMETA_KEYS && rc == ORB_OK; k++) {
        const unsigned char *have;
        sqlite3_bind_text(st, 1, meta_keys[k], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW || (have = sqlite3_column_text(st, 0)) == NULL) {
            rc = orbi_error(err, ORB_EPARSE, path, 0, 0, "not an orbis store (no '%s')",
                            meta_keys[k]);
        } else if (strcmp((const char *)have, v[k]) != 0) {
            rc = orbi_error(err, ORB_EINVAL, path, 0, 0,
                            "the store is of another ensemble: its %s is %s, this one's %s",
                            meta_keys[k], (const char *)have, v[k]);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != ORB_OK) goto fail;
    memset(done, 0, meta->runs);
    if (prepare(s, "SELECT run FROM runs", &st, err) != ORB_OK) {
        rc = ORB_EIO;
        goto fail;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 r = sqlite3_column_int64(st, 0);
        if (r >= 0 && (size_t)r < meta->runs) done[r] = 1;
        s->nruns++;
    }
    sqlite3_finalize(st);
    s->start = meta->start;
    s->end = meta->end;
    if ((rc = statements(s, meta->per_state, err)) != ORB_OK) goto fail;
    s->last_commit = now();
    *out = s;
    return ORB_OK;
fail:
    orb_store_close(s, NULL);
    return rc;
}

static orb_status commit(orb_store *s, orb_error *err)
{
    if (!s->in_tx) return ORB_OK;
    s->in_tx = 0;
    s->last_commit = now();
    return exec(s, "COMMIT", err);
}

orb_status orb_store_add(orb_store *s, const orb_run_result *res, orb_error *err)
{
    if (s == NULL || res == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_store_add: a required argument is NULL");
    size_t y, k, i;
    const sqlite3_int64 run = (sqlite3_int64)res->run;

    if (!s->in_tx) {
        ORB_TRY(exec(s, "BEGIN", err));
        s->in_tx = 1;
    }
    for (y = 0; y < res->nyears; y++) {
        const double *row = &res->metrics[y * res->nmetrics];
        sqlite3_bind_int64(s->ins_metrics, 1, run);
        sqlite3_bind_int(s->ins_metrics, 2, res->start + (int)y);
        for (k = 0; k < res->nmetrics; k++) {
            if (isnan(row[k]))
                sqlite3_bind_null(s->ins_metrics, (int)k + 3);
            else if (orb_metric_describe(k)->kind == ORB_VALUE_REAL)
                sqlite3_bind_double(s->ins_metrics, (int)k + 3, row[k]);
            else
                sqlite3_bind_int64(s->ins_metrics, (int)k + 3, (sqlite3_int64)row[k]);
        }
        ORB_TRY(step_done(s, s->ins_metrics, err));
    }
    for (k = 0; k < res->nevents; k++) {
        const orb_run_event *e = &res->events[k];
        sqlite3_bind_int64(s->ins_event, 1, run);
        sqlite3_bind_int(s->ins_event, 2, e->year);
        sqlite3_bind_text(s->ins_event, 3, orb_event_kind_name(e->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int(s->ins_event, 4, e->a);
        sqlite3_bind_int(s->ins_event, 5, e->b);
        if (isnan(e->value))
            sqlite3_bind_null(s->ins_event, 6);
        else
            sqlite3_bind_double(s->ins_event, 6, e->value);
        ORB_TRY(step_done(s, s->ins_event, err));
    }
    if (res->states != NULL && s->ins_state != NULL)
        for (y = 0; y < res->nyears; y++)
            for (i = 0; i < res->nstates; i++) {
                const double *v = &res->states[(y * res->nstates + i) * ORB_NSV];
                sqlite3_bind_int64(s->ins_state, 1, run);
                sqlite3_bind_int(s->ins_state, 2, res->start + (int)y);
                sqlite3_bind_int(s->ins_state, 3, res->ccode[i]);
                for (k = 0; k < ORB_NSV; k++) {
                    if (isnan(v[k]))
                        sqlite3_bind_null(s->ins_state, (int)k + 4);
                    else
                        sqlite3_bind_double(s->ins_state, (int)k + 4, v[k]);
                }
                ORB_TRY(step_done(s, s->ins_state, err));
            }
    if (res->params != NULL)
        for (k = 0; k < orb_params_count(); k++) {
            sqlite3_bind_int64(s->ins_param, 1, run);
            sqlite3_bind_text(s->ins_param, 2, orb_params_info(k)->name, -1, SQLITE_STATIC);
            sqlite3_bind_double(s->ins_param, 3, res->params->v[k]);
            ORB_TRY(step_done(s, s->ins_param, err));
        }
    sqlite3_bind_int64(s->ins_run, 1, run);
    ORB_TRY(step_done(s, s->ins_run, err));
    s->nruns++;
    if (now() - s->last_commit >= COMMIT_EVERY) return commit(s, err);
    return ORB_OK;
}

size_t orb_store_nruns(const orb_store *s)
{
    if (s == NULL) return 0;
    return s->nruns;
}

/* The quantile at p of n sorted values read one by one: GSL's type 7 rule
 * (orb_quantile), from the two order statistics it needs. */
typedef struct qpick {
    double p, lo, hi;
    size_t lhs;
    double delta;
} qpick;

static orb_status summary_metric(orb_store *s, sqlite3_stmt *ins, size_t ord, const char *name,
                                 int year, orb_error *err)
{
    static const double ps[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    char sql[256];
    sqlite3_stmt *st;
    qpick q[5];
    size_t n = 0, i = 0, k;
    double mean = 0, m2 = 0;

    snprintf(sql, sizeof sql,
             "SELECT %s FROM run_metrics WHERE year = ?1 AND %s IS NOT NULL ORDER BY %s", name,
             name, name);
    ORB_TRY(prepare(s, sql, &st, err));
    sqlite3_bind_int(st, 1, year);
    while (sqlite3_step(st) == SQLITE_ROW)
        n++;
    sqlite3_reset(st);
    for (k = 0; k < 5; k++) {
        double index = ps[k] * (double)(n ? n - 1 : 0);
        q[k].p = ps[k];
        q[k].lhs = (size_t)index;
        q[k].delta = index - (double)q[k].lhs;
        q[k].lo = q[k].hi = NAN;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        double v = sqlite3_column_double(st, 0), d = v - mean;
        i++;
        mean += d / (double)i;
        m2 += d * (v - mean);
        for (k = 0; k < 5; k++) {
            if (i - 1 == q[k].lhs) q[k].lo = v;
            if (i - 1 == q[k].lhs + 1) q[k].hi = v;
        }
    }
    sqlite3_finalize(st);
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)ord);
    sqlite3_bind_text(ins, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(ins, 3, year);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)n);
    if (n == 0) {
        for (k = 5; k <= 11; k++)
            sqlite3_bind_null(ins, (int)k);
        return step_done(s, ins, err);
    }
    sqlite3_bind_double(ins, 5, mean);
    if (n > 1)
        sqlite3_bind_double(ins, 6, sqrt(m2 / (double)(n - 1)) / sqrt((double)n));
    else
        sqlite3_bind_null(ins, 6);
    for (k = 0; k < 5; k++) {
        double v = q[k].lhs + 1 >= n ? q[k].lo : (1 - q[k].delta) * q[k].lo + q[k].delta * q[k].hi;
        sqlite3_bind_double(ins, (int)k + 7, v);
    }
    return step_done(s, ins, err);
}

static orb_status summary_event(orb_store *s, sqlite3_stmt *count, sqlite3_stmt *ins, size_t e,
                                int year, orb_error *err)
{
    const double n = (double)s->nruns;
    sqlite3_int64 hit = 0;
    double p;

    sqlite3_bind_text(count, 1, orb_event_kind_name(named[e].kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(count, 2, year);
    sqlite3_bind_double(count, 3, named[e].value);
    if (sqlite3_step(count) == SQLITE_ROW) hit = sqlite3_column_int64(count, 0);
    sqlite3_reset(count);
    p = n > 0 ? (double)hit / n : NAN;
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)e);
    sqlite3_bind_text(ins, 2, named[e].name, -1, SQLITE_STATIC);
    sqlite3_bind_int(ins, 3, year);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)s->nruns);
    sqlite3_bind_int64(ins, 5, hit);
    sqlite3_bind_double(ins, 6, p);
    sqlite3_bind_double(ins, 7, n > 0 ? sqrt(p * (1 - p) / n) : NAN);
    return step_done(s, ins, err);
}

orb_status orb_store_summarise(orb_store *s, const int *years, size_t nyears, orb_error *err)
{
    if (s == NULL || years == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_store_summarise: a required argument is NULL");
    sqlite3_stmt *ins = NULL, *cnt = NULL, *evi = NULL;
    orb_status st;
    size_t y, k;

    ORB_TRY(commit(s, err));
    ORB_TRY(exec(s, "BEGIN; DELETE FROM summary; DELETE FROM event_prob;", err));
    s->in_tx = 1;
    st = prepare(s, "INSERT INTO summary VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &ins, err);
    if (st == ORB_OK)
        st = prepare(s,
                     "SELECT COUNT(DISTINCT run) FROM events WHERE kind = ?1 AND year <= ?2 AND "
                     "(?3 < 0 OR value = ?3)",
                     &cnt, err);
    if (st == ORB_OK)
        st = prepare(s, "INSERT INTO event_prob VALUES(?, ?, ?, ?, ?, ?, ?)", &evi, err);
    for (y = 0; y < nyears && st == ORB_OK; y++) {
        if (years[y] < s->start || years[y] > s->end) continue;
        for (k = 0; orb_store_headline(k) && st == ORB_OK; k++)
            st = summary_metric(s, ins, k, orb_store_headline(k), years[y], err);
        for (k = 0; k < NNAMED && st == ORB_OK; k++)
            st = summary_event(s, cnt, evi, k, years[y], err);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(cnt);
    sqlite3_finalize(evi);
    if (st != ORB_OK) return st;
    return commit(s, err);
}

orb_status orb_store_timing(orb_store *s, const char *key, const char *value, orb_error *err)
{
    if (s == NULL) ORB_FAIL(err, ORB_EINVAL, "orb_store_timing: a required argument is NULL");
    sqlite3_stmt *st;
    orb_status rc;

    ORB_TRY(prepare(s, "INSERT OR REPLACE INTO timing VALUES(?, ?)", &st, err));
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    rc = step_done(s, st, err);
    sqlite3_finalize(st);
    return rc;
}

orb_status orb_store_close(orb_store *s, orb_error *err)
{
    orb_status st = ORB_OK;

    if (s == NULL) return ORB_OK;
    if (s->db) st = commit(s, err);
    sqlite3_finalize(s->ins_metrics);
    sqlite3_finalize(s->ins_event);
    sqlite3_finalize(s->ins_state);
    sqlite3_finalize(s->ins_run);
    sqlite3_finalize(s->ins_param);
    sqlite3_close(s->db);
    free(s);
    return st;
}

/* The tables of a store and their key order (docs/store.md). */
static const struct table {
    const char *name, *order;
} tables[] = {
    {"meta", "key"},
    {"params", "name"},
    {"metric", "col"},
    {"states", "ccode"},
    {"runs", "run"},
    {"run_metrics", "run, year"},
    {"events", "run, year, kind, a, b, value"},
    {"state_years", "run, year, ccode"},
    {"summary", "ord, year"},
    {"event_prob", "ord, by_year"},
    {"timing", "key"},
};

orb_status orb_store_export(const char *path, const char *table, orb_store_row_fn fn, void *ud,
                            orb_error *err)
{
    orb_store *s;
    sqlite3_stmt *st = NULL;
    char sql[256], known[512] = "";
    size_t k, nt = sizeof tables / sizeof tables[0], nc;
    const char **names = NULL;
    orb_store_value *vals = NULL;
    orb_status rc = ORB_OK;
    int r;

    if (path == NULL || table == NULL || fn == NULL)
        ORB_FAIL(err, ORB_EINVAL, "orb_store_export: NULL argument");
    for (k = 0; k < nt; k++) {
        cat(known, sizeof known, k ? ", " : "");
        cat(known, sizeof known, tables[k].name);
    }
    for (k = 0; k < nt && strcmp(tables[k].name, table) != 0; k++) {
    }
    if (k == nt)
        ORB_FAIL(err, ORB_EINVAL, "no table '%s' in a store (expected one of: %s)", table, known);
    if (access(path, F_OK) != 0) return orbi_error(err, ORB_EIO, path, 0, 0, "no such store");
    ORB_TRY(open_db(path, 0, &s, err));
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", tables[k].name, tables[k].order);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = orbi_error(err, ORB_EPARSE, path, 0, 0, "not an orbis store, or no table %s: %s",
                        table, sqlite3_errmsg(s->db));
        goto done;
    }
    nc = (size_t)sqlite3_column_count(st);
    names = calloc(nc + 1, sizeof *names);
    vals = calloc(nc + 1, sizeof *vals);
    if (names == NULL || vals == NULL) {
        rc = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (k = 0; k < nc; k++)
        names[k] = sqlite3_column_name(st, (int)k);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        for (k = 0; k < nc; k++) {
            orb_store_value *v = &vals[k];
            memset(v, 0, sizeof *v);
            switch (sqlite3_column_type(st, (int)k)) {
            case SQLITE_INTEGER:
                v->type = ORB_STORE_INT;
                v->i = sqlite3_column_int64(st, (int)k);
                break;
            case SQLITE_FLOAT:
                v->type = ORB_STORE_REAL;
                v->d = sqlite3_column_double(st, (int)k);
                break;
            case SQLITE_NULL:
                v->type = ORB_STORE_NULL;
                break;
            default:
                v->type = ORB_STORE_TEXT;
                v->s = (const char *)sqlite3_column_text(st, (int)k);
                break;
            }
        }
        if (fn(nc, names, vals, ud) != 0) break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE) rc = db_error(s, err, "read");
done:
    free(names);
    free(vals);
    sqlite3_finalize(st);
    orb_store_close(s, NULL);
    return rc;
}

/* ---- paired comparisons ------------------------------------------------------------ */

/* Open a, attach b as "b", check that both are stores of the same seed and
 * runs; *n the runs stored in both. */
static orb_status open_pair(const char *a, const char *b, orb_store **out, size_t *n,
                            orb_error *err)
{
    orb_store *s;
    sqlite3_stmt *st = NULL;
    char sql[1200];
    orb_status rc = ORB_OK;

    if (a == NULL || b == NULL) ORB_FAIL(err, ORB_EINVAL, "a store's path is NULL");
    if (access(a, F_OK) != 0) return orbi_error(err, ORB_EIO, a, 0, 0, "no such store");
    if (access(b, F_OK) != 0) return orbi_error(err, ORB_EIO, b, 0, 0, "no such store");
    ORB_TRY(open_db(a, 0, &s, err));
    snprintf(sql, sizeof sql, "ATTACH DATABASE '%s' AS b", b);
    if (strchr(b, '\'') != NULL || exec(s, sql, err) != ORB_OK) {
        rc = orbi_error(err, ORB_EIO, b, 0, 0, "cannot attach the second store");
        goto fail;
    }
    if (prepare(s,
                "SELECT (SELECT value FROM main.meta WHERE key = 'seed') = (SELECT value FROM "
                "b.meta WHERE key = 'seed'), (SELECT value FROM main.meta WHERE key = 'runs') = "
                "(SELECT value FROM b.meta WHERE key = 'runs'), (SELECT COUNT(*) FROM main.runs "
                "JOIN b.runs USING(run)), (SELECT COUNT(*) FROM main.runs), (SELECT COUNT(*) "
                "FROM b.runs)",
                &st, err) != ORB_OK) {
        rc = orbi_error(err, ORB_EPARSE, a, 0, 0, "not two orbis stores");
        goto fail;
    }
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1 ||
        sqlite3_column_int(st, 1) != 1) {
        rc = orbi_error(err, ORB_EINVAL, a, 0, 0,
                        "a paired comparison needs two ensembles of the same seed and runs");
        goto fail;
    }
    *n = (size_t)sqlite3_column_int64(st, 2);
    if (*n == 0 || *n != (size_t)sqlite3_column_int64(st, 3) ||
        *n != (size_t)sqlite3_column_int64(st, 4)) {
        rc = orbi_error(err, ORB_EINVAL, a, 0, 0,
                        "the two stores hold different runs (finish them with --resume)");
        goto fail;
    }
    sqlite3_finalize(st);
    *out = s;
    return ORB_OK;
fail:
    sqlite3_finalize(st);
    orb_store_close(s, NULL);
    return rc;
}

static void value_real(orb_store_value *v, double d)
{
    v->type = isnan(d) ? ORB_STORE_NULL : ORB_STORE_REAL;
    v->d = d;
}

orb_status orb_store_paired_metrics(const char *a, const char *b, const int *years, size_t nyears,
                                    orb_store_row_fn fn, void *ud, orb_error *err)
{
    static const char *const names[] = {"metric",    "year",         "n",           "median",
                                        "p05",       "p95",          "p_gt0",       "p_lt0",
                                        "agreement", "unpaired_p05", "unpaired_p95"};
    orb_store *s;
    size_t n, y, k, i;
    double *va = NULL, *vb = NULL, *d = NULL, *u = NULL;
    orb_status rc = ORB_OK;

    ORB_TRY(open_pair(a, b, &s, &n, err));
    va = malloc(n * sizeof *va);
    vb = malloc(n * sizeof *vb);
    d = malloc(n * sizeof *d);
    u = malloc(n * sizeof *u);
    if (!va || !vb || !d || !u) {
        rc = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (k = 0; orb_store_headline(k) && rc == ORB_OK; k++)
        for (y = 0; y < nyears && rc == ORB_OK; y++) {
            const char *m = orb_store_headline(k);
            char sql[400];
            sqlite3_stmt *st;
            orb_store_value v[11];
            size_t gt = 0, lt = 0, got = 0;
            snprintf(sql, sizeof sql,
                     "SELECT x.%s, z.%s FROM main.run_metrics x JOIN b.run_metrics z "
                     "USING(run, year) WHERE year = ?1 ORDER BY run",
                     m, m);
            if (prepare(s, sql, &st, err) != ORB_OK) {
                rc = ORB_EIO;
                break;
            }
            sqlite3_bind_int(st, 1, years[y]);
            while (sqlite3_step(st) == SQLITE_ROW && got < n) {
                va[got] =
                    sqlite3_column_type(st, 0) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 0);
                vb[got] =
                    sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
                got++;
            }
            sqlite3_finalize(st);
            if (got == 0) continue; /* a year outside the runs */
            for (i = 0; i < got; i++) {
                d[i] = vb[i] - va[i];
                u[i] = vb[(i + 1) % got] - va[i];
                gt += d[i] > 0;
                lt += d[i] < 0;
            }
            orb_sort(d, got);
            orb_sort(u, got);
            memset(v, 0, sizeof v);
            v[0].type = ORB_STORE_TEXT;
            v[0].s = m;
            v[1].type = ORB_STORE_INT;
            v[1].i = years[y];
            v[2].type = ORB_STORE_INT;
            v[2].i = (long long)got;
            value_real(&v[3], orb_quantile(d, got, 0.5));
            value_real(&v[4], orb_quantile(d, got, 0.05));
            value_real(&v[5], orb_quantile(d, got, 0.95));
            value_real(&v[6], (double)gt / (double)got);
            value_real(&v[7], (double)lt / (double)got);
            value_real(&v[8], (double)(gt > lt ? gt : lt) / (double)got);
            value_real(&v[9], orb_quantile(u, got, 0.05));
            value_real(&v[10], orb_quantile(u, got, 0.95));
            if (fn(11, names, v, ud) != 0) goto done;
        }
done:
    free(va);
    free(vb);
    free(d);
    free(u);
    orb_store_close(s, NULL);
    return rc;
}

orb_status orb_store_paired_events(const char *a, const char *b, const int *years, size_t nyears,
                                   orb_store_row_fn fn, void *ud, orb_error *err)
{
    static const char *const names[] = {"event", "by_year", "n", "p_a", "p_b", "diff", "se"};
    orb_store *s;
    size_t n, y, e;
    sqlite3_stmt *st = NULL;
    orb_status rc = ORB_OK;

    ORB_TRY(open_pair(a, b, &s, &n, err));
    if (prepare(s,
                "SELECT r.run, EXISTS(SELECT 1 FROM main.events x WHERE x.run = r.run AND "
                "x.kind = ?1 AND x.year <= ?2 AND (?3 < 0 OR x.value = ?3)), EXISTS(SELECT 1 "
                "FROM b.events z WHERE z.run = r.run AND z.kind = ?1 AND z.year <= ?2 AND "
                "(?3 < 0 OR z.value = ?3)) FROM main.runs r ORDER BY r.run",
                &st, err) != ORB_OK) {
        orb_store_close(s, NULL);
        return ORB_EIO;
    }
    for (e = 0; e < NNAMED && rc == ORB_OK; e++)
        for (y = 0; y < nyears; y++) {
            double sa = 0, sb = 0, sd = 0, sd2 = 0, nn = (double)n, pa, pb, mean;
            orb_store_value v[7];
            sqlite3_bind_text(st, 1, orb_event_kind_name(named[e].kind), -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 2, years[y]);
            sqlite3_bind_double(st, 3, named[e].value);
            while (sqlite3_step(st) == SQLITE_ROW) {
                int ia = sqlite3_column_int(st, 1), ib = sqlite3_column_int(st, 2);
                sa += ia;
                sb += ib;
                sd += ib - ia;
                sd2 += (double)((ib - ia) * (ib - ia));
            }
            sqlite3_reset(st);
            pa = sa / nn;
            pb = sb / nn;
            mean = sd / nn;
            memset(v, 0, sizeof v);
            v[0].type = ORB_STORE_TEXT;
            v[0].s = named[e].name;
            v[1].type = ORB_STORE_INT;
            v[1].i = years[y];
            v[2].type = ORB_STORE_INT;
            v[2].i = (long long)n;
            value_real(&v[3], pa);
            value_real(&v[4], pb);
            value_real(&v[5], pb - pa);
            value_real(&v[6], n > 1 ? sqrt((sd2 - nn * mean * mean) / (nn - 1) / nn) : NAN);
            if (fn(7, names, v, ud) != 0) {
                e = NNAMED;
                break;
            }
        }
    sqlite3_finalize(st);
    orb_store_close(s, NULL);
    return rc;
}
