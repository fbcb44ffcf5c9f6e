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
#include "util/urlmap.h"

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
	/* a config's own schemas/ first: a config in docs/ is not governed
	 * by the schemas/ of the folder medlint was started in */
	*origin = "found beside the config";
	if (cfg->root && load_schema_in(cfg->root, buf, n))
		return buf;
	*origin = strcmp(dir, ".") == 0 ? "found in the current folder"
					: "found in the file's folder";
	if (load_schema_in(dir, buf, n))
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
	if (ml_profile_check_run(*out, cfg->severity, o->verify_refs, err)) {
		ml_profile_free(*out);
		*out = NULL;
		return ML_EINVAL;
	}
	/* content types and languages (pipeline/load_types.h) */
	if ((rc = ml_load_types(cfg, o->verify_refs, *out, err))) {
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

/* ---- the loader of a run -------------------------------------------- */

struct ml_loader {
	ml_load_opts o;
	ml_urlmap dirs;	  /* folder -> config number (0: none) */
	ml_urlmap keyed;  /* "config:mask:dir" -> entry number + 1 */
	char **confs;	  /* config files; confs[0] unused */
	ml_config *bases; /* each config as read, its overrides unapplied */
	char **base_errs; /* NULL, or why the base did not load */
	/* the entry that took the base over (its overrides unapplied too:
	 * the config is read once), or NULL */
	const ml_load_entry **base_ent;
	size_t nconfs, cconfs;
	ml_load_entry **ents;
	size_t nents, cents;
	/* the last folder asked about and its entry, when no override can
	 * tell its files apart: a walk asks folder by folder */
	char last[PATH_MAX];
	const ml_load_entry *last_e;
};

int ml_loader_new(const ml_load_opts *o, ml_loader **out)
{
	ml_loader *ld = calloc(1, sizeof(*ld));

	*out = NULL;
	if (!ld)
		return ML_ENOMEM;
	ld->o = *o;
	ml_urlmap_init(&ld->dirs);
	ml_urlmap_init(&ld->keyed);
	ld->nconfs = 1;
	*out = ld;
	return ML_OK;
}

static void entry_free(ml_load_entry *e)
{
	if (!e)
		return;
	ml_profile_free(e->profile);
	ml_config_dispose(&e->cfg);
	free(e->error);
	free(e->schema);
	free(e);
}

void ml_loader_free(ml_loader *ld)
{
	size_t i;

	if (!ld)
		return;
	for (i = 1; i < ld->nconfs; i++) {
		free(ld->confs[i]);
		ml_config_dispose(&ld->bases[i]);
		free(ld->base_errs[i]);
	}
	free(ld->confs);
	free(ld->bases);
	free(ld->base_errs);
	free(ld->base_ent);
	for (i = 0; i < ld->nents; i++)
		entry_free(ld->ents[i]);
	free(ld->ents);
	ml_urlmap_dispose(&ld->dirs);
	ml_urlmap_dispose(&ld->keyed);
	free(ld);
}

/* The number of config file path, read once (as the base of its entries). */
static int conf_number(ml_loader *ld, const char *path, size_t *num)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, n = ld->nconfs;

	for (i = 1; i < n; i++)
		if (strcmp(ld->confs[i], path) == 0) {
			*num = i;
			return ML_OK;
		}
	if (n >= ld->cconfs) {
		size_t c = ld->cconfs ? ld->cconfs * 2 : 4;
		char **a = realloc(ld->confs, c * sizeof(*a));
		ml_config *b;
		char **e;

		if (a)
			ld->confs = a;
		b = a ? realloc(ld->bases, c * sizeof(*b)) : NULL;
		if (b)
			ld->bases = b;
		const ml_load_entry **be;

		e = b ? realloc(ld->base_errs, c * sizeof(*e)) : NULL;
		if (e)
			ld->base_errs = e;
		be = e ? realloc(ld->base_ent, c * sizeof(ml_load_entry *))
		       : NULL;
		if (!be)
			return ML_ENOMEM;
		ld->base_ent = be;
		ld->cconfs = c;
	}
	if (!(ld->confs[n] = ml_strdup(path)))
		return ML_ENOMEM;
	ld->base_errs[n] = NULL;
	ld->base_ent[n] = NULL;
	ml_config_init(&ld->bases[n]);
	if (ml_config_load(&ld->bases[n], path, &err) == ML_ENOMEM) {
		ml_buf_dispose(&err);
		ml_config_dispose(&ld->bases[n]);
		free(ld->confs[n]);
		return ML_ENOMEM;
	}
	if (err.len)
		ld->base_errs[n] = ml_buf_detach(&err);
	ml_buf_dispose(&err);
	ld->nconfs++;
	*num = n;
	return ML_OK;
}

