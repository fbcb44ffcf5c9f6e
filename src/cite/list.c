/* cite/list.c - the reference list as a whole (undefined and unused
 * markers, duplicates, citation or alphabetical order) and the scanner
 * for in-text markers [1], [1, 3], [2–4]. */
#include "cite/internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"

#define RANGE_MAX 1000 /* [1–100000] is a typo, not 100000 citations */
#define KEY_MAX 4096

/* ---- markers ---------------------------------------------------------- */

static long read_num(const char *s, size_t *p, size_t end)
{
	long v = 0;

	while (*p < end && s[*p] >= '0' && s[*p] <= '9')
		v = v * 10 + (s[(*p)++] - '0');
	return v;
}

static size_t skip_sep(const char *s, size_t p, size_t end, int *range)
{
	*range = 0;
	while (p < end && (s[p] < '0' || s[p] > '9')) {
		if (s[p] == '-' || (unsigned char)s[p] == 0xE2)
			*range = 1;
		p++;
	}
	return p;
}

/* Every number of one marker's text [a, b) (inside the brackets). */
static void marker_numbers(const char *s, size_t a, size_t b, int line, int col,
			   void (*cb)(void *, int, int, int), void *ctx)
{
	size_t p = a;
	long prev = -1, v, k;
	int range;

	while (p < b) {
		p = skip_sep(s, p, b, &range);
		if (p >= b)
			break;
		v = read_num(s, &p, b);
		if (range && prev >= 0) {
			long lo = prev < v ? prev : v, hi = prev < v ? v : prev;
			if (hi - lo > RANGE_MAX)
				lo = hi;
			for (k = lo; k <= hi; k++)
				if (k != prev)
					cb(ctx, (int)k, line, col);
		} else {
			cb(ctx, (int)v, line, col);
		}
		prev = v;
	}
}

/* Is s[a..] a bracket of digits and separators, "[3]" or "[2, 5]"?
 * Forwards from its '[' (dir > 0) or backwards from its ']'. */
static int numeric_bracket(const char *s, size_t len, size_t a, int dir)
{
	size_t p = a, digits = 0;

	if (dir > 0 ? (a >= len || s[a] != '[') : s[a] != ']')
		return 0;
	for (;;) {
		if (dir > 0 ? ++p >= len : p-- == 0)
			return 0;
		if (s[p] == (dir > 0 ? ']' : '['))
			return digits > 0;
		if (s[p] >= '0' && s[p] <= '9')
			digits++;
		else if (!strchr(" ,-", s[p]) && (unsigned char)s[p] < 0x80)
			return 0;
	}
}

/* "[1](url)", "text][1]" (reference links) and "\[1]" are Markdown,
 * not citation markers; "[2][3]", two markers side by side, are. */
static int link_like(const char *s, size_t len, size_t ms, size_t me)
{
	if (ms > 0 && (s[ms - 1] == '\\' || s[ms - 1] == '!'))
		return 1;
	if (ms > 0 && s[ms - 1] == ']' && !numeric_bracket(s, len, ms - 1, -1))
		return 1;
	if (me < len && s[me] == '[')
		return !numeric_bracket(s, len, me, 1);
	return me < len && s[me] == '(';
}

/* "[0, 1]", "[0, 10]": an interval in prose, not a citation; reference
 * numbers start at 1. */
static int has_zero(const char *s, size_t a, size_t b)
{
	size_t p;

	for (p = a; p < b; p++)
		if (s[p] == '0' && (p == a || s[p - 1] < '0' || s[p - 1] > '9'))
			return 1;
	return 0;
}

/* The next '[' that a digit follows (maybe after a space), or len. */
static size_t next_open(const char *text, size_t len, size_t pos)
{
	const char *p;

	while (pos < len && (p = memchr(text + pos, '[', len - pos))) {
		size_t k = (size_t)(p - text) + 1;
		if (k < len && text[k] == ' ')
			k++;
		if (k < len && text[k] >= '0' && text[k] <= '9')
			return (size_t)(p - text);
		pos = (size_t)(p - text) + 1;
	}
	return len;
}

