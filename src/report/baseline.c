/* report/baseline.c - fingerprints of findings, and the baseline file
 * that accepts today's findings (report/baseline.h).
 *
 * A finding is keyed by what it covers, not where: the text of its span
 * with whitespace collapsed, so that lines added above it, or edits
 * elsewhere in the file, leave its fingerprint alone. Something missing
 * (a zero-width span) is keyed by its line's text, and a finding on a
 * blank or unreadable line by its message with the numbers taken out. */
#include "report/baseline.h"

#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ruletab.h"
#include "report/internal.h"
#include "util/atomic.h"
#include "util/urlmap.h"

/* Bytes of a span or line that count: enough to tell findings apart,
 * and a megabyte line stays linear. */
#define FP_TEXT_MAX 1024
/* The message kept in an entry for the reader. */
#define ENTRY_MESSAGE_MAX 160
/* A fingerprint or path in a baseline file longer than this is not one
 * medlint wrote. */
#define ENTRY_FP_MAX 64
#define ENTRY_FILE_MAX 4096

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

int ml_fp_normalise(ml_buf *out, const char *s, size_t n)
{
	size_t i;
	int gap = 0;

	ml_buf_clear(out);
	if (n > FP_TEXT_MAX)
		n = FP_TEXT_MAX;
	for (i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i])) {
			gap = out->len > 0;
			continue;
		}
		if (gap)
			ml_buf_putc(out, ' ');
		gap = 0;
		ml_buf_putc(out, s[i]);
	}
	return ml_buf_failed(out);
}

int ml_fp_message(ml_buf *out, const char *msg)
{
	ml_buf tmp = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *p;
	int rc;

	for (p = msg; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (p == msg || !(p[-1] >= '0' && p[-1] <= '9'))
				ml_buf_putc(&tmp, '#');
			continue;
		}
		ml_buf_putc(&tmp, *p);
	}
	rc = ml_buf_failed(&tmp);
	if (!rc)
		rc = ml_fp_normalise(out, tmp.ptr ? tmp.ptr : "", tmp.len);
	ml_buf_dispose(&tmp);
	return rc;
}

/* ---- the text a finding covers -------------------------------------- */

typedef struct {
	const char *text;
	size_t len;
	size_t *starts; /* byte offset of each line's start */
	size_t n;
} lines;

static int lines_index(lines *l, const char *text, size_t len)
{
	size_t i, cap = 0;

	memset(l, 0, sizeof(*l));
	l->text = text;
	l->len = len;
	if (!text)
		return ML_OK;
	for (i = 0; i <= len; i++)
		if (i == 0 || text[i - 1] == '\n') {
			if (ml_grow((void **)&l->starts, &cap, l->n + 1,
				    sizeof(size_t)))
				return ML_ENOMEM;
			l->starts[l->n++] = i;
		}
	return ML_OK;
}

/* Byte offset of line:column (1-based, bytes), clamped to that line. */
static size_t offset_at(const lines *l, int line, int column, size_t *eol)
{
	size_t a, e;

	a = l->starts[line - 1];
	for (e = a; e < l->len && l->text[e] != '\n'; e++)
		;
	if (eol)
		*eol = e;
	if (column < 1)
		column = 1;
	return (size_t)column - 1 > e - a ? e : a + (size_t)column - 1;
}

/* key = the finding's span, else its line, else its message. */
static int finding_key(const lines *l, const ml_finding *f, ml_buf *key)
{
	size_t a, e, eol, la;
	int rc;

	ml_buf_clear(key);
	if (!l->text || f->line < 1 || (size_t)f->line > l->n)
		return ml_fp_message(key, f->message);
	a = offset_at(l, f->line, f->column, &eol);
	e = a;
	if (f->end_line >= f->line && (size_t)f->end_line <= l->n) {
		size_t eeol;
		e = offset_at(l, f->end_line, f->end_column, &eeol);
		if (!f->end_column)
			e = eeol;
	}
	if (e > a && (rc = ml_fp_normalise(key, l->text + a, e - a)))
		return rc;
	if (key->len)
		return ML_OK;
	la = l->starts[f->line - 1];
	if ((rc = ml_fp_normalise(key, l->text + la, eol - la)))
		return rc;
	if (key->len)
		return ML_OK;
	return ml_fp_message(key, f->message);
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (h ^ 0xff) * 1099511628211ULL; /* "ab"+"c" != "a"+"bc" */
}

