/*
 * cmd_claims.c - `orbis claims FILE`: each claim of a claims file as paired
 * ensembles, its effect, the verdict and the channel (docs/claims.md).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "cli.h"

/* A parameter varied over a range: the claim's results at its two ends. */
typedef struct variation {
    const char *name;
    double lo, hi;
    orb_claim_result rlo, rhi;
} variation;

#define MAX_VARY (1 + ORB_CLAIM_MAX_CHANNEL)

/* One claim's results: at the defaults, and at each variation's ends
 * (--vary's, then --channels': each channel parameter's). */
typedef struct claim_out {
    orb_claim_result res;
    int ran;
    size_t nvary;
    variation vary[MAX_VARY];
    char channel[1024]; /* the channel parameters, each with its kind */
    int assumed;        /* a channel parameter is an assumption */
    int cost_only;      /* a channel parameter is a cost that cannot be a benefit */
} claim_out;

typedef struct ctx {
    const orb_claimset *set;
    claim_out *co;
    const char *path;
    const char *only; /* --only's claim, NULL if none */
    size_t runs;
    uint64_t seed;
    orb_uncertainty unc;
} ctx;

/* "name = value (estimated, SE x)" or "(ASSUMPTION, range [a, b])" or
 * "(literature, range [a, b])", for each channel parameter. */
static void channel_text(const orb_claim *cl, const orb_params *par, char *buf, size_t cap,
                         int *assumed, int *cost_only)
{
    size_t k;
    *buf = '\0';
    *assumed = *cost_only = 0;
    for (k = 0; k < cl->nchannel; k++) {
        size_t i;
        const orb_param_info *info;
        const orb_param_spread *sp;
        char item[200];
        if (orb_params_index(cl->channel[k], &i) != ORB_OK) continue;
        info = orb_params_info(i);
        sp = orb_params_spread(i);
        if (strncmp(info->source, "estimated", 9) == 0 && sp->kind == ORB_SPREAD_NORMAL)
            snprintf(item, sizeof item, "%s = %.4g (estimated, SE %.3g)", info->name, par->v[i],
                     sp->a);
        else if (strstr(info->source, "assumption") || strstr(info->source, "ASSUMPTION")) {
            snprintf(item, sizeof item, "%s = %.4g (ASSUMPTION, range [%g, %g])", info->name,
                     par->v[i], sp->kind == ORB_SPREAD_UNIFORM ? sp->a : info->lo,
                     sp->kind == ORB_SPREAD_UNIFORM ? sp->b : info->hi);
            *assumed = 1;
        } else
            snprintf(item, sizeof item, "%s = %.4g (literature)", info->name, par->v[i]);
        if (strstr(info->name, "cost") && info->hi <= 0) { /* an effect made one-sided */
            snprintf(item + strlen(item), sizeof item - strlen(item),
                     " [a cost only: its range allows no benefit]");
            *cost_only = 1;
        }
        if (*buf) strncat(buf, "; ", cap - strlen(buf) - 1);
        strncat(buf, item, cap - strlen(buf) - 1);
    }
}

/* Does the verdict of outcome o survive variation v's range? */
static int survives(const claim_out *c, size_t v, size_t o)
{
    return c->res.stats[o].verdict == c->vary[v].rlo.stats[o].verdict &&
           c->res.stats[o].verdict == c->vary[v].rhi.stats[o].verdict;
}

/* The range a channel parameter is varied over: an estimate's +-2 SE, an
 * assumption's range (its spread), within the table's bounds; 0 for a
 * parameter without a spread (fixed). */
static int channel_range(const char *name, const orb_params *par, double *lo, double *hi)
{
    size_t i;
    const orb_param_info *info;
    const orb_param_spread *sp;
    if (orb_params_index(name, &i) != ORB_OK) return 0;
    info = orb_params_info(i);
    sp = orb_params_spread(i);
    if (sp->kind == ORB_SPREAD_NORMAL) {
        *lo = par->v[i] - 2 * sp->a;
        *hi = par->v[i] + 2 * sp->a;
    } else if (sp->kind == ORB_SPREAD_UNIFORM) {
        *lo = sp->a;
        *hi = sp->b;
    } else {
        return 0;
    }
    if (*lo < info->lo) *lo = info->lo;
    if (*hi > info->hi) *hi = info->hi;
    return *lo < *hi;
}