const char *ml_loader_config_of(ml_loader *ld, const char *dir)
{
	size_t num = 0;
	char *found;
	int rc = ML_OK;

	if (ld->o.config) {
		if (ld->nconfs == 1 && conf_number(ld, ld->o.config, &num))
			return NULL;
		return ld->confs[1];
	}
	if (ml_urlmap_get(&ld->dirs, dir, &num))
		return num ? ld->confs[num] : NULL;
	found = ml_config_find(dir);
	if (found)
		rc = conf_number(ld, found, &num);
	free(found);
	if (rc || ml_urlmap_put(&ld->dirs, dir, num))
		return NULL;
	return num ? ld->confs[num] : NULL;
}

static size_t conf_of(ml_loader *ld, const char *dir)
{
	const char *path = ml_loader_config_of(ld, dir);
	size_t i;

	for (i = 1; path && i < ld->nconfs; i++)
		if (ld->confs[i] == path)
			return i;
	return 0;
}

/* An entry given up (out of memory): the base it took over goes with it. */
static void drop(ml_loader *ld, ml_load_entry *e)
{
	if (e && e->config_id && ld->base_ent[e->config_id] == e)
		ld->base_ent[e->config_id] = NULL;
	entry_free(e);
}

/* A new entry: the config with the overrides of mask, and its schema. */
static ml_load_entry *entry_make(ml_loader *ld, size_t conf,
				 unsigned long long mask, const char *dir)
{
	ml_load_entry *e = calloc(1, sizeof(*e));
	ml_buf err = ML_BUF_INIT(ML_LIMIT_TEXT);
	char buf[PATH_MAX];
	const char *schema;
	int rc = ML_OK, cfg_bad = 0;

	if (!e)
		return NULL;
	ml_config_init(&e->cfg);
	e->config_id = conf;
	if (conf && !mask && !ld->base_errs[conf] && !ld->base_ent[conf]) {
		/* the config as read is this entry's: not read again */
		ml_config_dispose(&e->cfg);
		e->cfg = ld->bases[conf];
		ml_config_init(&ld->bases[conf]);
		ld->base_ent[conf] = e;
	} else if (conf) {
		rc = ml_config_load_with(&e->cfg, ld->confs[conf], mask, &err);
		cfg_bad = rc != ML_OK;
	}
	if (rc == ML_ENOMEM)
		goto oom;
	schema = ml_load_schema_path(dir, &ld->o, &e->cfg, &e->schema_origin,
				     buf, sizeof(buf));
	if (schema && !(e->schema = ml_strdup(schema)))
		goto oom;
	if (cfg_bad) {
		/* the schema's own mistakes too, in the same run; whether a
		 * rule can run is left until the config reads */
		ml_buf serr = ML_BUF_INIT(ML_LIMIT_TEXT);
		struct stat st;

		rc = schema && e->cfg.schema && stat(schema, &st) == 0 &&
				     S_ISREG(st.st_mode)
			     ? ml_profile_load(schema, &e->profile, &serr)
			     : ML_OK;
		if (rc && serr.len)
			(void)ml_buf_printf(&err, "\n%s", ml_buf_cstr(&serr));
		ml_buf_dispose(&serr);
		ml_profile_free(e->profile);
		e->profile = NULL;
		rc = ML_ECONFIG;
	} else {
		rc = ml_load_profile(dir, &ld->o, &e->cfg, &e->profile, &err);
	}
	if (rc == ML_ENOMEM)
		goto oom;
	if (rc && !(e->error = ml_strdup(err.len ? ml_buf_cstr(&err)
						 : "cannot load the schema")))
		goto oom;
	ml_buf_dispose(&err);
	return e;
oom:
	ml_buf_dispose(&err);
	drop(ld, e);
	return NULL;
}

