/* lsp/diagnostics.c - a document linted and its findings published:
 * the config and schema of its folder (pipeline/load.h, as the command
 * line loads them from the current one, kept per folder until a watched
 * file changes), the site routes (as the command line makes them, one
 * per site: block, until a file is saved or a watched file changes), the
 * lint of the unsaved buffer with the other open
 * documents seen before the disk, publishDiagnostics, and the debounce. */
#define _DEFAULT_SOURCE /* d_type */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/content.h"
#include "core/filelist.h"
#include "core/profile.h"
#include "core/ruletab.h"
#include "lsp/internal.h"
#include "pipeline/load.h"
#include "pipeline/pipeline.h"
#include "util/utf8.h"

static void site_unmake(lsp_site *x)
{
	ml_routes_free(x->routes);
	x->routes = NULL;
	free(x->error);
	x->error = NULL;
	x->made = x->over = 0;
}

void lsp_sites_reset(ml_lsp *s)
{
	lsp_site *x;

	for (x = s->sites; x; x = x->next)
		site_unmake(x);
}

static void sites_drop(ml_lsp *s)
{
	while (s->sites) {
		lsp_site *n = s->sites->next;

		site_unmake(s->sites);
		free(s->sites->key);
		free(s->sites->root);
		free(s->sites);
		s->sites = n;
	}
}

static void ctx_free(lsp_ctx *c)
{
	ml_content_index_free(c->index);
	ml_loader_free(c->ld);
	free(c->root);
	free(c->key);
	free(c->error);
	free(c);
}

void lsp_ctxs_drop(ml_lsp *s)
{
	while (s->ctxs) {
		lsp_ctx *n = s->ctxs->next;
		ctx_free(s->ctxs);
		s->ctxs = n;
	}
	sites_drop(s);
}

/* Counts the entries under folder fd (closed here) as the content index
 * would walk them (hidden ones and node_modules skipped, symbolic links
 * not followed) into *n, stopping once *n passes max: the count costs
 * at most max entries, however large the tree. */
static void count_entries(int fd, int depth, size_t max, size_t *n)
{
	DIR *dir = fdopendir(fd);
	struct dirent *e;

	if (!dir) {
		close(fd);
		return;
	}
	while (*n <= max && (e = readdir(dir))) {
		unsigned char type = e->d_type;
		struct stat st;
		int sub;

		if (e->d_name[0] == '.')
			continue;
		(*n)++;
		if (type == DT_UNKNOWN &&
		    !fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		if (type != DT_DIR || depth >= 64 ||
		    strcmp(e->d_name, "node_modules") == 0)
			continue;
		sub = openat(dirfd(dir), e->d_name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			count_entries(sub, depth + 1, max, n);
	}
	closedir(dir);
}

/* Adds the entries under folder dir to *n (up to past the cap). */
static void count_folder(const char *dir, size_t *n)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) /* else the index (or the walk) says what it cannot read */
		count_entries(fd, 0, LSP_MAX_ROOT_FILES, n);
}

/* 1 when root holds more than LSP_MAX_ROOT_FILES entries. */
static int too_many_files(const char *root)
{
	size_t n = 0;

	count_folder(root, &n);
	return n > LSP_MAX_ROOT_FILES;
}

/* 1 when folder a is folder b or inside it. */
static int within(const char *a, const char *b)
{
	size_t n = strlen(b);

	return strncmp(a, b, n) == 0 &&
	       (a[n] == '\0' || a[n] == '/' || (n && b[n - 1] == '/'));
}

/* 1 when the folders the site's walk reads hold more than
 * LSP_MAX_ROOT_FILES entries together: a folder inside another one (or
 * named twice) is counted once, with the one that holds it. */
static int site_too_large(const ml_routes *r)
{
	const char *d, *o;
	size_t i, j, n = 0;

	for (i = 0; n <= LSP_MAX_ROOT_FILES && (d = ml_routes_dir(r, i)); i++) {
		for (j = 0; (o = ml_routes_dir(r, j)); j++)
			if (j != i &&
			    (strcmp(d, o) == 0 ? j < i : within(d, o)))
				break;
		if (!o)
			count_folder(d, &n);
	}
	return n > LSP_MAX_ROOT_FILES;
}