static const char *reduce_text(const orb_claim_outcome *x, char *buf, size_t cap)
{
    char what[80];
    if (x->kind == ORB_OUTCOME_STATES)
        snprintf(what, sizeof what, "%s of %zu state%s", x->metric, x->nstates,
                 x->nstates == 1 ? "" : "s");
    else
        snprintf(what, sizeof what, "%s", x->metric);
    if (x->kind == ORB_OUTCOME_EVENT)
        snprintf(buf, cap, "event %s, count %d-%d", what, x->from, x->to);
    else if (x->reduce == ORB_REDUCE_AT)
        snprintf(buf, cap, "%s in %d", what, x->to);
    else
        snprintf(buf, cap, "%s, %s %d-%d", what, orb_reduce_name(x->reduce), x->from, x->to);
    return buf;
}

static void table(FILE *f, const ctx *c)
{
    size_t k, o, ntest = 0;

    {
        double zc = NAN;
        size_t nt = 0;
        for (k = 0; k < orb_claims_count(c->set); k++) {
            const orb_claim *cl = orb_claims_get(c->set, k);
            nt += cl->testable ? cl->noutcomes : 0;
            if (c->co[k].ran && isnan(zc)) zc = c->co[k].res.stats[0].z_crit;
        }
        fprintf(f,
                "Claims: %s (%s); %zu runs a side, seed %" PRIu64
                ", uncertainty %s; the sides paired run\nby run (the same random draws); "
                "effect = B - A, or the outcome itself where a claim has\nno contrast. "
                "Verdict: z = mean effect / its Monte Carlo s.e.; supported or contradicted\n"
                "when |z| >= %.2f in or against the claimed direction (the two-sided 5%% level "
                "for the\n%zu outcomes of the file judged together, Bonferroni), else not "
                "distinguishable, with\nthe runs that would detect the mean effect at 80%% power. "
                "Quantiles: type 7.\nA verdict is about the model's mean effect, not its size "
                "or robustness. %s\n",
                orb_claims_name(c->set), c->path, c->runs, c->seed, orb_uncertainty_name(c->unc),
                zc, nt,
                c->unc == ORB_UNC_SHOCKS
                    ? "Bands and shares of runs: the\nruns' shocks only, the parameters fixed "
                      "(too narrow: docs/model.md 9); --uncertainty all\ndraws the parameters too."
                    : "Bands and shares of runs include\nthe parameters' uncertainty.");
    }
    for (k = 0; k < orb_claims_count(c->set); k++) {
        const orb_claim *cl = orb_claims_get(c->set, k);
        const claim_out *co = &c->co[k];
        if (c->only && strcmp(cl->id, c->only) != 0) continue;
        fprintf(f, "\n[%s] %s\n  (%s)\n", cl->id, cl->statement, cl->passage);
        if (!cl->testable) {
            fprintf(f, "  not testable: %s\n", cl->reason);
            continue;
        }
        ntest++;
        if (cl->contrast)
            fprintf(f, "  test: B - A, %s with %s\n", cl->base,
                    *cl->mechanisms ? cl->mechanisms : "no change (the same scenario)");
        else
            fprintf(f, "  test: the outcome in %s (no contrast)\n", cl->base);
        for (o = 0; o < cl->noutcomes; o++) {
            const orb_claim_outcome *x = &cl->outcome[o];
            const orb_claim_stats *s = &co->res.stats[o];
            char what[120];
            fprintf(f, "  %-44s claimed %-4s median %+.4g [%+.4g, %+.4g]  mean %+.4g +- %.2g\n",
                    reduce_text(x, what, sizeof what), x->direction > 0 ? "up" : "down", s->median,
                    s->q05, s->q95, s->mean, s->se);
            if (cl->contrast && s->mean_a != 0)
                fprintf(f, "  %-44s A %.4g, B %.4g (means; the effect is %+.2g%% of A's)\n", "",
                        s->mean_a, s->mean_b, 100 * s->mean / fabs(s->mean_a));
            else if (cl->contrast) /* no share of a zero mean */
                fprintf(f, "  %-44s A %.4g, B %.4g (means; A's is 0)\n", "", s->mean_a, s->mean_b);
            fprintf(f,
                    "  %-44s in the claimed direction in %.0f%% of runs (+- %.0f; %.0f%% "
                    "ties), ",
                    "", 100 * s->p_dir, 100 * s->p_dir_se,
                    100 * (1 - (double)s->nonzero / (double)s->runs));
            if (s->verdict == ORB_VERDICT_INDISTINCT) {
                if (isinf(s->runs_needed))
                    fprintf(f, "not distinguishable: %s\n",
                            s->nonzero ? "the mean effect is 0" : "0 in every run");
                else
                    fprintf(f, "not distinguishable (about %.0f runs would tell)\n",
                            s->runs_needed);
            } else {
                fprintf(f, "%s (z %+.1f)\n", orb_verdict_name(s->verdict), s->z);
            }
            {
                size_t v;
                for (v = 0; v < co->nvary; v++) {
                    const variation *va = &co->vary[v];
                    fprintf(f, "  %-44s %s %.4g: %+.4g %s; %.4g: %+.4g %s -> %s\n", "", va->name,
                            va->lo, va->rlo.stats[o].mean,
                            orb_verdict_name(va->rlo.stats[o].verdict), va->hi,
                            va->rhi.stats[o].mean, orb_verdict_name(va->rhi.stats[o].verdict),
                            survives(co, v, o) ? "survives" : "the verdict DEPENDS on it");
                }
            }
        }
        if (*co->channel) fprintf(f, "  carried by: %s\n", co->channel);
        if (co->assumed) fputs("  the effect may rest on an ASSUMPTION named above\n", f);
        if (co->cost_only)
            fputs("  a mechanism named above has only costs: an effect through it follows from "
                  "how it is\n  built, not from an estimate of what it achieves\n",
                  f);
    }
    {
        size_t nt = 0;
        for (k = 0; k < orb_claims_count(c->set); k++)
            nt += (size_t)orb_claims_get(c->set, k)->testable;
        fprintf(f, "\n%zu claims: %zu testable, %zu run here.\n", orb_claims_count(c->set), nt,
                ntest);
    }
}

