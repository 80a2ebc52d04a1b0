/*
 * cmd_evaluate.c - orbis evaluate: forecasts scored out of sample at rolling
 * origins against persistence, a trend and a random walk with drift
 * (orb_evaluate); a summary table, or every score as tidy records.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char *const measure[ORB_BT_NSHARES] = {"cinc", "gdp"};
static const char *const forecast[ORB_EVAL_NF] = {"model", "persistence", "trend", "drift"};

/* A score as a tidy record: section, origin (0: every origin), horizon,
 * name, value. */
typedef struct ev_row {
    const char *section;
    int origin, horizon;
    const char *name;
    double value;
} ev_row;

static void ev_record(cli_rec *r, const void *ud)
{
    const ev_row *x = ud;

    rec_begin(r);
    rec_str(r, "section", x->section, 0);
    rec_int(r, "origin", x->origin, 1);
    rec_int(r, "horizon", x->horizon, 0);
    rec_str(r, "name", x->name, 0);
    rec_real(r, "value", x->value);
    rec_end(r);
}

static void put(cli_stream *s, const char *section, int origin, int horizon, const char *name,
                double v)
{
    ev_row x = {section, origin, horizon, name, v};
    stream_row(s, ev_record, &x);
}

/* One measure at one horizon: the scores of an origin or of the summary. */
static void put_share(cli_stream *s, const char *sec, int origin, int horizon, const double *mae,
                      const double *logerr, double crps, double c50, double c90, double n)
{
    char name[48];
    int q;

    put(s, sec, origin, horizon, origin ? "states" : "origins", n);
    for (q = 0; q < ORB_EVAL_NF; q++) {
        snprintf(name, sizeof name, "mae_%s", forecast[q]);
        put(s, sec, origin, horizon, name, mae[q]);
        snprintf(name, sizeof name, "logerr_%s", forecast[q]);
        put(s, sec, origin, horizon, name, logerr[q]);
    }
    put(s, sec, origin, horizon, "crps_model", crps);
    put(s, sec, origin, horizon, "cover50", c50);
    put(s, sec, origin, horizon, "cover90", c90);
}

static void records(FILE *f, cli_format fmt, const orb_evaluation *e)
{
    static const char *const who[ORB_EVAL_ND] = {"model", "static_logit", "peace_logit"};
    cli_stream s;
    char sec[32], name[48];
    size_t k;
    int m, h, q;

    stream_begin(&s, f, fmt);
    for (k = 0; k < e->norigins; k++) {
        const orb_eval_origin *o = &e->origin[k];
        for (m = 0; m < ORB_BT_NSHARES; m++)
            for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
                const orb_eval_share *x = &o->share[m][h];
                if (x->nstates == 0) continue;
                snprintf(sec, sizeof sec, "%s", measure[m]);
                put_share(&s, sec, o->origin, e->horizon[h], x->mae, x->logerr, x->crps, x->cover50,
                          x->cover90, (double)x->nstates);
            }
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
            const orb_eval_disputes *d = &o->disputes[h];
            if (d->dyad_years == 0) continue;
            put(&s, "disputes", o->origin, e->horizon[h], "years", (double)d->years);
            put(&s, "disputes", o->origin, e->horizon[h], "dyad_years", (double)d->dyad_years);
            put(&s, "disputes", o->origin, e->horizon[h], "onsets", (double)d->onsets);
            for (q = 0; q < ORB_EVAL_ND; q++) {
                snprintf(name, sizeof name, "auc_%s", who[q]);
                put(&s, "disputes", o->origin, e->horizon[h], name, d->auc[q]);
                snprintf(name, sizeof name, "prauc_%s", who[q]);
                put(&s, "disputes", o->origin, e->horizon[h], name, d->prauc[q]);
                snprintf(name, sizeof name, "brier_%s", who[q]);
                put(&s, "disputes", o->origin, e->horizon[h], name, d->brier[q]);
            }
        }
    }
    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
            const orb_eval_summary *x = &e->summary[m][h];
            snprintf(sec, sizeof sec, "summary_%s", measure[m]);
            put_share(&s, sec, 0, e->horizon[h], x->mae, x->logerr, x->crps, x->cover50, x->cover90,
                      (double)x->origins);
            for (q = ORB_EVAL_PERSISTENCE; q < ORB_EVAL_NF; q++) {
                snprintf(name, sizeof name, "model_beats_%s", forecast[q]);
                put(&s, sec, 0, e->horizon[h], name, (double)x->beats[q]);
            }
        }
    for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
        const orb_eval_dsummary *d = &e->dsummary[h];
        put(&s, "summary_disputes", 0, e->horizon[h], "origins", (double)d->origins);
        for (q = 0; q < ORB_EVAL_ND; q++) {
            snprintf(name, sizeof name, "auc_%s", who[q]);
            put(&s, "summary_disputes", 0, e->horizon[h], name, d->auc[q]);
            snprintf(name, sizeof name, "prauc_%s", who[q]);
            put(&s, "summary_disputes", 0, e->horizon[h], name, d->prauc[q]);
            snprintf(name, sizeof name, "brier_%s", who[q]);
            put(&s, "summary_disputes", 0, e->horizon[h], name, d->brier[q]);
            if (q == ORB_EVAL_D_MODEL) continue;
            snprintf(name, sizeof name, "model_beats_%s_auc", who[q]);
            put(&s, "summary_disputes", 0, e->horizon[h], name, (double)d->beats_auc[q]);
            snprintf(name, sizeof name, "model_beats_%s_brier", who[q]);
            put(&s, "summary_disputes", 0, e->horizon[h], name, (double)d->beats_brier[q]);
        }
    }
    stream_end(&s);
}

