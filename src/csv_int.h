/*
 * csv_int.h - private: the streaming CSV reader of the data loaders (csv.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_CSV_INT_H
#define ORB_CSV_INT_H

#include "orb_int.h"

/*
 * A streaming reader for RFC 4180-style CSV: a header row, comma-separated
 * fields, optional double quotes (with "" for a quote). Quoted fields may not
 * span lines (none of the files orbis reads needs that). Every error names
 * path:line:column.
 */
typedef struct orbi_csv {
    FILE *f;            /* open file */
    char *path;         /* copy of the path, for messages */
    unsigned long line; /* 1-based number of the current row's line */
    char *buf;          /* current raw line (getline buffer) */
    size_t bufcap;      /* its capacity */
    char *cell;         /* unquoted copy of the current row's fields */
    size_t cellcap;     /* its capacity */
    char **field;       /* pointers into cell, one per field */
    unsigned long *col; /* 1-based column where each field starts */
    size_t nfield;      /* fields in the current row */
    size_t ncols;       /* fields in the header */
    size_t fieldcap;    /* capacity of field/col */
    char **header;      /* header names (owned) */
} orbi_csv;

/* The longest line a CSV file may have, in bytes (a file that is not a
 * table, e.g. /dev/zero, is refused without reading it whole). */
#define ORBI_CSV_MAXLINE (1 << 20)

/* Open path and read its header. ORB_EIO names path (and hint if not NULL). */
ORB_INTERNAL orb_status orbi_csv_open(orbi_csv *csv, const char *path, const char *hint,
                                      orb_error *err);

/* Close and free; safe on a zeroed or already-closed reader. */
ORB_INTERNAL void orbi_csv_close(orbi_csv *csv);

/* Find a header column by name: ORB_OK and its index, or ORB_EPARSE naming
 * the file, line 1 and the expected column. */
ORB_INTERNAL orb_status orbi_csv_require(orbi_csv *csv, const char *name, size_t *idx_out,
                                         orb_error *err);

/* Open path and find the n named columns (indices to ix); closes on failure. */
ORB_INTERNAL orb_status orbi_csv_open_cols(orbi_csv *csv, const char *path, const char *hint,
                                           const char *const *names, size_t n, size_t *ix,
                                           orb_error *err);

/* Read the next row: ORB_OK with *eof_out = 0, or *eof_out = 1 at the end.
 * A row whose field count differs from the header's is ORB_EPARSE. */
ORB_INTERNAL orb_status orbi_csv_next(orbi_csv *csv, int *eof_out, orb_error *err);

/* Field idx of the current row as text (borrowed until the next row). */
ORB_INTERNAL const char *orbi_csv_str(const orbi_csv *csv, size_t idx);

/* Field idx as a finite double. Empty fields, and fields equal to missing
 * (if not NULL, e.g. "-9" or "NA"), give NaN when missing_ok, else ORB_EPARSE.
 * Anything else that is not a number is ORB_EPARSE at path:line:column. */
ORB_INTERNAL orb_status orbi_csv_double(const orbi_csv *csv, size_t idx, const char *missing,
                                        int missing_ok, double *out, orb_error *err);

/* Field idx as an int in [lo, hi]; ORB_EPARSE otherwise. */
ORB_INTERNAL orb_status orbi_csv_int(const orbi_csv *csv, size_t idx, long lo, long hi, int *out,
                                     orb_error *err);

/* Read every row of path: find the n named columns (indices to fn as ix), then
 * call fn on each row until it fails. Closes the file in every case. */
#define ORBI_CSV_MAXCOLS 24
typedef orb_status (*orbi_row_fn)(orbi_csv *csv, const size_t *ix, void *ud, orb_error *err);
ORB_INTERNAL orb_status orbi_csv_each(const char *path, const char *hint, const char *const *names,
                                      size_t n, orbi_row_fn fn, void *ud, orb_error *err);

/* Raise ORB_EPARSE at the current row's field idx. */
ORB_INTERNAL orb_status orbi_csv_fail(const orbi_csv *csv, size_t idx, orb_error *err,
                                      const char *fmt, ...) ORB_PRINTF(4, 5);

#endif /* ORB_CSV_INT_H */
