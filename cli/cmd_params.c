/*
 * cmd_params.c - `orbis params` (the parameter table), `orbis calibrate`
 * (re-estimate the parameters from ORBIS_DATA) and `orbis backtest` (start
 * from a past year's data and compare the model with what happened).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define ORBI_CLI_MAX_EFFECTS 1000 /* COW codes are below 1000 */

static void param_record(cli_rec *rec, size_t k, const void *ud)
{
    const orb_param_info *p = orb_params_info(k);

    (void)ud;
    rec_begin(rec);
    rec_str(rec, "name", p->name, 0);
    rec_real(rec, "default", p->def);
    rec_real(rec, "min", p->lo);
    rec_real(rec, "max", p->hi);
    rec_bool(rec, "integer", p->integer);
    rec_str(rec, "unit", p->unit, 0);
    rec_str(rec, "description", p->desc, 0);
    rec_str(rec, "source", p->source, 0);
    rec_end(rec);
}

static void estimate_record(cli_rec *rec, size_t k, const void *ud)
{
    const orb_estimate *e = (const orb_estimate *)ud + k;

    rec_begin(rec);
    rec_str(rec, "name", e->name, 0);
    rec_real(rec, "estimate", e->value);
    rec_real(rec, "se", e->se);
    rec_int(rec, "n", (long)e->n, 0);
    rec_int(rec, "states", (long)e->nclusters, 0);
    rec_int(rec, "from_year", e->from_year, 0);
    rec_int(rec, "to_year", e->to_year, 0);
    rec_str(rec, "method", e->method, 0);
    rec_str(rec, "data", e->data, 0);
    rec_real(rec, "se_dyadic", e->se_dyadic);
    rec_end(rec);
}