/* Equal keys of one file get ":1", ":2"... in file order: a count per
 * hash in an open-addressed table of at least twice the findings. */
typedef struct {
	uint64_t *key;
	int *count;
	size_t mask;
} seen_table;

static int seen_init(seen_table *t, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	t->key = calloc(cap, sizeof(uint64_t));
	t->count = calloc(cap, sizeof(int));
	t->mask = cap - 1;
	return t->key && t->count ? ML_OK : ML_ENOMEM;
}

static int occurrence(seen_table *t, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & t->mask;

	while (t->count[i] && t->key[i] != h)
		i = (i + 1) & t->mask;
	t->key[i] = h;
	return ++t->count[i];
}

int ml_fp_compute(const ml_findings *f, const char *file, const char *text,
		  size_t len, char (*fp)[ML_FP_SIZE])
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	seen_table seen = { NULL, NULL, 0 };
	lines l;
	size_t j;
	int rc;

	if ((rc = lines_index(&l, text, len)) ||
	    (rc = seen_init(&seen, f->len)))
		goto done;
	for (j = 0; j < f->len; j++) {
		const ml_finding *fd = &f->items[j];
		const char *id = ml_rule_info_get(fd->rule)->id;
		uint64_t h = 1469598103934665603ULL;

		if ((rc = finding_key(&l, fd, &key)))
			goto done;
		h = fnv1a(h, id, strlen(id));
		h = fnv1a(h, file, strlen(file));
		h = fnv1a(h, key.ptr ? key.ptr : "", key.len);
		(void)snprintf(fp[j], ML_FP_SIZE, "%016llx:%d",
			       (unsigned long long)h, occurrence(&seen, h));
	}
done:
	free(seen.key);
	free(seen.count);
	free(l.starts);
	ml_buf_dispose(&key);
	return rc;
}

int ml_fp_root(char *out, size_t cap)
{
	return report_source_root(out, cap);
}

int ml_fp_path(const char *path, const char *root, ml_buf *out)
{
	char abs[PATH_MAX];
	size_t n = strcmp(root, "/") == 0 ? 0 : strlen(root);

	ml_buf_clear(out);
	if (report_absolute(path, abs, sizeof(abs)) == ML_OK &&
	    strncmp(abs, root, n) == 0 && abs[n] == '/' && abs[n + 1])
		ml_buf_puts(out, abs + n + 1);
	else
		ml_buf_puts(out, path);
	return ml_buf_failed(out);
}

int ml_fp_result(const ml_file_result *r, const char *root, ml_buf *file,
		 char (*fp)[ML_FP_SIZE])
{
	ml_buf text = ML_BUF_INIT(ML_MAX_FILE_BYTES);
	int rc, readable;

	if ((rc = ml_fp_path(r->path, root, file)))
		return rc;
	readable = ml_buf_read_file(&text, r->path, NULL) == ML_OK;
	rc = ml_fp_compute(&r->findings, ml_buf_cstr(file),
			   readable ? ml_buf_cstr(&text) : NULL, text.len, fp);
	ml_buf_dispose(&text);
	return rc;
}

void ml_baseline_filter(ml_findings *fs, const unsigned char *keep)
{
	size_t i, k = 0;

	for (i = 0; i < fs->len; i++) {
		if (!keep[i]) {
			free(fs->items[i].message);
			free(fs->items[i].fix_text);
			continue;
		}
		if (k != i)
			fs->items[k] = fs->items[i];
		k++;
	}
	fs->len = k;
}

/* ---- writing -------------------------------------------------------- */

