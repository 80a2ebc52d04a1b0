/*
 * cli.h - shared declarations of the orbis command-line client.
 *
 * The client uses only the public headers in include/orbis/. Three parts:
 * the command table and help (main.c), one option parser (options.c) and
 * one output layer (output.c): buffered output that is written only when a
 * command succeeds, records that are CSV rows or JSON objects by the same
 * calls, and the precision policy below.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_CLI_H
#define ORBIS_CLI_H

#include <stdint.h>
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

/* ---- commands (main.c) ----------------------------------------------------- */

typedef int (*cli_cmd_fn)(const cli_env *env, int argc, char **argv);

int cmd_world(const cli_env *env, int argc, char **argv);
int cmd_polarity(const cli_env *env, int argc, char **argv);
int cmd_run(const cli_env *env, int argc, char **argv);
int cmd_check(const cli_env *env, int argc, char **argv);
int cmd_params(const cli_env *env, int argc, char **argv);
int cmd_calibrate(const cli_env *env, int argc, char **argv);
int cmd_backtest(const cli_env *env, int argc, char **argv);
int cmd_evaluate(const cli_env *env, int argc, char **argv);
int cmd_compare(const cli_env *env, int argc, char **argv);
int cmd_claims(const cli_env *env, int argc, char **argv);
int cmd_negotiate(const cli_env *env, int argc, char **argv);
int cmd_export(const cli_env *env, int argc, char **argv);

/* An ensemble run of `orbis run` (cmd_ensemble.c). */
typedef struct cli_ensemble_args {
    const char *scenario_path;
    const orb_scenario *scenario;
    const orb_world *world;
    const orb_params *params; /* NULL: the defaults and the scenario's overrides */
    uint64_t seed;
    size_t runs;
    int threads; /* 0: every core */
    int per_state;
    const char *out, *resume; /* the store */
    int end_year;             /* 0: the scenario's */
    orb_uncertainty uncertainty;
    const int *years; /* the summary's years (nyears of them); NULL: start, +5, +10, end */
    size_t nyears;
    int blocs_every_year; /* 1: blocs every year; 0: at the summary's years only */
    cli_format fmt;
} cli_ensemble_args;

/* --years LIST: up to max comma-separated years within first..last into
 * out; 0 or a usage error's exit code. */
#define CLI_MAX_YEARS 16
int cli_parse_years(const char *cmd, const char *list, int first, int last, int *out, size_t *n);

/* Run the ensemble into its store (path gets its name), then print the
 * summary (cli_ensemble); two ensembles paired run by run (compare). */
int cli_ensemble_run(const cli_ensemble_args *a, char *path, size_t cap);
int cli_ensemble(const cli_ensemble_args *a);
int cli_compare_ensembles(const cli_ensemble_args *a, const cli_ensemble_args *b,
                          const char *prefix);

/* Help text of a command to f; returns 0, or -1 for an unknown command. */
int cli_help(FILE *f, const char *cmd);

/* Seconds on the monotonic clock (for timings on standard error). */
double cli_now(void);

/* Report a usage error on stderr with a hint, and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* An error of the engine's set-up from a scenario (orb_sim_new, orb_run_new):
 * ORB_EINVAL is the file's content, reported as "PATH: message", EXIT_DATA;
 * anything else as cli_lib_error. */
int cli_scenario_error(const char *path, orb_status st, const orb_error *err);

/* Report a library error on stderr and map its status to an exit code. */
int cli_lib_error(orb_status st, const orb_error *err);

/* Load the tables, and the panel when need_panel; report errors. */
int cli_load(const cli_env *env, int need_panel, orb_tables **t, orb_panel **p);

/* --params FILE: the defaults, then the file's values (orb_params_read), then
 * the scenario's overrides (s may be NULL) into *out; report errors. */
int cli_params(const char *path, const orb_scenario *s, orb_params *out);

/* ---- options (options.c) ---------------------------------------------------- */

