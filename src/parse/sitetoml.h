/* parse/sitetoml.h - a TOML document (a Hugo site config: hugo.toml,
 * config.toml) as an ml_node tree, parsed by toml++ (Debian
 * libtomlplusplus-dev) through the C++ shim fmtoml.cc.
 *
 * Tables become mappings, arrays sequences; strings, integers, floats and
 * booleans keep their type; dates and times become strings holding their
 * TOML text. Every node carries the line and column toml++ reports. */
#ifndef ML_SITETOML_H
#define ML_SITETOML_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parse text[0..len) into a new tree: ML_OK with *out, ML_EINVAL with
 * "line:col: reason" in err, ML_ELIMIT when nested deeper than 64, or
 * ML_ENOMEM. */
int ml_sitetoml_parse(const char *text, size_t len, ml_tree **out, ml_buf *err);

#ifdef __cplusplus
}
#endif

#endif
