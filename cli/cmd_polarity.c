/*
 * cmd_polarity.c - `orbis polarity`: concentration and polarity for a year
 * or a span of years.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct pol_args {
    int from, to, single, majors, top;
    orb_measure measure;
    cli_format fmt;
    orb_polarity_opts opts;
} pol_args;

static const char *abb_of(const orb_world *w, size_t i)
{
    const orb_state *s = orb_world_state(w, i);
    return s ? s->abb : "";
}

static int ccode_of(const orb_world *w, size_t i)
{
    const orb_state *s = orb_world_state(w, i);
    return s ? s->ccode : 0;
}

static const char *scope_name(int majors)
{
    return majors ? "majors" : "all";
}

/* ---- one year ------------------------------------------------------------ */

/* How many ranked states to list (*k_out), and the total power of all ranked. */
static double top_k(const pol_args *a, const double *power, const size_t *rank, size_t nrank,
                    size_t *k_out)
{
    double total = 0;
    size_t i;

    for (i = 0; i < nrank; i++)
        total += power[rank[i]];
    *k_out = (a->top == 0 || (size_t)a->top > nrank) ? nrank : (size_t)a->top;
    return total;
}

static void year_table(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol,
                       const double *power, const size_t *rank, size_t nrank)
{
    size_t i, k;
    double total = top_k(a, power, rank, nrank, &k);

    fprintf(f, "Polarity %d: measure %s%s, %s (%zu states)\n", pol->year,
            orb_measure_name(a->measure),
            a->measure == ORB_MEASURE_CINC
                ? (a->opts.rule == ORB_CINC_CODEBOOK ? " (codebook rule)" : " (strict rule)")
                : "",
            a->majors ? "COW major powers" : "all states", pol->c.n);
    fprintf(f, "  CON %.4f   HHI %.4f   effective poles %.2f   poles (share >= %.2f) %zu\n",
            pol->c.con, pol->c.hhi, pol->c.neff, a->opts.pole_share, pol->npoles);
    fprintf(f, "  leader %s (share %.4f)   challenger %s (share %.4f)   ratio %.4f   parity %s\n",
            abb_of(w, pol->leader), pol->leader_share,
            pol->challenger == (size_t)-1 ? "-" : abb_of(w, pol->challenger), pol->challenger_share,
            pol->ratio, pol->parity ? "yes" : "no");
    fprintf(f, "  Global South (G77 + China) share %.4f\n\n", pol->gs_share);
    fprintf(f, "%4s %4s %-4s %-28s %9s %7s %2s %2s\n", "rank", "cow", "abb", "name",
            orb_measure_name(a->measure), "share", "GS", "MP");
    for (i = 0; i < k; i++) {
        const orb_state *s = orb_world_state(w, rank[i]);
        fprintf(f, "%4zu %4d %-4s %-28.28s %9.4f %7.4f %2s %2s\n", i + 1, s->ccode, s->abb, s->name,
                power[rank[i]], power[rank[i]] / total, s->global_south ? "y" : "",
                s->major ? "y" : "");
    }
}

/* The ranked states of one year, as records (CSV rows or JSON objects). */
typedef struct year_ud {
    const pol_args *a;
    const orb_world *w;
    const orb_polarity *pol;
    const double *power;
    const size_t *rank;
    double total;
} year_ud;

static void year_record(cli_rec *r, size_t i, const void *ud)
{
    const year_ud *u = ud;
    const orb_state *s = orb_world_state(u->w, u->rank[i]);

    rec_begin(r);
    rec_int(r, "year", u->pol->year, 0);
    rec_str(r, "measure", orb_measure_name(u->a->measure), 0);
    rec_str(r, "scope", scope_name(u->a->majors), 0);
    rec_int(r, "rank", (long)i + 1, 0);
    rec_int(r, "ccode", s->ccode, 0);
    rec_str(r, "stateabb", s->abb, 0);
    rec_str(r, "name", s->name, 0);
    rec_real(r, "value", u->power[u->rank[i]]);
    rec_real(r, "share", u->power[u->rank[i]] / u->total);
    rec_bool(r, "global_south", s->global_south);
    rec_bool(r, "major", s->major);
    rec_end(r);
}