/* The index of c's root, unless the root is too large to walk. */
int lsp_ctx_index(lsp_ctx *c)
{
	ml_content_index_free(c->index);
	c->index = NULL;
	if ((c->unwalked = too_many_files(c->root)))
		return ML_OK;
	if (ml_content_index_build(c->root, &c->index))
		return ML_ENOMEM;
	ml_content_index_set_extensions(c->index, c->cfg->extensions,
					c->cfg->nextensions);
	return ML_OK;
}

/* The config and schema of the documents in folder (path is one of
 * them), found by the loader the command line uses: the nearest
 * .medlint.yaml up to the repository root, its overrides per document. */
static lsp_ctx *ctx_make(const char *path, const char *folder)
{
	static const ml_load_opts none;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_TEXT);
	lsp_ctx *c = calloc(1, sizeof(*c));
	const ml_load_entry *e;

	if (!c || !(c->key = ml_strdup(folder))) {
		free(c);
		return NULL;
	}
	if (ml_loader_new(&none, &c->ld) || !(e = ml_loader_entry(c->ld, path)))
		goto oom;
	c->cfg = &e->cfg;
	if (ml_loader_errors(c->ld, &err))
		goto bad;
	c->root = ml_strdup(c->cfg->root ? c->cfg->root : folder);
	if (c->root && strcmp(c->root, "/") == 0) {
		/* an editor opened a file at the top: never list the disk */
		(void)ml_buf_puts(&err, "the content root would be /: not "
					"walked; open the project's folder or "
					"add a .medlint.yaml to it");
		goto bad;
	}
	if (!c->root || lsp_ctx_index(c))
		goto oom;
	ml_buf_dispose(&err);
	return c;
oom:
	ml_buf_clear(&err);
	(void)ml_buf_puts(&err, "out of memory");
bad:
	c->error = ml_strdup(err.len ? ml_buf_cstr(&err) : "cannot load");
	ml_buf_dispose(&err);
	return c;
}

/* The context of the document at path: one per folder, since the folder
 * decides which config and schema apply. */
static lsp_ctx *ctx_for(ml_lsp *s, const char *path)
{
	char buf[PATH_MAX];
	const char *folder = ml_load_folder(path, buf, sizeof(buf));
	lsp_ctx *c;

	if (!folder)
		return NULL;
	for (c = s->ctxs; c; c = c->next)
		if (strcmp(c->key, folder) == 0)
			return c;
	if ((c = ctx_make(path, folder))) {
		c->next = s->ctxs;
		s->ctxs = c;
	}
	return c;
}

static json_t *pos_json(lsp_pos p)
{
	return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character",
			 (json_int_t)p.character);
}

json_t *lsp_range_json(const lsp_doc *d, lsp_enc enc, size_t a, size_t b)
{
	return json_pack("{s:o, s:o}", "start",
			 pos_json(lsp_doc_position(d, enc, a)), "end",
			 pos_json(lsp_doc_position(d, enc, b)));
}

/* The bytes [*a, *b) a finding covers: to its end, else to the end of
 * its line (a finding without an end names the rest of the line). */
void lsp_finding_span(const lsp_doc *d, const ml_finding *f, size_t *a,
		      size_t *b)
{
	*a = lsp_doc_line_col(d, f->line, f->column);
	if (f->end_line && f->end_column)
		*b = lsp_doc_line_col(d, f->end_line, f->end_column);
	else if (f->end_line)
		*b = lsp_doc_line_end(d, f->end_line);
	else
		*b = lsp_doc_line_end(d, f->line);
	if (*b < *a)
		*b = *a;
}

json_t *lsp_diagnostic(const ml_lsp *s, const lsp_doc *d, const ml_finding *f)
{
	size_t a, b;

	lsp_finding_span(d, f, &a, &b);
	return json_pack("{s:o, s:i, s:s, s:s, s:o}", "range",
			 lsp_range_json(d, s->enc, a, b), "severity",
			 f->severity == ML_SEV_ERROR ? 1 : 2, "code",
			 ml_rule_info_get(f->rule)->id, "source", "medlint",
			 "message", lsp_rpc_string(f->message));
}

