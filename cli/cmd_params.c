/*
 * cmd_params.c - `orbis params` (the parameter table), `orbis calibrate`
 * (re-estimate the parameters from ORBIS_DATA) and `orbis backtest` (start
 * from a past year's data and compare the model with what happened).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Parse the only option these commands share besides their own: --format. */
static int parse_common(const char *cmd, int argc, char **argv, int *i, cli_format *fmt, int *rc)
{
    const char *v;

    if (strcmp(argv[*i], "--format") != 0) return 0;
    if ((v = cli_optarg(cmd, argc, argv, i)) == NULL) {
        *rc = EXIT_USAGE;
        return 1;
    }
    *rc = cli_parse_format(cmd, v, fmt);
    return 1;
}

static void param_record(cli_rec *rec, size_t k, const void *ud)
{
    const orb_param_info *p = orb_params_info(k);

    (void)ud;
    rec_begin(rec);
    rec_str(rec, "name", p->name, 0);
    rec_num(rec, "default", "%.9g", p->def);
    rec_num(rec, "min", "%.9g", p->lo);
    rec_num(rec, "max", "%.9g", p->hi);
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
    rec_num(rec, "estimate", "%.9g", e->value);
    rec_num(rec, "se", "%.6g", e->se);
    rec_int(rec, "n", (long)e->n, 0);
    rec_int(rec, "states", (long)e->nclusters, 0);
    rec_int(rec, "from_year", e->from_year, 0);
    rec_int(rec, "to_year", e->to_year, 0);
    rec_str(rec, "method", e->method, 0);
    rec_str(rec, "data", e->data, 0);
    rec_end(rec);
}

