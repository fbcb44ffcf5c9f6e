/* bench/floor.c - the parse floor: what reading an article costs before
 * any check runs.
 *
 * For each file under the folders named on the command line (walked in
 * sorted order, *.md only): read it whole, split the front matter between
 * its "---" lines, run libyaml's event parser over it to the end, and parse
 * the body with cmark-gfm and the table extension, as src/parse/ does.
 * Nothing is checked or printed but a count: bench/run divides medlint's
 * files/s by this program's to say how near the floor medlint runs.
 *
 * usage: medlint_floor DIR...   (prints "files N bytes B events E")
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <yaml.h>

typedef struct {
	unsigned long files;
	unsigned long long bytes;
	unsigned long long events;
	cmark_syntax_extension *table;
} totals;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1))) {
		*len = fread(s, 1, (size_t)n, f);
		s[*len] = '\0';
	}
	fclose(f);
	return s;
}

/* libyaml events over the front matter, to the stream end or an error. */
static void parse_yaml(const char *s, size_t len, totals *t)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	if (!yaml_parser_initialize(&p))
		return;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	while (!done && yaml_parser_parse(&p, &ev)) {
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		t->events++;
	}
	yaml_parser_delete(&p);
}

static void parse_markdown(const char *s, size_t len, totals *t)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc;

	cmark_parser_attach_syntax_extension(p, t->table);
	cmark_parser_feed(p, s, len);
	doc = cmark_parser_finish(p);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

static void one_file(const char *path, totals *t)
{
	size_t len = 0, body = 0;
	char *s = slurp(path, &len);
	const char *end;

	if (!s)
		return;
	if (len >= 4 && strncmp(s, "---\n", 4) == 0 &&
	    (end = strstr(s + 4, "\n---\n"))) {
		parse_yaml(s + 4, (size_t)(end + 1 - (s + 4)), t);
		body = (size_t)(end + 5 - s);
	}
	parse_markdown(s + body, len - body, t);
	t->files++;
	t->bytes += len;
	free(s);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, totals *t);

static void visit(const char *dir, const char *name, totals *t)
{
	char path[4096];
	struct stat st;
	size_t n = strlen(name);

	if (name[0] == '.' ||
	    snprintf(path, sizeof(path), "%s/%s", dir, name) >=
		    (int)sizeof(path) ||
	    stat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode))
		walk(path, t);
	else if (S_ISREG(st.st_mode) && n > 3 && strcmp(name + n - 3, ".md") == 0)
		one_file(path, t);
}

static void walk(const char *dir, totals *t)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, i;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(grown = realloc(names, cap * sizeof(*names))))
				break;
			names = grown;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		visit(dir, names[i], t);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	totals t = { 0, 0, 0, NULL };
	struct stat st;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: medlint_floor DIR|FILE...\n");
		return 2;
	}
	cmark_gfm_core_extensions_ensure_registered();
	t.table = cmark_find_syntax_extension("table");
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(argv[i], &t);
		else
			one_file(argv[i], &t);
	}
	printf("files %lu bytes %llu events %llu\n", t.files, t.bytes,
	       t.events);
	return t.files ? 0 : 1;
}
