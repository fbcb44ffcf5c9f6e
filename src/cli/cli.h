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
#include "core/result.h"
#include "pipeline/pipeline.h"
#include "report/report.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE 2

typedef struct {
	const char *config, *schema, *output, *stdin_name, *explain;
	int format, fail_on, jobs, list_rules, version, help;
	ml_links_mode links;
	unsigned shard_k, shard_n;
	int fix, diff, init, print_schema, print_config, lsp;
	const char *cache;
	const char *eutils;	  /* --eutils: E-utilities base URL (tests) */
	const char *ncbi_key_env; /* --ncbi-key-env: the key's variable */
	int no_cache, allow_private, verify_refs;
	const char **resolve;
	size_t nresolve;
	int today_y, today_m, today_d;
	const char *baseline;	    /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
	const char *new_only;	    /* --new-only REV */
	char **paths;
	size_t npaths;
} cli;

/* Lint as c says; returns the exit status (0, 1, 2, or 130 on Ctrl-C). */
int ml_cli_run(cli *c);

/* adopt.c: --write-baseline, --baseline and --new-only over the run's
 * results, before the summary is counted: baselined findings marked (and
 * dropped but for SARIF), findings off the changed lines dropped, and
 * sum's baseline fields set. 0, or EXIT_USAGE said on stderr in one
 * line. */
int ml_cli_adopt(const cli *c, ml_file_result *r, size_t n, ml_summary *sum);
/* Before any file is linted: the baseline can be read, and --new-only's
 * repository and revision exist. 0, or EXIT_USAGE said in one line. */
int ml_cli_adopt_check(const cli *c);

/* trust.c: the trust boundary of a run (README "Security"): where the
 * NCBI API key may go and which files may be replaced as caches. 1, said
 * on stderr in one line, when the run must stop before anything is sent
 * or written (exit 2). */
int ml_cli_trust_check(const cli *c, const ml_config *cfg);
/* The variable holding the NCBI API key: --ncbi-key-env, else
 * NCBI_API_KEY. */
const char *ml_cli_key_var(const cli *c);
/* The verification cache: verify.cache, else the link cache's path with
 * .refs appended; NULL with --no-cache or without either. */
const char *ml_cli_verify_cache(const cli *c, const ml_config *cfg, char *buf,
				size_t n);

/* init.c: --init, --print-schema, --print-config; exit statuses. */
int ml_cli_init(const cli *c);
int ml_cli_print_schema(void);
int ml_cli_print_config(const cli *c);

#endif
