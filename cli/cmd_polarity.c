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

static void year_csv(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol,
                     const double *power, const size_t *rank, size_t nrank)
{
    size_t i, k;
    double total = top_k(a, power, rank, nrank, &k);

    fprintf(f, "year,measure,scope,rank,ccode,stateabb,name,value,share,global_south,major\n");
    for (i = 0; i < k; i++) {
        const orb_state *s = orb_world_state(w, rank[i]);
        fprintf(f, "%d,%s,%s,%zu,%d,%s,", pol->year, orb_measure_name(a->measure),
                scope_name(a->majors), i + 1, s->ccode, s->abb);
        out_csv_str(f, s->name);
        fprintf(f, ",%.17g,%.17g,%d,%d\n", power[rank[i]], power[rank[i]] / total, s->global_south,
                s->major);
    }
}

static void summary_json(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol)
{
    fprintf(f, "{\"year\": %d, \"measure\": \"%s\", \"scope\": \"%s\", \"n\": %zu, \"con\": ",
            pol->year, orb_measure_name(a->measure), scope_name(a->majors), pol->c.n);
    out_num(f, FMT_JSON, "%.17g", pol->c.con);
    fprintf(f, ", \"hhi\": %.17g, \"neff\": %.17g, \"poles\": %zu, \"leader\": ", pol->c.hhi,
            pol->c.neff, pol->npoles);
    out_json_str(f, abb_of(w, pol->leader));
    fprintf(f, ", \"leader_ccode\": %d, \"leader_share\": %.17g, \"challenger\": ",
            ccode_of(w, pol->leader), pol->leader_share);
    if (pol->challenger == (size_t)-1) {
        fputs("null, \"challenger_ccode\": null", f);
    } else {
        out_json_str(f, abb_of(w, pol->challenger));
        fprintf(f, ", \"challenger_ccode\": %d", ccode_of(w, pol->challenger));
    }
    fputs(", \"challenger_share\": ", f);
    out_num(f, FMT_JSON, "%.17g", pol->challenger_share);
    fputs(", \"ratio\": ", f);
    out_num(f, FMT_JSON, "%.17g", pol->ratio);
    fprintf(f, ", \"parity\": %s, \"gs_share\": %.17g", pol->parity ? "true" : "false",
            pol->gs_share);
}

static void year_json(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol,
                      const double *power, const size_t *rank, size_t nrank)
{
    size_t i, k;
    double total = top_k(a, power, rank, nrank, &k);

    summary_json(f, a, w, pol);
    fputs(", \"top\": [\n", f);
    for (i = 0; i < k; i++) {
        const orb_state *s = orb_world_state(w, rank[i]);
        fprintf(f, "  {\"rank\": %zu, \"ccode\": %d, \"stateabb\": ", i + 1, s->ccode);
        out_json_str(f, s->abb);
        fputs(", \"name\": ", f);
        out_json_str(f, s->name);
        fprintf(f, ", \"value\": %.17g, \"share\": %.17g, \"global_south\": %s, \"major\": %s}%s\n",
                power[rank[i]], power[rank[i]] / total, s->global_south ? "true" : "false",
                s->major ? "true" : "false", i + 1 < k ? "," : "");
    }
    fputs("]}\n", f);
}

/* ---- a span of years ----------------------------------------------------- */

static void span_header(FILE *f, cli_format fmt)
{
    if (fmt == FMT_CSV)
        fputs("year,measure,scope,n,con,hhi,neff,poles,leader,leader_share,challenger,"
              "challenger_share,ratio,parity,transition,gs_share\n",
              f);
    else if (fmt == FMT_TABLE)
        fprintf(f, "%4s %4s %7s %7s %6s %5s %-4s %7s %-4s %7s %7s %3s %3s %7s\n", "year", "n",
                "CON", "HHI", "Neff", "poles", "lead", "share", "chal", "share", "ratio", "par",
                "tr", "GS");
    else
        fputs("[\n", f);
}