static void table(FILE *f, const orb_evaluation *e)
{
    const orb_evaluate_opts *o = &e->opts;
    int m, h;

    fprintf(f,
            "Evaluation: origins %d-%d every %d years (%zu), %zu runs each (seed %" PRIu64
            "), regime %s,\nuncertainty %s; %s.\nBaselines fitted on the %d years to each origin: "
            "persistence, a linear trend in\nshares, a random walk with drift in log shares.\n\n",
            o->first_origin, o->last_origin, o->step, e->norigins, o->runs, o->seed,
            orb_regime_name(o->regime), orb_uncertainty_name(o->uncertainty),
            o->in_sample ? "the parameters as given (in sample: no re-estimation)"
                         : "every estimate re-made on data that end the year before the origin",
            o->fit_years);
    fputs("Shares: mean absolute error x 1000 (mean over the origins; the model's point\n"
          "forecast is the median of its runs); wins: origins where the model's error is the\n"
          "lower; CRPS x 1000 of the runs; coverage of the runs' central 50% and 90% bands,\n"
          "pooled over the states of every origin.\n\n",
          f);
    fprintf(f, "%-5s %3s %3s %7s %7s %7s %7s  %-11s %7s %7s %7s %7s\n", "share", "h", "n", "model",
            "persist", "trend", "drift", "wins p/t/d", "logerr", "CRPS", "in 50%", "in 90%");
    for (m = 0; m < ORB_BT_NSHARES; m++)
        for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
            const orb_eval_summary *x = &e->summary[m][h];
            char wins[16];
            if (x->origins == 0) continue;
            snprintf(wins, sizeof wins, "%zu/%zu/%zu", x->beats[ORB_EVAL_PERSISTENCE],
                     x->beats[ORB_EVAL_TREND], x->beats[ORB_EVAL_DRIFT]);
            fprintf(f, "%-5s %3d %3zu %7.3f %7.3f %7.3f %7.3f  %-11s %7.3f %7.3f %7.2f %7.2f\n",
                    m == ORB_BT_CINC ? "CINC" : "GDP", e->horizon[h], x->origins,
                    1000 * x->mae[ORB_EVAL_MODEL], 1000 * x->mae[ORB_EVAL_PERSISTENCE],
                    1000 * x->mae[ORB_EVAL_TREND], 1000 * x->mae[ORB_EVAL_DRIFT], wins,
                    x->logerr[ORB_EVAL_MODEL], 1000 * x->crps, x->cover50, x->cover90);
        }
    fputs("\n(logerr: the model's mean |ln forecast - ln outcome|; drift's, per origin, in the\n"
          "CSV. A baseline's CRPS is its MAE.)\n\n"
          "Disputes: every pair of the origin's states both in the system, years origin+1 ..\n"
          "origin+h (COW MID ends in 2014: later windows are shorter); the model's onset\n"
          "probability (mean over its runs, from the simulated year before) against its own\n"
          "onset logit frozen at the origin (static) and a logit on peace years alone fitted\n"
          "on the 24 years before the origin. Means over the origins; wins: origins where\n"
          "the model is the better (against static / peace).\n\n",
          f);
    fprintf(f, "%3s %3s %23s %26s %29s  %s\n", "h", "n", "AUC model/static/peace",
            "PR-AUC model/static/peace", "Brier model/static/peace",
            "wins v static/peace: AUC, Brier");
    for (h = 0; h < ORB_EVAL_NHORIZONS; h++) {
        const orb_eval_dsummary *d = &e->dsummary[h];
        if (d->origins == 0) continue;
        fprintf(f,
                "%3d %3zu   %6.3f %6.3f %6.3f     %6.4f %6.4f %6.4f    %7.5f %7.5f %7.5f  "
                "%zu/%zu, %zu/%zu\n",
                e->horizon[h], d->origins, d->auc[0], d->auc[1], d->auc[2], d->prauc[0],
                d->prauc[1], d->prauc[2], d->brier[0], d->brier[1], d->brier[2],
                d->beats_auc[ORB_EVAL_D_STATIC], d->beats_auc[ORB_EVAL_D_PEACE],
                d->beats_brier[ORB_EVAL_D_STATIC], d->beats_brier[ORB_EVAL_D_PEACE]);
    }
}

