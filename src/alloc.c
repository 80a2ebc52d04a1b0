/*
 * alloc.c - allocation through an orb_allocator (STYLE convention 8).
 *
 * An orb_allocator with alloc == NULL stands for malloc and free; objects
 * keep their allocator by value (orbi_allocator) and use these helpers for
 * every block they own.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "orb_int.h"

orb_status orbi_allocator(const orb_allocator *a, orb_allocator *out, orb_error *err)
{
    memset(out, 0, sizeof *out);
    if (a == NULL || (a->alloc == NULL && a->free == NULL)) return ORB_OK; /* malloc, free */
    if (a->alloc == NULL || a->free == NULL)
        ORB_FAIL(err, ORB_EINVAL, "an allocator needs both its alloc and free functions");
    *out = *a;
    return ORB_OK;
}

void *orbi_alloc(const orb_allocator *a, size_t size)
{
    if (size == 0) size = 1;
    return a->alloc != NULL ? a->alloc(a->ud, size) : malloc(size);
}

void *orbi_calloc(const orb_allocator *a, size_t n, size_t size)
{
    void *p;

    if (size != 0 && n > SIZE_MAX / size) return NULL;
    p = orbi_alloc(a, n * size);
    if (p != NULL) memset(p, 0, n * size > 0 ? n * size : 1);
    return p;
}

void *orbi_grow(const orb_allocator *a, void *p, size_t old, size_t size)
{
    void *q;

    if (a->alloc == NULL) return realloc(p, size ? size : 1);
    q = orbi_alloc(a, size);
    if (q == NULL) return NULL;
    if (p != NULL) {
        memcpy(q, p, old < size ? old : size);
        a->free(a->ud, p);
    }
    return q;
}

void orbi_free(const orb_allocator *a, void *p)
{
    if (p == NULL) return;
    if (a->free != NULL)
        a->free(a->ud, p);
    else
        free(p);
}
