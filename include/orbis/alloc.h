/*
 * alloc.h - the allocator of long-lived objects (STYLE convention 8).
 *
 * Worlds, scenarios, sims, runs and expected-utility models take their
 * memory from an orb_allocator passed at creation and give it back through
 * the same allocator when freed. One convention: a constructor that takes
 * an options struct takes the allocator in it (orb_sim_opts.alloc,
 * orb_run_opts.alloc, orb_eu_opts.alloc); one that takes none has a _with
 * variant whose first argument is the allocator (orb_world_new_with,
 * orb_scenario_load_with, orb_scenario_parse_with; orb_scenario_new takes
 * it first too).
 * A NULL allocator means malloc and free. A run takes all its memory at
 * orb_run_new (its arena's blocks come from the allocator); a step takes none.
 *
 * What the allocator does not see: memory that third-party libraries take
 * for themselves (libyaml while a scenario is parsed, igraph while blocs are
 * detected, GSL in calibration) and the temporaries of the raw-data loaders
 * (orb_tables_load, orb_panel_load), which use malloc and free it before they
 * return.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_ALLOC_H
#define ORBIS_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * An allocator: alloc returns size bytes (size > 0), aligned for any type,
 * or NULL when out of memory (the caller then returns ORB_ENOMEM); free
 * releases a block alloc returned (never NULL). ud is passed to both. Set
 * both functions, or neither (then malloc and free); an object keeps a copy
 * of the struct, and ud must outlive the object.
 */
typedef struct orb_allocator {
    void *(*alloc)(void *ud, size_t size);
    void (*free)(void *ud, void *ptr);
    void *ud;
} orb_allocator;

#ifdef __cplusplus
}
#endif

#endif /* ORBIS_ALLOC_H */