int cmd_evaluate(const cli_env *env, int argc, char **argv)
{
    orb_evaluate_opts o = orb_evaluate_opts_default();
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_evaluation *e = NULL;
    orb_params par;
    const char *params = NULL;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    int rc;
    const cli_opt opts[] = {
        {"--from", OPT_YEAR, &o.first_origin, 0, 0, NULL},
        {"--to", OPT_YEAR, &o.last_origin, 0, 0, NULL},
        {"--step", OPT_INT, &o.step, 1, 50, NULL},
        {"--fit-years", OPT_INT, &o.fit_years, 2, 32, NULL},
        {"--runs", OPT_SIZE, &o.runs, 2, 100000, NULL},
        {"--seed", OPT_SEED, &o.seed, 0, 0, NULL},
        {"--in-sample", OPT_FLAG, &o.in_sample, 0, 0, NULL},
        {"--regime", OPT_REGIME, &o.regime, 0, 0, NULL},
        {"--uncertainty", OPT_UNCERTAINTY, &o.uncertainty, 0, 0, NULL},
        {"--params", OPT_STRING, &params, 0, 0, NULL},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    if ((rc = cli_parse("evaluate", argc, argv, opts, NULL))) return rc;
    if (params != NULL) {
        if ((rc = cli_params(params, NULL, &par))) return rc;
        o.params = &par;
    }
    if (o.last_origin < o.first_origin)
        return cli_usage_error("evaluate", "--to must not be before --from");
    if ((rc = cli_load(env, 1, &t, &p))) return rc;
    o.data_dir = env->data_dir;
    orb_error_clear(&err);
    if ((st = orb_evaluate(t, p, &o, &e, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE)
        table(out.f, e);
    else
        records(out.f, fmt, e);
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    orb_evaluation_free(e);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
