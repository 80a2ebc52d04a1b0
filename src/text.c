/*
 * text.c - small text helpers: edit distance and "nearest names" hints for
 * error messages (unknown parameters, fields and state codes).
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "orb_int.h"

#define MAXLEN 64

size_t orbi_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[MAXLEN + 1];

    if (la > MAXLEN) la = MAXLEN;
    if (lb > MAXLEN) lb = MAXLEN;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best;
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            best = diag + (same ? 0 : 1);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

size_t orbi_nearest(const char *name, const char *const *cand, size_t ncand, const char **out,
                    size_t k)
{
    size_t dist[8], m = 0, i;

    if (name == NULL || out == NULL || k == 0) return 0; /* "up to 0": none */
    if (k > 8) k = 8;
    for (i = 0; i < ncand; i++) {
        size_t d = orbi_edit_distance(name, cand[i]), p;
        if (m == k && d >= dist[m - 1]) continue;
        if (m < k) m++;
        p = m - 1;
        while (p > 0 && dist[p - 1] > d) { /* insertion; ties keep table order */
            dist[p] = dist[p - 1];
            out[p] = out[p - 1];
            p--;
        }
        dist[p] = d;
        out[p] = cand[i];
    }
    return m;
}

void orbi_nearest_msg(char *buf, size_t n, const char *const *near, size_t k)
{
    size_t i, len;

    if (n == 0) return;
    buf[0] = '\0';
    if (k == 0) return;
    snprintf(buf, n, " (nearest: ");
    for (i = 0; i < k; i++) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", i ? ", " : "", near[i]);
    }
    len = strlen(buf);
    snprintf(buf + len, n - len, ")");
}
