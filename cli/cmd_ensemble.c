/*
 * cmd_ensemble.c - `orbis run` as an ensemble (runs > 1): every run into the
 * results store, the summary at the end; and `orbis export STORE TABLE`.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* An ensemble estimated to take longer than this says so before it starts. */
#define ENSEMBLE_WARN_SECONDS 300.0

/* ---- progress on stderr (a terminal only) ----------------------------------- */

typedef struct progress {
    double t0;
    size_t last;
} progress;

static void show_progress(size_t done, size_t total, void *ud)
{
    progress *p = ud;
    double dt = cli_now() - p->t0, rate = dt > 0 ? (double)done / dt : 0;

    if (done != total && done - p->last < 1 + total / 200) return;
    p->last = done;
    fprintf(stderr, "\r  %zu/%zu runs  %.1f runs/s  %.0f s left   ", done, total, rate,
            rate > 0 ? (double)(total - done) / rate : 0.0);
    if (done == total) fputc('\n', stderr);
}

/* ---- the summary, read back from the store ------------------------------------ */

typedef struct sumrow {
    FILE *f;
    cli_format fmt;
    cli_stream st;
    int header_done;
} sumrow;

static const char *col_text(const orb_store_value *v, char *buf, size_t n)
{
    switch (v->type) {
    case ORB_STORE_NULL:
        return "NA";
    case ORB_STORE_INT:
        snprintf(buf, n, "%lld", v->i);
        return buf;
    case ORB_STORE_REAL:
        snprintf(buf, n, "%.4g", v->d);
        return buf;
    case ORB_STORE_TEXT:
        return v->s;
    }
    return "";
}

/* A row of a store table as a record (the export and the CSV/JSON summary). */
typedef struct rowud {
    size_t ncols;
    const char *const *names;
    const orb_store_value *vals;
} rowud;

static void row_record(cli_rec *r, const void *ud)
{
    const rowud *u = ud;
    size_t k;

    rec_begin(r);
    for (k = 0; k < u->ncols; k++) {
        const orb_store_value *v = &u->vals[k];
        switch (v->type) {
        case ORB_STORE_NULL:
            rec_real(r, u->names[k], NAN);
            break;
        case ORB_STORE_INT:
            rec_int(r, u->names[k], (long)v->i, 0);
            break;
        case ORB_STORE_REAL:
            rec_real(r, u->names[k], v->d);
            break;
        case ORB_STORE_TEXT:
            rec_str(r, u->names[k], v->s, 0);
            break;
        }
    }
    rec_end(r);
}

static int stream_store_row(size_t ncols, const char *const *names, const orb_store_value *vals,
                            void *ud)
{
    cli_stream *st = ud;
    rowud u = {ncols, names, vals};

    stream_row(st, row_record, &u);
    return 0;
}

/* The table of the summary: one line per metric and year. */
static int table_summary_row(size_t ncols, const char *const *names, const orb_store_value *v,
                             void *ud)
{
    FILE *f = ud;
    char b[8][32];

    (void)names; /* ord, metric, year, n, mean, se, p05, p25, p50, p75, p95 */
    if (ncols < 11) return 1;
    fprintf(f, "%-20s %4lld %10s  [%10s, %10s]  [%10s, %10s]  %10s +- %s\n", v[1].s, v[2].i,
            col_text(&v[8], b[0], 32), col_text(&v[7], b[1], 32), col_text(&v[9], b[2], 32),
            col_text(&v[6], b[3], 32), col_text(&v[10], b[4], 32), col_text(&v[4], b[5], 32),
            col_text(&v[5], b[6], 32));
    return 0;
}

static int table_event_row(size_t ncols, const char *const *names, const orb_store_value *v,
                           void *ud)
{
    FILE *f = ud;

    (void)names; /* ord, event, by_year, n, runs, p, se */
    if (ncols < 7) return 1;
    fprintf(f, "%-22s %4lld   %5lld of %-6lld %6.3f +- %.3f\n", v[1].s, v[2].i, v[4].i, v[3].i,
            v[5].d, v[6].type == ORB_STORE_REAL ? v[6].d : 0.0);
    return 0;
}

