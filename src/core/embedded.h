/* core/embedded.h - data compiled into the binary at build time from
 * the files in schemas/ (cmake/embed.cmake writes the definitions). */
#ifndef ML_EMBEDDED_H
#define ML_EMBEDDED_H

#include <stddef.h>

#include "parse/nodepack.h"

/* schemas/article.schema.yaml: the default schema, NUL-terminated. */
extern const unsigned char ml_default_schema[];
extern const size_t ml_default_schema_len;
/* Its value tree as ml_yaml_parse builds it, made at build time by
 * medlint_schema_gen (src/gen/schema_gen.c) from the same file:
 * ml_profile_load_text unpacks it instead of parsing the text above. */
extern const ml_packed_tree ml_default_schema_tree;

/* schemas/medlint-config.schema.json: the JSON Schema of .medlint.yaml,
 * applied by ml_config_load. */
extern const unsigned char ml_config_schema[];
extern const size_t ml_config_schema_len;

/* schemas/article-schema.schema.json: the JSON Schema of the article
 * schema format, applied by ml_profile_load. */
extern const unsigned char ml_schema_format[];
extern const size_t ml_schema_format_len;

/* schemas/wording-defaults.yaml: the wording rule's shipped health
 * entries (core/prose_schema.c). */
extern const unsigned char ml_wording_defaults[];
extern const size_t ml_wording_defaults_len;

/* What messages call the built-in default schema. */
#define ML_DEFAULT_SCHEMA_NAME "<built-in>/article.schema.yaml"

#endif