int ml_citation_scan_markers(const char *text, size_t len, int line, int column,
			     void (*cb)(void *ctx, int number, int line,
					int column),
			     void *ctx)
{
	pcre2_match_data *md = NULL;
	size_t pos = 0, seen = 0, ls = 0, ms, me;
	int l = line, nl = 0, rc = 0;

	/* most paragraphs cite nothing: no allocation, no regex for them */
	while ((pos = next_open(text, len, pos)) < len) {
		if (!md && !(md = cite_re_md()))
			return ML_ENOMEM;
		rc = cite_re_find(CITE_RE_MARKER, text, len, pos, md, &ms, &me);
		if (rc != 1)
			break;
		while (seen < ms) { /* lines before the marker */
			const char *n = memchr(text + seen, '\n', ms - seen);
			if (!n) {
				seen = ms;
				break;
			}
			l++;
			nl = 1;
			seen = ls = (size_t)(n - text) + 1;
		}
		if (!link_like(text, len, ms, me) &&
		    !has_zero(text, ms + 1, me - 1))
			marker_numbers(text, ms + 1, me - 1, l,
				       nl ? (int)(ms - ls) + 1
					  : column + (int)ms,
				       cb, ctx);
		pos = me;
	}
	pcre2_match_data_free(md);
	return rc < 0 && rc != ML_EINVAL ? rc : ML_OK;
}

/* ---- keys ------------------------------------------------------------- */

/* Duplicates are found on a 64-bit FNV-1a hash of a key taken from the
 * raw source, so the list check allocates nothing per entry: the DOI
 * when there is one (doi:, dx.doi.org and https://doi.org/ forms agree),
 * else the letters and digits in lower case, without emphasis, spaces,
 * punctuation, typographic quotes and dashes. */
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static char lower(char ch)
{
	return (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
}

static int at_ci(const char *s, size_t len, size_t i, const char *lit)
{
	size_t k;

	for (k = 0; lit[k]; k++)
		if (i + k >= len || lower(s[i + k]) != lit[k])
			return 0;
	return 1;
}

/* Where the DOI (10.…) starts in the raw text, or len. */
static size_t raw_doi(const char *s, size_t len)
{
	size_t i, d;

	for (i = 0; i + 4 < len; i++) {
		if (s[i] != 'd' && s[i] != 'D')
			continue;
		if (at_ci(s, len, i, "doi.org/"))
			d = i + 8;
		else if (at_ci(s, len, i, "doi:"))
			d = i + 4 + (i + 4 < len && s[i + 4] == ' ');
		else
			continue;
		if (at_ci(s, len, d, "10."))
			return d;
	}
	return len;
}

static uint64_t dup_hash(const ml_ref_entry *e)
{
	const char *s = e->src;
	size_t i = raw_doi(s, e->len), end;
	uint64_t h = FNV_OFFSET;

	if (i < e->len) {
		for (end = i; end < e->len && !strchr(" \t\r\n>)", s[end]) &&
			      s[end] != '\0';
		     end++)
			;
		while (end > i && s[end - 1] == '.')
			end--;
		h = (h ^ 'D') * FNV_PRIME;
		for (; i < end; i++)
			h = (h ^ (unsigned char)lower(s[i])) * FNV_PRIME;
		return h;
	}
	for (i = 0; i < e->len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == 0xE2) { /* U+2000..U+2FFF: punctuation */
			i += 2;
			continue;
		}
		if (ch == 0xC2 && i + 1 < e->len &&
		    (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || ch >= 0x80)
			h = (h ^ (unsigned char)lower((char)ch)) * FNV_PRIME;
	}
	return h;
}

/* Letters and digits in lower case, other runs as one space. */
static void text_key(const cite_ctx *c, char *key, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < c->len && n + 1 < cap; i++) {
		unsigned char ch = (unsigned char)c->s[i];
		if (ch >= 'A' && ch <= 'Z')
			key[n++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			 ch >= 0x80)
			key[n++] = (char)ch;
		else if (n && key[n - 1] != ' ')
			key[n++] = ' ';
	}
	while (n && key[n - 1] == ' ')
		n--;
	key[n] = '\0';
}