static int print_summary(FILE *f, cli_format fmt, const char *path, const char *name, uint64_t seed,
                         size_t runs, int start, int end, orb_uncertainty unc)
{
    static const char *const unc_text[3] = {
        "the runs' random draws (growth shocks, disputes, alliances, sanctions, votes);\n"
        "parameters fixed",
        "parameters drawn run by run (estimates from their standard errors, assumptions\n"
        "across their ranges); growth shocks off; the other random draws on",
        "parameters drawn run by run, and every random draw (growth shocks included)"};
    orb_error err;
    orb_status st;
    size_t k;

    orb_error_clear(&err);
    if (fmt == FMT_TABLE) {
        fprintf(f,
                "%s: %zu runs, %d-%d, seed %" PRIu64 " (run i draws from the stream (seed, i));\n"
                "uncertainty %s: %s\n\n",
                name, runs, start, end, seed, orb_uncertainty_name(unc), unc_text[unc]);
        fprintf(f, "%-20s %4s %10s  %-24s  %-24s  %s\n", "metric", "year", "median", "50% band",
                "90% band", "mean +- MC s.e.");
        if ((st = orb_store_export(path, "summary", table_summary_row, f, &err)) != ORB_OK)
            return cli_lib_error(st, &err);
        fprintf(f, "\n%-22s %4s   %-14s %s\n", "event (by the year)", "year", "runs",
                "probability +- s.e.");
        if ((st = orb_store_export(path, "event_prob", table_event_row, f, &err)) != ORB_OK)
            return cli_lib_error(st, &err);
        fputs("\nQuantiles: Hyndman & Fan type 7 over the runs; the s.e. of a mean is sd/sqrt(n), "
              "of a\nprobability sqrt(p(1-p)/n). Events (by the year: in any year up to it):\n",
              f);
        for (k = 0; orb_store_event(k, NULL); k++) {
            const char *meaning;
            const char *ev = orb_store_event(k, &meaning);
            fprintf(f, "  %-21s %s\n", ev, meaning);
        }
        return EXIT_OK;
    }
    {
        cli_stream s;
        stream_begin(&s, f, fmt);
        if ((st = orb_store_export(path, "summary", stream_store_row, &s, &err)) != ORB_OK)
            return cli_lib_error(st, &err);
        stream_end(&s);
    }
    return EXIT_OK;
}

/* ---- the ensemble ---------------------------------------------------------------- */

/* Where the results go: the store (rank 0, or no MPI), or rank 0. */
typedef struct ens_ctx {
    orb_store *store;
    orb_error *err;
    int rank, size;
    int waiting; /* rank 0: other ranks not yet through */
    const orb_sim *sim;
    double *buf; /* MPI messages */
    size_t cap;
    orb_run_event *ev;
    size_t evcap;
    int *ccode;
#ifdef ORB_MPI
#define MAX_INFLIGHT 64
    void *req[MAX_INFLIGHT]; /* MPI_Request of the sends in flight (as void *: mpi.h later) */
    double *inflight[MAX_INFLIGHT]; /* their buffers */
    size_t ninflight;
#endif
} ens_ctx;

#ifdef ORB_MPI
#include <mpi.h>

enum { TAG_RESULT = 1, TAG_DONE = 2 };

/* Wait for the oldest send in flight (all of them when all is set) and free
 * its buffer. */
static void settle(ens_ctx *c, int all)
{
    while (c->ninflight > 0) {
        MPI_Wait((MPI_Request *)c->req[0], MPI_STATUS_IGNORE);
        free(c->req[0]);
        free(c->inflight[0]);
        memmove(c->req, c->req + 1, (c->ninflight - 1) * sizeof *c->req);
        memmove(c->inflight, c->inflight + 1, (c->ninflight - 1) * sizeof *c->inflight);
        c->ninflight--;
        if (!all) return;
    }
}

/* A result as doubles: run, nyears, nmetrics, nevents, nstates, the
 * metrics, the events (year, kind, a, b, value), the per-state series; sent
 * without waiting for rank 0 (up to MAX_INFLIGHT sends in flight), so this
 * rank goes on computing. */
