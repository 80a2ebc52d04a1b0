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

/* A text file read whole into *out (NUL-terminated; free it with
 * orbi_free(al, ...)), its length to *len_out. ORB_EIO (cannot open or
 * read), ORB_EPARSE (larger than max bytes, or a NUL byte: not text). */
#define ORBI_MAX_TEXT (16u << 20)
ORB_INTERNAL orb_status orbi_read_text(const orb_allocator *al, const char *path, size_t max,
                                       char **out, size_t *len_out, orb_error *err);

/* Nesting limits of a YAML text, checked before libyaml parses it (its time
 * grows as the square of the depth): a line's content may start at most at
 * column ORBI_YAML_MAX_COLUMN (indentation and "- " entries), and flow
 * collections ([ {) nest at most ORBI_YAML_MAX_FLOW deep. */
#define ORBI_YAML_MAX_COLUMN 256
#define ORBI_YAML_MAX_FLOW   64

/* Load text into doc (yaml_document_delete it after); a malformed text, one
 * nested beyond the limits above, or a second document is ORB_EPARSE at
 * name:line:column. */
ORB_INTERNAL orb_status orbi_yaml_load(const char *text, size_t len, const char *name,
                                       yaml_document_t *doc, orb_error *err);

/* The scenario of a loaded document; messages at name:line:column, the
 * lines and columns those of the document's nodes' marks. */
ORB_INTERNAL orb_status orbi_scenario_from_doc(const orb_allocator *alloc, yaml_document_t *doc,
                                               const char *name, const orb_tables *t,
                                               orb_scenario **out, orb_error *err);

#endif