static const ml_load_entry *entry_in(ml_loader *ld, const char *path,
				     const char *folder)
{
	const char *dir;
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	unsigned long long mask = 0;
	ml_load_entry *e;
	size_t conf, num;

	if (!folder)
		return NULL;
	if (ld->last_e && strcmp(folder, ld->last) == 0)
		return ld->last_e;
	ld->last_e = NULL;
	conf = conf_of(ld, folder);
	if (conf && !ld->base_errs[conf])
		mask = ml_config_overrides_for(
			ld->base_ent[conf] ? &ld->base_ent[conf]->cfg
					   : &ld->bases[conf],
			path);
	dir = ld->o.schema_dir ? ld->o.schema_dir : folder;
	if (ml_buf_printf(&key, "%zu:%llx:%s", conf, mask, dir)) {
		ml_buf_dispose(&key);
		return NULL;
	}
	if (ml_urlmap_get(&ld->keyed, ml_buf_cstr(&key), &num)) {
		ml_buf_dispose(&key);
		e = ld->ents[num];
		goto found;
	}
	e = NULL;
	if (!ml_grow((void **)&ld->ents, &ld->cents, ld->nents + 1,
		     sizeof(ml_load_entry *)) &&
	    (e = entry_make(ld, conf, mask, dir))) {
		e->id = ld->nents;
		if (ml_urlmap_put(&ld->keyed, ml_buf_cstr(&key), ld->nents)) {
			drop(ld, e);
			e = NULL;
		} else {
			ld->ents[ld->nents++] = e;
		}
	}
	ml_buf_dispose(&key);
found:
	if (e && !e->cfg.noverrides &&
	    (size_t)snprintf(ld->last, sizeof(ld->last), "%s", folder) <
		    sizeof(ld->last))
		ld->last_e = e;
	return e;
}

const ml_load_entry *ml_loader_entry(ml_loader *ld, const char *path)
{
	char fbuf[PATH_MAX];
	const char *folder = ml_load_folder(path, fbuf, sizeof(fbuf));

	return entry_in(ld, path, folder);
}

const ml_load_entry *ml_loader_file_entry(ml_loader *ld, const char *path)
{
	char fbuf[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!slash)
		return entry_in(ld, path, ".");
	if ((size_t)(slash - path) + 2 > sizeof(fbuf))
		return NULL;
	memcpy(fbuf, path, (size_t)(slash - path));
	fbuf[slash == path ? 1 : slash - path] = '\0';
	return entry_in(ld, path, fbuf);
}

size_t ml_loader_count(const ml_loader *ld)
{
	return ld->nents;
}

const ml_load_entry *ml_loader_at(const ml_loader *ld, size_t i)
{
	return i < ld->nents ? ld->ents[i] : NULL;
}

/* 1 when the line [p, p + n) is already in out. */
static int has_line(const ml_buf *out, const char *p, size_t n)
{
	const char *s = out->len ? out->ptr : "", *end = s + out->len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t k = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (k == n && memcmp(s, p, n) == 0)
			return 1;
		s += k + 1;
	}
	return 0;
}

int ml_loader_errors(const ml_loader *ld, ml_buf *out)
{
	size_t i;
	int any = 0;

	for (i = 0; i < ld->nents; i++) {
		const char *p = ld->ents[i]->error;

		while (p && *p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			if (n && !has_line(out, p, n)) {
				if (out->len)
					(void)ml_buf_putc(out, '\n');
				(void)ml_buf_put(out, p, n);
			}
			any = 1;
			p += n + (nl != NULL);
		}
	}
	return any;
}

int ml_loader_unused_overrides(const ml_loader *ld,
			       const ml_load_entry *const *used_by, size_t n,
			       ml_buf *out)
{
	size_t conf, i, k;
	int any = 0;

	for (conf = 1; conf < ld->nconfs; conf++) {
		const ml_config *c = ld->base_ent[conf]
					     ? &ld->base_ent[conf]->cfg
					     : &ld->bases[conf];
		unsigned long long used = 0;

		if (ld->base_errs[conf] || !c->noverrides)
			continue;
		for (i = 0; i < n; i++)
			if (used_by[i]->config_id == conf)
				used |= used_by[i]->cfg.applied;
		for (i = 0; i < c->noverrides; i++) {
			const ml_config_override *o = &c->overrides[i];

			if (used >> i & 1)
				continue;
			if (out->len)
				(void)ml_buf_putc(out, '\n');
			(void)ml_buf_printf(out,
					    "%s:%d:%d: override %zu (files: ",
					    ld->confs[conf], o->line, o->column,
					    i + 1);
			for (k = 0; k < o->nfiles; k++)
				(void)ml_buf_printf(out, "%s%s", k ? ", " : "",
						    o->files[k]);
			(void)ml_buf_puts(out, ") matches no article of this "
					       "run");
			any = 1;
		}
	}
	return any;
}
