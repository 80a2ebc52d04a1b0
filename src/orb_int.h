/*
 * orb_int.h - private definitions shared by liborbis modules.
 *
 * Not API. Helpers shared across modules are named orbi_<module>_<verb> and
 * marked ORB_INTERNAL (hidden visibility).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_INT_H
#define ORB_INT_H

#include <stddef.h>
#include <stdio.h>

#include "orbis/orbis.h"

#if defined(__GNUC__)
#define ORB_INTERNAL     __attribute__((visibility("hidden")))
#define ORB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ORB_INTERNAL
#define ORB_PRINTF(f, a)
#endif

#ifdef ORB_DEBUG
#include <assert.h>
#define ORB_ASSERT(x) assert(x)
#else
#define ORB_ASSERT(x) ((void)0)
#endif

/*
 * Record an error in err (may be NULL) and return code. file may be NULL;
 * line/column 0 mean "not in a file". The single breakpoint target for every
 * error the library raises.
 */
ORB_INTERNAL orb_status orbi_error(orb_error *err, orb_status code, const char *file,
                                   unsigned long line, unsigned long column, const char *fmt, ...)
    ORB_PRINTF(6, 7);

/* Raise an error that is not tied to a file position, and return it. */
#define ORB_FAIL(err, code, ...) return orbi_error((err), (code), NULL, 0, 0, __VA_ARGS__)

/* Pass a non-OK status up. */
#define ORB_TRY(expr)                                                                              \
    do {                                                                                           \
        orb_status orb_try_s_ = (expr);                                                            \
        if (orb_try_s_ != ORB_OK) return orb_try_s_;                                               \
    } while (0)

/* Copy src into dst of size n, always NUL-terminated, truncating. */
ORB_INTERNAL void orbi_strlcpy(char *dst, const char *src, size_t n);

/* Case-insensitive ASCII string equality. */
ORB_INTERNAL int orbi_strieq(const char *a, const char *b);

/* ---- allocators (alloc.c) -------------------------------------------------- */

/* Copy a caller's allocator (NULL, or neither function set: malloc and free)
 * into *out; ORB_EINVAL if only one of its functions is set. */
ORB_INTERNAL orb_status orbi_allocator(const orb_allocator *a, orb_allocator *out, orb_error *err);
/* size bytes (size 0 counts as 1); NULL if out of memory. */
ORB_INTERNAL void *orbi_alloc(const orb_allocator *a, size_t size);
/* n * size zeroed bytes; NULL on overflow or out of memory. */
ORB_INTERNAL void *orbi_calloc(const orb_allocator *a, size_t n, size_t size);
/* realloc through a: p (old bytes long) moved to a block of size bytes;
 * NULL if out of memory, p then untouched. */
ORB_INTERNAL void *orbi_grow(const orb_allocator *a, void *p, size_t old, size_t size);
/* Give p back to a; NULL is a no-op. */
ORB_INTERNAL void orbi_free(const orb_allocator *a, void *p);

/* ---- per-run arena (arena.c) ---------------------------------------------- */

typedef struct orbi_arena {
    struct orbi_arena_block *head;  /* newest block first */
    struct orbi_arena_block *spare; /* after orbi_arena_rewind: the blocks to reuse, oldest first */
    size_t total;                   /* bytes obtained from the allocator */
    orb_allocator al;               /* where the blocks come from */
} orbi_arena;

/* n zeroed bytes, 16-byte aligned, valid until orbi_arena_free; NULL if out of memory. */
ORB_INTERNAL void *orbi_arena_alloc(orbi_arena *a, size_t n);

/* Release every block; the arena may be used again. */
ORB_INTERNAL void orbi_arena_free(orbi_arena *a);

/* Empty the arena but keep its blocks: the allocations that follow reuse
 * them in the order they were first taken (a run restarted makes the same
 * requests in the same order, so it takes no new memory and, the pages being
 * mapped already, no page faults). */
ORB_INTERNAL void orbi_arena_rewind(orbi_arena *a);

/* ---- text helpers (text.c) ------------------------------------------------ */

/* Levenshtein distance between a and b, case-insensitive (ASCII), capped at 64. */
ORB_INTERNAL size_t orbi_edit_distance(const char *a, const char *b);

/* The k candidates nearest to name (ties keep table order) into out; returns
 * how many (k at most, fewer if there are fewer candidates). */
ORB_INTERNAL size_t orbi_nearest(const char *name, const char *const *cand, size_t ncand,
                                 const char **out, size_t k);

/* Format " (nearest: a, b, c)" into buf, or "" when k == 0. */
ORB_INTERNAL void orbi_nearest_msg(char *buf, size_t n, const char *const *near, size_t k);

#endif /* ORB_INT_H */