typedef struct rowref {
    const ctx *c;
    size_t k, o;
    int which; /* 0 default, -1 lo, 1 hi (of variation v) */
    size_t v;
} rowref;

static void record(cli_rec *r, const void *ud)
{
    const rowref *x = ud;
    const orb_claim *cl = orb_claims_get(x->c->set, x->k);
    const claim_out *co = &x->c->co[x->k];
    const variation *va = x->which ? &co->vary[x->v] : NULL;
    const orb_claim_result *res = va == NULL ? &co->res : (x->which < 0 ? &va->rlo : &va->rhi);
    const orb_claim_outcome *oc = cl->testable ? &cl->outcome[x->o] : NULL;
    const orb_claim_stats *s = cl->testable ? &res->stats[x->o] : NULL;

    rec_begin(r);
    rec_str(r, "claim", cl->id, 0);
    rec_str(r, "testable", cl->testable ? "yes" : "no", 0);
    rec_str(r, "kind",
            oc ? (oc->kind == ORB_OUTCOME_EVENT
                      ? "event"
                      : (oc->kind == ORB_OUTCOME_STATES ? "states" : "metric"))
               : "",
            1);
    rec_str(r, "metric", oc ? oc->metric : "", 1);
    {
        char codes[ORB_CLAIM_MAX_STATES * 5 + 1] = "";
        size_t j;
        for (j = 0; oc && oc->kind == ORB_OUTCOME_STATES && j < oc->nstates; j++)
            snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%d", j ? " " : "",
                     oc->ccode[j]);
        rec_str(r, "states", codes, 1);
    }
    rec_str(r, "reduce", oc ? orb_reduce_name(oc->reduce) : "", 1);
    rec_int(r, "from", oc ? oc->from : 0, 1);
    rec_int(r, "to", oc ? oc->to : 0, 1);
    rec_str(r, "direction", oc ? (oc->direction > 0 ? "up" : "down") : "", 1);
    rec_str(r, "vary", va ? va->name : "", 1);
    rec_real(r, "vary_value", va ? (x->which < 0 ? va->lo : va->hi) : NAN);
    rec_int(r, "runs", s ? (long)s->runs : 0, 1);
    rec_real(r, "mean", s ? s->mean : NAN);
    rec_real(r, "sd", s ? s->sd : NAN);
    rec_real(r, "se", s ? s->se : NAN);
    rec_real(r, "median", s ? s->median : NAN);
    rec_real(r, "q05", s ? s->q05 : NAN);
    rec_real(r, "q95", s ? s->q95 : NAN);
    rec_real(r, "p_direction", s ? s->p_dir : NAN);
    rec_real(r, "p_direction_se", s ? s->p_dir_se : NAN);
    rec_int(r, "nonzero", s ? (long)s->nonzero : 0, 0);
    rec_real(r, "mean_a", s ? s->mean_a : NAN);
    rec_real(r, "mean_b", s ? s->mean_b : NAN);
    rec_real(r, "z", s && isfinite(s->z) ? s->z : NAN);
    rec_real(r, "z_crit", s ? s->z_crit : NAN);
    rec_str(r, "verdict", s ? orb_verdict_name(s->verdict) : "not testable", 0);
    rec_real(r, "runs_needed", /* NA: none needed, or no size would tell */
             s && s->verdict == ORB_VERDICT_INDISTINCT && isfinite(s->runs_needed) ? s->runs_needed
                                                                                   : NAN);
    rec_str(r, "mechanisms", cl->testable ? cl->mechanisms : "", 1);
    rec_str(r, "channel", co->channel, 1);
    rec_str(r, "channel_cost_only", cl->testable ? (co->cost_only ? "yes" : "no") : "", 1);
    rec_str(r, "reason", cl->reason, 1);
    rec_end(r);
}