static void year_records(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol,
                         const double *power, const size_t *rank, size_t nrank)
{
    year_ud u = {a, w, pol, power, rank, 0};
    size_t k;

    u.total = top_k(a, power, rank, nrank, &k);
    rec_list(f, a->fmt, k, year_record, &u);
}

/* ---- a span of years ----------------------------------------------------- */

static void span_header(FILE *f)
{
    fprintf(f, "%4s %4s %7s %7s %6s %5s %-4s %7s %-4s %7s %7s %3s %3s %7s\n", "year", "n", "CON",
            "HHI", "Neff", "poles", "lead", "share", "chal", "share", "ratio", "par", "tr", "GS");
}

/* One year of a span: the summary as a record. */
typedef struct span_ud {
    const pol_args *a;
    const orb_world *w;
    const orb_polarity *pol;
    int transition;
} span_ud;

static void span_record(cli_rec *r, const void *ud)
{
    const span_ud *u = ud;
    const orb_polarity *pol = u->pol;
    const orb_world *w = u->w;

    rec_begin(r);
    rec_int(r, "year", pol->year, 0);
    rec_str(r, "measure", orb_measure_name(u->a->measure), 0);
    rec_str(r, "scope", scope_name(u->a->majors), 0);
    rec_int(r, "n", (long)pol->c.n, 0);
    rec_real(r, "con", pol->c.con);
    rec_real(r, "hhi", pol->c.hhi);
    rec_real(r, "neff", pol->c.neff);
    rec_int(r, "poles", (long)pol->npoles, 0);
    rec_str(r, "leader", abb_of(w, pol->leader), 0);
    rec_int(r, "leader_ccode", ccode_of(w, pol->leader), 1);
    rec_real(r, "leader_share", pol->leader_share);
    rec_str(r, "challenger", pol->challenger == (size_t)-1 ? "" : abb_of(w, pol->challenger), 1);
    rec_int(r, "challenger_ccode", ccode_of(w, pol->challenger), 1);
    rec_real(r, "challenger_share", pol->challenger_share);
    rec_real(r, "ratio", pol->ratio);
    rec_bool(r, "parity", pol->parity);
    rec_bool(r, "transition", u->transition);
    rec_real(r, "gs_share", pol->gs_share);
    rec_end(r);
}

static void span_table_row(FILE *f, const orb_world *w, const orb_polarity *pol, int transition)
{
    char con[32], chs[32], ratio[32];
    const char *ch = pol->challenger == (size_t)-1 ? "-" : abb_of(w, pol->challenger);

    snprintf(con, sizeof con, "%7.4f", pol->c.con);
    snprintf(chs, sizeof chs, "%7.4f", pol->challenger_share);
    snprintf(ratio, sizeof ratio, "%7.4f", pol->ratio);
    fprintf(f, "%4d %4zu %s %7.4f %6.2f %5zu %-4s %7.4f %-4s %s %s %3s %3s %7.4f\n", pol->year,
            pol->c.n, isnan(pol->c.con) ? "     NA" : con, pol->c.hhi, pol->c.neff, pol->npoles,
            abb_of(w, pol->leader), pol->leader_share, ch,
            isnan(pol->challenger_share) ? "     NA" : chs, isnan(pol->ratio) ? "     NA" : ratio,
            pol->parity ? "y" : "", transition ? "T" : "", pol->gs_share);
}