static void span_row(FILE *f, const pol_args *a, const orb_world *w, const orb_polarity *pol,
                     int transition, int first)
{
    const char *ch = pol->challenger == (size_t)-1 ? "" : abb_of(w, pol->challenger);

    if (a->fmt == FMT_CSV) {
        fprintf(f, "%d,%s,%s,%zu,", pol->year, orb_measure_name(a->measure), scope_name(a->majors),
                pol->c.n);
        out_num(f, FMT_CSV, "%.17g", pol->c.con);
        fprintf(f, ",%.17g,%.17g,%zu,%s,%.17g,%s,", pol->c.hhi, pol->c.neff, pol->npoles,
                abb_of(w, pol->leader), pol->leader_share, ch);
        out_num(f, FMT_CSV, "%.17g", pol->challenger_share);
        fputc(',', f);
        out_num(f, FMT_CSV, "%.17g", pol->ratio);
        fprintf(f, ",%d,%d,%.17g\n", pol->parity, transition, pol->gs_share);
    } else if (a->fmt == FMT_TABLE) {
        fprintf(f, "%4d %4zu ", pol->year, pol->c.n);
        out_num(f, FMT_TABLE, "%7.4f", pol->c.con);
        fprintf(f, " %7.4f %6.2f %5zu %-4s %7.4f %-4s ", pol->c.hhi, pol->c.neff, pol->npoles,
                abb_of(w, pol->leader), pol->leader_share, ch[0] ? ch : "-");
        out_num(f, FMT_TABLE, "%7.4f", pol->challenger_share);
        fputc(' ', f);
        out_num(f, FMT_TABLE, "%7.4f", pol->ratio);
        fprintf(f, " %3s %3s %7.4f\n", pol->parity ? "y" : "", transition ? "T" : "",
                pol->gs_share);
    } else {
        if (!first) fputs(",\n", f);
        fputs("  ", f);
        summary_json(f, a, w, pol);
        fprintf(f, ", \"transition\": %s}", transition ? "true" : "false");
    }
}

static int parse_args(int argc, char **argv, pol_args *a)
{
    int i, rc, have_year = 0, have_from = 0, have_to = 0;
    const char *v;

    memset(a, 0, sizeof *a);
    a->from = a->to = ORB_LAST_YEAR;
    a->top = 10;
    a->measure = ORB_MEASURE_CINC;
    a->fmt = FMT_TABLE;
    a->opts = orb_polarity_opts_default();
    for (i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
            cli_help(stdout, "polarity");
            return -1;
        } else if (strcmp(o, "--majors") == 0) {
            a->majors = 1;
            continue;
        }
        if (strcmp(o, "--year") && strcmp(o, "--from") && strcmp(o, "--to") &&
            strcmp(o, "--measure") && strcmp(o, "--format") && strcmp(o, "--top") &&
            strcmp(o, "--rule") && strcmp(o, "--pole-share") && strcmp(o, "--parity"))
            return cli_usage_error("polarity", "unknown option '%s'", o);
        if ((v = cli_optarg("polarity", argc, argv, &i)) == NULL) return EXIT_USAGE;
        if (strcmp(o, "--year") == 0) {
            if ((rc = cli_parse_year("polarity", o, v, &a->from))) return rc;
            a->to = a->from;
            have_year = 1;
        } else if (strcmp(o, "--from") == 0) {
            if ((rc = cli_parse_year("polarity", o, v, &a->from))) return rc;
            have_from = 1;
        } else if (strcmp(o, "--to") == 0) {
            if ((rc = cli_parse_year("polarity", o, v, &a->to))) return rc;
            have_to = 1;
        } else if (strcmp(o, "--measure") == 0) {
            if (orb_measure_parse(v, &a->measure) != ORB_OK)
                return cli_usage_error("polarity",
                                       "--measure expects cinc, gdp, milex or net, got '%s'", v);
        } else if (strcmp(o, "--format") == 0) {
            if ((rc = cli_parse_format("polarity", v, &a->fmt))) return rc;
        } else if (strcmp(o, "--rule") == 0) {
            if ((rc = cli_parse_rule("polarity", v, &a->opts.rule))) return rc;
        } else if (strcmp(o, "--top") == 0) {
            if ((rc = cli_parse_int("polarity", o, v, 0, 1000, &a->top))) return rc;
        } else if (strcmp(o, "--pole-share") == 0) {
            if ((rc = cli_parse_double("polarity", o, v, 0.0, 1.0, &a->opts.pole_share))) return rc;
        } else {
            if ((rc = cli_parse_double("polarity", o, v, 0.0, 1.0, &a->opts.parity_ratio)))
                return rc;
        }
    }
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
    FILE *f;
    orb_error err;
    orb_status st;
    int rc, y, prev_leader = 0;

    rc = parse_args(argc, argv, &a);
    if (rc < 0) return EXIT_OK;
    if (rc) return rc;
    if ((rc = cli_load(env, !(a.from == ORB_LAST_YEAR && a.to == ORB_LAST_YEAR), &t, &p)))
        return rc;
    if ((rc = cli_out_open(&out))) goto done;
    f = out.f;
    if (!a.single) span_header(f, a.fmt);
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
            else if (a.fmt == FMT_CSV)
                year_csv(f, &a, w, &pol, power, rank, nrank);
            else
                year_json(f, &a, w, &pol, power, rank, nrank);
        } else {
            span_row(f, &a, w, &pol, transition, y == a.from);
        }
        orb_world_free(w);
        w = NULL;
    }
    if (!a.single && a.fmt == FMT_JSON) fputs("\n]\n", f);
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
