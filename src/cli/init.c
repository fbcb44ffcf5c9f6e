/* cli/init.c - the commands that set a content repository up and show what
 * a run would use: --init, --print-schema, --print-config. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"
#include "core/embedded.h"
#include "core/site.h"
#include "core/typeset.h"
#include "parse/frontmatter.h"
#include "core/profile.h"
#include "core/ruletab.h"
#include "pipeline/load.h"
#include "util/common.h"

/* Writes text to path unless the file exists (O_EXCL: never overwrites).
 * 0 written, 1 left as it was, -1 error (printed). */
static int write_new(const char *path, const char *head, const char *text,
		     size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	FILE *f;
	int bad;

	if (fd < 0 && errno == EEXIST) {
		fprintf(stderr, "medlint: --init: %s exists: left as it is\n",
			path);
		return 1;
	}
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, "medlint: --init: cannot write %s: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	bad = fputs(head, f) < 0 || fwrite(text, 1, len, f) != len;
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "medlint: --init: cannot write %s\n", path);
		return -1;
	}
	printf("wrote %s\n", path);
	return 0;
}

/* A string literal right after key (`key: 'v'` or `key: "v"`) at p, or
 * 0; its text to out. */
static int js_literal(const char *p, const char *key, char *out, size_t n)
{
	size_t k = strlen(key), len;
	const char *q, *e;
	char quote;

	if (strncmp(p, key, k) != 0)
		return 0;
	q = p + k;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q++ != ':')
		return 0;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q != '\'' && *q != '"')
		return 0;
	quote = *q++;
	if (!(e = strchr(q, quote)) || memchr(q, '\n', (size_t)(e - q)))
		return 0;
	len = (size_t)(e - q);
	if (len >= n || memchr(q, '\\', len))
		return 0;
	memcpy(out, q, len);
	out[len] = '\0';
	return 1;
}

/* `name:` at p (an object key). */
static int is_key(const char *p, const char *name)
{
	size_t k = strlen(name);

	if (strncmp(p, name, k) != 0)
		return 0;
	p += k;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == ':';
}

/* docusaurus.config.* is code medlint does not run; the literals it
 * most often holds are read into the site: block for the writer to
 * check: url + baseUrl (base_url) and the docs plugin's routeBasePath
 * (docs_route: a routeBasePath after "docs:", not after "blog:"). */
static void docu_literals(const char *file, char *out, size_t n)
{
	char url[300] = "", base[300] = "", route[310] = "", v[300];
	char line[1024];
	int in_docs = 0, have_route = 0;
	FILE *f = fopen(file, "r");

	out[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "//", 2) == 0 || *p == '*')
			continue;
		for (; *p; p++) {
			if (p != line && (p[-1] == '_' || p[-1] == '.' ||
					  (p[-1] >= 'a' && p[-1] <= 'z') ||
					  (p[-1] >= 'A' && p[-1] <= 'Z')))
				continue;
			if (is_key(p, "docs"))
				in_docs = 1;
			else if (is_key(p, "blog") || is_key(p, "pages"))
				in_docs = 0;
			else if (!url[0] && js_literal(p, "url", v, sizeof(v)))
				memcpy(url, v, strlen(v) + 1);
			else if (!base[0] &&
				 js_literal(p, "baseUrl", v, sizeof(v)))
				memcpy(base, v, strlen(v) + 1);
			else if (in_docs && !have_route &&
				 js_literal(p, "routeBasePath", v, sizeof(v))) {
				(void)snprintf(route, sizeof(route), "%s%s",
					       v[0] == '/' ? "" : "/", v);
				have_route = 1;
			}
		}
	}
	(void)fclose(f);
	if (url[0] || have_route)
		(void)snprintf(out, n,
			       "  # read from %s (code: check them)\n%s%s%s%s%s"
			       "%s%s",
			       file, url[0] ? "  base_url: \"" : "", url,
			       url[0] && strcmp(base, "/") != 0 ? base : "",
			       url[0] ? "\"\n" : "",
			       have_route ? "  docs_route: \"" : "", route,
			       have_route ? "\"\n" : "");
}

