/* pipeline/load_types.c - content types and languages of a config, for
 * the command line and the language server alike (load_types.h). */
#include "pipeline/load_types.h"

#include <stdlib.h>
#include <string.h>

#include "core/typeset.h"
#include "pipeline/load.h"

/* The profile of type i: loaded, or the one an earlier type of the same
 * file has. */
static int load_one(const ml_config *cfg, size_t i, int verify,
		    ml_profile **loaded, ml_buf *err)
{
	const ml_type_entry *e = &cfg->types.schemas[i];
	size_t j;
	int rc;

	for (j = 0; j < i; j++)
		if (!strcmp(cfg->types.schemas[j].path, e->path)) {
			loaded[i] = loaded[j];
			return ML_OK;
		}
	if ((rc = ml_profile_load(e->path, &loaded[i], err))) {
		if (rc == ML_EIO || rc == ML_ELIMIT) {
			/* "cannot read": say which type named it */
			ml_buf_clear(err);
			(void)ml_buf_printf(err,
					    "%s: the schema of type \"%s\" "
					    "(%s) cannot be read",
					    e->at, e->name, e->path);
		}
		return rc;
	}
	ml_load_rule_options(cfg, loaded[i]);
	if (ml_profile_check_run(loaded[i], cfg->severity, verify, err))
		return ML_EINVAL;
	return ML_OK;
}

int ml_load_types(const ml_config *cfg, int verify, ml_profile *main,
		  ml_buf *err)
{
	size_t i, n = cfg->types.key ? cfg->types.nschemas : 0;
	ml_profile **loaded;
	int rc = ML_OK;

	if (!n && !cfg->language.nlanguages)
		return ML_OK;
	loaded = calloc(n + 1, sizeof(ml_profile *));
	if (!loaded)
		return ML_ENOMEM;
	for (i = 0; i < n && !rc; i++)
		rc = load_one(cfg, i, verify, loaded, err);
	if (rc) { /* loaded[0..i) are set, shared entries once */
		for (; i < n; i++)
			loaded[i] = NULL;
		for (i = 0; i < n; i++) {
			size_t j;
			for (j = 0; j < i && loaded[j] != loaded[i]; j++)
				;
			if (j == i)
				ml_profile_free(loaded[i]);
		}
		free(loaded);
		return rc;
	}
	rc = ml_typeset_attach(main, &cfg->types, &cfg->language, cfg->root,
			       loaded, err);
	free(loaded);
	return rc;
}