static void publish(ml_lsp *s, const lsp_doc *d)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; d->linted && i < d->res.findings.len; i++)
		json_array_append_new(
			list, lsp_diagnostic(s, d, &d->res.findings.items[i]));
	lsp_notify(s, "textDocument/publishDiagnostics",
		   json_pack("{s:s, s:I, s:o}", "uri", d->uri, "version",
			     (json_int_t)d->version, "diagnostics", list));
}

static void today(const ml_lsp *s, ml_lint_opts *o)
{
	time_t t = time(NULL);
	struct tm tm;

	o->today_y = s->o.today_y;
	o->today_m = s->o.today_m;
	o->today_d = s->o.today_d;
	if (o->today_y || !localtime_r(&t, &tm))
		return;
	o->today_y = tm.tm_year + 1900;
	o->today_m = tm.tm_mon + 1;
	o->today_d = tm.tm_mday;
}

/* What the user is told, once a root, when it is not walked. */
static const char *unwalked_message(const lsp_ctx *c, char *m, size_t size)
{
	(void)snprintf(m, size,
		       "medlint: the content root %s holds over %d files: "
		       "not walked (related terms are not checked, links one "
		       "file at a time); open the project's folder or set "
		       "root: in its .medlint.yaml",
		       c->root, LSP_MAX_ROOT_FILES);
	return m;
}

/* Whether d is an article medlint lints: a file, Markdown by name or
 * language, taken by the config's include/exclude. Says why not. */
static int is_article(ml_lsp *s, const lsp_doc *d, const lsp_ctx *c,
		      const ml_config *cfg)
{
	ml_select sel;

	if (!d->path) {
		lsp_log(s, LSP_LOG_INFO, "%s: not a file: URI, not linted",
			d->uri);
		return 0;
	}
	if (!ml_ext_is_article(cfg->extensions, cfg->nextensions, d->path) &&
	    !(d->lang && (strcmp(d->lang, "markdown") == 0 ||
			  strcmp(d->lang, "mdx") == 0))) {
		lsp_log(s, LSP_LOG_INFO,
			"%s: not a Markdown article, not linted", d->path);
		return 0;
	}
	ml_config_select(cfg, c->root, &sel);
	if (cfg->path && !ml_files_wanted(&sel, d->path)) {
		lsp_log(s, LSP_LOG_INFO, "%s: %s excludes it, not linted",
			d->path, cfg->path);
		return 0;
	}
	return 1;
}

static int key_add(ml_buf *b, const char *v)
{
	/* a field per line: no value holds a line break and a NUL */
	return ml_buf_printf(b, "%s\n", v ? v : "\x01");
}

static int key_list(ml_buf *b, const ml_strlist *l)
{
	size_t i;
	int rc = ml_buf_printf(b, "%zu\n", l->n);

	for (i = 0; i < l->n && !rc; i++)
		rc = key_add(b, l->v[i]);
	return rc;
}

/* Every field of the site: block, one line each: two configs that say
 * the same get the same routes. */
static int site_key(const ml_site_config *sc, ml_buf *b)
{
	return ml_buf_printf(b, "%d %d\n", (int)sc->gen, sc->directory_urls) ||
	       key_add(b, sc->root) || key_add(b, sc->config) ||
	       key_add(b, sc->base_url) || key_add(b, sc->docs_route) ||
	       key_add(b, sc->root_dir) || key_list(b, &sc->content_dirs) ||
	       key_list(b, &sc->static_dirs) ||
	       key_list(b, &sc->fallback_ext) || key_list(b, &sc->index_files);
}

/* x's routes made from sc, as the command line's site_routes makes a
 * group's (the generator's config read now, the site walked when a link
 * first needs it), unless the folders the walk would read hold over
 * LSP_MAX_ROOT_FILES entries. ML_OK or ML_ENOMEM. */
static int site_make(lsp_site *x, const ml_site_config *sc)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ml_routes_new(sc, &x->routes, &err);

	if (rc && rc != ML_ENOMEM) {
		/* the command line's one-line error: no lint until it is fixed */
		(void)ml_text_oneline(&err);
		x->error =
			ml_strdup(err.len ? ml_buf_cstr(&err)
					  : "the site's config cannot be read");
		rc = x->error ? ML_OK : ML_ENOMEM;
	} else if (!rc && site_too_large(x->routes)) {
		ml_routes_free(x->routes);
		x->routes = NULL;
		x->over = 1;
	}
	ml_buf_dispose(&err);
	x->made = !rc;
	return rc;
}