static int send_result(ens_ctx *c, const orb_run_result *r)
{
    size_t n = 5 + r->nyears * r->nmetrics + 5 * r->nevents +
               (r->states ? r->nyears * r->nstates * ORB_NSV : 0),
           k, at = 5;

    if (n > c->cap) {
        double *b = realloc(c->buf, n * sizeof *b);
        if (b == NULL) return -1;
        c->buf = b;
        c->cap = n;
    }
    c->buf[0] = (double)r->run;
    c->buf[1] = (double)r->nyears;
    c->buf[2] = (double)r->nmetrics;
    c->buf[3] = (double)r->nevents;
    c->buf[4] = r->states ? (double)r->nstates : 0;
    memcpy(&c->buf[at], r->metrics, r->nyears * r->nmetrics * sizeof *c->buf);
    at += r->nyears * r->nmetrics;
    for (k = 0; k < r->nevents; k++) {
        c->buf[at++] = r->events[k].year;
        c->buf[at++] = r->events[k].kind;
        c->buf[at++] = r->events[k].a;
        c->buf[at++] = r->events[k].b;
        c->buf[at++] = r->events[k].value;
    }
    if (r->states)
        memcpy(&c->buf[at], r->states, r->nyears * r->nstates * ORB_NSV * sizeof *c->buf);
    return MPI_Send(c->buf, (int)n, MPI_DOUBLE, 0, TAG_RESULT, MPI_COMM_WORLD) != MPI_SUCCESS;
}

/* Receive one message from another rank: a result (stored) or a rank's
 * DONE (c->waiting counts down). 1 when nothing is waiting (not blocking). */
static int recv_one(ens_ctx *c, int blocking)
{
    MPI_Status stt;
    orb_run_result r;
    int flag = 1, n;
    size_t k, at = 5;

    if (blocking)
        MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &stt);
    else
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &stt);
    if (!flag) return 1; /* nothing waiting */
    MPI_Get_count(&stt, MPI_DOUBLE, &n);
    if ((size_t)n + 1 > c->cap) {
        double *b = realloc(c->buf, ((size_t)n + 1) * sizeof *b);
        if (b == NULL) return -1;
        c->buf = b;
        c->cap = (size_t)n + 1;
    }
    MPI_Recv(c->buf, n, MPI_DOUBLE, stt.MPI_SOURCE, stt.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (stt.MPI_TAG == TAG_DONE) {
        c->waiting--;
        return 0;
    }
    memset(&r, 0, sizeof r);
    r.run = (uint64_t)c->buf[0];
    r.nyears = (size_t)c->buf[1];
    r.nmetrics = (size_t)c->buf[2];
    r.nevents = (size_t)c->buf[3];
    r.nstates = (size_t)c->buf[4];
    r.start = orb_sim_start_year(c->sim);
    r.end = orb_sim_end_year(c->sim);
    r.metrics = &c->buf[at];
    at += r.nyears * r.nmetrics;
    if (r.nevents > c->evcap) {
        orb_run_event *e = realloc(c->ev, r.nevents * sizeof *e);
        if (e == NULL) return -1;
        c->ev = e;
        c->evcap = r.nevents;
    }
    for (k = 0; k < r.nevents; k++) {
        c->ev[k].year = (int)c->buf[at++];
        c->ev[k].kind = (orb_event_kind)(int)c->buf[at++];
        c->ev[k].a = (int)c->buf[at++];
        c->ev[k].b = (int)c->buf[at++];
        c->ev[k].value = c->buf[at++];
    }
    r.events = c->ev;
    if (r.nstates) {
        r.states = &c->buf[at];
        r.ccode = c->ccode;
    }
    return orb_store_add(c->store, &r, c->err) != ORB_OK ? -1 : 0;
}
#endif

static int add_result(const orb_run_result *res, void *ud)
{
    ens_ctx *c = ud;

#ifdef ORB_MPI
    if (c->rank != 0) return send_result(c, res);
    if (orb_store_add(c->store, res, c->err) != ORB_OK) return 1;
    if (c->size > 1) { /* the other ranks' results waiting, meanwhile */
        int r;
        while ((r = recv_one(c, 0)) == 0) {
        }
        if (r < 0) return 1;
    }
    return 0;
#else
    return orb_store_add(c->store, res, c->err) != ORB_OK;
#endif
}

/* The scenario file's text (for the store), or NULL when it cannot be read. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    return buf;
}

/* Run the ensemble into its store; path (cap bytes) gets the store's name
 * ("" on an MPI rank other than 0, which sends its runs to rank 0). */
