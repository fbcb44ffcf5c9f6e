/* fuzz_references.c - libFuzzer target: the reference-list parser and
 * checks (cite/: entries, authors, dates, titles, sources, identifiers,
 * in-text markers, list order) from arbitrary bytes.
 *
 * Each line of the input is one entry of a numbered list (as the
 * document model hands them over: the raw Markdown after "N. "); the
 * whole input is also scanned for in-text markers, and the list checks
 * run on both in the order the first byte picks. Every finding must sit
 * on a line of the input and every fix must replace bytes inside it.
 * Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise
 * replay.c feeds it the seed corpus tests/fuzz/references-corpus under
 * ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cite/citation.h"
#include "util/regex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ENTRIES 512
#define COLUMN 4 /* after "1. " */

typedef struct {
	ml_cite_marker *items;
	size_t len;
} markers;

static void on_marker(void *ctx, int number, int line, int column)
{
	markers *m = ctx;

	if (m->len < MAX_ENTRIES) {
		m->items[m->len].number = number;
		m->items[m->len].line = line;
		m->items[m->len].column = column;
		m->len++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *nouns[] = { "Achilles", "PubMed", "MRI" };
	static ml_ref_entry entries[MAX_ENTRIES];
	static ml_cite_marker marks[MAX_ENTRIES];
	ml_cite_opts o = { nouns, 3, 0, ML_CITE_APA7 };
	markers m = { marks, 0 };
	ml_findings out;
	ml_cite_meta meta;
	size_t i, n = 0, at = 0;
	int line = 1, lines = 1;
	char *text;

	if (!(text = malloc(size + 1)))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	o.double_hyphen_dash = size && (data[0] & 1);
	while (at < size && n < MAX_ENTRIES) {
		const char *nl = memchr(text + at, '\n', size - at);
		size_t end = nl ? (size_t)(nl - text) : size;

		entries[n].number = (int)n + 1;
		entries[n].src = text + at;
		entries[n].len = end - at;
		entries[n].line = line;
		entries[n].column = COLUMN;
		entries[n].offset = (long)at;
		n++;
		at = end + 1;
		line++;
	}
	for (i = 0; i < size; i++)
		lines += text[i] == '\n';
	ml_findings_init(&out);
	ml_regex_budget_reset(); /* one input is one file */
	for (i = 0; i < n; i++) {
		if (ml_citation_check_entry(&entries[i], &o, &out))
			goto done;
		if (ml_citation_extract(&entries[i], &meta) == ML_OK &&
		    (meta.nids > ML_CITE_MAX_IDS ||
		     !memchr(meta.title, '\0', sizeof(meta.title))))
			abort();
	}
	if (ml_citation_scan_markers(text, size, 1, 1, on_marker, &m) ||
	    ml_citation_check_list(
		    entries, n, m.items, m.len,
		    size ? (ml_cite_order)(data[0] % 3) : ML_ORDER_NONE, &out))
		goto done;
	for (i = 0; i < out.len; i++) {
		const ml_finding *f = &out.items[i];

		if (f->line < 1 || f->line > lines || f->column < 1 ||
		    !f->message || !f->message[0] ||
		    (f->end_line && f->end_line < f->line) ||
		    (f->fix_offset >= 0 &&
		     (size_t)f->fix_offset + f->fix_len > size))
			abort();
	}
	for (i = 0; i < m.len; i++)
		if (marks[i].line < 1 || marks[i].line > lines ||
		    marks[i].column < 1)
			abort();
done:
	ml_findings_dispose(&out);
	free(text);
	return 0;
}