/* The site of entry e (*out NULL when its config has no site: block),
 * shared by every folder that names the same site. ML_OK or ML_ENOMEM. */
static int site_for(ml_lsp *s, const ml_load_entry *e, lsp_site **out)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_TEXT);
	lsp_site *x = NULL;
	size_t n;

	*out = NULL;
	if (e->cfg.site.gen == ML_GEN_NONE)
		return ML_OK;
	if (site_key(&e->cfg.site, &key))
		goto done;
	for (x = s->sites; x; x = x->next)
		if (strcmp(x->key, ml_buf_cstr(&key)) == 0)
			break;
	if (!x) {
		if (!(x = calloc(1, sizeof(*x))) ||
		    !(x->key = ml_strdup(ml_buf_cstr(&key))) ||
		    !(x->root = ml_strdup(e->cfg.site.root ? e->cfg.site.root
							   : "."))) {
			if (x)
				free(x->key);
			free(x);
			x = NULL;
			goto done;
		}
		n = strlen(x->root);
		if (n > 2 && strcmp(x->root + n - 2, "/.") == 0)
			x->root[n - 2] = '\0'; /* the config's folder */
		x->next = s->sites;
		s->sites = x;
	}
	if (!x->made && site_make(x, &e->cfg.site))
		x = NULL;
done:
	ml_buf_dispose(&key);
	*out = x;
	return x ? ML_OK : ML_ENOMEM;
}

static void show(ml_lsp *s, int type, const char *message)
{
	lsp_notify(s, "window/showMessage",
		   json_pack("{s:i, s:o}", "type", type, "message",
			     lsp_rpc_string(message)));
}

/* What the user is told, once, of a site not used: 1 when d is not
 * linted (the generator's config is wrong: the command line stops). */
static int site_told(ml_lsp *s, lsp_site *x)
{
	char m[PATH_MAX + 512];

	if (x->error) {
		if (!x->error_shown) {
			(void)snprintf(m, sizeof(m), "medlint: %s", x->error);
			show(s, LSP_LOG_ERROR, m);
		}
		x->error_shown = 1;
		return 1;
	}
	if (x->over && !x->over_shown) {
		(void)snprintf(m, sizeof(m),
			       "medlint: the site %s holds over %d files: its "
			       "routes are not built (links are checked as "
			       "files, ref shortcodes not at all); narrow "
			       "site: content_dir and static_dir in its "
			       ".medlint.yaml",
			       x->root, LSP_MAX_ROOT_FILES);
		show(s, LSP_LOG_WARNING, m);
		x->over_shown = 1;
	}
	return 0;
}

/* After a lint with x's routes: a walk that failed is told once (as the
 * command line's "cannot read the site's folders"), links d left
 * undecided (und: the count before) in the log, never in silence. */
static void site_after(ml_lsp *s, const lsp_doc *d, lsp_site *x, size_t und)
{
	const char *p;
	int line, col;
	size_t n;

	if (!x || !x->routes)
		return;
	if (ml_routes_failed(x->routes) && !x->failed_shown) {
		char m[PATH_MAX + 128];

		(void)snprintf(m, sizeof(m),
			       "medlint: cannot read the folders of the site "
			       "%s: its links are not checked",
			       x->root);
		show(s, LSP_LOG_ERROR, m);
		x->failed_shown = 1;
	}
	n = ml_routes_undecided_count(x->routes, &p, &line, &col) - und;
	if (n)
		lsp_log(s, LSP_LOG_INFO,
			"%s: %zu link%s not checked: a template or route "
			"medlint does not resolve",
			d->path, n, n == 1 ? "" : "s");
}

/* The open documents as the cross-file checks see them. */
static ml_overlay_doc *overlay(const ml_lsp *s, size_t *n)
{
	const lsp_doc *d;
	ml_overlay_doc *v;
	size_t k = 0;

	for (d = s->docs; d; d = d->next)
		k++;
	v = calloc(k ? k : 1, sizeof(*v));
	*n = 0;
	for (d = s->docs; v && d; d = d->next)
		if (d->real && !d->too_large && d->text.ptr) {
			v[*n].path = d->real;
			v[*n].text = d->text.ptr;
			v[*n].len = d->text.len;
			(*n)++;
		}
	return v;
}