typedef struct {
	uint64_t dup; /* duplicate key's hash */
	char *alpha;  /* alphabetical sort key; only for that order */
} entry_keys;

static int alpha_key(const ml_ref_entry *e, entry_keys *k)
{
	char sbuf[1024], key[KEY_MAX];
	uint32_t mbuf[1024];
	unsigned char ibuf[1024];
	cite_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.e = e;
	rc = cite_norm(&c, sbuf, mbuf, ibuf, sizeof(sbuf));
	if (rc)
		return rc;
	text_key(&c, key, sizeof(key));
	cite_norm_dispose(&c);
	k->alpha = ml_strdup(key);
	return k->alpha ? ML_OK : ML_ENOMEM;
}

/* ---- list checks ---------------------------------------------------- */

/* Small lists (the usual ones) use the caller's stack buffer. */
#define SCRATCH 512

static void *scratch(void *stack, size_t need)
{
	return need <= SCRATCH ? stack : malloc(need);
}

static void scratch_free(void *p, void *stack)
{
	if (p != stack)
		free(p);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_marker_pos(const void *a, const void *b)
{
	const ml_cite_marker *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->column < y->column ? -1 : x->column > y->column;
}

static const ml_ref_entry *entry_by_number(const ml_ref_entry *en, size_t n,
					   int number)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (en[i].number == number)
			return &en[i];
	return NULL;
}

static int check_defined(const ml_ref_entry *en, size_t n,
			 const ml_cite_marker *m, size_t nm, ml_findings *out)
{
	_Alignas(max_align_t) char stack[SCRATCH];
	int *nums = scratch(stack, (n ? n : 1) * sizeof(int));
	size_t i;

	if (!nums)
		return ML_ENOMEM;
	for (i = 0; i < n; i++)
		nums[i] = en[i].number;
	qsort(nums, n, sizeof(int), cmp_int);
	for (i = 0; i < nm; i++) {
		if (n && bsearch(&m[i].number, nums, n, sizeof(int), cmp_int))
			continue;
		if (!ml_findings_add(out, ML_RULE_CITATION_UNDEFINED, m[i].line,
				     m[i].column,
				     "[%d] cites no reference: the list has no "
				     "entry %d",
				     m[i].number, m[i].number)) {
			scratch_free(nums, stack);
			return ML_ENOMEM;
		}
	}
	scratch_free(nums, stack);
	return ML_OK;
}

static int check_unused(const ml_ref_entry *en, size_t n,
			const ml_cite_marker *m, size_t nm, ml_findings *out)
{
	_Alignas(max_align_t) char stack[SCRATCH];
	int *nums = scratch(stack, (nm ? nm : 1) * sizeof(int));
	size_t i;

	if (!nums)
		return ML_ENOMEM;
	for (i = 0; i < nm; i++)
		nums[i] = m[i].number;
	qsort(nums, nm, sizeof(int), cmp_int);
	for (i = 0; i < n; i++) {
		if (nm &&
		    bsearch(&en[i].number, nums, nm, sizeof(int), cmp_int))
			continue;
		if (!ml_findings_add(out, ML_RULE_CITATION_UNUSED, en[i].line,
				     en[i].column,
				     "reference %d is never cited: cite it as "
				     "[%d] or remove it",
				     en[i].number, en[i].number)) {
			scratch_free(nums, stack);
			return ML_ENOMEM;
		}
	}
	scratch_free(nums, stack);
	return ML_OK;
}

static int entries_empty(const ml_ref_entry *e)
{
	size_t i;

	for (i = 0; i < e->len; i++)
		if (e->src[i] != ' ' && e->src[i] != '\n' && e->src[i] != '\t')
			return 0;
	return 1;
}