static void records(FILE *f, cli_format fmt, const ctx *c)
{
    cli_stream st;
    size_t k, o;
    int w;
    stream_begin(&st, f, fmt);
    for (k = 0; k < orb_claims_count(c->set); k++) {
        const orb_claim *cl = orb_claims_get(c->set, k);
        rowref x = {c, k, 0, 0, 0};
        if (c->only && strcmp(cl->id, c->only) != 0) continue;
        if (!cl->testable) {
            stream_row(&st, record, &x);
            continue;
        }
        if (!c->co[k].ran) continue;
        for (o = 0; o < cl->noutcomes; o++) {
            size_t v;
            x.o = o;
            x.which = 0;
            stream_row(&st, record, &x);
            for (v = 0; v < c->co[k].nvary; v++)
                for (w = -1; w <= 1; w += 2) {
                    x.v = v;
                    x.which = w;
                    stream_row(&st, record, &x);
                }
        }
    }
    stream_end(&st);
}

/* ---- the store -------------------------------------------------------------- */

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int store_result(sqlite3_stmt *ins, const ctx *c, size_t k, const orb_claim_result *r,
                        const char *vary, double value)
{
    const orb_claim *cl = orb_claims_get(c->set, k);
    size_t o, i;
    for (o = 0; o < cl->noutcomes; o++)
        for (i = 0; i < r->runs; i++) {
            double b = r->b[o * r->runs + i];
            sqlite3_reset(ins);
            sqlite3_bind_text(ins, 1, cl->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 2, cl->outcome[o].metric, -1, SQLITE_STATIC);
            sqlite3_bind_int(ins, 3, (int)o);
            if (vary) {
                sqlite3_bind_text(ins, 4, vary, -1, SQLITE_STATIC);
                sqlite3_bind_double(ins, 5, value);
            } else {
                sqlite3_bind_null(ins, 4);
                sqlite3_bind_null(ins, 5);
            }
            sqlite3_bind_int64(ins, 6, (sqlite3_int64)i);
            sqlite3_bind_double(ins, 7, r->a[o * r->runs + i]);
            if (isnan(b))
                sqlite3_bind_null(ins, 8);
            else
                sqlite3_bind_double(ins, 8, b);
            sqlite3_bind_double(ins, 9, r->effect[o * r->runs + i]);
            if (sqlite3_step(ins) != SQLITE_DONE) return -1;
        }
    return 0;
}