typedef enum cli_opt_kind {
    OPT_FLAG,       /* int: set to 1 */
    OPT_INT,        /* int in [lo, hi] */
    OPT_YEAR,       /* int year in ORB_FIRST_YEAR..ORB_LAST_YEAR (outside: EXIT_RANGE) */
    OPT_DOUBLE,     /* double in (lo, hi] */
    OPT_STRING,     /* const char * */
    OPT_FORMAT,     /* cli_format */
    OPT_SEED,       /* uint64_t, 0 .. 2^64 - 1 */
    OPT_REGIME,     /* orb_regime */
    OPT_MEASURE,    /* orb_measure */
    OPT_CINC_RULE,  /* orb_cinc_rule */
    OPT_SIZE,       /* size_t in [lo, hi] */
    OPT_UNCERTAINTY /* orb_uncertainty */
} cli_opt_kind;

/* One option of a command: "--name", its kind, where its value goes, its
 * range (OPT_INT, OPT_SIZE, OPT_DOUBLE), and a flag set when it is given. */
typedef struct cli_opt {
    const char *name;
    cli_opt_kind kind;
    void *dst;
    double lo, hi;
    int *given;
} cli_opt;

/* The positional arguments a command takes: up to max of them into pos,
 * the count to *n; what names them in "expected ..., found 'x' too". */
typedef struct cli_args {
    const char **pos;
    size_t max, *n;
    const char *what;
} cli_args;

/*
 * Parse argv[1 .. argc) against opts (terminated by a NULL name) and the
 * positional arguments. Every error is reported (command, option, what was
 * expected, what was found) and its exit code returned; 0 on success.
 */
int cli_parse(const char *cmd, int argc, char **argv, const cli_opt *opts, const cli_args *args);

/* ---- output (output.c) ------------------------------------------------------ */

/*
 * Precision policy, one for every command: in CSV and JSON a real number is
 * the shortest decimal that reads back as the same double (at most 17
 * significant digits, %.17g's precision); a count is an integer; a missing
 * value is NA in CSV and null in JSON. Tables round for reading, as each
 * command's header says.
 */
void out_real(FILE *f, cli_format fmt, double v);
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
void rec_real(cli_rec *r, const char *name, double v);
void rec_int(cli_rec *r, const char *name, long v, int zero_is_missing);
void rec_bool(cli_rec *r, const char *name, int v);
void rec_str(cli_rec *r, const char *name, const char *s, int empty_is_missing);

/*
 * A stream of records: a CSV table (its header from the first record) or a
 * JSON array of objects, one per line. stream_row calls fn once for the
 * row (twice for the first CSV row: the header, then the values).
 */
typedef void (*cli_rec_fn)(cli_rec *r, const void *ud);
typedef struct cli_stream {
    cli_rec rec;
    size_t rows;
} cli_stream;

void stream_begin(cli_stream *s, FILE *f, cli_format fmt);
void stream_row(cli_stream *s, cli_rec_fn fn, const void *ud);
void stream_end(cli_stream *s);

/* Records 0..n-1 of fn2 as one stream. */
typedef void (*cli_rec_at)(cli_rec *r, size_t i, const void *ud);
void rec_list(FILE *f, cli_format fmt, size_t n, cli_rec_at fn, const void *ud);

/* ---- the yearly metrics (output.c; the library's descriptors) --------------- */

/* Metric k of m as a record field (a state index as its abbreviation in r). */
void rec_metric(cli_rec *rec, const orb_run *r, const orb_metrics *m, size_t k);
/* Value v of metric k as the tables show it (its format and scale; a state
 * index as an abbreviation, "-" for none); a value that rounds to zero has
 * no minus sign. */
void metric_text(char *buf, size_t n, const orb_run *r, size_t k, double v);
/* A table cell of metric k (" " and the value at the descriptor's width),
 * and its heading. */
void table_metric(FILE *f, const orb_run *r, const orb_metrics *m, size_t k);
void table_metric_head(FILE *f, size_t k);

#endif
