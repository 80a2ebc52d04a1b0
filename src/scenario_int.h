/*
 * scenario_int.h - scenario parsing from a libyaml document (claims.c builds
 * its variants as documents: a base scenario with a claim's change merged in).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORBIS_SCENARIO_INT_H
#define ORBIS_SCENARIO_INT_H

#include <yaml.h>

#include "orb_int.h"
#include "orbis/scenario.h"

/* Load text into doc (yaml_document_delete it after); a malformed text is
 * ORB_EPARSE at name:line:column. */
ORB_INTERNAL orb_status orbi_yaml_load(const char *text, size_t len, const char *name,
                                       yaml_document_t *doc, orb_error *err);

/* The scenario of a loaded document; messages at name:line:column, the
 * lines and columns those of the document's nodes' marks. */
ORB_INTERNAL orb_status orbi_scenario_from_doc(const orb_allocator *alloc, yaml_document_t *doc,
                                               const char *name, const orb_tables *t,
                                               orb_scenario **out, orb_error *err);

#endif
