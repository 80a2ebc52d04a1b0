/*
 * options.c - the one option parser of the orbis client: every command
 * lists its options as a table (cli_opt) and cli_parse reads argv against
 * it, so a seed, a year or a format is parsed the same way everywhere.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Parse an integer; 0, or -1 when it is not an integer, -2 when outside lo..hi. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || errno == ERANGE) return -1;
    *out = v;
    return (v < lo || v > hi) ? -2 : 0;
}

static int opt_int(const char *cmd, const cli_opt *o, const char *s, long *out)
{
    long v = 0;

    switch (parse_long(s, (long)o->lo, (long)o->hi, &v)) {
    case -1:
        return cli_usage_error(cmd, "%s expects an integer, got '%s'", o->name, s);
    case -2:
        return cli_usage_error(cmd, "%s expects %ld..%ld, got %ld", o->name, (long)o->lo,
                               (long)o->hi, v);
    }
    *out = v;
    return 0;
}

static int opt_year(const char *cmd, const cli_opt *o, const char *s, int *out)
{
    long v = 0;

    switch (parse_long(s, ORB_FIRST_YEAR, ORB_LAST_YEAR, &v)) {
    case -1:
        return cli_usage_error(cmd, "%s expects a year, got '%s'", o->name, s);
    case -2:
        fprintf(stderr, "orbis %s: %s %ld is outside the data (%d-%d, COW NMC v7.0)\n", cmd,
                o->name, v, ORB_FIRST_YEAR, ORB_LAST_YEAR);
        return EXIT_RANGE;
    }
    *out = (int)v;
    return 0;
}

static int opt_double(const char *cmd, const cli_opt *o, const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || errno == ERANGE || !isfinite(v))
        return cli_usage_error(cmd, "%s expects a number, got '%s'", o->name, s);
    if (v <= o->lo || v > o->hi)
        return cli_usage_error(cmd, "%s expects a value in (%g, %g], got %g", o->name, o->lo, o->hi,
                               v);
    *out = v;
    return 0;
}

/* A seed: a whole number 0 .. 2^64 - 1, in decimal. */
static int opt_seed(const char *cmd, const cli_opt *o, const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno == ERANGE)
        return cli_usage_error(cmd, "%s expects a whole number >= 0 (at most 2^64 - 1), found '%s'",
                               o->name, s);
    *out = (uint64_t)v;
    return 0;
}

static int opt_value(const char *cmd, const cli_opt *o, const char *v)
{
    long l;
    int rc;

    switch (o->kind) {
    case OPT_FLAG:
        break;
    case OPT_INT:
        if ((rc = opt_int(cmd, o, v, &l))) return rc;
        *(int *)o->dst = (int)l;
        break;
    case OPT_SIZE:
        if ((rc = opt_int(cmd, o, v, &l))) return rc;
        *(size_t *)o->dst = (size_t)l;
        break;
    case OPT_YEAR:
        return opt_year(cmd, o, v, o->dst);
    case OPT_DOUBLE:
        return opt_double(cmd, o, v, o->dst);
    case OPT_STRING:
        *(const char **)o->dst = v;
        break;
    case OPT_SEED:
        return opt_seed(cmd, o, v, o->dst);
    case OPT_FORMAT:
        if (strcmp(v, "table") == 0)
            *(cli_format *)o->dst = FMT_TABLE;
        else if (strcmp(v, "csv") == 0)
            *(cli_format *)o->dst = FMT_CSV;
        else if (strcmp(v, "json") == 0)
            *(cli_format *)o->dst = FMT_JSON;
        else
            return cli_usage_error(cmd, "%s expects table, csv or json, got '%s'", o->name, v);
        break;
    case OPT_REGIME:
        if (orb_regime_parse(v, o->dst) != ORB_OK)
            return cli_usage_error(
                cmd, "%s expects historical, anarchy, un-charter or rules-based, found '%s'",
                o->name, v);
        break;
    case OPT_MEASURE:
        if (orb_measure_parse(v, o->dst) != ORB_OK)
            return cli_usage_error(cmd, "%s expects cinc, gdp, milex or net, got '%s'", o->name, v);
        break;
    case OPT_UNCERTAINTY:
        if (orb_uncertainty_parse(v, o->dst) != ORB_OK)
            return cli_usage_error(cmd, "%s expects shocks, params or all, found '%s'", o->name, v);
        break;
    case OPT_CINC_RULE:
        if (orb_cinc_rule_parse(v, o->dst) != ORB_OK)
            return cli_usage_error(cmd, "%s expects codebook or strict, got '%s'", o->name, v);
        break;
    }
    return 0;
}

int cli_parse(const char *cmd, int argc, char **argv, const cli_opt *opts, const cli_args *args)
{
    int i, rc;

    if (args && args->n) *args->n = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const cli_opt *o;
        if (a[0] != '-' || a[1] == '\0') { /* a positional argument ("-" is one too) */
            if (args == NULL || args->max == 0)
                return cli_usage_error(cmd, "unexpected argument '%s'", a);
            if (*args->n == args->max)
                return cli_usage_error(cmd, "%s expected, found '%s' too", args->what, a);
            args->pos[(*args->n)++] = a;
            continue;
        }
        for (o = opts; o && o->name; o++)
            if (strcmp(o->name, a) == 0) break;
        if (o == NULL || o->name == NULL) return cli_usage_error(cmd, "unknown option '%s'", a);
        if (o->given) *o->given = 1;
        if (o->kind == OPT_FLAG) {
            *(int *)o->dst = 1;
            continue;
        }
        if (i + 1 >= argc) return cli_usage_error(cmd, "option %s needs a value", a);
        if ((rc = opt_value(cmd, o, argv[++i]))) return rc;
    }
    return 0;
}

int cli_parse_years(const char *cmd, const char *list, int first, int last, int *out, size_t *n)
{
    const char *p = list;

    *n = 0;
    while (*p) {
        char *end;
        long y;
        errno = 0;
        y = strtol(p, &end, 10);
        if (end == p || errno != 0 || (*end != ',' && *end != '\0'))
            return cli_usage_error(cmd, "--years expects years separated by commas, found '%s'",
                                   list);
        if (y < first || y > last)
            return cli_usage_error(cmd, "--years: %ld is outside the run (%d-%d)", y, first, last);
        if (*n == CLI_MAX_YEARS)
            return cli_usage_error(cmd, "--years: at most %d years", CLI_MAX_YEARS);
        out[(*n)++] = (int)y;
        p = *end ? end + 1 : end;
    }
    if (*n == 0) return cli_usage_error(cmd, "--years expects at least one year");
    return 0;
}