/* The results into a new SQLite file: written as path.part, renamed at the end. */
static int write_store(const char *path, const ctx *c, const char *summary_csv)
{
    char part[1100];
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    struct stat sb;
    size_t k;
    int bad = 0;

    if (stat(path, &sb) == 0) {
        fprintf(stderr, "orbis claims: %s exists; remove it or choose another --out\n", path);
        return EXIT_USAGE;
    }
    snprintf(part, sizeof part, "%s.part", path);
    remove(part);
    if (sqlite3_open(part, &db) != SQLITE_OK) {
        fprintf(stderr, "orbis claims: cannot write %s: %s\n", part, db ? sqlite3_errmsg(db) : "");
        sqlite3_close(db);
        return EXIT_DATA;
    }
    bad = exec(db, "BEGIN") || exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)") ||
          exec(db, "CREATE TABLE claim_summary(csv TEXT)") ||
          exec(db, "CREATE TABLE claim_effects(claim TEXT, metric TEXT, outcome INTEGER, "
                   "vary TEXT, vary_value REAL, run INTEGER, a REAL, b REAL, effect REAL)");
    if (!bad) {
        sqlite3_stmt *m = NULL;
        char seed[32], runs[32];
        snprintf(seed, sizeof seed, "%" PRIu64, c->seed);
        snprintf(runs, sizeof runs, "%zu", c->runs);
        const char *kv[][2] = {{"claims_file", c->path},
                               {"claims_name", orb_claims_name(c->set)},
                               {"seed", seed},
                               {"runs", runs},
                               {"uncertainty", orb_uncertainty_name(c->unc)},
                               {"orbis_version", orb_version()}};
        bad = sqlite3_prepare_v2(db, "INSERT INTO meta VALUES(?, ?)", -1, &m, NULL) != SQLITE_OK;
        for (k = 0; !bad && k < sizeof kv / sizeof kv[0]; k++) {
            sqlite3_reset(m);
            sqlite3_bind_text(m, 1, kv[k][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(m, 2, kv[k][1], -1, SQLITE_STATIC);
            bad = sqlite3_step(m) != SQLITE_DONE;
        }
        sqlite3_finalize(m);
    }
    if (!bad) {
        sqlite3_stmt *s = NULL;
        bad = sqlite3_prepare_v2(db, "INSERT INTO claim_summary VALUES(?)", -1, &s, NULL) !=
                  SQLITE_OK ||
              sqlite3_bind_text(s, 1, summary_csv, -1, SQLITE_STATIC) != SQLITE_OK ||
              sqlite3_step(s) != SQLITE_DONE;
        sqlite3_finalize(s);
    }
    if (!bad)
        bad = sqlite3_prepare_v2(db, "INSERT INTO claim_effects VALUES(?,?,?,?,?,?,?,?,?)", -1,
                                 &ins, NULL) != SQLITE_OK;
    for (k = 0; !bad && k < orb_claims_count(c->set); k++) {
        if (!c->co[k].ran) continue;
        size_t v;
        bad = store_result(ins, c, k, &c->co[k].res, NULL, 0);
        for (v = 0; !bad && v < c->co[k].nvary; v++) {
            const variation *va = &c->co[k].vary[v];
            bad = store_result(ins, c, k, &va->rlo, va->name, va->lo) ||
                  store_result(ins, c, k, &va->rhi, va->name, va->hi);
        }
    }
    sqlite3_finalize(ins);
    if (!bad) bad = exec(db, "COMMIT");
    if (bad) fprintf(stderr, "orbis claims: writing %s: %s\n", part, sqlite3_errmsg(db));
    sqlite3_close(db);
    if (bad || rename(part, path) != 0) {
        if (!bad) fprintf(stderr, "orbis claims: cannot rename %s: %s\n", part, strerror(errno));
        remove(part);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* ---- the command ------------------------------------------------------------ */

/* --vary NAME=LO:HI */
static int parse_vary(const char *s, char *name, size_t cap, double *lo, double *hi)
{
    const char *eq = strchr(s, '='), *colon;
    char *end;
    size_t idx;
    orb_error err;
    orb_params p;
    if (eq == NULL || (size_t)(eq - s) >= cap || (colon = strchr(eq, ':')) == NULL)
        return cli_usage_error("claims", "--vary wants NAME=LO:HI, got '%s'", s);
    memcpy(name, s, (size_t)(eq - s));
    name[eq - s] = '\0';
    if (orb_params_index(name, &idx) != ORB_OK)
        return cli_usage_error("claims", "--vary: unknown parameter '%s' (orbis params lists them)",
                               name);
    errno = 0;
    *lo = strtod(eq + 1, &end);
    if (end != colon || errno) return cli_usage_error("claims", "--vary: LO is not a number");
    *hi = strtod(colon + 1, &end);
    if (*end != '\0' || errno || colon[1] == '\0')
        return cli_usage_error("claims", "--vary: HI is not a number");
    if (!(*lo < *hi)) return cli_usage_error("claims", "--vary: LO must be below HI");
    orb_params_default(&p);
    if (orb_params_set(&p, name, *lo, &err) != ORB_OK ||
        orb_params_set(&p, name, *hi, &err) != ORB_OK)
        return cli_usage_error("claims", "--vary: %s", err.msg);
    return EXIT_OK;
}

int cmd_claims(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_claimset *set = NULL;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    const char *pos[1], *params = NULL, *only = NULL, *vary = NULL, *store = NULL;
    size_t npos = 0, runs = 0, k, j;
    int have_runs = 0, have_seed = 0, threads = 0, channels = 0, rc;
    uint64_t seed = 0;
    orb_uncertainty unc = ORB_UNC_SHOCKS;
    orb_params base;
    char vname[64] = "";
    double vlo = 0, vhi = 0, t0 = cli_now();
    orb_claims_opts co = orb_claims_opts_default();
    claim_out *res = NULL;
    ctx c;
    orb_error err;
    orb_status st;
    const cli_opt opts[] = {
        {"--runs", OPT_SIZE, &runs, 2, 1000000, &have_runs},
        {"--seed", OPT_SEED, &seed, 0, 0, &have_seed},
        {"--threads", OPT_INT, &threads, 1, 4096, NULL},
        {"--uncertainty", OPT_UNCERTAINTY, &unc, 0, 0, NULL},
        {"--params", OPT_STRING, &params, 0, 0, NULL},
        {"--only", OPT_STRING, &only, 0, 0, NULL},
        {"--vary", OPT_STRING, &vary, 0, 0, NULL},
        {"--channels", OPT_FLAG, &channels, 0, 0, NULL},
        {"--out", OPT_STRING, &store, 0, 0, NULL},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 1, &npos, "one claims file"};

    if ((rc = cli_parse("claims", argc, argv, opts, &args))) return rc;
    if (npos != 1) return cli_usage_error("claims", "a claims file is required");
    if (vary && (rc = parse_vary(vary, vname, sizeof vname, &vlo, &vhi))) return rc;
    if (params != NULL) {
        orb_error e;
        orb_params_default(&base);
        orb_error_clear(&e);
        if ((st = orb_params_read(params, &base, &e)) != ORB_OK) return cli_lib_error(st, &e);
    } else {
        orb_params_default(&base);
    }
    if ((rc = cli_load(env, 0, &t, &p))) return rc;
    orb_error_clear(&err);
    if ((st = orb_claims_load(pos[0], t, &set, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if (only != NULL) {
        for (k = 0; k < orb_claims_count(set) && strcmp(orb_claims_get(set, k)->id, only); k++) {
        }
        if (k == orb_claims_count(set)) {
            rc = cli_usage_error("claims", "--only: no claim '%s' in %s", only, pos[0]);
            goto done;
        }
    }
    for (k = 0; k < orb_claims_count(set); k++) { /* the panel, if a claim starts before the base */
        const orb_scenario *s = orb_claims_side(set, k, 0);
        if (s && orb_scenario_start(s) != orb_tables_base_year(t) && p == NULL) {
            orb_tables_free(t);
            t = NULL;
            if ((rc = cli_load(env, 1, &t, &p))) goto done;
            break;
        }
    }
    res = calloc(orb_claims_count(set), sizeof *res);
    if (res == NULL) {
        rc = cli_lib_error(ORB_ENOMEM, &err);
        goto done;
    }
    co.runs = have_runs ? runs : orb_claims_runs(set);
    co.seed = seed;
    co.have_seed = have_seed;
    co.threads = (unsigned)threads;
    co.uncertainty = unc;
    co.params = params ? &base : NULL;
    c.set = set;
    c.co = res;
    c.path = pos[0];

    c.only = only;

    c.runs = co.runs;
    c.seed = have_seed ? seed : orb_claims_seed(set);
    c.unc = unc;
    for (k = 0; k < orb_claims_count(set); k++) {
        const orb_claim *cl = orb_claims_get(set, k);
        double tc = cli_now();
        if (!cl->testable || (only && strcmp(cl->id, only) != 0)) continue;
        channel_text(cl, &base, res[k].channel, sizeof res[k].channel, &res[k].assumed,
                     &res[k].cost_only);
        if ((st = orb_claim_run(set, k, t, p, &co, &res[k].res, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        res[k].ran = 1;
        if (vary) { /* --vary's range */
            variation *va = &res[k].vary[res[k].nvary++];
            va->name = vname;
            va->lo = vlo;
            va->hi = vhi;
        }
        for (j = 0; channels && j < cl->nchannel; j++) { /* each channel parameter's */
            variation *va = &res[k].vary[res[k].nvary];
            if (vary && strcmp(cl->channel[j], vname) == 0) continue;
            if (!channel_range(cl->channel[j], &base, &va->lo, &va->hi)) continue;
            va->name = cl->channel[j];
            res[k].nvary++;
        }
        for (j = 0; j < res[k].nvary; j++) {
            variation *va = &res[k].vary[j];
            orb_params q = base;
            orb_claims_opts cv = co;
            cv.params = &q;
            orb_params_set(&q, va->name, va->lo, NULL);
            if ((st = orb_claim_run(set, k, t, p, &cv, &va->rlo, &err)) != ORB_OK) {
                rc = cli_lib_error(st, &err);
                goto done;
            }
            orb_params_set(&q, va->name, va->hi, NULL);
            if ((st = orb_claim_run(set, k, t, p, &cv, &va->rhi, &err)) != ORB_OK) {
                rc = cli_lib_error(st, &err);
                goto done;
            }
        }
        fprintf(stderr, "orbis claims: %s: %.1f s\n", cl->id, cli_now() - tc);
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE)
        table(out.f, &c);
    else
        records(out.f, fmt, &c);
    if (store != NULL) {
        cli_out csv = {NULL, NULL, 0};
        if ((rc = cli_out_open(&csv))) goto done;
        records(csv.f, FMT_CSV, &c);
        fflush(csv.f);
        rc = write_store(store, &c, csv.buf ? csv.buf : "");
        cli_out_discard(&csv);
        if (rc) goto done;
    }
    rc = cli_out_commit(&out);
    fprintf(stderr, "orbis claims: %zu claims, %zu runs a side, %.1f s\n", orb_claims_count(set),
            co.runs, cli_now() - t0);
done:
    cli_out_discard(&out);
    for (k = 0; res && k < orb_claims_count(set); k++) {
        orb_claim_result_free(&res[k].res);
        for (j = 0; j < res[k].nvary; j++) {
            orb_claim_result_free(&res[k].vary[j].rlo);
            orb_claim_result_free(&res[k].vary[j].rhi);
        }
    }
    free(res);
    orb_claims_free(set);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
