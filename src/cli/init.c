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

int ml_cli_init(const cli *c)
{
	struct stat st;
	char cfg[1024];
	const char *include = stat("content", &st) == 0 && S_ISDIR(st.st_mode)
				      ? "content/**/*.md"
				      : "**/*.md";
	const char *found = NULL;
	ml_site_gen gen = ml_site_detect(".", &found);
	char site[160] = "";
	int a, b, n;

	(void)c;
	if (gen != ML_GEN_NONE)
		(void)snprintf(
			site, sizeof(site),
			"\n# The site generator (found %s): links and #anchors\n"
			"# resolve as it builds the site (doc/site-%s.md).\n"
			"site:\n  generator: %s\n",
			found, ml_site_gen_name(gen), ml_site_gen_name(gen));
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

static void list(const char *key, char *const *v, size_t n, int set,
		 const char *from, const char *dflt)
{
	size_t i;

	printf("%s: [", key);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i ? ", " : "", v[i]);
	printf("]  # %s\n", set ? from : dflt);
}

/* What a run would use, and where each value came from: the config file,
 * a command-line flag, or medlint's default. */
int ml_cli_print_config(const cli *c)
{
	ml_load_opts o = { c->config, c->schema };
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_config cfg, def;
	ml_profile *p = NULL;
	char buf[PATH_MAX];
	const char *origin, *schema, *from;
	int i, status = 0;

	if (ml_load_config(".", &o, &cfg, &err)) {
		fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
		ml_buf_dispose(&err);
		ml_config_dispose(&cfg);
		return EXIT_USAGE;
	}
	ml_config_init(&def);
	from = cfg.path ? cfg.path : "default";
	printf("# medlint %s: the effective configuration\n", ML_VERSION);
	printf("config: %s\n", cfg.path ? cfg.path : "none (defaults)");
	if (cfg.root)
		printf("root: %s\n", cfg.root);
	schema = ml_load_schema_path(".", &o, &cfg, &origin, buf, sizeof(buf));
	printf("schema: %s  # %s\n", schema ? schema : ML_DEFAULT_SCHEMA_NAME,
	       origin);
	list("include", cfg.include, cfg.ninclude, cfg.ninclude > 0, from,
	     "default: every *.md under the root");
	list("exclude", cfg.exclude, cfg.nexclude, cfg.nexclude > 0, from,
	     "default");
	printf("rules:\n");
	for (i = 0; i < ML_RULE__COUNT; i++)
		printf("  %s: %s  # %s\n", ml_rule_info_get((ml_rule)i)->id,
		       ml_severity_name(cfg.severity[i]),
		       cfg.rule_set[i] ? from : "default");
	if (cfg.review_max_age_days)
		printf("  # review-stale max_age_days: %d  # %s\n",
		       cfg.review_max_age_days, from);
	printf("links:\n");
#define LINK(key, fmt, field)                                 \
	printf("  " key ": " fmt "  # %s\n", cfg.links.field, \
	       cfg.links.field != def.links.field ? from : "default")
	LINK("timeout", "%ld", timeout_s);
	LINK("connect_timeout", "%ld", connect_timeout_s);
	LINK("retries", "%d", retries);
	LINK("concurrency", "%d", concurrency);
	LINK("per_host", "%d", per_host);
	LINK("interval", "%d", interval_ms);
	LINK("retry_after_cap", "%ld", retry_after_cap_s);
	LINK("cache_ttl", "%ld", cache_ttl_s);
#undef LINK
	if (cfg.links.cache)
		printf("  cache: %s  # %s\n", cfg.links.cache, from);
	/* The schema must load and every rule that is on must run. */
	if (ml_load_profile(".", &o, &cfg, &p, &err)) {
		fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
		status = EXIT_USAGE;
	}
	ml_profile_free(p);
	ml_buf_dispose(&err);
	ml_config_dispose(&cfg);
	ml_config_dispose(&def);
	return status;
}