int ml_cli_init(const cli *c)
{
	struct stat st;
	char cfg[2600];
	const char *include = stat("content", &st) == 0 && S_ISDIR(st.st_mode)
				      ? "content/**/*.md"
				      : "**/*.md";
	const char *found = NULL;
	ml_site_gen gen = ml_site_detect(".", &found);
	char site[1400] = "", lits[1100] = "";
	int a, b, n;

	(void)c;
	if (gen == ML_GEN_DOCUSAURUS)
		docu_literals(found, lits, sizeof(lits));
	if (gen != ML_GEN_NONE)
		(void)snprintf(
			site, sizeof(site),
			"\n# The site generator (found %s): links and #anchors\n"
			"# resolve as it builds the site (doc/site-%s.md).\n"
			"site:\n  generator: %s\n%s",
			found, ml_site_gen_name(gen), ml_site_gen_name(gen),
			lits);
	n = snprintf(
		cfg, sizeof(cfg),
		"# yaml-language-server: $schema=%s/schemas/"
		"medlint-config.schema.json\n"
		"# medlint's configuration, written by medlint --init.\n"
		"# Every key is described in doc/schema.md and medlint(1).\n"
		"\n"
		"# The article schema: front matter, sections, byline,\n"
		"# credentials, and which front-matter key holds each role.\n"
		"schema: schemas/article.schema.yaml\n"
		"\n"
		"# Which files are articles, for every run (walked or named).\n"
		"include: [\"%s\"]\n"
		"exclude: []\n"
		"\n"
		"# A rule's severity (off | warning | error), or its options:\n"
		"#   review-stale: {severity: warning, max_age_days: 365}\n"
		"rules: {}\n%s",
		ML_HOMEPAGE, include, site);
	if (n < 0 || (size_t)n >= sizeof(cfg)) {
		fprintf(stderr,
			"medlint: --init: the config text is too long\n");
		return EXIT_USAGE;
	}
	if (mkdir("schemas", 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "medlint: --init: cannot create schemas/: %s\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	a = write_new(".medlint.yaml", "", cfg, strlen(cfg));
	b = write_new("schemas/article.schema.yaml",
		      "# yaml-language-server: $schema=" ML_HOMEPAGE
		      "/schemas/article-schema.schema.json\n",
		      (const char *)ml_default_schema, ml_default_schema_len);
	return a < 0 || b < 0 ? EXIT_USAGE : 0;
}

int ml_cli_print_schema(void)
{
	return fwrite(ml_default_schema, 1, ml_default_schema_len, stdout) ==
			       ml_default_schema_len
		       ? 0
		       : EXIT_USAGE;
}

/* Where key's value came from: the config's line (and override), or
 * medlint's default. */
static const char *from(const ml_config *cfg, const char *key, char *buf,
			size_t n)
{
	const ml_config_origin *o = ml_config_origin_of(cfg, key);

	if (!o)
		return "default";
	if (o->override)
		(void)snprintf(buf, n, "%s:%d (override %d)", cfg->path,
			       o->line, o->override);
	else
		(void)snprintf(buf, n, "%s:%d", cfg->path, o->line);
	return buf;
}

static void list(const ml_config *cfg, const char *key, char *const *v,
		 size_t n, const char *dflt)
{
	char buf[PATH_MAX + 64];
	const char *f = from(cfg, key, buf, sizeof(buf));
	size_t i;

	printf("%s: [", key);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i ? ", " : "", v[i]);
	printf("]  # %s\n", strcmp(f, "default") ? f : dflt);
}

static void print_links(const ml_config *cfg)
{
	ml_config def;
	char buf[PATH_MAX + 64];

	ml_config_init(&def);
	printf("links:\n");
#define LINK(key, fmt, field)                                  \
	printf("  " key ": " fmt "  # %s\n", cfg->links.field, \
	       from(cfg, "links." key, buf, sizeof(buf)))
	LINK("timeout", "%ld", timeout_s);
	LINK("connect_timeout", "%ld", connect_timeout_s);
	LINK("retries", "%d", retries);
	LINK("concurrency", "%d", concurrency);
	LINK("per_host", "%d", per_host);
	LINK("interval", "%d", interval_ms);
	LINK("retry_after_cap", "%ld", retry_after_cap_s);
	LINK("cache_ttl", "%ld", cache_ttl_s);
#undef LINK
	if (cfg->links.cache)
		printf("  cache: %s  # %s\n", cfg->links.cache,
		       from(cfg, "links.cache", buf, sizeof(buf)));
	ml_config_dispose(&def);
}

static void strlist(const char *indent, const char *key, const ml_strlist *l,
		    const char *none)
{
	size_t i;

	if (!l->n) {
		printf("%s%s: []  # %s\n", indent, key, none);
		return;
	}
	printf("%s%s: [", indent, key);
	for (i = 0; i < l->n; i++)
		printf("%s\"%s\"", i ? ", " : "", l->v[i]);
	printf("]\n");
}

/* site: as the run reads it, with the generator's config file it took
 * its own settings from (core/site.h). */
static void print_site(const ml_config *cfg)
{
	const ml_site_config *s = &cfg->site;
	const char *found = NULL;
	char buf[PATH_MAX + 64];

	if (s->gen == ML_GEN_NONE) {
		printf("site: none  # default: links resolve as files beside "
		       "the article\n");
		return;
	}
	printf("site:  # %s\n", from(cfg, "site", buf, sizeof(buf)));
	printf("  generator: %s\n", ml_site_gen_name(s->gen));
	if (s->root)
		printf("  root: %s\n", s->root);
	if (s->config)
		printf("  config: %s\n", s->config);
	else if (s->root && ml_site_detect(s->root, &found) == s->gen && found)
		printf("  config: %s/%s  # found in the site's root\n", s->root,
		       found);
	else
		printf("  config: none  # none found: the generator's "
		       "defaults\n");
	printf("  base_url: %s\n", s->base_url ? s->base_url : "none");
	strlist("  ", "content_dirs", &s->content_dirs,
		"the generator's (or its config's)");
	strlist("  ", "static_dirs", &s->static_dirs,
		"the generator's (or its config's)");
	if (s->directory_urls >= 0)
		printf("  directory_urls: %s\n",
		       s->directory_urls ? "true" : "false");
	if (s->docs_route)
		printf("  docs_route: %s\n", s->docs_route);
	if (s->gen == ML_GEN_PLAIN) {
		printf("  root_dir: %s\n", s->root_dir ? s->root_dir : "none");
		strlist("  ", "fallback_extensions", &s->fallback_ext, "none");
		strlist("  ", "index_files", &s->index_files, "none");
	}
}

/* verify: (--verify-refs), defaults or as the config sets them. */
static void print_verify(const ml_config *cfg)
{
	const ml_verify_config *v = &cfg->verify;
	char buf[PATH_MAX + 64];

	printf("verify:  # %s\n", from(cfg, "verify", buf, sizeof(buf)));
	printf("  crossref: %s\n", v->crossref ? v->crossref : "none");
	printf("  eutils: %s\n", v->eutils ? v->eutils : "none");
	printf("  mailto: %s\n", v->mailto ? v->mailto : "none");
	printf("  api_key_env: %s\n", v->api_key_env ? v->api_key_env : "none");
	printf("  title_similarity: %.2f\n", v->title_similarity);
	printf("  cache_ttl: %ld\n", v->cache_ttl_s);
	if (v->cache)
		printf("  cache: %s\n", v->cache);
}

/* The content type and language a file gets (core/typeset.h), as the
 * pipeline chooses them from its front matter and path. */
static void print_type(const ml_config *cfg, const ml_profile *main,
		       const char *file)
{
	ml_buf text = ML_BUF_INIT(ML_MAX_FILE_BYTES);
	ml_findings found;
	ml_tree *tree = NULL;
	ml_yaml_error yerr;
	ml_split sp;
	struct stat st;
	const ml_profile *p = NULL;
	const ml_node *fm = NULL, *v;
	const char *type;
	int rc;

	if (!cfg->types.key && !cfg->language.nlanguages) {
		printf("type: none  # no types: or language: in the config\n");
		return;
	}
	if (!main || stat(file, &st) || !S_ISREG(st.st_mode) ||
	    ml_buf_read_file(&text, file, &st)) {
		printf("type: chosen per file  # name an article to see its "
		       "type and language\n");
		ml_buf_dispose(&text);
		return;
	}
	ml_frontmatter_split(ml_buf_cstr(&text), text.len, &sp);
	if (sp.closed && ml_frontmatter_parse(ml_buf_cstr(&text), &sp, &tree,
					      &yerr) == ML_OK)
		fm = ml_tree_root(tree);
	ml_findings_init(&found);
	rc = ml_profile_choose(main, fm, file, &p, &found);
	v = fm && cfg->types.key ? ml_node_get(fm, cfg->types.key) : NULL;
	type = v ? ml_node_str(v) : NULL;
	if (!cfg->types.key)
		printf("type: none  # no types: in the config\n");
	else if (rc == 1)
		printf("type: %s  # names no schema of types: in %s (a "
		       "type-unknown finding)\n",
		       type ? type : "?", cfg->path);
	else if (type && v)
		printf("type: %s  # front matter \"%s\", line %d -> schema %s\n",
		       type, cfg->types.key, v->line, p ? p->path : "?");
	else
		printf("type: %s  # no \"%s\" in the front matter: %s -> schema "
		       "%s\n",
		       cfg->types.def ? cfg->types.def : "(main schema)",
		       cfg->types.key,
		       cfg->types.def ? "types.default" : "the main schema",
		       p ? p->path : "?");
	if (cfg->language.nlanguages)
		printf("language: %s\n", p && ml_profile_lang(p)
						 ? ml_profile_lang(p)
						 : cfg->language.def);
	ml_findings_dispose(&found);
	ml_tree_free(tree);
	ml_buf_dispose(&text);
}

/* The config and schema in effect for one file (or, without one, for
 * the current folder), every value with where it came from: medlint's
 * default, a line of the config, an override, the schema, a flag. */
int ml_cli_print_config(const cli *c)
{
	ml_load_opts o = { c->config, c->schema, c->verify_refs, "." };
	ml_buf err = ML_BUF_INIT(ML_LIMIT_TEXT);
	const char *file = c->npaths ? c->paths[0] : ".";
	const ml_load_entry *e;
	const ml_config *cfg;
	ml_loader *ld = NULL;
	char buf[PATH_MAX + 64], key[128];
	size_t i;
	int status = 0;

	if (ml_loader_new(&o, &ld) || !(e = ml_loader_entry(ld, file))) {
		fprintf(stderr, "medlint: out of memory\n");
		ml_loader_free(ld);
		return EXIT_USAGE;
	}
	cfg = &e->cfg;
	printf("# medlint %s: the configuration in effect for %s\n", ML_VERSION,
	       file);
	printf("config: %s\n", cfg->path ? cfg->path : "none (defaults)");
	if (cfg->root)
		printf("root: %s\n", cfg->root);
	for (i = 0; i < cfg->noverrides; i++)
		if (cfg->applied >> i & 1)
			printf("# override %zu applies (%s:%d)\n", i + 1,
			       cfg->path, cfg->overrides[i].line);
	printf("schema: %s  # %s\n",
	       e->schema ? e->schema : ML_DEFAULT_SCHEMA_NAME,
	       c->schema ? "--schema"
	       : e->schema_origin == cfg->path
		       ? from(cfg, "schema", buf, sizeof(buf))
		       : e->schema_origin);
	print_type(cfg, e->profile, file);
	if (e->profile) {
		const char *age = from(cfg, "rules.review-stale.max_age_days",
				       buf, sizeof(buf));
		if (strcmp(age, "default") == 0) {
			(void)snprintf(buf, sizeof(buf), "schema %s",
				       e->schema ? e->schema
						 : ML_DEFAULT_SCHEMA_NAME);
			age = buf;
		}
		printf("review_max_age_days: %d  # %s\n",
		       e->profile->review_max_age_days, age);
	}
	list(cfg, "include", cfg->include, cfg->ninclude,
	     "default: every article under the root");
	list(cfg, "exclude", cfg->exclude, cfg->nexclude, "default");
	list(cfg, "extensions", cfg->extensions, cfg->nextensions,
	     "default: md, markdown, mdx");
	printf("rules:\n");
	for (i = 0; i < ML_RULE__COUNT; i++) {
		const char *id = ml_rule_info_get((ml_rule)i)->id;

		(void)snprintf(key, sizeof(key), "rules.%s", id);
		printf("  %s: %s  # %s\n", id,
		       ml_severity_name(cfg->severity[i]),
		       from(cfg, key, buf, sizeof(buf)));
	}
	print_links(cfg);
	print_site(cfg);
	print_verify(cfg);
	/* The config must read, the schema load and every rule that is on
	 * run. */
	if (ml_loader_errors(ld, &err)) {
		const char *p = ml_buf_cstr(&err);

		while (*p) {
			const char *nl = strchr(p, '\n');
			int n = nl ? (int)(nl - p) : (int)strlen(p);

			fprintf(stderr, "medlint: %.*s\n", n, p);
			p += n + (nl != NULL);
		}
		status = EXIT_USAGE;
	}
	ml_buf_dispose(&err);
	ml_loader_free(ld);
	return status;
}
