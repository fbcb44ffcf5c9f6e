/* pipeline/load.c - the config and the schema that govern a file, for the
 * command line and the language server alike (pipeline/load.h). */
#include "pipeline/load.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/embedded.h"
#include "pipeline/load_types.h"

#define LOAD_SCHEMA_FILE "schemas/article.schema.yaml"

const char *ml_load_folder(const char *path, char *buf, size_t n)
{
	struct stat st;
	char *slash;

	if ((size_t)snprintf(buf, n, "%s", path) >= n)
		return NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return buf;
	slash = strrchr(buf, '/');
	if (!slash)
		return ".";
	if (slash == buf)
		slash[1] = '\0';
	else
		*slash = '\0';
	return buf;
}

int ml_load_config(const char *dir, const ml_load_opts *o, ml_config *cfg,
		   ml_buf *err)
{
	char *found = NULL;
	int rc = ML_OK;

	ml_config_init(cfg);
	if (!o->config)
		found = ml_config_find(dir);
	if (o->config || found)
		rc = ml_config_load(cfg, o->config ? o->config : found, err);
	free(found);
	return rc;
}

/* dir's schemas/article.schema.yaml into buf when it exists ("." names
 * it as the command line always has, relative). */
static const char *load_schema_in(const char *dir, char *buf, size_t n)
{
	int len = strcmp(dir, ".") == 0
			  ? snprintf(buf, n, "%s", LOAD_SCHEMA_FILE)
			  : snprintf(buf, n, "%s/%s", dir, LOAD_SCHEMA_FILE);

	return len >= 0 && (size_t)len < n && access(buf, F_OK) == 0 ? buf
								     : NULL;
}

const char *ml_load_schema_path(const char *dir, const ml_load_opts *o,
				const ml_config *cfg, const char **origin,
				char *buf, size_t n)
{
	if (o->schema) {
		*origin = "--schema";
		return o->schema;
	}
	if (cfg->schema) {
		*origin = cfg->path;
		return cfg->schema;
	}
	*origin = strcmp(dir, ".") == 0 ? "found in the current folder"
					: "found in the file's folder";
	if (load_schema_in(dir, buf, n))
		return buf;
	*origin = "found beside the config";
	if (cfg->root && load_schema_in(cfg->root, buf, n))
		return buf;
	*origin = "compiled into medlint";
	return NULL;
}

void ml_load_rule_options(const ml_config *cfg, ml_profile *p)
{
	if (cfg->review_max_age_days)
		p->review_max_age_days = cfg->review_max_age_days;
	p->double_hyphen_dash = cfg->double_hyphen_dash;
	if (cfg->nproper_nouns) {
		p->proper_nouns = (const char **)cfg->proper_nouns;
		p->nproper_nouns = cfg->nproper_nouns;
	}
}

int ml_load_profile(const char *dir, const ml_load_opts *o,
		    const ml_config *cfg, ml_profile **out, ml_buf *err)
{
	char buf[PATH_MAX];
	const char *origin, *path = ml_load_schema_path(dir, o, cfg, &origin,
							buf, sizeof(buf));
	int rc = path ? ml_profile_load(path, out, err)
		      : ml_profile_load_text(ML_DEFAULT_SCHEMA_NAME,
					     (const char *)ml_default_schema,
					     ml_default_schema_len, out, err);

	if (rc) {
		*out = NULL;
		return rc;
	}
	ml_load_rule_options(cfg, *out);
	/* A rule that is on must be able to run under this schema. */
	if (ml_profile_check(*out, cfg->severity, err)) {
		ml_profile_free(*out);
		*out = NULL;
		return ML_EINVAL;
	}
	/* content types and languages (pipeline/load_types.h) */
	if ((rc = ml_load_types(cfg, *out, err))) {
		ml_profile_free(*out);
		*out = NULL;
	}
	return rc;
}

int ml_load_profile_for(const char *path, const ml_load_opts *o, ml_config *cfg,
			ml_profile **out, ml_buf *err)
{
	char buf[PATH_MAX];
	const char *dir = ml_load_folder(path, buf, sizeof(buf));
	int rc;

	*out = NULL;
	if (!dir) {
		ml_config_init(cfg);
		(void)ml_buf_printf(err, "%s: path too long", path);
		return ML_EINVAL;
	}
	if ((rc = ml_load_config(dir, o, cfg, err)))
		return rc;
	return ml_load_profile(dir, o, cfg, out, err);
}
