/* pipeline/load_types.h - the schemas of the config's content types and
 * its languages, loaded once with the main schema (pipeline/load.c) and
 * attached to the main profile (core/typeset.h). */
#ifndef ML_LOAD_TYPES_H
#define ML_LOAD_TYPES_H

#include "core/config.h"
#include "core/profile.h"
#include "util/buf.h"
#include "util/common.h"

/* Loads each type schema of cfg once, applies cfg's rule options, checks
 * that every rule that is on can run under it, and attaches them and the
 * languages to main. Non-zero with one located line in err. */
ML_WARN_UNUSED int ml_load_types(const ml_config *cfg, int verify,
				 ml_profile *main, ml_buf *err);

#endif
