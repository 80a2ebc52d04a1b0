/*
 * status.h - status codes and error records for liborbis.
 *
 * Every fallible function returns an orb_status; ORB_OK is zero. Functions
 * that can fail on input also take an orb_error * (may be NULL) that receives
 * a complete, printable message naming the file, line and column when the
 * failure is in a file.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_STATUS_H
#define ORBIS_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Stable: their numeric values are part of the ABI. */
typedef enum orb_status {
    ORB_OK = 0,     /* success */
    ORB_ENOMEM = 1, /* out of memory */
    ORB_EINVAL = 2, /* invalid argument (a caller error) */
    ORB_EPARSE = 3, /* malformed input file (file:line:column in message) */
    ORB_EIO = 4,    /* a file could not be opened or read */
    ORB_ERANGE = 5, /* a value (a year, a code) outside what the data covers */
    ORB_ENODATA = 6 /* a required value is missing from the data */
} orb_status;

/* Size of orb_error's text buffers, in bytes including the NUL. */
#define ORB_ERRMSG_SIZE  768
#define ORB_ERRFILE_SIZE 512

/*
 * A filled-in error. msg is complete and printable on its own
 * ("path:12:7: column 'milex': expected a number, found 'x'"); file, line and
 * column repeat the location for programs (empty / 0 when not in a file).
 */
typedef struct orb_error {
    orb_status code;             /* the status that was returned */
    char file[ORB_ERRFILE_SIZE]; /* file the error is in, or "" */
    unsigned long line;          /* 1-based line, or 0 */
    unsigned long column;        /* 1-based column, or 0 */
    char msg[ORB_ERRMSG_SIZE];   /* full message, without trailing newline */
} orb_error;

/* A short, static English description of a status ("out of memory"). */
const char *orb_status_str(orb_status status);

/* Clear an error record (code ORB_OK, empty strings). err may be NULL. */
void orb_error_clear(orb_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_STATUS_H */
