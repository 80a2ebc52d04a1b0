/*
 * status.c - status strings, error records and small string helpers.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "orb_int.h"

const char *orb_status_str(orb_status status)
{
    switch (status) {
    case ORB_OK:
        return "success";
    case ORB_ENOMEM:
        return "out of memory";
    case ORB_EINVAL:
        return "invalid argument";
    case ORB_EPARSE:
        return "malformed input";
    case ORB_EIO:
        return "input/output error";
    case ORB_ERANGE:
        return "value out of range";
    case ORB_ENODATA:
        return "data not available";
    }
    return "unknown status";
}

void orb_error_clear(orb_error *err)
{
    if (err == NULL) return;
    memset(err, 0, sizeof *err);
}

orb_status orbi_error(orb_error *err, orb_status code, const char *file, unsigned long line,
                      unsigned long column, const char *fmt, ...)
{
    char text[512];
    va_list ap;

    if (err == NULL) return code;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    err->code = code;
    orbi_strlcpy(err->file, file ? file : "", sizeof err->file);
    err->line = line;
    err->column = column;
    if (file != NULL && line > 0 && column > 0)
        snprintf(err->msg, sizeof err->msg, "%.200s:%lu:%lu: %.500s", file, line, column, text);
    else if (file != NULL && line > 0)
        snprintf(err->msg, sizeof err->msg, "%.200s:%lu: %.500s", file, line, text);
    else if (file != NULL)
        snprintf(err->msg, sizeof err->msg, "%.200s: %.500s", file, text);
    else
        orbi_strlcpy(err->msg, text, sizeof err->msg);
    return code;
}

void orbi_strlcpy(char *dst, const char *src, size_t n)
{
    size_t len;

    if (n == 0) return;
    len = strlen(src);
    if (len >= n) len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

int orbi_strieq(const char *a, const char *b)
{
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

const char *orb_version(void)
{
    return ORB_VERSION_STRING;
}
