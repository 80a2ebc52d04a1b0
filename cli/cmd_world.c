/*
 * cmd_world.c - `orbis world`: every state in the system in one year.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_table(FILE *f, const orb_world *w, const double *cinc)
{
    size_t i, n = orb_world_nstates(w);
    double tot_gdp = 0, tot_pop = 0;
    size_t n_gdp = 0;

    fprintf(f, "World %d: %zu states (COW NMC v7.0; World Bank; Fariss et al. 2022)\n\n",
            orb_world_year(w), n);
    fprintf(f, "%4s %-4s %-28s %-4s %4s %-11s %-6s %2s %2s %2s %8s %12s %12s %9s\n", "cow", "abb",
            "name", "iso3", "gw", "region", "UNgrp", "GS", "P5", "MP", "CINC", "GDP $bn", "PPP $bn",
            "pop m");
    for (i = 0; i < n; i++) {
        const orb_state *s = orb_world_state(w, i);
        char grp[8];

        snprintf(grp, sizeof grp, "%.6s", s->un_group[0] ? s->un_group : "-");
        fprintf(f, "%4d %-4s %-28.28s %-4s ", s->ccode, s->abb, s->name,
                s->iso3[0] ? s->iso3 : "-");
        if (s->gwcode)
            fprintf(f, "%4d", s->gwcode);
        else
            fprintf(f, "%4s", "-");
        fprintf(f, " %-11s %-6s %2s %2s %2s ", s->region, grp, s->global_south ? "y" : "",
                s->p5 ? "y" : "", s->major ? "y" : "");
        if (isnan(cinc[i]))
            fputs("NA", f);
        else
            fprintf(f, "%8.6f", cinc[i]);
        fputc(' ', f);
        if (isnan(s->gdp_usd))
            fprintf(f, "%12s", "NA");
        else
            fprintf(f, "%11.1f%c", s->gdp_usd / 1e9, orb_state_gdp_imputed(s) ? '*' : ' ');
        fputc(' ', f);
        if (isnan(s->gdp_ppp))
            fprintf(f, "%12s", "NA");
        else
            fprintf(f, "%12.1f", s->gdp_ppp / 1e9);
        fputc(' ', f);
        if (isnan(s->pop))
            fprintf(f, "%9s\n", "NA");
        else
            fprintf(f, "%9.2f\n", s->pop / 1e6);
        if (!isnan(s->gdp_usd)) {
            tot_gdp += s->gdp_usd;
            n_gdp++;
        }
        if (!isnan(s->pop)) tot_pop += s->pop;
    }
    if (n_gdp > 0)
        fprintf(f, "\nTotal GDP %.1f $bn (current USD, %zu states), population %.1f m.\n",
                tot_gdp / 1e9, n_gdp, tot_pop / 1e6);
    else
        fprintf(f, "\nNo current-USD GDP before 1960 (World Bank); population %.1f m.\n",
                tot_pop / 1e6);
    fprintf(f, "* GDP imputed (see data/README.md); MP = COW major power; GS = G77 + China.\n");
}

/* The fields of one state, shared by the CSV and JSON writers. */
static void state_record(cli_rec *r, int year, const orb_state *s, double cinc)
{
    int c;

    rec_begin(r);
    rec_int(r, "year", year, 0);
    rec_int(r, "ccode", s->ccode, 0);
    rec_str(r, "stateabb", s->abb, 0);
    rec_str(r, "name", s->name, 0);
    rec_str(r, "iso3", s->iso3, 1);
    rec_int(r, "gwcode", s->gwcode, 1);
    rec_str(r, "region", s->region, 0);
    rec_str(r, "un_group", s->un_group, 1);
    rec_bool(r, "global_south", s->global_south);
    rec_bool(r, "p5", s->p5);
    rec_bool(r, "major", s->major);
    for (c = 0; c < ORB_NCOMP; c++)
        rec_real(r, orb_component_name(c), s->comp[c]);
    rec_real(r, "cinc_published", s->cinc_pub);
    rec_real(r, "cinc", cinc);
    rec_real(r, "gdp_usd", s->gdp_usd);
    rec_str(r, "gdp_usd_source", s->gdp_usd_source, 0);
    rec_bool(r, "gdp_imputed", orb_state_gdp_imputed(s));
    rec_real(r, "gdp_ppp", s->gdp_ppp);
    rec_str(r, "gdp_ppp_source", s->gdp_ppp_source, 0);
    rec_real(r, "pop", s->pop);
    rec_str(r, "pop_source", s->pop_source, 0);
    rec_end(r);
}

typedef struct world_ud {
    const orb_world *w;
    const double *cinc;
} world_ud;

static void state_at(cli_rec *r, size_t i, const void *ud)
{
    const world_ud *u = ud;
    state_record(r, orb_world_year(u->w), orb_world_state(u->w, i), u->cinc[i]);
}

/* CSV (header row, then one row a state) or JSON (an array of states). */
static void print_records(FILE *f, cli_format fmt, const orb_world *w, const double *cinc)
{
    world_ud u = {w, cinc};

    rec_list(f, fmt, orb_world_nstates(w), state_at, &u);
}

int cmd_world(const cli_env *env, int argc, char **argv)
{
    int year = ORB_LAST_YEAR, rc;
    cli_format fmt = FMT_TABLE;
    orb_cinc_rule rule = ORB_CINC_CODEBOOK;
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    double *cinc = NULL;
    cli_out out = {NULL, NULL, 0};
    orb_error err;
    orb_status st;
    const cli_opt opts[] = {
        {"--year", OPT_YEAR, &year, 0, 0, NULL},
        {"--format", OPT_FORMAT, &fmt, 0, 0, NULL},
        {"--rule", OPT_CINC_RULE, &rule, 0, 0, NULL},
        {NULL, OPT_FLAG, NULL, 0, 0, NULL},
    };

    if ((rc = cli_parse("world", argc, argv, opts, NULL))) return rc;
    if ((rc = cli_load(env, year != ORB_LAST_YEAR, &t, &p))) return rc;
    orb_error_clear(&err);
    st = orb_world_new(t, p, year, &w, &err);
    if (st != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    cinc = malloc((orb_world_nstates(w) + 1) * sizeof *cinc);
    if (cinc == NULL) {
        rc = cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    if ((rc = cli_out_open(&out))) goto done;
    st = orb_world_power(w, ORB_MEASURE_CINC, rule, NULL, cinc);
    if (st != ORB_OK) {
        rc = cli_lib_error(st, NULL);
        goto done;
    }
    if (fmt == FMT_TABLE)
        print_table(out.f, w, cinc);
    else
        print_records(out.f, fmt, w, cinc);
    rc = cli_out_commit(&out);
done:
    cli_out_discard(&out);
    free(cinc);
    orb_world_free(w);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
