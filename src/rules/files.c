/* files.c - slug-filename, related-term-missing, and the content index
 * (the set of article slugs under the content root) they rely on.
 *
 * The index is created before the workers start but walked only when a
 * lookup first needs it (under a lock, once): a pre-commit run over one
 * file whose related articles sit beside it never walks the tree. The
 * walk stays inside the root: folders are opened with O_NOFOLLOW, and a
 * symbolic link counts as an article only when it resolves to a regular
 * file inside the root. */
#define _DEFAULT_SOURCE /* d_type */
#include "rules/rules.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/common.h"
#include "parse/node.h"

#define MAX_DEPTH 64
#define MAX_ENTRIES 2000000

struct ml_content_index {
	const char **slots; /* open addressing; NULL is empty */
	size_t cap, n;
	ml_tree *arena;     /* the slug strings */
	size_t npaths;      /* of the n keys, "/folder/name.md" ones */
	char *root;
	pthread_mutex_t lock;
	atomic_int state;   /* 0 not walked, 1 walked, -1 the walk failed */
};

static int index_walk(const char *root, ml_content_index *x);

/* Walk on first use; later lookups read without locking. */
static int ensure_walked(const ml_content_index *cx)
{
	ml_content_index *x = (ml_content_index *)cx;

	if (atomic_load(&x->state) == 0) {
		pthread_mutex_lock(&x->lock);
		if (atomic_load(&x->state) == 0)
			atomic_store(&x->state, index_walk(x->root, x) ? -1 : 1);
		pthread_mutex_unlock(&x->lock);
	}
	return atomic_load(&x->state) == 1;
}

/* ---- the index --------------------------------------------------------- */

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t probe(const ml_content_index *x, const char *s, size_t n)
{
	size_t i = (size_t)hash(s, n) & (x->cap - 1);

	while (x->slots[i] &&
	       (strlen(x->slots[i]) != n || memcmp(x->slots[i], s, n)))
		i = (i + 1) & (x->cap - 1);
	return i;
}

static int rehash(ml_content_index *x)
{
	const char **old = x->slots;
	size_t ocap = x->cap, i;

	x->cap = ocap ? ocap * 2 : 1024;
	x->slots = calloc(x->cap, sizeof(*x->slots));
	if (!x->slots) {
		x->slots = old;
		x->cap = ocap;
		return ML_ENOMEM;
	}
	for (i = 0; i < ocap; i++)
		if (old[i])
			x->slots[probe(x, old[i], strlen(old[i]))] = old[i];
	free(old);
	return ML_OK;
}

static int insert(ml_content_index *x, const char *s, size_t n)
{
	size_t i;

	if ((x->n + 1) * 2 > x->cap && rehash(x))
		return ML_ENOMEM;
	i = probe(x, s, n);
	if (x->slots[i])
		return ML_OK;
	if (!(x->slots[i] = ml_tree_strndup(x->arena, s, n)))
		return ML_ENOMEM;
	x->n++;
	return ML_OK;
}

int ml_content_index_has(const ml_content_index *x, const char *slug,
			 size_t len)
{
	if (!x)
		return 0;
	if (!ensure_walked(x))
		return 1; /* unknown: the run reports the failed walk */
	return x->cap && x->slots[probe(x, slug, len)] != NULL;
}

int ml_content_index_has_file(const ml_content_index *x, const char *rel)
{
	if (!x || atomic_load(&x->state) != 1)
		return -1;
	return x->cap && x->slots[probe(x, rel, strlen(rel))] != NULL;
}

void ml_content_index_prime(const ml_content_index *x)
{
	if (x)
		ensure_walked(x);
}

int ml_content_index_failed(const ml_content_index *x)
{
	return x && atomic_load(&x->state) < 0;
}

size_t ml_content_index_count(const ml_content_index *x)
{
	return x && ensure_walked(x) ? x->n - x->npaths : 0;
}

void ml_content_index_free(ml_content_index *x)
{
	if (!x)
		return;
	free(x->slots);
	ml_tree_free(x->arena);
	free(x->root);
	pthread_mutex_destroy(&x->lock);
	free(x);
}

/* ---- the walk ------------------------------------------------------------ */

typedef struct {
	ml_content_index *x;
	char *real_root; /* realpath of the root */
	ml_buf path;     /* the folder being read, from the root */
	size_t root_len; /* of the root's own part of path */
	size_t entries;
} walk_state;

static int md_name(const char *name, size_t *stem)
{
	size_t n = strlen(name);

	*stem = n > 3 ? n - 3 : 0;
	return n > 3 && !strcmp(name + n - 3, ".md");
}

/* A link named *.md counts when it resolves to a file inside the root. */
static int link_inside(walk_state *w, const char *name)
{
	size_t mark = w->path.len, rl = strlen(w->real_root);
	char *real;
	struct stat st;
	int ok;

	if (ml_buf_printf(&w->path, "/%s", name))
		return 0;
	real = realpath(ml_buf_cstr(&w->path), NULL);
	w->path.len = mark;
	w->path.ptr[mark] = '\0';
	ok = real && !strncmp(real, w->real_root, rl) && real[rl] == '/' &&
	     stat(real, &st) == 0 && S_ISREG(st.st_mode);
	free(real);
	return ok;
}

static int walk_dir(walk_state *w, int fd, int depth);