/* msg cut to ENTRY_MESSAGE_MAX bytes, never inside a character. */
static json_t *short_message(const char *msg)
{
	size_t n = strlen(msg);
	json_t *j;

	if (n > ENTRY_MESSAGE_MAX) {
		n = ENTRY_MESSAGE_MAX;
		while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
			n--;
	}
	j = json_stringn(msg, n);
	return j ? j : json_string("");
}

/* One entry, one line: a baseline's history reads line by line. */
static int put_entry(ml_buf *out, const char *file, const ml_finding *f,
		     const char *fp, size_t k)
{
	json_t *e = json_pack("{s:s, s:s, s:s, s:o}", "file", file, "rule",
			      ml_rule_info_get(f->rule)->id, "fingerprint", fp,
			      "message", short_message(f->message));
	char *text = e ? json_dumps(e, JSON_PRESERVE_ORDER | JSON_COMPACT |
					       JSON_ENSURE_ASCII)
		       : NULL;

	json_decref(e);
	if (!text)
		return ML_ENOMEM;
	ml_buf_printf(out, "%s\n    %s", k ? "," : "", text);
	free(text);
	return ml_buf_failed(out);
}

static int fill(void *ctx, FILE *f)
{
	const ml_buf *b = ctx;

	if (fwrite(b->ptr, 1, b->len, f) != b->len)
		return ML_EIO;
	return ML_OK;
}

/* The whole file into out. */
static int render(ml_buf *out, const ml_file_result *r, size_t n, size_t *count)
{
	ml_buf file = ML_BUF_INIT(ML_LIMIT_SHORT);
	char root[PATH_MAX], (*fp)[ML_FP_SIZE] = NULL;
	size_t i, j, k = 0;
	int rc;

	if ((rc = ml_fp_root(root, sizeof(root))))
		return rc;
	ml_buf_printf(out,
		      "{\n  \"medlint_baseline\": 1,\n  \"fingerprint\": "
		      "\"%s\",\n  \"generator\": \"medlint %s\",\n  "
		      "\"entries\": [",
		      ML_FP_KEY, ML_VERSION);
	for (i = 0; i < n && !rc; i++) {
		const ml_findings *fs = &r[i].findings;
		if (!fs->len)
			continue;
		free(fp);
		if (!(fp = calloc(fs->len, sizeof(*fp)))) {
			rc = ML_ENOMEM;
			break;
		}
		if ((rc = ml_fp_result(&r[i], root, &file, fp)))
			break;
		for (j = 0; j < fs->len && !rc; j++)
			rc = put_entry(out, ml_buf_cstr(&file), &fs->items[j],
				       fp[j], k++);
	}
	ml_buf_puts(out, k ? "\n  ]\n}\n" : "]\n}\n");
	free(fp);
	ml_buf_dispose(&file);
	*count = k;
	return rc ? rc : ml_buf_failed(out);
}

int ml_baseline_write(const char *path, const ml_file_result *r, size_t n,
		      size_t *count, int *err)
{
	ml_buf out = ML_BUF_INIT(ML_BASELINE_MAX_BYTES);
	int rc = render(&out, r, n, count);

	if (!rc && *count > ML_BASELINE_MAX_ENTRIES)
		rc = ML_ELIMIT;
	if (!rc)
		rc = ml_replace_file(path, fill, &out, err);
	ml_buf_dispose(&out);
	return rc;
}

/* ---- reading -------------------------------------------------------- */

struct ml_baseline {
	ml_urlmap keys;		/* "file\x1f" "fingerprint" -> entry */
	char **files;		/* each entry's file */
	unsigned char *matched; /* by a finding of this run */
	size_t n;
};

void ml_baseline_free(ml_baseline *b)
{
	size_t i;

	if (!b)
		return;
	ml_urlmap_dispose(&b->keys);
	for (i = 0; i < b->n; i++)
		free(b->files[i]);
	free(b->files);
	free(b->matched);
	free(b);
}

