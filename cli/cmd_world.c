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
        out_num(f, FMT_TABLE, "%8.6f", cinc[i]);
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

static void print_csv(FILE *f, const orb_world *w, const double *cinc)
{
    size_t i, n = orb_world_nstates(w);
    int c;

    fprintf(f, "year,ccode,stateabb,name,iso3,gwcode,region,un_group,global_south,p5,major");
    for (c = 0; c < ORB_NCOMP; c++)
        fprintf(f, ",%s", orb_component_name(c));
    fprintf(f, ",cinc_published,cinc,gdp_usd,gdp_usd_source,gdp_imputed,gdp_ppp,gdp_ppp_source,"
               "pop,pop_source\n");
    for (i = 0; i < n; i++) {
        const orb_state *s = orb_world_state(w, i);

        fprintf(f, "%d,%d,%s,", orb_world_year(w), s->ccode, s->abb);
        out_csv_str(f, s->name);
        fprintf(f, ",%s,", s->iso3);
        if (s->gwcode) fprintf(f, "%d", s->gwcode);
        fprintf(f, ",%s,", s->region);
        out_csv_str(f, s->un_group);
        fprintf(f, ",%d,%d,%d", s->global_south, s->p5, s->major);
        for (c = 0; c < ORB_NCOMP; c++) {
            fputc(',', f);
            out_num(f, FMT_CSV, "%.17g", s->comp[c]);
        }
        fputc(',', f);
        out_num(f, FMT_CSV, "%.9f", s->cinc_pub);
        fputc(',', f);
        out_num(f, FMT_CSV, "%.17g", cinc[i]);
        fputc(',', f);
        out_num(f, FMT_CSV, "%.17g", s->gdp_usd);
        fprintf(f, ",%s,%d,", s->gdp_usd_source, orb_state_gdp_imputed(s));
        out_num(f, FMT_CSV, "%.17g", s->gdp_ppp);
        fprintf(f, ",%s,", s->gdp_ppp_source);
        out_num(f, FMT_CSV, "%.17g", s->pop);
        fprintf(f, ",%s\n", s->pop_source);
    }
}

static void print_json(FILE *f, const orb_world *w, const double *cinc)
{
    size_t i, n = orb_world_nstates(w);
    int c;

    fprintf(f, "{\"year\": %d, \"nstates\": %zu, \"states\": [\n", orb_world_year(w), n);
    for (i = 0; i < n; i++) {
        const orb_state *s = orb_world_state(w, i);

        fprintf(f, "  {\"ccode\": %d, \"stateabb\": ", s->ccode);
        out_json_str(f, s->abb);
        fputs(", \"name\": ", f);
        out_json_str(f, s->name);
        fputs(", \"iso3\": ", f);
        if (s->iso3[0])
            out_json_str(f, s->iso3);
        else
            fputs("null", f);
        fputs(", \"gwcode\": ", f);
        if (s->gwcode)
            fprintf(f, "%d", s->gwcode);
        else
            fputs("null", f);
        fputs(", \"region\": ", f);
        out_json_str(f, s->region);
        fputs(", \"un_group\": ", f);
        if (s->un_group[0])
            out_json_str(f, s->un_group);
        else
            fputs("null", f);
        fprintf(f, ", \"global_south\": %s, \"p5\": %s, \"major\": %s",
                s->global_south ? "true" : "false", s->p5 ? "true" : "false",
                s->major ? "true" : "false");
        for (c = 0; c < ORB_NCOMP; c++) {
            fprintf(f, ", \"%s\": ", orb_component_name(c));
            out_num(f, FMT_JSON, "%.17g", s->comp[c]);
        }
        fputs(", \"cinc_published\": ", f);
        out_num(f, FMT_JSON, "%.9f", s->cinc_pub);
        fputs(", \"cinc\": ", f);
        out_num(f, FMT_JSON, "%.17g", cinc[i]);
        fputs(", \"gdp_usd\": ", f);
        out_num(f, FMT_JSON, "%.17g", s->gdp_usd);
        fputs(", \"gdp_usd_source\": ", f);
        out_json_str(f, s->gdp_usd_source);
        fprintf(
            f, ", \"gdp_imputed\": %s, \"gdp_ppp\": ", orb_state_gdp_imputed(s) ? "true" : "false");
        out_num(f, FMT_JSON, "%.17g", s->gdp_ppp);
        fputs(", \"gdp_ppp_source\": ", f);
        out_json_str(f, s->gdp_ppp_source);
        fputs(", \"pop\": ", f);
        out_num(f, FMT_JSON, "%.17g", s->pop);
        fputs(", \"pop_source\": ", f);
        out_json_str(f, s->pop_source);
        fprintf(f, "}%s\n", i + 1 < n ? "," : "");
    }
    fputs("]}\n", f);
}

int cmd_world(const cli_env *env, int argc, char **argv)
{
    int year = ORB_LAST_YEAR, rc, i;
    cli_format fmt = FMT_TABLE;
    orb_cinc_rule rule = ORB_CINC_CODEBOOK;
    orb_tables *t = NULL;
    orb_panel *p = NULL;
    orb_world *w = NULL;
    double *cinc = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = NULL;
    orb_error err;
    orb_status st;
    const char *v;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_help(stdout, "world");
            return EXIT_OK;
        } else if (strcmp(argv[i], "--year") == 0) {
            if ((v = cli_optarg("world", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_int("world", "--year", v, ORB_FIRST_YEAR, ORB_LAST_YEAR, &year)))
                return rc;
        } else if (strcmp(argv[i], "--format") == 0) {
            if ((v = cli_optarg("world", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_format("world", v, &fmt))) return rc;
        } else if (strcmp(argv[i], "--rule") == 0) {
            if ((v = cli_optarg("world", argc, argv, &i)) == NULL) return EXIT_USAGE;
            if ((rc = cli_parse_rule("world", v, &rule))) return rc;
        } else {
            return cli_usage_error("world", "unknown option '%s'", argv[i]);
        }
    }
    if ((rc = cli_load(env, year != ORB_LAST_YEAR, &t, &p))) return rc;
    orb_error_clear(&err);
    st = orb_world_new(t, p, year, &w, &err);
    if (st != ORB_OK) {
        rc = cli_lib_error(st, &err);
        goto done;
    }
    cinc = malloc((orb_world_nstates(w) + 1) * sizeof *cinc);
    if (cinc == NULL || (f = open_memstream(&buf, &len)) == NULL) {
        rc = cli_lib_error(ORB_ENOMEM, NULL);
        goto done;
    }
    st = orb_world_power(w, ORB_MEASURE_CINC, rule, NULL, cinc);
    if (st != ORB_OK) {
        rc = cli_lib_error(st, NULL);
        goto done;
    }
    if (fmt == FMT_TABLE)
        print_table(f, w, cinc);
    else if (fmt == FMT_CSV)
        print_csv(f, w, cinc);
    else
        print_json(f, w, cinc);
    fclose(f);
    f = NULL;
    rc = cli_emit(buf, len);
    buf = NULL;
done:
    if (f) fclose(f);
    free(buf);
    free(cinc);
    orb_world_free(w);
    orb_panel_free(p);
    orb_tables_free(t);
    return rc;
}
