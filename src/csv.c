/*
 * csv.c - a small streaming CSV reader that reports file:line:column.
 *
 * Reads a header row and then one row per call. Fields may be quoted with
 * double quotes ("" inside a quoted field is a quote). Rows must have as many
 * fields as the header. Numbers are parsed with strtod and must be finite.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"
#include "orb_int.h"

static orb_status grow_fields(orbi_csv *csv, size_t need)
{
    char **nf;
    unsigned long *nc;
    size_t cap = csv->fieldcap ? csv->fieldcap : 16;

    if (need <= csv->fieldcap) return ORB_OK;
    while (cap < need)
        cap *= 2;
    nf = realloc(csv->field, cap * sizeof *nf);
    if (nf == NULL) return ORB_ENOMEM;
    csv->field = nf;
    nc = realloc(csv->col, cap * sizeof *nc);
    if (nc == NULL) return ORB_ENOMEM;
    csv->col = nc;
    csv->fieldcap = cap;
    return ORB_OK;
}

/* Split csv->buf (one line, newline stripped) into fields. */
static orb_status split_line(orbi_csv *csv, orb_error *err)
{
    size_t len = strlen(csv->buf), i = 0, o = 0;
    char *nc;

    if (len + 1 > csv->cellcap) {
        nc = realloc(csv->cell, len + 1);
        if (nc == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory reading %s", csv->path);
        csv->cell = nc;
        csv->cellcap = len + 1;
    }
    csv->nfield = 0;
    for (;;) {
        size_t start = o;
        unsigned long colno = (unsigned long)i + 1;

        if (grow_fields(csv, csv->nfield + 1) != ORB_OK)
            ORB_FAIL(err, ORB_ENOMEM, "out of memory reading %s", csv->path);
        if (i < len && csv->buf[i] == '"') {
            i++;
            for (;;) {
                if (i >= len)
                    return orbi_error(err, ORB_EPARSE, csv->path, csv->line, colno,
                                      "unterminated quoted field (expected a closing '\"')");
                if (csv->buf[i] == '"') {
                    if (i + 1 < len && csv->buf[i + 1] == '"') {
                        csv->cell[o++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                csv->cell[o++] = csv->buf[i++];
            }
            if (i < len && csv->buf[i] != ',')
                return orbi_error(err, ORB_EPARSE, csv->path, csv->line, (unsigned long)i + 1,
                                  "expected ',' or end of line after a quoted field, found '%c'",
                                  csv->buf[i]);
        } else {
            while (i < len && csv->buf[i] != ',') {
                if (csv->buf[i] == '"')
                    return orbi_error(err, ORB_EPARSE, csv->path, csv->line, (unsigned long)i + 1,
                                      "unexpected '\"' inside an unquoted field");
                csv->cell[o++] = csv->buf[i++];
            }
        }
        csv->cell[o++] = '\0';
        csv->field[csv->nfield] = csv->cell + start;
        csv->col[csv->nfield] = colno;
        csv->nfield++;
        if (i >= len) break;
        i++; /* the comma; the unquoted output never outgrows the input line */
    }
    return ORB_OK;
}

static orb_status read_line(orbi_csv *csv, int *eof_out, orb_error *err)
{
    size_t len = 0;
    int ch = 0;

    errno = 0;
    while ((ch = getc_unlocked(csv->f)) != EOF) { /* one line, bounded by the cap */
        if (ch == '\0')
            return orbi_error(err, ORB_EPARSE, csv->path, csv->line + 1, len + 1,
                              "binary data (a NUL byte) in a text file");
        if (len + 2 > csv->bufcap) {
            size_t cap = csv->bufcap ? 2 * csv->bufcap : 256;
            char *nb;
            if (len + 1 > ORBI_CSV_MAXLINE)
                return orbi_error(err, ORB_EPARSE, csv->path, csv->line + 1, 0,
                                  "a line longer than %d bytes", ORBI_CSV_MAXLINE);
            if ((nb = realloc(csv->buf, cap)) == NULL)
                return orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
            csv->buf = nb;
            csv->bufcap = cap;
        }
        csv->buf[len++] = (char)ch;
        if (ch == '\n') break;
    }
    if (ferror(csv->f))
        return orbi_error(err, ORB_EIO, csv->path, csv->line + 1, 0, "read error: %s",
                          strerror(errno ? errno : EIO));
    if (len == 0) {
        *eof_out = 1;
        return ORB_OK;
    }
    csv->buf[len] = '\0';
    csv->line++;
    if (csv->line == 1 && len >= 3 && memcmp(csv->buf, "\xef\xbb\xbf", 3) == 0) {
        memmove(csv->buf, csv->buf + 3, len - 2); /* a UTF-8 byte-order mark: not a name */
        len -= 3;
    }
    while (len > 0 && (csv->buf[len - 1] == '\n' || csv->buf[len - 1] == '\r'))
        csv->buf[--len] = '\0';
    *eof_out = 0;
    return ORB_OK;
}

orb_status orbi_csv_open(orbi_csv *csv, const char *path, const char *hint, orb_error *err)
{
    int eof = 0;
    size_t i;
    orb_status st;

    memset(csv, 0, sizeof *csv);
    csv->path = malloc(strlen(path) + 1);
    if (csv->path == NULL) ORB_FAIL(err, ORB_ENOMEM, "out of memory");
    strcpy(csv->path, path);
    csv->f = fopen(path, "rb");
    if (csv->f == NULL) {
        int e = errno;
        orbi_error(err, ORB_EIO, path, 0, 0, "cannot open: %s%s%s", strerror(e), hint ? "; " : "",
                   hint ? hint : "");
        orbi_csv_close(csv);
        return ORB_EIO;
    }
    st = read_line(csv, &eof, err);
    if (st == ORB_OK && eof)
        st = orbi_error(err, ORB_EPARSE, path, 1, 0, "empty file (expected a header row)");
    if (st == ORB_OK) st = split_line(csv, err);
    if (st == ORB_OK) {
        csv->ncols = csv->nfield;
        csv->header = calloc(csv->ncols, sizeof *csv->header);
        if (csv->header == NULL) st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
        for (i = 0; st == ORB_OK && i < csv->ncols; i++) {
            csv->header[i] = malloc(strlen(csv->field[i]) + 1);
            if (csv->header[i] == NULL) {
                st = orbi_error(err, ORB_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            strcpy(csv->header[i], csv->field[i]);
        }
    }
    if (st != ORB_OK) orbi_csv_close(csv);
    return st;
}

void orbi_csv_close(orbi_csv *csv)
{
    size_t i;

    if (csv->f) fclose(csv->f);
    if (csv->header) {
        for (i = 0; i < csv->ncols; i++)
            free(csv->header[i]);
        free(csv->header);
    }
    free(csv->path);
    free(csv->buf);
    free(csv->cell);
    free(csv->field);
    free(csv->col);
    memset(csv, 0, sizeof *csv);
}

orb_status orbi_csv_require(orbi_csv *csv, const char *name, size_t *idx_out, orb_error *err)
{
    size_t i;

    for (i = 0; i < csv->ncols; i++) {
        if (strcmp(csv->header[i], name) == 0) {
            *idx_out = i;
            return ORB_OK;
        }
    }
    return orbi_error(err, ORB_EPARSE, csv->path, 1, 0,
                      "expected a column named '%s' in the header", name);
}

orb_status orbi_csv_next(orbi_csv *csv, int *eof_out, orb_error *err)
{
    for (;;) {
        ORB_TRY(read_line(csv, eof_out, err));
        if (*eof_out) return ORB_OK;
        if (csv->buf[0] != '\0') break; /* skip blank lines */
    }
    ORB_TRY(split_line(csv, err));
    if (csv->nfield != csv->ncols) {
        unsigned long colno =
            csv->nfield > csv->ncols ? csv->col[csv->ncols] : (unsigned long)strlen(csv->buf) + 1;
        return orbi_error(err, ORB_EPARSE, csv->path, csv->line, colno,
                          "expected %zu fields as in the header, found %zu", csv->ncols,
                          csv->nfield);
    }
    return ORB_OK;
}

const char *orbi_csv_str(const orbi_csv *csv, size_t idx)
{
    return idx < csv->nfield ? csv->field[idx] : "";
}

orb_status orbi_csv_fail(const orbi_csv *csv, size_t idx, orb_error *err, const char *fmt, ...)
{
    char text[ORB_ERRMSG_SIZE / 2];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return orbi_error(err, ORB_EPARSE, csv->path, csv->line, idx < csv->nfield ? csv->col[idx] : 0,
                      "column '%s': %s", idx < csv->ncols ? csv->header[idx] : "?", text);
}

orb_status orbi_csv_double(const orbi_csv *csv, size_t idx, const char *missing, int missing_ok,
                           double *out, orb_error *err)
{
    const char *s = orbi_csv_str(csv, idx);
    char *end;
    double v;

    if (s[0] == '\0' || (missing != NULL && strcmp(s, missing) == 0)) {
        if (!missing_ok)
            return orbi_csv_fail(csv, idx, err, "expected a number, found a missing value");
        *out = NAN;
        return ORB_OK;
    }
    errno = 0;
    v = strtod(s, &end);
    if (end == s || *end != '\0')
        return orbi_csv_fail(csv, idx, err, "expected a number, found '%.40s'", s);
    if (!isfinite(v) || errno == ERANGE)
        return orbi_csv_fail(csv, idx, err, "expected a finite number, found '%.40s'", s);
    *out = v;
    return ORB_OK;
}

orb_status orbi_csv_int(const orbi_csv *csv, size_t idx, long lo, long hi, int *out, orb_error *err)
{
    const char *s = orbi_csv_str(csv, idx);
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (s[0] == '\0' || end == s || *end != '\0' || errno == ERANGE)
        return orbi_csv_fail(csv, idx, err, "expected an integer, found '%.40s'", s);
    if (v < lo || v > hi)
        return orbi_csv_fail(csv, idx, err, "expected an integer in %ld..%ld, found %ld", lo, hi,
                             v);
    *out = (int)v;
    return ORB_OK;
}

orb_status orbi_csv_open_cols(orbi_csv *csv, const char *path, const char *hint,
                              const char *const *names, size_t n, size_t *ix, orb_error *err)
{
    size_t i;
    orb_status st;

    ORB_TRY(orbi_csv_open(csv, path, hint, err));
    for (i = 0; i < n; i++) {
        if ((st = orbi_csv_require(csv, names[i], &ix[i], err)) != ORB_OK) {
            orbi_csv_close(csv);
            return st;
        }
    }
    return ORB_OK;
}

orb_status orbi_csv_each(const char *path, const char *hint, const char *const *names, size_t n,
                         orbi_row_fn fn, void *ud, orb_error *err)
{
    size_t ix[ORBI_CSV_MAXCOLS];
    orbi_csv c;
    orb_status st;
    int eof = 0;

    if (n > ORBI_CSV_MAXCOLS)
        return orbi_error(err, ORB_EINVAL, path, 0, 0, "too many columns requested");
    ORB_TRY(orbi_csv_open_cols(&c, path, hint, names, n, ix, err));
    for (;;) {
        if ((st = orbi_csv_next(&c, &eof, err)) != ORB_OK || eof) break;
        if ((st = fn(&c, ix, ud, err)) != ORB_OK) break;
    }
    orbi_csv_close(&c);
    return st;
}