static int check_dups(const ml_ref_entry *en, size_t n, const entry_keys *k,
		      ml_findings *out)
{
	size_t i, j;

	for (j = 1; j < n; j++) {
		for (i = 0; i < j; i++) {
			if (k[i].dup != k[j].dup || entries_empty(&en[j]))
				continue;
			if (!ml_findings_add(out, ML_RULE_CITATION_DUPLICATE,
					     en[j].line, en[j].column,
					     "same reference as entry %d: keep "
					     "one and renumber its markers",
					     en[i].number))
				return ML_ENOMEM;
			break;
		}
	}
	return ML_OK;
}

static int check_alpha(const ml_ref_entry *en, size_t n, const entry_keys *k,
		       ml_findings *out)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (strcmp(k[i - 1].alpha, k[i].alpha) <= 0)
			continue;
		if (!ml_findings_add(out, ML_RULE_CITATION_ORDER, en[i].line,
				     en[i].column,
				     "out of alphabetical order: reference %d "
				     "sorts before reference %d",
				     en[i].number, en[i - 1].number))
			return ML_ENOMEM;
	}
	return ML_OK;
}

static int seen_before(const ml_cite_marker *s, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (s[j].number == s[i].number)
			return 1;
	return 0;
}

/* Numbered in order of first citation: the first-cited numbers rise. */
static int check_cited_order(const ml_ref_entry *en, size_t n,
			     const ml_cite_marker *m, size_t nm,
			     ml_findings *out)
{
	_Alignas(max_align_t) char stack[SCRATCH];
	ml_cite_marker *s = scratch(stack, (nm ? nm : 1) * sizeof(*s));
	int high = 0, rc = ML_OK;
	const ml_cite_marker *at_high = NULL;
	const ml_ref_entry *e;
	size_t i;

	if (!s)
		return ML_ENOMEM;
	if (nm)
		memcpy(s, m, nm * sizeof(*s));
	qsort(s, nm, sizeof(*s), cmp_marker_pos);
	for (i = 0; i < nm; i++) {
		if (!entry_by_number(en, n, s[i].number))
			continue;
		if (s[i].number > high) {
			high = s[i].number;
			at_high = &s[i];
			continue;
		}
		if (s[i].number == high || seen_before(s, i))
			continue;
		e = entry_by_number(en, n, at_high->number);
		if (!ml_findings_add(out, ML_RULE_CITATION_ORDER, e->line,
				     e->column,
				     "reference %d is first cited (line %d) "
				     "before reference %d (line %d): number "
				     "references in order of first citation",
				     at_high->number, at_high->line,
				     s[i].number, s[i].line))
			rc = ML_ENOMEM;
		break;
	}
	scratch_free(s, stack);
	return rc;
}

static void free_keys(entry_keys *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(k[i].alpha);
}

int ml_citation_check_list(const ml_ref_entry *entries, size_t n,
			   const ml_cite_marker *markers, size_t nmarkers,
			   ml_cite_order order, ml_findings *out)
{
	_Alignas(max_align_t) char stack[SCRATCH];
	entry_keys *k = scratch(stack, (n ? n : 1) * sizeof(*k));
	size_t i;
	int rc = ML_OK;

	if (!k)
		return ML_ENOMEM;
	memset(k, 0, (n ? n : 1) * sizeof(*k));
	for (i = 0; i < n; i++)
		k[i].dup = dup_hash(&entries[i]);
	for (i = 0; i < n && !rc && order == ML_ORDER_ALPHABETICAL; i++)
		rc = alpha_key(&entries[i], &k[i]);
	if (!rc)
		rc = check_defined(entries, n, markers, nmarkers, out);
	if (!rc)
		rc = check_unused(entries, n, markers, nmarkers, out);
	if (!rc)
		rc = check_dups(entries, n, k, out);
	if (!rc && order == ML_ORDER_ALPHABETICAL)
		rc = check_alpha(entries, n, k, out);
	if (!rc && order == ML_ORDER_CITATION)
		rc = check_cited_order(entries, n, markers, nmarkers, out);
	free_keys(k, n);
	scratch_free(k, stack);
	return rc;
}
