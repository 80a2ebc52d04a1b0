/*
 * orbis.h - umbrella header for liborbis, the international-order simulator.
 *
 * Include this header to get the whole public API. Anything not declared
 * under include/orbis/ is not API and may change without notice.
 *
 * NULL and out-of-range arguments, for every function unless its comment
 * says otherwise (none crashes; tests/unit/test_hardening.c):
 * - a function returning orb_status returns ORB_EINVAL (with a message when
 *   it takes an orb_error *, which may itself be NULL) and writes no output;
 * - a query on a NULL object answers a neutral value: 0 for counts, years,
 *   codes and flags, NaN for doubles, "" for names, NULL for pointers (any
 *   count it returns through a pointer set to 0), (size_t)-1 for an index
 *   not found and -1 for a bloc; an index out of range answers the same in
 *   release builds and asserts in debug builds (ORB_DEBUG);
 * - a NULL to a function that frees, or to a void function's object, is a
 *   no-op;
 * - option structs are checked as their headers say (enums, ranges, NaN).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_ORBIS_H
#define ORBIS_ORBIS_H

#include "orbis/status.h"
#include "orbis/alloc.h"
#include "orbis/data.h"
#include "orbis/power.h"
#include "orbis/polarity.h"
#include "orbis/params.h"
#include "orbis/calibrate.h"
#include "orbis/rng.h"
#include "orbis/scenario.h"
#include "orbis/run.h"
#include "orbis/security.h"
#include "orbis/unsc.h"
#include "orbis/negotiate.h"
#include "orbis/stats.h"
#include "orbis/backtest.h"
#include "orbis/evaluate.h"
#include "orbis/ensemble.h"
#include "orbis/store.h"
#include "orbis/claims.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORB_VERSION_MAJOR  0
#define ORB_VERSION_MINOR  1
#define ORB_VERSION_PATCH  0
#define ORB_VERSION_STRING "0.1.0"

/* The library's version string, e.g. "0.1.0". Compare with ORB_VERSION_STRING
 * to detect a header/library mismatch. */
const char *orb_version(void);

#ifdef __cplusplus
}
#endif
#endif /* ORBIS_ORBIS_H */