int cmd_params(const cli_env *env, int argc, char **argv)
{
    cli_format fmt = FMT_TABLE;
    cli_out out = {NULL, NULL, 0};
    size_t k, n = orb_params_count();
    int i, rc = 0;

    (void)env;
    for (i = 1; i < argc; i++) {
        if (parse_common("params", argc, argv, &i, &fmt, &rc)) {
            if (rc) return rc;
            continue;
        }
        return cli_usage_error("params", "unknown option '%s'", argv[i]);
    }
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
    int i, rc = 0;
    const char *v;

    for (i = 1; i < argc; i++) {
        if (parse_common("calibrate", argc, argv, &i, &fmt, &rc)) {
            if (rc) return rc;
            continue;
        }
        if (strcmp(argv[i], "--to") == 0) {
            if ((v = cli_optarg("calibrate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("calibrate", "--to", v, ORB_CALIBRATE_MIN_YEAR, ORB_LAST_YEAR,
                                    &co.last_year)))
                return rc;
        } else if (strcmp(argv[i], "--years") == 0) {
            if ((v = cli_optarg("calibrate", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("calibrate", "--years", v, 10, 100, &co.years))) return rc;
        } else {
            return cli_usage_error("calibrate", "unknown option '%s'", argv[i]);
        }
    }
    if ((rc = cli_load(env, 1, &t, &p))) return rc;
    orb_error_clear(&err);
    if ((st = orb_calibrate(env->data_dir, t, p, &co, est, ORB_CALIBRATE_MAX, &n, &err)) !=
        ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    if (fmt == FMT_TABLE) {
        fprintf(out.f, "%-26s %12s %10s %6s %5s %-9s %s\n", "parameter", "estimate", "SE", "n",
                "states", "years", "method");
        for (k = 0; k < n; k++)
            fprintf(out.f, "%-26s %12.6g %10.3g %6zu %5zu %4d-%4d %s\n", est[k].name, est[k].value,
                    est[k].se, est[k].n, est[k].nclusters, est[k].from_year, est[k].to_year,
                    est[k].method);
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

/* Shares of the common states (present in both worlds): a[k] for world
 * index ia[k]; renormalised to sum to one. */
static void renorm(double *v, size_t n)
{
    double s = 0;
    size_t k;
    for (k = 0; k < n; k++)
        s += v[k];
    for (k = 0; k < n; k++)
        v[k] /= s;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* 10%, 50% and 90% quantiles of v (sorted in place; nearest rank). */
static void quantiles(double *v, size_t n, double *p10, double *p50, double *p90)
{
    qsort(v, n, sizeof *v, cmp_double);
    *p10 = v[(size_t)(0.1 * (double)(n - 1) + 0.5)];
    *p50 = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    *p90 = v[(size_t)(0.9 * (double)(n - 1) + 0.5)];
}

static double mae(const double *a, const double *b, size_t n)
{
    double s = 0;
    size_t k;
    for (k = 0; k < n; k++)
        s += fabs(a[k] - b[k]);
    return s / (double)n;
}

int cmd_backtest(const cli_env *env, int argc, char **argv)
{
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w0 = NULL, *w1 = NULL;
    orb_run *r = NULL;
    cli_out out = {NULL, NULL, 0};
    int from = 2000, to = 2016, runs = 100, i, rc = 0, m, oos = 0;
    const char *regime = "anarchy";
    orb_scenario *scn = NULL;
    double *vet = NULL, *drafts = NULL, vby[ORB_UNSC_PERMANENT] = {0};
    orb_params base;
    long long seed = 1;
    size_t n0, k, nc = 0, *idx = NULL;
    double *act[2] = {NULL, NULL}, *per[2] = {NULL, NULL}, *sim[2] = {NULL, NULL};
    double *acc[2] = {NULL, NULL}, det[2], mean_mae[2] = {0, 0}, ens[2];
    double *cinc0 = NULL, *cinc1 = NULL, *mids = NULL, *col = NULL;
    int ny;
    orb_error err;
    orb_status st;
    const char *v;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 || strcmp(argv[i], "--to") == 0) {
            int *dst = argv[i][2] == 'f' ? &from : &to;
            if ((v = cli_optarg("backtest", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_year("backtest", argv[i - 1], v, dst))) return rc;
        } else if (strcmp(argv[i], "--runs") == 0) {
            if ((v = cli_optarg("backtest", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("backtest", "--runs", v, 1, 100000, &runs))) return rc;
        } else if (strcmp(argv[i], "--out-of-sample") == 0) {
            oos = 1;
        } else if (strcmp(argv[i], "--regime") == 0) {
            if ((regime = cli_optarg("backtest", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if (strcmp(regime, "anarchy") && strcmp(regime, "un-charter") &&
                strcmp(regime, "rules-based"))
                return cli_usage_error("backtest",
                                       "--regime expects anarchy, un-charter or rules-based, found "
                                       "'%s'",
                                       regime);
        } else if (strcmp(argv[i], "--seed") == 0) {
            int s32;
            if ((v = cli_optarg("backtest", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("backtest", "--seed", v, 0, 2147483647, &s32))) return rc;
            seed = s32;
        } else {
            return cli_usage_error("backtest", "unknown option '%s'", argv[i]);
        }
    }
    if (to <= from) return cli_usage_error("backtest", "--to must be after --from");
    if ((rc = cli_load(env, 1, &t, &p))) return rc;
    orb_error_clear(&err);
    orb_params_default(&base);
    if (oos) { /* re-estimate on samples that end the year before the start */
        orb_estimate est[ORB_CALIBRATE_MAX];
        orb_calibrate_opts co = orb_calibrate_opts_default();
        size_t ne = 0;
        co.last_year = from - 1;
        if ((st = orb_calibrate(env->data_dir, t, p, &co, est, ORB_CALIBRATE_MAX, &ne, &err)) !=
                ORB_OK ||
            (st = orb_calibrate_apply(est, ne, &base, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
    }
    if ((st = orb_world_new(t, p, from, &w0, &err)) != ORB_OK ||
        (st = orb_world_new(t, p, to, &w1, &err)) != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    n0 = orb_world_nstates(w0);
    ny = to - from;
    mids = calloc((size_t)runs * (size_t)ny + 1, sizeof *mids);
    vet = calloc((size_t)runs * (size_t)ny + 1, sizeof *vet);
    drafts = calloc((size_t)runs * (size_t)ny + 1, sizeof *drafts);
    col = calloc((size_t)runs + 1, sizeof *col);
    {
        char text[160];
        snprintf(text, sizeof text, "name: backtest\nstart: %d\nend: %d\norder: {regime: %s}\n",
                 from, to, regime);
        if (orb_scenario_parse(text, strlen(text), "backtest", t, &scn, &err) != ORB_OK) {
            rc = cli_lib_error(ORB_EINVAL, &err);
            goto done;
        }
    }
    if (mids == NULL || col == NULL || vet == NULL || drafts == NULL) {
        rc = cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    idx = calloc(n0 + 1, sizeof *idx);
    cinc0 = calloc(n0 + 1, sizeof *cinc0);
    cinc1 = calloc(orb_world_nstates(w1) + 1, sizeof *cinc1);
    for (m = 0; m < 2; m++) {
        act[m] = calloc(n0 + 1, sizeof **act);
        per[m] = calloc(n0 + 1, sizeof **per);
        sim[m] = calloc(n0 + 1, sizeof **sim);
        acc[m] = calloc(n0 + 1, sizeof **acc);
    }
    if (!idx || !cinc0 || !cinc1 || !act[0] || !act[1] || !per[0] || !per[1] || !sim[0] ||
        !sim[1] || !acc[0] || !acc[1]) {
        rc = cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    orb_world_power(w0, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, cinc0);
    orb_world_power(w1, ORB_MEASURE_CINC, ORB_CINC_CODEBOOK, NULL, cinc1);
    for (k = 0; k < n0; k++) { /* states in both years with CINC and real GDP */
        const orb_state *s0 = orb_world_state(w0, k);
        size_t j = orb_world_index(w1, s0->ccode);
        if (j == (size_t)-1 || isnan(cinc0[k]) || isnan(cinc1[j]) ||
            !(orb_world_state(w1, j)->gdp_ppp > 0))
            continue;
        idx[nc] = k;
        act[0][nc] = cinc1[j];
        act[1][nc] = orb_world_state(w1, j)->gdp_ppp;
        per[0][nc] = cinc0[k];
        per[1][nc] = s0->gdp_ppp;
        nc++;
    }
    for (m = 0; m < 2; m++) {
        renorm(act[m], nc);
        renorm(per[m], nc);
    }
    for (i = -1; i < runs; i++) { /* i = -1: the expected path (no random shocks) */
        orb_run_opts o = orb_run_opts_default();
        orb_params par = base;
        if (i < 0) orb_params_set(&par, "econ.shocks", 0, NULL);
        o.params = &par;
        o.seed = (uint64_t)seed;
        o.run_index = i < 0 ? 0 : (uint64_t)i;
        o.end_year = to;
        if ((st = orb_run_new(w0, scn, &o, &r, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        while (orb_run_step(r) == ORB_OK) {
            const orb_metrics *mm = orb_run_metrics(r);
            size_t at = (size_t)i * (size_t)ny + (size_t)(orb_run_year(r) - from - 1), q, d = 0;
            if (i < 0) continue;
            mids[at] = (double)mm->disputes;
            vet[at] = (double)mm->vetoed;
            for (q = 0; q < ORB_NRESOLUTIONS; q++)
                d += mm->resolutions[q];
            drafts[at] = (double)d;
            for (q = 0; q < ORB_UNSC_PERMANENT; q++)
                vby[q] += (double)mm->vetoes_by[q] / runs;
        }
        for (k = 0; k < nc; k++) {
            sim[0][k] = orb_run_share(r, idx[k], ORB_MEASURE_CINC);
            sim[1][k] = orb_run_share(r, idx[k], ORB_MEASURE_GDP);
        }
        orb_run_free(r);
        r = NULL;
        for (m = 0; m < 2; m++) {
            renorm(sim[m], nc);
            if (i < 0) {
                det[m] = mae(sim[m], act[m], nc);
                continue;
            }
            mean_mae[m] += mae(sim[m], act[m], nc) / runs;
            for (k = 0; k < nc; k++)
                acc[m][k] += sim[m][k] / runs;
        }
    }
    for (m = 0; m < 2; m++)
        ens[m] = mae(acc[m], act[m], nc);
    if ((rc = cli_out_open(&out))) goto done;
    fprintf(out.f,
            "Backtest %d -> %d: %zu states present in both years; mean absolute error of shares\n"
            "(x 1000), model with %s\nagainst persistence (%d = %d); order regime %s.\n\n",
            from, to, nc,
            oos ? "parameters re-estimated on data that end the year before the start"
                : "the default parameters",
            to, from, regime);
    fprintf(out.f, "%-12s %10s %10s %10s %12s\n", "share", "expected", "ens-mean", "per-run",
            "persistence");
    for (m = 0; m < 2; m++)
        fprintf(out.f, "%-12s %10.4f %10.4f %10.4f %12.4f\n", m ? "real GDP" : "CINC",
                1000 * det[m], 1000 * ens[m], 1000 * mean_mae[m], 1000 * mae(per[m], act[m], nc));
    fprintf(out.f,
            "\nexpected: one run without random shocks; ens-mean: the mean forecast of %d runs\n"
            "(seed %lld); per-run: the average error of a single run. Lower is better.\n",
            runs, seed);
    {
        int y, last = orb_panel_disputes_last_year(p), both = 0;
        double sum_med = 0, sum_rec = 0;
        fprintf(out.f,
                "\nMilitarised dispute onsets a year (dyads): the model's median over the %d runs\n"
                "with its 10%%-90%% range, against the COW MID 5.0 record (all states).\n\n"
                "%4s %8s %8s %8s %8s\n",
                runs, "year", "median", "p10", "p90", "MID");
        for (y = from + 1; y <= to; y++) {
            double med, lo, hi;
            for (i = 0; i < runs; i++)
                col[i] = mids[(size_t)i * (size_t)ny + (size_t)(y - from - 1)];
            quantiles(col, (size_t)runs, &lo, &med, &hi);
            fprintf(out.f, "%4d %8.1f %8.1f %8.1f ", y, med, lo, hi);
            if (y <= last) {
                size_t rec = orb_panel_disputes(p, y);
                fprintf(out.f, "%8zu\n", rec);
                sum_med += med;
                sum_rec += (double)rec;
                both++;
            } else {
                fprintf(out.f, "%8s\n", "NA");
            }
        }
        if (both > 0) {
            double e_model = 0, e_flat = 0, mean_rec = sum_rec / both;
            for (y = from + 1; y < from + 1 + both; y++) {
                double med, lo, hi, rec = (double)orb_panel_disputes(p, y);
                for (i = 0; i < runs; i++)
                    col[i] = mids[(size_t)i * (size_t)ny + (size_t)(y - from - 1)];
                quantiles(col, (size_t)runs, &lo, &med, &hi);
                e_model += fabs(med - rec);
                e_flat += fabs(mean_rec - rec);
            }
            fprintf(out.f,
                    "mean %d-%d: model median %.1f, record %.1f a year; mean absolute error of\n"
                    "the yearly counts: model median %.1f, a flat line at the record's own mean "
                    "%.1f\n",
                    from + 1, from + both, sum_med / both, mean_rec, e_model / both, e_flat / both);
        }
    }
    {
        int y;
        double model = 0, actual = 0, dr = 0;
        int yrs = 0;
        static const char *const p5n[ORB_UNSC_PERMANENT] = {"USA", "UKG", "FRN", "RUS", "CHN"};
        static const int p5c[ORB_UNSC_PERMANENT] = {2, 200, 220, 365, 710};
        fprintf(out.f,
                "\nSecurity Council drafts and vetoes a year: the model's median over the runs\n"
                "(regime %s) against the vetoed drafts on record (Dag Hammarskjold Library).\n\n"
                "%4s %8s %8s %8s\n",
                regime, "year", "drafts", "vetoed", "record");
        for (y = from + 1; y <= to; y++) {
            double lo, med_v, med_d, hi;
            size_t rec = orb_tables_vetoes(t, y, 0);
            for (i = 0; i < runs; i++)
                col[i] = vet[(size_t)i * (size_t)ny + (size_t)(y - from - 1)];
            quantiles(col, (size_t)runs, &lo, &med_v, &hi);
            for (i = 0; i < runs; i++)
                col[i] = drafts[(size_t)i * (size_t)ny + (size_t)(y - from - 1)];
            quantiles(col, (size_t)runs, &lo, &med_d, &hi);
            fprintf(out.f, "%4d %8.1f %8.1f %8zu\n", y, med_d, med_v, rec);
            model += med_v;
            dr += med_d;
            actual += (double)rec;
            yrs++;
        }
        fprintf(out.f, "mean a year: model %.2f vetoed of %.2f drafts; record %.2f vetoed\n",
                model / yrs, dr / yrs, actual / yrs);
        fprintf(out.f, "vetoes cast by permanent member, %d-%d (model: mean per run; record):\n",
                from + 1, to);
        for (i = 0; i < ORB_UNSC_PERMANENT; i++) {
            size_t rec = 0;
            for (y = from + 1; y <= to; y++)
                rec += orb_tables_vetoes(t, y, p5c[i]);
            fprintf(out.f, "  %s %6.1f %6zu\n", p5n[i], vby[i], rec);
        }
    }
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    orb_scenario_free(scn);
    free(vet);
    free(drafts);
    orb_run_free(r);
    for (m = 0; m < 2; m++) {
        free(act[m]);
        free(per[m]);
        free(sim[m]);
        free(acc[m]);
    }
    free(idx);
    free(mids);
    free(col);
    free(cinc0);
    free(cinc1);
    orb_world_free(w0);
    orb_world_free(w1);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
