/*
 * cli.h - shared declarations of the orbis command-line client.
 *
 * The client uses only the public headers in include/orbis/.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_CLI_H
#define ORBIS_CLI_H

#include <stdio.h>

#include "orbis/orbis.h"

/* Exit codes (documented in docs/orbis.1.md). */
enum cli_exit {
    EXIT_OK = 0,       /* success */
    EXIT_INTERNAL = 1, /* out of memory or an internal error */
    EXIT_USAGE = 2,    /* bad command line: unknown option, bad value */
    EXIT_DATA = 3,     /* a data file is missing or malformed */
    EXIT_RANGE = 4     /* the request is outside the data (a year, a state) */
};

/* Output formats. */
typedef enum cli_format { FMT_TABLE, FMT_CSV, FMT_JSON } cli_format;

/* Settings common to every command. */
typedef struct cli_env {
    const char *data_dir;   /* raw data (ORBIS_DATA) */
    const char *tables_dir; /* shipped tables (ORBIS_TABLES) */
} cli_env;

/* Report a usage error on stderr with a hint, and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Report a library error on stderr and map its status to an exit code. */
int cli_lib_error(orb_status st, const orb_error *err);

/* Parse helpers: return 0 on success, else report a usage error (non-zero). */
int cli_parse_int(const char *cmd, const char *opt, const char *s, long lo, long hi, int *out);
/* A year option: outside ORB_FIRST_YEAR..ORB_LAST_YEAR is EXIT_RANGE, not a usage error. */
int cli_parse_year(const char *cmd, const char *opt, const char *s, int *out);
int cli_parse_double(const char *cmd, const char *opt, const char *s, double lo, double hi,
                     double *out);
int cli_parse_format(const char *cmd, const char *s, cli_format *out);
int cli_parse_rule(const char *cmd, const char *s, orb_cinc_rule *out);

/* Option value: argv[*i + 1] if present, else a usage error (returns NULL). */
const char *cli_optarg(const char *cmd, int argc, char **argv, int *i);

/* Load the tables, and the panel when need_panel; report errors. */
int cli_load(const cli_env *env, int need_panel, orb_tables **t, orb_panel **p);

/* Output helpers for numbers that may be NaN. */
void out_num(FILE *f, cli_format fmt, const char *spec, double v);
void out_json_str(FILE *f, const char *s);
void out_csv_str(FILE *f, const char *s);

/*
 * Buffered output: a command writes everything to out.f (a memory stream)
 * and commits only after it has fully succeeded, so an error writes nothing
 * to stdout. cli_out_open returns 0, or reports ENOMEM and returns its exit
 * code; cli_out_commit closes, writes to stdout and returns an exit code;
 * cli_out_discard drops whatever was written (safe after a commit).
 */
typedef struct cli_out {
    FILE *f;
    char *buf;
    size_t len;
} cli_out;

int cli_out_open(cli_out *o);
int cli_out_commit(cli_out *o);
void cli_out_discard(cli_out *o);

/*
 * One record of named fields, written as a CSV row or a JSON object with the
 * same calls, so the two formats cannot drift apart. In CSV, a record whose
 * header flag is set writes the field names instead of the values (the
 * header row). Missing values: NaN, an empty optional string or a zero
 * optional integer are NA/"" in CSV and null in JSON.
 */
typedef struct cli_rec {
    FILE *f;
    cli_format fmt; /* FMT_CSV or FMT_JSON */
    int header;     /* CSV only: write names, not values */
    int nfield;     /* fields written so far in this record */
} cli_rec;

void rec_begin(cli_rec *r);
void rec_end(cli_rec *r);
void rec_num(cli_rec *r, const char *name, const char *spec, double v);
void rec_int(cli_rec *r, const char *name, long v, int zero_is_missing);
void rec_bool(cli_rec *r, const char *name, int v);
void rec_str(cli_rec *r, const char *name, const char *s, int empty_is_missing);

/* Write records 0..n-1 with fn: CSV (a header row from record 0, then a row
 * each) or a JSON array of objects, one per line. */
typedef void (*cli_rec_fn)(cli_rec *r, size_t i, const void *ud);
void rec_list(FILE *f, cli_format fmt, size_t n, cli_rec_fn fn, const void *ud);

/* Commands. */
int cmd_world(const cli_env *env, int argc, char **argv);
int cmd_polarity(const cli_env *env, int argc, char **argv);
int cmd_run(const cli_env *env, int argc, char **argv);
int cmd_check(const cli_env *env, int argc, char **argv);
int cmd_params(const cli_env *env, int argc, char **argv);
int cmd_calibrate(const cli_env *env, int argc, char **argv);
int cmd_backtest(const cli_env *env, int argc, char **argv);
int cmd_compare(const cli_env *env, int argc, char **argv);
int cmd_negotiate(const cli_env *env, int argc, char **argv);

/* Help text of a command to f; returns 0, or -1 for an unknown command. */
int cli_help(FILE *f, const char *cmd);

#endif