void lsp_doc_lint(ml_lsp *s, lsp_doc *d)
{
	const ml_load_entry *e;
	lsp_ctx *c;
	ml_run run;
	ml_overlay open;
	ml_overlay_doc *docs;
	lsp_site *site;
	const char *upath;
	int uline, ucol;
	size_t und = 0;

	d->dirty = 0;
	ml_file_result_dispose(&d->res);
	memset(&d->res, 0, sizeof(d->res));
	d->linted = 0;
	if (d->too_large) {
		lsp_log(s, LSP_LOG_WARNING,
			"%s: larger than %zu MiB, not linted", d->uri,
			ML_MAX_FILE_BYTES >> 20);
		publish(s, d);
		return;
	}
	c = d->path ? ctx_for(s, d->path) : NULL;
	if (d->path && !c) {
		lsp_log(s, LSP_LOG_ERROR, "%s: cannot find its config",
			d->path);
		return;
	}
	if (c && c->error) {
		if (!c->error_shown)
			lsp_notify(s, "window/showMessage",
				   json_pack("{s:i, s:o}", "type",
					     LSP_LOG_ERROR, "message",
					     lsp_rpc_string(c->error)));
		c->error_shown = 1;
		publish(s, d);
		return;
	}
	if (c && c->unwalked && !c->unwalked_shown) {
		char m[PATH_MAX + 256];
		lsp_notify(s, "window/showMessage",
			   json_pack("{s:i, s:o}", "type", LSP_LOG_WARNING,
				     "message",
				     lsp_rpc_string(unwalked_message(
					     c, m, sizeof(m)))));
		c->unwalked_shown = 1;
	}
	/* the document's own entry: the overrides that match it */
	e = c ? ml_loader_entry(c->ld, d->path) : NULL;
	if (c && (!e || e->error)) {
		lsp_log(s, LSP_LOG_ERROR, "%s: %s", d->path,
			e ? e->error : "out of memory");
		publish(s, d);
		return;
	}
	if (!e || !is_article(s, d, c, &e->cfg)) {
		if (!e)
			(void)is_article(s, d, c, NULL);
		publish(s, d);
		return;
	}
	if (site_for(s, e, &site)) {
		lsp_log(s, LSP_LOG_ERROR, "%s: out of memory", d->path);
		publish(s, d);
		return;
	}
	if (site && site_told(s, site)) {
		publish(s, d);
		return;
	}
	memset(&run, 0, sizeof(run));
	run.profile = e->profile;
	run.severity = e->cfg.severity;
	run.jobs = 1;
	run.opts.content_root = c->root;
	run.opts.links = ML_LINKS_INTERNAL;
	run.opts.index = c->index;
	run.opts.routes = site ? site->routes : NULL;
	if (run.opts.routes)
		und = ml_routes_undecided_count(site->routes, &upath, &uline,
						&ucol);
	today(s, &run.opts);
	docs = overlay(s, &open.n);
	open.docs = docs;
	run.opts.overlay = &open;
	/* Files beside the article may have changed since the last lint. */
	ml_content_forget();
	if (!docs || ml_lint_text(&run, d->path, d->text.ptr ? d->text.ptr : "",
				  d->text.len, &d->res)) {
		lsp_log(s, LSP_LOG_ERROR, "%s: out of memory while linting",
			d->path);
		ml_file_result_dispose(&d->res);
		memset(&d->res, 0, sizeof(d->res));
	} else {
		d->linted = 1;
		site_after(s, d, site, und);
	}
	free(docs);
	publish(s, d);
}

int ml_lsp_next_timeout(const ml_lsp *s)
{
	const lsp_doc *d;
	long long now = lsp_now_ms(), t = -1;

	for (d = s->docs; d; d = d->next)
		if (d->dirty && (t < 0 || d->due_ms - now < t))
			t = d->due_ms > now ? d->due_ms - now : 0;
	return t > INT_MAX ? INT_MAX : (int)t;
}

void ml_lsp_tick(ml_lsp *s, int force)
{
	lsp_doc *d;
	long long now = lsp_now_ms();

	for (d = s->docs; d; d = d->next)
		if (d->dirty && (force || d->due_ms <= now))
			lsp_doc_lint(s, d);
}
