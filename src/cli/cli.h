/* cli/cli.h - what the command line asked for, and the run it drives.
 *
 * main.c fills a cli from argv; cli/run.c carries one run out: config and
 * schema, the files, the lint, the external links, --fix, the report. Both
 * are the command's own code: they print to stderr, the library never does.
 */
#ifndef ML_CLI_H
#define ML_CLI_H

#include <stddef.h>

#include "core/config.h"
#include "core/profile.h"
#include "pipeline/pipeline.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE 2

typedef struct {
	const char *config, *schema, *output, *stdin_name, *explain;
	int format, fail_on, jobs, list_rules, version, help;
	ml_links_mode links;
	unsigned shard_k, shard_n;
	int fix, init, print_schema, print_config, lsp;
	const char *cache;
	int no_cache, allow_private, verify_refs;
	const char **resolve;
	size_t nresolve;
	int today_y, today_m, today_d;
	char **paths;
	size_t npaths;
} cli;

/* Lint as c says; returns the exit status (0, 1, 2, or 130 on Ctrl-C). */
int ml_cli_run(cli *c);

/* The config of a run: -c FILE, else .medlint.yaml found upward from the
 * current folder, else the defaults. Non-zero (message printed) on error. */
int ml_cli_load_config(const cli *c, ml_config *cfg);
/* The schema file a run uses and why (origin), or NULL for the default
 * compiled into medlint. buf (n bytes) may hold the path. */
const char *ml_cli_schema_path(const cli *c, const ml_config *cfg,
			       const char **origin, char *buf, size_t n);
/* Load that schema and check that every rule that is on can run under
 * it; non-zero (message printed) on error. */
int ml_cli_load_profile(const cli *c, const ml_config *cfg, ml_profile **out);

/* init.c: --init, --print-schema, --print-config; exit statuses. */
int ml_cli_init(const cli *c);
int ml_cli_print_schema(void);
int ml_cli_print_config(const cli *c);

#endif