int cmd_params(const cli_env *env, int argc, char **argv)
{
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    size_t k, n = orb_params_count();
    int rc = 0;
    const cli_opt opts[] = {
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    (void)env;
    if ((rc = cli_parse("params", argc, argv, opts, NULL))) return rc;
    if ((rc = cli_out_open(&out))) return rc;
    if (fmt == FMT_TABLE) {
        fprintf(out.f, "%-26s %12s %-18s %-20s %s\n", "name", "default", "unit", "range", "source");
        for (k = 0; k < n; k++) {
            const orb_param_info *p = orb_params_info(k);
            char range[48];
            snprintf(range, sizeof range, "[%g, %g]", p->lo, p->hi);
            fprintf(out.f, "%-26s %12.6g %-18s %-20s %s\n", p->name, p->def, p->unit, range,
                    p->source);
        }
    } else {
        rec_list(out.f, fmt, n, param_record, NULL);
    }
    return cli_out_commit(&out);
}

static void effect_record(cli_rec *rec, size_t k, const void *ud)
{
    const orb_growth_effect *e = (const orb_growth_effect *)ud + k;

    rec_begin(rec);
    rec_int(rec, "ccode", e->ccode, 0);
    rec_int(rec, "global_south", e->global_south, 0);
    rec_int(rec, "years", (long)e->years, 0);
    rec_real(rec, "raw", e->raw);
    rec_real(rec, "se", e->se);
    rec_real(rec, "shrink", e->shrink);
    rec_real(rec, "effect", e->effect);
    rec_end(rec);
}

/* orbis calibrate --effects: the states' growth effects (data/growth_effects.csv
 * is `orbis calibrate --effects --format csv`). */
static int calibrate_effects(const cli_env *env, const orb_tables *t, const orb_calibrate_opts *co,
                             cli_format fmt)
{
    orb_growth_effect e[ORBI_CLI_MAX_EFFECTS];
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    size_t n = 0, k;
    int rc;

    orb_error_clear(&err);
    if ((st = orb_calibrate_growth_effects(env->data_dir, t, co, e, ORBI_CLI_MAX_EFFECTS, &n,
                                           &err)) != ORB_OK)
        return cli_lib_error(st, &err);
    if ((rc = cli_out_open(&out))) return rc;
    if (fmt == FMT_TABLE) {
        fprintf(out.f, "%6s %3s %5s %9s %8s %7s %9s\n", "ccode", "GS", "years", "raw", "SE",
                "shrink", "effect");
        for (k = 0; k < n; k++)
            fprintf(out.f, "%6d %3d %5zu %9.5f %8.5f %7.3f %9.5f\n", e[k].ccode, e[k].global_south,
                    e[k].years, e[k].raw, e[k].se, e[k].shrink, e[k].effect);
    } else {
        rec_list(out.f, fmt, n, effect_record, e);
    }
    rc = cli_out_commit(&out);
    cli_out_discard(&out);
    return rc;
}

int cmd_calibrate(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_estimate est[ORB_CALIBRATE_MAX];
    orb_calibrate_opts co = orb_calibrate_opts_default();
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    size_t k, n = 0;
    int rc = 0, effects = 0;
    const cli_opt opts[] = {
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {"--to", OPT_INT, &co.last_year, ORB_CALIBRATE_MIN_YEAR, ORB_LAST_YEAR, NULL},
        {"--years", OPT_INT, &co.years, 10, 100, NULL},
        {"--effects", OPT_FLAG, &effects, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    if ((rc = cli_parse("calibrate", argc, argv, opts, NULL))) return rc;
    if ((rc = cli_load(env, 1, &t, &p))) return rc;
    if (effects) {
        rc = calibrate_effects(env, t, &co, fmt);
        goto done;
    }
    orb_error_clear(&err);
    if ((st = orb_calibrate(env->data_dir, t, p, &co, est, ORB_CALIBRATE_MAX, &n, &err)) !=
        ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE) {
        fprintf(out.f, "%-26s %12s %10s %10s %6s %5s %-9s %s\n", "parameter", "estimate", "SE",
                "SE dyadic", "n", "states", "years", "method");
        for (k = 0; k < n; k++) {
            fprintf(out.f, "%-26s %12.6g %10.3g ", est[k].name, est[k].value, est[k].se);
            if (isnan(est[k].se_dyadic))
                fprintf(out.f, "%10s", "");
            else
                fprintf(out.f, "%10.3g", est[k].se_dyadic);
            fprintf(out.f, " %6zu %5zu %4d-%4d %s\n", est[k].n, est[k].nclusters, est[k].from_year,
                    est[k].to_year, est[k].method);
        }
    } else {
        rec_list(out.f, fmt, n, estimate_record, est);
    }
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}

/* ---- backtest ------------------------------------------------------------ */

/* The backtest as tidy records: section, year (NA for a whole-span value),
 * name, value. */
typedef struct bt_row {
    const char *section;
    int year;
    const char *name;
    double value;
} bt_row;

static void bt_record(cli_rec *r, const void *ud)
{
    const bt_row *x = ud;

    rec_begin(r);
    rec_str(r, "section", x->section, 0);
    rec_int(r, "year", x->year, 1);
    rec_str(r, "name", x->name, 0);
    rec_real(r, "value", x->value);
    rec_end(r);
}

static void bt_put(cli_stream *s, const char *section, int year, const char *name, double v)
{
    bt_row x = {section, year, name, v};
    stream_row(s, bt_record, &x);
}

static void backtest_records(FILE *f, cli_format fmt, const orb_backtest *b)
{
    static const char *const share[ORB_BT_NSHARES] = {"cinc", "gdp"};
    cli_stream s;
    char name[64];
    size_t k, y;

    stream_begin(&s, f, fmt);
    bt_put(&s, "setup", 0, "from", b->opts.from);
    bt_put(&s, "setup", 0, "to", b->opts.to);
    bt_put(&s, "setup", 0, "runs", (double)b->opts.runs);
    bt_put(&s, "setup", 0, "states", (double)b->nstates);
    for (k = 0; k < ORB_BT_NSHARES; k++) {
        snprintf(name, sizeof name, "%s_expected", share[k]);
        bt_put(&s, "share_mae", 0, name, b->mae_expected[k]);
        snprintf(name, sizeof name, "%s_ensemble_mean", share[k]);
        bt_put(&s, "share_mae", 0, name, b->mae_ensemble[k]);
        snprintf(name, sizeof name, "%s_per_run", share[k]);
        bt_put(&s, "share_mae", 0, name, b->mae_run[k]);
        snprintf(name, sizeof name, "%s_persistence", share[k]);
        bt_put(&s, "share_mae", 0, name, b->mae_persistence[k]);
    }
    for (y = 0; y < b->nyears; y++) {
        const orb_backtest_year *Y = &b->year[y];
        bt_put(&s, "disputes", Y->year, "median", Y->disputes_median);
        bt_put(&s, "disputes", Y->year, "p10", Y->disputes_p10);
        bt_put(&s, "disputes", Y->year, "p90", Y->disputes_p90);
        bt_put(&s, "disputes", Y->year, "record", Y->disputes_record);
        bt_put(&s, "council", Y->year, "drafts_median", Y->drafts_median);
        bt_put(&s, "council", Y->year, "vetoed_median", Y->vetoed_median);
        bt_put(&s, "council", Y->year, "vetoed_record", Y->vetoed_record);
    }
    bt_put(&s, "disputes", 0, "mae_median", b->disputes_mae_model);
    bt_put(&s, "disputes", 0, "mae_flat_at_record_mean", b->disputes_mae_flat);
    bt_put(&s, "disputes", 0, "mae_last_year_record", b->disputes_mae_last);
    bt_put(&s, "disputes", 0, "years_in_10_90_band", (double)b->disputes_in_band);
    bt_put(&s, "disputes", 0, "years_with_record", (double)b->disputes_years);
    for (k = 0; k < b->np5; k++) {
        snprintf(name, sizeof name, "%s_model", b->p5_abb[k]);
        bt_put(&s, "vetoes_cast", 0, name, b->vetoes_model[k]);
        snprintf(name, sizeof name, "%s_record", b->p5_abb[k]);
        bt_put(&s, "vetoes_cast", 0, name, b->vetoes_record[k]);
    }
    bt_put(&s, "sanctions", 0, "new_a_year_model", b->sanctions_model);
    bt_put(&s, "sanctions", 0, "new_a_year_record", b->sanctions_record);
    bt_put(&s, "sanctions", 0, "us_share_model", b->us_share_model);
    bt_put(&s, "sanctions", 0, "us_share_record", b->us_share_record);
    bt_put(&s, "sanctions", 0, "cases_all_a_year_record", b->cases_all_record);
    bt_put(&s, "sanctions", 0, "us_share_all_cases_record", b->us_share_all_record);
    bt_put(&s, "sanctions", 0, "top_overlap", (double)b->top_overlap);
    bt_put(&s, "wars", 0, "begun_a_year_model", b->wars_model);
    bt_put(&s, "wars", 0, "begun_a_year_record", b->wars_record);
    bt_put(&s, "wars", 0, "force_in_breach_share_model", b->force_breach_share);
    for (k = 0; k < ORB_BT_TOP; k++) {
        snprintf(name, sizeof name, "top%zu_model", k + 1);
        bt_put(&s, "sanctions", b->top_model[k], name, b->top_model_n[k]);
        snprintf(name, sizeof name, "top%zu_record", k + 1);
        bt_put(&s, "sanctions", b->top_record[k], name, b->top_record_n[k]);
    }
    stream_end(&s);
}

static void backtest_table(FILE *f, const orb_backtest *b)
{
    const orb_backtest_opts *o = &b->opts;
    const char *regime = orb_regime_name(o->regime);
    size_t m, y, k;

    fprintf(f,
            "Backtest %d -> %d: %zu states present in both years; mean absolute error of shares\n"
            "(x 1000), model with %s\nagainst persistence (%d = %d); order regime %s.\n\n",
            o->from, o->to, b->nstates,
            o->out_of_sample ? "parameters re-estimated on data that end the year before the start"
                             : "the default parameters",
            o->to, o->from, regime);
    fprintf(f, "%-12s %10s %10s %10s %12s\n", "share", "expected", "ens-mean", "per-run",
            "persistence");
    for (m = 0; m < ORB_BT_NSHARES; m++)
        fprintf(f, "%-12s %10.4f %10.4f %10.4f %12.4f\n", m == ORB_BT_GDP ? "real GDP" : "CINC",
                1000 * b->mae_expected[m], 1000 * b->mae_ensemble[m], 1000 * b->mae_run[m],
                1000 * b->mae_persistence[m]);
    fprintf(f,
            "\nexpected: one run without random shocks; ens-mean: the mean forecast of %zu runs\n"
            "(seed %" PRIu64 "); per-run: the average error of a single run. Lower is better.\n",
            o->runs, o->seed);
    fprintf(f,
            "\nMilitarised dispute onsets a year (dyads): the model's median over the %zu runs\n"
            "with its 10%%-90%% range, against the COW MID 5.0 record (all states).\n\n"
            "%4s %8s %8s %8s %8s\n",
            o->runs, "year", "median", "p10", "p90", "MID");
    for (y = 0; y < b->nyears; y++) {
        const orb_backtest_year *Y = &b->year[y];
        fprintf(f, "%4d %8.1f %8.1f %8.1f ", Y->year, Y->disputes_median, Y->disputes_p10,
                Y->disputes_p90);
        if (isnan(Y->disputes_record))
            fprintf(f, "%8s\n", "NA");
        else
            fprintf(f, "%8.0f\n", Y->disputes_record);
    }
    if (b->disputes_years > 0)
        fprintf(f,
                "mean %d-%d: model median %.1f, record %.1f a year; mean absolute error of\n"
                "the yearly counts: model median %.1f, last year's record %.1f, a flat line at\n"
                "the record's own mean (hindsight) %.1f. The record lies in the model's 10%%-90%%\n"
                "band in %zu of %zu years (80%% expected).\n",
                o->from + 1, o->from + (int)b->disputes_years, b->disputes_mean_model,
                b->disputes_mean_record, b->disputes_mae_model, b->disputes_mae_last,
                b->disputes_mae_flat, b->disputes_in_band, b->disputes_years);
    fprintf(f,
            "\nSecurity Council drafts and vetoes a year: the model's median over the runs\n"
            "(regime %s) against the vetoed drafts on record (Dag Hammarskjold Library).\n\n"
            "%4s %8s %8s %8s\n",
            regime, "year", "drafts", "vetoed", "record");
    for (y = 0; y < b->nyears; y++) {
        const orb_backtest_year *Y = &b->year[y];
        fprintf(f, "%4d %8.1f %8.1f %8.0f\n", Y->year, Y->drafts_median, Y->vetoed_median,
                Y->vetoed_record);
    }
    fprintf(f, "mean a year: model %.2f vetoed of %.2f drafts; record %.2f vetoed\n",
            b->vetoed_mean_model, b->drafts_mean_model, b->vetoed_mean_record);
    fprintf(f, "vetoes cast by permanent member, %d-%d (model: mean per run; record):\n",
            o->from + 1, o->to);
    for (k = 0; k < b->np5; k++) {
        fprintf(f, "  %s %6.1f %6.0f\n", b->p5_abb[k], b->vetoes_model[k], b->vetoes_record[k]);
    }
    fprintf(f,
            "\nSanctions begun %d-%d (sender-target pairs; the model's unilateral and Council\n"
            "sanctions, mean per run, against GSDB's cases with state senders):\n"
            "  a year: model %.1f, record %.1f; the United States' share of them: model %.1f%%,\n"
            "  record %.1f%%\n"
            "  every GSDB case (organisations' included, the universe the model's rate is set\n"
            "  to): %.1f a year, the United States among the senders of %.1f%%\n"
            "  the ten most sanctioned targets (a year), model | record; %zu in both lists:\n",
            o->from + 1, o->to, b->sanctions_model, b->sanctions_record, 100 * b->us_share_model,
            100 * b->us_share_record, b->cases_all_record, 100 * b->us_share_all_record,
            b->top_overlap);
    for (k = 0; k < ORB_BT_TOP; k++)
        fprintf(f, "  %2zu %-4s %5.2f | %-4s %5.2f\n", k + 1, b->top_model_abb[k],
                b->top_model_n[k], b->top_record_abb[k], b->top_record_n[k]);
    fprintf(f,
            "\nWars begun %d-%d, dyads a year: model %.2f (mean per run), record %.2f (UCDP/PRIO\n"
            "interstate war-intensity onsets); the model's uses of force in breach of the ban\n"
            "(no Council authorisation): %.0f%%\n",
            o->from + 1, o->to, b->wars_model, b->wars_record, 100 * b->force_breach_share);
    fputs("Quantiles: Hyndman & Fan type 7 (orb_quantile).\n", f);
}

/* orbis backtest --relations: the pairs' affinity at the end against the record. */
static void relations_out(FILE *f, cli_format fmt, const orb_backtest_opts *o,
                          const orb_relations_check *c)
{
    if (fmt == FMT_TABLE) {
        fprintf(f,
                "Relations %d -> %d: %zu pairs of states with UNGA ideal points in both years;\n"
                "affinity at %d (1 - 2|ip_i - ip_j| / the range of that year's ideal points):\n"
                "the record (also on %d's range), the model (mean of %zu runs, seed %" PRIu64
                ", regime %s, %s)\nand persistence (the %d affinities).\n\n",
                o->from, o->to, c->pairs, o->to, o->from, c->runs, o->seed,
                orb_regime_name(o->regime),
                o->out_of_sample ? "estimates and long-run levels from before the start"
                                 : "default estimates",
                o->from);
        fprintf(f, "%-32s %8s %8s %8s %12s\n", "", "record", "record", "model", "persistence");
        fprintf(f, "%-32s %8d %8d\n", "scale: the range of the year", o->to, o->from);
        fprintf(f, "%-32s %8.2f %8.2f %8.2f %12.2f\n", "range of the ideal points",
                c->range_observed, c->range_start, c->range_model, c->range_start);
        fprintf(f, "%-32s %8.3f %8.3f %8.3f %12.3f   (model runs: %.3f-%.3f)\n",
                "spread (SD across pairs)", c->spread_observed, c->spread_observed_start,
                c->spread_model, c->spread_persistence, c->spread_model_min, c->spread_model_max);
        fprintf(f, "%-32s %8.0f %8.0f %8.1f %12.0f   (model runs 5-95%%: %.0f-%.0f)\n",
                "hostile pairs (affinity < -0.5)", c->hostile_observed, c->hostile_observed_start,
                c->hostile_model, c->hostile_persistence, c->hostile_model_p5,
                c->hostile_model_p95);
        fprintf(f, "%-32s %8.0f %8.0f %8.1f %12.0f   (model runs 5-95%%: %.0f-%.0f)\n",
                "negative pairs (affinity < 0)", c->negative_observed, c->negative_observed_start,
                c->negative_model, c->negative_persistence, c->negative_model_p5,
                c->negative_model_p95);
        fprintf(f, "%-32s %8s %8s %8.3f %12.3f\n", "Spearman with the record", "1", "1",
                c->spearman_model, c->spearman_persistence);
        fprintf(f, "%-32s %8s %8s %8.3f %12s\n", "  of the runs' mean affinity", "", "",
                c->spearman_mean, "");
        fprintf(f,
                "\nThe record's count in every year %d-%d (these pairs, each year's range):\n"
                "  hostile pairs  mean %.1f, from %.0f (%d) to %.0f (%d)\n"
                "  negative pairs mean %.1f, from %.0f to %.0f\n",
                o->from, o->to, c->hostile_record_mean, c->hostile_record_min,
                c->hostile_record_min_year, c->hostile_record_max, c->hostile_record_max_year,
                c->negative_record_mean, c->negative_record_min, c->negative_record_max);
        return;
    }
    {
        cli_stream s;
        stream_begin(&s, f, fmt);
        bt_put(&s, "relations", 0, "pairs", (double)c->pairs);
        bt_put(&s, "relations", 0, "spread_record", c->spread_observed);
        bt_put(&s, "relations", 0, "spread_model", c->spread_model);
        bt_put(&s, "relations", 0, "spread_persistence", c->spread_persistence);
        bt_put(&s, "relations", 0, "hostile_record", c->hostile_observed);
        bt_put(&s, "relations", 0, "hostile_model", c->hostile_model);
        bt_put(&s, "relations", 0, "hostile_persistence", c->hostile_persistence);
        bt_put(&s, "relations", 0, "spread_record_start_scale", c->spread_observed_start);
        bt_put(&s, "relations", 0, "hostile_record_start_scale", c->hostile_observed_start);
        bt_put(&s, "relations", 0, "negative_record", c->negative_observed);
        bt_put(&s, "relations", 0, "negative_record_start_scale", c->negative_observed_start);
        bt_put(&s, "relations", 0, "negative_model", c->negative_model);
        bt_put(&s, "relations", 0, "negative_persistence", c->negative_persistence);
        bt_put(&s, "relations", 0, "hostile_model_p5", c->hostile_model_p5);
        bt_put(&s, "relations", 0, "hostile_model_p95", c->hostile_model_p95);
        bt_put(&s, "relations", 0, "negative_model_p5", c->negative_model_p5);
        bt_put(&s, "relations", 0, "negative_model_p95", c->negative_model_p95);
        bt_put(&s, "relations", 0, "hostile_record_window_mean", c->hostile_record_mean);
        bt_put(&s, "relations", 0, "hostile_record_window_min", c->hostile_record_min);
        bt_put(&s, "relations", 0, "hostile_record_window_max", c->hostile_record_max);
        bt_put(&s, "relations", 0, "negative_record_window_mean", c->negative_record_mean);
        bt_put(&s, "relations", 0, "negative_record_window_min", c->negative_record_min);
        bt_put(&s, "relations", 0, "negative_record_window_max", c->negative_record_max);
        bt_put(&s, "relations", 0, "spearman_model", c->spearman_model);
        bt_put(&s, "relations", 0, "spearman_persistence", c->spearman_persistence);
        bt_put(&s, "relations", 0, "spearman_mean_affinity", c->spearman_mean);
        bt_put(&s, "relations", 0, "range_record", c->range_observed);
        bt_put(&s, "relations", 0, "range_record_start", c->range_start);
        bt_put(&s, "relations", 0, "range_model", c->range_model);
        stream_end(&s);
    }
}

/* The median of v[0..n) (sorted in place), NaN when n is 0. */
static double median_of(double *v, size_t n)
{
    if (v == NULL || n == 0) return NAN;
    orb_sort(v, n);
    return orb_quantile(v, n, 0.5);
}

/* orbis backtest --population: one step and two ahead against the World Bank,
 * the end year against WPP 2022 (an outside check). */
static void population_out(FILE *f, cli_format fmt, const orb_population_check *c)
{
    const size_t top = c->nrows < 10 ? c->nrows : 10;
    double e1 = 0, e2 = 0, ee = 0, *abse = calloc(c->nrows + 1, sizeof *abse), med;
    double b1 = 0, b2 = 0, be = 0, *absb = calloc(c->nrows + 1, sizeof *absb), medb;
    size_t n1 = 0, n2 = 0, ne = 0, in80 = 0, k;

    for (k = 0; k < c->nrows; k++) {
        const orb_pop_row *r = &c->rows[k];
        if (r->wb1 > 0) {
            e1 += fabs(r->model1 / r->wb1 - 1);
            b1 += fabs(r->naive1 / r->wb1 - 1);
            n1++;
        }
        if (r->wb2 > 0) {
            e2 += fabs(r->model2 / r->wb2 - 1);
            b2 += fabs(r->naive2 / r->wb2 - 1);
            n2++;
        }
        if (r->wpp > 0) {
            ee += fabs(r->model_end / r->wpp - 1);
            be += fabs(r->naive_end / r->wpp - 1);
            if (abse) abse[ne] = fabs(r->model_end / r->wpp - 1);
            if (absb) absb[ne] = fabs(r->naive_end / r->wpp - 1);
            ne++;
        }
        if (k < top && r->model_end >= r->wpp_lo80 && r->model_end <= r->wpp_hi80) in80++;
    }
    med = median_of(abse, ne);
    medb = median_of(absb, ne);
    free(abse);
    free(absb);
    if (fmt == FMT_TABLE) {
        fprintf(
            f,
            "Population from %d (one run: population has no random term): the model one and\n"
            "two years on against the World Bank, and in %d against UN WPP 2022's median and\n"
            "80%% interval (an outside check, not fitted). Millions; the ten largest states.\n\n",
            c->start, c->end);
        fprintf(f, "%-5s %8s %8s %8s %8s %8s %8s %8s  %-17s\n", "state", "start", "model+1", "WB+1",
                "model+2", "WB+2", "model", "WPP", "WPP 80%");
        for (k = 0; k < top; k++) {
            const orb_pop_row *r = &c->rows[k];
            fprintf(f, "%-5s %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f  [%6.1f, %6.1f]\n", r->abb,
                    r->pop0 / 1e6, r->model1 / 1e6, r->wb1 / 1e6, r->model2 / 1e6, r->wb2 / 1e6,
                    r->model_end / 1e6, r->wpp / 1e6, r->wpp_lo80 / 1e6, r->wpp_hi80 / 1e6);
        }
        fprintf(f,
                "\nmean absolute error, all states with a value: %d %.3f%% (%zu states), "
                "%d %.3f%% (%zu);\n%d against the WPP median %.1f%% (median %.1f%%; %zu "
                "states); the ten largest inside\nWPP's 80%% interval: %zu of %zu; world %d: "
                "model %.2f billion, WPP %.2f billion.\n",
                c->start + 1, 100 * e1 / (double)(n1 ? n1 : 1), n1, c->start + 2,
                100 * e2 / (double)(n2 ? n2 : 1), n2, c->end, 100 * ee / (double)(ne ? ne : 1),
                100 * med, ne, in80, top, c->end, c->world_model_end / 1e9, c->world_wpp_end / 1e9);
        fprintf(f, "baseline, the %d growth held: %.3f%%, %.3f%%; %d: %.1f%% (median %.1f%%).\n",
                c->start, 100 * b1 / (double)(n1 ? n1 : 1), 100 * b2 / (double)(n2 ? n2 : 1),
                c->end, 100 * be / (double)(ne ? ne : 1), 100 * medb);
        return;
    }
    {
        cli_stream s;
        stream_begin(&s, f, fmt);
        for (k = 0; k < c->nrows; k++) {
            const orb_pop_row *r = &c->rows[k];
            bt_put(&s, r->abb, c->start, "pop", r->pop0);
            bt_put(&s, r->abb, c->start + 1, "model", r->model1);
            bt_put(&s, r->abb, c->start + 1, "wb", r->wb1);
            bt_put(&s, r->abb, c->start + 2, "model", r->model2);
            bt_put(&s, r->abb, c->start + 2, "wb", r->wb2);
            bt_put(&s, r->abb, c->end, "model", r->model_end);
            bt_put(&s, r->abb, c->end, "wpp", r->wpp);
            bt_put(&s, r->abb, c->end, "wpp_lo80", r->wpp_lo80);
            bt_put(&s, r->abb, c->end, "wpp_hi80", r->wpp_hi80);
            bt_put(&s, r->abb, c->start + 1, "baseline", r->naive1);
            bt_put(&s, r->abb, c->start + 2, "baseline", r->naive2);
            bt_put(&s, r->abb, c->end, "baseline", r->naive_end);
        }
        bt_put(&s, "world", c->end, "model", c->world_model_end);
        bt_put(&s, "world", c->end, "wpp", c->world_wpp_end);
        stream_end(&s);
    }
}

int cmd_backtest(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_backtest *b = NULL;
    orb_backtest_opts o = orb_backtest_opts_default();
    orb_params par;
    const char *params = NULL;
    int relations = 0, population = 0;
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    int rc;
    const cli_opt opts[] = {
        {"--from", OPT_YEAR, &o.from, 0, 0, NULL},
        {"--to", OPT_YEAR, &o.to, 0, 0, NULL},
        {"--runs", OPT_SIZE, &o.runs, 1, 100000, NULL},
        {"--seed", OPT_SEED, &o.seed, 0, 0, NULL},
        {"--out-of-sample", OPT_FLAG, &o.out_of_sample, 0, 0, NULL},
        {"--regime", OPT_REGIME, &o.regime, 0, 0, NULL},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {"--params", OPT_STRING, &params, 0, 0, NULL},
        {"--relations", OPT_FLAG, &relations, 0, 0, NULL},
        {"--population", OPT_FLAG, &population, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    if ((rc = cli_parse("backtest", argc, argv, opts, NULL))) return rc;
    if (params != NULL) {
        if ((rc = cli_params(params, NULL, &par))) return rc;
        o.params = &par;
    }
    if (o.to <= o.from) return cli_usage_error("backtest", "--to must be after --from");
    if (relations && population)
        return cli_usage_error("backtest",
                               "--relations and --population are separate checks; give one");
    if ((rc = cli_load(env, 1, &t, &p))) return rc;
    o.data_dir = env->data_dir;
    orb_error_clear(&err);
    if (population) {
        orb_population_check c;
        if ((st = orb_backtest_population(t, p, env->data_dir, o.params, &c, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        if ((rc = cli_out_open(&out)) == 0) {
            population_out(out.f, fmt, &c);
            rc = cli_out_commit(&out);
        }
        orb_population_check_free(&c);
        goto done;
    }
    if (relations) {
        orb_relations_check c;
        if ((st = orb_backtest_relations(t, p, &o, &c, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        if ((rc = cli_out_open(&out))) goto done;
        relations_out(out.f, fmt, &o, &c);
        rc = cli_out_commit(&out);
        goto done;
    }
    if ((st = orb_backtest_run(t, p, &o, &b, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE)
        backtest_table(out.f, b);
    else
        backtest_records(out.f, fmt, b);
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    orb_backtest_free(b);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