static int key_of(ml_buf *key, const char *file, const char *fp)
{
	ml_buf_clear(key);
	ml_buf_printf(key, "%s\x1f%s", file, fp);
	return ml_buf_failed(key);
}

/* One entry; 1 when it is not {file, rule, fingerprint} strings. */
static int add_entry(ml_baseline *b, json_t *e, ml_buf *key, int *rc)
{
	const char *file, *fp, *rule;

	if (json_unpack(e, "{s:s, s:s, s:s}", "file", &file, "rule", &rule,
			"fingerprint", &fp) ||
	    !*file || strlen(file) > ENTRY_FILE_MAX || !*fp ||
	    strlen(fp) > ENTRY_FP_MAX)
		return 1;
	if ((*rc = key_of(key, file, fp)))
		return 0;
	if (ml_urlmap_get(&b->keys, ml_buf_cstr(key), NULL))
		return 0; /* a copy: one entry accepts one finding */
	if (!(b->files[b->n] = ml_strdup(file)) ||
	    ml_urlmap_put(&b->keys, ml_buf_cstr(key), b->n)) {
		*rc = ML_ENOMEM;
		return 0;
	}
	b->n++;
	return 0;
}

static int read_entries(ml_baseline *b, json_t *entries, const char *path,
			ml_buf *err)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i, n = json_array_size(entries);
	int rc = ML_OK;

	if (n > ML_BASELINE_MAX_ENTRIES) {
		ml_buf_printf(err, "%s: more than %zu baseline entries", path,
			      ML_BASELINE_MAX_ENTRIES);
		return ML_ELIMIT;
	}
	b->files = calloc(n ? n : 1, sizeof(char *));
	b->matched = calloc(n ? n : 1, 1);
	if (!b->files || !b->matched)
		return ML_ENOMEM;
	for (i = 0; i < n && !rc; i++)
		if (add_entry(b, json_array_get(entries, i), &key, &rc)) {
			ml_buf_printf(err,
				      "%s: entry %zu is not {\"file\", "
				      "\"rule\", \"fingerprint\"} strings",
				      path, i + 1);
			rc = ML_EINVAL;
		}
	ml_buf_dispose(&key);
	return rc;
}

/* The document's shape; ML_EINVAL with err set when it is not a
 * baseline this medlint reads. */
static int check_doc(json_t *doc, const char *path, ml_buf *err)
{
	json_t *v = json_object_get(doc, "medlint_baseline");
	json_t *fpk = json_object_get(doc, "fingerprint");

	if (!json_is_object(doc) || !json_is_integer(v)) {
		ml_buf_printf(err,
			      "%s: not a medlint baseline (no "
			      "\"medlint_baseline\" version; write one with "
			      "--write-baseline)",
			      path);
		return ML_EINVAL;
	}
	if (json_integer_value(v) != 1 || !json_is_string(fpk) ||
	    strcmp(json_string_value(fpk), ML_FP_KEY) != 0) {
		ml_buf_printf(err,
			      "%s: a baseline of another medlint version: "
			      "write it again with --write-baseline",
			      path);
		return ML_EINVAL;
	}
	if (!json_is_array(json_object_get(doc, "entries"))) {
		ml_buf_printf(err, "%s: \"entries\" is not an array", path);
		return ML_EINVAL;
	}
	return ML_OK;
}

/* The values s holds at most (commas and openings outside strings),
 * counted without parsing: a baseline of a million tiny values would
 * make a tree of far more memory than its bytes. */
static size_t values(const char *s, size_t n)
{
	size_t i, k = 1;
	int in_str = 0;

	for (i = 0; i < n; i++) {
		if (in_str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_str = 0;
		} else if (s[i] == '"')
			in_str = 1;
		else if (s[i] == ',' || s[i] == '[' || s[i] == '{')
			k++;
	}
	return k;
}