static int enter_dir(walk_state *w, int dfd, const char *name, int depth)
{
	size_t mark = w->path.len;
	int fd, rc;

	if (depth >= MAX_DEPTH || !strcmp(name, "node_modules"))
		return ML_OK;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ML_OK; /* unreadable or a link: not part of the tree */
	if (ml_buf_printf(&w->path, "/%s", name)) {
		close(fd);
		return ML_ENOMEM;
	}
	rc = walk_dir(w, fd, depth + 1);
	w->path.len = mark;
	w->path.ptr[mark] = '\0';
	return rc;
}

static int entry(walk_state *w, DIR *dir, struct dirent *e, int depth)
{
	unsigned char type = e->d_type;
	struct stat st;
	size_t stem;

	if (e->d_name[0] == '.' || ++w->entries > MAX_ENTRIES)
		return ML_OK;
	if (type == DT_UNKNOWN) {
		if (fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			return ML_OK;
		type = S_ISDIR(st.st_mode)   ? DT_DIR
		       : S_ISREG(st.st_mode) ? DT_REG
		       : S_ISLNK(st.st_mode) ? DT_LNK
					     : DT_UNKNOWN;
	}
	if (type == DT_DIR)
		return enter_dir(w, dirfd(dir), e->d_name, depth);
	if (!md_name(e->d_name, &stem))
		return ML_OK;
	if (type == DT_LNK && link_inside(w, e->d_name))
		return insert(w->x, e->d_name, stem);
	if (type == DT_REG) {
		/* The slug, and "/folder/name.md" from the root (a key no slug
		 * can be) for ml_content_index_has_file. */
		size_t mark = w->path.len;
		int rc = insert(w->x, e->d_name, stem);
		if (!rc && !(rc = ml_buf_printf(&w->path, "/%s", e->d_name)) &&
		    !(rc = insert(w->x, w->path.ptr + w->root_len,
				  w->path.len - w->root_len)))
			w->x->npaths++;
		w->path.len = mark;
		w->path.ptr[mark] = '\0';
		return rc;
	}
	return ML_OK;
}

/* Reads folder fd (and closes it). */
static int walk_dir(walk_state *w, int fd, int depth)
{
	DIR *dir = fdopendir(fd);
	struct dirent *e;
	int rc = ML_OK;

	if (!dir) {
		close(fd);
		return ML_OK;
	}
	while (!rc && (e = readdir(dir)))
		rc = entry(w, dir, e, depth);
	closedir(dir);
	return rc;
}

static int index_walk(const char *root, ml_content_index *x)
{
	walk_state w;
	int fd, rc = ML_ENOMEM;

	memset(&w, 0, sizeof(w));
	w.x = x;
	ml_buf_init(&w.path, PATH_MAX * 4);
	if (!(x->arena = ml_tree_new()) || rehash(x) || ml_buf_puts(&w.path, root))
		goto done;
	w.root_len = w.path.len;
	rc = ML_EIO;
	if (!(w.real_root = realpath(root, NULL)) ||
	    (fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		goto done;
	rc = walk_dir(&w, fd, 0);
done:
	free(w.real_root);
	ml_buf_dispose(&w.path);
	return rc;
}

int ml_content_index_build(const char *root, ml_content_index **out)
{
	ml_content_index *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x || !(x->root = ml_strdup(root))) {
		free(x);
		return ML_ENOMEM;
	}
	pthread_mutex_init(&x->lock, NULL);
	atomic_init(&x->state, 0);
	*out = x;
	return ML_OK;
}

/* ---- the rules ------------------------------------------------------------ */

/* File name without folder and ".md" (or any extension). */
static const char *file_stem(const char *path, size_t *n)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	*n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	return b;
}

static int check_slug(const ml_article *a, ml_findings *out)
{
	const ml_node *n = ml_node_get(a->fm, "slug");
	const char *slug = n && n->type == ML_NODE_STRING ? n->str : NULL, *stem;
	size_t len;

	if (!slug || !a->path || !*a->path || !strcmp(a->path, "-"))
		return ML_OK;
	stem = file_stem(a->path, &len);
	if (strlen(slug) == len && !memcmp(slug, stem, len))
		return ML_OK;
	return ml_findings_add(out, ML_RULE_SLUG_FILENAME, n->line, n->column,
			       "slug \"%s\" does not match the file name \"%s\": "
			       "rename the file to %s.md or set slug: %.*s",
			       slug, stem, slug, (int)len, stem)
		       ? ML_OK
		       : ML_ENOMEM;
}

static int check_related(const ml_article *a, ml_findings *out)
{
	const ml_node *r = ml_node_get(a->fm, "related_terms");
	const ml_content_index *x = a->opts ? a->opts->index : NULL;
	size_t i;

	if (!r || r->type != ML_NODE_SEQ || !x)
		return ML_OK;
	for (i = 0; i < r->nitems; i++) {
		const ml_node *it = r->items[i];
		if (it->type != ML_NODE_STRING || !it->len ||
		    ml_sibling_file(a, it->str, ".md") ||
		    ml_content_index_has(x, it->str, it->len))
			continue;
		if (!ml_findings_add(out, ML_RULE_RELATED_TERM_MISSING, it->line,
				     it->column,
				     "related term \"%s\" has no article: no %s.md "
				     "under the content root",
				     it->str, it->str))
			return ML_ENOMEM;
	}
	return ML_OK;
}

int ml_check_files(const ml_article *a, ml_findings *out)
{
	int rc;

	if (!a->fm)
		return ML_OK;
	rc = check_slug(a, out);
	return rc ? rc : check_related(a, out);
}