int cli_ensemble_run(const cli_ensemble_args *a, char *path, size_t cap)
{
    orb_sim_opts so = orb_sim_opts_default();
    orb_ensemble_opts eo = orb_ensemble_opts_default();
    orb_store_meta meta;
    orb_store *store = NULL;
    orb_sim *sim = NULL;
    unsigned char *done = NULL;
    char *text = NULL, buf[64];
    const char **abb = NULL;
    int *ccode = NULL;
    size_t k, n;
    orb_error err;
    orb_status st;
    progress pr;
    double t0 = cli_now();
    int rc = EXIT_OK, years[4], ranks = 1;
    ens_ctx ctx;

    orb_error_clear(&err);
    so.params = a->params;
    if ((st = orb_sim_new(a->world, a->scenario, &so, &sim, &err)) != ORB_OK)
        return cli_scenario_error(a->scenario_path, st, &err);
    n = orb_sim_nstates(sim);
    ccode = calloc(n + 1, sizeof *ccode);
    abb = calloc(n + 1, sizeof *abb);
    done = calloc(a->runs + 1, 1);
    text = slurp(a->scenario_path);
    if (ccode == NULL || abb == NULL || done == NULL || text == NULL) {
        rc = text == NULL
                 ? (fprintf(stderr, "orbis: %s: cannot read\n", a->scenario_path), EXIT_DATA)
                 : cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    for (k = 0; k < n; k++) {
        ccode[k] = orb_sim_ccode(sim, k);
        abb[k] = orb_sim_abb(sim, k);
    }
    memset(&meta, 0, sizeof meta);
    meta.scenario_name = orb_scenario_name(a->scenario);
    meta.scenario_text = text;
    meta.seed = a->seed;
    meta.runs = a->runs;
    meta.start = orb_sim_start_year(sim);
    meta.end = orb_sim_end_year(sim);
    meta.per_state = a->per_state;
    meta.uncertainty = orb_uncertainty_name(a->uncertainty);
    meta.params = orb_sim_params(sim);
    meta.nstates = n;
    meta.ccode = ccode;
    meta.abb = abb;
    memset(&ctx, 0, sizeof ctx);
    ctx.err = &err;
    ctx.sim = sim;
    ctx.ccode = ccode;
    ctx.size = 1;
#ifdef ORB_MPI
    MPI_Comm_rank(MPI_COMM_WORLD, &ctx.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ctx.size);
    ranks = ctx.size;
    ctx.waiting = ctx.size - 1;
#endif
    if (ctx.rank != 0) {
        st = ORB_OK; /* rank 0 keeps the store: no path here */
        path[0] = '\0';
    } else if (a->resume != NULL) {
        snprintf(path, cap, "%s", a->resume);
        st = orb_store_resume(path, &meta, done, &store, &err);
    } else {
        if (a->out != NULL)
            snprintf(path, cap, "%s", a->out);
        else
            snprintf(path, cap, "%s-s%" PRIu64 "-n%zu.db", meta.scenario_name, a->seed, a->runs);
        st = orb_store_create(path, &meta, &store, &err);
    }
#ifdef ORB_MPI
    { /* every rank learns whether the store opened, and which runs are done */
        int ok = st == ORB_OK;
        MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
        if (!ok) {
            rc = ctx.rank == 0 ? cli_lib_error(st, &err) : EXIT_DATA;
            goto done;
        }
        MPI_Bcast(done, (int)a->runs, MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
    }
#endif
    if (st != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    ctx.store = store;
    eo.first = (uint64_t)ctx.rank;
    eo.stride = (uint64_t)ctx.size;
    eo.seed = a->seed;
    eo.runs = a->runs;
    eo.uncertainty = a->uncertainty;
    eo.world = a->world;
    eo.scenario = a->scenario;
    eo.threads = (unsigned)a->threads;
    eo.per_state = a->per_state;
    eo.skip = done;
    years[0] = meta.start; /* the summary's years, where the runs compute their blocs */
    years[1] = meta.start + 5;
    years[2] = meta.start + 10;
    years[3] = meta.end;
    eo.bloc_years = a->years ? a->years : years;
    eo.nbloc_years = a->years ? a->nyears : 4;
    eo.bloc_every_year = a->blocs_every_year;
    pr.t0 = cli_now();
    pr.last = 0;
    { /* the work, estimated before it starts: a run of 28 years of about 200 states is
         about 0.1 s on one core of the machine the benches ran on (docs/hacking.md); each
         crisis adds its talks. Long work is announced (and shows progress on a terminal). */
        size_t ncr = 0, left = 0, r;
        double ns = (double)n, yrs = (double)(meta.end - meta.start), secs;
        int th = a->threads > 0 ? a->threads : 1;
        for (r = 0; r < a->runs; r++)
            left += !done[r];
        orb_scenario_crises(a->scenario, &ncr);
        secs = (double)left * yrs / 28.0 * 0.1 * (ns * ns) / (200.0 * 200.0) *
               (1.0 + 0.2 * (double)ncr) / th;
        if (secs > ENSEMBLE_WARN_SECONDS && ctx.rank == 0)
            fprintf(stderr,
                    "orbis: %zu runs of %.0f years: about %.0f minutes of work on %d thread(s)%s\n",
                    left, yrs, secs / 60, th,
                    isatty(2) ? "" : " (progress is shown on a terminal)");
    }
    if (isatty(2) && ctx.rank == 0) {
        eo.progress = show_progress;
        eo.progress_ud = &pr;
    }
    st = orb_ensemble_run(sim, &eo, add_result, &ctx, &err);
#ifdef ORB_MPI
    if (ctx.rank != 0) { /* tell rank 0 this rank is through, then leave the rest to it */
        settle(&ctx, 1);
        MPI_Send(NULL, 0, MPI_DOUBLE, 0, TAG_DONE, MPI_COMM_WORLD);
        rc = st == ORB_OK ? EXIT_OK : cli_lib_error(st, &err);
        goto done;
    }
    while (st == ORB_OK && ctx.waiting > 0) /* the other ranks' remaining results */
        if (recv_one(&ctx, 1) < 0) st = ORB_EIO;
#endif
    if (st != ORB_OK) {
        rc = cli_lib_error(st, &err);
#ifdef ORB_MPI
        MPI_Abort(MPI_COMM_WORLD, rc);
#endif
        goto done;
    }
    if ((st = a->years ? orb_store_summarise(store, a->years, a->nyears, &err)
                       : orb_store_summarise(store, years, 4, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    snprintf(buf, sizeof buf, "%.3f", cli_now() - t0);
    orb_store_timing(store, "seconds", buf, NULL);
    snprintf(buf, sizeof buf, "%d", a->threads);
    orb_store_timing(store, "threads", buf, NULL);
    snprintf(buf, sizeof buf, "%d", ranks);
    orb_store_timing(store, "ranks", buf, NULL);
    if (gethostname(buf, sizeof buf) == 0) orb_store_timing(store, "host", buf, NULL);
    st = orb_store_close(store, &err);
    store = NULL;
    if (st != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
done:
    free(ctx.buf);
    free(ctx.ev);
    orb_store_close(store, NULL);
    orb_sim_free(sim);
    free(ccode);
    free(abb);
    free(done);
    free(text);
    return rc;
}

int cli_ensemble(const cli_ensemble_args *a)
{
    char path[1024];
    cli_out out = {NULL, NULL, 0};
    int rc;

    if ((rc = cli_ensemble_run(a, path, sizeof path)) || path[0] == '\0') return rc;
    if ((rc = cli_out_open(&out))) return rc;
    if ((rc = print_summary(out.f, a->fmt, path, orb_scenario_name(a->scenario), a->seed, a->runs,
                            orb_scenario_start(a->scenario),
                            a->end_year ? a->end_year : orb_scenario_end(a->scenario),
                            a->uncertainty))) {
        cli_out_discard(&out);
        return rc;
    }
    rc = cli_out_commit(&out);
    fprintf(stderr, "orbis: the store is %s (%zu runs; orbis export %s TABLE)\n", path, a->runs,
            path);
    return rc;
}

/* ---- paired comparison ---------------------------------------------------------------- */

static int table_paired_metric(size_t ncols, const char *const *names, const orb_store_value *v,
                               void *ud)
{
    FILE *f = ud;
    char b[6][32];

    (void)names; /* metric year n median p05 p95 p_gt0 p_lt0 agreement u05 u95 */
    if (ncols < 11) return 1;
    fprintf(f, "%-20s %4lld %11s  [%11s, %11s]  %5.2f  %5.2f   [%11s, %11s]\n", v[0].s, v[1].i,
            col_text(&v[3], b[0], 32), col_text(&v[4], b[1], 32), col_text(&v[5], b[2], 32), v[6].d,
            v[8].d, col_text(&v[9], b[3], 32), col_text(&v[10], b[4], 32));
    return 0;
}

static int table_paired_event(size_t ncols, const char *const *names, const orb_store_value *v,
                              void *ud)
{
    FILE *f = ud;

    (void)names; /* event by_year n p_a p_b diff se */
    if (ncols < 7) return 1;
    fprintf(f, "%-22s %4lld  %6.3f  %6.3f  %+7.3f +- %.3f\n", v[0].s, v[1].i, v[3].d, v[4].d,
            v[5].d, v[6].type == ORB_STORE_REAL ? v[6].d : 0.0);
    return 0;
}

int cli_compare_ensembles(const cli_ensemble_args *a, const cli_ensemble_args *b,
                          const char *prefix)
{
    char pa[1024], pb[1024], outa[1100], outb[1100];
    cli_ensemble_args x = *a, y = *b;
    cli_out out = {NULL, NULL, 0};
    int years[CLI_MAX_YEARS], rc, ny = 0, k;
    orb_error err;
    orb_status st;

    snprintf(outa, sizeof outa, "%s-A.db", prefix);
    snprintf(outb, sizeof outb, "%s-B.db", prefix);
    x.out = outa;
    y.out = outb;
    if ((rc = cli_ensemble_run(&x, pa, sizeof pa)) || (rc = cli_ensemble_run(&y, pb, sizeof pb)))
        return rc;
    if (pa[0] == '\0') return EXIT_OK; /* an MPI rank other than 0 */
    if (a->years != NULL) {
        for (k = 0; k < (int)a->nyears && k < CLI_MAX_YEARS; k++)
            years[ny++] = a->years[k];
    } else {
        years[ny++] = orb_scenario_start(a->scenario) + 5;
        years[ny++] = orb_scenario_start(a->scenario) + 10;
        years[ny++] = a->end_year ? a->end_year : orb_scenario_end(a->scenario);
        for (k = 0; k < ny; k++) /* years beyond the end: the last one */
            if (years[k] > years[ny - 1]) years[k] = years[ny - 1];
    }
    if ((rc = cli_out_open(&out))) return rc;
    orb_error_clear(&err);
    if (a->fmt == FMT_TABLE) {
        fprintf(out.f,
                "A: %s   B: %s   %zu paired runs, seed %" PRIu64
                ": run i of A and of B share the\nstream (seed, i); d = B - A run by run.\n\n",
                orb_scenario_name(a->scenario), orb_scenario_name(b->scenario), a->runs, a->seed);
        fprintf(out.f, "%-20s %4s %11s  %-26s  %5s  %5s   %s\n", "metric", "year", "median d",
                "5-95% band of d", "P(d>0)", "agree", "unpaired 5-95% band");
        st = orb_store_paired_metrics(pa, pb, years, (size_t)ny, table_paired_metric, out.f, &err);
        if (st == ORB_OK) {
            fprintf(out.f, "\n%-22s %4s  %6s  %6s  %s\n", "event (by the year)", "year", "P(A)",
                    "P(B)", "P(B) - P(A) +- paired s.e.");
            st =
                orb_store_paired_events(pa, pb, years, (size_t)ny, table_paired_event, out.f, &err);
        }
        if (st == ORB_OK)
            fputs("\nagree: the share of runs whose difference has the majority's sign. "
                  "Unpaired: B of run\ni + 1 against A of run i (other streams), for contrast "
                  "with the paired band.\n",
                  out.f);
    } else {
        cli_stream s;
        stream_begin(&s, out.f, a->fmt);
        st = orb_store_paired_metrics(pa, pb, years, (size_t)ny, stream_store_row, &s, &err);
        stream_end(&s);
    }
    if (st != ORB_OK) {
        cli_out_discard(&out);
        return cli_lib_error(st, &err);
    }
    rc = cli_out_commit(&out);
    fprintf(stderr, "orbis: the stores are %s and %s\n", pa, pb);
    return rc;
}

/* ---- orbis export ---------------------------------------------------------------- */

int cmd_export(const cli_env *env, int argc, char **argv)
{
    cli_format fmt = FMT_CSV;
    const char *pos[2];
    size_t npos = 0;
    cli_out out = {NULL, NULL, 0};
    cli_stream s;
    orb_error err;
    orb_status st;
    int rc;
    const cli_opt opts[] = {
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };
    const cli_args args = {pos, 2, &npos, "a store and a table"};

    (void)env;
    if ((rc = cli_parse("export", argc, argv, opts, &args))) return rc;
    if (npos < 2) return cli_usage_error("export", "a store and a table are required");
    if (fmt == FMT_TABLE) fmt = FMT_CSV; /* a store's table is for programs */
    if ((rc = cli_out_open(&out))) return rc;
    stream_begin(&s, out.f, fmt);
    orb_error_clear(&err);
    if ((st = orb_store_export(pos[0], pos[1], stream_store_row, &s, &err)) != ORB_OK) {
        cli_out_discard(&out);
        return cli_lib_error(st, &err);
    }
    stream_end(&s);
    return cli_out_commit(&out);
}
