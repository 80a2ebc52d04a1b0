/*
 * arena.c - the per-run bump allocator (STYLE convention 8).
 *
 * Memory comes in blocks from the run's allocator (orb_run_opts.alloc,
 * default malloc); allocations are 16-byte aligned and
 * zeroed, and are released all at once by orbi_arena_free, or kept for
 * reuse by orbi_arena_rewind (orb_run_restart). Runs allocate everything at
 * orb_run_new, so the step loop never allocates.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "orb_int.h"

#define ARENA_ALIGN 16
#define ARENA_BLOCK ((size_t)1 << 20) /* 1 MiB unless a request is larger */

struct orbi_arena_block {
    struct orbi_arena_block *next;
    size_t size, used;
    /* data follows, aligned */
};

#define HDR (((sizeof(struct orbi_arena_block) + ARENA_ALIGN - 1) / ARENA_ALIGN) * ARENA_ALIGN)

void *orbi_arena_alloc(orbi_arena *a, size_t n)
{
    struct orbi_arena_block *b = a->head;
    void *p;

    n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (n == 0) n = ARENA_ALIGN;
    if (b == NULL || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        if (a->spare != NULL && a->spare->size >= n) { /* a block of before the rewind */
            b = a->spare;
            a->spare = b->next;
        } else {
            b = orbi_alloc(&a->al, HDR + size);
            if (b == NULL) return NULL;
            b->size = size;
            a->total += HDR + size;
        }
        b->next = a->head;
        b->used = 0;
        a->head = b;
    }
    p = (char *)b + HDR + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

static void free_list(orbi_arena *a, struct orbi_arena_block *b)
{
    while (b != NULL) {
        struct orbi_arena_block *next = b->next;
        orbi_free(&a->al, b);
        b = next;
    }
}

void orbi_arena_free(orbi_arena *a)
{
    free_list(a, a->head);
    free_list(a, a->spare);
    a->head = a->spare = NULL;
    a->total = 0;
}

void orbi_arena_rewind(orbi_arena *a)
{
    struct orbi_arena_block *b = a->head, *old = NULL;

    while (b != NULL) { /* newest first -> oldest first, ahead of any spare left */
        struct orbi_arena_block *next = b->next;
        b->next = old;
        old = b;
        b = next;
    }
    if (old != NULL) { /* the reversed list, then what was spare already */
        struct orbi_arena_block *tail = old;
        while (tail->next != NULL)
            tail = tail->next;
        tail->next = a->spare;
        a->spare = old;
    }
    a->head = NULL;
}
