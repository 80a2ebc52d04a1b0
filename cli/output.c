/*
 * output.c - the one output layer of the orbis client: buffered output,
 * records (CSV rows or JSON objects by the same calls), streams of them,
 * the precision policy (cli.h) and the yearly metrics' cells.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* The shortest of %.15g, %.16g, %.17g that reads back as v. */
static void shortest(char *buf, size_t n, double v)
{
    int p;

    for (p = 15; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v) return;
    }
}

void out_real(FILE *f, cli_format fmt, double v)
{
    char buf[40];

    if (isnan(v)) {
        fputs(fmt == FMT_JSON ? "null" : "NA", f);
        return;
    }
    if (isinf(v)) { /* not a JSON number; the library's outputs are finite */
        fputs(fmt == FMT_JSON ? "null" : (v > 0 ? "Inf" : "-Inf"), f);
        return;
    }
    shortest(buf, sizeof buf, v);
    fputs(buf, f);
}

void out_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void out_csv_str(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int cli_out_open(cli_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f ? 0 : cli_lib_error(ORB_ENOMEM, NULL);
}

void cli_out_discard(cli_out *o)
{
    if (o->f) fclose(o->f);
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
    o->len = 0;
}

int cli_out_commit(cli_out *o)
{
    int rc = EXIT_OK;

    if (o->f == NULL || fclose(o->f) != 0) {
        o->f = NULL;
        cli_out_discard(o);
        return cli_lib_error(ORB_ENOMEM, NULL);
    }
    o->f = NULL;
    if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0) {
        fprintf(stderr, "orbis: cannot write output: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    cli_out_discard(o);
    return rc;
}

/* ---- records ------------------------------------------------------------- */

/* Separator and, for JSON, the key of the next field. */
static void rec_key(cli_rec *r, const char *name)
{
    if (r->nfield++ > 0) fputs(r->fmt == FMT_JSON ? ", " : ",", r->f);
    if (r->fmt == FMT_JSON) {
        out_json_str(r->f, name);
        fputs(": ", r->f);
    } else if (r->header) {
        fputs(name, r->f);
    }
}

void rec_begin(cli_rec *r)
{
    r->nfield = 0;
    if (r->fmt == FMT_JSON) fputc('{', r->f);
}

void rec_end(cli_rec *r)
{
    fputs(r->fmt == FMT_JSON ? "}" : "\n", r->f);
}

void rec_real(cli_rec *r, const char *name, double v)
{
    rec_key(r, name);
    if (!r->header || r->fmt == FMT_JSON) out_real(r->f, r->fmt, v);
}

void rec_int(cli_rec *r, const char *name, long v, int zero_is_missing)
{
    rec_key(r, name);
    if (r->header && r->fmt == FMT_CSV) return;
    if (zero_is_missing && v == 0) {
        if (r->fmt == FMT_JSON) fputs("null", r->f);
    } else {
        fprintf(r->f, "%ld", v);
    }
}

void rec_bool(cli_rec *r, const char *name, int v)
{
    rec_key(r, name);
    if (r->fmt == FMT_JSON)
        fputs(v ? "true" : "false", r->f);
    else if (!r->header)
        fputc(v ? '1' : '0', r->f);
}

void rec_str(cli_rec *r, const char *name, const char *s, int empty_is_missing)
{
    rec_key(r, name);
    if (r->fmt == FMT_JSON) {
        if (empty_is_missing && s[0] == '\0')
            fputs("null", r->f);
        else
            out_json_str(r->f, s);
    } else if (!r->header) {
        out_csv_str(r->f, s);
    }
}

/* ---- streams of records -------------------------------------------------- */

void stream_begin(cli_stream *s, FILE *f, cli_format fmt)
{
    s->rec.f = f;
    s->rec.fmt = fmt;
    s->rec.header = 0;
    s->rec.nfield = 0;
    s->rows = 0;
    if (fmt == FMT_JSON) fputs("[\n", f);
}

void stream_row(cli_stream *s, cli_rec_fn fn, const void *ud)
{
    if (s->rec.fmt == FMT_CSV && s->rows == 0) {
        s->rec.header = 1;
        fn(&s->rec, ud);
        s->rec.header = 0;
    }
    if (s->rec.fmt == FMT_JSON) fputs(s->rows ? ",\n  " : "  ", s->rec.f);
    fn(&s->rec, ud);
    s->rows++;
}

void stream_end(cli_stream *s)
{
    if (s->rec.fmt == FMT_JSON) fputs(s->rows ? "\n]\n" : "]\n", s->rec.f);
}

typedef struct at_ud {
    cli_rec_at fn;
    size_t i;
    const void *ud;
} at_ud;

static void call_at(cli_rec *r, const void *ud)
{
    const at_ud *a = ud;
    a->fn(r, a->i, a->ud);
}

void rec_list(FILE *f, cli_format fmt, size_t n, cli_rec_at fn, const void *ud)
{
    cli_stream s;
    at_ud a;

    stream_begin(&s, f, fmt);
    a.fn = fn;
    a.ud = ud;
    for (a.i = 0; a.i < n; a.i++)
        stream_row(&s, call_at, &a);
    stream_end(&s);
}

/* ---- the yearly metrics --------------------------------------------------- */

static const char *state_abb(const orb_run *r, double v)
{
    return v < 0 || isnan(v) ? "-" : orb_run_abb(r, (size_t)v);
}

void rec_metric(cli_rec *rec, const orb_run *r, const orb_metrics *m, size_t k)
{
    const orb_metric_desc *d = orb_metric_describe(k);
    double v = orb_metric_value(m, k);

    switch (d->kind) {
    case ORB_VALUE_REAL:
        rec_real(rec, d->name, v);
        break;
    case ORB_VALUE_COUNT:
        rec_int(rec, d->name, (long)v, 0);
        break;
    case ORB_VALUE_BOOL:
        rec_bool(rec, d->name, v != 0);
        break;
    case ORB_VALUE_STATE:
        rec_str(rec, d->name, state_abb(r, v), 0);
        break;
    }
}

/* v x 10^k, by exact powers of ten. */
static double scale10(double v, int k)
{
    double p = 1;
    int i;

    for (i = 0; i < (k < 0 ? -k : k); i++)
        p *= 10;
    return k < 0 ? v / p : v * p;
}

void metric_text(char *buf, size_t n, const orb_run *r, size_t k, double v)
{
    const orb_metric_desc *d = orb_metric_describe(k);

    switch (d->conv) {
    case 's':
        snprintf(buf, n, "%s", state_abb(r, v));
        return;
    case 'd':
        snprintf(buf, n, "%.0f", v);
        break;
    case 'e':
        snprintf(buf, n, "%.*e", d->prec, scale10(v, d->pow10));
        break;
    default:
        snprintf(buf, n, "%.*f", d->prec, scale10(v, d->pow10));
        break;
    }
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf)); /* "-0.000": a rounded zero */
}

void table_metric(FILE *f, const orb_run *r, const orb_metrics *m, size_t k)
{
    char cell[48];

    metric_text(cell, sizeof cell, r, k, orb_metric_value(m, k));
    fprintf(f, " %*s", orb_metric_describe(k)->width, cell);
}

void table_metric_head(FILE *f, size_t k)
{
    const orb_metric_desc *d = orb_metric_describe(k);

    fprintf(f, " %*s", d->width, d->label);
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