int ml_baseline_load(const char *path, ml_baseline **out, ml_buf *err)
{
	ml_buf text = ML_BUF_INIT(ML_BASELINE_MAX_BYTES);
	json_error_t jerr;
	json_t *doc = NULL;
	ml_baseline *b = calloc(1, sizeof(*b));
	int rc;

	*out = NULL;
	if (!b)
		return ML_ENOMEM;
	ml_urlmap_init(&b->keys);
	rc = ml_buf_read_file(&text, path, NULL);
	if (rc == ML_ELIMIT)
		ml_buf_printf(err, "%s: a baseline larger than %zu MiB", path,
			      ML_BASELINE_MAX_BYTES >> 20);
	else if (rc == ML_EIO)
		ml_buf_printf(err, "cannot read the baseline %s", path);
	if (rc)
		goto done;
	if (values(ml_buf_cstr(&text), text.len) > ML_BASELINE_MAX_VALUES) {
		ml_buf_printf(err,
			      "%s: more values than %zu baseline entries hold",
			      path, ML_BASELINE_MAX_ENTRIES);
		rc = ML_ELIMIT;
		goto done;
	}
	doc = json_loadb(text.ptr ? text.ptr : "", text.len,
			 JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		ml_buf_printf(err, "%s:%d:%d: not a medlint baseline: %s", path,
			      jerr.line, jerr.column, jerr.text);
		rc = ML_EINVAL;
		goto done;
	}
	if ((rc = check_doc(doc, path, err)) ||
	    (rc = read_entries(b, json_object_get(doc, "entries"), path, err)))
		goto done;
	*out = b;
	b = NULL;
done:
	if (rc == ML_ENOMEM && !err->len)
		ml_buf_puts(err, "out of memory reading the baseline");
	json_decref(doc);
	ml_buf_dispose(&text);
	ml_baseline_free(b);
	return rc;
}

/* Marks r's findings the baseline holds; drops them unless keep. */
static int apply_one(ml_baseline *b, ml_file_result *r, const char *root,
		     ml_buf *file, ml_buf *key, int keep)
{
	char(*fp)[ML_FP_SIZE] = calloc(r->findings.len, sizeof(*fp));
	unsigned char *stay = calloc(r->findings.len, 1);
	size_t j, e;
	int rc = fp && stay ? ML_OK : ML_ENOMEM;

	if (!rc)
		rc = ml_fp_result(r, root, file, fp);
	for (j = 0; j < r->findings.len && !rc; j++) {
		ml_finding *f = &r->findings.items[j];
		stay[j] = 1;
		if ((rc = key_of(key, ml_buf_cstr(file), fp[j])))
			break;
		if (ml_urlmap_get(&b->keys, ml_buf_cstr(key), &e) &&
		    !b->matched[e]) {
			b->matched[e] = 1;
			f->baselined = 1;
			stay[j] = (unsigned char)keep;
		}
	}
	if (!rc && !keep)
		ml_baseline_filter(&r->findings, stay);
	free(fp);
	free(stay);
	return rc;
}

int ml_baseline_apply(ml_baseline *b, ml_file_result *r, size_t n, int keep,
		      size_t *fixed)
{
	ml_buf file = ML_BUF_INIT(ML_LIMIT_SHORT),
	       key = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_urlmap linted;
	char root[PATH_MAX];
	size_t i;
	int rc;

	*fixed = 0;
	ml_urlmap_init(&linted);
	if ((rc = ml_fp_root(root, sizeof(root))))
		goto done;
	for (i = 0; i < n && !rc; i++) {
		if (r[i].findings.len)
			rc = apply_one(b, &r[i], root, &file, &key, keep);
		else
			rc = ml_fp_path(r[i].path, root, &file);
		if (!rc)
			rc = ml_urlmap_put(&linted, ml_buf_cstr(&file), 1);
	}
	/* Only entries of files this run linted can be known fixed: a run
	 * over some of the files says nothing of the others. */
	for (i = 0; i < b->n && !rc; i++)
		if (!b->matched[i] && ml_urlmap_get(&linted, b->files[i], NULL))
			(*fixed)++;
done:
	ml_urlmap_dispose(&linted);
	ml_buf_dispose(&file);
	ml_buf_dispose(&key);
	return rc;
}