static int parse_args(int argc, char **argv, pol_args *a)
{
    int rc, have_year = 0, have_from = 0, have_to = 0;
    const cli_opt opts[] = {
        {"--year", OPT_YEAR, &a->from, 0, 0, &have_year},
        {"--from", OPT_YEAR, &a->from, 0, 0, &have_from},
        {"--to", OPT_YEAR, &a->to, 0, 0, &have_to},
        {"--measure", OPT_MEASURE, &a->measure, 0, 0, NULL},
        {"--format", OPT_FORMAT, &a->fmt, 0, 0, NULL},
        {"--rule", OPT_CINC_RULE, &a->opts.rule, 0, 0, NULL},
        {"--top", OPT_INT, &a->top, 0, 1000, NULL},
        {"--pole-share", OPT_DOUBLE, &a->opts.pole_share, 0, 1, NULL},
        {"--parity", OPT_DOUBLE, &a->opts.parity_ratio, 0, 1, NULL},
        {"--majors", OPT_FLAG, &a->majors, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    memset(a, 0, sizeof *a);
    a->from = a->to = ORB_LAST_YEAR;
    a->top = 10;
    a->measure = ORB_MEASURE_CINC;
    a->fmt = FMT_TABLE;
    a->opts = orb_polarity_opts_default();
    if ((rc = cli_parse("polarity", argc, argv, opts, NULL))) return rc;
    if (have_year) a->to = a->from;
    if (have_year && (have_from || have_to))
        return cli_usage_error("polarity", "--year cannot be combined with --from/--to");
    if (have_from != have_to) return cli_usage_error("polarity", "--from and --to go together");
    if (a->from > a->to)
        return cli_usage_error("polarity", "--from %d is after --to %d", a->from, a->to);
    a->single = !have_from;
    return 0;
}

/* Grow the per-year power and rank buffers to hold n; 0 or -1 (no memory). */
static int grow(double **power, size_t **rank, size_t *cap, size_t n)
{
    double *np = realloc(*power, n * sizeof *np);
    size_t *nr;

    if (np == NULL) return -1;
    *power = np;
    nr = realloc(*rank, n * sizeof *nr);
    if (nr == NULL) return -1;
    *rank = nr;
    *cap = n;
    return 0;
}

int cmd_polarity(const cli_env *env, int argc, char **argv)
{
    pol_args a;
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    double *power = NULL;
    size_t *rank = NULL, nrank = 0, cap = 0;
    cli_out out = {NULL, NULL, 0};
    cli_stream span;
    FILE *f;
    orb_error err;
    orb_status st;
    int rc, y, prev_leader = 0;

    if ((rc = parse_args(argc, argv, &a))) return rc;
    if ((rc = cli_load(env, !(a.from == ORB_LAST_YEAR && a.to == ORB_LAST_YEAR), &t, &p)))
        return rc;
    if ((rc = cli_out_open(&out))) goto done;
    f = out.f;
    if (!a.single && a.fmt == FMT_TABLE) span_header(f);
    if (!a.single && a.fmt != FMT_TABLE) stream_begin(&span, f, a.fmt);
    for (y = a.from; y <= a.to; y++) {
        orb_polarity pol;
        size_t n;
        int transition;

        orb_error_clear(&err);
        if ((st = orb_world_new(t, p, y, &w, &err)) != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        n = orb_world_nstates(w);
        if (n + 1 > cap && grow(&power, &rank, &cap, n + 1) != 0) {
            rc = cli_lib_error(ORB_ENOMEM, NULL);
            goto done;
        }
        st = orb_world_polarity(w, a.measure, a.majors, &a.opts, &pol, power, rank, &nrank, &err);
        if (st != ORB_OK) {
            rc = cli_lib_error(st, &err);
            goto done;
        }
        transition = prev_leader != 0 && prev_leader != ccode_of(w, pol.leader);
        prev_leader = ccode_of(w, pol.leader);
        if (a.single) {
            if (a.fmt == FMT_TABLE)
                year_table(f, &a, w, &pol, power, rank, nrank);
            else
                year_records(f, &a, w, &pol, power, rank, nrank);
        } else if (a.fmt == FMT_TABLE) {
            span_table_row(f, w, &pol, transition);
        } else {
            span_ud u = {&a, w, &pol, transition};
            stream_row(&span, span_record, &u);
        }
        orb_world_free(w);
        w = NULL;
    }
    if (!a.single && a.fmt != FMT_TABLE) stream_end(&span);
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    free(power);
    free(rank);
    orb_world_free(w);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
